"""One entry point for evaluating answers: used by the CLI, reports, cases and batch runs.

Preparing a rule set (stratifying and compiling it into the engine) costs far
more than evaluating one answers file, so an Evaluator prepares each rule set
once and reuses it for every evaluation in the process. The words of its
Results (words.py) depend only on the rule sets, so it builds them once
too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from ..law.jurisdictions import choose
from ..law.law_date import TODAY
from ..law.loading import Law
from ..law.model import Answers
from ..reasoning.on_the_record import RecordRun, on_the_record
from ..reasoning.ruleset_evaluation import (
    PreparedRuleSet,
    element_values,
    evaluate_ruleset,
    prepare,
)
from ..result.result_json import NOTICE, OnTheRecord, build_result, timestamp
from ..result.words import build_words, words_sha256


class Evaluator:
    """Evaluates answers on the record: each rule set's presumptions applied (on_the_record.py).

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

    @property
    def jurisdictions(self) -> list[str]:
        return [p.ruleset.id for p in self.prepared]

    @cached_property
    def words(self) -> dict[str, Any]:
        """The words table of every Result this Evaluator returns (shared: read it only)."""
        return build_words(self.law, self.prepared, NOTICE)

    @cached_property
    def words_sha256(self) -> str:
        return words_sha256(self.words)

    @cached_property
    def law_day(self) -> dict[str, str | None]:
        """What the rule sets were read as of: the day asked for (--as-of), and
        today where today's law applied. With the rules, these rebuild the words
        of a Result that left them out (result_join.joined, rebuilt_words)."""
        requested = self.prepared[0].law_date.requested if self.prepared else None
        today = next((p.law_date.day for p in self.prepared if p.law_date.why == TODAY), None)
        return {
            "requested": requested.isoformat() if requested else None,
            "today": today.isoformat() if today else None,
        }

    def evaluate(
        self,
        answers: Answers,
        generated_at: str | None = None,
        command: str | None = None,
        with_words: bool = True,
    ) -> dict[str, Any]:
        """The Result (version 3). `with_words=False` leaves the words table out: a
        batch line, whose file states it once (its header record, docs/batch.md), or
        `evaluate --format json`, whose reader rebuilds it from the rules
        (result_join.joined), the words being a function of the rule sets alone."""
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
            self.words if with_words else None,
            self.words_sha256,
            OnTheRecord(records, values),
            self.law_day,
        )
