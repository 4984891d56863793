"""Answers files are validated against the questionnaire, with file:line and did-you-mean."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import (
    answers_from_data,
    answers_from_text,
    answers_to_yaml,
    load_answers,
)
from copyrightable.batch.records import located
from copyrightable.io.errors import InputError, Location
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, RuleValues
from copyrightable.reasoning.ruleset_evaluation import element_values
from random_answers import variants

LAW = load_law(FIXTURE_LAW)

GOOD = """\
meta: {schema: 1, title: "A comic"}
work: {ai_named_author: no}
elements:
  art:
    kind: image
    label: The pictures
    answers: {ai_used: yes, prompt_count: unknown, edits: minor, tools: [eraser, brush]}
"""


def error_for(text: str) -> str:
    with pytest.raises(InputError) as caught:
        answers_from_text(text, LAW, "a.yaml")
    return caught.value.one_line()


def test_values_are_normalised_and_unknown_is_kept() -> None:
    answers = answers_from_text(GOOD, LAW, "a.yaml")
    art = answers.elements[0]
    assert answers.work == {"ai_named_author": False}
    assert art.answers == {
        "ai_used": True,
        "prompt_count": UNKNOWN,
        "edits": "minor",
        "tools": ("brush", "eraser"),
    }
    assert art.label == "The pictures"


def test_hash_ignores_formatting_and_meta() -> None:
    reformatted = GOOD.replace('title: "A comic"', 'title: "Another", answered_by: x')
    reformatted = reformatted.replace("tools: [eraser, brush]", "tools: [brush, eraser]")
    assert (
        answers_from_text(GOOD, LAW, "a").sha256 == answers_from_text(reformatted, LAW, "b").sha256
    )


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("ai_named_author: no", "ai_named_autor: no"),
            "a.yaml:2: unknown key 'ai_named_autor' in 'work' (did you mean \"ai_named_author\"?)",
        ),
        (
            ("edits: minor", "edits: major"),
            "a.yaml:7: text 'major' is not an offered choice for question 'edits' (did you mean "
            '"minor"?); expected one of: none, minor, substantial, or unknown',
        ),
        (
            ("prompt_count: unknown", "prompt_count: many"),
            "a.yaml:7: text 'many' is not a number for question 'prompt_count'",
        ),
        (
            ("prompt_count: unknown", "prompt_count: -3"),
            "a.yaml:7: number -3 is below the minimum 0 for question 'prompt_count'",
        ),
        (
            ("ai_named_author: no", "ai_named_author: unknown"),
            "a.yaml:2: question 'ai_named_author' cannot be answered 'unknown'; expected yes or no",
        ),
        (("ai_used: yes, ", ""), "missing required answer 'ai_used' of element 'art'"),
        (
            ("kind: image", "kind: imag"),
            "a.yaml:5: kind is text 'imag' (did you mean \"image\"?); expected one of: text, image",
        ),
        (("schema: 1", "schema: 2"), "answers schema 2 is not supported; expected schema: 1"),
        (
            ("work: {ai_named_author: no}", "work: {ai_named_author: no, ai_used: yes}"),
            "question 'ai_used' is a element question; expected it under an element's 'answers:'",
        ),
    ],
)
def test_each_mistake_is_one_located_line(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    assert message in error_for(GOOD.replace(old, new, 1))


def test_an_answer_to_a_question_that_does_not_apply_is_an_error() -> None:
    text = GOOD.replace("ai_used: yes", "ai_used: no")
    assert "question 'prompt_count' does not apply for element 'art'" in error_for(text)


def test_not_applicable_questions_are_not_required() -> None:
    old = "{ai_used: yes, prompt_count: unknown, edits: minor, tools: [eraser, brush]}"
    text = GOOD.replace(old, "{ai_used: no}")
    answers = answers_from_text(text, LAW, "a.yaml")
    assert answers.elements[0].answers == {"ai_used": False}


def test_save_and_reload_round_trip(tmp_path: Path) -> None:
    answers = answers_from_text(GOOD, LAW, "a.yaml")
    path = tmp_path / "saved.yaml"
    path.write_text(answers_to_yaml(answers.meta, answers.work, answers.elements, LAW))
    again = load_answers(path, LAW)
    assert again.sha256 == answers.sha256
    assert again.elements[0].answers == answers.elements[0].answers


def test_evaluation_takes_the_values_validation_worked_out() -> None:
    """The values kept by validation are exactly those evaluation would work out,
    handed out as fresh dicts, and only for the questionnaire they were worked out for."""
    law = load_law()
    other = dataclasses.replace(law, questionnaire=dataclasses.replace(law.questionnaire))
    for number, document in enumerate(variants(law, 60, seed=7), start=1):
        answers = answers_from_data(located(document, Location("v", number)), law, "v")
        assert answers.rule_values is not None
        copied = dataclasses.replace(answers)  # replace never carries the kept values over
        assert copied.rule_values is None
        worked_out = element_values(law, copied)
        taken = element_values(law, answers)
        assert taken == worked_out
        assert list(taken) == [element.id for element in answers.elements]
        assert all(taken[e] is not answers.rule_values.elements[e] for e in taken)
    marked = dataclasses.replace(answers)
    blank: dict[str, dict[str, Any]] = {element.id: {} for element in answers.elements}
    marked.keep_rule_values(RuleValues(law.questionnaire, blank))
    assert element_values(law, marked) == blank  # taken as kept, not worked out
    assert element_values(other, marked) == element_values(law, answers)  # another questionnaire
