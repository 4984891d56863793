"""How large a Result is: `evaluate --format json` for Zarya of the Dawn, and batch lines.

A Result states each word once (docs/result-schema.md): the words table is the
same for every answers file, so a batch run writes it once, in its words file,
and its lines carry the rest. Measured in process, with the same serialisation
the command line and batch runs use.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import REPO, STAMP, Bench, answers

from copyrightable.answers.answers_file import load_answers
from copyrightable.batch.records import result_line
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.result.result_json import to_json

ZARYA = REPO / "cases" / "zarya-of-the-dawn.yaml"


def measure(bench: Bench, count: int) -> dict[str, float]:
    """Bytes: Zarya's JSON as `evaluate --format json` prints it (its words named by hash)
    and with `--with-words`, the words, and batch lines (words excluded)."""
    evaluator = Evaluator(bench.law)
    out: dict[str, float] = {"answers": count}
    if bench.real and ZARYA.is_file():
        zarya = load_answers(ZARYA, bench.law)
        out["zarya_json"] = len(
            to_json(evaluator.evaluate(zarya, STAMP, with_words=False)).encode("utf-8")
        )
        out["zarya_with_words"] = len(to_json(evaluator.evaluate(zarya, STAMP)).encode("utf-8"))
        out["zarya_line"] = len(
            result_line("x", evaluator.evaluate(zarya, STAMP, with_words=False))
        )
    out["words"] = len(to_json({"words": evaluator.words}).encode("utf-8"))
    lines = [
        len(result_line(f"v{i}", evaluator.evaluate(case, STAMP, with_words=False)))
        for i, case in enumerate(answers(bench, count))
    ]
    out["line_mean"] = statistics.mean(lines)
    out["line_max"] = max(lines)
    return out


if __name__ == "__main__":
    from inputs import bench_law

    print(measure(bench_law(), int(sys.argv[1]) if len(sys.argv) > 1 else 200))
