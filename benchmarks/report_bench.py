"""How long a report takes: `python benchmarks/report_bench.py [ANSWERS.yaml ...]`.

Targets: the opinion (the default report) as HTML and as DOCX within 200 ms
after evaluation, as PDF within 1.5 s for Zarya of the Dawn, on at most 4 pages.
For each input it prints the median time of the evaluation, the what-if search,
and Markdown, HTML and DOCX rendering; PDF medians, with their page counts, are
taken for the fictional comic of the tests and for the smallest and the largest
case file (by number of elements), plus the first PDF of the process, which pays
for importing WeasyPrint. Without arguments: the comic and every case file with
answers.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from copyrightable.answers.answers_file import load_answers  # noqa: E402
from copyrightable.evaluation.evaluator import Evaluator  # noqa: E402
from copyrightable.evaluation.whatif import what_if  # noqa: E402
from copyrightable.io.errors import CopyrightableError  # noqa: E402
from copyrightable.io.resources import cases_dir  # noqa: E402
from copyrightable.law.loading import Law, load_law  # noqa: E402
from copyrightable.render.report import ReportFormat, report_docx, report_pdf, report_text  # noqa: E402
from copyrightable.result.join import joined  # noqa: E402

FIXED = "2026-01-01T00:00:00Z"
PAIR_LAW = REPO / "tests" / "fixtures" / "law_pair"
COMIC = REPO / "tests" / "fixtures" / "report" / "comic.yaml"


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_cpu_ms(action: Callable[[], object], runs: int) -> float:
    """CPU time of this process (all its threads): unlike wall time, not inflated when
    other processes share the cores."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def page_count(pdf: bytes) -> str:
    """Pages of a PDF, read by pdfinfo (poppler-utils) when it is installed."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        shown = subprocess.run([pdfinfo, handle.name], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in shown.splitlines() if line.startswith("Pages:")), "?")


def shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


class Case:
    """One answers file, evaluated once, with its what-if analysis."""

    def __init__(self, path: Path, law: Law, evaluator: Evaluator) -> None:
        self.path = path
        self.answers = load_answers(path, law)
        self.evaluator = evaluator
        self.result = joined(evaluator.evaluate(self.answers, FIXED))
        self.analysis = what_if(evaluator, self.answers, self.result)

    def text(self, output_format: ReportFormat, lang: str = "en") -> str:
        return report_text(self.result, self.analysis, output_format, lang)

    def pdf(self, lang: str = "en") -> bytes:
        return report_pdf(self.result, self.analysis, lang)

    def docx(self, lang: str = "en") -> bytes | None:
        """The opinion as .docx, or None without the docx extra."""
        try:
            return report_docx(self.result, self.analysis, lang)
        except CopyrightableError:
            return None


def load_cases() -> list[Case]:
    cases: list[Case] = []
    if len(sys.argv) > 1:
        law = load_law(None)
        evaluator = Evaluator(law)
        return [Case(Path(arg), law, evaluator) for arg in sys.argv[1:]]
    fixture_law = load_law(PAIR_LAW)
    cases.append(Case(COMIC, fixture_law, Evaluator(fixture_law)))
    try:
        law = load_law(None)
    except CopyrightableError:
        return cases
    evaluator = Evaluator(law)
    for path in sorted(cases_dir().glob("*.yaml")):
        try:
            cases.append(Case(path, law, evaluator))
        except CopyrightableError:
            continue  # a facts-only case has no answers to report on
    return cases


def main() -> None:
    cases = load_cases()
    rows: list[dict[str, Any]] = []
    print(
        f"{'input':46s} {'elem':>4s} {'eval':>7s} {'what-if':>8s} {'md':>6s} {'html':>6s} "
        f"{'html zh':>7s} {'docx':>6s}  (median ms)"
    )
    docx_ok = cases[0].docx() is not None
    for case in cases:
        row = {
            "eval": median_ms(lambda c=case: c.evaluator.evaluate(c.answers, FIXED), 10),
            "whatif": median_ms(lambda c=case: what_if(c.evaluator, c.answers, c.result), 3),
            "md": median_ms(lambda c=case: c.text(ReportFormat.md), 10),
            "html": median_ms(lambda c=case: c.text(ReportFormat.html), 10),
            "html_zh": median_ms(lambda c=case: c.text(ReportFormat.html, "zh"), 10),
            "docx": median_ms(lambda c=case: c.docx(), 5) if docx_ok else float("nan"),
        }
        rows.append(row)
        print(
            f"{shown(case.path):46s} {len(case.answers.elements):4d} {row['eval']:7.1f} "
            f"{row['whatif']:8.1f} {row['md']:6.1f} {row['html']:6.1f} {row['html_zh']:7.1f} "
            f"{row['docx']:6.1f}"
        )
    for key, name in (("html", "HTML"), ("docx", "DOCX")):
        if key == "docx" and not docx_ok:
            print("DOCX: not measured (pip install '.[docx]')")
            continue
        worst = max(r[key] for r in rows)
        middle = statistics.median(r[key] for r in rows)
        print(
            f"{name} after evaluation: median over inputs {middle:.1f} ms, worst {worst:.1f} ms "
            f"(target <= 200 ms: worst is {worst / 200:.2f} of it)"
        )

    pdf_cases = [cases[0]]
    real = cases[1:]
    if real:
        by_size = sorted(real, key=lambda c: (len(c.answers.elements), str(c.path)))
        pdf_cases += [by_size[0]] if by_size[0] is by_size[-1] else [by_size[0], by_size[-1]]
    try:
        start = time.perf_counter()
        cases[0].pdf()
        cold = (time.perf_counter() - start) * 1000
    except CopyrightableError as error:
        print(f"PDF: skipped ({error.one_line()})")
        return
    print(f"PDF first call (imports WeasyPrint): {cold:.0f} ms")
    for case in pdf_cases:
        for lang in ("en", "zh"):
            pages = page_count(case.pdf(lang))
            ms = median_ms(lambda c=case, lang=lang: c.pdf(lang), 3)
            cpu = median_cpu_ms(lambda c=case, lang=lang: c.pdf(lang), 3)
            print(
                f"PDF {shown(case.path):42s} {lang}  median {ms:6.0f} ms wall, {cpu:6.0f} ms "
                f"CPU ({pages} pages; target <= 1500 ms: {ms / 1500:.2f} of it)"
            )
    load = Path("/proc/loadavg")
    if load.exists():
        print(
            f"load average (1 min) at the end: {load.read_text().split()[0]} "
            f"on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    main()
