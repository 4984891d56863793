"""The only module that touches durable-rules.

durable-rules is a fast Rete engine with sharp edges (see
shared/engine-notes.md), and this adapter exists to keep every one of them on
this side of the wall:

- A stock `Host` starts two timer threads that never stop and fire pending
  actions in the background; `QuietHost` starts none, so every action runs
  synchronously inside our own call.
- A fact that matches no rule raises and leaves the matched actions pending; a
  catch-all rule per rule set makes every fact "handled".
- `$or` fires once per matching alternative; we record firings as a set.
- Exceptions inside actions are swallowed into the session state; we look for
  them after every evaluation and raise them.
- Each evaluation runs in its own session, deleted in a `finally`, so nothing
  is left behind (a rule set holds at most 1,024 live sessions).
- Each compiled rule set gets its own host, so a rule set can be compiled
  again in the same process (durable registers a name only once per host).
- Negation (`$not`) is never used: callers compile "definitely false" patterns
  and assert facts in strata (one stratum after another, in one session).
- durable refuses (with a bare "error code: 113") a rule whose pattern nests
  more than about 15 `$and`/`$or` nodes. Patterns are flattened, and a pattern
  still too deep is split into alternatives (one durable rule each, all
  recording the same rule id), so any condition a lawyer writes compiles.

The adapter knows nothing of the law: it matches compiled patterns against
facts and reports which rule fired on which fact.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import EngineError, EnvironmentProblem

BUILD_HINT = ('CC="gcc -O2 -DPyEval_CallObject=PyObject_CallObject" '
              "pip install --no-cache-dir --force-reinstall durable-rules==2.0.28")


def _import_engine() -> Any:
    """Import durable's engine, turning a broken build into a message with the fix."""
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="durable.engine")
    try:
        from durable import engine as durable_engine
    except ImportError as error:
        detail = str(error)
        if "PyEval_CallObject" in detail or sys.version_info >= (3, 13):
            raise EnvironmentProblem(
                f"the durable-rules engine does not load on Python "
                f"{sys.version_info.major}.{sys.version_info.minor} ({detail})",
                expected=f"a build made with: {BUILD_HINT}") from None
        raise EnvironmentProblem(f"the durable-rules engine is not installed ({detail})",
                                 expected="pip install durable-rules==2.0.28") from None
    return durable_engine


_durable = _import_engine()


class _QuietHost(_durable.Host):
    """A host without the background dispatch threads: actions run in our call only."""

    def _run(self) -> None:  # the stock host starts two never-ending timer threads here
        return None


@dataclass(frozen=True)
class EngineRule:
    """One compiled rule: it fires on a fact of its stratum that matches `pattern`."""

    rule_id: str
    stratum: int
    pattern: dict


STRATUM = "st"  # the fact property holding the stratum the fact belongs to
FACT_KEY = "key"  # the fact property identifying what the fact describes (an element)

MAX_CONNECTIVES = 12  # measured: durable fails at 15-16 nested $and/$or nodes per rule
MAX_ALTERNATIVES = 64  # beyond this, a condition should be split by its author

_names = itertools.count(1)


class PatternTooComplex(EngineError):
    """A condition that cannot be compiled into durable rules of a size it accepts."""

    rule_id: str | None = None


def _connectives(expression: Any) -> int:
    if isinstance(expression, dict):
        return sum((1 if key in ("$and", "$or") else 0) + _connectives(value)
                   for key, value in expression.items())
    if isinstance(expression, list):
        return sum(_connectives(item) for item in expression)
    return 0


def _flatten(expression: dict) -> dict:
    """Merge nested connectives of the same kind and drop repeated tests."""
    if len(expression) != 1:
        return expression
    (key, value), = expression.items()
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
    (key, value), = expression.items() if len(expression) == 1 else ((None, None),)
    if key == "$or":
        found = [alt for branch in value for alt in alternatives(branch)]
    elif key == "$and":
        ors = [part for part in value if len(part) == 1 and "$or" in part]
        if not ors:
            raise PatternTooComplex("a condition is nested too deeply for the rule engine")
        widest = max(ors, key=_connectives)
        others = [part for part in value if part is not widest]
        found = [alt for branch in widest["$or"]
                 for alt in alternatives({"$and": [*others, branch]})]
    else:
        raise PatternTooComplex("a condition is nested too deeply for the rule engine")
    if len(found) > MAX_ALTERNATIVES:
        raise PatternTooComplex(f"a condition expands into {len(found)} alternatives",
                                expected=f"at most {MAX_ALTERNATIVES}: split the rule in two")
    return found


def _with_stratum(stratum: int, pattern: dict) -> dict:
    if len(pattern) == 1 and "$and" in pattern:
        return {"$and": [{STRATUM: stratum}, *pattern["$and"]]}
    return {"$and": [{STRATUM: stratum}, pattern]}
_sessions = itertools.count(1)


class CompiledRules:
    """A set of EngineRules registered in a private durable-rules host."""

    def __init__(self, label: str, rules: Iterable[EngineRule]) -> None:
        self.rules = tuple(rules)
        self._host = _QuietHost()
        self._name = f"{label}_{next(_names)}"
        self._sink: set[tuple[str, str]] | None = None
        definition: dict[str, dict] = {}
        for index, rule in enumerate(self.rules):
            try:
                patterns = alternatives(copy.deepcopy(rule.pattern))
            except PatternTooComplex as error:
                error.rule_id = rule.rule_id
                raise
            for part, pattern in enumerate(patterns):
                definition[f"r{index}_{part}"] = {"all": [{"m": _with_stratum(rule.stratum,
                                                                               pattern)}],
                                                  "run": self._action(rule.rule_id)}
        # Every fact must match something, or durable raises and leaves actions pending.
        definition["catch_all"] = {"all": [{"m": {"$ex": {STRATUM: 1}}}],
                                   "run": _ignore}
        try:
            self._host.set_rulesets({self._name: definition})
        except Exception as error:  # durable reports malformed rules with bare codes
            raise EngineError(f"the rule engine rejected the compiled rule set {label!r} "
                              f"({error})", expected="patterns built by conditions.py") from None
        self._ruleset = self._host.get_ruleset(self._name)

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        """An action that records (rule, fact key); durable wants exactly one parameter."""
        def action(c: Any) -> None:
            if self._sink is not None:
                self._sink.add((rule_id, c.m[FACT_KEY]))
        return action

    def session(self) -> EngineSession:
        return EngineSession(self)

    def has_state(self, session_id: str) -> bool:
        """Whether durable still holds a session's state (for tests of clean-up)."""
        try:
            self._ruleset.get_state(session_id)
        except Exception:  # durable raises a bare error code for an unknown session
            return False
        return True


def _ignore(c: Any) -> None:
    return None


class EngineSession:
    """One evaluation: facts asserted stratum by stratum, then the session is deleted."""

    def __init__(self, compiled: CompiledRules) -> None:
        self._compiled = compiled
        self._sid = f"s{next(_sessions)}"
        self._open = False

    def __enter__(self) -> EngineSession:
        self._open = True
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._open = False
        # When nothing was asserted there is no state, and deleting it raises.
        with contextlib.suppress(Exception):
            self._compiled._ruleset.delete_state(self._sid)

    def run_stratum(self, stratum: int, facts: list[dict[str, Any]]) -> set[tuple[str, str]]:
        """Assert one fact per key for this stratum; return the (rule id, key) that fired."""
        if not self._open:
            raise EngineError("engine session used outside its 'with' block")
        batch = []
        for fact in facts:
            item = dict(fact)
            item["sid"] = self._sid
            item["id"] = f"{fact[FACT_KEY]}#{stratum}"
            item[STRATUM] = stratum
            batch.append(item)
        fired: set[tuple[str, str]] = set()
        self._compiled._sink = fired
        try:
            self._compiled._host.assert_facts(self._compiled._name, batch)
        except Exception as error:
            raise EngineError(f"the rule engine failed on stratum {stratum} ({error})") from None
        finally:
            self._compiled._sink = None
        return fired

    def check_state(self) -> None:
        """Raise what durable swallowed: an exception inside an action."""
        state = self._compiled._ruleset.get_state(self._sid)
        if "exception" in state:
            raise EngineError(f"a rule action failed inside the engine: {state['exception']}")
