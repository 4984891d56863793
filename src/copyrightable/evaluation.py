"""One entry point for evaluating answers: used by the CLI, reports, cases and batch runs.

Preparing a rule set (stratifying and compiling it into the engine) costs far
more than evaluating one answers file, so an Evaluator prepares each rule set
once and reuses it for every evaluation in the process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .law import Law
from .model import Answers
from .reasoning import PreparedRuleSet, element_values, evaluate_ruleset, prepare
from .result import build_result, timestamp
from .trace import Tracer


class Evaluator:
    def __init__(self, law: Law, jurisdictions: Sequence[str] | None = None,
                 as_of: dt.date | None = None) -> None:
        """`as_of`: the day whose law applies (default today; never after `law_as_of`)."""
        self.law = law
        chosen = list(jurisdictions) if jurisdictions else sorted(law.rulesets, key=_us_first)
        self.prepared: list[PreparedRuleSet] = [prepare(law, j, as_of) for j in chosen]
        self._tracer = Tracer(law)  # remembered wording and trace entries, shared

    @property
    def jurisdictions(self) -> list[str]:
        return [p.ruleset.id for p in self.prepared]

    def evaluate(self, answers: Answers, generated_at: str | None = None,
                 command: str | None = None) -> dict[str, Any]:
        values = element_values(self.law, answers)
        outcomes = [evaluate_ruleset(prepared, answers, values) for prepared in self.prepared]
        return build_result(self.law, answers, outcomes, timestamp(generated_at), command,
                            self._tracer)


def _us_first(ruleset_id: str) -> tuple[int, str]:
    """US then China, as the product presents them side by side; others after."""
    order = {"us": 0, "cn": 1}
    return (order.get(ruleset_id, 9), ruleset_id)
