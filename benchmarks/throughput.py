"""Evaluations per second on one core: the whole tool, and durable-rules alone.

"Whole" is Evaluator.evaluate: applicability, the engine, the explanation we
record and the Result with its bilingual wording. "Bare" asserts the same facts
into the same compiled rules (prepare(...).compiled), stratum by stratum, in one
session per evaluation, and nothing else: what durable-rules costs on its own.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from inputs import STAMP, Bench, answers

from copyrightable.answers import applicable_values
from copyrightable.evaluation import Evaluator
from copyrightable.model import Answers
from copyrightable.reasoning import PreparedRuleSet, engine_fact, evaluate_ruleset


def _facts(prepared: PreparedRuleSet, case: Answers) -> list[list[dict[str, Any]]]:
    """The facts our evaluation asserts for each stratum, computed once in advance."""
    outcome = evaluate_ruleset(prepared, case)
    questionnaire = prepared.law.questionnaire
    work = applicable_values(questionnaire, case.work, None)
    by_stratum = []
    for stratum in range(prepared.depth + 1):
        by_stratum.append([
            engine_fact(element.element.id,
                        applicable_values(questionnaire, element.element.answers, work,
                                          element.element.kind),
                        element.findings, prepared.fact_plans[stratum])
            for element in outcome.elements])
    return by_stratum


def measure(bench: Bench, count: int, runs: int) -> dict[str, float]:
    cases = answers(bench, count)
    evaluator = Evaluator(bench.law)
    facts = [[(prepared, _facts(prepared, case)) for prepared in evaluator.prepared]
             for case in cases]

    def whole() -> None:
        for case in cases:
            evaluator.evaluate(case, STAMP)

    def bare() -> None:
        for per_ruleset in facts:
            for prepared, strata in per_ruleset:
                with prepared.compiled.session() as session:
                    for stratum, stratum_facts in enumerate(strata):
                        session.run_stratum(stratum, stratum_facts)

    whole()  # warm up: wording caches, the engine's first sessions
    bare()
    pairs = [(_seconds(whole), _seconds(bare)) for _ in range(runs)]  # alternating: drift
    whole_rate = statistics.median(count / w for w, _ in pairs)
    bare_rate = statistics.median(count / b for _, b in pairs)
    return {"answers": count, "whole": whole_rate, "bare": bare_rate,
            "overhead": statistics.median(w / b for w, b in pairs),
            "rulesets": len(evaluator.prepared),
            "rules": sum(len(p.ruleset.rules) for p in evaluator.prepared),
            "elements": sum(len(c.elements) for c in cases) / count}


def _seconds(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
