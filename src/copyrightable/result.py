"""The Result: the versioned JSON document every other part of the tool speaks.

Reports, the case library, batch runs and what-if analysis all consume this
dictionary, never the engine. It therefore carries everything a reader needs
in both languages (question texts, labels, rule statements, citations), the
versions and hashes of the rule sets and of the answers, and the date the law
is current to. Keys are emitted in a fixed order so that the same answers and
rules always serialise to the same bytes. The format is documented in
docs/result-schema.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from . import __version__
from .conditions import NOT_APPLICABLE, describe
from .errors import InputError
from .law import Law
from .model import UNKNOWN, Answers, Citation, Condition, QuestionType, Truth, Verdict
from .reasoning import ElementOutcome, Outcome, combine_verdicts, least_settled

RESULT_VERSION = 1

NOTICE = {
    "en": "Decision support, not legal advice. The analysis applies the rule sets named "
          "above to the answers given; it does not replace the judgment of a qualified "
          "lawyer in the jurisdiction concerned.",
    "zh": "本结果仅供决策参考，不构成法律意见。分析系将上列规则集适用于所给答案，"
          "不能替代相关法域执业律师的专业判断。",
}

_YES_NO = {True: {"en": "yes", "zh": "是"}, False: {"en": "no", "zh": "否"}}
_UNKNOWN = {"en": "unknown", "zh": "不详"}
_NOT_APPLICABLE = {"en": "not applicable", "zh": "不适用"}


def timestamp(fixed: str | None = None) -> str:
    """Now in UTC, unless fixed by the caller or by SOURCE_DATE_EPOCH (for reproducibility)."""
    if fixed:
        return fixed
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        # The reproducible-builds convention: a malformed value is an error, not ignored.
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            shown = epoch if len(epoch) <= 40 else epoch[:37] + "..."
            raise InputError(f"SOURCE_DATE_EPOCH is {shown!r}",
                             expected="a Unix time in seconds, such as 1767225600") from None
    else:
        moment = dt.datetime.now(tz=dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_result(law: Law, answers: Answers, outcomes: Iterable[Outcome],
                 generated_at: str, command: str | None = None,
                 words: Wording | None = None) -> dict[str, Any]:
    """Assemble the Result for one answers file evaluated under several rule sets."""
    outcomes = list(outcomes)
    words = words if words is not None and words.law is law else Wording(law)
    cited: dict[str, None] = {}
    jurisdictions = [_jurisdiction(outcome, words, cited) for outcome in outcomes]
    return {
        "result_version": RESULT_VERSION,
        "tool": {"name": "copyrightable", "version": __version__},
        "generated_at": generated_at,
        "command": command,
        "answers": {
            "source": answers.source,
            "sha256": answers.sha256,
            "meta": dict(answers.meta),
        },
        "work": {
            "title": answers.title,
            "elements": [{"id": e.id, "kind": e.kind,
                          "kind_label": law.vocabulary.label("element_kinds", e.kind).as_dict(),
                          "label": e.label} for e in answers.elements],
            "stated": _stated_work(law, answers, words),
        },
        "jurisdictions": jurisdictions,
        "authorities": [_authority(law, authority_id) for authority_id in cited],
        "notice": dict(NOTICE),
    }


def to_json(result: Mapping[str, Any]) -> str:
    """The canonical serialisation (stable key order, UTF-8, trailing newline)."""
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ pieces


class Wording:
    """Bilingual wording of questions, answers and conditions, cached per law.

    An Evaluator keeps one for all its evaluations: the words for a condition or
    a choice are the same every time, and composing them was most of the cost
    of a Result. Callers get fresh dicts, so no two Results share one.
    """

    _CACHED_TYPES = (QuestionType.YES_NO, QuestionType.SINGLE, QuestionType.MULTIPLE)

    def __init__(self, law: Law) -> None:
        self.law = law
        self.questions = law.all_questions()
        self._described: dict[tuple[int, str], str] = {}
        self._values: dict[tuple[str, Any], dict[str, str]] = {}  # finite domains only

    def question(self, question_id: str) -> dict[str, str]:
        return self.questions[question_id].text.as_dict()

    def value(self, question_id: str, value: Any) -> dict[str, str]:
        key = (question_id, value)
        cached = self._values.get(key) if isinstance(value, str | bool | tuple) else None
        if cached is not None:
            return dict(cached)
        words = self._value(question_id, value)
        if value in (UNKNOWN, NOT_APPLICABLE) or (
                isinstance(value, str | bool | tuple)
                and self.questions[question_id].type in self._CACHED_TYPES):
            self._values[key] = words
        return dict(words)

    def _value(self, question_id: str, value: Any) -> dict[str, str]:
        if value == UNKNOWN:
            return dict(_UNKNOWN)
        if value == NOT_APPLICABLE:
            return dict(_NOT_APPLICABLE)
        question = self.questions[question_id]
        if question.type is QuestionType.YES_NO:
            return dict(_YES_NO[bool(value)])
        if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            labels = {choice.id: choice.label for choice in question.choices}
            chosen = [value] if isinstance(value, str) else list(value)
            if not chosen:
                return {"en": "none", "zh": "无"}
            return {lang: "; ".join(labels[c].get(lang) if c in labels else c for c in chosen)
                    for lang in ("en", "zh")}
        if question.type is QuestionType.NUMBER:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            return {"en": shown, "zh": shown}
        return {"en": str(value), "zh": str(value)}

    def condition(self, leaf: Condition, ruleset_id: str) -> dict[str, str]:
        ruleset = self.law.rulesets[ruleset_id]
        texts = {}
        for lang in ("en", "zh"):
            key = (id(leaf), lang)
            if key not in self._described:
                self._described[key] = describe(
                    leaf,
                    lambda q, lang=lang: self.questions[q].text.get(lang).rstrip("?？"),
                    lambda q, v, lang=lang: self.value(q, v)[lang],
                    lambda f, lang=lang: ruleset.finding_label(f).get(lang),
                    lang)
            texts[lang] = self._described[key]
        return texts


def _citations(citations: Iterable[Citation], cited: dict[str, None]) -> list[dict[str, str]]:
    out = []
    for citation in citations:
        cited[citation.authority] = None
        out.append({"authority": citation.authority, "pinpoint": citation.pinpoint})
    return out


def _authority(law: Law, authority_id: str) -> dict[str, Any]:
    authority = law.authorities[authority_id]
    return {
        "id": authority.id,
        "citation": authority.citation,
        "short": authority.short,
        "kind": authority.kind,
        "weight": authority.weight,
        "jurisdiction": authority.jurisdiction,
        "date": authority.date.isoformat(),
        "url": authority.url,
        "verification": authority.verification,
        "note": authority.note.as_dict() if authority.note else None,
    }


def _stated_work(law: Law, answers: Answers, words: Wording) -> list[dict[str, Any]]:
    order = [q.id for q in law.questionnaire.questions]
    return [{"question": qid, "text": words.question(qid), "answer": _plain(answers.work[qid]),
             "answer_label": words.value(qid, answers.work[qid])}
            for qid in order if qid in answers.work]


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _fact_use(use: Any, words: Wording, ruleset: Any) -> dict[str, Any]:
    if use.is_finding:
        return {"finding": use.name, "text": ruleset.finding_label(use.name).as_dict(),
                "answer_label": _TRUTH_LABELS[use.value], "source": use.source}
    return {"question": use.name, "text": words.question(use.name),
            "answer": _plain(use.value), "answer_label": words.value(use.name, use.value),
            "source": use.source}


_TRUTH_LABELS = {
    Truth.TRUE: {"en": "established", "zh": "成立"},
    Truth.FALSE: {"en": "not established", "zh": "不成立"},
    Truth.UNKNOWN: {"en": "unknown", "zh": "不详"},
}


def _jurisdiction(outcome: Outcome, words: Wording, cited: dict[str, None]) -> dict[str, Any]:
    prepared = outcome.prepared
    ruleset = prepared.ruleset
    law = prepared.law
    elements = [_element(outcome, element, words, cited) for element in outcome.elements]
    verdicts = [element.verdict for element in outcome.elements]
    authors: list[str] = []
    for element in outcome.elements:
        protected = element.verdict in (Verdict.PROTECTABLE, Verdict.PARTIALLY_PROTECTABLE)
        if protected and element.author and element.author not in authors:
            authors.append(element.author)
    work_verdict = combine_verdicts(verdicts)
    return {
        "id": ruleset.id,
        "name": ruleset.name.as_dict(),
        "ruleset": {"version": ruleset.version, "law_as_of": ruleset.law_as_of.isoformat(),
                    "sha256": ruleset.sha256,
                    "source": f"rules/{ruleset.source.rsplit('/', 1)[-1]}"},
        "verdict": {
            "verdict": work_verdict.value,
            "verdict_label": _verdict_label(work_verdict),
            "settledness": least_settled([e.settledness for e in outcome.elements]),
            "authors": [{"id": a, "label": law.vocabulary.label("authors", a).as_dict()}
                        for a in authors],
            "elements": {e.element.id: e.verdict.value for e in outcome.elements},
        },
        "elements": elements,
    }


_VERDICT_LABELS = {
    Verdict.PROTECTABLE: {"en": "protectable", "zh": "可受保护"},
    Verdict.PARTIALLY_PROTECTABLE: {"en": "partially protectable", "zh": "部分可受保护"},
    Verdict.NOT_PROTECTABLE: {"en": "not protectable", "zh": "不受保护"},
    Verdict.UNDETERMINED: {"en": "undetermined", "zh": "无法确定"},
}


def _verdict_label(verdict: Verdict) -> dict[str, str]:
    return dict(_VERDICT_LABELS[verdict])


def _element(outcome: Outcome, element: ElementOutcome, words: Wording,
             cited: dict[str, None]) -> dict[str, Any]:
    prepared = outcome.prepared
    ruleset = prepared.ruleset
    law = prepared.law
    vocabulary = law.vocabulary
    questions = words.questions
    trace = []
    for rule in ruleset.rules:
        record = element.records[rule.id]
        then = rule.then
        decisive = rule.id in element.deciding
        entry: dict[str, Any] = {
            "rule": rule.id,
            "statement": rule.statement.as_dict(),
            "outcome": {Truth.TRUE: "fired", Truth.FALSE: "not_fired",
                        Truth.UNKNOWN: "unknown"}[record.truth],
            "decisive": decisive,
            "overridden": rule.id in element.overridden,
            "stratum": prepared.strata[rule.id],
            "conditions": [{
                "text": words.condition(part.condition, ruleset.id),
                "truth": part.truth.value,
                "facts": [_fact_use(use, words, ruleset) for use in part.facts],
            } for part in record.conditions],
            "concludes": {
                "findings": list(then.findings),
                "verdict": then.verdict.value if then.verdict else None,
                "author": then.author,
            },
            "settledness": rule.settledness,
            "effective": rule.effective.isoformat(),
            "overrides": list(rule.overrides),
            "cites": _citations(rule.cites, cited),
            "notes": rule.notes.as_dict() if rule.notes else None,
        }
        trace.append(entry)
    stated = []
    for question in law.questionnaire.questions:
        if question.id in element.element.answers:
            value = element.element.answers[question.id]
            stated.append({"question": question.id, "text": question.text.as_dict(),
                           "answer": _plain(value),
                           "answer_label": words.value(question.id, value)})
    assumed = []
    for question in law.questionnaire.questions:
        value = element.values.get(question.id)
        answered = (question.id in element.element.answers
                    or question.id in outcome.answers.work)
        if answered:
            continue
        why = "not_applicable" if value == NOT_APPLICABLE else "not_answered"
        assumed.append({"question": question.id, "text": question.text.as_dict(),
                        "why": why, "treated_as": words.value(question.id, value)})
    derived = []
    for finding in ruleset.findings:
        truth = element.findings.get(finding.id, Truth.FALSE)
        derived.append({"finding": finding.id, "label": finding.label.as_dict(),
                        "truth": truth.value,
                        "by": [r for r in prepared.derivers.get(finding.id, ())
                               if element.records[r].fired]})
    alternatives = [{
        "rule": rule_id,
        "verdict": alternative.verdict.value,
        "verdict_label": _verdict_label(alternative.verdict),
        "because": alternative.because.as_dict(),
        "cites": _citations(alternative.cites, cited),
    } for rule_id, alternative in element.alternatives]
    return {
        "id": element.element.id,
        "kind": element.element.kind,
        "label": element.element.label,
        "verdict": element.verdict.value,
        "verdict_label": _verdict_label(element.verdict),
        "settledness": element.settledness,
        "settledness_label": vocabulary.label_or_none("settledness", element.settledness),
        "author": element.author,
        "author_label": vocabulary.label_or_none("authors", element.author),
        "protects": [{"id": c, "label": vocabulary.label("contributions", c).as_dict()}
                     for c in element.protects],
        "excludes": [{"id": m, "label": vocabulary.label("material", m).as_dict()}
                     for m in element.excludes],
        "deciding_rules": list(element.deciding),
        "overridden_rules": list(element.overridden),
        "alternatives": alternatives,
        "undetermined_by": [{"question": q, "text": questions[q].text.as_dict()}
                            for q in element.undetermined_by],
        "recommendations": [{"id": r, "text": ruleset.recommendation(r).text.as_dict()}
                            for r in element.recommendations],
        "stated": stated,
        "assumed": assumed,
        "derived": derived,
        "trace": trace,
    }


def answer_words(law: Law) -> Wording:
    """The wording of questions and answers, for other parts that describe answers (what-if)."""
    return Wording(law)


def verdict_label(verdict: Verdict) -> dict[str, str]:
    """The bilingual label of a verdict, the same one the Result uses."""
    return _verdict_label(verdict)
