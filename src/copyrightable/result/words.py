"""The words of a Result, stated once: rules, conditions, questions, labels, authorities.

Every element's explanation repeats the same rule statements, condition texts,
citations, notes, question texts and labels. A Result (version 3) therefore
keeps them in one table, `words`, keyed by id, and its elements refer to them.
The table depends on the law and the rule sets as applied on their day, never
on the answers, so an Evaluator builds it once; a batch run writes it once, in
its header record (docs/batch.md). `result_join.joined` puts the words back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..law.conditions import leaves, top_parts
from ..law.loading import Law
from ..law.model import All, Any_, Citation, FindingRef, QuestionType, Rule
from ..reasoning.ruleset_evaluation import PreparedRuleSet
from .wording import Wording

_LABEL_GROUPS = ("element_kinds", "authors", "contributions", "material", "settledness")


def cites(citations: Iterable[Citation]) -> list[dict[str, str]]:
    """Each cite as the Result states it; `pinpoint_zh` only where the rule gives one,
    so a Result citing no Chinese, Japanese or Korean authority is as before."""
    return [
        {"authority": c.authority, "pinpoint": c.pinpoint}
        | ({"pinpoint_zh": c.pinpoint_zh} if c.pinpoint_zh else {})
        for c in citations
    ]


def part_reads(part: Any) -> list[dict[str, str]]:
    """The inputs a part reads, each once, in written order: questions and findings."""
    reads: list[dict[str, str]] = []
    names: set[str] = set()
    for leaf in leaves(part):
        name = leaf.finding if isinstance(leaf, FindingRef) else leaf.question
        if name in names:
            continue
        names.add(name)
        reads.append({"finding": name} if isinstance(leaf, FindingRef) else {"question": name})
    return reads


def ruleset_words(prepared: PreparedRuleSet, words: Wording) -> dict[str, Any]:
    """One rule set's words: its rules (in file order), findings, recommendations,
    presumptions, and the day whose law was applied."""
    ruleset = prepared.ruleset
    applied = prepared.law_date
    return {
        "name": ruleset.name.as_dict(),
        "ruleset": {
            "version": ruleset.version,
            "law_as_of": ruleset.law_as_of.isoformat(),
            "sha256": ruleset.sha256,
            "source": f"rules/{ruleset.source.rsplit('/', 1)[-1]}",
        },
        "law_applied": {
            "date": applied.day.isoformat(),
            "why": applied.why,
            "requested": applied.requested.isoformat() if applied.requested else None,
            "explanation": applied.explanation(ruleset.law_as_of).as_dict(),
            "not_in_force": list(applied.not_in_force),
        },
        "rules": [_rule(prepared, rule, words) for rule in ruleset.rules],
        "findings": {f.id: f.label.as_dict() for f in ruleset.findings},
        "recommendations": {r.id: r.text.as_dict() for r in ruleset.recommendations},
        "presumptions": {p.question: _presumption(p) for p in ruleset.presumptions},
    }


def _rule(prepared: PreparedRuleSet, rule: Rule, words: Wording) -> dict[str, Any]:
    then = rule.then
    alternative = then.alternative
    return {
        "id": rule.id,
        "statement": rule.statement.as_dict(),
        "stratum": prepared.strata[rule.id],
        "combine": "all"
        if isinstance(rule.when, All)
        else "any"
        if isinstance(rule.when, Any_)
        else "one",
        "conditions": [
            {"text": dict(words.condition(part, prepared.ruleset.id)), "reads": part_reads(part)}
            for part in top_parts(rule.when)
        ],
        "concludes": {
            "findings": list(then.findings),
            "verdict": then.verdict.value if then.verdict else None,
            "author": then.author,
        },
        "settledness": rule.settledness,
        "effective": rule.effective.isoformat(),
        "overrides": list(rule.overrides),
        "cites": cites(rule.cites),
        "notes": rule.notes.as_dict() if rule.notes else None,
        "alternative": None
        if alternative is None
        else {
            "verdict": alternative.verdict.value,
            "because": alternative.because.as_dict(),
            "cites": cites(alternative.cites),
        },
    }


def _presumption(presumption: Any) -> dict[str, Any]:
    def reading(rule: Any) -> dict[str, Any]:
        return {"kind": rule.kind.value, "why": rule.why.as_dict(), "cites": cites(rule.cites)}

    entry = {"rule": reading(presumption.rule)}
    if presumption.exception is not None:
        entry["exception"] = reading(presumption.exception)
    return entry


def question_words(law: Law) -> dict[str, Any]:
    """Every question's text, and for a question with choices its choices' labels."""
    out: dict[str, Any] = {}
    for question_id, question in law.all_questions().items():
        entry: dict[str, Any] = {"text": question.text.as_dict(), "type": question.type.value}
        if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            entry["choices"] = {c.id: c.label.as_dict() for c in question.choices}
        out[question_id] = entry
    return out


def build_words(law: Law, prepared: Sequence[PreparedRuleSet], notice: dict[str, str]) -> dict:
    """The `words` table of every Result an Evaluator returns, with its hash."""
    words = Wording(law)
    cited = {
        c.authority: None
        for p in prepared
        for c in _every_citation(p)
        if c.authority in law.authorities
    }
    table: dict[str, Any] = {
        "rulesets": {p.ruleset.id: ruleset_words(p, words) for p in prepared},
        "questions": question_words(law),
        "labels": {
            group: {item.id: item.label.as_dict() for item in getattr(law.vocabulary, group)}
            for group in _LABEL_GROUPS
        },
        "authorities": {a: dict(words.authority(a)) for a in cited},
        "notice": dict(notice),
    }
    authorities = table["authorities"]
    for key, entry in authorities.items():
        if entry.get("note") is not None:
            authorities[key] = {**entry, "note": dict(entry["note"])}
    return table


def words_sha256(words: dict[str, Any]) -> str:
    """The hash a batch line names its header's words by (canonical JSON, UTF-8)."""
    text = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _every_citation(prepared: PreparedRuleSet) -> Iterable[Citation]:
    for rule in prepared.ruleset.rules:
        yield from rule.cites
        if rule.then.alternative is not None:
            yield from rule.then.alternative.cites
    for presumption in prepared.ruleset.presumptions:
        yield from presumption.rule.cites
        if presumption.exception is not None:
            yield from presumption.exception.cites
