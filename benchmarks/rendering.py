"""Time to render one report from a Result: text, JSON, HTML and PDF.

On the shipped rules the report is the bundled Zarya of the Dawn case (three
elements, the longest report the case library produces); on the fixture law,
a seeded variant. The report is the opinion (the default): HTML, DOCX and PDF
are timed after evaluation and the what-if search, which the report command
also runs: their own figures are printed beside, and the PDF's page count.
For every case file and both languages, see report_bench.py.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from typing import Any

from inputs import STAMP, Bench, answers

from copyrightable.answers.answers_file import load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.errors import CopyrightableError
from copyrightable.io.resources import cases_dir
from copyrightable.render.report import ReportFormat, report_docx, report_pdf, report_text
from copyrightable.render.templates import render
from copyrightable.result.join import joined
from copyrightable.result.result_json import to_json

REPORT_CASE = "zarya-of-the-dawn.yaml"


def _median_seconds(action: Callable[[], Any], runs: int) -> float:
    action()  # warm up: templates compiled, fonts loaded, WeasyPrint imported
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _pages(pdf: bytes) -> int | None:
    """The page count from poppler's pdfinfo (the objects are compressed), if installed."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    shown = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=False).stdout
    found = re.search(rb"^Pages:\s+(\d+)", shown, re.MULTILINE)
    return int(found.group(1)) if found else None


def measure(bench: Bench, runs: int) -> dict[str, Any]:
    evaluator = Evaluator(bench.law)
    case_file = cases_dir() / REPORT_CASE
    if bench.real and case_file.is_file():
        case, name = load_answers(case_file, bench.law), f"cases/{REPORT_CASE}"
    else:
        case, name = answers(bench, 1)[0], "a seeded variant"
    result = joined(evaluator.evaluate(case, STAMP))
    analysis = what_if(evaluator, case, result)
    figures: dict[str, Any] = {
        "case": name,
        "text": _median_seconds(lambda: render("evaluate.txt.j2", lang="en", result=result), runs),
        "json": _median_seconds(lambda: to_json(result), runs),
        "what_if": _median_seconds(lambda: what_if(evaluator, case, result), runs),
        "html": _median_seconds(
            lambda: report_text(result, analysis, ReportFormat.html, "en"), runs
        ),
    }
    try:
        docx = report_docx(result, analysis, "en")
        figures["docx"] = _median_seconds(lambda: report_docx(result, analysis, "en"), runs)
        figures["docx_bytes"] = len(docx)
    except CopyrightableError as error:  # no python-docx: say so, go on
        figures["docx"] = f"not measured: {error.one_line()}"
    try:
        pdf = report_pdf(result, analysis, "en")
        figures["pdf"] = _median_seconds(lambda: report_pdf(result, analysis, "en"), runs)
        figures["pages"] = _pages(pdf)
    except CopyrightableError as error:  # no WeasyPrint or no Chinese font: say so, go on
        figures["pdf"] = f"not measured: {error.one_line()}"
    return figures
