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
