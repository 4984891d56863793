"""Which questions, choices, help and authorities concern the jurisdictions asked about.

A reader who asked only about the US should not be asked what a Chinese
platform's terms say, offered a choice only Chinese law distinguishes, or
shown what a Chinese court held. What each rule set reads is computed from
its rules' conditions, and from the `ask_if` of every question it reads (a
question asked only after another makes that other one matter too), so a
new rule or question needs no list kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .loading import ELEMENT_KIND_QUESTION, Law
from .model import (
    All,
    Any_,
    Bilingual,
    Citation,
    Condition,
    Labelled,
    Leaf,
    Not,
    Question,
    QuestionType,
)

_CHOICE_OPS = ("eq", "ne", "in", "includes")


@dataclass(frozen=True)
class Reads:
    """What one rule set reads: question ids, and for choice questions the choices it tests."""

    questions: frozenset[str]
    choices: Mapping[str, frozenset[str]]
    tests: Mapping[str, tuple[tuple[str, object], ...]] = None  # type: ignore[assignment]
    # per question, the (op, value) of every test on a choice: how the rules tell them apart


def _leaves(condition: Condition | None, out: list[Leaf]) -> None:
    if condition is None:
        return
    if isinstance(condition, Leaf):
        out.append(condition)
    elif isinstance(condition, Not):
        _leaves(condition.part, out)
    elif isinstance(condition, All | Any_):
        for part in condition.parts:
            _leaves(part, out)


def reads_of(law: Law, ruleset_id: str) -> Reads:
    """The questions and choices a rule set reads, through its rules and their ask_if."""
    questions = law.all_questions()
    leaves: list[Leaf] = []
    for rule in law.rulesets[ruleset_id].rules:
        _leaves(rule.when, leaves)
    read: set[str] = set()
    choices: dict[str, set[str]] = {}
    tests: dict[str, set[tuple[str, object]]] = {}
    frontier = list(leaves)
    while frontier:
        leaf = frontier.pop()
        question = questions.get(leaf.question)
        if question is None:
            continue
        if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE) and leaf.op in _CHOICE_OPS:
            values = leaf.value if isinstance(leaf.value, list | tuple) else [leaf.value]
            choices.setdefault(question.id, set()).update(str(v) for v in values)
            tests.setdefault(question.id, set()).add((leaf.op, tuple(str(v) for v in values)))
        if question.id in read:
            continue
        read.add(question.id)
        more: list[Leaf] = []
        _leaves(question.ask_if, more)
        frontier.extend(more)
    return Reads(
        frozenset(read),
        {q: frozenset(c) for q, c in choices.items()},
        {q: tuple(sorted(t, key=str)) for q, t in tests.items()},
    )


def _same_to(tests: Iterable[tuple[str, object]], one: str, other: str) -> bool:
    """Whether every test treats two choices alike (so the rules cannot tell them apart)."""
    for _op, values in tests:
        chosen = set(values)  # type: ignore[call-overload]
        if (one in chosen) != (other in chosen):
            return False
    return True


@dataclass(frozen=True)
class Relevance:
    """What to show when only `jurisdictions` were asked about."""

    law: Law
    jurisdictions: tuple[str, ...]
    questions: frozenset[str]  # questions shown
    hidden_choices: Mapping[str, frozenset[str]]  # per question, choices not offered

    def shows(self, question_id: str) -> bool:
        return question_id in self.questions

    def choices(self, question: Question, keep: object = None) -> tuple[Labelled, ...]:
        """The question's choices minus those only other jurisdictions distinguish.

        `keep` (the current answer) is always offered, so that an answer given
        under another selection of jurisdictions is shown, not lost.
        """
        hidden = self.hidden_choices.get(question.id, frozenset())
        kept = set(keep) if isinstance(keep, list | tuple) else {keep}
        return tuple(c for c in question.choices if c.id not in hidden or c.id in kept)

    def help(self, question: Question) -> list[tuple[Bilingual | None, Bilingual]]:
        """(the jurisdiction's name, or None for `all`; the text), in the order asked about."""
        return [
            (None if key not in self.law.rulesets else self.law.rulesets[key].name, text)
            for key, text in question.help_parts(self.jurisdictions)
        ]

    def cites(self, question: Question) -> list[Citation]:
        """The cites whose authority belongs to a jurisdiction asked about (or to none)."""
        return [
            cite
            for cite in question.cites
            if self.law.authorities[cite.authority].jurisdiction in self.jurisdictions
            or self.law.authorities[cite.authority].jurisdiction not in self.law.rulesets
        ]


_remembered: dict[tuple[int, tuple[str, ...]], Relevance] = {}


def relevance(law: Law, jurisdictions: Iterable[str]) -> Relevance:
    """Computed once per law and selection (the interview asks for it on every screen)."""
    key = (id(law), tuple(jurisdictions))
    found = _remembered.get(key)
    if found is None or found.law is not law:
        if len(_remembered) > 64:
            _remembered.clear()
        found = _remembered[key] = _relevance(law, key[1])
    return found


def _relevance(law: Law, jurisdictions: Sequence[str]) -> Relevance:
    reads = {ruleset_id: reads_of(law, ruleset_id) for ruleset_id in law.rulesets}
    chosen = [reads[j] for j in jurisdictions]
    read_anywhere = set().union(*(r.questions for r in reads.values()))
    shown = {q for r in chosen for q in r.questions}
    shown |= {q.id for q in law.questionnaire.questions if q.id not in read_anywhere}
    shown.add(ELEMENT_KIND_QUESTION)
    hidden: dict[str, frozenset[str]] = {}
    for question_id in shown:
        elsewhere = set().union(*(r.choices.get(question_id, frozenset()) for r in reads.values()))
        here = set().union(*(r.choices.get(question_id, frozenset()) for r in chosen))
        question = law.all_questions().get(question_id)
        if not (elsewhere - here) or question is None:
            continue
        # Hidden only if the chosen rule sets treat it exactly like a choice still offered:
        # then the verdicts asked about are the same whichever of the two is picked, and
        # no fact they read is lost. Otherwise it stays, though only others test it.
        ours = [test for r in chosen for test in (r.tests or {}).get(question_id, ())]
        offered = [c for c in question.choice_ids() if c not in elsewhere - here]
        masked = {c for c in elsewhere - here if any(_same_to(ours, c, other) for other in offered)}
        if masked:
            hidden[question_id] = frozenset(masked)
    return Relevance(law, tuple(jurisdictions), frozenset(shown), hidden)
