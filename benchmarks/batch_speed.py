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
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        source = write_jsonl(bench, count, Path(folder) / "answers.jsonl")
        times = {}
        for workers in (1, jobs):
            samples = []
            for run in range(runs):
                output = Path(folder) / f"results-{workers}-{run}.jsonl"
                started = time.perf_counter()
                subprocess.run([*copyrightable(), "evaluate", "--batch", str(source), "-o",
                                str(output), "--jobs", str(workers), "--timestamp", STAMP,
                                *bench.rules_args], check=True, capture_output=True)
                samples.append(time.perf_counter() - started)
                output.unlink()
            times[workers] = statistics.median(samples)
    return {"answers": count, "jobs": jobs, "one": count / times[1], "all": count / times[jobs],
            "speedup": times[1] / times[jobs], "seconds_one": times[1],
            "seconds_all": times[jobs]}
