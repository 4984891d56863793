"""The Result with its words put back: the view every renderer and consumer reads.

A Result (version 3, result_json.py) states each word once, in its `words` table, and
its elements refer to the table by id. Readers want the words where they are
shown: a trace step with its statement, its conditions in words, the answers
each read with their labels. `joined(result)` builds that view, in the shape
docs/result-schema.md describes under "The joined view" (the shape of version
2, every key and nesting as before). It is computed from the Result and its
words alone and returns a new structure: changing it changes no other Result.
A joined Result comes back unchanged, so a consumer may call it at its entry
whatever it was handed.

The words are a function of the rule sets (and the day they were read as of),
so `evaluate --format json` leaves them out by default. Joining such a Result
rebuilds them from the rules (`rebuilt_words`) and refuses, in one line, when
the rebuilt words' hash is not the Result's `words_sha256`: a Result is never
shown with another rule set's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..io.errors import InputError

if TYPE_CHECKING:
    from ..law.loading import Law

_VERDICT_LABELS = {
    "protectable": {"en": "protectable", "zh": "可受保护"},
    "partially_protectable": {"en": "partially protectable", "zh": "部分可受保护"},
    "not_protectable": {"en": "not protectable", "zh": "不受保护"},
    "undetermined": {"en": "undetermined", "zh": "无法确定"},
}
_KIND_LABELS = {
    "not_shown": {"en": "not shown, so not assumed", "zh": "未经证明，不予推定"},
    "provable": {"en": "taken as provable", "zh": "推定可以证明"},
    "evidence_missing": {
        "en": "evidence said to be missing: not assumed",
        "zh": "已说明缺乏证据：不予推定",
    },
    "none": {"en": "no presumption", "zh": "不作推定"},
}
_TRUTH_LABELS = {
    "true": {"en": "established", "zh": "成立"},
    "false": {"en": "not established", "zh": "不成立"},
    "unknown": {"en": "unknown", "zh": "不详"},
}
_YES = {"en": "yes", "zh": "是"}
_NO = {"en": "no", "zh": "否"}
_UNKNOWN = {"en": "unknown", "zh": "不详"}
_NOT_APPLICABLE = {"en": "not applicable", "zh": "不适用"}
_NONE = {"en": "none", "zh": "无"}


def joined(
    result: Mapping[str, Any],
    words: Mapping[str, Any] | None = None,
    law: Law | None = None,
) -> dict[str, Any]:
    """The Result with every word in place (idempotent: a joined Result is returned as is).

    `words` is the words table of a batch line's header record (docs/batch.md).
    A Result that carries its own (`evaluate --format json --with-words`, every
    Result an Evaluator hands a renderer) needs none; one without them has them
    rebuilt from `law` (default: the shipped rules), checked by hash.
    """
    if "words_sha256" not in result:  # already joined (or built before version 3)
        return result  # type: ignore[return-value]
    table = words if words is not None else result.get("words")
    if table is None:
        table = rebuilt_words(result, law)
    return _Join(table).result(result)


def rebuilt_words(result: Mapping[str, Any], law: Law | None = None) -> dict[str, Any]:
    """The words of a Result that left them out, built again from the rules.

    Raises InputError (one line) unless the rules give words with the Result's
    `words_sha256`: other rules, another version of the tool or another law day
    would word the reasoning differently from how it was evaluated.
    """
    from ..law.loading import load_law  # the rules load only when a Result lacks its words
    from ..reasoning.ruleset_evaluation import prepare
    from .result_json import NOTICE
    from .words import build_words, words_sha256

    day = result.get("law_day") or {}
    try:
        ids = [j["id"] for j in result["jurisdictions"]]
        requested, today = (
            dt.date.fromisoformat(d) if d else None
            for d in (day.get("requested"), day.get("today"))
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(
            f"a Result without its words table, and without what rebuilds it ({error})",
            expected="a Result of `evaluate --format json` (docs/result-schema.md)",
        ) from None
    law = law if law is not None else load_law()
    known = set(law.rulesets)
    missing = [i for i in ids if i not in known]
    wanted = result.get("words_sha256")
    if not missing:
        prepared = [prepare(law, i, requested, today) for i in ids]
        table = build_words(law, prepared, NOTICE)
        if words_sha256(table) == wanted:
            return table
    raise InputError(
        f"the Result's words (sha256 {str(wanted)[:12]}…) are not those of the rules "
        f"loaded{' (no rule set ' + ', '.join(missing) + ')' if missing else ''}",
        expected="the rules it was evaluated under, or a Result made with "
        "`evaluate --format json --with-words`",
    )


def verdict_label(verdict: str) -> dict[str, str]:
    return dict(_VERDICT_LABELS[verdict])


class _Join:
    """One joining: the words table, read-only, and fresh copies of what it hands out."""

    def __init__(self, words: Mapping[str, Any]) -> None:
        self.words = words
        self.questions = words["questions"]
        self.labels = words["labels"]

    # ---------------------------------------------------------------- words

    def label(self, group: str, item: str) -> dict[str, str]:
        return dict(self.labels[group][item])

    def label_or_none(self, group: str, item: str | None) -> dict[str, str] | None:
        return self.label(group, item) if item else None

    def question(self, question_id: str) -> dict[str, str]:
        return dict(self.questions[question_id]["text"])

    def value(self, question_id: str, value: Any) -> dict[str, str]:
        """An answer's label, exactly as the evaluation words it (wording.Wording.value)."""
        if value == "unknown":
            return dict(_UNKNOWN)
        if value == "n/a":
            return dict(_NOT_APPLICABLE)
        question = self.questions[question_id]
        kind = question["type"]
        if kind == "yes_no":
            return dict(_YES if value else _NO)
        if kind in ("single", "multiple"):
            labels = question["choices"]
            chosen = [value] if isinstance(value, str) else list(value)
            if not chosen:
                return dict(_NONE)
            return {
                lang: "; ".join(labels[c][lang] if c in labels else c for c in chosen)
                for lang in ("en", "zh")
            }
        if kind == "number":
            if isinstance(value, Mapping) and "at_least" in value:
                shown = f"{float(value['at_least']):g}"
                return {"en": f"at least {shown}", "zh": f"至少{shown}"}
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            return {"en": shown, "zh": shown}
        return {"en": str(value), "zh": str(value)}

    def cites(self, cites: list[Mapping[str, str]]) -> list[dict[str, str]]:
        return [dict(c) for c in cites]

    def stated(self, answered: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "question": q,
                "text": self.question(q),
                "answer": _copy(answer),
                "answer_label": self.value(q, answer),
            }
            for q, answer in answered.items()
        ]

    # --------------------------------------------------------------- Result

    def result(self, result: Mapping[str, Any]) -> dict[str, Any]:
        work = result["work"]
        elements = {e["id"]: e for e in work["elements"]}
        return {
            "result_version": result["result_version"],
            "tool": dict(result["tool"]),
            "generated_at": result["generated_at"],
            "command": result["command"],
            "answers": _copy(result["answers"]),
            "work": {
                "title": work["title"],
                "elements": [
                    {
                        "id": e["id"],
                        "kind": e["kind"],
                        "kind_label": self.label("element_kinds", e["kind"]),
                        "label": e["label"],
                    }
                    for e in work["elements"]
                ],
                "stated": self.stated(work["stated"]),
            },
            "jurisdictions": [
                self.jurisdiction(j, elements, work["stated"]) for j in result["jurisdictions"]
            ],
            "authorities": [_copy(self.words["authorities"][a]) for a in result["authorities"]],
            "notice": dict(self.words["notice"]),
            **{k: v for k, v in result.items() if k not in _FILE_KEYS},  # e.g. what_if
        }

    def jurisdiction(
        self, jurisdiction: Mapping[str, Any], work_elements: Mapping[str, Any], work_stated: Any
    ) -> dict[str, Any]:
        ruleset = self.words["rulesets"][jurisdiction["id"]]
        verdict = jurisdiction["verdict"]
        rules = {rule["id"]: rule for rule in ruleset["rules"]}
        return {
            "id": jurisdiction["id"],
            "name": dict(ruleset["name"]),
            "ruleset": dict(ruleset["ruleset"]),
            "law_applied": _copy(ruleset["law_applied"]),
            "verdict": {
                "verdict": verdict["verdict"],
                "verdict_label": verdict_label(verdict["verdict"]),
                "settledness": verdict["settledness"],
                "authors": [
                    {"id": a, "label": self.label("authors", a)} for a in verdict["authors"]
                ],
                "protects": [  # what the elements' verdicts say of the work as a whole
                    {"id": c, "label": self.label("contributions", c)}
                    for c in verdict.get("protects", [])
                ],
                "elements": dict(verdict["elements"]),
                "strict_verdict": verdict["strict_verdict"],
                "on_the_record": verdict["on_the_record"],
            },
            "elements": [
                self.element(e, work_elements[e["id"]], ruleset, rules, work_stated)
                for e in jurisdiction["elements"]
            ],
        }

    def element(
        self,
        element: Mapping[str, Any],
        work_element: Mapping[str, Any],
        ruleset: Mapping[str, Any],
        rules: Mapping[str, Any],
        work_stated: Mapping[str, Any],
    ) -> dict[str, Any]:
        presumptions = ruleset["presumptions"]
        derivers = self.derivers(ruleset)
        assumptions = element["assumptions"]
        values = {**work_element["values"], **element.get("values", {})}
        presumed = {a["question"] for a in assumptions}
        stated = set(work_element["stated"]) | set(work_stated)
        findings = element["findings"]
        unused = element.get("unused_reads", {})  # absent from Results made before it
        outcomes = {
            rule_id: _outcome(rules[rule_id]["combine"], parts)
            for rule_id, parts in element["trace"].items()
        }
        fired = {rule_id for rule_id, outcome in outcomes.items() if outcome == "fired"}
        deciding = set(element["deciding_rules"])
        overridden = set(element["overridden_rules"])
        return {
            "id": element["id"],
            "kind": work_element["kind"],
            "label": work_element["label"],
            "verdict": element["verdict"],
            "verdict_label": verdict_label(element["verdict"]),
            "settledness": element["settledness"],
            "settledness_label": self.label_or_none("settledness", element["settledness"]),
            "author": element["author"],
            "author_label": self.label_or_none("authors", element["author"]),
            "protects": [
                {"id": c, "label": self.label("contributions", c)} for c in element["protects"]
            ],
            "excludes": [
                {"id": m, "label": self.label("material", m)} for m in element["excludes"]
            ],
            # Partly protected, nothing excluded: the rules leave the rest open (`excludes: []`).
            "rest_open": element["verdict"] == "partially_protectable" and not element["excludes"],
            "deciding_rules": list(element["deciding_rules"]),
            "overridden_rules": list(element["overridden_rules"]),
            "held_open_rules": list(element["held_open_rules"]),
            "alternatives": [
                self.alternative(rule_id, rules) for rule_id in element["alternatives"]
            ],
            "undetermined_by": self.open_questions(element["undetermined_by"]),
            "recommendations": [
                {"id": r, "text": dict(ruleset["recommendations"][r])}
                for r in element["recommendations"]
            ],
            "case_by_case": element["case_by_case"],
            "assumptions": [self.assumption(a, presumptions) for a in assumptions],
            "strict": self.strict(element["strict"]),
            "stated": self.stated(work_element["stated"]),
            "assumed": [
                {
                    "question": q,
                    "text": self.question(q),
                    "why": "not_applicable" if value == "n/a" else "not_answered",
                    "treated_as": self.value(q, value),
                }
                for q, value in work_element["assumed"].items()
            ],
            "derived": [
                {
                    "finding": f,
                    "label": dict(ruleset["findings"][f]),
                    "truth": truth,
                    "by": [r for r in derivers.get(f, ()) if r in fired],
                }
                for f, truth in findings.items()
            ],
            "trace": [
                self.step(
                    rule_id,
                    outcomes[rule_id],
                    parts,
                    rules[rule_id],
                    ruleset,
                    values,
                    findings,
                    stated,
                    presumed,
                    deciding,
                    overridden,
                    unused.get(rule_id),
                )
                for rule_id, parts in element["trace"].items()
            ],
        }

    def derivers(self, ruleset: Mapping[str, Any]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for rule in ruleset["rules"]:
            for finding in rule["concludes"]["findings"]:
                found.setdefault(finding, []).append(rule["id"])
        return found

    def alternative(self, rule_id: str, rules: Mapping[str, Any]) -> dict[str, Any]:
        alternative = rules[rule_id]["alternative"]
        return {
            "rule": rule_id,
            "verdict": alternative["verdict"],
            "verdict_label": verdict_label(alternative["verdict"]),
            "because": dict(alternative["because"]),
            "cites": self.cites(alternative["cites"]),
        }

    def open_questions(self, questions: list[str]) -> list[dict[str, Any]]:
        return [{"question": q, "text": self.question(q)} for q in questions]

    def assumption(
        self, assumption: Mapping[str, Any], presumptions: Mapping[str, Any]
    ) -> dict[str, Any]:
        question = assumption["question"]
        entry = presumptions[question]
        reading = entry["exception"] if assumption["exception"] else entry["rule"]
        return {
            "question": question,
            "scope": assumption["scope"],
            "text": self.question(question),
            "kind": reading["kind"],
            "kind_label": dict(_KIND_LABELS[reading["kind"]]),
            "value": _copy(assumption["value"]),
            "value_label": self.value(question, assumption["value"]),
            "why": dict(reading["why"]),
            "cites": self.cites(reading["cites"]),
            "decisive": assumption["decisive"],
            "otherwise": [
                {
                    "value": _copy(o["value"]),
                    "value_label": self.value(question, o["value"]),
                    "verdict": o["verdict"],
                    "verdict_label": verdict_label(o["verdict"]),
                }
                for o in assumption["otherwise"]
            ],
        }

    def strict(self, strict: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "verdict": strict["verdict"],
            "verdict_label": verdict_label(strict["verdict"]),
            "settledness": strict["settledness"],
            "settledness_label": self.label_or_none("settledness", strict["settledness"]),
            "deciding_rules": list(strict["deciding_rules"]),
            "undetermined_by": self.open_questions(strict["undetermined_by"]),
        }

    def step(
        self,
        rule_id: str,
        outcome: str,
        parts: list[str],
        rule: Mapping[str, Any],
        ruleset: Mapping[str, Any],
        values: Mapping[str, Any],
        findings: Mapping[str, str],
        stated: set[str],
        presumed: set[str],
        deciding: set[str],
        overridden: set[str],
        unused: list[Any] | None = None,
    ) -> dict[str, Any]:
        """One rule's explanation; a fact its part's truth does not rest on
        (`unused_reads`) is marked `"relied_on": false`."""
        unused = unused or [None] * len(parts)
        return {
            "rule": rule_id,
            "statement": dict(rule["statement"]),
            "outcome": outcome,
            "decisive": rule_id in deciding,
            "overridden": rule_id in overridden,
            "stratum": rule["stratum"],
            "conditions": [
                {
                    "text": dict(part["text"]),
                    "truth": truth,
                    "facts": [
                        self.fact(read, ruleset, values, findings, stated, presumed)
                        | ({"relied_on": False} if _read_name(read) in (idle or ()) else {})
                        for read in part["reads"]
                    ],
                }
                for part, truth, idle in zip(rule["conditions"], parts, unused, strict=True)
            ],
            "concludes": _copy(rule["concludes"]),
            "settledness": rule["settledness"],
            "effective": rule["effective"],
            "overrides": list(rule["overrides"]),
            "cites": self.cites(rule["cites"]),
            "notes": dict(rule["notes"]) if rule["notes"] else None,
        }

    def fact(
        self,
        read: Mapping[str, str],
        ruleset: Mapping[str, Any],
        values: Mapping[str, Any],
        findings: Mapping[str, str],
        stated: set[str],
        presumed: set[str],
    ) -> dict[str, Any]:
        """One input a condition read: an answer with its source, or a finding's truth."""
        if "finding" in read:
            finding = read["finding"]
            return {
                "finding": finding,
                "text": dict(ruleset["findings"][finding]),
                "answer_label": dict(_TRUTH_LABELS[findings.get(finding, "false")]),
                "source": "derived",
            }
        question = read["question"]
        value = values.get(question, "n/a")
        if question in presumed:
            source = "presumed"
        elif question == "element_kind" or question in stated or value not in ("n/a", "unknown"):
            source = "stated"  # an explicit "unknown" (element or work answer) is stated
        else:
            source = "assumed"
        return {
            "question": question,
            "text": self.question(question),
            "answer": _copy(value),
            "answer_label": self.value(question, value),
            "source": source,
        }


_FILE_KEYS = frozenset(
    {
        "result_version",
        "tool",
        "generated_at",
        "command",
        "answers",
        "work",
        "jurisdictions",
        "authorities",
        "law_day",
        "words_sha256",
        "words",
    }
)


_OUTCOMES = {"true": "fired", "false": "not_fired", "unknown": "unknown"}


def _outcome(combine: str, parts: list[str]) -> str:
    """A rule's outcome: its parts' truths combined as its condition combines them (Kleene)."""
    if combine == "one":
        return _OUTCOMES[parts[0]]
    decisive, other = ("false", "true") if combine == "all" else ("true", "false")
    if decisive in parts:
        return _OUTCOMES[decisive]
    return _OUTCOMES["unknown" if "unknown" in parts else other]


def _read_name(read: Mapping[str, str]) -> str:
    return read.get("question") or read["finding"]


def _copy(value: Any) -> Any:
    """A fresh copy of a JSON-like value (lists for tuples), sharing nothing."""
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copy(v) for v in value]
    return value
