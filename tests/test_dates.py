"""Dates are law: rules and authorities apply from `effective` to `until`, on the day applied.

The day is `--as-of`, or today, never later than the rule set's `law_as_of`;
the Result says which day was applied and why, and which rules were not in
force. China's labelling rule before and after Sept. 1, 2025 is checked by the
rule tests in rules/tests/cn/dates.yaml; here the mechanism is checked on the
fixture law.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import InputError, RuleSetError
from copyrightable.law.law_date import parse_as_of
from copyrightable.law.loading import load_law
from copyrightable.law.model import Verdict
from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset, prepare
from copyrightable.result.join import joined

ANSWERS = """\
meta: {schema: 1, title: t}
work: {ai_named_author: yes}
elements:
  art: {kind: image, answers: {ai_used: no}}
"""


def _law(tmp_path: Path, old: str, new: str, file: str = "toy.yaml"):
    folder = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


_NAMED_AI = """    overrides: [toy.protectable]
    settledness: contested
    effective: 2020-01-01
"""


def test_a_rule_applies_from_effective_to_until(tmp_path: Path) -> None:
    """Naming the AI defeats the claim only while toy.named_ai is law (2020-2022)."""
    law = load_law(_law(tmp_path, _NAMED_AI, _NAMED_AI + "    until: 2022-12-31\n"))
    answers = answers_from_text(ANSWERS, law, "a.yaml")
    during = evaluate_ruleset(prepare(law, "toy", dt.date(2022, 12, 31)), answers)
    after = evaluate_ruleset(prepare(law, "toy", dt.date(2023, 1, 1)), answers)
    before = evaluate_ruleset(prepare(law, "toy", dt.date(2019, 12, 31)), answers)
    assert during.elements[0].verdict is Verdict.NOT_PROTECTABLE
    assert after.elements[0].verdict is Verdict.PROTECTABLE
    assert after.prepared.law_date.not_in_force == ("toy.named_ai",)
    assert len(before.prepared.ruleset.rules) == 0  # nothing was law yet
    assert before.elements[0].verdict is Verdict.UNDETERMINED


def test_a_rule_resting_only_on_repealed_law_does_not_apply(tmp_path: Path) -> None:
    folder = _law(
        tmp_path,
        "    verification: V\n",
        "    verification: V\n    until: 2024-06-30\n",
        "authorities.yaml",
    )
    law = load_law(folder)
    prepared = prepare(law, "toy", dt.date(2024, 7, 1))
    assert len(prepared.ruleset.rules) == 0
    assert len(prepare(law, "toy", dt.date(2024, 6, 30)).ruleset.rules) == 5


def test_until_before_effective_is_one_clear_error(tmp_path: Path) -> None:
    folder = _law(tmp_path, _NAMED_AI, _NAMED_AI + "    until: 2019-01-01\n")
    with pytest.raises(RuleSetError) as caught:
        load_law(folder)
    line = caught.value.one_line()
    assert "until 2019-01-01 is before effective 2020-01-01" in line and "toy.yaml:" in line


def test_the_day_is_bounded_by_law_as_of_and_the_result_says_why() -> None:
    law = load_law(FIXTURE_LAW)
    answers = answers_from_text(ANSWERS, law, "a.yaml")
    later = joined(Evaluator(law, as_of=dt.date(2030, 1, 1)).evaluate(answers, "t"))
    applied = later["jurisdictions"][0]["law_applied"]
    assert applied["date"] == "2026-01-01" and applied["why"] == "law_as_of"
    assert applied["requested"] == "2030-01-01"
    assert "2030-01-01" in applied["explanation"]["en"]
    asked = joined(Evaluator(law, as_of=dt.date(2021, 5, 1)).evaluate(answers, "t"))
    assert asked["jurisdictions"][0]["law_applied"]["why"] == "requested"
    by_default = prepare(law, "toy", today=dt.date(2025, 2, 3)).law_date
    assert (by_default.day, by_default.why) == (dt.date(2025, 2, 3), "today")


@pytest.mark.parametrize("text", ["2025-13-01", "yesterday", "20250901", "2025-9-1", ""])
def test_a_bad_as_of_is_one_line_and_exit_2(text: str) -> None:
    with pytest.raises(InputError):
        parse_as_of(text)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "copyrightable",
            "evaluate",
            "cases/zarya-of-the-dawn.yaml",
            "--as-of",
            text,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "YYYY-MM-DD" in done.stderr


def test_as_of_reaches_report_and_ask() -> None:
    for command in ("report", "ask"):
        done = subprocess.run(
            [sys.executable, "-m", "copyrightable", command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
        )
        assert "--as-of" in done.stdout, command
