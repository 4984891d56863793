"""What would change the outcome: the smallest changes of answers that flip a verdict.

Nothing here is written by hand. Each candidate change of one answer is applied
to a copy of the answers; the copy is settled against the questionnaire (an
answer whose `ask_if` no longer holds is dropped, a required question that now
applies is answered "unknown" where the questionnaire allows it, otherwise the
change is not made), validated like any answers file (`answers_from_data`), and
re-evaluated by the same prepared rule sets as the real answers. Changes of two
answers are tried only for an element that no single change decides
otherwise, which is what makes the changes found the smallest ones.

Candidate values come from the law itself: every other choice of a choice
question, the other side of a yes/no, and for numbers and dates the values
just either side of each threshold a rule or an `ask_if` tests. "unknown" is
never a candidate (nobody can make a fact unknown), but an unknown answer is a
candidate for every real value, so an undetermined element shows what would
decide it.

Two shortcuts keep the search fast without changing what it finds:
- variants whose answers give every condition leaf of a rule set the same
  truth (and leave the same questions unknown) have the same outcome, so only
  one of them is sent to the engine;
- variants of one element that share the work-level answers are evaluated
  together in one engine session, as separate elements (an element's verdict
  depends only on its own answers and the work's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..answers.answers_file import answer_to_yaml, answers_from_data, applicable_values
from ..io.errors import InputError, Location
from ..io.yaml_files import LocatedDict, LocatedList
from ..law.conditions import NOT_APPLICABLE, evaluate, leaves, questions_in
from ..law.loading import ELEMENT_KIND_QUESTION, Law
from ..law.model import UNKNOWN, Answers, Element, Leaf, Question, Scope, Verdict
from ..reasoning.candidate_values import candidate_values, compared_values
from ..reasoning.on_the_record import on_the_record
from ..reasoning.ruleset_evaluation import (
    ElementOutcome,
    PreparedRuleSet,
    element_values,
    evaluate_ruleset,
)
from ..result.join import joined
from ..result.result_json import answer_words, verdict_label
from ..result.words import cites
from .evaluator import Evaluator

MAX_PAIR_VARIANTS = 4000  # per element: beyond this the search says it stopped early
_VERDICT_ORDER = [v.value for v in Verdict]


@dataclass(frozen=True)
class Change:
    """One answer changed: for an element, or for the work (element None)."""

    element: str | None
    question: str
    before: Any  # normalised value, UNKNOWN or NOT_APPLICABLE
    after: Any


@dataclass
class Variant:
    """The answers one element would be judged on after some changes."""

    target: str  # element id
    changes: tuple[Change, ...]
    work: dict[str, Any]
    element: Element
    opened: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()  # questions that now apply, need an answer, and lack one
    outcomes: dict[str, ElementOutcome] = field(default_factory=dict)
    signatures: dict[str, tuple[Any, ...]] = field(default_factory=dict)


class _Settled:
    """Answers of one scope brought back in line with the questionnaire's ask_if."""

    def __init__(
        self, answers: dict[str, Any], opened: list[str], dropped: list[str], pending: list[str]
    ) -> None:
        self.answers = answers
        self.opened = opened
        self.dropped = dropped
        self.pending = pending


# ------------------------------------------------------------------ the search


def what_if(evaluator: Evaluator, answers: Answers, result: Mapping[str, Any]) -> dict[str, Any]:
    """The changes of answers that flip each element's verdict, per jurisdiction."""
    return _Search(evaluator, answers, joined(result)).run()


class _Search:
    def __init__(self, evaluator: Evaluator, answers: Answers, result: Mapping[str, Any]) -> None:
        self.evaluator = evaluator
        self.law: Law = evaluator.law
        self.answers = answers
        self.questions = self.law.questions()
        self.order = {q.id: i for i, q in enumerate(self.law.questionnaire.questions)}
        self.prepared = {p.ruleset.id: p for p in evaluator.prepared}
        self.base = {
            j["id"]: {e["id"]: e["verdict"] for e in j["elements"]} for j in result["jurisdictions"]
        }
        self.words = answer_words(self.law)
        self.relevant = _relevant_questions(self.law, evaluator.prepared)
        self.thresholds = compared_values(self.law, evaluator.prepared)
        self.leaves = {rid: _question_leaves(p) for rid, p in self.prepared.items()}
        self.elements = {e.id: e for e in answers.elements}
        self.base_variants = {
            e.id: Variant(e.id, (), dict(answers.work), e) for e in answers.elements
        }
        self.evaluated = 0
        self.limited: list[str] = []

    def run(self) -> dict[str, Any]:
        singles, incomplete = self._singles()
        self._evaluate(singles, list(self.prepared))
        found: dict[tuple[str, str], list[Variant]] = {}
        for variant in singles:
            for ruleset_id, outcome in variant.outcomes.items():
                if outcome.verdict.value != self.base[ruleset_id][variant.target]:
                    found.setdefault((ruleset_id, variant.target), []).append(variant)
        need_pairs: dict[str, list[str]] = {}
        for ruleset_id in self.prepared:
            for element_id in self.elements:
                if not any(
                    self._decisive(ruleset_id, v) for v in found.get((ruleset_id, element_id), [])
                ):
                    need_pairs.setdefault(element_id, []).append(ruleset_id)
        searched_pairs = {(r, e) for e, rulesets in need_pairs.items() for r in rulesets}
        for element_id, ruleset_ids in need_pairs.items():
            seeds = [v for v in [*singles, *incomplete] if v.target == element_id]
            pairs = self._pairs(element_id, seeds, ruleset_ids)
            self._evaluate(pairs, ruleset_ids)
            for variant in pairs:
                for ruleset_id in variant.outcomes:
                    # two changes that only leave the element open are not worth a line
                    if self._decisive(ruleset_id, variant):
                        found.setdefault((ruleset_id, element_id), []).append(variant)
        return self._report(found, searched_pairs)

    def _decisive(self, ruleset_id: str, variant: Variant) -> bool:
        """A change that decides the element otherwise (not one that only leaves it open)."""
        verdict = variant.outcomes[ruleset_id].verdict
        return (
            verdict is not Verdict.UNDETERMINED
            and verdict.value != self.base[ruleset_id][variant.target]
        )

    # ----------------------------------------------------------- candidates

    def _singles(self) -> tuple[list[Variant], list[Variant]]:
        """Single changes; and those that need a second answer first (seeds for pairs only)."""
        complete: list[Variant] = []
        incomplete: list[Variant] = []
        for base in self.base_variants.values():
            for variant in self._changed(base, exclude=set(), allow_pending=True):
                (incomplete if variant.pending else complete).append(variant)
        return complete, incomplete

    def _pairs(
        self, element_id: str, seeds: Sequence[Variant], ruleset_ids: Sequence[str]
    ) -> list[Variant]:
        seen: set[frozenset[tuple[str | None, str, Any]]] = set()
        pairs: list[Variant] = []
        base_signatures = {
            r: self._signature(r, self.base_variants[element_id]) for r in ruleset_ids
        }
        for first in seeds:
            # a first change that opened a question needing an answer: the second gives it
            only = set(first.pending) or None
            first_signatures = {
                r: (None if only else self._signature(r, first)) for r in ruleset_ids
            }
            done = {(c.element, c.question) for c in first.changes}
            for second in self._changed(first, exclude=done, only=only):
                key = frozenset((c.element, c.question, _hashable(c.after)) for c in second.changes)
                if key in seen:
                    continue
                seen.add(key)
                signatures = {r: self._signature(r, second) for r in ruleset_ids}
                # a second change that moves no condition leaf adds nothing to the first
                if all(
                    signatures[r] in (first_signatures[r], base_signatures[r]) for r in ruleset_ids
                ):
                    continue
                if len(pairs) >= MAX_PAIR_VARIANTS:
                    self.limited.append(element_id)
                    return pairs
                pairs.append(second)
        return pairs

    def _changed(
        self,
        variant: Variant,
        exclude: set[tuple[str | None, str]],
        allow_pending: bool = False,
        only: set[str] | None = None,
    ) -> Iterator[Variant]:
        """Every variant one more change away from `variant`, settled and validated."""
        work_values = applicable_values(self.law.questionnaire, variant.work, None)
        element = variant.element
        values = applicable_values(
            self.law.questionnaire, element.answers, work_values, element.kind
        )
        original = self._values(self.base_variants[variant.target])
        for question in self.law.questionnaire.questions:
            if only is not None:
                if question.id not in only:
                    continue
            elif question.id not in self.relevant:
                continue
            scope_element = None if question.scope is Scope.WORK else element.id
            if (scope_element, question.id) in exclude:
                continue
            current = values.get(question.id, NOT_APPLICABLE)
            if current == NOT_APPLICABLE:
                continue
            for after in candidate_values(question, current, self.thresholds.get(question.id, ())):
                before = original.get(question.id, NOT_APPLICABLE)
                change = Change(scope_element, question.id, before, after)
                changed = self._apply(variant, change, allow_pending)
                if changed is not None:
                    yield changed

    def _apply(
        self, variant: Variant, change: Change, allow_pending: bool = False
    ) -> Variant | None:
        questionnaire = self.law.questionnaire
        work = dict(variant.work)
        element_answers = dict(variant.element.answers)
        if change.element is None:
            work[change.question] = change.after
        else:
            element_answers[change.question] = change.after
        work_settled = _settle(
            questionnaire.in_scope(Scope.WORK),
            work,
            lambda a: applicable_values(questionnaire, a, None),
            allow_pending,
        )
        if work_settled is None:
            return None
        work_values = applicable_values(questionnaire, work_settled.answers, None)
        kind = variant.element.kind
        element_settled = _settle(
            questionnaire.in_scope(Scope.ELEMENT),
            element_answers,
            lambda a: applicable_values(questionnaire, a, work_values, kind),
            allow_pending,
        )
        if element_settled is None:
            return None
        changed = [*variant.changes, change]
        lost = set(work_settled.dropped) | set(element_settled.dropped)
        if any(c.question in lost for c in changed):
            return None  # the new change undid an earlier one: not a change of two answers
        opened = _merge(variant.opened, work_settled.opened, element_settled.opened)
        dropped = _merge(variant.dropped, work_settled.dropped, element_settled.dropped)
        opened = tuple(q for q in opened if q not in dropped)
        pending = (*work_settled.pending, *element_settled.pending)
        if pending:  # not a state anyone could be in until a second change answers these
            return Variant(
                variant.target,
                tuple(changed),
                work_settled.answers,
                replace(variant.element, answers=element_settled.answers),
                opened,
                dropped,
                pending,
            )
        validated = self._validate(work_settled.answers, variant.element, element_settled.answers)
        if validated is None:
            return None
        work_answers, element = validated
        return Variant(variant.target, tuple(changed), work_answers, element, opened, dropped)

    def _validate(
        self, work: Mapping[str, Any], original: Element, element_answers: Mapping[str, Any]
    ) -> tuple[dict[str, Any], Element] | None:
        """Run the altered answers through the same validation as an answers file."""
        data = {
            "meta": {"schema": 1, "title": self.answers.title or "what-if"},
            "work": {q: answer_to_yaml(self.questions[q], v) for q, v in work.items()},
            "elements": {
                original.id: {
                    "kind": original.kind,
                    "label": original.label,
                    "answers": {
                        q: answer_to_yaml(self.questions[q], v) for q, v in element_answers.items()
                    },
                }
            },
        }
        try:
            checked = answers_from_data(_located(data, "what-if"), self.law, "what-if")
        except InputError:
            return None
        return checked.work, checked.elements[0]

    # ----------------------------------------------------------- evaluation

    def _signature(self, ruleset_id: str, variant: Variant) -> tuple[Any, ...]:
        """What the rule set can see of a variant: every leaf's truth, and what is unknown."""
        cached = variant.signatures
        if ruleset_id not in cached:
            values = self._values(variant)
            leaves_ = self.leaves[ruleset_id]
            cached[ruleset_id] = (
                tuple(evaluate(leaf, values) for leaf in leaves_),
                frozenset(
                    leaf.question for leaf in leaves_ if values.get(leaf.question) == UNKNOWN
                ),
            )
        return cached[ruleset_id]

    def _values(self, variant: Variant) -> dict[str, Any]:
        questionnaire = self.law.questionnaire
        work_values = applicable_values(questionnaire, variant.work, None)
        return applicable_values(
            questionnaire, variant.element.answers, work_values, variant.element.kind
        )

    def _evaluate(self, variants: Sequence[Variant], ruleset_ids: Iterable[str]) -> None:
        """Evaluate each variant under each rule set, one engine run per distinct case."""
        for ruleset_id in ruleset_ids:
            prepared = self.prepared[ruleset_id]
            representative: dict[tuple[Any, ...], Variant] = {}
            groups: dict[tuple[Any, ...], list[Variant]] = {}
            for variant in variants:
                signature = (variant.target, self._signature(ruleset_id, variant))
                if signature not in representative:
                    representative[signature] = variant
                    work_key = tuple(sorted((k, _hashable(v)) for k, v in variant.work.items()))
                    groups.setdefault(work_key, []).append(variant)
            for group in groups.values():
                for variant, outcome in zip(group, self._run(prepared, group), strict=True):
                    variant.outcomes[ruleset_id] = outcome
            for variant in variants:
                signature = (variant.target, self._signature(ruleset_id, variant))
                variant.outcomes[ruleset_id] = representative[signature].outcomes[ruleset_id]

    def _run(self, prepared: PreparedRuleSet, group: Sequence[Variant]) -> list[ElementOutcome]:
        elements = tuple(replace(v.element, id=f"v{i}") for i, v in enumerate(group))
        batch = Answers(
            meta=dict(self.answers.meta),
            work=group[0].work,
            elements=elements,
            source="what-if",
            sha256="",
        )
        self.evaluated += len(elements)
        values = element_values(self.law, batch)
        if self.evaluator.presumptions:  # judged as the real answers are: on the record
            run = on_the_record(prepared, batch, values)
            if run is not None:
                values = {e: r.values for e, r in run.elements.items()}
        return evaluate_ruleset(prepared, batch, values).elements

    # ----------------------------------------------------------- the report

    def _report(
        self, found: Mapping[tuple[str, str], list[Variant]], searched_pairs: set[tuple[str, str]]
    ) -> dict[str, Any]:
        jurisdictions = []
        for ruleset_id, prepared in self.prepared.items():
            elements = []
            for element_id, element in self.elements.items():
                variants = _smallest(found.get((ruleset_id, element_id), []), ruleset_id)
                variants.sort(key=lambda v: self._sort_key(v, ruleset_id))
                base = self.base[ruleset_id][element_id]
                elements.append(
                    {
                        "element": element_id,
                        "label": element.label,
                        "verdict": base,
                        "verdict_label": verdict_label(Verdict(base)),
                        "pairs_searched": (ruleset_id, element_id) in searched_pairs,
                        "complete": element_id not in self.limited,
                        "changes": [self._describe(v, ruleset_id, prepared) for v in variants],
                    }
                )
            jurisdictions.append({"id": ruleset_id, "elements": elements})
        return {
            "evaluated": self.evaluated,
            "max_pair_variants": MAX_PAIR_VARIANTS,
            "jurisdictions": jurisdictions,
        }

    def _sort_key(self, variant: Variant, ruleset_id: str) -> tuple[Any, ...]:
        outcome = variant.outcomes[ruleset_id]
        return (
            len(variant.changes),
            outcome.verdict is Verdict.UNDETERMINED,
            _VERDICT_ORDER.index(outcome.verdict.value),
            [
                (c.element is not None, self.order[c.question], _sortable(c.after))
                for c in variant.changes
            ],
        )

    def _describe(
        self, variant: Variant, ruleset_id: str, prepared: PreparedRuleSet
    ) -> dict[str, Any]:
        outcome = variant.outcomes[ruleset_id]
        ruleset = prepared.ruleset
        vocabulary = self.law.vocabulary
        return {
            "size": len(variant.changes),
            "steps": [
                {
                    "element": change.element,
                    "question": change.question,
                    "text": self.words.question(change.question),
                    "from": _plain(change.before),
                    "from_label": self.words.value(change.question, change.before),
                    "to": _plain(change.after),
                    "to_label": self.words.value(change.question, change.after),
                }
                for change in variant.changes
            ],
            "opened": [{"question": q, "text": self.words.question(q)} for q in variant.opened],
            "dropped": [{"question": q, "text": self.words.question(q)} for q in variant.dropped],
            "verdict": outcome.verdict.value,
            "verdict_label": verdict_label(outcome.verdict),
            "author": outcome.author,
            "author_label": vocabulary.label_or_none("authors", outcome.author),
            "settledness": outcome.settledness,
            "settledness_label": vocabulary.label_or_none("settledness", outcome.settledness),
            "deciding": [
                {
                    "rule": rule_id,
                    "statement": ruleset.rule(rule_id).statement.as_dict(),
                    "cites": cites(ruleset.rule(rule_id).cites),
                }
                for rule_id in outcome.deciding
            ],
            "undetermined_by": [
                {"question": q, "text": self.words.question(q)} for q in outcome.undetermined_by
            ],
        }


# --------------------------------------------------------------------- helpers


def _relevant_questions(law: Law, prepared: Iterable[PreparedRuleSet]) -> set[str]:
    """Questions some rule tests, and the questions their ask_if depends on."""
    questions = law.questions()
    relevant: set[str] = set()
    for item in prepared:
        for rule in item.ruleset.rules:
            relevant |= questions_in(rule.when)
    frontier = list(relevant)
    while frontier:
        question = questions.get(frontier.pop())
        if question is None:
            continue
        for parent in questions_in(question.ask_if):
            if parent not in relevant:
                relevant.add(parent)
                frontier.append(parent)
    relevant.discard(ELEMENT_KIND_QUESTION)
    return relevant


def _question_leaves(prepared: PreparedRuleSet) -> list[Leaf]:
    return [
        leaf
        for rule in prepared.ruleset.rules
        for leaf in leaves(rule.when)
        if isinstance(leaf, Leaf)
    ]


def _settle(
    questions: Sequence[Question],
    answers: dict[str, Any],
    values_of: Any,
    allow_pending: bool = False,
) -> _Settled | None:
    """Drop answers that no longer apply; answer "unknown" where a required one now does.

    A required question that now applies but cannot be answered "unknown" needs
    an answer nobody gave: the change is not made (None), or, with
    `allow_pending`, the question is left pending for a second change to answer.
    """
    answers = dict(answers)
    opened: list[str] = []
    dropped: list[str] = []
    pending: list[str] = []
    for _ in range(len(questions) + 1):
        values = values_of(answers)
        moved = False
        for question in questions:
            applies = values.get(question.id) != NOT_APPLICABLE
            if not applies and question.id in answers:
                del answers[question.id]
                dropped.append(question.id)
                moved = True
            elif applies and question.required and question.id not in answers:
                if not question.unknown_allowed:
                    if not allow_pending:
                        return None
                    if question.id not in pending:
                        pending.append(question.id)
                    continue
                answers[question.id] = UNKNOWN
                opened.append(question.id)
                moved = True
        if not moved:
            return _Settled(answers, opened, dropped, pending)
    return None


def _smallest(variants: Sequence[Variant], ruleset_id: str) -> list[Variant]:
    """Keep, among numeric changes with the same outcome, the one nearest the answer given."""
    best: dict[tuple[Any, ...], tuple[float, Variant]] = {}
    for variant in variants:
        outcome = variant.outcomes[ruleset_id]
        shape = []
        distance = 0.0
        for change in variant.changes:
            numeric = isinstance(change.after, float) or _is_iso_date(change.after)
            if numeric:
                direction = _direction(change.before, change.after)
                shape.append((change.element, change.question, direction))
                distance += _distance(change.before, change.after)
            else:
                shape.append((change.element, change.question, _hashable(change.after)))
        key = (tuple(shape), outcome.verdict.value, tuple(outcome.deciding))
        if key not in best or distance < best[key][0]:
            best[key] = (distance, variant)
    return [variant for _, variant in best.values()]


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _as_number(value: Any) -> float | None:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return float(value)
    if _is_iso_date(value):
        return float(dt.date.fromisoformat(value).toordinal())
    return None


def _direction(before: Any, after: Any) -> str:
    start, end = _as_number(before), _as_number(after)
    if start is None or end is None:
        return "set"
    return "up" if end > start else "down"


def _distance(before: Any, after: Any) -> float:
    start, end = _as_number(before), _as_number(after)
    if start is None or end is None:
        return 0.0
    return abs(end - start)


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    merged: list[str] = []
    for group in groups:
        for item in group:
            if item not in merged:
                merged.append(item)
    return tuple(merged)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _sortable(value: Any) -> tuple[str, str]:
    return (type(value).__name__, repr(value))


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _located(value: Any, display: str) -> Any:
    """Plain data wrapped like loaded YAML, so answers_from_data can report a location."""
    where_ = Location(display)
    if isinstance(value, dict):
        located = LocatedDict({k: _located(v, display) for k, v in value.items()})
        located.location = where_
        located.key_locations = {}
        return located
    if isinstance(value, list):
        items = LocatedList(_located(v, display) for v in value)
        items.location = where_
        items.item_locations = []
        return items
    return value
