"""Answer whatever question the terminal shows, from an answers mapping, as a person would.

Used where a whole questionnaire is walked (the shipped rules, whose questions
may still change): the driver reads the question on the screen, finds it in
the questionnaire, and types the keys for the intended answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tests.terminal import DOWN, ENTER, Terminal

from copyrightable.law import Law
from copyrightable.model import Question, QuestionType

HOME = "\x1b[H"
CLEAR_LINE = "\x15"  # Ctrl-U: delete to the start of the line


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def current_screen(seen: str, title: str) -> str:
    """The last question screen in `seen`: from its context line (`title › ...`) on."""
    start = seen.rfind(f"{title} ›")
    return seen[start:] if start >= 0 else seen


def identify(screen_text: str, law: Law, lang: str = "en") -> Question | None:
    """The questionnaire question drawn on one screen."""
    screen = squeeze(screen_text)
    matches = [q for q in law.questionnaire.questions if squeeze(q.text.get(lang)) in screen]
    return max(matches, key=lambda q: len(q.text.get(lang)), default=None)


def keys_for(question: Question, value: Any) -> str:
    """Keystrokes that answer `question` with `value` on a fresh arrow-key screen."""
    if value == "unknown" and question.type is not QuestionType.TEXT:
        return ("u" if question.type is not QuestionType.NUMBER else CLEAR_LINE + "unknown"
                ) + ENTER
    if question.type is QuestionType.YES_NO:
        return ("y" if value in (True, "yes") else "n") + ENTER
    ids = question.choice_ids()
    if question.type is QuestionType.SINGLE:
        return HOME + DOWN * ids.index(value) + ENTER
    if question.type is QuestionType.MULTIPLE:
        return "".join(HOME + DOWN * ids.index(item) + " " for item in value) + ENTER
    return CLEAR_LINE + str(value) + ENTER


def walk(term: Terminal, law: Law, title: str, work: Mapping[str, Any],
         elements: Mapping[str, Mapping[str, Any]], lang: str = "en",
         limit: int = 200) -> list[str]:
    """Answer question screens until the review appears; returns the question ids asked.

    `elements` maps an element's label (as shown in the screen's context line)
    to its answers.
    """
    asked: list[str] = []
    for _ in range(limit):
        seen = term.expect(r"Ctrl-C|Review:|核对：", regex=True)
        if re.search(r"Review:|核对：", seen):
            term.expect("Ctrl-C")
            return asked
        context = current_screen(seen, title)
        question = identify(context, law, lang)
        if question is None:
            raise AssertionError(f"no questionnaire question on screen:\n{term.screen()}")
        asked.append(question.id)
        if question.scope.value == "work":
            given = work
        else:
            shown = squeeze(context)
            label = next((name for name in elements if squeeze(f"› {name}") in shown), None)
            assert label is not None, f"which element?\n{term.screen()}"
            given = elements[label]
        # an optional question the answers leave out means "not known", which is
        # also how evaluation reads it; a required one must be in the answers
        value = given[question.id] if question.required else given.get(question.id, "unknown")
        term.send(keys_for(question, value))
    raise AssertionError("the interview did not reach the review")
