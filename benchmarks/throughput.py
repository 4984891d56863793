"""Evaluations per second on one core: the whole tool, and durable-rules alone.

"Whole" is Evaluator.evaluate: applicability, the engine, the explanation we
record and the Result with its bilingual wording. "Bare" asserts the same facts
into the same compiled rules (prepare(...).compiled), stratum by stratum, in one
session per evaluation, and nothing else: what durable-rules costs on its own.

Between the two, `stages` times what an evaluation adds step by step, so that
the overhead ratio can be read: "engine use" is the least any caller of the
engine must do (each stratum's facts built from the values, the next stratum's
findings read from the firings); "decided" is `evaluate_ruleset`, which adds
the explanation of every rule (the trace) and each element's decision; "whole"
adds the presumptions, the hypotheticals (each assumption's verdict otherwise,
the strict reading) and the Result.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from inputs import SEED, STAMP, Bench, answers

from copyrightable.answers.answers_file import applicable_values
from copyrightable.engine.plan import FACT_KEY
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.model import Answers, Truth
from copyrightable.reasoning.ruleset_evaluation import (
    PreparedRuleSet,
    _finding_truth,
    element_values,
    engine_fact,
    evaluate_ruleset,
    fact_plan,
    fact_properties,
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
        return lambda: _assert_all(facts[run])

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


def _engine_use(prepared: PreparedRuleSet, case: Answers, values: dict[str, Any]) -> None:
    """The least a caller of the engine does: facts from values, findings from firings."""
    plans = _plans(prepared)
    findings = {e.id: dict.fromkeys(prepared.derivers, Truth.FALSE) for e in case.elements}
    with prepared.compiled.session() as session:
        for stratum, _rules in prepared.by_stratum:
            facts = [
                {FACT_KEY: e.id, **fact_properties(values[e.id], findings[e.id], plans[stratum])}
                for e in case.elements
            ]
            undecided = prepared.undecided[stratum]
            decided = session.outcomes(stratum, facts)
            for element, fired in zip(case.elements, decided, strict=True):
                truths, own = {**undecided, **fired}, findings[element.id]
                for finding, producers_of in prepared.finishing[stratum]:
                    own[finding] = _finding_truth(producers_of(truths))


_PLANS: dict[int, tuple[PreparedRuleSet, list[Any]]] = {}


def _plans(prepared: PreparedRuleSet) -> list[Any]:
    kept = _PLANS.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        questions = prepared.law.all_questions()
        plans = [
            fact_plan(prepared.properties.get(stratum, frozenset()), questions)
            for stratum in range(prepared.depth + 1)
        ]
        kept = _PLANS[id(prepared)] = (prepared, plans)
    return kept[1]


def stages(
    bench: Bench, count: int, runs: int, clock: Callable[[], float] = time.process_time
) -> dict[str, float]:
    """Milliseconds per evaluation at each stage (module docstring), and each over bare.

    Every stage of every run has answers of its own: the stages share the
    Evaluator's memories (Views, a rule's truths), and a stage timed on answers
    another stage has seen would be flattered. Stages alternate within a run.
    """
    evaluator = Evaluator(bench.law)
    for case in answers(bench, 20, seed=SEED - 1):
        evaluator.evaluate(case, STAMP)
    times: dict[str, list[float]] = {name: [] for name in _STAGES}
    for run in range(runs):
        for offset, (name, stage) in enumerate(_STAGES.items()):
            cases = answers(bench, count, seed=SEED + 1000 + run * len(_STAGES) + offset)
            action = stage(evaluator, cases)
            times[name].append(_seconds(action, clock) / count * 1000)
    medians = {name: statistics.median(spent) for name, spent in times.items()}
    return {
        **{f"{name} ms": medians[name] for name in _STAGES},
        **{f"{name} x": medians[name] / medians["bare"] for name in _STAGES},
    }


def _bare_stage(evaluator: Evaluator, cases: list[Answers]) -> Callable[[], None]:
    facts = [[(p, _facts(p, case)) for p in evaluator.prepared] for case in cases]
    return lambda: _assert_all(facts)


def _assert_all(facts: list[list[tuple[PreparedRuleSet, list[list[dict[str, Any]]]]]]) -> None:
    """The bare engine: each answers file's facts asserted, stratum by stratum, one session
    per rule set."""
    for per_ruleset in facts:
        for prepared, strata in per_ruleset:
            with prepared.compiled.session() as session:
                for stratum, stratum_facts in enumerate(strata):
                    session.outcomes(stratum, stratum_facts)


Stage = Callable[[Evaluator, list[Answers]], Callable[[], None]]


def _per_ruleset(step: Callable[[PreparedRuleSet, Answers, dict[str, Any]], Any]) -> Stage:
    """A stage that runs `step` on each answers file under each rule set, from its values."""

    def stage(evaluator: Evaluator, cases: list[Answers]) -> Callable[[], None]:
        values = [element_values(evaluator.law, case) for case in cases]

        def go() -> None:
            for case, own in zip(cases, values, strict=True):
                for prepared in evaluator.prepared:
                    step(prepared, case, own)

        return go

    return stage


def _whole_stage(evaluator: Evaluator, cases: list[Answers]) -> Callable[[], None]:
    def go() -> None:
        for case in cases:
            evaluator.evaluate(case, STAMP)

    return go


_STAGES: dict[str, Stage] = {
    "bare": _bare_stage,
    "engine use": _per_ruleset(_engine_use),
    "decided": _per_ruleset(evaluate_ruleset),
    "whole": _whole_stage,
}
