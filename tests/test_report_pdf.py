"""PDF reports through WeasyPrint: pages, page size, Chinese text, reproducibility, clear errors.

These need the `pdf` extra, a Chinese font and poppler-utils (pdftotext,
pdfinfo, pdffonts); they skip without them, except in CI
(COPYRIGHTABLE_REQUIRE_ALL_TOOLS=1), where a missing tool fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from report_inputs import COMIC, FIXED, PAIR_LAW
from tools import REPO, require_tool, run_cli

pytestmark = pytest.mark.slow

A4 = (595, 842)
LETTER = (612, 792)


@pytest.fixture(scope="module")
def pdf_tools() -> dict[str, str]:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        message = f"WeasyPrint is not usable ({error}); pip install '.[pdf]'"
        if os.environ.get("COPYRIGHTABLE_REQUIRE_ALL_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    require_tool("fc-list")
    return {name: require_tool(name) for name in ("pdftotext", "pdfinfo", "pdffonts")}


def _render(tmp_path: Path, name: str, *options: str) -> Path:
    target = tmp_path / name
    done = run_cli(
        "report",
        str(COMIC),
        "--rules",
        str(PAIR_LAW),
        "-f",
        "pdf",
        "-o",
        str(target),
        "--timestamp",
        FIXED,
        *options,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    return target


def _info(tools: dict[str, str], pdf: Path) -> dict[str, str]:
    shown = subprocess.run(
        [tools["pdfinfo"], str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return dict(line.split(":", 1) for line in shown.splitlines() if ":" in line)


def _pages(tools: dict[str, str], pdf: Path) -> list[str]:
    text = subprocess.run(
        [tools["pdftotext"], "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _size(info: dict[str, str]) -> tuple[int, int]:
    width, height = re.findall(r"[\d.]+", info["Page size"])[:2]
    return round(float(width)), round(float(height))


def test_english_pdf_has_a_cover_numbered_pages_and_every_section(
    pdf_tools: dict[str, str], tmp_path: Path
) -> None:
    pdf = _render(tmp_path, "report.pdf")
    info = _info(pdf_tools, pdf)
    count = int(info["Pages"])
    assert _size(info) == A4
    assert info["Title"].strip().startswith("Dawn of the Machines: a comic")
    pages = _pages(pdf_tools, pdf)
    assert len(pages) == count >= 6
    cover = pages[0]
    assert "Dawn of the Machines: a comic" in cover
    assert "Decision support, not legal advice" in cover
    assert "Page 1 of" in cover
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in page  # every page numbered, none lost
    text = "\n".join(pages)
    for heading in (
        "1 Summary",
        "2 Side by side",
        "3 Reasoning, step by step",
        "4 What would change the outcome",
        "5 Recommendations",
        "7 Authorities cited",
    ):
        assert heading in text
    flat = " ".join(text.split())
    assert "Where the jurisdictions diverge, and why" in flat
    assert "Draft Limitation of the Claim" in flat
    assert "玩具著作权法" in flat  # a Chinese citation, in its own language, in an English report
    # the contents, on the page after the cover, give each section's page: that page
    # carries the section's heading
    assert "Contents" in pages[1]
    listed = re.findall(r"^\s*(\d)\. (.+?)\s{2,}(\d+)\s*$", pages[1], re.MULTILINE)
    assert [int(n) for n, _, _ in listed] == [1, 2, 3, 4, 5, 6, 7]
    for number, title, page in listed:
        assert f"{number} {title}" in " ".join(pages[int(page) - 1].split())


def test_chinese_pdf_contains_chinese_text_in_an_embedded_chinese_font(
    pdf_tools: dict[str, str], tmp_path: Path
) -> None:
    pdf = _render(tmp_path, "report-zh.pdf", "--lang", "zh", "--paper", "letter")
    assert _size(_info(pdf_tools, pdf)) == LETTER
    flat = " ".join("\n".join(_pages(pdf_tools, pdf)).split())
    for words in (
        "著作权可保护性报告",
        "结论摘要",
        "两法域对照",
        "逐步推理",
        "引用的法律依据",
        "不受保护",
        "保存提示词记录、参数、中间结果和修改记录。",
    ):
        assert words in flat
    fonts = subprocess.run(
        [pdf_tools["pdffonts"], str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    chinese = [
        line
        for line in fonts.splitlines()[2:]
        if "WenQuanYi" in line or "CJK" in line or "Hei" in line or "Song" in line
    ]
    assert chinese, fonts
    assert all(" yes " in line for line in chinese)  # embedded, so it prints anywhere


def test_the_same_command_gives_the_same_pdf_bytes(
    pdf_tools: dict[str, str], tmp_path: Path
) -> None:
    first = _render(tmp_path, "same.pdf").read_bytes()
    second = _render(tmp_path, "same.pdf").read_bytes()
    assert first == second


def _pdf_report_with(env: dict[str, str], target: Path) -> subprocess.CompletedProcess[str]:
    """The comic's PDF report, run as a user would, in an environment a test has broken."""
    command = [sys.executable, "-m", "copyrightable", "report", str(COMIC)]
    command += ["--rules", str(PAIR_LAW), "-f", "pdf", "-o", str(target)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)


@pytest.mark.parametrize("fc_list", ["missing", "lists nothing"])
def test_missing_chinese_font_is_one_clear_line(tmp_path: Path, fc_list: str) -> None:
    if fc_list == "lists nothing":  # a fontconfig that knows no font for Chinese
        fake = tmp_path / "fc-list"
        fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        fake.chmod(0o755)
    env = {**os.environ, "PATH": str(tmp_path)}
    done = _pdf_report_with(env, tmp_path / "x.pdf")
    if "WeasyPrint" in done.stderr:
        pytest.skip("the pdf extra is not installed")
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "font for Chinese text" in lines[0]
    assert "fonts-wqy-zenhei" in lines[0]
    assert ("fc-list (fontconfig) is not installed" in lines[0]) is (fc_list == "missing")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_weasyprint_is_one_clear_line_with_the_install_command(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    (shadow / "weasyprint").mkdir(parents=True)
    (shadow / "weasyprint" / "__init__.py").write_text(
        "raise ImportError('No module named weasyprint')\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow), str(REPO / "src")])}
    done = _pdf_report_with(env, tmp_path / "x.pdf")
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "PDF output needs WeasyPrint" in lines[0]
    assert "pip install 'copyrightable[pdf]'" in lines[0]


def test_typesetting_pauses_the_collector_and_leaves_the_callers_setting_as_it_was(
    pdf_tools: dict[str, str],
) -> None:
    """No collection runs inside WeasyPrint; a host program's setting survives."""
    import gc

    from copyrightable.answers import load_answers
    from copyrightable.evaluation import Evaluator
    from copyrightable.law import load_law
    from copyrightable.pdf import html_to_pdf
    from copyrightable.report import ReportFormat, report_text
    from copyrightable.whatif import what_if

    law = load_law(PAIR_LAW)
    evaluator = Evaluator(law)
    answers = load_answers(COMIC, law)
    result = evaluator.evaluate(answers, FIXED)
    html = report_text(result, what_if(evaluator, answers, result), ReportFormat.html)
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        """Record a collection started from inside WeasyPrint (the one that may follow,
        once the collector is back on, collects what typesetting left)."""
        frame = sys._getframe(1)
        while frame is not None:
            if phase == "start" and "weasyprint" in frame.f_code.co_filename:
                collections.append(info["generation"])
                return
            frame = frame.f_back

    before = gc.get_threshold()
    gc.set_threshold(50, 2, 2)  # a collector this eager would run hundreds of times
    gc.callbacks.append(count)
    try:
        pdf = html_to_pdf(html)
        assert collections == []
        assert gc.isenabled() and gc.get_threshold() == (50, 2, 2)
        gc.disable()  # a host that runs without the collector keeps it off
        html_to_pdf(html)
        assert not gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.enable()
        gc.set_threshold(*before)
    assert pdf.startswith(b"%PDF-")
