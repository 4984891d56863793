"""Resident memory after 1,000 and after N evaluations in one process (run as a child).

Each evaluation is serialised as a batch run would; if the engine kept state
(sessions, facts) or our caches grew with every answer, the second figure would
climb with N.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import STAMP, answers, bench_law

from copyrightable.evaluation import Evaluator

POOL = 2000  # distinct variants, cycled through


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(count: int) -> None:
    bench = bench_law()
    cases = answers(bench, POOL)
    evaluator = Evaluator(bench.law)
    started = time.perf_counter()
    after_first = None
    for index in range(count):
        json.dumps(evaluator.evaluate(cases[index % POOL], STAMP), ensure_ascii=False)
        if index + 1 == 1000:
            after_first = resident_mb()
    print(json.dumps({"count": count, "after_1000": after_first, "after_all": resident_mb(),
                      "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
