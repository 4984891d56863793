"""The trace of a Result: every rule's explanation for an element, by rule id.

A Result (version 3) keeps, for each rule and element, only what differs
between answers files: the truth of each top-level part of the rule's
condition and, where a part combining conditions of its own read inputs its
truth does not rest on, those inputs (`unused_reads`). The rule's words
(statement, condition texts, citations, notes) are in the Result's `words`
table once, and the values the parts read are the element's values, also
stated once; `result_join.joined` puts them together.
The truths of the parts come with the group Views (rule_groups.py), so they are
worked out once per combination of the values a group reads.
"""

from __future__ import annotations

from typing import Any

from ..reasoning.ruleset_evaluation import ElementOutcome, PreparedRuleSet


def trace_steps(prepared: PreparedRuleSet, element: ElementOutcome) -> dict[str, Any]:
    """Every rule of the rule set, in file order, with the truths of its condition's parts.

    The rule's outcome is not repeated: it is its parts' truths combined as the
    condition combines them (`combine` in the words: all, any, or one part), and
    the engine's decision agrees with it on every evaluation (ruleset_evaluation.py).
    """
    parts: dict[str, tuple[str, ...]] = {}
    for view in element.views:
        parts.update(view.parts)
    # rules_by_id is in file order, and in_rule_order reads a mapping in the same order.
    return dict(zip(prepared.rules_by_id, prepared.in_rule_order(parts), strict=True))


def unused_reads(prepared: PreparedRuleSet, element: ElementOutcome) -> dict[str, list[Any]]:
    """For each rule with a part that read inputs its truth does not rest on, per part
    (aligned with the trace's truths) those inputs, or None where a part used all it read.

    A part is `{any: [detailed prompts, more than one prompt]}`: when it holds on
    the detailed prompts alone, the number of prompts is not a ground, and the
    explanation must not give it as one (law.conditions.relied_on). The Views
    work it out with the truths, once per combination of the values read.
    """
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    for view in element.views:
        if view.unused:
            found.update(view.unused)
    return {
        rule_id: [list(names) if names else None for names in found[rule_id]]
        for rule_id in prepared.rules_by_id
        if rule_id in found
    }
