"""The only module that touches durable-rules.

durable-rules is the engine that decides: every rule of the law reaches it as
two patterns, "definitely true" and "definitely false", and the rule's truth is
read off which one fired (neither: unknown). It is a fast Rete engine with
sharp edges, and this adapter exists to keep every one of them on this side of
the wall:

- A stock `Host` starts two timer threads that never stop and fire pending
  actions in the background; `QuietHost` starts none, so every action runs
  synchronously inside our own call.
- A batch with a fact that matches no rule makes durable's Python layer raise
  MessageNotHandledException; the C core only returns a code, and the other
  facts' firings are queued all the same, so we read them.
- Deleting a session state in which no fact ever matched aborts the process;
  every session opens with one fact that matches the "opened" rule.
- `$or` fires once per matching alternative; we record firings as a set.
- durable's Python layer runs a Python action per firing, re-encoding the whole
  session state as JSON twice each time, and swallows exceptions raised in
  actions. With a "definitely false" pattern per rule almost every rule fires,
  so outcomes reads the firings from the C core in one call (read_firings, the
  one function this project adds to durable's binding, in
  vendor/durable-rules/compat/engine_module.c): the head of each firing's
  message, which names the pattern and the fact, and any failure is ours to
  raise. tests/test_engine.py covers it.
- A fact is asserted once per slot (below), carrying only the properties that
  slot's patterns read, each under a short alias (p0, p1, ...): durable parses
  every fact it is sent, and question ids are long.
- Each evaluation runs in its own session, deleted in a `finally`, so nothing
  is left behind (a rule set holds at most 1,024 live sessions).
- Each compiled rule set gets its own host, so a rule set can be compiled
  again in the same process (durable registers a name only once per host).
- Negation (`$not`) is never used: callers compile "definitely false" patterns
  and assert facts in strata (one stratum after another, in one session).
- durable's matcher keeps the alpha nodes still to visit for one fact on a
  fixed stack (64 entries as released: 65 rules matching one fact ended in
  SIGSEGV or SIGABRT, not an error; 1,024 as built here, vendor/durable-rules/
  README.md), keeps a node's children in a table of 512 (more make set_rulesets hang)
  and reads at most 255 properties of a fact. Rules are therefore packed into
  slots within those bounds (SLOT_NODES, SLOT_PATTERNS, SLOT_PROPERTIES); a
  fact is asserted once per slot of its stratum, which for the shipped rule
  sets is once per stratum.
- durable refuses (with a bare "error code: 113") a rule whose pattern nests
  more than about 15 `$and`/`$or` nodes. Patterns are flattened, and a pattern
  still too deep is split into alternatives (one durable rule each, all
  recording the same rule id), so any condition a lawyer writes compiles.

The adapter knows nothing of the law: it matches compiled patterns against
facts and reports which rule fired on which fact.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..io.errors import EngineError, EnvironmentProblem

REBUILD_HINT = (
    "reinstall copyrightable (pip install --force-reinstall --no-cache-dir ., "
    "or -e . in a clone); it builds the engine, which needs a C compiler and "
    "the Python headers"
)


def _import_engine() -> Any:
    """Import durable's engine, turning a missing or broken build into one clear line.

    The engine (durable-rules 2.0.28) is built with this package from
    vendor/durable-rules, on every Python from 3.11 on, 3.13 included; an
    import failure means that build is missing or broken.
    """
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="durable.engine")
    try:
        from durable import engine as durable_engine
    except ImportError as error:
        raise EnvironmentProblem(
            f"the durable-rules engine is not installed or does not load on Python "
            f"{sys.version_info.major}.{sys.version_info.minor} ({error})",
            expected=REBUILD_HINT,
        ) from None
    return durable_engine


_durable = _import_engine()
_core = _durable.durable_rules_engine  # the C extension under durable's Python layer
if not hasattr(_core, "read_firings"):  # an engine built from the released source, or stale
    raise EnvironmentProblem(
        f"the durable-rules engine at {getattr(_core, '__file__', _core.__name__)} was not "
        "built with copyrightable (it lacks read_firings, vendor/durable-rules/README.md)",
        expected="pip uninstall durable-rules (a release from PyPI in the same environment "
        "shadows the engine copyrightable builds), then " + REBUILD_HINT,
    )


_Host: Any = _durable.Host  # a value mypy cannot see through: durable ships no types


class _QuietHost(_Host):
    """A host without the background dispatch threads: actions run in our call only."""

    def _run(self) -> None:  # the stock host starts two never-ending timer threads here
        return None


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

Firing = tuple[str, str, bool]
"""(rule id, fact key, holds): which pattern of which rule matched which fact."""

MAX_CONNECTIVES = 12  # measured: durable fails at 15-16 nested $and/$or nodes per rule
# A slot is the set of patterns one fact is asserted against (below). Its bounds:
SLOT_NODES = 1000  # the matcher's stack: 1,024 pending alpha nodes per fact (vendor README)
SLOT_PATTERNS = 256  # a node's children: a table of 512 (more hang set_rulesets)
SLOT_PROPERTIES = 240  # a fact holds at most 255 properties, four of them the adapter's own
MAX_PARTS = 100  # durable links at most 128 alternatives to one node (else error 107)
MAX_ALTERNATIVES = 64  # beyond this, a condition should be split by its author

_names = itertools.count(1)


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


def _patterns_for(expression: dict) -> list[dict]:
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


def _ignore(c: Any) -> None:
    return None


def _with_stratum(stratum: int, pattern: dict) -> dict:
    if len(pattern) == 1 and "$and" in pattern:
        return {"$and": [{STRATUM: stratum}, *pattern["$and"]]}
    return {"$and": [{STRATUM: stratum}, pattern]}


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


def _widest(expression: Any) -> int:
    """The largest number of parts under one `$and`/`$or` of an expression."""
    if not isinstance(expression, dict):
        return 0
    widest = 0
    for key, value in expression.items():
        if key in ("$and", "$or"):
            widest = max(widest, len(value), *(_widest(part) for part in value))
    return widest


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


_sessions = itertools.count(1)


class CompiledRules:
    """A set of EngineRules registered in a private durable-rules host."""

    def __init__(
        self, label: str, rules: Iterable[EngineRule], marks: tuple[Any, Any] = (True, False)
    ) -> None:
        """`marks`: what `outcomes` records for a rule whose pattern of "definitely
        true" (first) or "definitely false" (second) fired."""
        self.rules = tuple(rules)
        self.marks = marks
        self._host = _QuietHost()
        self._name = f"{label}_{next(_names)}"
        # durable's name of each compiled pattern -> (rule id, holds, mark); see outcomes
        self._patterns: dict[str, tuple[str, bool, Any]] = {}
        # The head of a firing's message -> what it says (read_head): a message head
        # recurs for every session, so each is parsed once per process. At most one
        # entry per pattern and fact index.
        self._firing_of: dict[str, tuple[int, str, Any] | None] = {}
        # (index, rule, part, pattern, the pattern's nodes, the properties it reads)
        compiled: list[tuple[int, EngineRule, int, dict, int, tuple[str, ...]]] = []
        for index, rule in enumerate(self.rules):
            try:
                patterns = _patterns_for(rule.pattern)
                for part, pattern in enumerate(patterns):
                    if _widest(pattern) > MAX_PARTS:
                        raise PatternTooComplex(
                            f"a condition lists {_widest(pattern)} alternatives or parts "
                            "in one place",
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
                    compiled.append((index, rule, part, pattern, pattern_nodes, names))
            except PatternTooComplex as error:
                error.rule_id = rule.rule_id
                raise
        compiled.sort(key=lambda item: item[1].stratum)  # stable: file order within a stratum
        slots = _slots([(item[1].stratum, item[4], frozenset(item[5])) for item in compiled])
        self.slots: dict[int, list[int]] = {}  # stratum -> its slots, in order
        definition: dict[str, dict] = {}
        # What each slot's patterns read: a slot's fact carries those properties only,
        # so durable parses and tests a few properties per slot instead of all of them.
        read: dict[int, dict[str, None]] = {}
        # Inside the engine each fact property goes by a short alias (p0, p1, ...):
        # durable parses every fact it is sent, and a fact with fifty long
        # question ids is mostly names.
        alias: dict[str, str] = {}
        for *_, names in compiled:
            for name in names:
                alias.setdefault(name, f"p{len(alias)}")
        for (index, rule, part, pattern, _nodes, names), slot in zip(compiled, slots, strict=True):
            if slot not in self.slots.setdefault(rule.stratum, []):
                self.slots[rule.stratum].append(slot)
            read.setdefault(slot, {}).update(dict.fromkeys(names))
            name = f"r{index}_{part}"
            definition[name] = {
                "all": [{"m": _with_stratum(slot, renamed(pattern, alias))}],
                "run": _ignore,
            }
            self._patterns[name] = (rule.rule_id, rule.holds, marks[0] if rule.holds else marks[1])
        # slot -> (property, its alias) for each property the slot's patterns read
        self.slot_properties: dict[int, tuple[tuple[str, str], ...]] = {
            slot: tuple((name, alias[name]) for name in names) for slot, names in read.items()
        }
        # One fact per session that always matches (see EngineSession.run_stratum).
        definition["opened"] = {"all": [{"m": {OPENED: 1}}], "run": _ignore}
        try:
            self._host.set_rulesets({self._name: definition})
        except Exception as error:  # durable reports malformed rules with bare codes
            raise EngineError(
                f"the rule engine rejected the compiled rule set {label!r} ({error})",
                expected="patterns built by conditions.py",
            ) from None
        self._ruleset = self._host.get_ruleset(self._name)
        self._handle = self._ruleset._handle  # the C core's handle (see run_stratum)

    def session(self) -> EngineSession:
        return EngineSession(self)

    def read_head(self, head: str) -> tuple[int, str, Any] | None:
        """(fact index, rule id, mark) of a firing, from the head of durable's message.

        durable's message for a firing is '{"<pattern name>":{"m":{"i": <index>, ...'
        (the fact as sent, whose first property is its index); read_firings cuts it
        at its first comma. None: the session's opening fact, which concerns no rule.
        """
        name, separator, index = head[2:].partition('":{"m":{"i": ')
        pattern = self._patterns.get(name)
        if pattern is None or not separator:
            if head.startswith('{"opened":'):
                return None
            raise EngineError(f"the rule engine reported a firing this adapter cannot read: {head}")
        rule_id, _holds, mark = pattern
        return (int(index), rule_id, mark)

    def has_state(self, session_id: str) -> bool:
        """Whether durable still holds a session's state (for tests of clean-up)."""
        try:
            self._ruleset.get_state(session_id)
        except Exception:  # durable raises a bare error code for an unknown session
            return False
        return True


class EngineSession:
    """One evaluation: facts asserted stratum by stratum, then the session is deleted."""

    def __init__(self, compiled: CompiledRules) -> None:
        self._compiled = compiled
        self._sid = f"s{next(_sessions)}"
        self._open = False
        self._opened = False  # whether the state exists (its opening fact was asserted)

    def __enter__(self) -> EngineSession:
        self._open = True
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._open = False
        if self._opened:  # without its opening fact there is no state to delete
            with contextlib.suppress(Exception):
                self._compiled._ruleset.delete_state(self._sid)

    def run_stratum(self, stratum: int, facts: list[dict[str, Any]]) -> set[Firing]:
        """Assert one fact per key for this stratum; return the (rule id, key, holds) that fired."""
        true_mark = self._compiled.marks[0]
        return {
            (rule_id, fact[FACT_KEY], mark is true_mark)
            for fact, marks in zip(facts, self.outcomes(stratum, facts), strict=True)
            for rule_id, mark in marks.items()
        }

    def outcomes(self, stratum: int, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Assert one fact per key for this stratum; for each fact, rule id -> the mark fired.

        A rule absent from a fact's mapping fired neither pattern on it. A rule
        whose two patterns both fired on one fact is an engine failure.
        """
        if not self._open:
            raise EngineError("engine session used outside its 'with' block")
        batch = []
        if not self._opened:
            # durable aborts the process when deleting a state in which no fact ever
            # matched a rule; this fact matches the "opened" rule, once per session.
            batch.append({OPENED: 1, "sid": self._sid, "id": "opened"})
            self._opened = True
        sid = self._sid
        compiled = self._compiled
        for slot in compiled.slots.get(stratum, ()):
            names = compiled.slot_properties[slot]
            for index, fact in enumerate(facts):
                # The index comes first, so that durable's message for a firing,
                # which repeats the fact as sent, can be read without parsing JSON.
                item: dict[str, Any] = {INDEX: index}
                item.update({short: fact[name] for name, short in names if name in fact})
                item["sid"] = sid
                item["id"] = f"{index}#{slot}"
                item[STRATUM] = slot
                batch.append(item)
        found: list[dict[str, Any]] = [{} for _ in facts]
        if len(batch) == 0:
            return found
        handle = compiled._handle
        keys = [fact[FACT_KEY] for fact in facts]
        if not all(isinstance(key, str) for key in keys):
            raise EngineError(f"a fact key is not text on stratum {stratum}: {keys!r}")
        try:
            code, state = _core.assert_facts(handle, json.dumps(batch, ensure_ascii=False))
        except Exception as error:
            raise EngineError(f"the rule engine failed on stratum {stratum} ({error})") from None
        if code == 2:  # a fact with this id already exists in the session
            raise EngineError(f"the rule engine saw a fact twice on stratum {stratum}")
        # Read the firings straight from the C core (read_firings, the one function
        # added to durable's binding: vendor/durable-rules/compat/engine_module.c).
        # Code 1 (some fact matched no rule) is no error here: the matched facts'
        # actions are queued all the same. durable's Python dispatch would run an
        # action per firing, with two JSON round trips of the session state each;
        # the state never changes, so each firing costs a few string operations.
        try:
            heads = _core.read_firings(handle, state, ",")
        except Exception as error:
            raise EngineError(
                f"the rule engine failed on stratum {stratum} ({type(error).__name__}: {error})"
            ) from None
        read = compiled._firing_of
        for head in heads:
            if head in read:
                firing = read[head]
            else:
                firing = read[head] = compiled.read_head(head)
            if firing is None:
                continue
            index, rule_id, mark = firing
            if found[index].setdefault(rule_id, mark) is not mark:
                raise EngineError(
                    f"rule {rule_id} matched as both true and false on {keys[index]!r}"
                )
        return found
