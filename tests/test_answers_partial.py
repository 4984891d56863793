"""Unfinished interviews: the tolerant loader and the interview record in meta."""

from __future__ import annotations

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text, answers_to_yaml
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law
from copyrightable.law.model import InterviewRecord

LAW = load_law(FIXTURE_LAW)

DRAFT = """\
meta:
  schema: 1
  title: A picture
  interview:
    complete: false
work:
  ai_named_author: no
elements:
  art:
    kind: image
    answers:
      ai_used: yes
"""


def test_a_draft_loads_partially_but_not_strictly_and_says_how_to_continue() -> None:
    answers = answers_from_text(DRAFT, LAW, "draft.yaml", partial=True)
    assert answers.elements[0].answers == {"ai_used": True}
    assert answers.interview == InterviewRecord(False, {}, {})
    with pytest.raises(InputError) as caught:
        answers_from_text(DRAFT, LAW, "draft.yaml")
    line = caught.value.one_line()
    assert "missing required answer 'prompt_count'" in line
    assert "copyrightable ask --resume draft.yaml" in line


def test_partial_loading_still_checks_ids_types_and_choices() -> None:
    for wrong, message in [
        ("ai_usd: yes", "unknown key 'ai_usd'"),
        ("ai_used: maybe", "is not yes or no"),
        ("edits: lots", "not an offered choice"),
    ]:
        text = DRAFT.replace("ai_used: yes", wrong)
        with pytest.raises(InputError, match=message):
            answers_from_text(text, LAW, "draft.yaml", partial=True)


def test_a_draft_may_hold_an_answer_whose_question_hangs_on_an_open_one() -> None:
    text = DRAFT.replace("ai_used: yes", "ai_used: no\n      edits: minor")
    answers = answers_from_text(text, LAW, "draft.yaml", partial=True)
    assert answers.elements[0].answers == {"ai_used": False, "edits": "minor"}
    with pytest.raises(InputError, match="question 'edits' does not apply"):
        answers_from_text(text, LAW, "draft.yaml")


def test_a_draft_may_have_no_element_yet() -> None:
    text = "meta: {schema: 1, title: T, interview: {complete: false}}\nelements: {}\n"
    assert answers_from_text(text, LAW, "d.yaml", partial=True).elements == ()
    with pytest.raises(InputError, match="'elements' is empty"):
        answers_from_text(text, LAW, "d.yaml")


COMPLETE = """\
meta:
  schema: 1
  title: A picture
  interview:
    complete: true
    not_asked:
      elements:
        art: {tools: left_blank}
    set_aside:
      elements:
        art: {edits: minor, prompt_count: 3}
work:
  ai_named_author: no
elements:
  art:
    kind: image
    answers:
      ai_used: no
"""

SKIPPED = """\
meta:
  schema: 1
  title: A picture
  interview:
    complete: true
    not_asked:
      elements:
        art: {prompt_count: not_needed}
work:
  ai_named_author: no
elements:
  art:
    kind: image
    answers:
      ai_used: yes
      edits: substantial
"""


def test_questions_the_interview_did_not_need_may_be_missing_in_a_complete_file() -> None:
    answers = answers_from_text(SKIPPED, LAW, "c.yaml")
    record = answers.interview
    assert record is not None and record.complete
    assert record.not_asked == {"art": {"prompt_count": "not_needed"}}
    assert "interview" not in answers.meta  # the Result's meta stays about the work
    with pytest.raises(InputError, match="missing required answer 'prompt_count'"):
        answers_from_text(
            SKIPPED.replace("prompt_count: not_needed", "tools: left_blank"), LAW, "c.yaml"
        )


def test_an_answer_and_a_set_aside_answer_to_one_question_is_an_error() -> None:
    with pytest.raises(
        InputError,
        match=r"answered and also listed under "
        r"meta\.interview\.set_aside",
    ):
        answers_from_text(
            COMPLETE.replace("ai_used: no", "ai_used: yes\n      edits: none"),
            LAW,
            "c.yaml",
            partial=True,
        )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("tools: left_blank", "tools: forgot", "is text 'forgot'"),
        ("{tools: left_blank}", "{ai_used: left_blank}", "cannot be left blank"),
        ("art: {tools", "painting: {tools", "unknown key 'painting'"),
        ("{edits: minor", "{edits: lots", "not an offered choice"),
        ("{edits: minor", "{ai_named_author: yes", "is a work question"),
        ("complete: true", "complete: maybe", "'complete' is text"),
    ],
)
def test_the_interview_record_is_validated_strictly(old: str, new: str, message: str) -> None:
    assert old in COMPLETE
    with pytest.raises(InputError, match=message):
        answers_from_text(COMPLETE.replace(old, new), LAW, "c.yaml", partial=True)


def test_the_record_survives_a_save_and_a_load() -> None:
    answers = answers_from_text(COMPLETE, LAW, "c.yaml")
    text = answers_to_yaml(
        {"title": answers.title}, answers.work, answers.elements, LAW, answers.interview
    )
    again = answers_from_text(text, LAW, "again.yaml")
    assert again.interview == answers.interview
    assert again.sha256 == answers.sha256
    assert "set_aside:\n      elements:\n        art:\n          prompt_count: 3\n" in text
