"""`copyrightable evaluate --batch`: what the command adds around evaluations, and what workers buy.

`overhead` compares the whole command on one worker (start, reading the law,
preparing it, reading and validating each record, writing its line and the
words file) with a plain loop of `Evaluator.evaluate` in this process over the
same answers, in CPU time, so that other load on the machine counts for
neither. `measure` times the command as a user runs it (wall time) on one
worker and on every core.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from inputs import SEED, STAMP, Bench, answers, documents, write_jsonl
from programs import copyrightable

from copyrightable.evaluation.evaluator import Evaluator


def _command(bench: Bench, source: Path, output: Path, workers: int) -> list[str]:
    return [
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
    ]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _command_cpu(bench: Bench, source: Path, output: Path) -> float:
    """CPU seconds of one `--batch --jobs 1` run, start to exit (a child: its own rusage)."""
    before = _children_cpu()
    subprocess.run(_command(bench, source, output, 1), check=True, capture_output=True)
    spent = _children_cpu() - before
    output.unlink()
    output.with_name(output.name + ".words.json").unlink()
    return spent


def overhead(bench: Bench, count: int, runs: int) -> dict[str, float]:
    """The command on one worker against the in-process loop, runs alternating.

    Each run has answers of its own seed, the same for both sides, and the loop
    a fresh Evaluator (prepared before the clock starts): the Evaluator
    remembers what recurs between answers files, and a warm one would flatter
    the loop. `start` is the CPU time of a run over one record: what every
    run pays before its first line.
    """
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        output = Path(folder) / "results.jsonl"
        one = write_jsonl(bench, 1, Path(folder) / "one.jsonl")
        starts = [_command_cpu(bench, one, output) for _ in range(runs)]
        pairs = []
        for run in range(runs):
            seed = SEED + 500 + run
            source = Path(folder) / f"answers-{run}.jsonl"
            source.write_text(
                "".join(
                    json.dumps(d, ensure_ascii=False) + "\n" for d in documents(bench, count, seed)
                ),
                encoding="utf-8",
            )
            cases = answers(bench, count, seed)
            evaluator = Evaluator(bench.law)
            started = time.process_time()
            for case in cases:
                evaluator.evaluate(case, STAMP, with_words=False)
            loop = time.process_time() - started
            pairs.append((_command_cpu(bench, source, output), loop))
    return {
        "answers": count,
        "command": statistics.median(count / c for c, _ in pairs),
        "loop": statistics.median(count / w for _, w in pairs),
        "ratio": statistics.median(c / w for c, w in pairs),
        "start": statistics.median(starts),
    }


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
                    _command(bench, source, output, workers), check=True, capture_output=True
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
