"""Run a rule set over one answers file and explain the outcome.

Who decides and who explains:
- durable-rules decides. Each rule reaches it as a "definitely true" and a
  "definitely false" pattern; a rule is TRUE where the first fired, FALSE where
  the second did, UNKNOWN where neither did. The findings handed to the next
  stratum, and so the verdicts, are computed from those firings alone.
- The Python evaluator (conditions.evaluate, through groups.View) explains: the
  truth of each part of a condition and each input's source (stated, derived,
  assumed) for the trace, and, without the engine, the interview's "can this
  question still change anything" (`rule_truths`).

This module prepares the facts, runs the strata in order, resolves the verdict
of each element through the declared `overrides`, and records that
explanation. After every stratum the engine's firings are compared with what
the explanation says they must be; any disagreement is an error, so the
explanation can never contradict the decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..answers.answers_file import applicable_values
from ..engine.adapter import CompiledRules
from ..engine.patterns import PatternTooComplex
from ..engine.plan import FACT_KEY, EngineRule
from ..io.errors import EngineError, RuleSetError
from ..law.conditions import (
    NOT_APPLICABLE,
    compile_false,
    compile_true,
    engine_properties,
    evaluate,
    findings_in,
    leaves,
    top_parts,
)
from ..law.law_date import LawDate, in_force
from ..law.loading import Law
from ..law.model import (
    UNKNOWN,
    Alternative,
    Answers,
    Condition,
    Element,
    FindingRef,
    Leaf,
    LowerBound,
    QuestionType,
    Rule,
    RuleSet,
    Truth,
    Verdict,
)
from .decision import Decision, decide
from .rule_groups import RuleGroup, RuleReader, View, getter, group_rules, rule_inputs

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_TRUE = Truth.TRUE
_FALSE = Truth.FALSE
_UNKNOWN_TRUTH = Truth.UNKNOWN


@dataclass(frozen=True)
class PreparedRuleSet:
    """A rule set with its strata computed and its patterns compiled into the engine."""

    law: Law
    ruleset: RuleSet  # the rules in force on law_date.day only
    law_date: LawDate
    strata: Mapping[str, int]
    derivers: Mapping[str, tuple[str, ...]]
    beats: Mapping[str, frozenset[str]]  # rule -> every rule it overrides, transitively
    properties: Mapping[int, frozenset[str]]
    compiled: CompiledRules

    @cached_property
    def depth(self) -> int:
        """The highest stratum (every hypothetical walks the strata up to it)."""
        return max(self.strata.values(), default=0)

    @cached_property
    def by_stratum(self) -> tuple[tuple[int, tuple[Rule, ...]], ...]:
        """The rules grouped by stratum, lowest first."""
        return tuple(
            (level, tuple(r for r in self.ruleset.rules if self.strata[r.id] == level))
            for level in range(self.depth + 1)
        )

    @cached_property
    def groups(self) -> dict[int, tuple[RuleGroup, ...]]:
        """For each stratum, its rules in groups that share no input (see rule_groups.py)."""
        questions = self.law.all_questions()

        def make_fact(names: frozenset[str]) -> Callable[..., dict[str, Any]]:
            plan = fact_plan(names, questions)
            return lambda values, findings: fact_properties(values, findings, plan)

        return {
            stratum: group_rules(rules, make_fact, lambda rule: engine_properties(rule.when))
            for stratum, rules in self.by_stratum
        }

    @cached_property
    def rule_readers(self) -> dict[str, RuleReader]:
        """Each rule with its getters and the memory of its truths (rule_groups.py)."""
        return {
            reader.rule.id: reader
            for groups in self.groups.values()
            for group in groups
            for reader in group.readers
        }

    @cached_property
    def readers(
        self,
    ) -> tuple[dict[str, tuple[tuple[int, Rule], ...]], dict[str, tuple[tuple[int, Rule], ...]]]:
        """For each question and each finding, the rules reading it, with their strata.

        A hypothetical (an assumption stated otherwise, the strict reading)
        changes one or two facts of some sixty: looking up their readers is
        cheaper than asking each of the ninety rules what it reads.
        """
        by_question: dict[str, list[tuple[int, Rule]]] = {}
        by_finding: dict[str, list[tuple[int, Rule]]] = {}
        for rule in self.ruleset.rules:
            questions, findings = rule_inputs(rule)
            for question in questions:
                by_question.setdefault(question, []).append((self.strata[rule.id], rule))
            for finding in findings:
                by_finding.setdefault(finding, []).append((self.strata[rule.id], rule))
        return (
            {q: tuple(readers) for q, readers in by_question.items()},
            {f: tuple(readers) for f, readers in by_finding.items()},
        )

    @cached_property
    def derived_by(self) -> dict[str, tuple[str, ...]]:
        """For each rule, the findings it derives (those whose truth it can move)."""
        return {rule.id: tuple(rule.then.findings) for rule in self.ruleset.rules}

    @cached_property
    def questions_read(self) -> tuple[str, ...]:
        """Every question some rule of the set reads."""
        return tuple({q: None for rule in self.ruleset.rules for q in rule_inputs(rule)[0]})

    @cached_property
    def undecided(self) -> dict[int, dict[str, Truth]]:
        """For each stratum, its rules as UNKNOWN: the truth of a rule neither pattern matched."""
        return {
            stratum: dict.fromkeys((rule.id for rule in rules), _UNKNOWN_TRUTH)
            for stratum, rules in self.by_stratum
        }

    @cached_property
    def exceptions_to(self) -> dict[str, tuple[Rule, ...]]:
        """For each rule, the verdict or author rules overriding it (directly or transitively)."""
        found: dict[str, list[Rule]] = {}
        for rule in self.ruleset.rules:
            if rule.then.verdict is None and rule.then.author is None:
                continue
            for target in sorted(self.beats[rule.id]):
                found.setdefault(target, []).append(rule)
        return {target: tuple(rules) for target, rules in found.items()}

    @cached_property
    def leaves_of(self) -> dict[str, tuple[Leaf | FindingRef, ...]]:
        """Each rule's leaves in written order (what to find out walks them often)."""
        return {rule.id: tuple(leaves(rule.when)) for rule in self.ruleset.rules}

    @cached_property
    def verdict_rules(self) -> tuple[Rule, ...]:
        """The rules that conclude a verdict, in file order."""
        return tuple(rule for rule in self.ruleset.rules if rule.then.verdict is not None)

    @cached_property
    def rules_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.ruleset.rules}

    @cached_property
    def in_rule_order(self) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
        """A mapping's values for every rule, in file order (a C-level getter)."""
        get = getter(tuple(rule.id for rule in self.ruleset.rules))
        if len(self.ruleset.rules) == 1:
            return lambda mapping: (get(mapping),)
        return get  # type: ignore[return-value]

    @cached_property
    def truths_key(self) -> Callable[[Mapping[str, Truth]], Any]:
        """Every rule's truth, in rule order, as one hashable value (a C-level getter)."""
        return getter(tuple(rule.id for rule in self.ruleset.rules))

    @cached_property
    def finishing(
        self,
    ) -> dict[int, tuple[tuple[str, Callable[[Mapping[str, Truth]], tuple[Truth, ...]]], ...]]:
        """For each stratum, the findings it completes, each with a getter for the
        truths of the rules deriving it (a tuple, whatever their number)."""

        def producers_of(rule_ids: tuple[str, ...]) -> Callable[..., tuple[Truth, ...]]:
            get = getter(rule_ids)
            if len(rule_ids) == 1:
                return lambda truths: (get(truths),)
            return get  # type: ignore[return-value]

        return {
            stratum: tuple(
                (finding, producers_of(self.derivers[finding]))
                for finding in self.finished_at.get(stratum, ())
            )
            for stratum in range(self.depth + 1)
        }

    @cached_property
    def finished_at(self) -> dict[int, tuple[str, ...]]:
        """For each stratum, the findings whose last deriving rule sits in it."""
        done: dict[int, list[str]] = {}
        for finding, producers in self.derivers.items():
            if producers:
                done.setdefault(max(self.strata[r] for r in producers), []).append(finding)
        return {level: tuple(names) for level, names in done.items()}


def prepare(
    law: Law, ruleset_id: str, as_of: dt.date | None = None, today: dt.date | None = None
) -> PreparedRuleSet:
    """Stratify and compile one rule set as it stood on a day. Raises RuleSetError on a
    cycle of findings.

    The day is `as_of`, or today, bounded by the rule set's `law_as_of`
    (law_date.py); rules not in force that day are left out, so they neither
    fire nor establish findings, and the Result lists them.
    """
    ruleset, law_date = in_force(law.ruleset(ruleset_id), law.authorities, as_of, today)
    derivers: dict[str, list[str]] = {f.id: [] for f in ruleset.findings}
    for rule in ruleset.rules:
        for finding in rule.then.findings:
            derivers[finding].append(rule.id)
    strata = _stratify(ruleset, derivers)
    properties: dict[int, set[str]] = {}
    for rule in ruleset.rules:
        properties.setdefault(strata[rule.id], set()).update(engine_properties(rule.when))
    engine_rules = [
        EngineRule(rule.id, strata[rule.id], compile(rule.when), holds)
        for rule in ruleset.rules
        for compile, holds in ((compile_true, True), (compile_false, False))
    ]
    try:
        compiled = CompiledRules(ruleset.id, engine_rules, (_TRUE, _FALSE))
    except PatternTooComplex as error:
        location = ruleset.rule(error.rule_id).location if error.rule_id else None
        raise RuleSetError(
            f"rule {error.rule_id!r}: {error.message}", location, error.expected
        ) from None
    return PreparedRuleSet(
        law=law,
        ruleset=ruleset,
        law_date=law_date,
        strata=strata,
        derivers={k: tuple(v) for k, v in derivers.items()},
        beats=override_closure(ruleset),
        properties={k: frozenset(v) for k, v in properties.items()},
        compiled=compiled,
    )


def _stratify(ruleset: RuleSet, derivers: Mapping[str, list[str]]) -> dict[str, int]:
    """A rule's stratum is one above the strata of the rules deriving what it reads."""
    rules = {rule.id: rule for rule in ruleset.rules}
    strata: dict[str, int] = {}
    visiting: list[str] = []

    def stratum_of(rule_id: str) -> int:
        if rule_id in strata:
            return strata[rule_id]
        if rule_id in visiting:
            cycle = " -> ".join([*visiting[visiting.index(rule_id) :], rule_id])
            raise RuleSetError(
                f"findings depend on each other in a cycle: {cycle}",
                rules[rule_id].location,
                "findings that build on earlier ones",
            )
        visiting.append(rule_id)
        level = 0
        for finding in findings_in(rules[rule_id].when):
            for producer in derivers.get(finding, ()):
                level = max(level, stratum_of(producer) + 1)
        visiting.pop()
        strata[rule_id] = level
        return level

    for rule_id in rules:
        stratum_of(rule_id)
    return strata


def override_closure(ruleset: RuleSet) -> dict[str, frozenset[str]]:
    """Each rule's overridden rules, transitively (an exception to an exception)."""
    direct = {rule.id: set(rule.overrides) for rule in ruleset.rules}
    closure: dict[str, frozenset[str]] = {}
    for rule_id in direct:
        seen: set[str] = set()
        stack = list(direct[rule_id])
        while stack:
            target = stack.pop()
            if target in seen:
                continue
            seen.add(target)
            stack.extend(direct.get(target, ()))
        if rule_id in seen:
            raise RuleSetError(
                f"rule {rule_id!r} overrides itself through a cycle of 'overrides'",
                ruleset.rule(rule_id).location,
                "overrides that form no cycle",
            )
        closure[rule_id] = frozenset(seen)
    return closure


# --------------------------------------------------------------------- outcome


@dataclass
class FactUse:
    """One input a condition looked at: an answer or a finding, and where it came from."""

    name: str  # question or finding id
    is_finding: bool
    value: Any  # the answer, or the finding's Truth
    source: str  # stated | derived | assumed


@dataclass
class ConditionRecord:
    """One top-level part of a rule's condition, with its truth and its inputs."""

    condition: Condition
    truth: Truth
    facts: list[FactUse]


@dataclass
class RuleRecord:
    rule: Rule
    truth: Truth
    conditions: list[ConditionRecord]

    @property
    def fired(self) -> bool:
        return self.truth is _TRUE


@dataclass
class ElementOutcome:
    element: Element
    values: dict[str, Any]
    findings: dict[str, Truth]
    truths: dict[str, Truth]  # every rule's truth
    truths_key: Any  # the same truths in rule order, hashable (see PreparedRuleSet.truths_key)
    views: tuple[View, ...]  # what each rule group made of it (shared between elements)
    stated_ids: frozenset[str]  # questions answered for the element or the whole work
    decision: Decision  # verdict, deciding rules, author... (shared between elements)
    undetermined_by: list[str]

    @property
    def verdict(self) -> Verdict:
        return self.decision.verdict

    @property
    def deciding(self) -> tuple[str, ...]:
        """The rules whose verdict stands."""
        return self.decision.deciding

    @property
    def overridden(self) -> tuple[str, ...]:
        """Fired verdict rules displaced by an override."""
        return self.decision.overridden

    @property
    def held_open(self) -> tuple[str, ...]:
        """Fired verdict rules held open by an exception whose truth is unknown."""
        return self.decision.held_open

    @property
    def author(self) -> str | None:
        return self.decision.author

    @property
    def settledness(self) -> str | None:
        return self.decision.settledness

    @property
    def protects(self) -> tuple[str, ...]:
        return self.decision.protects

    @property
    def excludes(self) -> tuple[str, ...]:
        return self.decision.excludes

    @property
    def recommendations(self) -> tuple[str, ...]:
        return self.decision.recommendations

    @property
    def alternatives(self) -> tuple[tuple[str, Alternative], ...]:
        return self.decision.alternatives

    def record(self, rule: Rule) -> RuleRecord:
        """The rule's conditions with their truths and inputs, worked out when asked for.

        Most consumers need only the truths; the explanation of each condition
        is built for the trace, which caches it by the rule's reading.
        """
        return RuleRecord(
            rule,
            self.truths[rule.id],
            _condition_records(rule, self.values, self.findings, self.stated_ids),
        )


@dataclass
class Outcome:
    prepared: PreparedRuleSet
    answers: Answers
    elements: list[ElementOutcome] = field(default_factory=list)


def element_values(law: Law, answers: Answers) -> dict[str, dict[str, Any]]:
    """Every element's values as the rules see them (the same under every rule set).

    Validation works them out to check the answers (Answers.rule_values): those are
    taken, as fresh dicts, when they were worked out for this law's questionnaire.
    """
    questionnaire = law.questionnaire
    kept = answers.rule_values
    if kept is not None and kept.questionnaire is questionnaire:
        return {element_id: dict(values) for element_id, values in kept.elements.items()}
    work_values = applicable_values(questionnaire, answers.work, None)
    return {
        element.id: applicable_values(questionnaire, element.answers, work_values, element.kind)
        for element in answers.elements
    }


def evaluate_ruleset(
    prepared: PreparedRuleSet, answers: Answers, values: Mapping[str, dict[str, Any]] | None = None
) -> Outcome:
    """Evaluate every element of the work under one rule set.

    `values` are the elements' values from `element_values`; an Evaluator
    applying several rule sets works them out once and passes them in.
    """
    if values is None:
        values = element_values(prepared.law, answers)
    elements = answers.elements
    unset = dict.fromkeys(prepared.derivers, _FALSE)  # until a stratum establishes it
    findings: dict[str, dict[str, Truth]] = {element.id: dict(unset) for element in elements}
    truths: dict[str, dict[str, Truth]] = {element.id: {} for element in elements}
    views_of: dict[str, list[View]] = {element.id: [] for element in elements}
    stated = {
        element.id: frozenset(element.answers) | frozenset(answers.work) for element in elements
    }
    with prepared.compiled.session() as session:
        for stratum, _rules in prepared.by_stratum:
            groups = prepared.groups[stratum]
            facts = []
            explained = []  # per element: the truths the explanation gives this stratum's rules
            for element in elements:
                key = element.id
                own_values, own_findings, own_views = values[key], findings[key], views_of[key]
                fact = {FACT_KEY: key}
                own_explained: dict[str, Truth] = {}
                for group in groups:
                    view = group.view(own_values, own_findings)
                    fact.update(view.fact)
                    own_explained.update(view.truths)
                    own_views.append(view)
                facts.append(fact)
                explained.append(own_explained)
            # The engine decides: a rule is TRUE where its "definitely true" pattern
            # fired, FALSE where its "definitely false" one did, UNKNOWN otherwise.
            undecided = prepared.undecided[stratum]
            decided = session.outcomes(stratum, facts)
            for element, fired, own_explained in zip(elements, decided, explained, strict=True):
                engine_truths = {**undecided, **fired}
                if engine_truths != own_explained:  # cheap insurance: the explanation agrees
                    raise EngineError(
                        f"the engine and the explanation disagree on stratum {stratum} for "
                        f"{element.id!r}: "
                        + ", ".join(
                            f"{rule_id}: engine {engine_truths[rule_id]}, explanation "
                            f"{own_explained.get(rule_id, _UNKNOWN_TRUTH)}"
                            for rule_id in engine_truths
                            if engine_truths[rule_id] is not own_explained.get(rule_id)
                        )
                    )
                truths[element.id].update(engine_truths)
            for element in elements:  # _finding_truth, inline: some thirty findings apiece
                own_truths, own_findings = truths[element.id], findings[element.id]
                for finding, producers_of in prepared.finishing[stratum]:
                    producers = producers_of(own_truths)
                    own_findings[finding] = (
                        _TRUE
                        if _TRUE in producers
                        else _UNKNOWN_TRUTH
                        if _UNKNOWN_TRUTH in producers
                        else _FALSE
                    )
    outcome = Outcome(prepared, answers)
    for element in elements:
        outcome.elements.append(
            _element_outcome(
                prepared,
                element,
                values[element.id],
                findings[element.id],
                truths[element.id],
                stated[element.id],
                tuple(views_of[element.id]),
            )
        )
    return outcome


def rule_truths(
    prepared: PreparedRuleSet, values: Mapping[str, Any]
) -> tuple[dict[str, Truth], dict[str, Truth]]:
    """Every rule's truth and every finding's truth for one element, without the engine.

    The same Python evaluation that `evaluate_ruleset` checks the engine's
    decision against on every stratum, so it cannot disagree with a real
    evaluation. The interview
    calls it after each answer, many times over (with pending questions), where
    a round trip through the engine would be too slow.
    """
    truths: dict[str, Truth] = {}
    findings: dict[str, Truth] = {}
    for stratum, rules in prepared.by_stratum:
        for rule in rules:
            truths[rule.id] = evaluate(rule.when, values, findings)
        for finding in prepared.finished_at.get(stratum, ()):
            findings[finding] = _finding_truth([truths[r] for r in prepared.derivers[finding]])
    for finding in prepared.derivers:
        findings.setdefault(finding, _FALSE)  # no rule derives it: never established
    return truths, findings


def _finding_truth(truths: Sequence[Truth]) -> Truth:
    if _TRUE in truths:
        return _TRUE
    if _UNKNOWN_TRUTH in truths:
        return _UNKNOWN_TRUTH
    return _FALSE


_FINDING_CODES = {_TRUE: "t", _FALSE: "f", _UNKNOWN_TRUTH: "u"}

# How each engine property is computed from an element's values and findings.
_FINDING, _CHOICE, _STATE, _VALUE, _DATE, _BOUND = range(6)
FactPlan = tuple[tuple[str, int, str, str], ...]  # (property, how, question or finding, choice)


def fact_plan(names: frozenset[str], questions: Mapping[str, Any]) -> FactPlan:
    """Parse a stratum's property names once, not once per element and evaluation."""
    plan = []
    for name in sorted(names):
        if name.startswith("f_"):
            plan.append((name, _FINDING, name[2:], ""))
        elif name.startswith("c_"):
            question_id, choice = name[2:].split("__", 1)
            plan.append((name, _CHOICE, question_id, choice))
        elif name.startswith("s_"):
            plan.append((name, _STATE, name[2:], ""))
        elif name.startswith("b_"):
            plan.append((name, _BOUND, name[2:], ""))
        else:
            date = questions[name[2:]].type is QuestionType.DATE
            plan.append((name, _DATE if date else _VALUE, name[2:], ""))
    return tuple(plan)


def engine_fact(
    key: str, values: Mapping[str, Any], findings: Mapping[str, Truth], plan: FactPlan
) -> dict[str, Any]:
    """The engine's view of one element: only the properties this stratum reads."""
    return {FACT_KEY: key, **fact_properties(values, findings, plan)}


def fact_properties(
    values: Mapping[str, Any], findings: Mapping[str, Truth], plan: FactPlan
) -> dict[str, Any]:
    """The engine properties a plan names, from an element's values and findings."""
    fact: dict[str, Any] = {}
    for name, how, source, choice in plan:
        if how == _FINDING:
            fact[name] = _FINDING_CODES[findings.get(source, _FALSE)]
            continue
        value = values.get(source, NOT_APPLICABLE)
        if how == _CHOICE:
            fact[name] = isinstance(value, tuple) and choice in value
        elif how == _STATE:
            fact[name] = "n" if value == NOT_APPLICABLE else "u" if value == UNKNOWN else "k"
        elif how == _BOUND:
            fact[name] = value.__class__ is LowerBound
        elif value.__class__ is LowerBound:
            fact[name] = value.at_least
        elif value != NOT_APPLICABLE and value != UNKNOWN:
            fact[name] = _date_ordinal(value) if how == _DATE else value
    return fact


def _date_ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


# ------------------------------------------------------------ verdict per element


def _element_outcome(
    prepared: PreparedRuleSet,
    element: Element,
    values: dict[str, Any],
    findings: dict[str, Truth],
    truths: dict[str, Truth],
    stated_ids: frozenset[str],
    views: tuple[View, ...],
) -> ElementOutcome:
    truths_key = prepared.truths_key(truths)
    decision = decide(prepared, truths, truths_key, element.id)
    undetermined_by: list[str] = []
    if decision.verdict is Verdict.UNDETERMINED:
        undetermined_by = _deciding_unknowns(prepared, truths, values, findings)
    return ElementOutcome(
        element=element,
        values=values,
        findings=findings,
        truths=truths,
        truths_key=truths_key,
        views=views,
        stated_ids=stated_ids,
        decision=decision,
        undetermined_by=undetermined_by,
    )


def _condition_records(
    rule: Rule, values: Mapping[str, Any], findings: Mapping[str, Truth], stated_ids: frozenset[str]
) -> list[ConditionRecord]:
    """The rule's condition split at its top-level connective (`top_parts`), each part
    with its inputs."""
    records = []
    for part in top_parts(rule.when):
        facts: list[FactUse] = []
        for leaf in leaves(part):
            if isinstance(leaf, FindingRef):
                use = FactUse(leaf.finding, True, findings.get(leaf.finding, _FALSE), "derived")
            else:
                value = values.get(leaf.question, NOT_APPLICABLE)
                # An explicit "unknown" (element or work answer) is stated, not assumed.
                stated = (
                    leaf.question == "element_kind"
                    or leaf.question in stated_ids
                    or value not in (NOT_APPLICABLE, UNKNOWN)
                )
                use = FactUse(leaf.question, False, value, "stated" if stated else "assumed")
            if all(u.name != use.name for u in facts):
                facts.append(use)
        records.append(ConditionRecord(part, evaluate(part, values, findings), facts))
    return records


def _deciding_unknowns(
    prepared: PreparedRuleSet,
    truths: Mapping[str, Truth],
    values: Mapping[str, Any],
    findings: Mapping[str, Truth],
) -> list[str]:
    """The unknown answers that kept a verdict rule from deciding (what to find out)."""
    wanted: list[str] = []
    seen_findings: set[str] = set()

    leaves_of = prepared.leaves_of

    def collect(rule: Rule) -> None:
        for leaf in leaves_of[rule.id]:
            if isinstance(leaf, FindingRef):
                if (
                    findings.get(leaf.finding) is _UNKNOWN_TRUTH
                    and leaf.finding not in seen_findings
                ):
                    seen_findings.add(leaf.finding)
                    for producer in prepared.derivers.get(leaf.finding, ()):
                        if truths[producer] is _UNKNOWN_TRUTH:
                            collect(prepared.rules_by_id[producer])
            elif leaf.question not in wanted and (
                values.get(leaf.question) == UNKNOWN
                or (
                    isinstance(values.get(leaf.question), LowerBound)
                    and evaluate(leaf, values) is _UNKNOWN_TRUTH
                )
            ):
                wanted.append(leaf.question)  # unknown, or a bound that leaves it open

    for rule in prepared.verdict_rules:
        truth = truths[rule.id]
        if truth is _UNKNOWN_TRUTH or (
            truth is _TRUE and rule.then.verdict is Verdict.UNDETERMINED
        ):
            collect(rule)
    return wanted
