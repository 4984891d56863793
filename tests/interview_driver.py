"""Drive `copyrightable ask` in a real terminal, as a person would.

Two kinds of help. The steps every interview test goes through, written once:
open the interview at a size, tick the jurisdictions, give the title and the
elements (the matter's details left for later), answer named questions up to
the review, and choose how to save at the end. And, where a whole
questionnaire is walked (the shipped rules, whose questions may still change),
a driver that reads the question on the screen, finds it in the
questionnaire, and types the keys for the intended answer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.terminal import COLUMNS, DOWN, ENTER, ROWS, Terminal
from tests.tools import FIXTURE_LAW, REPO

from copyrightable.law.loading import Law
from copyrightable.law.model import Question, QuestionType

HOME = "\x1b[H"
CLEAR_LINE = "\x15"  # Ctrl-U: delete to the start of the line
NO_FILE = "7"  # the closing menu: text, json, report html, md, pdf, docx, then no file

SHIPPED_RULES = REPO / "rules"
ZARYA_CASE = REPO / "cases" / "zarya-of-the-dawn.yaml"
needs_shipped_zarya = pytest.mark.skipif(
    not (SHIPPED_RULES / "us.yaml").exists() or not ZARYA_CASE.exists(),
    reason="the shipped rules and the Zarya case are not in this checkout",
)


def open_interview(
    tmp_path: Path,
    *extra: str,
    rules: Path | None = FIXTURE_LAW,
    answers: str = "a.yaml",
    rows: int = ROWS,
    columns: int = COLUMNS,
    **env: str,
) -> Terminal:
    """`copyrightable ask` in a fresh terminal of `rows` × `columns`, run in `tmp_path`.

    It reads `rules` (None: the shipped rules the program finds itself) and
    writes `tmp_path / answers`, unless `extra` resumes a file, which then
    says where the answers go.
    """
    args = ["ask"] if rules is None else ["ask", "--rules", str(rules)]
    if "--resume" not in extra:
        args += ["-o", str(tmp_path / answers)]
    return Terminal(*args, *extra, cwd=tmp_path, rows=rows, columns=columns, **env)


def tick_jurisdictions(term: Terminal, keys: str = "") -> None:
    """Pass the checklist a fresh interview opens with: `keys` (none: the default ticks)."""
    term.prompt("Which jurisdictions should the evaluation cover?")
    term.send(keys + ENTER)


def describe_work(term: Terminal, title: str, kinds: str, names: Sequence[str] = ()) -> None:
    """The opening screens: the title, the matter's details left for later, the
    kinds of material ticked by number (`kinds`, e.g. "12"), and a name for each
    element, typed from `names` in the order asked or, past them, the suggested
    name kept."""
    term.prompt("What is the title of the work?")
    term.line(title)
    term.skip_details()
    term.prompt("Which kinds of material")
    term.send(kinds + ENTER)
    for index in range(len(kinds)):
        term.prompt("A short name for")
        term.send(CLEAR_LINE + names[index] + ENTER if index < len(names) else ENTER)


def answer(term: Terminal, answers: Sequence[tuple[str, str]]) -> None:
    """Wait for each question (text on its screen) and type its keys, then Enter."""
    for question, keys in answers:
        term.prompt(question)
        term.send(keys + ENTER)


def wait_for_review(term: Terminal) -> str:
    """Wait for the review to be drawn to its last line; returns that screen."""
    term.expect("Review: every answer")
    return term.wait_screen("+ Add another element")


def answer_to_review(term: Terminal, answers: Sequence[tuple[str, str]]) -> str:
    """`answer`, then `wait_for_review`; returns the review screen."""
    answer(term, answers)
    return wait_for_review(term)


def save_as(term: Terminal, choice: str) -> str:
    """At the closing menu, choose a format by `choice` (keys before Enter) and keep the
    suggested file name; returns what the menu showed."""
    menu = term.expect("Enter confirm")
    term.send(choice + ENTER)
    term.expect("File name")
    term.expect("Enter confirm")
    term.send(ENTER)
    return menu


def save_no_file(term: Terminal) -> None:
    """At the closing menu, choose to write no file."""
    term.expect("Enter confirm")
    term.send(NO_FILE + ENTER)


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


def describe_work_by_kind(
    term: Terminal, law: Law, title: str, elements: Mapping[str, Mapping[str, Any]]
) -> None:
    """`describe_work` for `elements`, which maps a label to `{kind, answers}`, one
    element per kind: their kinds ticked, and named, in the order of the law's
    vocabulary."""
    kinds = law.vocabulary.ids("element_kinds")
    by_kind = {e["kind"]: label for label, e in elements.items()}
    describe_work(
        term,
        title,
        "".join(str(kinds.index(k) + 1) for k in by_kind),
        [by_kind[kind] for kind in kinds if kind in by_kind],
    )


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
