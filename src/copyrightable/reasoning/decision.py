"""An element's verdict and author under one rule set, from the truths of its rules.

Which verdict rules fired, which of them an `overrides` entry displaces, which
an exception left open by an unknown answer holds open, and what the standing
ones conclude (verdict, how settled, what is protected and excluded, what to
recommend, the alternative reading of a split) depend on the rules' truths and
nothing else. The author is decided apart, by the author rules (a rule that
concludes `author` and no verdict), with the same three-valued `overrides`,
and named only for what the verdict protects: who made a work is a fact of
its own, not something each verdict rule should have to carry. (A memory of
Decisions by the pattern of truths bought 7 % on the benchmark, within the
machine's noise, and was removed; keyed by the truths of the rules a decision
reads, with the hypotheticals deciding ten times per evaluation, it bought
5-6 % and stayed out: docs/performance.md.)

Also here: the work's verdict from its elements' verdicts, and the order of
settledness used to report the least settled authority a verdict rests on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple, Protocol

from ..io.errors import ConflictError
from ..law.model import Alternative, Rule, RuleSet, Truth, Verdict

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_TRUE = Truth.TRUE
_UNKNOWN_TRUTH = Truth.UNKNOWN


SETTLEDNESS_ORDER = (
    "statute",
    "binding_decision",
    "official_guidance",
    "lower_court",
    "contested",
    "pending",
)


class PreparedRuleSet(Protocol):
    """What a decision reads of a rule set prepared for the engine.

    `reasoning.PreparedRuleSet` is the one there is. It is described here, not
    imported, because reasoning runs the engine and then asks this module for the
    verdict: the decision needs the rules and who overrides whom, not the engine.
    """

    @property
    def ruleset(self) -> RuleSet: ...

    @property
    def beats(self) -> Mapping[str, frozenset[str]]: ...

    @property
    def exceptions_to(self) -> Mapping[str, tuple[Rule, ...]]: ...


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    deciding: tuple[str, ...]  # rules whose verdict stands
    overridden: tuple[str, ...]  # fired verdict (and applying author) rules an override displaced
    held_open: tuple[str, ...]  # fired verdict rules an exception of unknown truth holds open
    author: str | None  # from the standing verdict rules (none) or the applying author rules
    settledness: str | None  # the least settled of the deciding rules
    protects: tuple[str, ...]
    excludes: tuple[str, ...]
    recommendations: tuple[str, ...]  # of every fired rule, in rule order
    alternatives: tuple[tuple[str, Alternative], ...]


def decide(
    prepared: PreparedRuleSet, truths: Mapping[str, Truth], truths_key: Any, element_id: str
) -> Decision:
    """The element's Decision (`truths_key`, all rules' truths in order, is not used).

    Raises ConflictError when standing rules disagree on the verdict or author:
    a rule set must say which rule is the exception.
    """
    return _decide(prepared, truths, element_id)


def decides_alike(
    prepared: PreparedRuleSet, truths: Mapping[str, Truth], other: Mapping[str, Truth]
) -> bool:
    """Whether two patterns of truths give the same Decision: they agree on every rule a
    decision reads (those concluding a verdict, naming an author or recommending).

    A hypothetical (an assumption stated otherwise, the strict reading) moves a
    few rules, most often ones that only establish findings; where it moves
    none that a decision reads, its Decision is the evaluated element's.
    """
    read = _plan(prepared).read
    return bool(read(truths) == read(other))


def _decide(prepared: PreparedRuleSet, truths: Mapping[str, Truth], element_id: str) -> Decision:
    ruleset = prepared.ruleset
    plan = _plan(prepared)
    fired_verdicts = [rule for rule in plan.verdict_rules if truths[rule.id] is _TRUE]
    standing, displaced, held_open = _standing(prepared, fired_verdicts, truths)
    if held_open:
        standing = []
    verdicts = {rule.then.verdict for rule in standing}
    if len(verdicts) > 1 or len({r.then.author for r in standing if r.then.author}) > 1:
        raise _conflict(standing, element_id, ruleset.id)
    if standing:
        verdict = standing[0].then.verdict
        assert verdict is not None
        settledness = _least_settled([rule.settledness for rule in standing])
    else:
        verdict, settledness = Verdict.UNDETERMINED, None
    naming, displaced_authors = _naming(prepared, truths, verdict, element_id)
    author = next((r.then.author for r in standing if r.then.author), None)
    if naming:
        if author is not None and author != naming[0].then.author:
            raise _conflict([*standing, naming[0]], element_id, ruleset.id)
        author = naming[0].then.author
    applied = {rule.id for rule in naming}
    deciding = applied | {rule.id for rule in standing}
    recommendations: list[str] = []
    for rule in plan.recommending:
        if truths[rule.id] is _TRUE and (not _is_author_rule(rule) or rule.id in applied):
            for item in rule.then.recommend:
                if item not in recommendations:
                    recommendations.append(item)
    return Decision(
        verdict=verdict,
        deciding=tuple(sorted(deciding, key=plan.order.__getitem__)),  # in rule order
        overridden=tuple(sorted(displaced | displaced_authors)),
        held_open=held_open,
        author=author,
        settledness=settledness,
        protects=_union(rule.then.protects for rule in standing),
        excludes=_union(rule.then.excludes for rule in standing),
        recommendations=tuple(recommendations),
        alternatives=tuple(
            (rule.id, rule.then.alternative)
            for rule in standing
            if rule.then.alternative is not None
        ),
    )


_PROTECTING = (Verdict.PROTECTABLE, Verdict.PARTIALLY_PROTECTABLE)


def _is_author_rule(rule: Rule) -> bool:
    """A rule that names who the author is and decides nothing about protection."""
    return rule.then.author is not None and rule.then.verdict is None


def _standing(
    prepared: PreparedRuleSet, fired: list[Rule], truths: Mapping[str, Truth]
) -> tuple[list[Rule], set[str], tuple[str, ...]]:
    """The fired rules no fired exception displaces, those displaced, and those held open.

    Overrides are three-valued: an exception whose condition is unknown may yet
    displace the rule, so that rule does not stand either (it is held open),
    unless the exception would conclude the same verdict and author.
    """
    fired_ids = {rule.id for rule in fired}
    displaced: set[str] = set()
    for rule in fired:
        displaced |= prepared.beats[rule.id] & fired_ids
    standing = [rule for rule in fired if rule.id not in displaced]
    held_open = tuple(rule.id for rule in standing if _held_open(prepared, rule, truths))
    return standing, displaced, held_open


def _naming(
    prepared: PreparedRuleSet, truths: Mapping[str, Truth], verdict: Verdict, element_id: str
) -> tuple[list[Rule], set[str]]:
    """The author rules that name the author of what the verdict protects.

    Who the author is follows from who contributed what (author rules read
    those facts), never from which verdict rule fired; but an author is only
    named for something protected, so author rules apply only under a
    protectable or partially protectable verdict. Among them `overrides` works
    as for verdicts: an exception left open by an unknown answer leaves the
    author unknown (no author rule applies), never a silent choice. Also
    returned: the author rules an applying exception displaced.
    """
    if verdict not in _PROTECTING:
        return [], set()
    fired = [rule for rule in _plan(prepared).author_rules if truths[rule.id] is _TRUE]
    standing, displaced, held_open = _standing(prepared, fired, truths)
    if held_open:
        return [], displaced
    if len({rule.then.author for rule in standing}) > 1:
        raise _conflict(standing, element_id, prepared.ruleset.id)
    return standing, displaced


class _Plan(NamedTuple):
    """A rule set's rules by what they conclude, in file order (kept per rule set):
    a Decision is made for every element and every hypothetical, and most rules
    only establish findings, so each pass looks only at the rules it concerns."""

    verdict_rules: tuple[Rule, ...]
    author_rules: tuple[Rule, ...]
    recommending: tuple[Rule, ...]
    order: dict[str, int]
    read: Callable[[Mapping[str, Truth]], Any]  # the truths a Decision depends on


_PLANS: dict[int, tuple[PreparedRuleSet, _Plan]] = {}


def _plan(prepared: PreparedRuleSet) -> _Plan:
    kept = _PLANS.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        rules = prepared.ruleset.rules
        read = [
            rule.id
            for rule in rules
            if rule.then.verdict is not None or _is_author_rule(rule) or rule.then.recommend
        ]
        plan = _Plan(
            tuple(rule for rule in rules if rule.then.verdict is not None),
            tuple(rule for rule in rules if _is_author_rule(rule)),
            tuple(rule for rule in rules if rule.then.recommend),
            {rule.id: index for index, rule in enumerate(rules)},
            itemgetter(*read) if read else _nothing,
        )
        kept = _PLANS[id(prepared)] = (prepared, plan)
    return kept[1]


def _nothing(_truths: Mapping[str, Truth]) -> tuple[()]:
    return ()


def _held_open(prepared: PreparedRuleSet, rule: Rule, truths: Mapping[str, Truth]) -> bool:
    """Whether an exception to `rule` is unknown and would conclude something else."""
    own = (rule.then.verdict, rule.then.author)
    for exception in prepared.exceptions_to.get(rule.id, ()):
        if (
            truths[exception.id] is _UNKNOWN_TRUTH
            and (exception.then.verdict, exception.then.author) != own
        ):
            return True
    return False


def _conflict(standing: list[Rule], element_id: str, ruleset_id: str) -> ConflictError:
    detail = ", ".join(
        f"{r.id} -> {r.then.verdict.value if r.then.verdict else 'author'}"
        f"{' (author ' + r.then.author + ')' if r.then.author else ''}"
        for r in standing
    )
    return ConflictError(
        f"conflicting rules for element {element_id!r} in rule set {ruleset_id!r}: {detail}",
        standing[0].location,
        "an 'overrides' entry saying which rule is the exception",
    )


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    merged: dict[str, None] = {}
    for group in groups:
        for item in group:
            merged[item] = None
    return tuple(merged)


def _least_settled(levels: list[str]) -> str:
    known = [level for level in levels if level in SETTLEDNESS_ORDER]
    if not known:
        return levels[0]
    return max(known, key=SETTLEDNESS_ORDER.index)


def combine_verdicts(verdicts: list[Verdict]) -> Verdict:
    """The verdict for the whole work, from its elements' verdicts.

    This is bookkeeping, not law: a work is protectable if every element is,
    not protectable if none is, undetermined if any element is, and otherwise
    partially protectable (the Zarya of the Dawn pattern: some elements
    protected, others excluded).
    """
    unique = set(verdicts)
    if Verdict.UNDETERMINED in unique:
        return Verdict.UNDETERMINED
    if unique == {Verdict.PROTECTABLE}:
        return Verdict.PROTECTABLE
    if unique == {Verdict.NOT_PROTECTABLE}:
        return Verdict.NOT_PROTECTABLE
    return Verdict.PARTIALLY_PROTECTABLE


def least_settled(levels: list[str | None]) -> str | None:
    present = [level for level in levels if level]
    return _least_settled(present) if present else None


def settledness_of(verdict: Verdict, elements: Iterable[tuple[Verdict, str | None]]) -> str | None:
    """How settled the work's verdict is, never contradicting it.

    An undetermined work is only as settled as what left it open: its
    undetermined elements (a case-by-case rule that says so has a grade; an
    unknown fact has none). Grading it by a decided element ("How settled:
    statute" beside UNDETERMINED) would claim a certainty the verdict denies.
    """
    pairs = list(elements)
    if verdict is Verdict.UNDETERMINED:
        pairs = [(v, s) for v, s in pairs if v is Verdict.UNDETERMINED]
    return least_settled([s for _, s in pairs])
