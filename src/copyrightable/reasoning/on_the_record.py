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

from ..answers.answers_file import applicable_values
from ..io.errors import ConflictError
from ..law.conditions import NOT_APPLICABLE, evaluate, questions_in
from ..law.loading import Law
from ..law.model import (
    UNKNOWN,
    Answers,
    Presumption,
    PresumptionKind,
    PresumptionRule,
    Question,
    Rule,
    Scope,
    Truth,
    Verdict,
)
from .candidate_values import candidate_values, compared_values
from .decision import Decision, decide, decides_alike
from .ruleset_evaluation import ElementOutcome, PreparedRuleSet, _deciding_unknowns, _finding_truth

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_TRUE = Truth.TRUE
_FALSE = Truth.FALSE


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
    """The presumptions that take a value, by question (kind 'none' leaves it unknown).

    Kept per rule set (shared: read it only): every evaluation and every "other
    way" that works the answers out afresh asks for it."""
    kept = _ACTIVE.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        active = {
            p.question: p
            for p in prepared.ruleset.presumptions
            if p.rule.kind is not PresumptionKind.NONE
        }
        kept = _ACTIVE[id(prepared)] = (prepared, active)
    return kept[1]


_ACTIVE: dict[int, tuple[PreparedRuleSet, dict[str, Presumption]]] = {}


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
    strict_work = applicable_values(law.questionnaire, answers.work, None)
    _, work_taken, work_values = _presume(
        law,
        Scope.WORK,
        dict(answers.work),
        presumptions,
        values_of=_work_values(law),
        stated=strict_work,
        first=strict_work,
    )
    elements: dict[str, ElementRecord] = {}
    for element in answers.elements:
        strict = values[element.id]
        _, taken, final = _presume(
            law,
            Scope.ELEMENT,
            dict(element.answers),
            presumptions,
            values_of=_element_values(law, work_values, element.kind),
            stated=strict,
            first=None if work_taken else strict,  # the same work values: the same element values
        )
        assumptions = tuple(
            Assumption(q, scope, final[q], rule, presumptions[q])
            for q, (scope, rule) in {**work_taken, **taken}.items()
            if final.get(q, NOT_APPLICABLE) != NOT_APPLICABLE
        )
        elements[element.id] = ElementRecord(
            dict(final if assumptions else strict), _in_order(law, assumptions)
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
    values_of: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    stated: Mapping[str, Any],
    first: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, tuple[Scope, PresumptionRule]], Mapping[str, Any]]:
    """Take every presumed unknown of one scope, until taking one opens no other.

    Returns the answers with the presumptions taken, what was taken, and the
    values of those answers (`values_of` them: the last round worked them out,
    so the caller need not again). `first` is `values_of(answers)` where the
    caller has it already; it is only read.

    An exception (`except: when:`) is tested on the answers as the user stated
    them: "the records are missing" must have been said, not presumed.
    """
    taken: dict[str, tuple[Scope, PresumptionRule]] = {}
    count, presumed = _presumed_in(law, scope, presumptions)
    current = first if first is not None else values_of(answers)
    for _ in range(count + 1):
        moved = False
        for question_id, presumption in presumed:
            if current.get(question_id) != UNKNOWN:
                continue
            rule = presumption.rule
            if (
                presumption.exception is not None
                and presumption.exception_when is not None
                and evaluate(presumption.exception_when, stated) is _TRUE
            ):
                rule = presumption.exception
            answers[question_id] = rule.takes
            taken[question_id] = (scope, rule)
            moved = True
        if not moved:
            break
        current = values_of(answers)
    return answers, taken, current


_Presumed = tuple[int, tuple[tuple[str, Presumption], ...]]
_PRESUMED: dict[tuple[int, int, Scope], tuple[Law, Mapping[str, Presumption], _Presumed]] = {}


def _presumed_in(law: Law, scope: Scope, presumptions: Mapping[str, Presumption]) -> _Presumed:
    """The number of questions of a scope, and those with a presumption, in order: kept
    per law and presumptions (those of active_presumptions, kept per rule set), since
    every evaluation presumes each scope under each rule set."""
    key = (id(law), id(presumptions), scope)
    kept = _PRESUMED.get(key)
    if kept is None or kept[0] is not law or kept[1] is not presumptions:
        if len(_PRESUMED) >= 64:  # laws loaded again and again
            _PRESUMED.clear()
        questions = law.questionnaire.in_scope(scope)
        presumed = tuple((q.id, presumptions[q.id]) for q in questions if q.id in presumptions)
        kept = _PRESUMED[key] = (law, presumptions, (len(questions), presumed))
    return kept[2]


def _in_order(law: Law, assumptions: Sequence[Assumption]) -> tuple[Assumption, ...]:
    if len(assumptions) < 2:
        return tuple(assumptions)
    order = {q.id: i for i, q in enumerate(law.questionnaire.questions)}
    return tuple(sorted(assumptions, key=lambda a: order.get(a.question, len(order))))


# ------------------------------------------------------------ the other way


def otherwise(
    prepared: PreparedRuleSet,
    answers: Answers,
    element_id: str,
    assumption: Assumption,
    base: ElementOutcome | None = None,
) -> tuple[Otherwise, ...]:
    """The verdict for each other real value of the assumed fact, stated as that value.

    `base` is the element as evaluated on the record. Where no question's
    `ask_if` and no presumption's exception reads the fact, stating it
    otherwise changes that one value and nothing else (no question opens or
    closes, every other presumption is taken as before), so the verdict is read
    from those values directly; otherwise the answers are worked out afresh.
    """
    if base is not None and assumption.question not in _steering(prepared):
        question = prepared.law.questions()[assumption.question]
        quick: list[Otherwise] = []
        for value in _other_values(prepared, question, assumption.value):
            values = {**base.values, assumption.question: value}
            verdict = _verdict_of(prepared, values, element_id, base, (assumption.question,))
            if verdict is not None:
                quick.append(Otherwise(value, verdict))
        return tuple(quick)
    element = next(e for e in answers.elements if e.id == element_id)
    law = prepared.law
    question = law.questions()[assumption.question]
    results: list[Otherwise] = []
    for value in _other_values(prepared, question, assumption.value):
        work = dict(answers.work)
        own = dict(element.answers)
        (work if assumption.scope is Scope.WORK else own)[assumption.question] = value
        verdict = _verdict(prepared, work, own, element.kind, element_id, base)
        if verdict is not None:
            results.append(Otherwise(value, verdict))
    return tuple(results)


def _verdict(
    prepared: PreparedRuleSet,
    work: Mapping[str, Any],
    own: Mapping[str, Any],
    kind: str,
    element_id: str,
    base: ElementOutcome | None = None,
) -> Verdict | None:
    law = prepared.law
    presumptions = active_presumptions(prepared)
    strict_work = applicable_values(law.questionnaire, work, None)
    _, work_taken, work_values = _presume(
        law, Scope.WORK, dict(work), presumptions, _work_values(law), strict_work, strict_work
    )
    strict_element = applicable_values(law.questionnaire, own, strict_work, kind)
    _, _, values = _presume(
        law,
        Scope.ELEMENT,
        dict(own),
        presumptions,
        _element_values(law, work_values, kind),
        strict_element,
        None if work_taken else strict_element,
    )
    return _verdict_of(prepared, values, element_id, base)


def _verdict_of(
    prepared: PreparedRuleSet,
    values: Mapping[str, Any],
    element_id: str,
    base: ElementOutcome | None = None,
    changed: Sequence[str] | None = None,
) -> Verdict | None:
    """One element's verdict from its values, without the engine (None if rules clash)."""
    truths, _findings = view_truths(prepared, values, base, changed)
    if base is not None and decides_alike(prepared, truths, base.truths):
        return base.verdict
    try:
        return decide(prepared, truths, prepared.truths_key(truths), element_id).verdict
    except ConflictError:  # a clash of rules on a hypothetical: no prediction
        return None


def view_truths(
    prepared: PreparedRuleSet,
    values: Mapping[str, Any],
    base: ElementOutcome | None = None,
    changed: Sequence[str] | None = None,
) -> tuple[dict[str, Truth], dict[str, Truth]]:
    """Every rule's and finding's truth for one element, without the engine.

    The same Python evaluation as `reasoning.rule_truths`. Without `base`, read
    through the rule groups' Views (rule_groups.py). With `base`, an evaluated
    element whose values differ from `values` in a few facts (a hypothetical:
    one assumption stated otherwise, or nothing presumed), only the rules that
    read a changed fact, or a finding that moved, are evaluated, stratum by
    stratum, each through the memory of its truths (rule_groups.RuleReader);
    every other rule keeps its truth from `base`. `changed` names the
    questions whose values differ where the caller knows them; otherwise they
    are found by comparing.
    """
    if base is None:
        findings = dict.fromkeys(prepared.derivers, _FALSE)
        truths: dict[str, Truth] = {}
        for stratum, _rules in prepared.by_stratum:
            for group in prepared.groups[stratum]:
                truths.update(group.view(values, findings).truths)
            for finding, producers_of in prepared.finishing[stratum]:
                findings[finding] = _finding_truth(producers_of(truths))
        return truths, findings
    if changed is None:
        old = base.values
        changed = [q for q in prepared.questions_read if values.get(q) != old.get(q)]
    findings = dict(base.findings)
    truths = dict(base.truths)
    if not changed:
        return truths, findings
    by_question, by_finding = prepared.readers
    derived_by = prepared.derived_by
    # The rules to evaluate again, by stratum: those reading a changed fact, then
    # those reading a finding that moved (a later stratum's, as stratification
    # guarantees).
    pending: list[list[Rule]] = [[] for _ in range(prepared.depth + 1)]
    for question in changed:
        for stratum, rule in by_question.get(question, ()):
            pending[stratum].append(rule)
    rule_readers = prepared.rule_readers
    evaluated: set[str] = set()
    moving: set[str] = set()  # the findings of the rules whose truth changed
    for stratum, rules in enumerate(pending):
        for rule in rules:
            if rule.id in evaluated:
                continue
            evaluated.add(rule.id)
            truth = rule_readers[rule.id].truth_and_parts(values, findings)[0]
            if truth is not truths[rule.id]:
                truths[rule.id] = truth
                moving.update(derived_by[rule.id])
        if not moving:
            continue
        for finding, producers_of in prepared.finishing[stratum]:
            if finding in moving:
                truth = _finding_truth(producers_of(truths))
                if truth is not findings[finding]:
                    findings[finding] = truth
                    for later, rule in by_finding.get(finding, ()):
                        pending[later].append(rule)
    return truths, findings


@dataclass(frozen=True)
class Strict:
    """The verdict with no presumption: every unknown stays unknown."""

    decision: Decision
    undetermined_by: tuple[str, ...]


def strict_reading(
    prepared: PreparedRuleSet,
    values: Mapping[str, Any],
    element_id: str,
    base: ElementOutcome | None = None,
) -> Strict:
    """The strict verdict, by the Python evaluation the engine is checked against
    (`base`: the element as evaluated on the record, whose unchanged rules are kept)."""
    truths, findings = view_truths(prepared, values, base)
    if base is not None and decides_alike(prepared, truths, base.truths):
        decision = base.decision
    else:
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


def _steering(prepared: PreparedRuleSet) -> frozenset[str]:
    """The questions whose value can change more than itself: read by an `ask_if`
    (which questions apply) or by a presumption's exception (which reading applies)."""
    kept = _STEERING.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        read: set[str] = set()
        for question in prepared.law.questionnaire.questions:
            if question.ask_if is not None:
                read |= set(questions_in(question.ask_if))
        for presumption in prepared.ruleset.presumptions:
            if presumption.exception_when is not None:
                read |= set(questions_in(presumption.exception_when))
        kept = _STEERING[id(prepared)] = (prepared, frozenset(read))
    return kept[1]


_STEERING: dict[int, tuple[PreparedRuleSet, frozenset[str]]] = {}
