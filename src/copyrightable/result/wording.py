"""The bilingual words a Result shows: questions, answers, conditions, labels, citations.

Composing these words was once most of the cost of a Result, and they are the
same every time a question, a choice or a condition is shown. A Wording keeps
them for the lifetime of an Evaluator and hands out read-only dicts
(`frozen.FrozenDict`) that every Result may share.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..law.conditions import NOT_APPLICABLE, describe
from ..law.loading import Law
from ..law.model import UNKNOWN, Condition, LowerBound, QuestionType, RuleSet
from .frozen import FrozenDict, FrozenList

_YES_NO = {True: FrozenDict(en="yes", zh="是"), False: FrozenDict(en="no", zh="否")}
_UNKNOWN = FrozenDict(en="unknown", zh="不详")
_NOT_APPLICABLE = FrozenDict(en="not applicable", zh="不适用")
_NONE = FrozenDict(en="none", zh="无")

_FINITE = (QuestionType.YES_NO, QuestionType.SINGLE, QuestionType.MULTIPLE)


class Wording:
    """Bilingual wording of questions, answers and conditions, remembered per law."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.questions = law.all_questions()
        self.order = tuple(question.id for question in law.questionnaire.questions)
        self._questions: dict[str, FrozenDict] = {}
        self._described: dict[tuple[int, str], FrozenDict] = {}
        self._values: dict[tuple[str, type, Any], FrozenDict] = {}
        self._labels: dict[tuple[str, str], FrozenDict] = {}
        self._authorities: dict[str, FrozenDict] = {}
        self._entries: dict[tuple[str, str, type, Any], FrozenDict] = {}

    def question(self, question_id: str) -> FrozenDict:
        words = self._questions.get(question_id)
        if words is None:
            words = self._questions[question_id] = FrozenDict(
                self.questions[question_id].text.as_dict()
            )
        return words

    def label(self, group: str, item_id: str) -> FrozenDict:
        """A vocabulary label (authors, contributions, material...)."""
        key = (group, item_id)
        words = self._labels.get(key)
        if words is None:
            words = self._labels[key] = FrozenDict(
                self.law.vocabulary.label(group, item_id).as_dict()
            )
        return words

    def label_or_none(self, group: str, item_id: str | None) -> FrozenDict | None:
        """The label, or None where nothing was concluded."""
        return self.label(group, item_id) if item_id else None

    def finding(self, ruleset_id: str, finding_id: str) -> FrozenDict:
        """A finding's label in its rule set."""
        key = (f"finding:{ruleset_id}", finding_id)
        words = self._labels.get(key)
        if words is None:
            words = self._labels[key] = FrozenDict(
                self.law.rulesets[ruleset_id].finding_label(finding_id).as_dict()
            )
        return words

    def authority(self, authority_id: str) -> FrozenDict:
        """An authority as the Result cites it: citation, weight, date, verification."""
        words = self._authorities.get(authority_id)
        if words is None:
            authority = self.law.authorities[authority_id]
            words = self._authorities[authority_id] = FrozenDict(
                {
                    "id": authority.id,
                    "citation": authority.citation,
                    "short": authority.short,
                    "citation_zh": authority.citation_zh,
                    "short_zh": authority.short_zh,
                    "kind": authority.kind,
                    "weight": authority.weight,
                    "jurisdiction": authority.jurisdiction,
                    "date": authority.date.isoformat(),
                    "url": authority.url,
                    "verification": authority.verification,
                    "note": FrozenDict(authority.note.as_dict()) if authority.note else None,
                }
            )
        return words

    def assumed_list(
        self, values: Mapping[str, Any], answered: Mapping[str, Any], work: Mapping[str, Any]
    ) -> FrozenList:
        """Every question nobody answered, in questionnaire order, with what it was taken to be.

        Called for every element of every evaluation: the common entries
        (n/a, unknown) are looked up by question and value without a method call.
        """
        common = self._entries
        out = []
        for question_id in self.order:
            if question_id in answered or question_id in work:
                continue
            value = values.get(question_id)
            entry = (
                common.get(("assumed", question_id, str, value)) if value.__class__ is str else None
            )
            out.append(entry if entry is not None else self.assumed(question_id, value))
        return FrozenList(out)

    def recommendation(self, ruleset_id: str, recommendation_id: str) -> FrozenDict:
        """A recommendation as a Result lists it: its id and its text."""
        key = (f"recommendation:{ruleset_id}", recommendation_id)
        words = self._labels.get(key)
        if words is None:
            text = self.law.rulesets[ruleset_id].recommendation(recommendation_id).text
            words = self._labels[key] = FrozenDict(
                id=recommendation_id, text=FrozenDict(text.as_dict())
            )
        return words

    def stated(self, question_id: str, value: Any) -> FrozenDict:
        """An answer as the Result lists it among what the user stated."""
        return self._fact("stated", question_id, value, self._stated_words)

    def assumed(self, question_id: str, value: Any) -> FrozenDict:
        """An unanswered question, and what the rules took it to be."""
        return self._fact("assumed", question_id, value, self._assumed_words)

    def _fact(
        self, kind: str, question_id: str, value: Any, words: Callable[[str, Any], FrozenDict]
    ) -> FrozenDict:
        """A fact of `kind` (stated, assumed) about one question, remembered as `_kept` says.

        Both kinds share one memory, keyed by kind, question and value (its type
        too: 1 == True, but they read differently); assumed_list reads it directly.
        """
        key = (kind, question_id, type(value), value)
        entry = self._entries.get(key)
        if entry is not None:
            return entry
        return self._kept(self._entries, key, question_id, value, words(question_id, value))

    def _stated_words(self, question_id: str, value: Any) -> FrozenDict:
        return FrozenDict(
            question=question_id,
            text=self.question(question_id),
            answer=_plain(value),
            answer_label=self.value(question_id, value),
        )

    def _assumed_words(self, question_id: str, value: Any) -> FrozenDict:
        return FrozenDict(
            question=question_id,
            text=self.question(question_id),
            why="not_applicable" if value == NOT_APPLICABLE else "not_answered",
            treated_as=self.value(question_id, value),
        )

    def _kept(
        self,
        memory: dict[Any, FrozenDict],
        key: Any,
        question_id: str,
        value: Any,
        words: FrozenDict,
    ) -> FrozenDict:
        """Remember words built for an answer if its question's domain is finite.

        Only finite domains are remembered, so the memory stays bounded; the
        lookup stays inline in each caller, where a hit costs one dict access.
        """
        if value in (UNKNOWN, NOT_APPLICABLE) or self.questions[question_id].type in _FINITE:
            memory[key] = words
        return words

    def value(self, question_id: str, value: Any) -> FrozenDict:
        # The type is part of the key: 1 == 1.0 == True, but they read differently.
        key = (question_id, type(value), value)
        words = self._values.get(key)
        if words is not None:
            return words
        return self._kept(self._values, key, question_id, value, self._value(question_id, value))

    def _value(self, question_id: str, value: Any) -> FrozenDict:
        if value == UNKNOWN:
            return _UNKNOWN
        if value == NOT_APPLICABLE:
            return _NOT_APPLICABLE
        question = self.questions[question_id]
        if question.type is QuestionType.YES_NO:
            return _YES_NO[bool(value)]
        if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            labels = {choice.id: choice.label for choice in question.choices}
            chosen = [value] if isinstance(value, str) else list(value)
            if not chosen:
                return _NONE
            return FrozenDict(
                {
                    lang: "; ".join(labels[c].get(lang) if c in labels else c for c in chosen)
                    for lang in ("en", "zh")
                }
            )
        if question.type is QuestionType.NUMBER:
            if isinstance(value, LowerBound):
                shown = f"{value.at_least:g}"
                return FrozenDict(en=f"at least {shown}", zh=f"至少{shown}")
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            return FrozenDict(en=shown, zh=shown)
        return FrozenDict(en=str(value), zh=str(value))

    def _describe(self, leaf: Condition, ruleset: RuleSet, lang: str) -> str:
        """One condition in one language: question texts, value labels, finding labels."""

        def question(q: str) -> str:
            return self.questions[q].text.get(lang).rstrip("?？")

        def value(q: str, v: Any) -> str:
            return str(self.value(q, v)[lang])

        def finding(f: str) -> str:
            return ruleset.finding_label(f).get(lang)

        return describe(leaf, question, value, finding, lang)

    def condition(self, leaf: Condition, ruleset_id: str) -> FrozenDict:
        key = (id(leaf), ruleset_id)
        words = self._described.get(key)
        if words is None:
            ruleset = self.law.rulesets[ruleset_id]
            words = self._described[key] = FrozenDict(
                {lang: self._describe(leaf, ruleset, lang) for lang in ("en", "zh")}
            )
        return words


def _plain(value: Any) -> Any:
    """An answer as a Result shows it: a list of choices, {at_least: n}, or the value."""
    if isinstance(value, tuple):
        return FrozenList(value)
    if isinstance(value, LowerBound):
        return FrozenDict(value.as_data())
    return value
