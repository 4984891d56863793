"""One entry point for evaluating answers: used by the CLI, reports, cases and batch runs.

Preparing a rule set (stratifying and compiling it into the engine) costs far
more than evaluating one answers file, so an Evaluator prepares each rule set
once and reuses it for every evaluation in the process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .jurisdictions import choose
from .law import Law
from .model import Answers
from .reasoning import PreparedRuleSet, element_values, evaluate_ruleset, prepare
from .record import RecordRun, on_the_record
from .result import OnTheRecord, build_result, timestamp
from .trace import Tracer


class Evaluator:
    """Evaluates answers on the record: each rule set's presumptions applied (record.py).

    The Result's verdicts are the verdicts on the record; each element also
    carries its strict verdict (no presumption) and the assumptions taken.
    """

    def __init__(
        self,
        law: Law,
        jurisdictions: Sequence[str] | None = None,
        as_of: dt.date | None = None,
        presumptions: bool = True,
    ) -> None:
        """`as_of`: the day whose law applies (default today; never after `law_as_of`)."""
        self.law = law
        self.presumptions = presumptions  # False: the strict reading, every unknown kept
        chosen = choose(law.rulesets, jurisdictions)  # -j, else the configured default
        self.prepared: list[PreparedRuleSet] = [prepare(law, j, as_of) for j in chosen]
        self._tracer = Tracer(law)  # remembered wording and trace entries, shared

    @property
    def jurisdictions(self) -> list[str]:
        return [p.ruleset.id for p in self.prepared]

    def evaluate(
        self, answers: Answers, generated_at: str | None = None, command: str | None = None
    ) -> dict[str, Any]:
        values = element_values(self.law, answers)
        outcomes = []
        records: dict[str, RecordRun] = {}
        for prepared in self.prepared:
            run = on_the_record(prepared, answers, values) if self.presumptions else None
            if run is None:  # nothing presumed: the strict and the record verdicts agree
                outcomes.append(evaluate_ruleset(prepared, answers, values))
                continue
            records[prepared.ruleset.id] = run
            outcomes.append(
                evaluate_ruleset(prepared, answers, {e: r.values for e, r in run.elements.items()})
            )
        return build_result(
            self.law,
            answers,
            outcomes,
            timestamp(generated_at),
            command,
            self._tracer,
            OnTheRecord(records, values),
        )
