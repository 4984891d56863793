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
from tests.interview_driver import walk
from tests.terminal import ENTER, Terminal
from tests.tools import REPO, run_cli

from copyrightable.law.loading import load_law
from copyrightable.result.join import joined

CASE = REPO / "cases" / "zarya-of-the-dawn.yaml"
RULES = REPO / "rules"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (RULES / "us.yaml").exists() or not CASE.exists(),
        reason="the shipped rules and the Zarya case are not in this checkout",
    ),
]

KIND_NUMBERS = {"text": 1, "image": 2, "compilation": 5}


def test_zarya_of_the_dawn_from_the_first_question_to_the_verdicts(tmp_path: Path) -> None:
    case = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    answers = case["answers"]
    for element in answers["elements"].values():  # the case gives {en, zh}: type the English
        element["label"] = element["label"]["en"]
    law = load_law(RULES)
    kinds = [
        law.vocabulary.ids("element_kinds").index(e["kind"]) + 1
        for e in answers["elements"].values()
    ]
    term = Terminal(
        "ask", "-o", str(tmp_path / "zarya.yaml"), cwd=tmp_path, XDG_CONFIG_HOME=str(tmp_path)
    )
    try:
        term.prompt("Which jurisdictions should the evaluation cover?")
        term.send(ENTER)  # the default, pre-ticked: the US and China
        term.prompt("What is the title of the work?")
        term.line("Zarya of the Dawn")
        term.skip_details()
        term.prompt("Which kinds of material")
        term.send("".join(str(k) for k in kinds) + ENTER)
        by_kind = {e["kind"]: e for e in answers["elements"].values()}
        order = [kind for kind in law.vocabulary.ids("element_kinds") if kind in by_kind]
        for kind in order:  # name each element as the case does
            term.prompt("A short name for")
            term.send("\x15" + by_kind[kind]["label"] + ENTER)
        asked = walk(
            term,
            law,
            "Zarya of the Dawn",
            answers["work"],
            {by_kind[kind]["label"]: by_kind[kind]["answers"] for kind in order},
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
            assert f"· {label}: {verdict}" in summary, (label, verdict)
        # what the verdict rests on: the images' decisive assumption and its other outcome
        assert "assumes: " in summary and "· otherwise: " in summary
        term.expect("Enter confirm")
        term.send("\x1b[B" + ENTER)  # JSON
        term.expect("File name")
        term.expect("Enter confirm")
        term.send(ENTER)
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
