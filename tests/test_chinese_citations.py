"""Chinese authorities cited in Chinese: data, loader check, evaluate text and reports.

A reader of a Chinese report looks for 《著作权法》 and 李某诉刘某, not for
an English gloss; these tests run the real law, the real engine and the real
command line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from copyrightable.io.resources import cases_dir, rules_dir
from copyrightable.law.loading import load_law
from copyrightable.testing.static_checks import static_problems
from tools import run_cli

LI_V_LIU = cases_dir() / "li-v-liu.yaml"
FIXED = "2026-12-01T00:00:00Z"


def test_every_chinese_authority_has_its_chinese_citation() -> None:
    law = load_law(rules_dir())
    chinese = [a for a in law.authorities.values() if a.jurisdiction == "cn"]
    assert chinese
    for authority in chinese:
        assert authority.citation_zh and authority.short_zh, authority.id
    assert "李某诉刘某" in law.authorities["cn_li_v_liu"].citation_zh
    assert "北京菲林律师事务所" in law.authorities["cn_feilin"].citation_zh
    assert law.authorities["cn_copyright_law"].short_zh == "《著作权法》"


def test_rules_check_flags_a_chinese_authority_without_citation_zh(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    path = folder / "authorities.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(
        x for x in text.splitlines() if x.strip().startswith("citation_zh:") and "李某诉刘某" in x
    )
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    problems = [p.one_line() for p in static_problems(load_law(folder))]
    assert any("'cn_li_v_liu' has no citation_zh" in p for p in problems), problems


def test_evaluate_in_chinese_cites_chinese_authorities_by_their_chinese_names() -> None:
    zh = run_cli(
        "evaluate", str(LI_V_LIU), "-j", "cn", "--lang", "zh", "--explain", "--timestamp", FIXED
    )
    assert zh.returncode == 0, zh.stderr
    assert "李某诉刘某案（北京互联网法院，2023）" in zh.stdout
    assert "《著作权法》第三条" in zh.stdout  # the pinpoint in Chinese too
    assert "Li v. Liu (BIC 2023)" not in zh.stdout
    en = run_cli("evaluate", str(LI_V_LIU), "-j", "cn", "--explain", "--timestamp", FIXED)
    assert en.returncode == 0, en.stderr
    assert "Li v. Liu (BIC 2023)" in en.stdout and "李某诉刘某案（" not in en.stdout


def test_chinese_report_lists_the_chinese_caption_in_its_bibliography(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    done = run_cli(
        "report",
        str(LI_V_LIU),
        "-j",
        "cn",
        "--lang",
        "zh",
        "--format",
        "md",
        "-o",
        str(out),
        "--timestamp",
        FIXED,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "李某诉刘某侵害作品署名权、信息网络传播权纠纷案，(2023)京0491民初11279号" in text
    assert "Li v. Liu, (2023)京0491民初11279号" not in text


def test_cases_show_in_chinese_gives_a_chinese_decision_its_chinese_caption() -> None:
    zh = run_cli("cases", "show", "feilin-v-baidu", "--lang", "zh", "--timestamp", FIXED)
    assert zh.returncode == 0, zh.stderr
    assert "引证：北京菲林律师事务所诉北京百度网讯科技有限公司" in zh.stdout
    en = run_cli("cases", "show", "feilin-v-baidu", "--timestamp", FIXED)
    assert en.returncode == 0, en.stderr
    assert "citation: Beijing Feilin Law Firm v. Beijing Baidu Netcom" in en.stdout
