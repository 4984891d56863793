"""The sentences of a reasoning step (reasoning_prose.py): the answer given, the rule, its
authority."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.law.loading import load_law
from copyrightable.law.model import OPTIONAL_STATES, QUESTION_STATES
from copyrightable.render.reasoning_prose import (
    condition_words,
    fact_clause,
    open_clause,
    step_text,
)
from copyrightable.render.rulebook import condition_words as rulebook_words

LAW = load_law(None)


def test_every_question_has_its_clauses_in_both_languages() -> None:
    """A new question reads correctly without them (see the fallback test), but not smoothly.

    The clauses are questionnaire data (`states`); the loader has checked their keys,
    languages and placeholders, so here only that none is missing from the shipped rules.
    """
    for question in LAW.all_questions().values():
        kinds = QUESTION_STATES[question.type.value]
        needed = set(kinds) - OPTIONAL_STATES
        assert needed <= {state for state, _ in question.states}, f"add states to {question.id}"


def test_a_number_clause_says_one_in_the_singular() -> None:
    # The fact carries its question's text, as a Result does: the shipped question is meant
    # even if this process loaded a test law whose question has the same id (xdist order).
    text = load_law(None).all_questions()["prompt_count"].text
    fact = {
        "question": "prompt_count",
        "text": {"en": text.en, "zh": text.zh},
        "answer": 1,
        "answer_label": {"en": "1", "zh": "1"},
    }
    assert fact_clause(fact, "en") == "you submitted 1 prompt for the element"
    many = {**fact, "answer": 40, "answer_label": {"en": "40", "zh": "40"}}
    assert fact_clause(many, "en", "record") == "the user submitted 40 prompts for the element"
    assert fact_clause(many, "zh") == "您为本组成部分提交了40次提示词"


def test_the_clauses_printed_are_those_of_the_rules_loaded(tmp_path: Path) -> None:
    """A `--rules` folder's own wording reaches the reasoning, not the shipped one."""
    folder = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, folder)
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(
        questionnaire.read_text().replace("{you} used AI", "{you} relied on an AI model")
    )
    try:
        load_law(folder)
        fact = {"question": "ai_used", "answer": True, "answer_label": {"en": "yes"}}
        assert fact_clause(fact, "en", "record") == "the user relied on an AI model"
        assert open_clause(fact, "en") == "whether you relied on an AI model"
    finally:
        load_law(None)  # the shipped clauses again, for the tests that follow
    assert fact_clause(fact, "en") == "an AI tool was used in making the element"


@pytest.mark.parametrize("voice", ["you", "record"])
def test_a_clause_states_the_actual_answer_in_the_voice_asked_for(voice: str) -> None:
    fact = {"question": "records_kept", "answer": False, "answer_label": {"en": "no"}}
    said = fact_clause(fact, "en", voice)  # type: ignore[arg-type]
    person = "you" if voice == "you" else "the user"
    assert said == f"{person} kept no records of the creative process made at the time"
    zh = fact_clause(fact, "zh", voice)  # type: ignore[arg-type]
    assert zh == ("您" if voice == "you" else "用户") + "未保留创作过程中同步形成的记录"


def test_an_answer_that_does_not_arise_is_not_stated() -> None:
    assert fact_clause({"question": "ai_used", "answer": "n/a"}, "en") is None


def test_a_question_without_a_clause_reads_as_its_own_text_and_answer() -> None:
    fact = {
        "question": "new_question",
        "text": {"en": "Did you sign it?", "zh": "您是否签名？"},
        "answer": True,
        "answer_label": {"en": "yes", "zh": "是"},
    }
    assert fact_clause(fact, "en") == "the answer to “Did you sign it” is yes"
    assert fact_clause(fact, "en", "record") == "the answer to “Did the user sign it” is yes"
    assert open_clause(fact, "zh", "record") == "“用户是否签名”"


def test_a_step_that_could_not_be_decided_names_the_missing_answer() -> None:
    step = {
        "rule": "us.x",
        "outcome": "unknown",
        "statement": {"en": "Registration is a condition of suit."},
        "cites": [{"authority": "a", "pinpoint": "§411(a)"}],
        "conditions": [
            {
                "truth": "unknown",
                "facts": [{"question": "published", "answer": "unknown", "source": "stated"}],
            }
        ],
    }
    text = step_text(step, None, {"a": {"short": "17 U.S.C."}}, "en")
    assert text == (
        "It is not known whether the work has been published, so this rule could not be "
        "decided: registration is a condition of suit (17 U.S.C., §411(a))."
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_rule_condition_reads_like_the_engine(lang: str) -> None:
    for ruleset in LAW.rulesets.values():
        for rule in ruleset.rules:
            if rule.when is None:
                continue
            said = rulebook_words(LAW, ruleset, rule.when, lang)
            assert said and not re.search(r"not \[|并非［|\[|［", said), (rule.id, said)


def test_a_negated_yes_no_test_reads_as_the_other_answer() -> None:
    from copyrightable.law.model import Leaf, Not

    class Labels:
        question = staticmethod(LAW.all_questions().__getitem__)

        @staticmethod
        def finding(finding_id: str) -> str:
            return finding_id

        @staticmethod
        def value(question_id: str, value: object) -> str:
            return str(value)

    said = condition_words(Not(Leaf("ai_used", "eq", True)), Labels, "en")
    assert said == "no AI tool was used in making the element"
