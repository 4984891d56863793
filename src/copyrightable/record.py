"""The opinion on the record: the answers with each rule set's presumptions applied.

A lawyer's opinion decides on the facts as stated and says what it assumes;
the strict reading (every unknown stays unknown) leaves most real records
undetermined. This layer sits above the reasoning: answers -> the values the
rules read -> those values with the rule set's presumptions applied to
unknown answers (presumptions.py) -> the same evaluation. The reasoning never
sees a presumption; the Result shows each one taken, with its authority, and
what the verdict would be if it went the other way.

The verdict if an assumption went the other way is worked out with the same
Python evaluation the engine is checked against on every evaluation
(`rule_truths`), over the answers with that one fact stated otherwise and the
presumptions applied afresh (a fact stated otherwise can open questions, which
are then presumed in turn). The on-the-record rule tests check these
predictions against the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .answers import applicable_values
from .candidate_values import candidate_values, compared_values
from .conditions import NOT_APPLICABLE, evaluate
from .decision import Decision, decide
from .errors import ConflictError
from .law import Law
from .model import (
    UNKNOWN,
    Answers,
    Presumption,
    PresumptionKind,
    PresumptionRule,
    Question,
    Scope,
    Truth,
    Verdict,
)
from .reasoning import PreparedRuleSet, _deciding_unknowns, rule_truths

MAX_REMEMBERED_OTHERWISE = 4_096  # per process; beyond it the memory starts afresh


@dataclass(frozen=True)
class Assumption:
    """One unknown answer taken as a value under a rule set's presumption."""

    question: str
    scope: Scope
    value: Any  # the normalised value taken
    rule: PresumptionRule  # the presumption applied (the entry, or its exception)
    presumption: Presumption


@dataclass(frozen=True)
class Otherwise:
    """The verdict if an assumption went the other way (the fact stated as `value`)."""

    value: Any
    verdict: Verdict


@dataclass(frozen=True)
class ElementRecord:
    values: dict[str, Any]  # the values the rules read on the record
    assumptions: tuple[Assumption, ...]


@dataclass(frozen=True)
class RecordRun:
    """Every element's values on the record under one rule set (None where none differ)."""

    elements: dict[str, ElementRecord]

    @property
    def changed(self) -> bool:
        return any(record.assumptions for record in self.elements.values())


def active_presumptions(prepared: PreparedRuleSet) -> dict[str, Presumption]:
    """The presumptions that take a value, by question (kind 'none' leaves it unknown)."""
    return {
        p.question: p
        for p in prepared.ruleset.presumptions
        if p.rule.kind is not PresumptionKind.NONE
    }


def on_the_record(
    prepared: PreparedRuleSet, answers: Answers, values: Mapping[str, Mapping[str, Any]]
) -> RecordRun | None:
    """The elements' values with the presumptions applied; None when nothing is presumed.

    `values` are the strict values (reasoning.element_values). Most answers
    files state everything the rules read, so the common case costs one scan.
    """
    presumptions = active_presumptions(prepared)
    if not presumptions:
        return None
    if not any(v.get(q) == UNKNOWN for v in values.values() for q in presumptions):
        return None
    law = prepared.law
    work_answers, work_taken = _presume(
        law,
        Scope.WORK,
        dict(answers.work),
        presumptions,
        values_of=_work_values(law),
        stated=applicable_values(law.questionnaire, answers.work, None),
    )
    questionnaire = law.questionnaire
    work_values = applicable_values(questionnaire, work_answers, None)
    elements: dict[str, ElementRecord] = {}
    for element in answers.elements:
        element_answers, taken = _presume(
            law,
            Scope.ELEMENT,
            dict(element.answers),
            presumptions,
            values_of=_element_values(law, work_values, element.kind),
            stated=values[element.id],
        )
        final = applicable_values(questionnaire, element_answers, work_values, element.kind)
        assumptions = tuple(
            Assumption(q, scope, final[q], rule, presumptions[q])
            for q, (scope, rule) in {**work_taken, **taken}.items()
            if final.get(q, NOT_APPLICABLE) != NOT_APPLICABLE
        )
        elements[element.id] = ElementRecord(
            final if assumptions else dict(values[element.id]), _in_order(law, assumptions)
        )
    return RecordRun(elements)


def _work_values(law: Law) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda a: applicable_values(law.questionnaire, a, None)


def _element_values(
    law: Law, work_values: Mapping[str, Any], kind: str
) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda a: applicable_values(law.questionnaire, a, work_values, kind)


def _presume(
    law: Law,
    scope: Scope,
    answers: dict[str, Any],
    presumptions: Mapping[str, Presumption],
    values_of: Callable[[Mapping[str, Any]], dict[str, Any]],
    stated: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, tuple[Scope, PresumptionRule]]]:
    """Take every presumed unknown of one scope, until taking one opens no other.

    An exception (`except: when:`) is tested on the answers as the user stated
    them: "the records are missing" must have been said, not presumed.
    """
    taken: dict[str, tuple[Scope, PresumptionRule]] = {}
    questions = law.questionnaire.in_scope(scope)
    for _ in range(len(questions) + 1):
        current = values_of(answers)
        moved = False
        for question in questions:
            presumption = presumptions.get(question.id)
            if presumption is None or current.get(question.id) != UNKNOWN:
                continue
            rule = presumption.rule
            if (
                presumption.exception is not None
                and presumption.exception_when is not None
                and evaluate(presumption.exception_when, stated) is Truth.TRUE
            ):
                rule = presumption.exception
            answers[question.id] = rule.takes
            taken[question.id] = (scope, rule)
            moved = True
        if not moved:
            break
    return answers, taken


def _in_order(law: Law, assumptions: Sequence[Assumption]) -> tuple[Assumption, ...]:
    order = {q.id: i for i, q in enumerate(law.questionnaire.questions)}
    return tuple(sorted(assumptions, key=lambda a: order.get(a.question, len(order))))


# ------------------------------------------------------------ the other way


_otherwise_memory: dict[tuple[Any, ...], tuple[PreparedRuleSet, tuple[Otherwise, ...]]] = {}


def otherwise(
    prepared: PreparedRuleSet, answers: Answers, element_id: str, assumption: Assumption
) -> tuple[Otherwise, ...]:
    """The verdict for each other real value of the assumed fact, stated as that value.

    Remembered by what decides it (the rule set, the element's kind, its
    answers and the work's), because a batch repeats the same records.
    """
    element = next(e for e in answers.elements if e.id == element_id)
    key = (
        prepared.ruleset.id,
        prepared.ruleset.sha256,
        id(prepared),
        element.kind,
        assumption.question,
        _frozen(answers.work),
        _frozen(element.answers),
    )
    kept = _otherwise_memory.get(key)
    if kept is not None and kept[0] is prepared:
        return kept[1]
    law = prepared.law
    question = law.questions()[assumption.question]
    results: list[Otherwise] = []
    for value in _other_values(prepared, question, assumption.value):
        work = dict(answers.work)
        own = dict(element.answers)
        (work if assumption.scope is Scope.WORK else own)[assumption.question] = value
        verdict = _verdict(prepared, work, own, element.kind, element_id)
        if verdict is not None:
            results.append(Otherwise(value, verdict))
    found = tuple(results)
    if len(_otherwise_memory) >= MAX_REMEMBERED_OTHERWISE:
        _otherwise_memory.clear()
    _otherwise_memory[key] = (prepared, found)
    return found


def record_verdict(
    prepared: PreparedRuleSet,
    work: Mapping[str, Any],
    own: Mapping[str, Any],
    kind: str,
    element_id: str = "element",
) -> Verdict | None:
    """One element's verdict on the record, without the engine (None if the answers clash)."""
    return _verdict(prepared, work, own, kind, element_id)


def _verdict(
    prepared: PreparedRuleSet,
    work: Mapping[str, Any],
    own: Mapping[str, Any],
    kind: str,
    element_id: str,
) -> Verdict | None:
    law = prepared.law
    presumptions = active_presumptions(prepared)
    strict_work = applicable_values(law.questionnaire, work, None)
    work_answers, _ = _presume(
        law, Scope.WORK, dict(work), presumptions, _work_values(law), strict_work
    )
    work_values = applicable_values(law.questionnaire, work_answers, None)
    strict_element = applicable_values(law.questionnaire, own, strict_work, kind)
    element_answers, _ = _presume(
        law,
        Scope.ELEMENT,
        dict(own),
        presumptions,
        _element_values(law, work_values, kind),
        strict_element,
    )
    values = applicable_values(law.questionnaire, element_answers, work_values, kind)
    key = (id(prepared), tuple([values.get(q) for q in prepared.questions_read]))
    kept = _verdict_memory.get(key)
    if kept is not None and kept[0] is prepared:
        return kept[1]
    truths, _findings = rule_truths(prepared, values)
    try:
        verdict: Verdict | None = decide(
            prepared, truths, prepared.truths_key(truths), element_id
        ).verdict
    except ConflictError:  # a clash of rules on a hypothetical: no prediction
        verdict = None
    if len(_verdict_memory) >= MAX_REMEMBERED_OTHERWISE:
        _verdict_memory.clear()
    _verdict_memory[key] = (prepared, verdict)
    return verdict


# A verdict is a function of the prepared rule set (the rules in force on its
# day) and the values its rules read (questions_read holds element_kind too),
# whatever the rest of the answers. Entries hold their prepared rule set, so a
# reused id() never answers for another one.
_verdict_memory: dict[tuple[Any, ...], tuple[PreparedRuleSet, Verdict | None]] = {}


@dataclass(frozen=True)
class Strict:
    """The verdict with no presumption: every unknown stays unknown."""

    decision: Decision
    undetermined_by: tuple[str, ...]


def strict_reading(prepared: PreparedRuleSet, values: Mapping[str, Any], element_id: str) -> Strict:
    """The strict verdict, by the Python evaluation the engine is checked against."""
    truths, findings = rule_truths(prepared, values)
    decision = decide(prepared, truths, prepared.truths_key(truths), element_id)
    undetermined: list[str] = []
    if decision.verdict is Verdict.UNDETERMINED:
        undetermined = _deciding_unknowns(prepared, truths, values, findings)
    return Strict(decision, tuple(undetermined))


def _other_values(prepared: PreparedRuleSet, question: Question, current: Any) -> list[Any]:
    thresholds = _THRESHOLDS.get(id(prepared))
    if thresholds is None or thresholds[0] is not prepared:
        thresholds = _THRESHOLDS[id(prepared)] = (
            prepared,
            compared_values(prepared.law, [prepared]),
        )
    return candidate_values(question, current, thresholds[1].get(question.id, ()))


_THRESHOLDS: dict[int, tuple[PreparedRuleSet, dict[str, set[Any]]]] = {}


def _frozen(answers: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in answers.items()))
