""" "I don't know" where a lawyer may not know the fact, and the evaluation copes.

Real records are incomplete: who made the work, whether AI was used, what an
arrangement contains may all be unknown to the person answering. Each
question that allows "unknown" is answered so in real case files, one at a
time (questions it opens answered "unknown" too), and the real engine must
still give every element of every jurisdiction a verdict.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from tests.tools import REPO

from copyrightable.answers.answers_file import answers_from_text, applicable_values
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.conditions import NOT_APPLICABLE
from copyrightable.law.loading import load_law
from copyrightable.law.model import Scope
from copyrightable.result.join import joined

RULES = REPO / "rules"
CASES = ["zarya-of-the-dawn", "li-v-liu", "theatre-dopera-spatial"]

# A lawyer answering about a client's work, or a student about a decided case,
# may not know any of these facts.
MAY_BE_UNKNOWN = {
    "ai_named_as_author",
    "actor",
    "larger_human_work",
    "us_registration",
    "ai_disclosed",
    "arrangement_by_ai",
    "arrangement_of",
    "ai_used",
    "ai_generated_content",
    "ai_autonomous",
    "system_configured",
    "prompts_used",
    "own_input_work",
    "region_edits",
    "ai_upscaling",
}

pytestmark = pytest.mark.skipif(
    not (RULES / "us.yaml").exists(), reason="the shipped rules are not in this checkout"
)


def test_every_fact_a_lawyer_may_not_know_can_be_answered_unknown() -> None:
    law = load_law(RULES)
    questions = law.questions()
    refused = sorted(
        q for q in MAY_BE_UNKNOWN if q in questions and not questions[q].unknown_allowed
    )
    assert refused == []


def _fill_opened(law: Any, data: dict[str, Any]) -> None:
    """Answer "unknown" to every question that now applies and has no answer."""
    questionnaire = law.questionnaire
    work = data["work"]
    for question in questionnaire.in_scope(Scope.WORK):
        values = applicable_values(questionnaire, work, None)
        if values[question.id] != NOT_APPLICABLE and question.id not in work:
            work[question.id] = "unknown"
    work_values = applicable_values(questionnaire, work, None)
    for element in data["elements"].values():
        answers = element.setdefault("answers", {})
        for question in questionnaire.in_scope(Scope.ELEMENT):
            values = applicable_values(questionnaire, answers, work_values, element["kind"])
            if values[question.id] != NOT_APPLICABLE and question.id not in answers:
                answers[question.id] = "unknown"
        values = applicable_values(questionnaire, answers, work_values, element["kind"])
        for name in [q for q in answers if values.get(q) == NOT_APPLICABLE]:
            del answers[name]  # a question the unknown closed is no longer asked
    for name in [q for q in work if work_values.get(q) == NOT_APPLICABLE]:
        del work[name]


@pytest.mark.parametrize("case", CASES)
def test_each_unknown_still_gives_every_element_a_verdict(case: str) -> None:
    law = load_law(RULES)
    evaluator = Evaluator(law)
    questions = law.questions()
    original = yaml.safe_load((REPO / "cases" / f"{case}.yaml").read_text(encoding="utf-8"))
    base = original["answers"]
    flipped = 0
    scopes = [(None, base["work"])] + [
        (e, body.get("answers", {})) for e, body in base["elements"].items()
    ]
    for element, answers in scopes:
        for name, value in answers.items():
            if value == "unknown" or not questions[name].unknown_allowed:
                continue
            data = copy.deepcopy(base)
            target = data["work"] if element is None else data["elements"][element]["answers"]
            target[name] = "unknown"
            _fill_opened(law, data)
            answers_file = answers_from_text(
                yaml.safe_dump(data, allow_unicode=True), law, f"{case}:{name}"
            )
            result = joined(evaluator.evaluate(answers_file, "2026-01-01T00:00:00Z"))
            for jurisdiction in result["jurisdictions"]:
                for outcome in jurisdiction["elements"]:
                    verdict = outcome["verdict"]
                    verdict = verdict["verdict"] if isinstance(verdict, dict) else verdict
                    assert verdict in (
                        "protectable",
                        "partially_protectable",
                        "not_protectable",
                        "undetermined",
                    ), (case, name)
            flipped += 1
    assert flipped >= 5
