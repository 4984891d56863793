"""What a person typed at a question, understood: an answer, a command, or a problem.

Both faces of the interview use this: the plain line-by-line prompts (pipes,
dumb terminals, scripts) and the text fields of the arrow-key screens. Keeping
it pure and separate means one grammar, tested without a terminal, and
problems come back as codes so that the wording (English or Chinese) stays in
templates/ask_strings.j2.

The grammar, for every question:
- `?` shows the help, `<` goes back to the previous question;
- `#` writes a note on the answer (`# SD 1.5, denoise 0.45` in one line, or `#`
  alone to be asked for it): the note is kept in meta.answer_notes;
- `u`, `unknown` (or 不知道 / 不详) answers "I don't know" where the question allows it;
- an empty line takes the offered default (or the current answer), leaves an
  optional question blank, and is a problem for a required one;
- yes/no: `y`, `yes`, `1`, `是` / `n`, `no`, `2`, `否`;
- one choice: its number, its id, or its label;
- several choices: numbers or ids separated by commas or spaces, `0` for none;
- numbers as written, or a lower bound: "more than 30", ">30", "over 30",
  "30+", "at least 30", "30 or more", "至少30", "超过30", "30多", "30以上"
  (saved as `{at_least: N}`; "more than 30" of a count is at least 31);
- dates (YYYY-MM-DD) and text as written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..law.model import LOWER_BOUND_KEY, UNKNOWN, Question, QuestionType

HELP = "?"
BACK = "<"
NOTE = "#"
BACK_WORDS = {"<", "b", "back", "返回"}  # `b` only where no text can be typed
UNKNOWN_WORDS = {"u", "unknown", "不知道", "不详", "未知"}
YES_WORDS = {"y", "yes", "1", "是", "是的", "有"}
NO_WORDS = {"n", "no", "2", "否", "不是", "没有", "无"}
NONE_WORDS = {"0", "-", "none", "无", "都没有"}


@dataclass(frozen=True)
class Answer:
    """A value in the form `answers.normalise_answer` accepts (or "unknown")."""

    value: Any


@dataclass(frozen=True)
class Command:
    name: str  # "help" | "back" | "leave_blank" | "note"
    text: str | None = None  # the note typed after `#`, if any


@dataclass(frozen=True)
class Problem:
    """Why the text is not an answer; `code` names a message in ask_strings.j2."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


Parsed = Answer | Command | Problem


def parse(
    question: Question,
    text: str,
    current: Any = None,
    min_choices: int = 0,
    notes: bool = False,
) -> Parsed:
    """Understand one line typed for `question`.

    `current` is the answer an empty line keeps (the previous answer, else the
    question's default). In a yes/no or one-choice list "I don't know" is shown
    as the item after the last choice, so its number answers "unknown" too.
    `notes`: `#` starts a note (only where the answer can have one; a title
    may begin with "#").
    """
    raw = text.strip()
    word = raw.lower()
    free_text = question.type in (QuestionType.TEXT, QuestionType.DATE, QuestionType.NUMBER)
    if raw == HELP:
        return Command("help")
    if notes and raw.startswith(NOTE):
        note = raw[len(NOTE) :].strip()
        return Command("note", note or None)
    if raw == BACK or (word in BACK_WORDS and not free_text):
        return Command("back")
    if not raw:
        if current is not None:
            return Answer(current)
        if question.default is not None:
            return Answer(question.default)
        if not question.required:
            return Command("leave_blank")
        return Problem("empty", _hint(question))
    if word in UNKNOWN_WORDS and (word != "u" or question.type is not QuestionType.TEXT):
        if question.unknown_allowed:
            return Answer(UNKNOWN)
        if question.type is not QuestionType.TEXT:
            return Problem("unknown_not_allowed")
    kind = question.type
    if (
        kind in (QuestionType.YES_NO, QuestionType.SINGLE)
        and question.unknown_allowed
        and raw == str(option_count(question))
    ):
        return Answer(UNKNOWN)
    if kind is QuestionType.YES_NO:
        if word in YES_WORDS:
            return Answer(True)
        if word in NO_WORDS:
            return Answer(False)
        if raw.isdigit():
            return Problem("not_a_choice", _hint(question))
        return Problem("not_yes_no", _hint(question))
    if kind is QuestionType.SINGLE:
        found = _choice(question, raw)
        return Answer(found) if found is not None else Problem("not_a_choice", _hint(question))
    if kind is QuestionType.MULTIPLE:
        return _several(question, raw, min_choices)
    if kind is QuestionType.NUMBER:
        return _number(question, raw)
    if kind is QuestionType.DATE:
        try:
            return Answer(dt.date.fromisoformat(raw).isoformat())
        except ValueError:
            return Problem("not_a_date")
    return Answer(raw)


def option_count(question: Question) -> int:
    """How many numbered items a yes/no or choice list shows ("I don't know" included)."""
    if question.type is QuestionType.MULTIPLE:  # "I don't know" is a key there, not an item
        return len(question.choices)
    base = 2 if question.type is QuestionType.YES_NO else len(question.choices)
    return base + (1 if question.unknown_allowed else 0)


def _hint(question: Question) -> dict[str, Any]:
    return {"count": option_count(question), "unknown": question.unknown_allowed}


def _choice(question: Question, raw: str) -> str | None:
    """A choice by number (1-based), id or label, in either language."""
    if raw.isdigit():
        index = int(raw) - 1
        return question.choices[index].id if 0 <= index < len(question.choices) else None
    folded = raw.casefold()
    for choice in question.choices:
        if folded in (choice.id, choice.label.en.casefold(), choice.label.zh.casefold()):
            return choice.id
    return None


def _several(question: Question, raw: str, min_choices: int) -> Parsed:
    if raw.lower() in NONE_WORDS:
        chosen: list[str] = []
    else:
        chosen = []
        for piece in re.split(r"[\s,，、;；]+", raw):
            if not piece:
                continue
            found = _choice(question, piece)
            if found is None:
                return Problem("not_choices", {**_hint(question), "item": piece})
            if found not in chosen:
                chosen.append(found)
    if len(chosen) < min_choices:
        return Problem("choose_at_least_one")
    return Answer(chosen)


_NUMBER = r"(?P<n>[0-9][0-9,_]*(?:\.[0-9]+)?)"
# A comma only groups thousands: "1,200" or "12,000.5". In many countries "1,5" is one and a
# half (and "0,500" a half); read as fifteen it would be wrong without a word, so it is refused.
_THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]*)?\Z")
# "30 or more" includes 30; "more than 30" does not, so for a count it is at least 31.
_INCLUSIVE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?:>=|≥|=>)\s*{_NUMBER}$",
        rf"^{_NUMBER}\s*\+$",
        rf"^at\s+least\s+{_NUMBER}$",
        rf"^{_NUMBER}\s+or\s+more$",
        rf"^no\s+(?:fewer|less)\s+than\s+{_NUMBER}$",
        rf"^(?:至少|不少于|不低于)\s*{_NUMBER}\s*(?:次|个|条)?$",
        rf"^{_NUMBER}\s*(?:次|个|条)?\s*(?:或)?以上$",
    )
]
_STRICT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^>\s*{_NUMBER}$",
        rf"^(?:more\s+than|over|above)\s+{_NUMBER}$",
        rf"^(?:超过|多于|大于)\s*{_NUMBER}\s*(?:次|个|条)?$",
        rf"^{_NUMBER}\s*(?:多|余)\s*(?:次|个|条)?$",
    )
]


def _number(question: Question, raw: str) -> Parsed:
    # Full-width digits and commas, as a Chinese or Japanese input method types them: "１，２００".
    typed = unicodedata.normalize("NFKC", raw)
    bound = _lower_bound(typed)
    if bound is not None:
        text, strict = bound
    else:
        text, strict = typed, None
    cleaned = text.replace(",", "").replace("_", "")
    try:
        number = float(cleaned)
    except ValueError:
        return Problem("not_a_number")
    if "," in text and not _THOUSANDS.match(text):
        return Problem("ambiguous_comma", {"typed": text})  # "1,5": a decimal or fifteen?
    if not math.isfinite(number) or abs(number) > 1e15:
        return Problem("not_a_number")
    if strict and number.is_integer():
        number += 1  # more than 30 prompts: at least 31
    if question.minimum is not None and number < question.minimum:
        return Problem("below_min", {"min": f"{question.minimum:g}"})
    if question.maximum is not None and number > question.maximum:
        return Problem("above_max", {"max": f"{question.maximum:g}"})
    value = int(number) if number.is_integer() else number
    return Answer({LOWER_BOUND_KEY: value} if strict is not None else value)


def _lower_bound(raw: str) -> tuple[str, bool] | None:
    """("30", strict?) when the text states a lower bound ("more than 30", "30+", "至少30")."""
    text = raw.strip()
    for patterns, strict in ((_INCLUSIVE, False), (_STRICT, True)):
        for pattern in patterns:
            match = pattern.match(text)
            if match:
                return match.group("n"), strict
    return None
