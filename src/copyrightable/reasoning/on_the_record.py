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
    Scope,
    Truth,
    Verdict,
)
from .candidate_values import candidate_values, compared_values
from .decision import Decision, decide
from .rule_groups import rule_inputs
from .ruleset_evaluation import ElementOutcome, PreparedRuleSet, _deciding_unknowns, _finding_truth


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
            verdict = _verdict_of(prepared, values, element_id, base)
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
    return _verdict_of(prepared, values, element_id, base)


def _verdict_of(
    prepared: PreparedRuleSet,
    values: Mapping[str, Any],
    element_id: str,
    base: ElementOutcome | None = None,
) -> Verdict | None:
    """One element's verdict from its values, without the engine (None if rules clash)."""
    truths, _findings = view_truths(prepared, values, base)
    try:
        return decide(prepared, truths, prepared.truths_key(truths), element_id).verdict
    except ConflictError:  # a clash of rules on a hypothetical: no prediction
        return None


def view_truths(
    prepared: PreparedRuleSet, values: Mapping[str, Any], base: ElementOutcome | None = None
) -> tuple[dict[str, Truth], dict[str, Truth]]:
    """Every rule's and finding's truth for one element, without the engine.

    The same Python evaluation as `reasoning.rule_truths`. Without `base`, read
    through the rule groups' Views (rule_groups.py). With `base`, an evaluated
    element whose values differ from `values` in a few facts (a hypothetical:
    one assumption stated otherwise, or nothing presumed), only the rules that
    read a changed fact, or a finding that changed, are evaluated; every other
    rule keeps its truth from `base`.
    """
    if base is None:
        findings = dict.fromkeys(prepared.derivers, Truth.FALSE)
        truths: dict[str, Truth] = {}
        for stratum, _rules in prepared.by_stratum:
            for group in prepared.groups[stratum]:
                truths.update(group.view(values, values, findings).truths)
            for finding, producers_of in prepared.finishing[stratum]:
                findings[finding] = _finding_truth(producers_of(truths))
        return truths, findings
    findings = dict(base.findings)
    truths = dict(base.truths)
    old = base.values
    by_question, by_finding = _readers(prepared)
    # The rules to evaluate again: those reading a changed fact, then those reading
    # a finding that moved (a later stratum's, as stratification guarantees).
    dirty: set[str] = set()
    for question in prepared.questions_read:
        if values.get(question) != old.get(question):
            dirty |= by_question.get(question, _NONE)
    for stratum, rules in prepared.by_stratum:
        if dirty:
            for rule in rules:
                if rule.id in dirty:
                    truths[rule.id] = evaluate(rule.when, values, findings)
        for finding, producers_of in prepared.finishing[stratum]:
            truth = _finding_truth(producers_of(truths))
            if truth is not findings[finding]:
                dirty |= by_finding.get(finding, _NONE)
                findings[finding] = truth
    return truths, findings


_NONE: frozenset[str] = frozenset()
_Readers = tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]


def _readers(prepared: PreparedRuleSet) -> _Readers:
    """For each question and each finding, the rules that read it (kept per rule set).

    A hypothetical changes one or two facts of some sixty: looking up their
    readers is cheaper than asking each of the ninety rules what it reads.
    """
    kept = _READERS.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        by_question: dict[str, set[str]] = {}
        by_finding: dict[str, set[str]] = {}
        for rule in prepared.ruleset.rules:
            questions, findings = rule_inputs(rule)
            for question in questions:
                by_question.setdefault(question, set()).add(rule.id)
            for finding in findings:
                by_finding.setdefault(finding, set()).add(rule.id)
        readers = (
            {q: frozenset(r) for q, r in by_question.items()},
            {f: frozenset(r) for f, r in by_finding.items()},
        )
        kept = _READERS[id(prepared)] = (prepared, readers)
    return kept[1]


_READERS: dict[int, tuple[PreparedRuleSet, _Readers]] = {}


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
