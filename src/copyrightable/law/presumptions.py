"""Presumptions: what an unknown answer means for an opinion on the record.

Real records are incomplete, and the law decides on them all the same: the
claimant must show its human contribution, what it does not show is not
presumed, and the facts it states are taken as provable unless it says the
proof is missing. Which of these applies to which fact is each forum's law,
so every rule set carries its own `presumptions:` block (docs/rule-language.md,
"Presumptions"), one entry per question its rules read:

- `not_shown`: an unknown answer is taken as the value that adds nothing
  (no modifications, no perceptible input work); the claimant has not shown it;
- `provable`: an unknown answer about proof is taken as "it can be proved":
  the verdict is the verdict if the stated process can be proved, and proof
  becomes the first recommendation;
- `evidence_missing` (only as an `except:`): the user said the evidence is
  missing, so proof by other means is not assumed either;
- `none`: nothing is presumed; the answer stays unknown, and so may the verdict.

This module only loads the block; on_the_record.py applies it above the reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..io.errors import InputError, Location, RuleSetError, did_you_mean
from ..io.yaml_files import LocatedDict
from . import yaml_values
from .citations import parse_citations
from .conditions import normalise_answer, parse_condition, questions_in
from .model import (
    UNKNOWN,
    Authority,
    Citation,
    Presumption,
    PresumptionKind,
    PresumptionRule,
    Question,
    Rule,
)

_KEYS_REQUIRED = ("question", "kind", "why", "cites")
_KEYS_OPTIONAL = ("takes", "recommend", "except")
_EXCEPT_REQUIRED = ("when", "kind", "takes", "why", "cites")
_EXCEPT_OPTIONAL = ("recommend",)
_TOP_KINDS = (PresumptionKind.NOT_SHOWN, PresumptionKind.PROVABLE, PresumptionKind.NONE)
_EXCEPT_KINDS = (PresumptionKind.EVIDENCE_MISSING, PresumptionKind.NOT_SHOWN)


def load_presumptions(
    top: LocatedDict,
    rules: Iterable[Rule],
    questions: Mapping[str, Question],
    authorities: Mapping[str, Authority],
    recommendations: set[str],
) -> tuple[Presumption, ...]:
    """The `presumptions:` block of a rule set file, checked strictly.

    Each entry names a question the rule set reads (a presumption about a
    question no rule reads would mislead a reader about what the verdict rests
    on), once; a value taken must be a valid answer to that question, and never
    "unknown".
    """
    if "presumptions" not in top:
        return ()
    read: set[str] = set()
    for read_by in rules:
        read |= questions_in(read_by.when)
    entries = yaml_values.sequence(top["presumptions"], "'presumptions'", top.where("presumptions"))
    found: list[Presumption] = []
    seen: dict[str, Location] = {}
    for index, entry in enumerate(entries):
        at = entries.where(index)
        body = yaml_values.mapping(
            entry, "presumption", at, required=_KEYS_REQUIRED, optional=_KEYS_OPTIONAL
        )
        name = body["question"]
        if not isinstance(name, str) or name not in questions:
            raise RuleSetError(
                f"presumption for unknown question {name!r}{did_you_mean(str(name), questions)}",
                body.where("question"),
                "a question id of rules/questionnaire.yaml",
            )
        if name not in read:
            raise RuleSetError(
                f"presumption for question {name!r}, which no rule of this rule set reads",
                body.where("question"),
                "a question the rules' `when` conditions test",
            )
        if name in seen:
            raise RuleSetError(
                f"a second presumption for question {name!r} (the first is at {seen[name]})",
                body.where("question"),
                "one entry per question; an exception goes under `except:`",
            )
        seen[name] = at
        question = questions[name]
        rule = _rule(body, question, authorities, recommendations, _TOP_KINDS)
        exception_when = exception = None
        if "except" in body:
            if rule.kind is PresumptionKind.NONE:
                raise RuleSetError(
                    "an `except:` beside kind 'none'",
                    body.where("except"),
                    "an exception to a presumption that takes a value",
                )
            inner = yaml_values.mapping(
                body["except"],
                "'except'",
                body.where("except"),
                required=_EXCEPT_REQUIRED,
                optional=_EXCEPT_OPTIONAL,
            )
            exception_when = parse_condition(inner["when"], inner.where("when"), questions, set())
            exception = _rule(inner, question, authorities, recommendations, _EXCEPT_KINDS)
        found.append(Presumption(name, rule, exception_when, exception, at))
    return tuple(found)


def _rule(
    body: LocatedDict,
    question: Question,
    authorities: Mapping[str, Authority],
    recommendations: set[str],
    kinds: tuple[PresumptionKind, ...],
) -> PresumptionRule:
    kind = PresumptionKind(
        yaml_values.one_of(body["kind"], "kind", body.where("kind"), [k.value for k in kinds])
    )
    takes = None
    if kind is PresumptionKind.NONE:
        if "takes" in body:
            raise RuleSetError(
                "kind 'none' takes no value",
                body.where("takes"),
                "no `takes:` (the answer stays unknown)",
            )
    else:
        if "takes" not in body:
            raise RuleSetError(
                f"a {kind.value!r} presumption lacks 'takes'",
                body.where("kind"),
                f"takes: the value an unknown {question.id!r} is taken as",
            )
        raw = body["takes"]
        if raw == UNKNOWN:
            raise RuleSetError(
                "a presumption cannot take 'unknown'",
                body.where("takes"),
                "a real answer to the question",
            )
        try:
            takes = normalise_answer(question, raw, body.where("takes"))
        except InputError as problem:
            raise RuleSetError(problem.message, body.where("takes"), problem.expected) from None
    recommend: tuple[str, ...] = ()
    if "recommend" in body:
        items = yaml_values.sequence(
            body["recommend"], "'recommend'", body.where("recommend"), allow_empty=False
        )
        for i, item in enumerate(items):
            if item not in recommendations:
                raise RuleSetError(
                    f"unknown recommendation {item!r}{did_you_mean(str(item), recommendations)}",
                    items.where(i),
                    "a recommendation of this rule set",
                )
        recommend = tuple(items)
    cites: tuple[Citation, ...] = parse_citations(body["cites"], body.where("cites"), authorities)
    return PresumptionRule(
        kind, takes, yaml_values.bilingual(body["why"], "why", body.where("why")), cites, recommend
    )


def presumption_for(presumptions: Iterable[Presumption], question_id: str) -> Presumption | None:
    for presumption in presumptions:
        if presumption.question == question_id:
            return presumption
    return None


def must_ask(law: Any, ruleset_ids: Iterable[str], question_id: str) -> bool:
    """Whether an unknown answer to this question is left unknown by some selected rule set.

    The interview calls it: a question whose unknown no presumption resolves
    can leave an element undetermined on the record, so it must be asked and
    never skipped. A question a rule set reads without any presumption entry
    counts as kind 'none'.
    """
    for ruleset_id in ruleset_ids:
        ruleset = law.rulesets[ruleset_id]
        read: set[str] = set()
        for rule in ruleset.rules:
            read |= questions_in(rule.when)
        if question_id not in read:
            continue
        presumption = presumption_for(ruleset.presumptions, question_id)
        if presumption is None or presumption.rule.kind is PresumptionKind.NONE:
            return True
    return False
