"""`copyrightable ask -j us` in a real terminal: nothing of another forum's law on screen.

A lawyer who asked only about the US must not be asked what only Chinese law
reads, nor be shown, in a question, a choice, its help or its authorities,
what a Chinese court held. The interview is walked under the shipped rules
with the Zarya of the Dawn facts; on every question the help is opened too.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from tests.interview_driver import identify, keys_for
from tests.terminal import ENTER, Terminal
from tests.tools import REPO

from copyrightable.law.loading import load_law

CASE = REPO / "cases" / "zarya-of-the-dawn.yaml"
RULES = REPO / "rules"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (RULES / "us.yaml").exists() or not CASE.exists(),
        reason="the shipped rules and the Zarya case are not in this checkout",
    ),
]

TITLE = "Zarya of the Dawn"


def chinese_authorities(law: object) -> list[str]:
    """What would betray a Chinese authority: its short name, and the words lawyers use."""
    shorts = [
        a.short.split(" (")[0]
        for a in law.authorities.values()  # type: ignore[attr-defined]
        if a.jurisdiction == "cn"
    ]
    return [
        *shorts,
        "Dreamwriter",
        "Li v. Liu",
        "Art. 11",
        "Zhangjiagang",
        "Feilin",
        "China",
        "Chinese",
        "Beijing",
    ]


def wait_for(term: Terminal, *texts: str) -> str:
    """The screen once it shows one of `texts` and its key line (drawn last)."""
    deadline = time.monotonic() + term.timeout
    while True:
        screen = term.screen()
        if any(text in screen for text in texts) and "Ctrl-C" in screen:
            return screen
        assert time.monotonic() < deadline, screen
        term.expect("Ctrl-C", timeout=term.timeout)


def start(term: Terminal, law: object, answers: dict) -> dict[str, dict]:
    term.prompt("What is the title of the work?")
    term.line(TITLE)
    term.skip_details()
    term.prompt("Which kinds of material")
    kinds = law.vocabulary.ids("element_kinds")  # type: ignore[attr-defined]
    by_kind = {e["kind"]: e for e in answers["elements"].values()}
    term.send("".join(str(kinds.index(k) + 1) for k in by_kind) + ENTER)
    for kind in [k for k in kinds if k in by_kind]:
        term.prompt("A short name for")
        term.send("\x15" + by_kind[kind]["label"] + ENTER)
    return {e["label"]: e["answers"] for e in by_kind.values()}


def test_a_us_interview_shows_no_chinese_authority_anywhere(tmp_path: Path) -> None:
    law = load_law(RULES)
    answers = yaml.safe_load(CASE.read_text(encoding="utf-8"))["answers"]
    for element in answers["elements"].values():  # the case gives {en, zh}: type the English
        element["label"] = element["label"]["en"]
    term = Terminal("ask", "-j", "us", "-o", str(tmp_path / "z.yaml"), cwd=tmp_path)
    asked: list[str] = []
    screens: list[str] = []
    try:
        elements = start(term, law, answers)
        done = len(elements) + 2  # the title, the kinds of material, a name for each
        for _ in range(80):
            screen = wait_for(term, f"· {done} answered", "Review: every answer")
            if "Review: every answer" in screen:
                break
            question = identify(screen.split(f"{TITLE} ›")[-1], law)
            assert question is not None, screen
            asked.append(question.id)
            term.send("?")
            screens.append(term.wait_screen("(press ? again to hide the help"))
            term.send("?")
            term.wait_gone("(press ? again to hide the help")
            if question.scope.value == "work":
                value = answers["work"].get(question.id, "unknown")
            else:
                shown = re.sub(r"\s+", "", term.screen())
                label = next(name for name in elements if re.sub(r"\s+", "", f"› {name}") in shown)
                value = elements[label].get(question.id, "unknown")
            term.send(keys_for(question, value))
            done += 1
        screens.append(term.screen())
        term.send(ENTER)  # evaluate
        term.expect("Save the evaluation to a file?")
        screens.append(term.screen())
    finally:
        term.close()
    assert "platform_terms" not in asked and "labels_applied" not in asked
    assert len(asked) >= 10 and len(screens) == len(asked) + 2
    everything = term.plain
    for word in chinese_authorities(law):
        assert word not in everything, word
    assert "United States:" in "\n".join(screens)  # the help is there, for the US
