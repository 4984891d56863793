"""The HTML report in a real browser: nothing sticks out of the printed page, A4 or Letter.

Headless Chromium lays each report out with print media at the width of the
page's printable area (read from the report's own @page rule), and the page
reports every element that reaches past it; then Chromium prints it and the
PDF's page size must be the one asked for. Skips where Chromium is not
installed, except in CI (COPYRIGHTABLE_REQUIRE_ALL_TOOLS=1).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from chromium import Chromium
from copyrightable.answers.answers_file import answers_from_text, load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.resources import cases_dir
from copyrightable.law.loading import load_law
from copyrightable.render.report import Paper, ReportFormat, report_text
from copyrightable.result.join import joined
from report_inputs import COMIC, FIXED, PAIR_LAW, answered_case_files
from tools import require_tool

pytestmark = pytest.mark.slow

PAPER_MM = {Paper.a4: (210.0, 297.0), Paper.letter: (215.9, 279.4)}
PDF_POINTS = {Paper.a4: (595, 842), Paper.letter: (612, 792)}

# Long unbroken words, markup and a long path: what breaks layouts in practice.
HOSTILE = """
meta:
  schema: 1
  title: "<script>alert(1)</script> Averyveryveryveryveryveryveryveryveryveryveryveryveryvery\
veryveryveryveryverylongtitlewithoutanyspacesatallwhichmustwrapsomewhere"
  answered_by: "An Editor With A Name That Is Rather Long Indeed And Keeps Going For A While"
work: {ai_named_author: no}
elements:
  text: {kind: text, label: "Thestorytextwhosenameisunreasonablylongandhasnospacesanywhere\
initatalltotestwrappingofcells", answers: {ai_used: no}}
  images: {kind: image, label: "The drawings", answers: {ai_used: yes, prompt_count: 40,
           records_kept: yes, edits: minor}}
  cover: {kind: image, label: "The cover", answers: {ai_used: yes, prompt_count: unknown,
          records_kept: yes, edits: none}}
"""

OVERFLOW = r"""(() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
    if (box.right > limit + 0.5 || box.left < -0.5)
      found.push(name + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right));
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      found.push(name + ' overflows ' + el.scrollWidth + ' > ' + el.clientWidth);
  }
  return {limit: limit, page: document.documentElement.scrollWidth, found: found.slice(0, 20)};
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = require_tool("chromium")
    with Chromium(executable) as chromium:
        yield chromium


def _documents() -> list[tuple[str, str, Paper]]:
    """(name, answers source, paper): the fixture law's reports and every case file."""
    docs = [
        ("hostile-en-a4", "hostile", Paper.a4),
        ("hostile-zh-letter", "hostile", Paper.letter),
        ("comic-en-letter", "comic", Paper.letter),
        ("comic-zh-a4", "comic", Paper.a4),
    ]
    for case in answered_case_files():
        docs.append((f"case-{case.stem}", str(case), Paper.a4))
    return docs


def _html(source: str, lang: str, paper: Paper) -> str:
    if source in ("hostile", "comic"):
        law = load_law(PAIR_LAW)
        answers = (
            answers_from_text(HOSTILE, law, "hostile.yaml")
            if source == "hostile"
            else load_answers(COMIC, law)
        )
    else:
        law = load_law(None)
        answers = load_answers(source, law)
    evaluator = Evaluator(law)
    command = "copyrightable report x.yaml -f html -o x.html"
    result = joined(evaluator.evaluate(answers, FIXED, command))
    return report_text(result, what_if(evaluator, answers, result), ReportFormat.html, lang, paper)


def _printable_width_px(page: str, paper: Paper) -> int:
    """The width inside the @page margins the report itself declares, in CSS pixels."""
    rule = re.search(r"@page \{[^@]*?margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", page)
    assert rule, "the report declares its page margins in mm"
    right, left = float(rule.group(2)), float(rule.group(4))
    width_mm = PAPER_MM[paper][0] - right - left
    return int(width_mm / 25.4 * 96)


@pytest.mark.parametrize(
    ("name", "source", "paper"), _documents(), ids=[d[0] for d in _documents()]
)
def test_printed_report_has_no_horizontal_overflow(
    browser: Chromium, tmp_path: Path, name: str, source: str, paper: Paper
) -> None:
    lang = "zh" if "-zh-" in name else "en"
    page = _html(source, lang, paper)
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    session = browser.open(path)
    width = _printable_width_px(page, paper)
    browser.print_layout(session, width, 1100)
    measured = browser.evaluate(session, OVERFLOW)
    assert measured["limit"] == width
    assert measured["found"] == [], f"{name}: {measured}"
    assert measured["page"] <= width

    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(browser.print_to_pdf(session))
    pdfinfo = require_tool("pdfinfo")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size and (round(float(size.group(1))), round(float(size.group(2)))) == PDF_POINTS[paper]
    browser.call("Target.closeTarget", targetId=browser.target_of(session))


ZARYA_LIMITS = [("en", None, 4), ("zh", None, 4), ("en", "all", 6), ("zh", "all", 6)]
FEW_LINES = 8  # a printed page with fewer lines of text than this is near empty


@pytest.fixture(scope="module")
def zarya_pages() -> dict[tuple[str, str | None], str]:
    """Zarya's opinion as HTML, en and zh, default jurisdictions and all seven."""
    law = load_law(None)
    answers = load_answers(cases_dir() / "zarya-of-the-dawn.yaml", law)
    pages = {}
    for scope in (None, "all"):
        evaluator = Evaluator(law, None if scope is None else list(law.rulesets))
        command = "copyrightable report zarya-of-the-dawn.yaml"
        result = joined(evaluator.evaluate(answers, FIXED, command))
        analysis = what_if(evaluator, answers, result)
        for lang in ("en", "zh"):
            pages[(lang, scope)] = report_text(result, analysis, ReportFormat.html, lang)
    return pages


@pytest.mark.parametrize(("lang", "scope", "limit"), ZARYA_LIMITS)
def test_chromium_prints_the_zarya_opinion_within_its_page_limit(
    browser: Chromium,
    zarya_pages: dict[tuple[str, str | None], str],
    tmp_path: Path,
    lang: str,
    scope: str | None,
    limit: int,
) -> None:
    """The HTML printed from a browser keeps the PDF's limits: no page left near empty."""
    path = tmp_path / f"zarya-{lang}-{scope}.html"
    path.write_text(zarya_pages[(lang, scope)], encoding="utf-8")
    session = browser.open(path)
    pdf = tmp_path / "zarya.pdf"
    pdf.write_bytes(browser.print_to_pdf(session))
    browser.call("Target.closeTarget", targetId=browser.target_of(session))
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = text.split("\f")[:-1]
    assert 1 <= len(printed) <= limit, f"{lang} {scope}: {len(printed)} pages"
    for number, page in enumerate(printed, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) > FEW_LINES, f"{lang} {scope}: page {number} has {len(lines)} lines"
