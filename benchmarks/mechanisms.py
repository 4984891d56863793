"""What each remaining speed mechanism buys: evaluations/s with it, and with it switched off.

Each mechanism is switched off in a child process of its own (a monkeypatch
that bypasses it, nothing edited), and the child evaluates new seeded answers on
one core, timed in CPU time; runs alternate with the unchanged evaluation and
each figure is the median of the per-pair ratios, because this machine's speed
drifts. A
mechanism that buys less than 10 % is a candidate for deletion
(docs/performance.md, "What each mechanism buys").

    python benchmarks/mechanisms.py [COUNT] [RUNS] [NAME...]   (NAME: View or truth)
    python benchmarks/mechanisms.py --child NAME COUNT SEED   (one timed run)
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import SEED, STAMP, answers, bench_law


def _no_view_memo() -> None:
    from copyrightable.reasoning import rule_groups as groups

    groups.RuleGroup.view = lambda self, values, findings: self._view(  # type: ignore[method-assign]
        values, findings
    )


def _no_truth_memo() -> None:
    from copyrightable.reasoning import rule_groups as groups

    groups.RuleReader.truth_and_parts = lambda self, values, findings: groups._truth_and_parts(  # type: ignore[method-assign]
        self.rule, values, findings
    )


MECHANISMS: dict[str, Callable[[], None]] = {
    "none": lambda: None,
    "View memo (rule_groups.py)": _no_view_memo,
    "truth memo (rule_groups.py)": _no_truth_memo,
}


def _child(name: str, count: int, seed: int) -> None:
    MECHANISMS[name]()
    from copyrightable.evaluation.evaluator import Evaluator

    bench = bench_law()
    evaluator = Evaluator(bench.law)
    for case in answers(bench, 20, seed=SEED - 1):  # warm up
        evaluator.evaluate(case, STAMP)
    cases = answers(bench, count, seed=seed)
    gc.collect()
    started = time.process_time()  # CPU time: the machine's other load does not count
    for case in cases:
        evaluator.evaluate(case, STAMP)
    print(count / (time.process_time() - started))


def _run(name: str, count: int, seed: int) -> float:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", name, str(count), str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def measure(count: int, runs: int, names: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Per mechanism: evaluations/s with it and without, and what it buys (with/without).
    `names`: only the mechanisms whose names start with one of these."""
    out = {}
    for name in MECHANISMS:
        if name == "none" or (names and not any(name.startswith(n) for n in names)):
            continue
        pairs = []
        for run in range(runs):
            seed = SEED + 100 + run
            pairs.append((_run("none", count, seed), _run(name, count, seed)))
        out[name] = {
            "with": statistics.median(w for w, _ in pairs),
            "without": statistics.median(o for _, o in pairs),
            "buys": statistics.median(w / o for w, o in pairs),
        }
    return out


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    names = sys.argv[3:] or None  # only these mechanisms
    for name, figures in measure(count, runs, names).items():
        print(
            f"  {name:<44} {figures['with']:>7.0f}/s with, {figures['without']:>7.0f}/s without: "
            f"{figures['buys']:.2f}x"
        )


if __name__ == "__main__":
    main()
