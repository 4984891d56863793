"""The plan of a rule set in the engine: its patterns, grouped into slots, under short names.

Compiling a rule set for durable is pure work on data: each condition's
patterns (patterns.py), packed into slots (a slot is the set of patterns one
fact is asserted against) within what durable's matcher holds, with every
fact property under a short alias. The plan is that work's result, plain and
picklable, so it can be kept between runs; the adapter registers it with
durable (adapter.CompiledRules) and asserts facts by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .patterns import (
    MAX_PARTS,
    PatternTooComplex,
    most_parts,
    nodes,
    pattern_properties,
    patterns_for,
    renamed,
)


@dataclass(frozen=True)
class EngineRule:
    """One compiled pattern: it fires on a fact of its stratum that matches `pattern`.

    A rule of the law reaches the engine twice, as the pattern of "definitely
    true" (`holds`) and as the pattern of "definitely false" (not `holds`); the
    caller reads the rule's truth off which of the two fired, if either.
    """

    rule_id: str
    stratum: int
    pattern: dict
    holds: bool = True


STRATUM = "st"  # the fact property holding the stratum the fact belongs to
FACT_KEY = "key"  # the fact property identifying what the fact describes (an element)
OPENED = "opened"  # the property of the one fact that opens a session's state
INDEX = "i"  # the engine's fact property: the position of the fact in its stratum's list

# A slot is the set of patterns one fact is asserted against (below). Its bounds:
SLOT_NODES = 1000  # the matcher's stack: 1,024 pending alpha nodes per fact (vendor README)
SLOT_PATTERNS = 256  # a node's children: a table of 512 (more hang set_rulesets)
SLOT_PROPERTIES = 240  # a fact holds at most 255 properties, four of them the adapter's own


def _with_stratum(stratum: int, pattern: dict) -> dict:
    if len(pattern) == 1 and "$and" in pattern:
        return {"$and": [{STRATUM: stratum}, *pattern["$and"]]}
    return {"$and": [{STRATUM: stratum}, pattern]}


def _slots(patterns: list[tuple[int, int, frozenset[str]]]) -> list[int]:
    """The slot of each (stratum, nodes, properties read) of a pattern, in stratum order:
    consecutive, per stratum, within the slot bounds.

    Usually one slot per stratum: each fact is then asserted once per stratum.
    """
    slots: list[int] = []
    slot, used, count, stratum_of_slot = 0, 0, 0, None
    read: set[str] = set()
    for stratum, pattern_nodes, names in patterns:
        cost = pattern_nodes + 1  # and the stratum test in front of it
        if (
            stratum != stratum_of_slot
            or used + cost > SLOT_NODES
            or count == SLOT_PATTERNS
            or len(read | names) > SLOT_PROPERTIES
        ):
            slot, used, count, stratum_of_slot, read = slot + 1, 0, 0, stratum, set()
        used += cost
        count += 1
        read |= names
        slots.append(slot)
    return slots


@dataclass(frozen=True)
class EnginePlan:
    """A rule set compiled for durable, before it is registered with a host.

    `definition`: durable's JSON rule set without actions (pattern name ->
    rule), the session-opening rule included; `patterns`: pattern name ->
    (rule id, holds); `slots`: stratum -> its slots in order; `slot_properties`:
    slot -> (property, its alias) for each property its patterns read.
    """

    rules: tuple[EngineRule, ...]
    definition: dict[str, dict]
    patterns: dict[str, tuple[str, bool]]
    slots: dict[int, list[int]]
    slot_properties: dict[int, tuple[tuple[str, str], ...]]


def compile_plan(rules: Iterable[EngineRule]) -> EnginePlan:
    """Each rule's patterns, checked against durable's bounds, slotted and renamed.

    A condition too large for the engine raises PatternTooComplex naming its rule.
    """
    rules = tuple(rules)
    # (index, rule, part, pattern, the pattern's nodes, the properties it reads)
    compiled: list[tuple[int, EngineRule, int, dict, int, tuple[str, ...]]] = []
    for index, rule in enumerate(rules):
        try:
            for part, pattern in enumerate(patterns_for(rule.pattern)):
                compiled.append((index, rule, part, pattern, *_measured(pattern)))
        except PatternTooComplex as error:
            error.rule_id = rule.rule_id
            raise
    compiled.sort(key=lambda item: item[1].stratum)  # stable: file order within a stratum
    slots = _slots([(item[1].stratum, item[4], frozenset(item[5])) for item in compiled])
    # Inside the engine each fact property goes by a short alias (p0, p1, ...):
    # durable parses every fact it is sent, and a fact with fifty long question
    # ids is mostly names.
    alias: dict[str, str] = {}
    for *_, names in compiled:
        for name in names:
            alias.setdefault(name, f"p{len(alias)}")
    definition: dict[str, dict] = {}
    patterns: dict[str, tuple[str, bool]] = {}
    by_stratum: dict[int, list[int]] = {}
    # What each slot's patterns read: a slot's fact carries those properties only.
    read: dict[int, dict[str, None]] = {}
    for (index, rule, part, pattern, _nodes, names), slot in zip(compiled, slots, strict=True):
        if slot not in by_stratum.setdefault(rule.stratum, []):
            by_stratum[rule.stratum].append(slot)
        read.setdefault(slot, {}).update(dict.fromkeys(names))
        name = f"r{index}_{part}"
        definition[name] = {"all": [{"m": _with_stratum(slot, renamed(pattern, alias))}]}
        patterns[name] = (rule.rule_id, rule.holds)
    # One fact per session that always matches (see adapter.EngineSession.outcomes).
    definition[OPENED] = {"all": [{"m": {OPENED: 1}}]}
    return EnginePlan(
        rules,
        definition,
        patterns,
        by_stratum,
        {slot: tuple((name, alias[name]) for name in names) for slot, names in read.items()},
    )


def _measured(pattern: dict) -> tuple[int, tuple[str, ...]]:
    """(nodes, properties read) of one pattern, refused when no slot could hold it."""
    if most_parts(pattern) > MAX_PARTS:
        raise PatternTooComplex(
            f"a condition lists {most_parts(pattern)} alternatives or parts in one place",
            expected=f"at most {MAX_PARTS}: split the rule",
        )
    pattern_nodes = nodes(pattern)
    if pattern_nodes + 1 > SLOT_NODES:
        raise PatternTooComplex(
            f"a condition needs {pattern_nodes} tests in the rule engine",
            expected=f"at most {SLOT_NODES - 1}: split the rule in two",
        )
    names = tuple(dict.fromkeys(pattern_properties(pattern)))
    if len(names) > SLOT_PROPERTIES:
        raise PatternTooComplex(
            f"a condition reads {len(names)} facts at once",
            expected=f"at most {SLOT_PROPERTIES}: split the rule in two",
        )
    return pattern_nodes, names
