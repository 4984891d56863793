"""A skip never loses a fact: answers given stay, and an undetermined element is asked out.

Under the shipped rules, with the real engine: an answer whose question becomes
moot stays in the file and in the evaluation, and an interview answered at
random never leaves an element undetermined by a question it skipped.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.interview_steps import q, started
from tests.tools import FIXTURE_LAW, REPO

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.interview.next_question import Status
from copyrightable.law.loading import load_law
from copyrightable.law.model import QuestionType
from copyrightable.result.join import joined

RULES = REPO / "rules"


def test_an_answer_whose_question_becomes_moot_is_kept_and_counts() -> None:
    law = load_law(FIXTURE_LAW)
    evaluator = Evaluator(law)
    interview = started(law, evaluator, "image")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("image", "ai_used"), "yes")
    interview.answer(q("image", "prompt_count"), 3)
    interview.answer(q("image", "edits"), "none")
    interview.answer(q("image", "tools"), ["brush"])  # a fact the user has
    change = interview.answer(q("image", "edits"), "substantial")  # now tools cannot matter
    assert change.skipped == 0  # an answered question is not skipped
    assert interview.plan().status(q("image", "tools")) is Status.ANSWERED
    saved = answers_from_text(interview.to_yaml("2026-01-01T00:00:00Z", "en"), law, "x.yaml")
    assert saved.elements[0].answers["tools"] == ("brush",)
    assert "tools" not in (saved.interview.not_asked.get("image", {}) if saved.interview else {})


VALUES = {
    QuestionType.YES_NO: ["yes", "no", "unknown"],
    QuestionType.NUMBER: [1, 40, "unknown"],
    QuestionType.TEXT: ["x"],
    QuestionType.DATE: ["2024-01-01"],
}


def _values(question):  # type: ignore[no-untyped-def]
    if question.type in VALUES:
        return (
            VALUES[question.type]
            if question.unknown_allowed
            or question.type not in (QuestionType.YES_NO, QuestionType.NUMBER)
            else VALUES[question.type][:-1]
        )
    ids = question.choice_ids()
    if question.type is QuestionType.MULTIPLE:
        return [[], ids[:1], ids]
    return ids + (["unknown"] if question.unknown_allowed else [])


@pytest.mark.skipif(not (RULES / "us.yaml").exists(), reason="the shipped rules are absent")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_element_is_left_undetermined_by_a_question_the_interview_skipped(
    data: st.DataObject,
) -> None:
    law = load_law(RULES)
    evaluator = Evaluator(law)
    kinds = data.draw(st.sampled_from([["text"], ["image"], ["text", "image", "compilation"]]))
    interview = started(law, evaluator, *kinds)
    while (step := interview.next_step()) is not None:
        interview.answer(step, data.draw(st.sampled_from(_values(interview.question(step)))))
    skipped = {
        (step.element, step.question)
        for step, status in interview.plan().steps
        if status is Status.NOT_NEEDED
    }
    result = joined(evaluator.evaluate(interview.answers("x", "T", "en")))
    for jurisdiction in result["jurisdictions"]:
        for element in jurisdiction["elements"]:
            for item in element.get("undetermined_by") or []:
                scope = (
                    None
                    if law.questions()[item["question"]].scope.value == "work"
                    else element["id"]
                )
                assert (scope, item["question"]) not in skipped, (jurisdiction["id"], item)
