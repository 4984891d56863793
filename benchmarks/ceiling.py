"""What this machine gives two CPU-bound processes at once: the ceiling of any speed-up.

Two independent copies of the single-core evaluation loop run side by side; if
the cores are shared with other virtual machines, or memory bandwidth runs
short, they finish later than one copy alone, and --batch cannot beat that.
Run as a child: `python ceiling.py COUNT` prints the seconds of one loop.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import STAMP, answers, bench_law

from copyrightable.evaluation.evaluator import Evaluator


def _loop(count: int) -> None:
    bench = bench_law()
    cases = answers(bench, count)
    evaluator = Evaluator(bench.law)
    for case in cases[:100]:
        evaluator.evaluate(case, STAMP)
    started = time.perf_counter()
    for case in cases:
        evaluator.evaluate(case, STAMP)
    print(time.perf_counter() - started)


def _children(count: int, copies: int) -> float:
    script = str(Path(__file__).resolve())
    children = [
        subprocess.Popen([sys.executable, script, str(count)], stdout=subprocess.PIPE, text=True)
        for _ in range(copies)
    ]
    return max(float(child.communicate()[0]) for child in children)


def measure(count: int, runs: int, copies: int) -> float:
    """Throughput of `copies` loops at once, as a multiple of one loop alone (median)."""
    ratios = []
    for _ in range(runs):
        alone = _children(count, 1)
        together = _children(count, copies)
        ratios.append(copies * alone / together)
    return statistics.median(ratios)


if __name__ == "__main__":
    _loop(int(sys.argv[1]))
