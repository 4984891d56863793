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
from .decision import combine_verdicts, settledness_of
from .errors import InputError
from .frozen import FrozenDict, FrozenList, freeze
from .law import Law
from .model import Answers, Citation, PresumptionKind, Verdict
from .reasoning import ElementOutcome, Outcome, PreparedRuleSet
from .record import Assumption, RecordRun, Strict, otherwise, strict_reading
from .trace import Tracer
from .wording import Wording

RESULT_VERSION = 2  # 2: verdicts on the record, with assumptions and the strict verdict

NOTICE = {
    "en": "Decision support, not legal advice. The analysis applies the rule sets named "
    "above to the answers given; it does not replace the judgment of a qualified "
    "lawyer in the jurisdiction concerned.",
    "zh": "本结果仅供决策参考，不构成法律意见。分析系将上列规则集适用于所给答案，"
    "不能替代相关法域执业律师的专业判断。",
}


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
            raise InputError(
                f"SOURCE_DATE_EPOCH is {shown!r}",
                expected="a Unix time in seconds, such as 1767225600",
            ) from None
    else:
        moment = dt.datetime.now(tz=dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


class OnTheRecord:
    """What the outcomes were evaluated on: the presumptions taken per rule set
    (record.py) and the strict values, for the strict verdicts beside them."""

    def __init__(
        self, runs: Mapping[str, RecordRun], strict_values: Mapping[str, Mapping[str, Any]]
    ) -> None:
        self.runs = runs
        self.strict_values = strict_values

    def assumptions(self, ruleset_id: str, element_id: str) -> tuple[Assumption, ...]:
        run = self.runs.get(ruleset_id)
        if run is None:
            return ()
        return run.elements[element_id].assumptions

    def strict(self, prepared: PreparedRuleSet, element_id: str) -> Strict | None:
        """None where nothing was presumed: the strict verdict is the verdict itself."""
        if not self.assumptions(prepared.ruleset.id, element_id):
            return None
        return strict_reading(prepared, self.strict_values[element_id], element_id)


def build_result(
    law: Law,
    answers: Answers,
    outcomes: Iterable[Outcome],
    generated_at: str,
    command: str | None = None,
    tracer: Tracer | None = None,
    record: OnTheRecord | None = None,
) -> dict[str, Any]:
    """Assemble the Result for one answers file evaluated under several rule sets.

    Pass the same Tracer for every evaluation under one law: it remembers
    wording and trace entries, which the Results then share (read-only).
    `record` says which presumptions the outcomes were evaluated on.
    """
    outcomes = list(outcomes)
    tracer = tracer if tracer is not None and tracer.law is law else Tracer(law)
    words = tracer.words
    cited: dict[str, None] = {}
    shared = _SharedByJurisdictions(law, answers, words)
    record = record if record is not None else OnTheRecord({}, {})
    jurisdictions = [_jurisdiction(outcome, tracer, shared, cited, record) for outcome in outcomes]
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
            "elements": [
                {
                    "id": e.id,
                    "kind": e.kind,
                    "kind_label": words.label("element_kinds", e.kind),
                    "label": e.label,
                }
                for e in answers.elements
            ],
            "stated": words.stated_list(answers.work),
        },
        "jurisdictions": jurisdictions,
        "authorities": [words.authority(authority_id) for authority_id in cited],
        "notice": dict(NOTICE),
    }


def to_json(result: Mapping[str, Any]) -> str:
    """The canonical serialisation (stable key order, UTF-8, trailing newline)."""
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ pieces


def _citations(citations: Iterable[Citation], cited: dict[str, None]) -> list[dict[str, str]]:
    out = []
    for citation in citations:
        cited[citation.authority] = None
        out.append({"authority": citation.authority, "pinpoint": citation.pinpoint})
    return out


class _SharedByJurisdictions:
    """What an element states and assumes: the same under every rule set, built once."""

    def __init__(self, law: Law, answers: Answers, words: Wording) -> None:
        self.law = law
        self.answers = answers
        self.words = words
        self._stated: dict[str, FrozenList] = {}
        self._assumed: dict[str, FrozenList] = {}

    def stated(self, element: ElementOutcome) -> FrozenList:
        found = self._stated.get(element.element.id)
        if found is None:
            found = self._stated[element.element.id] = self.words.stated_list(
                element.element.answers
            )
        return found

    def assumed(self, element: ElementOutcome) -> FrozenList:
        found = self._assumed.get(element.element.id)
        if found is None:
            found = self._assumed[element.element.id] = self.words.assumed_list(
                element.values, element.element.answers, self.answers.work
            )
        return found


def _jurisdiction(
    outcome: Outcome,
    tracer: Tracer,
    shared: _SharedByJurisdictions,
    cited: dict[str, None],
    record: OnTheRecord,
) -> dict[str, Any]:
    prepared = outcome.prepared
    ruleset = prepared.ruleset
    words = tracer.words
    elements = [
        _element(outcome, element, tracer, shared, cited, record) for element in outcome.elements
    ]
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
        "ruleset": {
            "version": ruleset.version,
            "law_as_of": ruleset.law_as_of.isoformat(),
            "sha256": ruleset.sha256,
            "source": f"rules/{ruleset.source.rsplit('/', 1)[-1]}",
        },
        "law_applied": _law_applied(prepared),
        "verdict": {
            "verdict": work_verdict.value,
            "verdict_label": _verdict_label(work_verdict),
            "settledness": settledness_of(
                work_verdict, [(e.verdict, e.settledness) for e in outcome.elements]
            ),
            "authors": [{"id": a, "label": words.label("authors", a)} for a in authors],
            "elements": {e.element.id: e.verdict.value for e in outcome.elements},
            "strict_verdict": combine_verdicts(
                [Verdict(e["strict"]["verdict"]) for e in elements]
            ).value,
            "on_the_record": any(e["assumptions"] for e in elements),
        },
        "elements": elements,
    }


def _law_applied(prepared: Any) -> dict[str, Any]:
    """The day whose law was applied, why that day, and the rules not in force on it."""
    applied = prepared.law_date
    return {
        "date": applied.day.isoformat(),
        "why": applied.why,
        "requested": applied.requested.isoformat() if applied.requested else None,
        "explanation": applied.explanation(prepared.ruleset.law_as_of).as_dict(),
        "not_in_force": list(applied.not_in_force),
    }


_VERDICT_LABELS = {
    Verdict.PROTECTABLE: {"en": "protectable", "zh": "可受保护"},
    Verdict.PARTIALLY_PROTECTABLE: {"en": "partially protectable", "zh": "部分可受保护"},
    Verdict.NOT_PROTECTABLE: {"en": "not protectable", "zh": "不受保护"},
    Verdict.UNDETERMINED: {"en": "undetermined", "zh": "无法确定"},
}


def _verdict_label(verdict: Verdict) -> dict[str, str]:
    return dict(_VERDICT_LABELS[verdict])


def _element(
    outcome: Outcome,
    element: ElementOutcome,
    tracer: Tracer,
    shared: _SharedByJurisdictions,
    cited: dict[str, None],
    record: OnTheRecord,
) -> dict[str, Any]:
    prepared = outcome.prepared
    ruleset = prepared.ruleset
    words = tracer.words
    trace = tracer.trace(prepared, element)
    assumptions = record.assumptions(ruleset.id, element.element.id)
    strict = record.strict(prepared, element.element.id)
    recommendations = list(element.recommendations)
    if assumptions:
        trace = _presumed_in_trace(trace, {a.question for a in assumptions})
        first = [r for a in assumptions for r in a.rule.recommend]
        later = list(strict.decision.recommendations) if strict else []
        recommendations = list(dict.fromkeys([*first, *recommendations, *later]))
    for authority in tracer.cited_by_rules(prepared):
        cited[authority] = None
    alternatives = [
        {
            "rule": rule_id,
            "verdict": alternative.verdict.value,
            "verdict_label": _verdict_label(alternative.verdict),
            "because": alternative.because.as_dict(),
            "cites": _citations(alternative.cites, cited),
        }
        for rule_id, alternative in element.alternatives
    ]
    return {
        "id": element.element.id,
        "kind": element.element.kind,
        "label": element.element.label,
        "verdict": element.verdict.value,
        "verdict_label": _verdict_label(element.verdict),
        "settledness": element.settledness,
        "settledness_label": words.label_or_none("settledness", element.settledness),
        "author": element.author,
        "author_label": words.label_or_none("authors", element.author),
        "protects": [{"id": c, "label": words.label("contributions", c)} for c in element.protects],
        "excludes": [{"id": m, "label": words.label("material", m)} for m in element.excludes],
        "deciding_rules": list(element.deciding),
        "overridden_rules": list(element.overridden),
        "held_open_rules": list(element.held_open),
        "alternatives": alternatives,
        "undetermined_by": [
            {"question": q, "text": words.question(q)} for q in element.undetermined_by
        ],
        "recommendations": [words.recommendation(ruleset.id, r) for r in recommendations],
        "case_by_case": _case_by_case(prepared, element.deciding),
        "assumptions": [
            _assumption(prepared, outcome.answers, element, a, words, cited) for a in assumptions
        ],
        "strict": _strict(element, strict, words),
        "stated": shared.stated(element),
        "assumed": shared.assumed(element),
        "derived": tracer.derived(prepared, element),
        "trace": trace,
    }


_KIND_LABELS = {
    PresumptionKind.NOT_SHOWN: {"en": "not shown, so not assumed", "zh": "未经证明，不予推定"},
    PresumptionKind.PROVABLE: {"en": "taken as provable", "zh": "推定可以证明"},
    PresumptionKind.EVIDENCE_MISSING: {
        "en": "evidence said to be missing: not assumed",
        "zh": "已说明缺乏证据：不予推定",
    },
    PresumptionKind.NONE: {"en": "no presumption", "zh": "不作推定"},
}


def _assumption(
    prepared: PreparedRuleSet,
    answers: Answers,
    element: ElementOutcome,
    assumption: Assumption,
    words: Wording,
    cited: dict[str, None],
) -> dict[str, Any]:
    """One assumption the verdict rests on: the fact, the value taken, why, and what if not."""
    question = assumption.question
    other = otherwise(prepared, answers, element.element.id, assumption)
    rule = assumption.rule
    return {
        "question": question,
        "scope": assumption.scope.value,
        "text": words.question(question),
        "kind": rule.kind.value,
        "kind_label": dict(_KIND_LABELS[rule.kind]),
        "value": list(assumption.value)
        if isinstance(assumption.value, tuple)
        else assumption.value,
        "value_label": words.value(question, assumption.value),
        "why": rule.why.as_dict(),
        "cites": _citations(rule.cites, cited),
        "decisive": any(o.verdict is not element.verdict for o in other),
        "otherwise": [
            {
                "value": list(o.value) if isinstance(o.value, tuple) else o.value,
                "value_label": words.value(question, o.value),
                "verdict": o.verdict.value,
                "verdict_label": _verdict_label(o.verdict),
            }
            for o in other
        ],
    }


def _strict(element: ElementOutcome, strict: Strict | None, words: Wording) -> dict[str, Any]:
    """The verdict with no presumption (the same as the verdict where nothing was presumed)."""
    undetermined: Iterable[str]
    if strict is None:
        verdict, settledness = element.verdict, element.settledness
        deciding, undetermined = element.deciding, element.undetermined_by
    else:
        verdict, settledness = strict.decision.verdict, strict.decision.settledness
        deciding, undetermined = strict.decision.deciding, strict.undetermined_by
    return {
        "verdict": verdict.value,
        "verdict_label": _verdict_label(verdict),
        "settledness": settledness,
        "settledness_label": words.label_or_none("settledness", settledness),
        "deciding_rules": list(deciding),
        "undetermined_by": [{"question": q, "text": words.question(q)} for q in undetermined],
    }


def _case_by_case(prepared: PreparedRuleSet, deciding: Iterable[str]) -> bool:
    """Whether a deciding rule follows an authority's lean on a case-by-case test."""
    rules = prepared.rules_by_id
    return any(rules[rule_id].then.case_by_case for rule_id in deciding)


def _presumed_in_trace(trace: list[FrozenDict], presumed: set[str]) -> list[FrozenDict]:
    """The trace with each fact a presumption supplied marked as presumed, not stated.

    Entries are shared between Results, so the few that read a presumed fact
    are copied, never changed.
    """
    marked = []
    for entry in trace:
        if not any(
            fact.get("question") in presumed
            for part in entry["conditions"]
            for fact in part["facts"]
        ):
            marked.append(entry)
            continue
        plain = dict(entry)
        plain["conditions"] = [
            {
                **part,
                "facts": [
                    {**fact, "source": "presumed"} if fact.get("question") in presumed else fact
                    for fact in part["facts"]
                ],
            }
            for part in entry["conditions"]
        ]
        marked.append(freeze(plain))
    return marked


def answer_words(law: Law) -> Wording:
    """The wording of questions and answers, for other parts that describe answers (what-if)."""
    return Wording(law)


def verdict_label(verdict: Verdict) -> dict[str, str]:
    """The bilingual label of a verdict, the same one the Result uses."""
    return _verdict_label(verdict)
