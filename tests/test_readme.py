"""The README's two opening commands are the contract with a new user and with CI."""

from __future__ import annotations

import re

from tests.tools import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) >= 2
    run_example, run_tests = commands[0], commands[1]
    assert "copyrightable evaluate cases/" in run_example
    assert (REPO / run_example.split("evaluate ")[1].split()[0]).is_file()
    assert "pytest" in run_tests


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
