"""Chinese pinpoints: the rule language's `pinpoint_zh`, and Chinese output citing
Chinese, Japanese and Korean authorities as Chinese writing does (《著作权法》第三条)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

from copyrightable.result.join import joined

PAIR = REPO / "tests" / "fixtures" / "law_pair"
LI = REPO / "cases" / "li-v-liu.yaml"
TIME = "--timestamp=2026-01-01T00:00:00Z"


def _pair_with(tmp_path: Path, old: str, new: str) -> Path:
    """The two-jurisdiction fixture law with one citation of its rules rewritten."""
    law = tmp_path / "law"
    shutil.copytree(PAIR, law)
    for name in ("cn.yaml", "us.yaml"):
        text = (law / name).read_text(encoding="utf-8")
        if old in text:
            (law / name).write_text(text.replace(old, new, 1), encoding="utf-8")
            return law
    raise AssertionError(f"{old!r} is in no rule file of the fixture")


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (  # a Chinese authority's citation without its Chinese pinpoint
            '{authority: cn_toy_law, pinpoint: "art. 3", pinpoint_zh: "第三条"}',
            '{authority: cn_toy_law, pinpoint: "art. 3"}',
            "citation of 'cn_toy_law' (cn) lacks 'pinpoint_zh'",
        ),
        (  # a US authority is cited as published: a Chinese pinpoint has no place
            "{authority: us_toy_act, pinpoint: ",
            '{authority: us_toy_act, pinpoint_zh: "第102条", pinpoint: ',
            "pinpoint_zh on a citation of 'us_toy_act' (us)",
        ),
        (
            'pinpoint_zh: "第三条"',
            "pinpoint_zh: []",
            "pinpoint_zh",
        ),
    ],
    ids=["missing", "extra", "not-text"],
)
def test_a_wrong_chinese_pinpoint_is_refused_with_file_and_line(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    law = _pair_with(tmp_path, old, new)
    done = run_cli("rules", "check", "--rules", str(law), "--no-coverage")
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    located = [line for line in output.splitlines() if error in line]
    assert located and re.search(r"(cn|us)\.yaml:\d+: ", located[0]), output


def test_a_chinese_evaluation_cites_the_article_after_the_law(tmp_path: Path) -> None:
    zh = run_cli("evaluate", str(LI), "-j", "cn", "--lang", "zh", "--explain", TIME)
    en = run_cli("evaluate", str(LI), "-j", "cn", "--lang", "en", "--explain", TIME)
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    assert "《著作权法》第三条" in zh.stdout
    assert "Art. 3" not in zh.stdout and "judgment, court's reasoning" not in zh.stdout
    assert "PRC Copyright Law, Art. 3" in en.stdout and "第三条" not in en.stdout


def test_a_chinese_report_and_the_result_carry_the_chinese_pinpoint(tmp_path: Path) -> None:
    out = tmp_path / "li.md"
    done = run_cli(
        "report", str(LI), "-j", "cn", "--lang", "zh", "--detail", "full", TIME, "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    report = out.read_text(encoding="utf-8")
    assert "；《著作权法》第三条；《著作权法实施条例》第四条第（八）项）" in report, report[-3000:]
    assert "Art. 3" not in report and "Art. 4(8)" not in report
    result = run_cli("evaluate", str(LI), "-j", "cn", "-f", "json", TIME)
    assert result.returncode == 0, result.stderr
    pinpoints = {
        (c["authority"], c["pinpoint"], c.get("pinpoint_zh"))
        for c in _cites(joined(json.loads(result.stdout)))
    }
    assert ("cn_copyright_law", "Art. 3", "第三条") in pinpoints


def _cites(node: object) -> list[dict]:
    """Every cite anywhere in a Result (joined or not)."""
    if isinstance(node, dict):
        found = [node] if "authority" in node and "pinpoint" in node else []
        return found + [c for value in node.values() for c in _cites(value)]
    if isinstance(node, list):
        return [c for item in node for c in _cites(item)]
    return []
