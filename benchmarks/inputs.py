"""The law and the answers every benchmark uses: the real rules when present, seeded variants."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from copyrightable.answers.answers_file import answers_from_data
from copyrightable.batch.records import located
from copyrightable.io.errors import Location
from copyrightable.io.resources import rules_dir
from copyrightable.law.loading import Law, load_law
from copyrightable.law.model import Answers

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the seeded answers generator lives with the tests

from random_answers import variants  # noqa: E402

FIXTURE_LAW = REPO / "tests" / "fixtures" / "law_min"
STAMP = "2026-01-01T00:00:00Z"  # a fixed time: results differ only where answers do
SEED = 20261127


@dataclass(frozen=True)
class Bench:
    law: Law
    folder: Path
    real: bool  # the shipped rules, not the fixture law

    @property
    def rules_args(self) -> list[str]:
        return [] if self.real else ["--rules", str(self.folder)]

    @property
    def name(self) -> str:
        if self.real:
            return f"the shipped rules ({', '.join(self.law.rulesets)})"
        return (
            f"the fixture law {self.folder.relative_to(REPO)} "
            f"(rule sets: {', '.join(self.law.rulesets)}; the real rules are not here)"
        )


def bench_law() -> Bench:
    shipped = rules_dir()
    if (shipped / "questionnaire.yaml").is_file():
        return Bench(load_law(shipped), shipped, True)
    return Bench(load_law(FIXTURE_LAW), FIXTURE_LAW, False)


def documents(bench: Bench, count: int, seed: int = SEED) -> list[dict]:
    """`count` valid answers documents: every variant the questionnaire allows, seeded."""
    return [json.loads(json.dumps(d)) for d in variants(bench.law, count, seed=seed)]


def answers(bench: Bench, count: int, seed: int = SEED) -> list[Answers]:
    return [
        answers_from_data(located(d, Location(f"variant {i + 1}")), bench.law, f"variant {i + 1}")
        for i, d in enumerate(documents(bench, count, seed))
    ]


def write_jsonl(bench: Bench, count: int, path: Path) -> Path:
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents(bench, count)),
        encoding="utf-8",
    )
    return path
