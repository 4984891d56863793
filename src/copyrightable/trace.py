"""The trace of a Result: every rule's outcome for an element, by id.

A Result (version 3) keeps, for each rule and element, only what differs
between answers files: the rule's outcome and the truth of each top-level part
of its condition. The rule's words (statement, condition texts, citations,
notes) are in the Result's `words` table once, and the values the parts read are
the element's values, also stated once; `result_join.joined` puts them together.
The truths of the parts come with the group Views (groups.py), so they are
worked out once per combination of the values a group reads.
"""

from __future__ import annotations

from typing import Any

from .model import Truth
from .reasoning import ElementOutcome, PreparedRuleSet

OUTCOMES = {Truth.TRUE: "fired", Truth.FALSE: "not_fired", Truth.UNKNOWN: "unknown"}


def trace_steps(prepared: PreparedRuleSet, element: ElementOutcome) -> list[dict[str, Any]]:
    """One step per rule of the rule set, in file order: its outcome and its parts' truths."""
    parts: dict[str, tuple[str, ...]] = {}
    for view in element.views:
        parts.update(view.parts)
    truths = element.truths
    return [
        {"rule": rule.id, "outcome": OUTCOMES[truths[rule.id]], "parts": parts[rule.id]}
        for rule in prepared.ruleset.rules
    ]
