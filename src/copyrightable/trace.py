"""The trace of a Result: every rule's outcome for an element, explained.

A trace entry is a function of the rule's reading (the values of the questions
and findings it read, each default the user did not state marked as such) and
of whether the rule decided the element or was overridden. Across a batch the same
readings recur, so an entry is built once, frozen (read-only, see
`frozen.py`) and shared by every Result that needs it. Building every entry
afresh was two thirds of the cost of an evaluation.
"""

from __future__ import annotations

from typing import Any

from .frozen import FrozenDict, FrozenList, freeze
from .groups import View
from .law import Law
from .model import Rule, Truth, plain_answer
from .reasoning import ElementOutcome, PreparedRuleSet, RuleRecord
from .wording import Wording

MAX_REMEMBERED_ENTRIES = 2_048  # beyond it the memory starts afresh: flat memory
MAX_REMEMBERED_SEGMENTS = 1_024  # a group's entries, by the View they explain

_OUTCOMES = {Truth.TRUE: "fired", Truth.FALSE: "not_fired", Truth.UNKNOWN: "unknown"}

_TRUTH_LABELS = {
    Truth.TRUE: FrozenDict(en="established", zh="成立"),
    Truth.FALSE: FrozenDict(en="not established", zh="不成立"),
    Truth.UNKNOWN: FrozenDict(en="unknown", zh="不详"),
}


class Tracer:
    """Builds and remembers trace entries for one law (one per Evaluator)."""

    def __init__(self, law: Law, words: Wording | None = None) -> None:
        self.law = law
        self.words = words if words is not None else Wording(law)
        self._entries: dict[tuple[Any, ...], FrozenDict] = {}
        self._derived: dict[tuple[str, Any], FrozenList] = {}
        self._segments: dict[View, dict[str, FrozenDict]] = {}
        self._cited: dict[str, tuple[str, ...]] = {}

    def cited_by_rules(self, prepared: PreparedRuleSet) -> tuple[str, ...]:
        """The authorities a rule set's rules cite, in the order the trace cites them."""
        ruleset_id = prepared.ruleset.id
        cited = self._cited.get(ruleset_id)
        if cited is None:
            order = {c.authority: None for rule in prepared.ruleset.rules for c in rule.cites}
            cited = self._cited[ruleset_id] = tuple(order)
        return cited

    def trace(self, prepared: PreparedRuleSet, element: ElementOutcome) -> list[FrozenDict]:
        """One entry per rule of the rule set, in file order.

        Entries come by View (groups.py): the element's View of a group of rules
        is shared with every element that read the same, and so are its entries. Only the
        rules that decided or were overridden get entries of their own.
        """
        special = {*element.deciding, *element.overridden}
        by_rule: dict[str, FrozenDict] = {}
        segments = self._segments
        for view in element.views:
            segment = segments.get(view)
            if segment is None:
                segment = {
                    rule_id: self.entry(prepared, element, rule_id, False, False)
                    for rule_id in view.readings
                }
                if len(segments) >= MAX_REMEMBERED_SEGMENTS:
                    segments.clear()
                segments[view] = segment
            by_rule.update(segment)
        for rule_id in special:
            by_rule[rule_id] = self.entry(
                prepared,
                element,
                rule_id,
                rule_id in element.deciding,
                rule_id in element.overridden,
            )
        return list(prepared.in_rule_order(by_rule))

    def entry(
        self,
        prepared: PreparedRuleSet,
        element: ElementOutcome,
        rule_id: str,
        decisive: bool,
        overridden: bool,
    ) -> FrozenDict:
        """One rule's entry, remembered by its reading (rule ids need not be unique
        across rule sets, so the rule set is part of the key)."""
        key = (prepared.ruleset.id, element.readings[rule_id], decisive, overridden)
        entries = self._entries
        entry = entries.get(key)
        if entry is None:
            rule = prepared.rules_by_id[rule_id]
            entry = self._entry(prepared, rule, element.record(rule), decisive, overridden)
            if len(entries) >= MAX_REMEMBERED_ENTRIES:
                entries.clear()
            entries[key] = entry
        return entry

    def derived(self, prepared: PreparedRuleSet, element: ElementOutcome) -> FrozenList:
        """Every finding of the rule set: its truth and the rules that established it.

        A function of the rules' truths alone, so remembered by them.
        """
        key = (prepared.ruleset.id, element.truths_key)
        derived = self._derived.get(key)
        if derived is None:
            words = self.words
            ruleset = prepared.ruleset
            truths = element.truths
            derived = freeze(
                [
                    {
                        "finding": finding.id,
                        "label": words.finding(ruleset.id, finding.id),
                        "truth": element.findings.get(finding.id, Truth.FALSE).value,
                        "by": [
                            r
                            for r in prepared.derivers.get(finding.id, ())
                            if truths[r] is Truth.TRUE
                        ],
                    }
                    for finding in ruleset.findings
                ]
            )
            if len(self._derived) >= MAX_REMEMBERED_ENTRIES:
                self._derived.clear()
            self._derived[key] = derived
        return derived

    def _entry(
        self,
        prepared: PreparedRuleSet,
        rule: Rule,
        record: RuleRecord,
        decisive: bool,
        overridden: bool,
    ) -> FrozenDict:
        words = self.words
        ruleset = prepared.ruleset
        then = rule.then
        return freeze(
            {
                "rule": rule.id,
                "statement": rule.statement.as_dict(),
                "outcome": _OUTCOMES[record.truth],
                "decisive": decisive,
                "overridden": overridden,
                "stratum": prepared.strata[rule.id],
                "conditions": [
                    {
                        "text": words.condition(part.condition, ruleset.id),
                        "truth": part.truth.value,
                        "facts": [fact_use(use, words, ruleset) for use in part.facts],
                    }
                    for part in record.conditions
                ],
                "concludes": {
                    "findings": list(then.findings),
                    "verdict": then.verdict.value if then.verdict else None,
                    "author": then.author,
                },
                "settledness": rule.settledness,
                "effective": rule.effective.isoformat(),
                "overrides": list(rule.overrides),
                "cites": [{"authority": c.authority, "pinpoint": c.pinpoint} for c in rule.cites],
                "notes": rule.notes.as_dict() if rule.notes else None,
            }
        )


def fact_use(use: Any, words: Wording, ruleset: Any) -> dict[str, Any]:
    """One input a condition read: an answer, or a finding with its truth."""
    if use.is_finding:
        return {
            "finding": use.name,
            "text": ruleset.finding_label(use.name).as_dict(),
            "answer_label": _TRUTH_LABELS[use.value],
            "source": use.source,
        }
    return {
        "question": use.name,
        "text": words.question(use.name),
        "answer": plain_answer(use.value),
        "answer_label": words.value(use.name, use.value),
        "source": use.source,
    }
