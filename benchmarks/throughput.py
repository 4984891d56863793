"""Evaluations per second on one core: the whole tool, and durable-rules alone.

"Whole" is Evaluator.evaluate: applicability, the engine, the explanation we
record and the Result with its bilingual wording. "Bare" asserts the same facts
into the same compiled rules (prepare(...).compiled), stratum by stratum, in one
session per evaluation, and nothing else: what durable-rules costs on its own.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from inputs import SEED, STAMP, Bench, answers

from copyrightable.answers.answers_file import applicable_values
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.model import Answers
from copyrightable.reasoning.ruleset_evaluation import (
    PreparedRuleSet,
    engine_fact,
    evaluate_ruleset,
    fact_plan,
)


def _facts(prepared: PreparedRuleSet, case: Answers) -> list[list[dict[str, Any]]]:
    """The facts our evaluation asserts for each stratum, computed once in advance."""
    outcome = evaluate_ruleset(prepared, case)
    questionnaire = prepared.law.questionnaire
    work = applicable_values(questionnaire, case.work, None)
    questions = prepared.law.all_questions()
    by_stratum = []
    for stratum in range(prepared.depth + 1):
        plan = fact_plan(prepared.properties.get(stratum, frozenset()), questions)
        by_stratum.append(
            [
                engine_fact(
                    element.element.id,
                    applicable_values(
                        questionnaire, element.element.answers, work, element.element.kind
                    ),
                    element.findings,
                    plan,
                )
                for element in outcome.elements
            ]
        )
    return by_stratum


def measure(
    bench: Bench, count: int, runs: int, clock: Callable[[], float] = time.perf_counter
) -> dict[str, float]:
    """Whole and bare answers/s, alternating runs; every run sees answers new to it.

    `clock`: wall time by default; `time.process_time` (this process's CPU
    time) on a machine shared with other work, whose load would otherwise
    count against whichever run it fell on.

    The Evaluator remembers what recurs between answers files (trace entries,
    decisions, stratum views), so evaluating the same file twice would flatter
    it: each run gets its own seeded answers, as a long batch would, and the
    warm-up uses yet other ones.
    """
    evaluator = Evaluator(bench.law)
    batches = [answers(bench, count, seed=SEED + run) for run in range(runs)]
    facts = [
        [[(prepared, _facts(prepared, case)) for prepared in evaluator.prepared] for case in cases]
        for cases in batches
    ]

    def whole(run: int) -> Callable[[], None]:
        def go() -> None:
            for case in batches[run]:
                evaluator.evaluate(case, STAMP)

        return go

    def bare(run: int) -> Callable[[], None]:
        def go() -> None:
            for per_ruleset in facts[run]:
                for prepared, strata in per_ruleset:
                    with prepared.compiled.session() as session:
                        for stratum, stratum_facts in enumerate(strata):
                            session.outcomes(stratum, stratum_facts)

        return go

    for case in answers(bench, 20, seed=SEED - 1):  # warm up: the engine's first sessions
        evaluator.evaluate(case, STAMP)
    bare(0)()
    pairs = [(_seconds(whole(run), clock), _seconds(bare(run), clock)) for run in range(runs)]
    whole_rate = statistics.median(count / w for w, _ in pairs)
    bare_rate = statistics.median(count / b for _, b in pairs)
    return {
        "answers": count,
        "whole": whole_rate,
        "bare": bare_rate,
        "overhead": statistics.median(w / b for w, b in pairs),
        "rulesets": len(evaluator.prepared),
        "rules": sum(len(p.ruleset.rules) for p in evaluator.prepared),
        "elements": statistics.mean(len(c.elements) for cases in batches for c in cases),
    }


def _seconds(action: Any, clock: Callable[[], float] = time.perf_counter) -> float:
    started = clock()
    action()
    return clock() - started
