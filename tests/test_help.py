"""`--help` that teaches: the start block, whole summaries, choices, one usage style.

Run as a user would, at 80 columns, over every command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from tests.tools import REPO

COMMANDS = [
    (),
    ("ask",),
    ("evaluate",),
    ("report",),
    ("cases",),
    ("cases", "list"),
    ("cases", "show"),
    ("cases", "check"),
    ("cases", "quiz"),
    ("rules",),
    ("rules", "check"),
    ("rules", "show"),
]


def help_text(*command: str, columns: int = 80) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run(
        [sys.executable, "-m", "copyrightable", *command, "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, ...], str]:
    return {command: help_text(*command) for command in COMMANDS}


def test_start_here_names_the_main_commands_one_per_line(pages) -> None:
    text = pages[()]
    block = text[text.index("Start here:") : text.index("Decision support")]
    for command in ("ask", "evaluate", "report", "cases", "rules show"):
        assert re.search(rf"^    copyrightable {command}\b.*\S", block, re.MULTILINE), command
    # every description sits on its command's line or alone in the description column
    described = [line for line in block.splitlines() if line.startswith("    copyrightable ")]
    assert len(described) == 8  # the five commands and three worked examples
    assert "cases/zarya-of-the-dawn.yaml -j all" in block  # the other rule sets, on request
    assert "COPYRIGHTABLE_JURISDICTIONS" in block and "config.toml" in block


def test_every_page_fits_80_columns(pages) -> None:
    for command, text in pages.items():
        too_long = [line for line in text.splitlines() if len(line) > 80]
        assert not too_long, (command, too_long)


def test_summaries_are_whole_sentences(pages) -> None:
    for command, text in pages.items():
        if "Commands:" not in text:
            continue
        listed = text[text.index("Commands:") :].splitlines()[1:]
        for line in listed:
            assert not line.rstrip().endswith(("...", "…")), (command, line)
            assert line.rstrip().endswith("."), (command, line)  # one line, one sentence


def test_options_show_their_choices_not_python_types(pages) -> None:
    for command, text in pages.items():
        assert "list[str]" not in text, command
    assert "-j, --jurisdiction <us|cn" in pages[("evaluate",)]
    assert "-j, --jurisdiction <us|cn" in pages[("report",)]
    assert "-j, --jurisdiction <us|cn|uk|eu|jp|nl|other" in pages[("cases", "list")]
    assert "-u, --under <us|cn" in pages[("cases", "show")]


def test_usage_writes_arguments_one_way(pages) -> None:
    usage = {
        command: re.sub(r"^Usage: .*?copyrightable", "Usage: copyrightable", text.splitlines()[0])
        for command, text in pages.items()
    }
    assert usage[("report",)] == "Usage: copyrightable report [OPTIONS] ANSWERS_FILE"
    assert usage[("evaluate",)] == "Usage: copyrightable evaluate [OPTIONS] [ANSWERS_FILE]"
    assert usage[("cases", "show")] == "Usage: copyrightable cases show [OPTIONS] CASE_ID"
    assert usage[("rules", "show")] == "Usage: copyrightable rules show [OPTIONS] JURISDICTION"
    for line in usage.values():
        assert "{" not in line, line
