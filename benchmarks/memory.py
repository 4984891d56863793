"""Resident memory after 1,000 and after N evaluations in one process (run as a child).

Each evaluation is serialised as a batch line, as a batch worker would. The
answers are new all the way (seeded variants, a fresh batch of 1,000 every
1,000 evaluations), so that what the Evaluator and the line encoder remember
between answers files keeps meeting new combinations: if the engine kept state
(sessions, facts) or a memory were unbounded, the second figure would climb
with N.

`python memory.py N` prints one JSON line: the resident memory after 1,000
evaluations and after N, at each checkpoint between (10,000, 30,000, then
every 50,000), and the evaluations per second. `--trace` also prints, at each checkpoint after
1,000, the kinds of object that grew in number since 1,000 and the source
lines whose allocations made since 1,000 are still alive (tracemalloc, started
at 1,000 with one frame: about twice as slow, for finding what grows, not for
the figure).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import SEED, STAMP, answers, bench_law

from copyrightable.batch.records import result_line
from copyrightable.evaluation.evaluator import Evaluator

BATCH = 1000  # variants generated at a time, each batch with its own seed
FIRST = 1000  # the baseline: every memo has met the common cases by then


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def checkpoints(count: int) -> list[int]:
    marks = [FIRST, 10_000, 30_000, *range(50_000, count, 50_000), count]
    return sorted({mark for mark in marks if mark <= count})


def main(count: int, trace: bool) -> dict[str, Any]:
    bench = bench_law()
    evaluator = Evaluator(bench.law)
    marks = checkpoints(count)
    resident: dict[int, float] = {}
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    cpu = time.process_time()
    for index in range(count):
        if index % BATCH == 0:
            cases = answers(bench, BATCH, seed=SEED + 1000 + index // BATCH)
        result = evaluator.evaluate(cases[index % BATCH], STAMP, with_words=False)
        result_line(f"r{index}", result)  # as a worker writes it: the words are in a side file
        if index + 1 in marks:
            resident[index + 1] = resident_mb()
            if trace and index + 1 == FIRST:
                kinds = _object_kinds()
                tracemalloc.start(1)
            elif trace:
                _print_growth(kinds, index + 1)
            print(f"{index + 1:,}: {resident[index + 1]:.1f} MB", file=sys.stderr, flush=True)
    cpu = time.process_time() - cpu
    return {
        "count": count,
        "after_1000": resident.get(FIRST),
        "after_all": resident_mb(),
        "checkpoints": {str(mark): round(mb, 1) for mark, mb in resident.items()},
        "seconds": time.perf_counter() - started,
        "per_second": count / cpu,  # CPU time: the rate another run's load does not change
        "traced": trace,
    }


def _object_kinds() -> Counter[str]:
    gc.collect()
    return Counter(type(item).__name__ for item in gc.get_objects())


def _print_growth(before: Counter[str], at: int) -> None:
    now = _object_kinds()
    grown = sorted(((now[kind] - before[kind], kind) for kind in now), reverse=True)
    print(f"\nat {at:,}: objects (tracked by gc) grown since {FIRST:,}, by kind:")
    print("  " + ", ".join(f"{kind} {count:+,}" for count, kind in grown[:10] if count > 0))
    alive = tracemalloc.take_snapshot().statistics("lineno")
    total = sum(stat.size for stat in alive)
    print(f"allocated since {FIRST:,} and still alive: {total / 1024:,.0f} KB; the largest:")
    for stat in alive[:12]:
        frame = stat.traceback[0]
        print(
            f"  {stat.size / 1024:9,.0f} KB {stat.count:8,} blocks  "
            f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="evaluations (at least 1,000)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc at each checkpoint")
    args = parser.parse_args()
    print(json.dumps(main(max(args.count, FIRST), args.trace)))
