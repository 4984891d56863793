"""`copyrightable ask` treats a lawyer's time with respect: tested in a real terminal.

The progress line is honest, the help scrolls on a small terminal, a change
from the review puts the cursor back on the changed line, a revisited text
field is replaced by typing, each answer is one labelled line of scrollback,
and the closing summary gives each element's verdict with its first reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.terminal import ENTER, Terminal
from tests.tools import FIXTURE_LAW

CLEAR = "\x15"


def ask(tmp_path: Path, *extra: str, rows: int = 40, columns: int = 110) -> Terminal:
    return Terminal("ask", "--rules", str(FIXTURE_LAW), "-o", str(tmp_path / "a.yaml"),
                    *extra, cwd=tmp_path, rows=rows, columns=columns)


def progress(screen: str) -> str:
    found = re.search(r"· (\d+ answered · [^\n]*)", screen)
    return found.group(1) if found else ""


def test_the_progress_line_never_grows_and_says_last_only_at_the_last(tmp_path: Path) -> None:
    term = ask(tmp_path)
    lines = []
    try:
        term.prompt("What is the title of the work?")
        lines.append(progress(term.screen()))
        term.line("Pic")
        term.prompt("Which kinds of material")
        lines.append(progress(term.screen()))
        term.send("2" + ENTER)
        term.prompt("A short name for")
        term.send(ENTER)
        for question, keys in [("Is the AI named as author?", "n"), ("Was AI used?", "y"),
                               ("How many prompts?", "3"), ("How much was edited", "1"),
                               ("Which tools?", "0")]:
            screen = term.wait_screen(question)
            lines.append(progress(screen))
            term.send(keys + ENTER)
        term.expect("Review: every answer")
    finally:
        term.close()
    assert "to go" not in lines[0] and "last" not in lines[0]  # before any element is known
    assert "last" not in lines[1]
    counts = [int(n) for n in (re.findall(r"up to (\d+) to go", line)[0]
                               for line in lines[2:] if "up to" in line)]
    assert counts == sorted(counts, reverse=True)  # an upper bound: it only ever shrinks
    assert [line for line in lines if "last question" in line] == [lines[-1]]
