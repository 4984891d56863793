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
  slots within those bounds (plan.py: SLOT_NODES, SLOT_PATTERNS, SLOT_PROPERTIES); a
  fact is asserted once per slot of its stratum, which for the shipped rule
  sets is once per stratum.
- durable refuses (with a bare "error code: 113") a rule whose pattern nests
  more than about 15 `$and`/`$or` nodes. Patterns are flattened, and a pattern
  still too deep is split into alternatives (one durable rule each, all
  recording the same rule id), so any condition a lawyer writes compiles
  (patterns.py).

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
from typing import Any

import orjson

from ..io.errors import EngineError, EnvironmentProblem
from .plan import FACT_KEY, INDEX, OPENED, STRATUM, EnginePlan, EngineRule, compile_plan

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


Firing = tuple[str, str, bool]
"""(rule id, fact key, holds): which pattern of which rule matched which fact."""


_names = itertools.count(1)


def _ignore(c: Any) -> None:
    return None


_sessions = itertools.count(1)


def _facts_json(batch: list[dict[str, Any]]) -> str:
    """The JSON text of a batch of facts, as durable parses it.

    orjson writes it in a fraction of json.dumps's time; what it refuses (an
    integer past 64 bits, a lone surrogate) json.dumps writes. The two may
    spell a number differently (1e-9, 1e-09), never its value.
    """
    try:
        return orjson.dumps(batch).decode()
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(batch, ensure_ascii=False)


class CompiledRules:
    """A rule set's plan registered in a private durable-rules host."""

    def __init__(
        self,
        label: str,
        rules: Iterable[EngineRule] | EnginePlan,
        marks: tuple[Any, Any] = (True, False),
    ) -> None:
        """`rules`: the rules, or their plan already compiled (compile_plan).
        `marks`: what `outcomes` records for a rule whose pattern of "definitely
        true" (first) or "definitely false" (second) fired."""
        plan = rules if isinstance(rules, EnginePlan) else compile_plan(rules)
        self.rules = plan.rules
        self.marks = marks
        self.slots = plan.slots
        self.slot_properties = plan.slot_properties
        self._host = _QuietHost()
        self._name = f"{label}_{next(_names)}"
        # durable's name of each pattern -> (rule id, the mark it records); see read_head
        self._patterns: dict[str, tuple[str, Any]] = {
            name: (rule_id, marks[0] if holds else marks[1])
            for name, (rule_id, holds) in plan.patterns.items()
        }
        # The head of a firing's message -> what it says (read_head): a message head
        # recurs for every session, so each is parsed once per process. At most one
        # entry per pattern and fact index.
        self._firing_of: dict[str, tuple[int, str, Any] | None] = {}
        # durable takes the actions with the rules (and removes them from what it is
        # given): a fresh definition each time, with an action that does nothing.
        definition = {name: {**rule, "run": _ignore} for name, rule in plan.definition.items()}
        try:
            self._host.set_rulesets({self._name: definition})
        except Exception as error:  # durable reports malformed rules with bare codes
            raise EngineError(
                f"the rule engine rejected the compiled rule set {label!r} ({error})",
                expected="patterns built by conditions.py",
            ) from None
        self._ruleset = self._host.get_ruleset(self._name)
        self._handle = self._ruleset._handle  # the C core's handle (see outcomes)

    def session(self) -> EngineSession:
        return EngineSession(self)

    def read_head(self, head: str) -> tuple[int, str, Any] | None:
        """(fact index, rule id, mark) of a firing, from the head of durable's message.

        durable's message for a firing is '{"<pattern name>":{"m":{"i":<index>,...'
        (the fact's text as sent, whose first property is its index); read_firings
        cuts it at its first comma. None: the session's opening fact, which concerns no rule.
        """
        name, separator, index = head[2:].partition('":{"m":{"i":')
        pattern = self._patterns.get(name)
        if pattern is None or not separator:
            if head.startswith(f'{{"{OPENED}":'):
                return None
            raise EngineError(f"the rule engine reported a firing this adapter cannot read: {head}")
        rule_id, mark = pattern
        return (int(index), rule_id, mark)  # int() allows the space json.dumps writes

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
            code, state = _core.assert_facts(handle, _facts_json(batch))
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
        # Each head is read once per process (read_head); a head recurs in every session.
        read = compiled._firing_of
        try:
            firings = list(map(read.__getitem__, heads))
        except KeyError:
            for head in heads:
                if head not in read:
                    read[head] = compiled.read_head(head)
            firings = list(map(read.__getitem__, heads))
        for firing in firings:
            if firing is None:  # the session's opening fact
                continue
            index, rule_id, mark = firing
            if found[index].setdefault(rule_id, mark) is not mark:
                raise EngineError(
                    f"rule {rule_id} matched as both true and false on {keys[index]!r}"
                )
        return found
