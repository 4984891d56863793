"""A rule set as a document a student can read: statements, conditions in words, authorities."""

from __future__ import annotations

from typing import Any

from .conditions import describe
from .law import Law
from .model import Condition, PresumptionKind, PresumptionRule, Question, QuestionType, RuleSet


def rulebook(law: Law, ruleset_id: str) -> dict[str, Any]:
    ruleset = law.ruleset(ruleset_id)
    vocabulary = law.vocabulary
    rules = []
    for rule in ruleset.rules:
        then = rule.then
        rules.append({
            "id": rule.id,
            "statement": rule.statement.as_dict(),
            "when": {lang: condition_words(law, ruleset, rule.when, lang) for lang in ("en", "zh")},
            "findings": [ruleset.finding_label(f).as_dict() for f in then.findings],
            "verdict": then.verdict.value if then.verdict else None,
            "author": vocabulary.label("authors", then.author).as_dict() if then.author else None,
            "protects": [vocabulary.label("contributions", c).as_dict() for c in then.protects],
            "excludes": [vocabulary.label("material", c).as_dict() for c in then.excludes],
            "alternative": ({"verdict": then.alternative.verdict.value,
                             "because": then.alternative.because.as_dict(),
                             "cites": [_cite(law, c) for c in then.alternative.cites]}
                            if then.alternative else None),
            "case_by_case": then.case_by_case,
            "overrides": list(rule.overrides),
            "settledness": vocabulary.label("settledness", rule.settledness).as_dict(),
            "effective": rule.effective.isoformat(),
            "cites": [_cite(law, c) for c in rule.cites],
            "notes": rule.notes.as_dict() if rule.notes else None,
            "location": str(rule.location) if rule.location else None,
        })
    return {"id": ruleset.id, "name": ruleset.name.as_dict(), "version": ruleset.version,
            "law_as_of": ruleset.law_as_of.isoformat(), "sha256": ruleset.sha256,
            "presumptions": _presumptions(law, ruleset), "rules": rules}


def _presumptions(law: Law, ruleset: RuleSet) -> list[dict[str, Any]]:
    """What an unknown answer means on the record, question by question, in words."""
    questions = law.all_questions()

    def reading(rule: PresumptionRule, question_id: str) -> dict[str, Any]:
        return {"kind": rule.kind.value,
                "takes": ({lang: _value_words(questions[question_id], rule.takes, lang)
                           for lang in ("en", "zh")} if rule.kind is not PresumptionKind.NONE
                          else None),
                "why": rule.why.as_dict(),
                "cites": [_cite(law, c) for c in rule.cites]}

    return [{
        "question": p.question,
        "text": questions[p.question].text.as_dict(),
        **reading(p.rule, p.question),
        "exception": ({"when": {lang: condition_words(law, ruleset, p.exception_when, lang)
                                for lang in ("en", "zh")},
                       **reading(p.exception, p.question)}
                      if p.exception is not None and p.exception_when is not None else None),
    } for p in ruleset.presumptions]


def _cite(law: Law, citation: Any) -> dict[str, str]:
    authority = law.authorities[citation.authority]
    return {"citation": authority.citation, "short": authority.short,
            "pinpoint": citation.pinpoint, "verification": authority.verification}


def condition_words(law: Law, ruleset: RuleSet, condition: Condition, lang: str) -> str:
    questions = law.all_questions()

    def say_value(question_id: str, value: Any) -> str:
        return _value_words(questions[question_id], value, lang)

    return describe(condition, lambda q: questions[q].text.get(lang).rstrip("?？"), say_value,
                    lambda f: ruleset.finding_label(f).get(lang), lang)


def _value_words(question: Question, value: Any, lang: str) -> str:
    if question.type is QuestionType.YES_NO:
        return {True: {"en": "yes", "zh": "是"}, False: {"en": "no", "zh": "否"}}[value][lang]
    labels = {c.id: c.label.get(lang) for c in question.choices}
    if isinstance(value, str) and value in labels:
        return labels[value]
    if isinstance(value, tuple):
        return ", ".join(labels.get(v, v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)
