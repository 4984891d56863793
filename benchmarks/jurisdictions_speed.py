"""Evaluations per second on one core with two rule sets (us, cn) and with all of them.

The target for the seven-jurisdiction release: with every rule set, at least a
third of the two-rule-set figure. Each run evaluates seeded answers new to the
Evaluator (as a long batch would), after a warm-up on other answers.

    taskset -c 0 .venv/bin/python benchmarks/jurisdictions_speed.py [COUNT]
"""

from __future__ import annotations

import statistics
import sys
import time

from inputs import SEED, STAMP, answers, bench_law

from copyrightable.evaluation.evaluator import Evaluator


def rate(evaluator: Evaluator, count: int, seed: int) -> float:
    batch = answers(BENCH, count, seed=seed)
    started = time.perf_counter()
    for case in batch:
        evaluator.evaluate(case, STAMP)
    return count / (time.perf_counter() - started)


if __name__ == "__main__":
    BENCH = bench_law()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    figures = {}
    for label, chosen in (("us, cn", ["us", "cn"]), ("all", ["all"])):
        evaluator = Evaluator(BENCH.law, chosen)
        rate(evaluator, 50, SEED - 1)  # warm-up
        runs = [rate(evaluator, count, SEED + run) for run in range(3)]
        figures[label] = statistics.median(runs)
        print(
            f"{label} ({len(evaluator.jurisdictions)} rule sets): {figures[label]:.0f} "
            f"evaluations/s (median of 3 runs of {count})"
        )
    print(f"ratio all / two: {figures['all'] / figures['us, cn']:.2f} (target >= 0.33)")
