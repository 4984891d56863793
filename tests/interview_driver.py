"""Answer whatever question the terminal shows, from an answers mapping, as a person would.

Used where a whole questionnaire is walked (the shipped rules, whose questions
may still change): the driver reads the question on the screen, finds it in
the questionnaire, and types the keys for the intended answer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Any

from tests.terminal import DOWN, ENTER, Terminal

from copyrightable.law.loading import Law
from copyrightable.law.model import Question, QuestionType

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
    worded = [
        (q, text)
        for q in law.questionnaire.questions
        for text in [q.text.get(lang)] + [w.text.get(lang) for w in q.by_kind if w.text]
    ]
    matches = [(q, text) for q, text in worded if squeeze(text) in screen]
    return max(matches, key=lambda m: len(m[1]), default=(None, ""))[0]


def keys_for(question: Question, value: Any) -> str:
    """Keystrokes that answer `question` with `value` on a fresh arrow-key screen."""
    if value == "unknown" and question.type is not QuestionType.TEXT:
        return ("u" if question.type is not QuestionType.NUMBER else CLEAR_LINE + "unknown") + ENTER
    if question.type is QuestionType.YES_NO:
        return ("y" if value in (True, "yes") else "n") + ENTER
    ids = question.choice_ids()
    if question.type is QuestionType.SINGLE:
        return HOME + DOWN * ids.index(value) + ENTER
    if question.type is QuestionType.MULTIPLE:
        return "".join(HOME + DOWN * ids.index(item) + " " for item in value) + ENTER
    return CLEAR_LINE + str(value) + ENTER


def walk(
    term: Terminal,
    law: Law,
    title: str,
    work: Mapping[str, Any],
    elements: Mapping[str, Mapping[str, Any]],
    lang: str = "en",
    limit: int = 200,
) -> list[str]:
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


def wait_for(term: Terminal, *texts: str) -> str:
    """The screen once it shows one of `texts` and its key line (drawn last)."""
    deadline = time.monotonic() + term.timeout
    while True:
        screen = term.screen()
        if any(text in screen for text in texts) and "Ctrl-C" in screen:
            return screen
        assert time.monotonic() < deadline, screen
        term.expect("Ctrl-C", timeout=term.timeout)


def start(term: Terminal, law: Law, title: str, elements: Mapping[str, Mapping[str, Any]]) -> None:
    """Title, then the kinds of material and the element names: `elements` maps a
    label to `{kind, answers}`, one element per kind."""
    term.prompt("What is the title of the work?")
    term.line(title)
    term.skip_details()
    term.prompt("Which kinds of material")
    kinds = law.vocabulary.ids("element_kinds")
    by_kind = {e["kind"]: label for label, e in elements.items()}
    term.send("".join(str(kinds.index(k) + 1) for k in by_kind) + ENTER)
    for kind in [k for k in kinds if k in by_kind]:
        term.prompt("A short name for")
        term.send(CLEAR_LINE + by_kind[kind] + ENTER)


def walk_screens(
    term: Terminal,
    law: Law,
    title: str,
    work: Mapping[str, Any],
    elements: Mapping[str, Mapping[str, Any]],
    with_help: bool = True,
) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Answer every question screen (unknown where `work`/`elements` say nothing),
    opening the help on each; returns (element label or None, question id) per
    question asked and every screen seen, help included. Stops at the review."""
    done = len(elements) + 2  # the title, the kinds of material, a name for each
    asked: list[tuple[str | None, str]] = []
    screens: list[str] = []
    for _ in range(200):
        screen = wait_for(term, f"· {done} answered", "Review: every answer")
        if "Review: every answer" in screen:
            screens.append(screen)
            return asked, screens
        question = identify(screen.split(f"{title} ›")[-1], law)
        assert question is not None, screen
        screens.append(screen)
        if with_help:
            term.send("?")
            screens.append(term.wait_screen("(press ? again to hide the help"))
            term.send("?")
            term.wait_gone("(press ? again to hide the help")
        if question.scope.value == "work":
            label = None
            value = work.get(question.id, "unknown")
        else:
            shown = squeeze(screen)
            label = next(name for name in elements if squeeze(f"› {name}") in shown)
            value = elements[label]["answers"].get(question.id, "unknown")
        asked.append((label, question.id))
        term.send(keys_for(question, value))
        done += 1
    raise AssertionError("the interview did not reach the review")
