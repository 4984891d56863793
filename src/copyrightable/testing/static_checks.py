"""Static checks of a loaded law bundle, beyond what loading already enforces.

Loading guarantees that every id, type and citation is well formed. These
checks look for the defects that only show when the rules are read together:
rules that can never fire, findings nobody derives or uses, questions nobody
asks about, cycles of overrides or of findings, and rules that no test
exercises both ways.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..io.errors import CopyrightableError, Location
from ..law.conditions import NOT_APPLICABLE, _leaf_truth, findings_in, questions_in
from ..law.loading import ELEMENT_KIND_QUESTION, Law
from ..law.model import (
    QUESTION_STATES,
    UNKNOWN,
    All,
    Condition,
    FindingRef,
    Leaf,
    Not,
    Question,
    QuestionType,
    Truth,
)
from ..reasoning.ruleset_evaluation import override_closure, prepare


@dataclass(frozen=True)
class Problem:
    location: Location | None
    message: str
    severity: str = "error"  # error | warning

    def one_line(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message}"


def static_problems(law: Law) -> list[Problem]:
    problems: list[Problem] = []
    used_questions: set[str] = set()
    cited: set[str] = set()
    for question in law.questionnaire.questions:
        used_questions |= questions_in(question.ask_if)
        cited |= {c.authority for c in question.cites}
        if not question.states and question.type.value in QUESTION_STATES:
            # a warning, not an error: the reasoning still reads (by the question's own
            # text and answer), so a question may be drafted and tested before its clauses
            problems.append(
                Problem(
                    question.location,
                    f"question {question.id!r} has no clauses ('states'): the reasoning "
                    "states its answer by the question's text",
                    "warning",
                )
            )
    for ruleset in law.rulesets.values():
        for check in (override_closure, lambda rs: prepare(law, rs.id)):
            try:
                check(ruleset)
            except CopyrightableError as error:
                problems.append(Problem(error.location, error.message))
        derived = {f for rule in ruleset.rules for f in rule.then.findings}
        read = {f for rule in ruleset.rules for f in findings_in(rule.when)}
        recommended = {r for rule in ruleset.rules for r in rule.then.recommend}
        for finding in ruleset.findings:
            if finding.id not in derived:
                problems.append(
                    Problem(
                        Location(ruleset.source),
                        f"finding {finding.id!r} of "
                        f"rule set {ruleset.id!r} is never concluded by a rule",
                    )
                )
            elif finding.id not in read and not finding.reported:
                problems.append(
                    Problem(
                        Location(ruleset.source),
                        f"finding {finding.id!r} of "
                        f"rule set {ruleset.id!r} is concluded but no rule "
                        "reads it",
                        "warning",
                    )
                )
        for recommendation in ruleset.recommendations:
            if recommendation.id not in recommended:
                problems.append(
                    Problem(
                        Location(ruleset.source),
                        f"recommendation {recommendation.id!r} is attached to no rule",
                        "warning",
                    )
                )
        if ruleset.presumptions:  # a block present must say, for each question read, what
            # an unknown answer means: a silent gap would read as "no presumption"
            presumed = {p.question for p in ruleset.presumptions}
            cited |= {
                c.authority
                for p in ruleset.presumptions
                for r in (p.rule, p.exception)
                if r is not None
                for c in r.cites
            }
            read_questions: dict[str, None] = {}
            for rule in ruleset.rules:
                read_questions.update(dict.fromkeys(sorted(questions_in(rule.when))))
            for question_id in read_questions:
                if question_id != ELEMENT_KIND_QUESTION and question_id not in presumed:
                    problems.append(
                        Problem(
                            Location(ruleset.source),
                            f"rule set {ruleset.id!r} reads question "
                            f"{question_id!r} but its presumptions say nothing about it "
                            "(add an entry; kind: none if nothing is presumed)",
                            "warning",
                        )
                    )
        for rule in ruleset.rules:
            used_questions |= questions_in(rule.when)
            cited |= {c.authority for c in rule.cites}
            if rule.then.alternative:
                cited |= {c.authority for c in rule.then.alternative.cites}
            reason = never_fires(rule.when, law, derived)
            if reason:
                problems.append(
                    Problem(rule.location, f"rule {rule.id!r} can never fire: {reason}")
                )
            if not (
                rule.then.verdict or rule.then.author or rule.then.findings or rule.then.recommend
            ):
                problems.append(Problem(rule.location, f"rule {rule.id!r} concludes nothing"))
    for question in law.questionnaire.questions:
        if question.id not in used_questions:
            problems.append(
                Problem(
                    question.location,
                    f"question {question.id!r} is used by no rule and gates no other question",
                )
            )
    for authority in law.authorities.values():
        if authority.id not in cited:
            problems.append(
                Problem(
                    authority.location,
                    f"authority {authority.id!r} is cited by no rule or question",
                    "warning",
                )
            )
        if authority.jurisdiction == "cn" and not authority.citation_zh:
            # a Chinese report must be able to cite every Chinese authority in Chinese
            problems.append(
                Problem(
                    authority.location,
                    f"Chinese authority {authority.id!r} "
                    "has no citation_zh (its Chinese name or caption)",
                )
            )
    return problems


# ------------------------------------------------------------- satisfiability


def never_fires(condition: Condition, law: Law, derived: set[str]) -> str | None:
    """Why a condition can never be TRUE, or None if some answers make it TRUE.

    The condition is put in negation normal form and expanded into alternatives
    (disjunctive normal form); an alternative is possible if, question by
    question, some value satisfies all of its tests, and every finding it needs
    is concluded by some rule. Whether the questions can all be asked together
    (their ask_if) is not considered.
    """
    questions = law.all_questions()
    reasons = []
    for conjunct in _dnf(condition, True):
        reason = _conjunct_problem(conjunct, questions, derived)
        if reason is None:
            return None
        reasons.append(reason)
    return reasons[0] if reasons else "the condition is empty"


Literal = tuple[Leaf | FindingRef, bool]  # (test, must be TRUE?) -- False: must be FALSE


def _dnf(condition: Condition, want: bool) -> Iterator[list[Literal]]:
    if isinstance(condition, Leaf | FindingRef):
        yield [(condition, want)]
    elif isinstance(condition, Not):
        yield from _dnf(condition.part, not want)
    else:
        conjunctive = isinstance(condition, All) == want
        if conjunctive:
            for combination in itertools.product(*[list(_dnf(p, want)) for p in condition.parts]):
                yield [literal for group in combination for literal in group]
        else:
            for part in condition.parts:
                yield from _dnf(part, want)


def _conjunct_problem(conjunct: list[Literal], questions: dict, derived: set[str]) -> str | None:
    by_question: dict[str, list[tuple[Leaf, bool]]] = {}
    for test, want in conjunct:
        if isinstance(test, FindingRef):
            if want and test.finding not in derived:
                return f"it needs finding {test.finding!r}, which no rule concludes"
            continue
        by_question.setdefault(test.question, []).append((test, want))
    for question_id, tests in by_question.items():
        question = questions[question_id]
        if not any(
            all(
                _leaf_truth(test, value) is (Truth.TRUE if want else Truth.FALSE)
                for test, want in tests
            )
            for value in _candidates(question, [t for t, _ in tests])
        ):
            return f"no answer to {question_id!r} satisfies all its tests at once"
    return None


def _candidates(question: Question, tests: list[Leaf]) -> list:
    values: list = [NOT_APPLICABLE]
    if question.unknown_allowed:
        values.append(UNKNOWN)
    kind = question.type
    if kind is QuestionType.YES_NO:
        return [*values, True, False]
    if kind is QuestionType.SINGLE or question.id == ELEMENT_KIND_QUESTION:
        return [*values, *question.choice_ids()]
    if kind is QuestionType.MULTIPLE:
        named = sorted({t.value for t in tests if t.op == "includes"})
        subsets = [
            tuple(c for c, on in zip(named, flags, strict=True) if on)
            for flags in itertools.product([False, True], repeat=len(named))
        ]
        return [*values, *subsets]
    constants = [t.value for t in tests if t.op not in ("known", "unknown")]
    flat = [v for c in constants for v in (c if isinstance(c, tuple) else (c,))]
    if kind is QuestionType.NUMBER:
        numbers = {n + d for n in flat for d in (-1, -0.5, 0, 0.5, 1)} or {0.0}
        if question.minimum is not None:
            numbers = {n for n in numbers if n >= question.minimum} | {question.minimum}
        if question.maximum is not None:
            numbers = {n for n in numbers if n <= question.maximum} | {question.maximum}
        return [*values, *sorted(numbers)]
    if kind is QuestionType.DATE:
        days = {dt.date.fromisoformat(d).toordinal() + s for d in flat for s in (-1, 0, 1)}
        return [*values, *(dt.date.fromordinal(d).isoformat() for d in sorted(days)), "2000-01-01"]
    return [*values, *flat, "\x00other"]


# ------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class CoverageRow:
    ruleset: str
    rule: str
    fired_in: int
    silent_in: int


def coverage(law: Law, fired_per_test: list[dict[str, set[str]]]) -> list[CoverageRow]:
    """For each rule: in how many tests it fired, and in how many it did not."""
    rows = []
    for ruleset in law.rulesets.values():
        for rule in ruleset.rules:
            fired = sum(
                1 for run in fired_per_test if ruleset.id in run and rule.id in run[ruleset.id]
            )
            silent = sum(
                1 for run in fired_per_test if ruleset.id in run and rule.id not in run[ruleset.id]
            )
            rows.append(CoverageRow(ruleset.id, rule.id, fired, silent))
    return rows
