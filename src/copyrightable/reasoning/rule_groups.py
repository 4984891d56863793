"""Rules grouped by what they read, and what a group makes of an element, remembered.

Within a stratum, rules that read a common question or finding form one group
(a connected component). Everything a group contributes to an evaluation, its
View (the engine properties for its rules, each rule's truth and the truths of
its condition's parts), depends only on the values the group reads. Groups are small,
so across a batch the same few combinations of those values recur, and a View
is worked out once per combination and shared by every element that read the
same. The View is the explanation, not the decision: durable-rules decides
every evaluation from the facts the View supplies, and the View's truths are
what the engine's decision is checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ..law.conditions import NOT_APPLICABLE, evaluate, leaves, relied_on, top_parts
from ..law.model import All, Any_, FindingRef, Leaf, Not, Rule, Truth

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_TRUE = Truth.TRUE
_FALSE = Truth.FALSE
_UNKNOWN_TRUTH = Truth.UNKNOWN


MAX_REMEMBERED_VIEWS = 512  # per group; beyond it the memory starts afresh
MAX_REMEMBERED_TRUTHS = 512  # per rule; likewise

Getter = Callable[[Mapping[str, Any]], Any]
# Per top-level part of a rule: the inputs it read but does not rest on (None: none).
Unused = tuple[tuple[str, ...], ...] | None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it is shared
class View:
    """What one group of rules makes of an element. Shared, so never changed."""

    fact: dict[str, Any]  # the engine properties the group's rules read
    truths: dict[str, Truth]
    parts: dict[str, tuple[str, ...]]  # each rule's top-level condition parts: their truths
    unused: dict[str, tuple[tuple[str, ...], ...]]  # inputs parts read but do not rest on


@dataclass(frozen=True, eq=False)
class RuleReader:
    """One rule with getters for what it reads, and its truths remembered by those values.

    A group's View is remembered by every value the group reads; the largest
    groups (a dozen rules over a dozen questions) meet a new combination in
    most evaluations, and the hypotheticals (the strict reading, each
    assumption's other way) ask single rules again. A rule reads two or three
    questions, whose combinations recur.
    """

    rule: Rule
    questions: tuple[str, ...]
    key_questions: Getter
    key_findings: Getter
    compound: bool  # a top-level part combines conditions: it may read what it does not rest on
    remembered: dict[Any, tuple[Truth, tuple[str, ...]]] = field(default_factory=dict)
    remembered_unused: dict[Any, Unused] = field(default_factory=dict)

    def truth_and_parts(
        self, values: Mapping[str, Any], findings: Mapping[str, Truth]
    ) -> tuple[Truth, tuple[str, ...]]:
        """The rule's truth and its top-level parts' truths (see _truth_and_parts)."""
        key = (_read(self.key_questions, self.questions, values), self.key_findings(findings))
        kept = self.remembered.get(key)
        if kept is None:
            kept = _truth_and_parts(self.rule, values, findings)
            if len(self.remembered) >= MAX_REMEMBERED_TRUTHS:
                self.remembered.clear()
            self.remembered[key] = kept
        return kept

    def unused_reads(
        self,
        values: Mapping[str, Any],
        findings: Mapping[str, Truth],
        truth: Truth,
        part_truths: tuple[str, ...],
    ) -> Unused:
        """Per top-level part, the inputs it read that its truth does not rest on
        (`law.conditions.relied_on`); None where every part rests on all it read.
        `truth` and `part_truths` are what `truth_and_parts` gave for these values."""
        key = (_read(self.key_questions, self.questions, values), self.key_findings(findings))
        if key in self.remembered_unused:
            return self.remembered_unused[key]
        kept = _unused_reads(self.rule, truth, part_truths, values, findings)
        if len(self.remembered_unused) >= MAX_REMEMBERED_TRUTHS:
            self.remembered_unused.clear()
        self.remembered_unused[key] = kept
        return kept


def has_compound_part(rule: Rule) -> bool:
    """Whether a top-level part of the rule's condition combines conditions of its own:
    only such a part can read an input its truth does not rest on."""
    return any(_is_compound(part) for part in top_parts(rule.when))


def _is_compound(part: Any) -> bool:
    while isinstance(part, Not):
        part = part.part
    return not isinstance(part, Leaf | FindingRef)


def _unused_reads(
    rule: Rule,
    truth: Truth,
    part_truths: tuple[str, ...],
    values: Mapping[str, Any],
    findings: Mapping[str, Truth],
) -> Unused:
    """Listed only for the compound parts the rule's truth rests on: a part it does not
    rest on (a true part of a rule that failed) is not given as a ground at all.

    `truth` and `part_truths` are the rule's, from `_truth_and_parts`: the same
    combination, not worked out again.
    """
    top = rule.when
    decisive = _FALSE if isinstance(top, All) else _TRUE
    rests_on_all = not isinstance(top, All | Any_) or truth is not decisive
    unused: list[tuple[str, ...]] = []
    for part, part_truth in zip(top_parts(top), part_truths, strict=True):
        if not _is_compound(part) or not (rests_on_all or part_truth == decisive.value):
            unused.append(())
            continue
        counted = relied_on(part, values, findings)
        read = (
            leaf.finding if isinstance(leaf, FindingRef) else leaf.question for leaf in leaves(part)
        )
        unused.append(tuple(dict.fromkeys(name for name in read if name not in counted)))
    return tuple(unused) if any(unused) else None


def _read(key_questions: Getter, questions: tuple[str, ...], values: Mapping[str, Any]) -> Any:
    """The values of `questions` as `key_questions` gives them, n/a where one is missing."""
    try:
        return key_questions(values)
    except KeyError:  # a question outside the values given: n/a, as the evaluator reads it
        read = [values.get(q, NOT_APPLICABLE) for q in questions]
        return read[0] if len(read) == 1 else tuple(read)


@dataclass(frozen=True, eq=False)
class RuleGroup:
    """Rules of one stratum that share inputs, with getters for what they read."""

    rules: tuple[Rule, ...]
    readers: tuple[RuleReader, ...]
    key_questions: Getter
    key_findings: Getter
    make_fact: Callable[[Mapping[str, Any], Mapping[str, Truth]], dict[str, Any]]
    remembered: dict[Any, View] = field(default_factory=dict)
    questions: tuple[str, ...] = ()  # what the group's rules read, in written order
    findings: tuple[str, ...] = ()

    def view(self, values: Mapping[str, Any], findings: Mapping[str, Truth]) -> View:
        """The group's View of an element, remembered by the values the group reads.

        Everything in a View (engine properties, truths) follows from those
        values and findings alone; whether a value was stated or taken by
        default is the trace's business (ElementOutcome.record), not the View's.
        """
        key = (_read(self.key_questions, self.questions, values), self.key_findings(findings))
        view = self.remembered.get(key)
        if view is None:
            view = self._view(values, findings)
            if len(self.remembered) >= MAX_REMEMBERED_VIEWS:
                self.remembered.clear()  # flat memory over any number of evaluations
            self.remembered[key] = view
        return view

    def _view(self, values: Mapping[str, Any], findings: Mapping[str, Truth]) -> View:
        truths: dict[str, Truth] = {}
        parts: dict[str, tuple[str, ...]] = {}
        unused: dict[str, tuple[tuple[str, ...], ...]] = {}
        for reader in self.readers:
            truth, part_truths = reader.truth_and_parts(values, findings)
            truths[reader.rule.id], parts[reader.rule.id] = truth, part_truths
            if reader.compound:
                idle = reader.unused_reads(values, findings, truth, part_truths)
                if idle is not None:
                    unused[reader.rule.id] = idle
        return View(self.make_fact(values, findings), truths, parts, unused)


def _truth_and_parts(
    rule: Rule, values: Mapping[str, Any], findings: Mapping[str, Truth]
) -> tuple[Truth, tuple[str, ...]]:
    """A rule's truth and the truths of the top-level parts of its condition (what the
    trace shows), each part evaluated once: the rule's truth is theirs combined."""
    top = rule.when
    if not isinstance(top, All | Any_):
        truth = evaluate(top, values, findings)
        return truth, (truth.value,)
    parts = [evaluate(part, values, findings) for part in top.parts]
    decisive, other = (_FALSE, _TRUE) if isinstance(top, All) else (_TRUE, _FALSE)
    if decisive in parts:
        truth = decisive
    elif _UNKNOWN_TRUTH in parts:
        truth = _UNKNOWN_TRUTH
    else:
        truth = other
    return truth, tuple(part.value for part in parts)


def rule_inputs(rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The questions and the findings a rule's condition reads, in written order."""
    questions: dict[str, None] = {}
    findings: dict[str, None] = {}
    for leaf in leaves(rule.when):
        if isinstance(leaf, FindingRef):
            findings[leaf.finding] = None
        else:
            questions[leaf.question] = None
    return tuple(questions), tuple(findings)


def group_rules(
    rules: Sequence[Rule],
    make_fact: Callable[[frozenset[str]], Callable[..., dict[str, Any]]],
    properties_of: Callable[[Rule], set[str]],
) -> tuple[RuleGroup, ...]:
    """One stratum's rules in groups that share no question and no finding.

    `make_fact` turns a set of engine property names into a function building
    those properties from an element's values and findings.
    """
    parent = list(range(len(rules)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owner: dict[tuple[str, str], int] = {}
    inputs = [rule_inputs(rule) for rule in rules]
    for index, (questions, findings) in enumerate(inputs):
        for name in (*(("q", q) for q in questions), *(("f", f) for f in findings)):
            if name in owner:
                parent[root(index)] = root(owner[name])
            else:
                owner[name] = index
    members: dict[int, list[int]] = {}
    for index in range(len(rules)):
        members.setdefault(root(index), []).append(index)
    groups = []
    for indexes in members.values():
        chosen = [rules[i] for i in indexes]
        questions = tuple({q: None for i in indexes for q in inputs[i][0]})
        findings = tuple({f: None for i in indexes for f in inputs[i][1]})
        names = frozenset(name for rule in chosen for name in properties_of(rule))
        groups.append(
            RuleGroup(
                rules=tuple(chosen),
                readers=tuple(
                    RuleReader(
                        rules[i],
                        inputs[i][0],
                        getter(inputs[i][0]),
                        getter(inputs[i][1]),
                        has_compound_part(rules[i]),
                    )
                    for i in indexes
                ),
                key_questions=getter(questions),
                key_findings=getter(findings),
                make_fact=make_fact(names),
                questions=questions,
                findings=findings,
            )
        )
    return tuple(groups)


def getter(names: tuple[str, ...]) -> Getter:
    """The values of `names` in a mapping, as one hashable value (C-level itemgetter)."""
    if not names:
        return _nothing
    return itemgetter(*names)


def _nothing(_mapping: Mapping[str, Any]) -> tuple[()]:
    return ()
