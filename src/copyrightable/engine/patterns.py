"""Conditions shaped into patterns durable-rules accepts, and what each pattern costs it.

A compiled condition (law/conditions.py) is a tree of `$and`/`$or` over tests
of fact properties. durable refuses trees nested too deeply (a bare "error
code: 113"), links at most 128 alternatives to one node (error 107), and fires
a rule once per matching path through its `$or`s. This module splits, flattens
and reduces patterns until durable takes them and fires each about once per
reason, and measures them (nodes, properties read) for the plan (plan.py).
It is pure: nothing here imports durable.
"""

from __future__ import annotations

import json
from typing import Any

from ..io.errors import EngineError

MAX_CONNECTIVES = 12  # measured: durable fails at 15-16 nested $and/$or nodes per rule
MAX_PARTS = 100  # durable links at most 128 alternatives to one node (else error 107)
MAX_ALTERNATIVES = 64  # beyond this, a condition should be split by its author


class PatternTooComplex(EngineError):
    """A condition that cannot be compiled into durable rules of a size it accepts."""

    rule_id: str | None = None


def _connectives(expression: Any) -> int:
    if isinstance(expression, dict):
        return sum(
            (1 if key in ("$and", "$or") else 0) + _connectives(value)
            for key, value in expression.items()
        )
    if isinstance(expression, list):
        return sum(_connectives(item) for item in expression)
    return 0


def _flatten(expression: dict) -> dict:
    """Merge nested connectives of the same kind and drop repeated tests."""
    if len(expression) != 1:
        return expression
    ((key, value),) = expression.items()
    if key not in ("$and", "$or"):
        return expression
    parts: list[dict] = []
    for part in value:
        part = _flatten(part)
        merged = part[key] if (len(part) == 1 and key in part) else [part]
        for item in merged:
            if item not in parts:
                parts.append(item)
    return parts[0] if len(parts) == 1 else {key: parts}


def alternatives(expression: dict) -> list[dict]:
    """Split an expression into patterns durable accepts; together they match the same facts."""
    expression = _flatten(expression)
    if _connectives(expression) <= MAX_CONNECTIVES:
        return [expression]
    key: Any
    value: Any
    ((key, value),) = expression.items() if len(expression) == 1 else ((None, None),)
    if key == "$or":
        found = [alt for branch in value for alt in alternatives(branch)]
    elif key == "$and":
        ors = [part for part in value if len(part) == 1 and "$or" in part]
        if not ors:
            raise PatternTooComplex("a condition is nested too deeply for the rule engine")
        widest = max(ors, key=_connectives)
        others = [part for part in value if part is not widest]
        found = [
            alt for branch in widest["$or"] for alt in alternatives({"$and": [*others, branch]})
        ]
    else:
        raise PatternTooComplex("a condition is nested too deeply for the rule engine")
    if len(found) > MAX_ALTERNATIVES:
        raise PatternTooComplex(
            f"a condition expands into {len(found)} alternatives",
            expected=f"at most {MAX_ALTERNATIVES}: split the rule in two",
        )
    return found


def minimal_alternatives(expression: dict, limit: int = MAX_ALTERNATIVES) -> list[dict] | None:
    """The expression as a minimal sum of conjunctions of tests; None beyond `limit` of them.

    durable fires a rule once per matching path through its `$or`s: a
    "definitely false" pattern compiled from "at least three of five factors"
    matched the same fact over a thousand times. As a disjunction of
    conjunctions with the contradictory ones (two values of one property)
    and the absorbed ones (a superset of another) removed, it fires once per
    minimal reason. Each conjunction becomes one durable rule recording the
    same rule id, so together they match exactly the facts the expression does.
    """
    atoms: dict[str, tuple[str, str, Any]] = {}
    terms = _terms(expression, limit, atoms)
    if terms is None or any(not term for term in terms):
        return None
    found = []
    for term in terms:
        parts = [json.loads(atom) for atom in sorted(term)]
        found.append(parts[0] if len(parts) == 1 else {"$and": parts})
    return found


def _paths(expression: Any) -> int:
    """How many times durable may fire an expression on one fact: its paths through `$or`s."""
    if isinstance(expression, dict) and len(expression) == 1:
        ((key, value),) = expression.items()
        if key == "$or":
            return sum(_paths(part) for part in value)
        if key == "$and":
            product = 1
            for part in value:
                product *= _paths(part)
            return product
    return 1


def patterns_for(expression: dict) -> list[dict]:
    """The durable patterns for one compiled condition, together matching what it matches.

    As written when it fires at most twice per reason (fewer tests to match);
    as minimal alternatives when its `$or`s multiply the firings.
    """
    if _paths(expression) > 8:
        minimal = minimal_alternatives(expression)
        if minimal is not None and 2 * len(minimal) < _paths(expression):
            return minimal
    # No copy: alternatives builds new containers around the rule's own parts, and
    # CompiledRules renames every pattern into a fresh one before durable sees it.
    return alternatives(expression)


def _terms(
    expression: Any, limit: int, atoms: dict[str, tuple[str, str, Any]]
) -> list[frozenset[str]] | None:
    if isinstance(expression, dict) and len(expression) == 1:
        ((key, value),) = expression.items()
        if key == "$or":
            terms: list[frozenset[str]] = []
            for part in value:
                sub = _terms(part, limit, atoms)
                if sub is None:
                    return None
                terms.extend(sub)
            return _reduced(terms, limit, atoms)
        if key == "$and":
            product: list[frozenset[str]] | None = [frozenset()]
            for part in value:
                sub = _terms(part, limit, atoms)
                if sub is None or product is None:
                    return None
                product = _reduced([t | u for t in product for u in sub], limit, atoms)
            return product
    atom = json.dumps(expression, sort_keys=True)
    if atom not in atoms:
        atoms[atom] = _atom_test(expression)
    return [frozenset((atom,))]


def _atom_test(expression: Any) -> tuple[str, str, Any]:
    """(kind, property, value) of a test: "eq" and "ne" tests can contradict each other."""
    if isinstance(expression, dict) and len(expression) == 1:
        ((key, value),) = expression.items()
        if not key.startswith("$"):
            return ("eq", key, value)
        if key == "$neq" and isinstance(value, dict) and len(value) == 1:
            ((name, operand),) = value.items()
            return ("ne", name, operand)
    return ("other", "", None)


def _reduced(
    terms: list[frozenset[str]], limit: int, atoms: dict[str, tuple[str, str, Any]]
) -> list[frozenset[str]] | None:
    """Drop contradictory and absorbed conjunctions; None beyond `limit` of them."""
    kept: list[frozenset[str]] = []
    for term in sorted(set(terms), key=len):
        if _contradictory(term, atoms) or any(other <= term for other in kept):
            continue
        kept.append(term)
        if len(kept) > limit:
            return None
    return kept


def _contradictory(term: frozenset[str], atoms: dict[str, tuple[str, str, Any]]) -> bool:
    equal: dict[str, Any] = {}
    unequal: list[tuple[str, Any]] = []
    for atom in term:
        kind, name, value = atoms[atom]
        if kind == "eq":
            if name in equal and equal[name] != value:
                return True
            equal[name] = value
        elif kind == "ne":
            unequal.append((name, value))
    return any(name in equal and equal[name] == value for name, value in unequal)


def pattern_properties(expression: Any) -> list[str]:
    """The fact properties a pattern reads ($-operators are not properties)."""
    found: list[str] = []
    if isinstance(expression, list):
        for item in expression:
            found.extend(pattern_properties(item))
    elif isinstance(expression, dict):
        for name, value in expression.items():
            if name.startswith("$"):
                found.extend(pattern_properties(value))
            else:
                found.append(name)
    return found


def renamed(expression: Any, alias: dict[str, str]) -> Any:
    """The pattern with each fact property renamed to its alias ($-operators kept)."""
    if isinstance(expression, list):
        return [renamed(item, alias) for item in expression]
    if isinstance(expression, dict):
        return {
            (name if name.startswith("$") else alias[name]): (
                renamed(value, alias) if name.startswith("$") else value
            )
            for name, value in expression.items()
        }
    return expression


def nodes(expression: dict) -> int:
    """An upper bound on what durable may hold on its matching stack for a pattern.

    One alpha node per test; an `$or` adds a joining node and one link per
    alternative, each of which may put that node on the stack once more.
    """
    total = 0
    for key, value in expression.items():
        if key == "$or" and _exclusive(value):
            total += 2  # `in: [...]`: one value at most matches, then the joining node
        elif key in ("$and", "$or"):
            total += sum(nodes(part) for part in value)
            if key == "$or":
                total += 1 + len(value)
        else:
            total += 1
    return total


def _exclusive(alternatives: list[dict]) -> bool:
    """Whether alternatives are equality tests of one property (so one matches at most)."""
    names = set()
    for part in alternatives:
        if len(part) != 1:
            return False
        ((name, _value),) = part.items()
        if name.startswith("$"):
            return False
        names.add(name)
    return len(names) == 1


def most_parts(expression: Any) -> int:
    """The largest number of parts under one `$and`/`$or` of an expression."""
    if not isinstance(expression, dict):
        return 0
    found = 0
    for key, value in expression.items():
        if key in ("$and", "$or"):
            found = max(found, len(value), *(most_parts(part) for part in value))
    return found
