"""A rule set as a document a student can read: statements, conditions in words, authorities.

The rules are grouped by doctrine, so that a reader sees the questions the law
asks (is there a human author, does prompting count, who is the author) before
the rules that answer them. The grouping is data: rules/vocabulary.yaml names
each doctrine and the id segments under it (`us.prompts.simple_instruction` is
under the doctrine holding `prompts`), so rule sets need no extra key.
"""

from __future__ import annotations

from typing import Any

from ..law.loading import Law
from ..law.model import Condition, PresumptionKind, PresumptionRule, Question, QuestionType, RuleSet


def rulebook(law: Law, ruleset_id: str) -> dict[str, Any]:
    ruleset = law.ruleset(ruleset_id)
    vocabulary = law.vocabulary
    rules: list[dict[str, Any]] = []
    for rule in ruleset.rules:
        then = rule.then
        rules.append(
            {
                "id": rule.id,
                "statement": rule.statement.as_dict(),
                "when": {
                    lang: condition_words(law, ruleset, rule.when, lang) for lang in ("en", "zh")
                },
                "findings": [ruleset.finding_label(f).as_dict() for f in then.findings],
                "verdict": then.verdict.value if then.verdict else None,
                "author": vocabulary.label("authors", then.author).as_dict()
                if then.author
                else None,
                "protects": [vocabulary.label("contributions", c).as_dict() for c in then.protects],
                "excludes": [vocabulary.label("material", c).as_dict() for c in then.excludes],
                "alternative": (
                    {
                        "verdict": then.alternative.verdict.value,
                        "because": then.alternative.because.as_dict(),
                        "cites": [_cite(law, c) for c in then.alternative.cites],
                    }
                    if then.alternative
                    else None
                ),
                "case_by_case": then.case_by_case,
                "overrides": list(rule.overrides),
                "settledness": vocabulary.label("settledness", rule.settledness).as_dict(),
                "effective": rule.effective.isoformat(),
                "cites": [_cite(law, c) for c in rule.cites],
                "notes": rule.notes.as_dict() if rule.notes else None,
                "location": str(rule.location) if rule.location else None,
            }
        )
    presumptions = _presumptions(law, ruleset)
    return {
        "id": ruleset.id,
        "name": ruleset.name.as_dict(),
        "version": ruleset.version,
        "law_as_of": ruleset.law_as_of.isoformat(),
        "sha256": ruleset.sha256,
        "presumptions": presumptions,
        "rules": rules,
        "doctrines": doctrine_groups(law, [r["id"] for r in rules]),
        "authorities": _authorities(law, rules, presumptions),
    }


OTHER = "other"  # the heading of rules whose id segment no doctrine names


def doctrine_of(rule_id: str) -> str:
    """The id segment that places a rule: `us.prompts.simple_instruction` -> `prompts`."""
    parts = rule_id.split(".")
    return parts[1] if len(parts) >= 3 else ""


def doctrine_groups(law: Law, rule_ids: list[str]) -> list[dict[str, Any]]:
    """The doctrines that hold rules, in the vocabulary's order, each with its rules in
    the rule set's order; rules no doctrine names come last, under `other`."""
    by_segment = {
        segment: doctrine for doctrine in law.vocabulary.doctrines for segment in doctrine.segments
    }
    members: dict[str, list[str]] = {}
    for rule_id in rule_ids:
        doctrine = by_segment.get(doctrine_of(rule_id))
        members.setdefault(doctrine.id if doctrine else OTHER, []).append(rule_id)
    groups: list[dict[str, Any]] = [
        {"id": d.id, "label": d.label.as_dict(), "about": d.about.as_dict(), "rules": members[d.id]}
        for d in law.vocabulary.doctrines
        if d.id in members
    ]
    if OTHER in members:
        groups.append({"id": OTHER, "label": None, "about": None, "rules": members[OTHER]})
    return groups


def _authorities(
    law: Law, rules: list[dict[str, Any]], presumptions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each authority the rules and presumptions cite, once, in order of first citation:
    the rules give the short form and the pinpoint, this list the full citation."""
    seen: dict[str, dict[str, Any]] = {}
    groups = [
        *([*r["cites"], *(r["alternative"]["cites"] if r["alternative"] else [])] for r in rules),
        *(
            [*p["cites"], *(p["exception"]["cites"] if p["exception"] else [])]
            for p in presumptions
        ),
    ]
    for cites in groups:
        for cite in cites:
            seen.setdefault(
                cite["authority"],
                {
                    "short": cite["short"],
                    "citation": cite["citation"],
                    "verification": cite["verification"],
                },
            )
    return list(seen.values())


def _presumptions(law: Law, ruleset: RuleSet) -> list[dict[str, Any]]:
    """What an unknown answer means on the record, question by question, in words."""
    questions = law.all_questions()

    def reading(rule: PresumptionRule, question_id: str) -> dict[str, Any]:
        return {
            "kind": rule.kind.value,
            "takes": (
                {
                    lang: _value_words(questions[question_id], rule.takes, lang)
                    for lang in ("en", "zh")
                }
                if rule.kind is not PresumptionKind.NONE
                else None
            ),
            "why": rule.why.as_dict(),
            "cites": [_cite(law, c) for c in rule.cites],
        }

    return [
        {
            "question": p.question,
            "text": questions[p.question].text.as_dict(),
            **reading(p.rule, p.question),
            "exception": (
                {
                    "when": {
                        lang: condition_words(law, ruleset, p.exception_when, lang)
                        for lang in ("en", "zh")
                    },
                    **reading(p.exception, p.question),
                }
                if p.exception is not None and p.exception_when is not None
                else None
            ),
        }
        for p in ruleset.presumptions
    ]


def _cite(law: Law, citation: Any) -> dict[str, str]:
    authority = law.authorities[citation.authority]
    return {
        "authority": citation.authority,
        "citation": authority.citation,
        "short": authority.short,
        "short_zh": authority.short_zh,  # a Chinese reader sees 《著作权法》第三条
        "pinpoint": citation.pinpoint,
        "pinpoint_zh": citation.pinpoint_zh,
        "verification": authority.verification,
    }


def condition_words(law: Law, ruleset: RuleSet, condition: Condition, lang: str) -> str:
    """The condition as sentences speak (reasoning_prose.condition_words): clauses, never
    `not [ ]`."""
    from . import reasoning_prose

    questions = law.all_questions()

    class _Labels:
        @staticmethod
        def question(question_id: str) -> Question:
            return questions[question_id]

        @staticmethod
        def finding(finding_id: str) -> str:
            return str(ruleset.finding_label(finding_id).get(lang))

        @staticmethod
        def value(question_id: str, value: Any) -> str:
            return _value_words(questions[question_id], value, lang)

    return reasoning_prose.condition_words(condition, _Labels, lang)


def _value_words(question: Question, value: Any, lang: str) -> str:
    if question.type is QuestionType.YES_NO:
        return {True: {"en": "yes", "zh": "是"}, False: {"en": "no", "zh": "否"}}[value][lang]
    labels = {c.id: c.label.get(lang) for c in question.choices}
    if isinstance(value, str) and value in labels:
        return labels[value]
    if isinstance(value, tuple):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)
