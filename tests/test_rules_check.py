"""`copyrightable rules check` on good and deliberately broken rule data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, REPO, run_cli

BROKEN = REPO / "tests" / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_fixture_law_passes_with_a_coverage_table() -> None:
    done = run_cli("rules", "check", "--rules", str(FIXTURE_LAW))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 rule tests: 4 passed, 0 failed; 0 problems" in done.stdout
    assert re.search(r"toy\s+toy\.named_ai\s+1 / 3", done.stdout)


@pytest.mark.parametrize("case", CASES)
def test_broken_rules_fail_with_file_and_line(case: str, tmp_path: Path) -> None:
    law = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, law)
    for overlay in (BROKEN / case).glob("*.yaml"):
        shutil.copy(overlay, law / overlay.name)
    expected = (BROKEN / case / "expected-error.txt").read_text().strip()
    done = run_cli("rules", "check", "--rules", str(law))
    output = done.stdout + done.stderr
    assert done.returncode in (1, 2), output
    assert "Traceback" not in output
    assert expected in output, output
    located = [line for line in output.splitlines() if expected in line]
    assert re.search(r"\.yaml:\d+: ", located[0]), located[0]


def test_shipped_rules_pass() -> None:
    done = run_cli("rules", "check", "--no-coverage")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


def test_a_reported_finding_needs_no_reader_but_an_unread_one_is_a_warning(tmp_path: Path) -> None:
    """A term of protection is stated for its own sake; any other unread finding is a slip."""
    law = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, law)
    toy = law / "toy.yaml"
    original = toy.read_text()
    rule = (
        "  - id: toy.term.stated\n"
        "    statement: {en: A term is stated., zh: 说明期限。}\n"
        "    when: {q: ai_used, eq: yes}\n"
        "    then: {findings: [stray_term]}\n"
        "    settledness: statute\n"
        "    effective: 2020-01-01\n"
        "    cites: [{authority: toy_statute, pinpoint: s.1}]\n"
    )

    def check(entry: str) -> str:
        toy.write_text(
            original.replace("findings:\n", f"findings:\n  - {entry}\n", 1).replace(
                "rules:\n", "rules:\n" + rule, 1
            )
        )
        done = run_cli("rules", "check", "--rules", str(law), "--no-coverage")
        return done.stdout + done.stderr

    warning = "finding 'stray_term' of rule set 'toy' is concluded but no rule reads it"
    assert warning in check("{id: stray_term, label: {en: a term, zh: 期限}}")
    quiet = check("{id: stray_term, label: {en: a term, zh: 期限}, reported: true}")
    assert "stray_term" not in quiet and "0 problems, 0 warnings" in quiet, quiet
