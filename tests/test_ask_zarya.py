"""Zarya of the Dawn, answered in a real terminal under the shipped rules.

The facts are those of the case library (cases/zarya-of-the-dawn.yaml): a
comic whose text Kashtanova wrote, whose images Midjourney generated from
many prompts (chosen among outputs, minor edits), and whose pages she
selected and arranged. The interview must reach the Copyright Office's
outcome element by element and leave an answers file `evaluate` accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from tests.interview_driver import (
    SHIPPED_RULES,
    ZARYA_CASE,
    describe_work_by_kind,
    needs_shipped_zarya,
    open_interview,
    save_as,
    tick_jurisdictions,
    walk,
)
from tests.terminal import DOWN, ENTER
from tests.tools import run_cli

from copyrightable.law.loading import load_law
from copyrightable.result.join import joined

pytestmark = [pytest.mark.slow, needs_shipped_zarya]

TITLE = "Zarya of the Dawn"


def test_zarya_of_the_dawn_from_the_first_question_to_the_verdicts(tmp_path: Path) -> None:
    case = yaml.safe_load(ZARYA_CASE.read_text(encoding="utf-8"))
    answers = case["answers"]
    for element in answers["elements"].values():  # the case gives {en, zh}: type the English
        element["label"] = element["label"]["en"]
    law = load_law(SHIPPED_RULES)
    elements = {e["label"]: e for e in answers["elements"].values()}
    term = open_interview(tmp_path, rules=None, answers="zarya.yaml", XDG_CONFIG_HOME=str(tmp_path))
    try:
        tick_jurisdictions(term)  # the default, pre-ticked: the US and China
        describe_work_by_kind(term, law, TITLE, elements)  # each element named as the case does
        asked = walk(
            term,
            law,
            TITLE,
            answers["work"],
            {label: element["answers"] for label, element in elements.items()},
        )
        assert len(asked) >= 10
        # the progress line under the shipped rules: an upper bound that only shrinks,
        # and "last question" only once nothing else can follow
        shown = re.findall(r"\d+ answered · (?:up to (\d+) to go|(last question))", term.plain)
        counts = [int(left) for left, _ in shown if left]
        assert counts and counts == sorted(counts, reverse=True), counts
        lasts = [i for i, (_, last) in enumerate(shown) if last]
        assert lasts and min(lasts) > max(i for i, (left, _) in enumerate(shown) if left)
        review = term.screen()
        assert "Review: every answer" in review
        term.send(ENTER)  # evaluate
        seen = term.expect("Save the evaluation to a file?")
        summary = " ".join(seen.split())
        expected = case["outcome"]["elements"]
        for element_id, outcome in expected.items():
            label = answers["elements"][element_id]["label"]
            verdict = outcome["verdict"].replace("_", " ").upper()
            # named by the id the grid below uses (the interview's, from the kind) and the label
            assert re.search(rf"· \[\w+\] {re.escape(label)}: {verdict}", summary), (label, verdict)
        # what the verdict rests on: the images' decisive assumption and its other outcome
        assert "assumes: " in summary and "· otherwise: " in summary
        save_as(term, DOWN)  # JSON, under the suggested name
        term.expect("copyrightable evaluate")
        assert term.exit_code() == 0
    finally:
        term.close()
    saved = tmp_path / "zarya.yaml"
    written = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert written["meta"]["interview"]["complete"] is True
    assert set(written["elements"]) == {"text", "image", "compilation"}
    assert (tmp_path / "zarya.evaluation.json").exists()
    done = run_cli("evaluate", str(saved), "--format", "json", "-j", "us")
    assert done.returncode == 0, done.stderr
    result = joined(yaml.safe_load(done.stdout))  # Result v2: words in place
    verdicts = {e["kind"]: e["verdict"] for e in result["jurisdictions"][0]["elements"]}
    assert verdicts == {
        answers["elements"][eid]["kind"]: outcome["verdict"]
        for eid, outcome in case["outcome"]["elements"].items()
    }
