"""The interview's logic without a terminal: what comes next, what an answer changes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import interview_steps
from tests.interview_steps import q
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.interview.next_question import ELEMENTS, TITLE, Interview, Status, Step, StepKind
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, QuestionType
from copyrightable.result.join import joined

LAW = load_law(FIXTURE_LAW)
EVALUATOR = Evaluator(LAW)
WHEN = "2026-12-01T09:30:00Z"  # answered_at must be a real moment, as in a saved file


def started(*kinds: str) -> Interview:
    """An interview under the fixture law with a title and elements chosen and named."""
    return interview_steps.started(LAW, EVALUATOR, *kinds)


def statuses(interview: Interview) -> dict[tuple[str | None, str], str]:
    return {
        (step.element, step.question): status.value
        for step, status in interview.plan().steps
        if step.kind is StepKind.QUESTION
    }


def test_title_then_elements_then_names_then_work_then_each_element() -> None:
    interview = Interview(LAW, EVALUATOR.prepared)
    assert interview.next_step() == TITLE
    interview.answer(TITLE, "Zarya")
    assert interview.next_step() == ELEMENTS
    interview.answer(ELEMENTS, ["image", "text"])
    order = interview.plan().pending()
    assert order[:2] == [Step(StepKind.LABEL, "text"), Step(StepKind.LABEL, "image")]
    assert order[2] == q(None, "ai_named_author")
    assert order[3:5] == [q("text", "ai_used"), q("text", "prompt_count")]
    assert order[-1] == q("image", "tools")


def test_questions_whose_ask_if_fails_are_not_asked_for_that_element_only() -> None:
    interview = started("text", "image")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("text", "ai_used"), "no")
    found = statuses(interview)
    assert ("text", "prompt_count") not in found  # ask_if: ai_used = yes
    assert ("text", "edits") not in found
    assert found[("image", "prompt_count")] == "pending"


def test_a_question_that_can_no_longer_change_any_verdict_is_skipped() -> None:
    interview = started("image")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("image", "ai_used"), "yes")
    interview.answer(q("image", "prompt_count"), 3)
    assert statuses(interview)[("image", "tools")] == "pending"
    change = interview.answer(q("image", "edits"), "substantial")  # a human made it: decided
    assert change.skipped == 1
    assert statuses(interview)[("image", "tools")] == "not_needed"
    assert interview.complete
    record = interview.record()
    assert record.not_asked == {"image": {"tools": "not_needed"}}


def test_unknown_is_an_answer_and_leaves_the_verdict_open() -> None:
    interview = started("image")
    for step, raw in [
        (q(None, "ai_named_author"), "no"),
        (q("image", "ai_used"), "yes"),
        (q("image", "prompt_count"), "unknown"),
        (q("image", "edits"), "none"),
    ]:
        interview.answer(step, raw)
    assert interview.value(q("image", "prompt_count")) == UNKNOWN
    interview.answer(q("image", "tools"), [])
    assert interview.complete
    result = joined(EVALUATOR.evaluate(interview.answers("inline", WHEN, "en")))
    element = result["jurisdictions"][0]["elements"][0]
    assert element["verdict"] == "undetermined"
    assert [item["question"] for item in element["undetermined_by"]] == ["prompt_count"]


def test_going_back_reaches_the_answered_step_before_and_keeps_later_answers() -> None:
    interview = started("image")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("image", "ai_used"), "yes")
    interview.answer(q("image", "prompt_count"), 3)
    here = interview.next_step()
    assert here == q("image", "edits")
    back = interview.previous_step(here)
    assert back == q("image", "prompt_count")
    assert interview.previous_step(back) == q("image", "ai_used")
    interview.answer(back, 4)  # changed: every other answer stays, and we resume at the frontier
    assert interview.value(q("image", "ai_used")) is True
    assert interview.next_step() == here
    assert interview.previous_step(TITLE) is None
    assert interview.previous_step(None) == back  # from the review: the last answer


def test_changing_an_answer_sets_aside_what_stops_applying_and_changing_back_restores_it() -> None:
    interview = started("image")
    for step, raw in [
        (q(None, "ai_named_author"), "no"),
        (q("image", "ai_used"), "yes"),
        (q("image", "prompt_count"), 600),
        (q("image", "edits"), "minor"),
        (q("image", "tools"), ["brush"]),
    ]:
        interview.answer(step, raw)
    change = interview.answer(q("image", "ai_used"), "no")
    assert change.set_aside == 2  # prompt_count and edits no longer apply
    part = interview.part("image")
    assert part.answers == {"ai_used": False, "tools": ("brush",)}
    assert part.set_aside == {"prompt_count": 600.0, "edits": "minor"}
    assert interview.record().set_aside == {"image": {"prompt_count": 600.0, "edits": "minor"}}
    change = interview.answer(q("image", "ai_used"), "yes")
    assert change.restored == 2
    assert part.answers["prompt_count"] == 600.0 and part.answers["edits"] == "minor"
    assert interview.next_step() is None


def test_a_change_that_makes_questions_apply_asks_only_those() -> None:
    interview = started("text", "image")
    for step, raw in [
        (q(None, "ai_named_author"), "no"),
        (q("text", "ai_used"), "no"),
        (q("image", "ai_used"), "no"),
    ]:
        interview.answer(step, raw)
    assert interview.complete
    change = interview.answer(q("text", "ai_used"), "yes")
    assert change.newly_pending == 3
    assert interview.plan().pending() == [
        q("text", "prompt_count"),
        q("text", "edits"),
        q("text", "tools"),
    ]
    assert interview.value(q("image", "ai_used")) is False


def test_unticking_an_element_and_ticking_it_again_brings_its_answers_back() -> None:
    interview = started("text", "image")
    interview.answer(Step(StepKind.LABEL, "image"), "The Midjourney images")
    interview.answer(q("image", "ai_used"), "yes")
    interview.answer(ELEMENTS, ["text"])
    assert [part.id for part in interview.parts] == ["text"]
    interview.answer(ELEMENTS, ["text", "image"])
    part = interview.part("image")
    assert part.label == "The Midjourney images" and part.answers == {"ai_used": True}


def test_another_element_of_the_same_kind_gets_its_own_id_and_questions() -> None:
    interview = started("image")
    label_step = interview.add_element("image")
    assert label_step == Step(StepKind.LABEL, "image_2")
    assert interview.next_step() == label_step
    interview.answer(label_step, "Cover")
    assert q("image_2", "ai_used") in interview.plan().pending()


def test_an_optional_question_left_blank_counts_as_unknown_and_is_recorded() -> None:
    interview = started("image")
    for step, raw in [
        (q(None, "ai_named_author"), "no"),
        (q("image", "ai_used"), "yes"),
        (q("image", "prompt_count"), 3),
        (q("image", "edits"), "none"),
    ]:
        interview.answer(step, raw)
    interview.leave_blank(q("image", "tools"))
    assert interview.complete
    assert interview.record().not_asked == {"image": {"tools": "left_blank"}}
    element = joined(EVALUATOR.evaluate(interview.answers("x", WHEN, "en")))["jurisdictions"][0][
        "elements"
    ][0]
    assert element["verdict"] == "undetermined"  # never a silent "no eraser"
    assert [item["question"] for item in element["undetermined_by"]] == ["tools"]


def test_invalid_answers_are_refused_and_change_nothing() -> None:
    interview = started("image")
    before = interview.plan()
    for step, raw in [
        (q("image", "ai_used"), "maybe"),
        (q("image", "edits"), "lots"),
        (q(None, "ai_named_author"), "unknown"),
        (TITLE, "  "),
        (ELEMENTS, []),
        (ELEMENTS, ["sculpture"]),
    ]:
        with pytest.raises(InputError):
            interview.answer(step, raw)
    with pytest.raises(InputError, match="needs an answer"):
        interview.leave_blank(q("image", "ai_used"))
    assert interview.plan() == before


def test_a_saved_draft_resumes_at_the_same_question_with_everything_kept() -> None:
    interview = started("text", "image")
    for step, raw in [
        (q(None, "ai_named_author"), "no"),
        (q("text", "ai_used"), "yes"),
        (q("text", "prompt_count"), 2),
        (q("text", "ai_used"), "no"),
    ]:
        interview.answer(step, raw)
    text = interview.to_yaml("2026-01-01T00:00:00Z", "en")
    answers = answers_from_text(text, LAW, "draft.yaml", partial=True)
    again = Interview.from_answers(answers, LAW, EVALUATOR.prepared)
    assert again.next_step() == interview.next_step() == q("image", "ai_used")
    assert again.part("text").set_aside == {"prompt_count": 2.0}
    assert again.to_yaml("2026-01-01T00:00:00Z", "en") == text
    again.answer(q("text", "ai_used"), "yes")  # the set-aside answer survives the round trip
    assert again.value(q("text", "prompt_count")) == 2.0


# ------------------------------------------------------------------ skipping is safe

VALUES = {
    QuestionType.YES_NO: ["yes", "no"],
    QuestionType.NUMBER: [3, 50, "unknown"],
    QuestionType.SINGLE: ["none", "minor", "substantial", "unknown"],
    QuestionType.MULTIPLE: [[], ["brush"], ["eraser"], ["brush", "eraser"]],
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_answer_to_a_skipped_question_would_have_changed_the_result(data: st.DataObject) -> None:
    """Answer at random; then every way of answering the skipped questions gives the same
    verdicts, authors and recommendations (the real engine decides) as leaving them out."""
    interview = started(*data.draw(st.sampled_from([["image"], ["text", "image"]])))
    while (step := interview.next_step()) is not None:
        question = interview.question(step)
        interview.answer(step, data.draw(st.sampled_from(VALUES[question.type])))
    skipped = [step for step, status in interview.plan().steps if status is Status.NOT_NEEDED]
    baseline = _verdicts(interview)
    for step in skipped:
        if not interview.can_answer_anyway(step):
            continue
        for raw in VALUES[interview.question(step).type]:
            trial = Interview.from_answers(
                answers_from_text(interview.to_yaml(WHEN, "en"), LAW, "x", partial=True),
                LAW,
                EVALUATOR.prepared,
            )
            trial.answer(step, raw)
            assert _verdicts(trial) == baseline, (step, raw)


def _verdicts(interview: Interview) -> list[tuple[str, str, str | None, list[str]]]:
    result = joined(EVALUATOR.evaluate(interview.answers("x", WHEN, "en")))
    return [
        (j["id"], e["verdict"], e["author"], [r["id"] for r in e["recommendations"]])
        for j in result["jurisdictions"]
        for e in j["elements"]
    ]


def test_resuming_a_draft_with_an_answer_that_does_not_apply_sets_it_aside() -> None:
    text = (
        "meta: {schema: 1, title: T, interview: {complete: false}}\n"
        "work: {ai_named_author: no}\n"
        "elements:\n  art: {kind: image, answers: {ai_used: no, edits: minor}}\n"
    )
    interview = Interview.from_answers(
        answers_from_text(text, LAW, "d.yaml", partial=True), LAW, EVALUATOR.prepared
    )
    assert interview.part("art").answers == {"ai_used": False}
    assert interview.part("art").set_aside == {"edits": "minor"}


def test_a_file_given_in_both_languages_keeps_its_chinese_when_saved_back() -> None:
    """`ask --resume CASE -o NEW`: the labels and title in Chinese survive; a changed one goes."""
    from tests.tools import REPO

    from copyrightable.answers.answers_file import answers_from_text, load_answers

    law = load_law(REPO / "rules")
    evaluator = Evaluator(law, ["us"])
    case = load_answers(REPO / "cases" / "zarya-of-the-dawn.yaml", law, partial=True)
    interview = Interview.from_answers(case, law, evaluator.prepared)
    interview.answer(Step(StepKind.LABEL, "text"), "the comic's text")  # changed: English only
    again = answers_from_text(interview.to_yaml(WHEN, "en"), law, "new.yaml", partial=True)
    assert again.translations["elements.images.label"] == "Midjourney生成的图像"
    assert "elements.text.label" not in again.translations
    assert {e.id: e.label for e in again.elements}["text"] == "the comic's text"
