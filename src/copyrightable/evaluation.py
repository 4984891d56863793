"""One entry point for evaluating answers: used by the CLI, reports, cases and batch runs.

Preparing a rule set (stratifying and compiling it into the engine) costs far
more than evaluating one answers file, so an Evaluator prepares each rule set
once and reuses it for every evaluation in the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .jurisdictions import choose
from .law import Law
from .model import Answers
from .reasoning import PreparedRuleSet, element_values, evaluate_ruleset, prepare
from .result import build_result, timestamp
from .trace import Tracer


class Evaluator:
    def __init__(self, law: Law, jurisdictions: Sequence[str] | None = None) -> None:
        self.law = law
        chosen = choose(law.rulesets, jurisdictions)  # -j, else the configured default
        self.prepared: list[PreparedRuleSet] = [prepare(law, j) for j in chosen]
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

