"""Wall time from exec to exit, against a bare `python -c pass` on the same machine."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from inputs import STAMP, Bench, documents
from programs import copyrightable


def _wall(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples[1:])  # the first run warms the file cache


def measure(bench: Bench, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(yaml.safe_dump(documents(bench, 1)[0], allow_unicode=True))
        python = _wall([sys.executable, "-c", "pass"], runs)
        help_ = _wall([*copyrightable(), "--help"], runs)
        evaluate = _wall(
            [*copyrightable(), "evaluate", str(answers), "--timestamp", STAMP, *bench.rules_args],
            runs,
        )
    return {"python": python, "help": help_, "evaluate": evaluate}
