"""What typed text means at each kind of question (both interview faces share this)."""

from __future__ import annotations

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.interview.typed_input import (
    Answer,
    Command,
    Parsed,
    Problem,
    option_count,
    parse,
)
from copyrightable.law import model
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, Question

QUESTIONS = load_law(FIXTURE_LAW).questions()
YES_NO, NUMBER, SINGLE, MULTIPLE = (
    QUESTIONS[name] for name in ("ai_named_author", "prompt_count", "edits", "tools")
)


@pytest.mark.parametrize(
    ("question", "typed", "expected"),
    [
        (YES_NO, "y", Answer(True)),
        (YES_NO, "YES", Answer(True)),
        (YES_NO, "2", Answer(False)),
        (YES_NO, "否", Answer(False)),
        (SINGLE, "3", Answer("substantial")),
        (SINGLE, "minor", Answer("minor")),
        (SINGLE, "轻微", Answer("minor")),
        (SINGLE, "4", Answer(UNKNOWN)),
        (SINGLE, "u", Answer(UNKNOWN)),
        (SINGLE, "不知道", Answer(UNKNOWN)),
        (MULTIPLE, "2, 1", Answer(["eraser", "brush"])),
        (MULTIPLE, "1 1", Answer(["brush"])),
        (MULTIPLE, "0", Answer([])),
        (MULTIPLE, "eraser", Answer(["eraser"])),
        (NUMBER, "600", Answer(600)),
        (NUMBER, "1,200", Answer(1200)),
        (NUMBER, "12,000.5", Answer(12000.5)),
        (NUMBER, "1，200", Answer(1200)),  # a full-width comma, typed with a Chinese input method
        (NUMBER, "１，２００", Answer(1200)),  # full-width digits too
        (NUMBER, "more than １,０００", Answer({"at_least": 1001})),
        (NUMBER, "2.5", Answer(2.5)),
        (NUMBER, "unknown", Answer(UNKNOWN)),
        (SINGLE, "?", Command("help")),
        (NUMBER, "<", Command("back")),
        (SINGLE, "b", Command("back")),
        (MULTIPLE, "", Command("leave_blank")),  # an optional question
    ],
)
def test_typed_answers(question: Question, typed: str, expected: Parsed) -> None:
    assert parse(question, typed) == expected


@pytest.mark.parametrize(
    ("question", "typed", "code"),
    [
        (YES_NO, "", "empty"),
        (YES_NO, "maybe", "not_yes_no"),
        (YES_NO, "u", "unknown_not_allowed"),
        (YES_NO, "3", "not_a_choice"),
        (SINGLE, "5", "not_a_choice"),
        (SINGLE, "0", "not_a_choice"),
        (SINGLE, "lots", "not_a_choice"),
        (MULTIPLE, "1, 7", "not_choices"),
        (NUMBER, "many", "not_a_number"),
        (NUMBER, "-1", "below_min"),
        (NUMBER, "inf", "not_a_number"),
        (NUMBER, "1,5", "ambiguous_comma"),  # one and a half in much of the world
        (NUMBER, "12,34", "ambiguous_comma"),
        (NUMBER, "1,2000", "ambiguous_comma"),
        (NUMBER, ",200", "ambiguous_comma"),
        (NUMBER, "0,500", "ambiguous_comma"),  # a half, written with a decimal comma
        (NUMBER, "more than 1,5", "ambiguous_comma"),
        (NUMBER, "1,200 prompts", "not_a_number"),  # not a number at all: not a comma problem
        (NUMBER, "about 1,200", "not_a_number"),
    ],
)
def test_problems_come_back_as_codes_for_the_wording_templates(
    question: Question, typed: str, code: str
) -> None:
    parsed = parse(question, typed)
    assert isinstance(parsed, Problem) and parsed.code == code


def test_an_empty_line_keeps_the_current_answer_then_the_default() -> None:
    assert parse(SINGLE, "", current="minor") == Answer("minor")
    assert parse(YES_NO, "  ", current=False) == Answer(False)


def test_at_least_one_choice_where_the_screen_asks_for_it() -> None:
    assert parse(MULTIPLE, "0", min_choices=1) == Problem("choose_at_least_one")


def test_i_dont_know_is_numbered_after_the_choices() -> None:
    assert option_count(SINGLE) == 4 and option_count(YES_NO) == 2
    assert option_count(MULTIPLE) == 2


@pytest.mark.parametrize(
    ("typed", "bound"),
    [
        ("more than 30", 31),
        (">30", 31),
        ("> 30", 31),
        ("over 30", 31),
        ("Above 1,200", 1201),
        ("30+", 30),
        ("at least 30", 30),
        ("At least 30", 30),
        ("30 or more", 30),
        (">=30", 30),
        ("≥ 30", 30),
        ("no fewer than 30", 30),
        ("至少30", 30),
        ("至少 30 次", 30),
        ("不少于30", 30),
        ("30以上", 30),
        ("30次以上", 30),
        ("超过30", 31),
        ("30多", 31),
        ("30余次", 31),
    ],
)
def test_a_number_known_only_from_below_is_saved_as_a_lower_bound(typed: str, bound: int) -> None:
    """ "More than 30 prompts" is neither 30 nor unknown: it is saved as {at_least: 31}."""
    assert parse(NUMBER, typed) == Answer({"at_least": bound})


def test_a_lower_bound_is_checked_like_the_number() -> None:
    assert isinstance(parse(NUMBER, "at least -3"), Problem)
    assert parse(NUMBER, "more than many") == Problem("not_a_number")
    assert parse(NUMBER, "about 40") == Problem("not_a_number")  # a guess is not a bound


@pytest.mark.skipif(
    not hasattr(model, "LowerBound"),
    reason="the engine does not take lower bounds in this checkout yet",
)
def test_a_lower_bound_typed_in_the_interview_is_saved_as_at_least(tmp_path: object) -> None:
    import yaml
    from tests.interview_steps import q, started

    from copyrightable.evaluation.evaluator import Evaluator

    law = load_law(FIXTURE_LAW)
    interview = started(law, Evaluator(law), "image")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("image", "ai_used"), "yes")
    typed = parse(NUMBER, "more than 30")
    assert isinstance(typed, Answer)
    interview.answer(q("image", "prompt_count"), typed.value)
    saved = yaml.safe_load(interview.to_yaml("T", "en"))
    assert saved["elements"]["image"]["answers"]["prompt_count"] == {"at_least": 31}
