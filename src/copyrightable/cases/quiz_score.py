"""A quiz score kept from one session to the next (`cases quiz --score FILE`).

A student practising over a week wants to see progress, not a fresh 0/0 each
time. The file is small YAML the student may read: totals, the two kinds of
question apart, and each case's tally. It is read strictly (a hand-edited
mistake is one `file:line` error before the quiz starts, never a lost score)
and written atomically after the session, also after q, end of input or Ctrl-C.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..io.errors import InputError, Location
from ..io.yaml_files import LocatedDict, atomic_write_text, load_yaml_file
from ..law import yaml_values
from .quiz import Score

SCHEMA = 1
_KEYS = ("schema", "sessions", "right", "asked", "verdicts", "facts", "cases")


@dataclass
class Tally:
    right: int = 0
    asked: int = 0


@dataclass
class Record:
    """Every session's answers added up."""

    sessions: int = 0
    total: Tally = field(default_factory=Tally)
    verdicts: Tally = field(default_factory=Tally)
    facts: Tally = field(default_factory=Tally)
    cases: dict[str, Tally] = field(default_factory=dict)

    def add(self, score: Score) -> None:
        """Count one session (a session that asked nothing is not counted)."""
        if not score.asked:
            return
        self.sessions += 1
        for answer in score.answers:
            right = int(answer.correct)
            kind = self.facts if answer.prediction.kind == "fact" else self.verdicts
            case = self.cases.setdefault(answer.case_id, Tally())
            for tally in (self.total, kind, case):
                tally.right += right
                tally.asked += 1


def load_record(path: Path) -> Record:
    """The record in `path`, or an empty one if the file does not exist yet."""
    if not path.exists():
        return Record()
    top = yaml_values.mapping(
        load_yaml_file(path), "quiz score file", Location(str(path)), required=_KEYS
    )
    if top["schema"] != SCHEMA:
        raise InputError(
            f"unknown quiz score schema {top['schema']!r}", top.where("schema"), f"schema: {SCHEMA}"
        )
    record = Record(
        sessions=_count(top["sessions"], top.where("sessions")),
        total=Tally(
            _count(top["right"], top.where("right")), _count(top["asked"], top.where("asked"))
        ),
        verdicts=_pair(top["verdicts"], top.where("verdicts")),
        facts=_pair(top["facts"], top.where("facts")),
    )
    cases = top["cases"]
    if not isinstance(cases, LocatedDict):
        raise InputError(
            f"'cases' is {yaml_values.type_name(cases)}",
            top.where("cases"),
            "a mapping of case ids to [right, asked]",
        )
    for case_id, value in cases.items():
        record.cases[str(case_id)] = _pair(value, cases.where(case_id))
    return record


def save_record(path: Path, record: Record) -> None:
    atomic_write_text(path, dump_record(record))


def dump_record(record: Record) -> str:
    """Deterministic YAML: the same record, the same bytes."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "sessions": record.sessions,
        "right": record.total.right,
        "asked": record.total.asked,
        "verdicts": [record.verdicts.right, record.verdicts.asked],
        "facts": [record.facts.right, record.facts.asked],
        "cases": {case_id: [t.right, t.asked] for case_id, t in sorted(record.cases.items())},
    }
    header = "# copyrightable cases quiz: the score over every session ([right, asked] pairs)\n"
    return header + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=None
    )


def _count(value: Any, location: Location) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"count is {yaml_values.type_name(value)}", location, "a whole number ≥ 0")
    return value


def _pair(value: Any, location: Location) -> Tally:
    items = yaml_values.sequence(value, "[right, asked]", location)
    if len(items) != 2:
        raise InputError(f"a pair of {len(items)} numbers", location, "[right, asked]")
    right, asked = (_count(items[i], items.where(i)) for i in range(2))
    if right > asked:
        raise InputError(
            f"{right} right out of {asked} asked", location, "right no greater than asked"
        )
    return Tally(right, asked)
