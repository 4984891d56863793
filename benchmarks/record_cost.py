"""What the verdict on the record costs: the same answers evaluated strictly and on the record.

The record layer (on_the_record.py) applies each rule set's presumptions, evaluates
the record values once, and works out the strict verdict and the verdict if
each assumption went the other way without the engine. This prints
evaluations per CPU-second both ways over the same seeded answers, alternating
runs (the first run of each is cold: nothing remembered yet), and the ratio
of the medians. CPU time rather than wall time, because the machine is shared.

    .venv/bin/python benchmarks/record_cost.py [answers] [runs]
"""

from __future__ import annotations

import statistics
import sys
import time

from inputs import SEED, STAMP, answers, bench_law

from copyrightable.evaluation.evaluator import Evaluator


def main(count: int = 400, runs: int = 4) -> None:
    bench = bench_law()
    evaluators = {
        "strict": Evaluator(bench.law, presumptions=False),
        "on the record": Evaluator(bench.law),
    }
    cases = answers(bench, count, seed=SEED)
    for evaluator in evaluators.values():  # warm up the engine's first sessions
        for case in answers(bench, 30, seed=SEED - 1):
            evaluator.evaluate(case, STAMP)
    rates: dict[str, list[float]] = {name: [] for name in evaluators}
    for _ in range(runs):
        for name, evaluator in evaluators.items():
            started = time.process_time()
            for case in cases:
                evaluator.evaluate(case, STAMP)
            rates[name].append(count / (time.process_time() - started))
    print(f"{bench.name}; {count} answers, {runs} alternating runs")
    for name, values in rates.items():
        print(
            f"{name:>14}: {statistics.median(values):7.1f} evaluations per CPU-second "
            f"(runs: {', '.join(f'{v:.0f}' for v in values)})"
        )
    cost = statistics.median(rates["strict"]) / statistics.median(rates["on the record"])
    print(f"{'cost':>14}: {cost:.2f}x (strict / on the record, medians)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
