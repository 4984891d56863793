"""The Result: the versioned JSON document every other part of the tool speaks.

Reports, the case library, batch runs and what-if analysis all consume this
dictionary, never the engine. It carries everything a reader needs in both
languages, the versions and hashes of the rule sets and of the answers, and
the date the law is current to. Since version 3 it states each word once: the
rule statements, condition texts, citations, notes, question texts and labels
sit in one table (`words`, words.py) and the elements refer to them by
id, keeping only what differs between answers files (outcomes, truths, values
read). Readers take `result_join.joined(result)`, the same Result with the words
put back in place. Keys are emitted in a fixed order so that the same answers
and rules always serialise to the same bytes. The format is documented in
docs/result-schema.md.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .. import __version__
from ..io.errors import InputError
from ..law.conditions import NOT_APPLICABLE
from ..law.loading import Law
from ..law.model import Answers, PresumptionKind, Truth, Verdict, plain_answer
from ..reasoning.decision import combine_verdicts, settledness_of
from ..reasoning.on_the_record import Assumption, RecordRun, Strict, otherwise, strict_reading
from ..reasoning.ruleset_evaluation import ElementOutcome, Outcome, PreparedRuleSet
from . import json_text
from .trace import trace_steps, unused_reads
from .wording import Wording

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_FALSE = Truth.FALSE


# 2: verdicts on the record, with assumptions and the strict verdict.
# 3: each word once: a `words` table, and elements that refer to it by id.
RESULT_VERSION = 3

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
    (on_the_record.py) and the strict values, for the strict verdicts beside them."""

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

    def strict(self, prepared: PreparedRuleSet, element: ElementOutcome) -> Strict | None:
        """None where nothing was presumed: the strict verdict is the verdict itself."""
        element_id = element.element.id
        if not self.assumptions(prepared.ruleset.id, element_id):
            return None
        return strict_reading(prepared, self.strict_values[element_id], element_id, element)


def build_result(
    law: Law,
    answers: Answers,
    outcomes: Iterable[Outcome],
    generated_at: str,
    command: str | None = None,
    words: Mapping[str, Any] | None = None,
    words_sha256: str = "",
    record: OnTheRecord | None = None,
    law_day: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """Assemble the Result for one answers file evaluated under several rule sets.

    `words` is the Evaluator's words table (result_words.build_words): the
    Result includes it unless it is None (a batch line, whose words are in its
    file's header record). `record` says which presumptions the outcomes were
    evaluated on. `law_day` is the day the rule sets were read as of
    (evaluation.Evaluator.law_day), which lets a reader rebuild the words
    of a Result that left them out (result_join.joined).
    """
    outcomes = list(outcomes)
    cited: dict[str, None] = {}
    record = record if record is not None else OnTheRecord({}, {})
    first = outcomes[0].elements if outcomes else []
    read = {q: None for outcome in outcomes for q in outcome.prepared.questions_read}
    elements = []
    for index, e in enumerate(answers.elements):
        entry: dict[str, Any] = {
            "id": e.id,
            "kind": e.kind,
            "label": e.label,
            "stated": _answered(law, e.answers),
        }
        if index < len(first):  # the values the rules read, and what nobody answered
            values = first[index].values
            strict = record.strict_values.get(e.id, values)
            entry["assumed"] = _unanswered(law, values, e.answers, answers.work)
            entry["values"] = _plain_values(strict, read)
        elements.append(entry)
    work_level = law.vocabulary.work_contributions
    jurisdictions = [_jurisdiction(outcome, cited, record, work_level) for outcome in outcomes]
    result: dict[str, Any] = {
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
            "elements": elements,
            "stated": _answered(law, answers.work),
        },
        "jurisdictions": jurisdictions,
        "authorities": list(cited),
        "law_day": dict(law_day) if law_day is not None else {"requested": None, "today": None},
        "words_sha256": words_sha256,
    }
    if words is not None:
        result["words"] = words
    return result


def to_json(result: Mapping[str, Any]) -> str:
    """The canonical serialisation (stable key order, UTF-8, trailing newline), indented
    with short and flat parts on one line (json_text.py: half the size of indent=2)."""
    return json_text.dumps(result) + "\n"


# ------------------------------------------------------------------ pieces


def _answered(law: Law, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every stated answer, in questionnaire order."""
    return {
        q.id: plain_answer(answers[q.id]) for q in law.questionnaire.questions if q.id in answers
    }


def _unanswered(
    law: Law, values: Mapping[str, Any], answered: Mapping[str, Any], work: Mapping[str, Any]
) -> dict[str, Any]:
    """Every question nobody answered, in questionnaire order, with the value taken."""
    return {
        q.id: v if (v := values.get(q.id)).__class__ in _PLAIN else plain_answer(v)
        for q in law.questionnaire.questions
        if q.id not in answered and q.id not in work
    }


# Values already in their JSON form: plain_answer returns them as they are. Most
# values are; skipping the call for them is most of the cost of the values tables.
_PLAIN = frozenset({str, bool, int, float, type(None)})


def _plain_values(values: Mapping[str, Any], questions: Iterable[str]) -> dict[str, Any]:
    """The values of `questions` in JSON form, n/a where a question has none."""
    get = values.get
    return {
        q: v if (v := get(q, NOT_APPLICABLE)).__class__ in _PLAIN else plain_answer(v)
        for q in questions
    }


def _jurisdiction(
    outcome: Outcome, cited: dict[str, None], record: OnTheRecord, work_level: frozenset[str]
) -> dict[str, Any]:
    prepared = outcome.prepared
    if outcome.elements:  # every element cites what the rules cite, before its own citations
        cited.update(dict.fromkeys(_cited_by_rules(prepared)))
    elements = [
        _element(outcome, element, cited, record, work_level) for element in outcome.elements
    ]
    verdicts = [element.verdict for element in outcome.elements]
    authors: list[str] = []
    # what the elements' verdicts say of the work as a whole (vocabulary `scope: work`),
    # each once, in element order: not listed as what any one element protects
    work_protects: dict[str, None] = {}
    for element in outcome.elements:
        protected = element.verdict in (Verdict.PROTECTABLE, Verdict.PARTIALLY_PROTECTABLE)
        if protected and element.author and element.author not in authors:
            authors.append(element.author)
        work_protects.update((c, None) for c in element.protects if c in work_level)
    work_verdict = combine_verdicts(verdicts)
    return {
        "id": prepared.ruleset.id,
        "verdict": {
            "verdict": work_verdict.value,
            "settledness": settledness_of(
                work_verdict, [(e.verdict, e.settledness) for e in outcome.elements]
            ),
            "authors": authors,
            "protects": list(work_protects),
            "elements": {e.element.id: e.verdict.value for e in outcome.elements},
            "strict_verdict": combine_verdicts(
                [Verdict(e["strict"]["verdict"]) for e in elements]
            ).value,
            "on_the_record": any(e["assumptions"] for e in elements),
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


def _element(
    outcome: Outcome,
    element: ElementOutcome,
    cited: dict[str, None],
    record: OnTheRecord,
    work_level: frozenset[str],
) -> dict[str, Any]:
    prepared = outcome.prepared
    ruleset = prepared.ruleset
    element_id = element.element.id
    assumptions = record.assumptions(ruleset.id, element_id)
    strict = record.strict(prepared, element)
    recommendations = list(element.recommendations)
    if assumptions:
        first = [r for a in assumptions for r in a.rule.recommend]
        later = list(strict.decision.recommendations) if strict else []
        recommendations = list(dict.fromkeys([*first, *recommendations, *later]))
    rules = prepared.rules_by_id
    for rule_id, _alternative in element.alternatives:
        for citation in rules[rule_id].then.alternative.cites:  # type: ignore[union-attr]
            cited[citation.authority] = None
    out: dict[str, Any] = {
        "id": element_id,
        "verdict": element.verdict.value,
        "settledness": element.settledness,
        "author": element.author,
        "protects": [c for c in element.protects if c not in work_level],
        "excludes": list(element.excludes),
        "deciding_rules": list(element.deciding),
        "overridden_rules": list(element.overridden),
        "held_open_rules": list(element.held_open),
        "alternatives": [rule_id for rule_id, _ in element.alternatives],
        "undetermined_by": list(element.undetermined_by),
        "recommendations": recommendations,
        "case_by_case": _case_by_case(prepared, element.deciding),
        "assumptions": [
            _assumption(prepared, outcome.answers, element, a, cited) for a in assumptions
        ],
        "strict": _strict(element, strict),
    }
    if assumptions:  # the values on the record that differ from the values stated
        strict_values = record.strict_values[element_id]
        on_record = element.values
        out["values"] = _plain_values(
            on_record,
            [
                q
                for q in prepared.questions_read
                if on_record.get(q, NOT_APPLICABLE) != strict_values.get(q, NOT_APPLICABLE)
            ],
        )
    findings = element.findings.get
    out["findings"] = {f.id: _TRUTH_TEXT[findings(f.id, _FALSE)] for f in ruleset.findings}
    out["trace"] = trace_steps(prepared, element)
    out["unused_reads"] = unused_reads(prepared, element)
    return out


_TRUTH_TEXT = {truth: truth.value for truth in Truth}  # without the enum's slow `.value`


_KIND_LABELS = {
    PresumptionKind.NOT_SHOWN: {"en": "not shown, so not assumed", "zh": "未经证明，不予推定"},
    PresumptionKind.PROVABLE: {"en": "taken as provable", "zh": "推定可以证明"},
    PresumptionKind.EVIDENCE_MISSING: {
        "en": "evidence said to be missing: not assumed",
        "zh": "已说明缺乏证据：不予推定",
    },
    PresumptionKind.NONE: {"en": "no presumption", "zh": "不作推定"},
}


def kind_label(kind: str) -> dict[str, str]:
    """The bilingual label of a presumption's kind, as the joined Result shows it."""
    return dict(_KIND_LABELS[PresumptionKind(kind)])


def _assumption(
    prepared: PreparedRuleSet,
    answers: Answers,
    element: ElementOutcome,
    assumption: Assumption,
    cited: dict[str, None],
) -> dict[str, Any]:
    """One assumption the verdict rests on: the fact, the value taken, which reading of
    the presumption (its rule, or its exception), and what if not."""
    other = otherwise(prepared, answers, element.element.id, assumption, element)
    for citation in assumption.rule.cites:
        cited[citation.authority] = None
    return {
        "question": assumption.question,
        "scope": assumption.scope.value,
        "value": plain_answer(assumption.value),
        "exception": assumption.rule is assumption.presumption.exception
        and assumption.rule is not assumption.presumption.rule,
        "decisive": any(o.verdict is not element.verdict for o in other),
        "otherwise": [{"value": plain_answer(o.value), "verdict": o.verdict.value} for o in other],
    }


def _strict(element: ElementOutcome, strict: Strict | None) -> dict[str, Any]:
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
        "settledness": settledness,
        "deciding_rules": list(deciding),
        "undetermined_by": list(undetermined),
    }


_CITED: dict[int, tuple[PreparedRuleSet, tuple[str, ...]]] = {}


def _cited_by_rules(prepared: PreparedRuleSet) -> tuple[str, ...]:
    """The authorities a rule set's rules cite, in rule order (kept per prepared rule set;
    each entry holds its rule set, so a reused id() never answers for another)."""
    kept = _CITED.get(id(prepared))
    if kept is None or kept[0] is not prepared:
        order = {c.authority: None for rule in prepared.ruleset.rules for c in rule.cites}
        kept = _CITED[id(prepared)] = (prepared, tuple(order))
    return kept[1]


def _case_by_case(prepared: PreparedRuleSet, deciding: Iterable[str]) -> bool:
    """Whether a deciding rule follows an authority's lean on a case-by-case test."""
    rules = prepared.rules_by_id
    return any(rules[rule_id].then.case_by_case for rule_id in deciding)


def answer_words(law: Law) -> Wording:
    """The wording of questions and answers, for other parts that describe answers (what-if)."""
    return Wording(law)


def verdict_label(verdict: Verdict) -> dict[str, str]:
    """The bilingual label of a verdict, the same one the Result uses."""
    return _verdict_label(verdict)
