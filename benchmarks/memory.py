"""Resident memory after 1,000 and after N evaluations in one process (run as a child).

Each evaluation is serialised as a batch line, as a batch worker would. The
answers are new all the way (seeded variants, a fresh batch of 1,000 every
1,000 evaluations), so that what the Evaluator and the line encoder remember
between answers files keeps meeting new combinations: if the engine kept state
(sessions, facts) or a memory were unbounded, the second figure would climb
with N.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import SEED, STAMP, answers, bench_law

from copyrightable.batch.records import result_line
from copyrightable.evaluation.evaluator import Evaluator

BATCH = 1000  # variants generated at a time, each batch with its own seed


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(count: int) -> None:
    bench = bench_law()
    evaluator = Evaluator(bench.law)
    started = time.perf_counter()
    after_first = None
    for index in range(count):
        if index % BATCH == 0:
            cases = answers(bench, BATCH, seed=SEED + 1000 + index // BATCH)
        result_line(f"r{index}", evaluator.evaluate(cases[index % BATCH], STAMP))
        if index + 1 == 1000:
            after_first = resident_mb()
    print(
        json.dumps(
            {
                "count": count,
                "after_1000": after_first,
                "after_all": resident_mb(),
                "seconds": time.perf_counter() - started,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
