"""`copyrightable evaluate --batch` on one core and on every core: wall time, as a user runs it."""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from inputs import STAMP, Bench, write_jsonl
from programs import copyrightable


def measure(bench: Bench, count: int, runs: int, jobs: int) -> dict[str, float]:
    """Runs alternate (1 worker, all workers, 1, all, ...) so that a machine whose speed
    drifts over minutes (shared virtual machines) weighs on both alike; the speed-up is
    the median of each pair's ratio."""
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        source = write_jsonl(bench, count, Path(folder) / "answers.jsonl")
        samples: dict[int, list[float]] = {1: [], jobs: []}
        for run in range(runs):
            for workers in (1, jobs):
                output = Path(folder) / f"results-{workers}-{run}.jsonl"
                started = time.perf_counter()
                subprocess.run(
                    [
                        *copyrightable(),
                        "evaluate",
                        "--batch",
                        str(source),
                        "-o",
                        str(output),
                        "--jobs",
                        str(workers),
                        "--timestamp",
                        STAMP,
                        *bench.rules_args,
                    ],
                    check=True,
                    capture_output=True,
                )
                samples[workers].append(time.perf_counter() - started)
                output.unlink()
    one, every = statistics.median(samples[1]), statistics.median(samples[jobs])
    return {
        "answers": count,
        "jobs": jobs,
        "one": count / one,
        "all": count / every,
        "speedup": statistics.median(a / b for a, b in zip(samples[1], samples[jobs], strict=True)),
        "seconds_one": one,
        "seconds_all": every,
    }
