"""Wall and CPU time from exec to exit, against a bare `python -c pass` on the same machine.

Each command runs once to warm up (the file cache, the tool's on-disk cache of
the law and the compiled templates, and the modules' bytecode), then `runs`
times; the figures are medians. Bytecode is let written whatever the
environment says (`PYTHONDONTWRITEBYTECODE` is dropped for the runs), as an
installed copy has it: pip compiles the modules it installs. CPU time (user
and system, of the command alone) is what other load on a shared machine
counts least; wall time is what a user waits.

    .venv/bin/python benchmarks/cold_start.py [RUNS]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from inputs import STAMP, Bench, bench_law, documents
from programs import copyrightable


def _timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` runs, after one warm-up run."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls, cpus = [], []
    for _ in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def measure(bench: Bench, runs: int) -> dict[str, float]:
    """Wall seconds of each command (and `NAME_cpu`, its CPU seconds)."""
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(yaml.safe_dump(documents(bench, 1)[0], allow_unicode=True))
        evaluate = [*copyrightable(), "evaluate", str(answers), "--timestamp", STAMP]
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "help": [*copyrightable(), "--help"],
            "evaluate": [*evaluate, *bench.rules_args],
            "evaluate_all": [*evaluate, "-j", "all", *bench.rules_args],
        }
        figures: dict[str, float] = {}
        for name, command in commands.items():
            figures[name], figures[f"{name}_cpu"] = _timed(command, runs)
    return figures


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    figures = measure(bench_law(), runs)
    targets = {"help": 0.3, "evaluate": 0.3, "evaluate_all": 0.4}
    for name in ("python", "help", "evaluate", "evaluate_all"):
        target = f"; target <= {targets[name]:.2f} s" if name in targets else ""
        print(
            f"{name}: {figures[name]:.3f} s wall, {figures[name + '_cpu']:.3f} s CPU "
            f"(median of {runs}){target}"
        )
