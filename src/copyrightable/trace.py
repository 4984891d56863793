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

from .frozen import FrozenDict, freeze
from .law import Law
from .model import Rule, Truth
from .reasoning import ElementOutcome, PreparedRuleSet, RuleRecord
from .wording import Wording

MAX_REMEMBERED_ENTRIES = 4_096  # beyond it the memory starts afresh: flat memory

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
        """One entry per rule of the rule set, in file order."""
        entries = self._entries
        readings = element.readings
        deciding = element.deciding
        overridden = element.overridden
        trace = []
        for rule in prepared.ruleset.rules:
            key = (readings[rule.id], rule.id in deciding, rule.id in overridden)
            entry = entries.get(key)
            if entry is None:
                entry = self._entry(prepared, rule, element.record(rule), key[1], key[2])
                if len(entries) >= MAX_REMEMBERED_ENTRIES:
                    entries.clear()
                entries[key] = entry
            trace.append(entry)
        return trace

    def _entry(self, prepared: PreparedRuleSet, rule: Rule, record: RuleRecord,
               decisive: bool, overridden: bool) -> FrozenDict:
        words = self.words
        ruleset = prepared.ruleset
        then = rule.then
        return freeze({
            "rule": rule.id,
            "statement": rule.statement.as_dict(),
            "outcome": _OUTCOMES[record.truth],
            "decisive": decisive,
            "overridden": overridden,
            "stratum": prepared.strata[rule.id],
            "conditions": [{
                "text": words.condition(part.condition, ruleset.id),
                "truth": part.truth.value,
                "facts": [fact_use(use, words, ruleset) for use in part.facts],
            } for part in record.conditions],
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
        })


def fact_use(use: Any, words: Wording, ruleset: Any) -> dict[str, Any]:
    """One input a condition read: an answer, or a finding with its truth."""
    if use.is_finding:
        return {"finding": use.name, "text": ruleset.finding_label(use.name).as_dict(),
                "answer_label": _TRUTH_LABELS[use.value], "source": use.source}
    return {"question": use.name, "text": words.question(use.name),
            "answer": list(use.value) if isinstance(use.value, tuple) else use.value,
            "answer_label": words.value(use.name, use.value),
            "source": use.source}
