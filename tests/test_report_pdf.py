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
from typing import Any

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


def _pages(tools: dict[str, str], pdf: Path, layout: bool = True) -> list[str]:
    """The text of each page; `layout` keeps the columns, else reading order (cell by cell)."""
    options = ["-layout"] if layout else []
    text = subprocess.run(
        [tools["pdftotext"], *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _size(info: dict[str, str]) -> tuple[int, int]:
    width, height = re.findall(r"[\d.]+", info["Page size"])[:2]
    return round(float(width)), round(float(height))


ZARYA = REPO / "cases" / "zarya-of-the-dawn.yaml"
ALL = ("us", "cn", "uk", "eu", "jp", "kr", "in")
SYMBOLS = {"protectable": "✓", "partially_protectable": "◐", "not_protectable": "✗"}
FEW_LINES = 8  # a page with fewer lines of text than this is near empty


@pytest.fixture(scope="module")
def zarya(pdf_tools: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Zarya's opinion as PDF, rendered once for the module: en and zh, the default
    jurisdictions and all seven; with each PDF's pages as pdftotext reads them."""
    from copyrightable.answers.answers_file import load_answers
    from copyrightable.evaluation.evaluator import Evaluator
    from copyrightable.evaluation.whatif import what_if
    from copyrightable.law.loading import load_law
    from copyrightable.law.relevance import relevance
    from copyrightable.render.report import report_pdf
    from copyrightable.result.join import joined

    law = load_law(None)
    answers = load_answers(ZARYA, law)
    folder = tmp_path_factory.mktemp("zarya")
    rendered: dict[str, Any] = {}
    for scope, chosen in (("default", None), ("all", list(ALL))):
        evaluator = Evaluator(law, chosen)
        command = "copyrightable report zarya-of-the-dawn.yaml"
        result = joined(evaluator.evaluate(answers, FIXED, command))
        analysis = what_if(evaluator, answers, result)
        shown = relevance(law, evaluator.jurisdictions).questions
        for lang in ("en", "zh"):
            pdf = folder / f"{scope}-{lang}.pdf"
            pdf.write_bytes(report_pdf(result, analysis, lang, shown=shown))
            rendered[f"{scope}-{lang}"] = {
                "result": result,
                "pages": _pages(pdf_tools, pdf),
                "flow": _pages(pdf_tools, pdf, layout=False),
            }
    return rendered


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("key", "limit"), [("default-en", 4), ("default-zh", 4), ("all-en", 6), ("all-zh", 6)]
)
def test_zarya_opinion_fits_its_page_limit_with_no_near_empty_page(
    zarya: dict[str, Any], key: str, limit: int
) -> None:
    pages = zarya[key]["pages"]
    assert 1 <= len(pages) <= limit, f"{key}: {len(pages)} pages"
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) > FEW_LINES, f"{key}: page {number} has {len(lines)} lines"


@pytest.mark.parametrize("key", ["default-en", "default-zh", "all-en", "all-zh"])
def test_every_elements_verdict_is_on_page_one(zarya: dict[str, Any], key: str) -> None:
    result = zarya[key]["result"]
    first = _flat(zarya[key]["flow"][0])
    wanted: dict[str, int] = {}
    for j in result["jurisdictions"]:
        assert _flat(j["name"]["en" if key.endswith("en") else "zh"]) in first.replace(" ", " ")
        for element in j["elements"]:
            symbol = SYMBOLS.get(element["verdict"])
            if symbol:
                wanted[symbol] = wanted.get(symbol, 0) + 1
    for element in result["work"]["elements"]:
        assert _flat(element["label"]) in first  # the matrix's rows: every element
    for symbol, count in wanted.items():
        assert first.count(symbol) >= count, (key, symbol, first.count(symbol), count)


@pytest.mark.parametrize("key", ["default-en", "default-zh", "all-en", "all-zh"])
def test_assumptions_and_the_limitation_of_the_claim_are_by_page_two(
    zarya: dict[str, Any], key: str
) -> None:
    zh = key.endswith("zh")
    early = _flat(" ".join(zarya[key]["flow"][:2]))
    # the claim is filed in English: in English in every report, glossed in a Chinese one
    assert "Draft Limitation of the Claim (U.S. Copyright Office application)" in early
    assert "Material excluded" in early and "the AI-generated material" in early
    assert ("中文释义" in early) is zh
    assert ("结论所依据的假定" if zh else "What the verdicts rest on") in early
    # the assumption a verdict rests on, with the verdict it would otherwise have
    assert ("创作过程" if zh else "Did you keep records of the creative process") in early
    whole = _flat(" ".join(zarya[key]["flow"]))
    # the reproducibility block closes the opinion and names the answers file only
    assert whole.index("zarya-of-the-dawn.yaml") > whole.index(
        "引用的法律依据" if zh else "Authorities cited"
    )
    assert str(REPO) not in whole


def test_chinese_pdf_contains_chinese_text_in_an_embedded_chinese_font(
    pdf_tools: dict[str, str], tmp_path: Path
) -> None:
    pdf = _render(tmp_path, "report-zh.pdf", "--lang", "zh", "--paper", "letter")
    assert _size(_info(pdf_tools, pdf)) == LETTER
    flat = " ".join("\n".join(_pages(pdf_tools, pdf)).split())
    for words in (
        "著作权可保护性报告",
        "意见",
        "法域对照",
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
    assert "-m pip install '.[pdf]' in the copyrightable source folder" in lines[0]


def test_typesetting_pauses_the_collector_and_leaves_the_callers_setting_as_it_was(
    pdf_tools: dict[str, str],
) -> None:
    """No collection runs inside WeasyPrint; a host program's setting survives."""
    import gc

    from copyrightable.answers.answers_file import load_answers
    from copyrightable.evaluation.evaluator import Evaluator
    from copyrightable.evaluation.whatif import what_if
    from copyrightable.law.loading import load_law
    from copyrightable.render.pdf import html_to_pdf
    from copyrightable.render.report import ReportFormat, report_text

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
