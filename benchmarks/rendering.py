"""Time to render one report from a Result: HTML and PDF when the report module exists."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inputs import STAMP, Bench, answers

from copyrightable.evaluation import Evaluator
from copyrightable.render import render
from copyrightable.result import to_json


def _median_seconds(action: Callable[[], Any], runs: int) -> float:
    action()  # warm up: templates compiled, fonts loaded
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure(bench: Bench, runs: int) -> dict[str, Any]:
    case = answers(bench, 1)[0]
    result = Evaluator(bench.law).evaluate(case, STAMP)
    figures: dict[str, Any] = {
        "text": _median_seconds(lambda: render("evaluate.txt.j2", lang="en", result=result),
                                runs),
        "json": _median_seconds(lambda: to_json(result), runs),
    }
    if importlib.util.find_spec("copyrightable.report") is None:
        figures["report"] = "copyrightable.report is not in this checkout"
        return figures
    report = importlib.import_module("copyrightable.report")
    figures.update(_report_figures(report, result, runs))
    return figures


def _report_figures(report: Any, result: dict[str, Any], runs: int) -> dict[str, Any]:
    """HTML and PDF through whatever the report module offers, by format name."""
    figures: dict[str, Any] = {}
    write = getattr(report, "write_report", None)
    if write is None:
        figures["report"] = "copyrightable.report has no write_report(result, path, format)"
        return figures
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        for kind in ("html", "pdf"):
            target = Path(folder) / f"report.{kind}"
            params = inspect.signature(write).parameters
            call: Callable[[], Any] = ((lambda t=target, k=kind: write(result, t, k))
                                       if len(params) >= 3 else (lambda t=target: write(result, t)))
            try:
                figures[kind] = _median_seconds(call, max(1, runs // 2 if kind == "pdf" else runs))
            except Exception as error:  # a missing system font or tool: say so, go on
                figures[kind] = f"not measured: {type(error).__name__}: {error}"
    return figures
