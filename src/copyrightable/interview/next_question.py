"""The interview behind `copyrightable ask`: which question comes next, and what an answer changes.

Pure logic, no terminal, so that it can be tested directly and driven by any
face (arrow-key screens, plain prompts, a script). The interview walks steps in
a fixed order: the title, the elements of the work (one per kind of material:
"the text", "the images", "the arrangement"), a name for each element, the
work questions, then each element's questions, in questionnaire order. The
matter's details (client, contributors, dates...) and the notes on answers
live in `meta`, outside that order: they change no question.

Three promises shape the code:

- Only what matters is asked. A question is asked only where its `ask_if`
  holds, and is skipped once no answer to it could change any verdict in any
  jurisdiction asked about (see `Interview._needed`); a question whose unknown
  no presumption resolves (`presumptions.must_ask`) is asked wherever any rule
  still hangs on it.
- No answer is ever lost. Changing an answer keeps every other answer; an
  answer whose question stops applying is set aside, not deleted, and comes
  back when the question applies again; the answers file records all of it.
- Nothing is silently assumed: "unknown" is an answer, an optional question
  left blank is recorded as such, and a skipped question is recorded as
  not needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..answers.answers_file import (
    ANSWER_NOTES,
    JURISDICTIONS,
    LIST_DETAILS,
    MATTER_DETAILS,
    answers_hash,
    answers_to_yaml,
    applicable_values,
    dates_in_order,
    is_asked,
    matter_detail,
    normalise_answer,
    note_key,
    typed_matter_detail,
)
from ..io.errors import InputError, Location
from ..law.conditions import NOT_APPLICABLE, PENDING, evaluate, questions_in
from ..law.loading import ELEMENT_KIND_QUESTION, Law
from ..law.model import (
    LEFT_BLANK,
    NOT_NEEDED,
    UNKNOWN,
    All,
    Answers,
    Any_,
    Condition,
    Element,
    FindingRef,
    InterviewRecord,
    Leaf,
    Not,
    Question,
    Scope,
    Truth,
)
from ..law.presumptions import must_ask
from ..law.relevance import relevance
from ..reasoning.ruleset_evaluation import PreparedRuleSet, rule_truths

_HERE = Location("<answer>")


class StepKind(StrEnum):
    TITLE = "title"
    ELEMENTS = "elements"
    LABEL = "label"
    QUESTION = "question"
    DETAIL = "detail"  # a matter detail of meta (client, dates...): never part of the plan


@dataclass(frozen=True)
class Step:
    """One thing the interview asks. `element` is None for the work as a whole."""

    kind: StepKind
    element: str | None = None
    question: str | None = None


TITLE = Step(StepKind.TITLE)
ELEMENTS = Step(StepKind.ELEMENTS)
DETAILS = tuple(Step(StepKind.DETAIL, question=key) for key in MATTER_DETAILS)


class Status(StrEnum):
    ANSWERED = "answered"
    LEFT_BLANK = LEFT_BLANK  # optional, and the user chose not to answer
    NOT_NEEDED = NOT_NEEDED  # no answer could change any verdict any more
    PENDING = "pending"  # still to be asked


@dataclass
class Part:
    """An element of the work while it is being described."""

    id: str
    kind: str
    label: str
    answers: dict[str, Any] = field(default_factory=dict)
    set_aside: dict[str, Any] = field(default_factory=dict)
    left_blank: set[str] = field(default_factory=set)
    labelled: bool = True


@dataclass(frozen=True)
class Plan:
    """Every step that applies now, in interview order, with its status."""

    steps: tuple[tuple[Step, Status], ...]

    def status(self, step: Step) -> Status | None:
        for candidate, status in self.steps:
            if candidate == step:
                return status
        return None

    def pending(self) -> list[Step]:
        return [step for step, status in self.steps if status is Status.PENDING]

    def count(self, status: Status) -> int:
        return sum(1 for _, found in self.steps if found is status)


@dataclass(frozen=True)
class Change:
    """What an answer did besides recording itself, so the screen can say so."""

    set_aside: int = 0  # answers moved aside because their question stopped applying
    restored: int = 0  # answers brought back because their question applies again
    newly_pending: int = 0  # questions that now need an answer
    skipped: int = 0  # questions that can no longer change a verdict
    skipped_steps: tuple[Step, ...] = ()  # which, so the screen can name them


class Interview:
    """The state of one interview and the rules for moving through it."""

    def __init__(
        self,
        law: Law,
        prepared: Sequence[PreparedRuleSet],
        meta: Mapping[str, Any] | None = None,
        lang: str = "en",
    ) -> None:
        self.law = law
        self.lang = lang  # for the names elements get before the user names them
        self.prepared = list(prepared)
        self.meta: dict[str, Any] = dict(meta or {})
        self.title: str | None = self.meta.get("title")
        self.elements_chosen = False
        self.work: dict[str, Any] = {}
        self.work_set_aside: dict[str, Any] = {}
        self.work_left_blank: set[str] = set()
        self.parts: list[Part] = []
        self._removed: list[Part] = []  # unticked elements, restored if ticked again
        self._questions = law.questions()
        self._all_questions = law.all_questions()
        self._work_questions = law.questionnaire.in_scope(Scope.WORK)
        self._element_questions = law.questionnaire.in_scope(Scope.ELEMENT)
        self._kind_labels = {entry.id: entry.label for entry in law.vocabulary.element_kinds}
        self._plan: Plan | None = None
        # the Chinese of texts a resumed file gave in both languages (Answers.translations),
        # written back with them; a text changed in the interview drops its translation
        self.translations: dict[str, str] = {}
        self.use(prepared)

    def use(self, prepared: Sequence[PreparedRuleSet]) -> None:
        """Ask about these rule sets from now on (the jurisdictions ticked); answers stay."""
        self.prepared = list(prepared)
        ids = [p.ruleset.id for p in self.prepared]
        self.meta[JURISDICTIONS] = ids
        self._concluding_rules = [_seen_by_reader(p) for p in self.prepared]
        # questions whose unknown no presumption of a selected rule set resolves: asked
        # wherever a rule still hangs on them, never skipped (presumptions.must_ask)
        self._must_ask = frozenset(
            q.id for q in self.law.questionnaire.questions if must_ask(self.law, ids, q.id)
        )
        self._rules_reading = [
            [(rule, questions_in(rule.when) & self._must_ask) for rule in p.ruleset.rules]
            for p in self.prepared
        ]
        # what concerns the jurisdictions asked about (the rest is never shown)
        self.relevance = relevance(self.law, ids)
        self._plan = None
        # per (rule set, element): the values last planned for and what they needed
        self._needed_memory: dict[tuple[int, str], tuple[tuple[Any, ...], frozenset[str]]] = {}

    @property
    def jurisdictions(self) -> list[str]:
        return [p.ruleset.id for p in self.prepared]

    # ------------------------------------------------------------ loading

    @classmethod
    def from_answers(
        cls, answers: Answers, law: Law, prepared: Sequence[PreparedRuleSet], lang: str = "en"
    ) -> Interview:
        """Continue from an answers file (finished or not), loaded with `partial=True`."""
        interview = cls(law, prepared, answers.meta, lang)
        interview.translations = dict(answers.translations)  # kept, unless changed
        interview.work = dict(answers.work)
        interview.elements_chosen = bool(answers.elements)
        record = answers.interview
        not_asked = record.not_asked if record else {}
        set_aside = record.set_aside if record else {}
        interview.work_set_aside = dict(set_aside.get(None, {}))
        interview.work_left_blank = {
            q for q, why in not_asked.get(None, {}).items() if why == LEFT_BLANK
        }
        for element in answers.elements:
            interview.parts.append(
                Part(
                    id=element.id,
                    kind=element.kind,
                    label=element.label,
                    answers=dict(element.answers),
                    set_aside=dict(set_aside.get(element.id, {})),
                    left_blank={
                        q for q, why in not_asked.get(element.id, {}).items() if why == LEFT_BLANK
                    },
                )
            )
        interview._reconcile()
        return interview

    # ------------------------------------------------------------ questions

    def question(self, step: Step) -> Question:
        if step.kind is not StepKind.QUESTION or step.question is None:
            raise ValueError(f"{step} is not a question of the questionnaire")
        question = self._questions[step.question]
        if step.element is not None and question.by_kind:  # worded for the element's kind
            question = question.for_kind(self.part(step.element).kind)
        return question

    def part(self, element_id: str) -> Part:
        for part in self.parts:
            if part.id == element_id:
                return part
        raise KeyError(element_id)

    def kind_label(self, kind: str) -> Any:
        return self._kind_labels[kind]

    def short_kind_label(self, kind: str, lang: str) -> str:
        """The kind's label without its explanation in brackets: a name for an element."""
        return re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", self._kind_labels[kind].get(lang))

    def kinds(self) -> list[str]:
        return list(self._kind_labels)

    def value(self, step: Step) -> Any:
        """The current answer to a step, or None if it has none."""
        if step.kind is StepKind.TITLE:
            return self.title
        if step.kind is StepKind.ELEMENTS:
            return [part.kind for part in self.parts] if self.elements_chosen else None
        if step.kind is StepKind.LABEL:
            part = self.part(step.element)  # type: ignore[arg-type]
            return part.label if part.labelled else None
        if step.kind is StepKind.DETAIL:
            return self.meta.get(step.question)  # type: ignore[arg-type]
        return self._answers_of(step.element).get(step.question)  # type: ignore[arg-type]

    # ------------------------------------------------------------ where we are

    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def next_step(self) -> Step | None:
        """The first step still to be asked, in interview order; None when all are done."""
        pending = self.plan().pending()
        return pending[0] if pending else None

    def previous_step(self, current: Step | None) -> Step | None:
        """The answered step just before `current` (before the end when None)."""
        visible = [step for step, status in self.plan().steps if status is not Status.NOT_NEEDED]
        end = visible.index(current) if current in visible else len(visible)
        for step in reversed(visible[:end]):
            if self.plan().status(step) is not Status.PENDING:
                return step
        return None

    def can_answer_anyway(self, step: Step) -> bool:
        """Whether a question skipped as not needed may still be answered from the review.

        Only if it applies with every other unanswered question taken as unknown,
        as evaluation takes them; otherwise the answers file would hold an answer
        to a question that does not apply.
        """
        if step.kind is not StepKind.QUESTION:
            return True
        work_values = applicable_values(self.law.questionnaire, self.work, None)
        if step.element is None:
            values = work_values
        else:
            part = self.part(step.element)
            values = applicable_values(self.law.questionnaire, part.answers, work_values, part.kind)
        return values.get(step.question) != NOT_APPLICABLE  # type: ignore[arg-type]

    @property
    def complete(self) -> bool:
        return self.title is not None and self.elements_chosen and self.next_step() is None

    # ------------------------------------------------------------ changes

    def answer(self, step: Step, raw: Any) -> Change:
        """Record an answer (raw as typed or chosen); InputError if the question refuses it."""
        before = self.plan()
        if step.kind is StepKind.TITLE:
            text = str(raw).strip()
            if not text:
                raise InputError("the title is empty", _HERE, "some text")
            if text != self.title:
                self.translations.pop("meta.title", None)
            self.title = text
        elif step.kind is StepKind.ELEMENTS:
            self._choose_kinds(list(raw))
        elif step.kind is StepKind.LABEL:
            part = self.part(step.element)  # type: ignore[arg-type]
            text = str(raw).strip()
            label = text or self.short_kind_label(part.kind, self.lang)
            if label != part.label:
                self.translations.pop(f"elements.{part.id}.label", None)
            part.label = label
            part.labelled = True
        elif step.kind is StepKind.DETAIL:
            key = str(step.question)
            if isinstance(raw, list | tuple) and key in LIST_DETAILS:
                value = matter_detail(key, list(raw), _HERE) if raw else None
            else:
                value = typed_matter_detail(key, "" if raw is None else str(raw), _HERE)
            dates_in_order({**self.meta, key: value}, _HERE)  # refused before it is kept
            if value != self.meta.get(key):
                self.translations.pop(f"meta.{key}", None)
            if value is None:
                self.meta.pop(key, None)
            else:
                self.meta[key] = value
            return Change()  # the matter's details change no question
        else:
            question = self.question(step)
            value = normalise_answer(question, raw, _HERE)
            self._answers_of(step.element)[question.id] = value
            self._left_blank_of(step.element).discard(question.id)
        return self._changed(before)

    def note(self, step: Step) -> str | None:
        """The note on a question's answer ("SD 1.5, denoise 0.45, 40 candidates"), if any."""
        if step.kind is not StepKind.QUESTION or step.question is None:
            return None
        notes = self.meta.get(ANSWER_NOTES) or {}
        return notes.get(note_key(step.element, step.question))  # type: ignore[no-any-return]

    def set_note(self, step: Step, text: str) -> None:
        """Write (or, with empty text, remove) the note on a question's answer."""
        if step.kind is not StepKind.QUESTION or step.question is None:
            raise ValueError(f"{step} has no answer to note")
        if "\x00" in text or any(ord(c) < 32 and c not in "\t\n" for c in text):
            raise InputError("the note contains a control character", _HERE, "printable text")
        notes = dict(self.meta.get(ANSWER_NOTES) or {})
        key = note_key(step.element, step.question)
        if text.strip():
            notes[key] = text.strip()
        else:
            notes.pop(key, None)
        if notes:
            self.meta[ANSWER_NOTES] = notes
        else:
            self.meta.pop(ANSWER_NOTES, None)

    def leave_blank(self, step: Step) -> Change:
        """Leave an optional question unanswered, on purpose (recorded as left blank)."""
        question = self.question(step)
        if question.required:
            raise InputError(
                f"question {question.id!r} needs an answer",
                _HERE,
                "an answer" + (" or unknown" if question.unknown_allowed else ""),
            )
        before = self.plan()
        self._answers_of(step.element).pop(question.id, None)
        self._left_blank_of(step.element).add(question.id)
        return self._changed(before)

    def add_element(self, kind: str) -> Step:
        """One more element of a kind (a second image, say); returns its naming step."""
        if kind not in self._kind_labels:
            raise InputError(
                f"unknown element kind {kind!r}", _HERE, "one of: " + ", ".join(self._kind_labels)
            )
        part = Part(
            self._new_id(kind), kind, self.short_kind_label(kind, self.lang), labelled=False
        )
        self.parts.append(part)
        self.elements_chosen = True
        self._reconcile()
        return Step(StepKind.LABEL, part.id)

    def _choose_kinds(self, kinds: list[str]) -> None:
        if not kinds:
            raise InputError("no element chosen", _HERE, "at least one element")
        for kind in kinds:
            if kind not in self._kind_labels:
                raise InputError(
                    f"unknown element kind {kind!r}",
                    _HERE,
                    "one of: " + ", ".join(self._kind_labels),
                )
        keep = [part for part in self.parts if part.kind in kinds]
        self._removed.extend(part for part in self.parts if part.kind not in kinds)
        self.parts = keep
        for kind in [k for k in self._kind_labels if k in kinds]:  # vocabulary order
            if any(part.kind == kind for part in self.parts):
                continue
            returning = [part for part in self._removed if part.kind == kind]
            if returning:
                for part in returning:
                    self._removed.remove(part)
                self.parts.extend(returning)
            else:
                self.parts.append(
                    Part(
                        self._new_id(kind),
                        kind,
                        self.short_kind_label(kind, self.lang),
                        labelled=False,
                    )
                )
        self.elements_chosen = True

    def _new_id(self, kind: str) -> str:
        taken = {part.id for part in self.parts} | {part.id for part in self._removed}
        base = re.sub(r"[^a-z0-9_]", "_", kind.lower()) or "element"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}_{number}"
        return candidate

    def _changed(self, before: Plan) -> Change:
        moved, restored = self._reconcile()
        after = self.plan()
        was = dict(before.steps)
        newly = sum(
            1
            for step, status in after.steps
            if status is Status.PENDING and was.get(step) is not Status.PENDING
        )
        skipped = tuple(
            step
            for step, status in after.steps
            if status is Status.NOT_NEEDED
            and was.get(step) is not Status.NOT_NEEDED
            and step.question is not None
            and self.relevance.shows(step.question)
        )
        return Change(moved, restored, newly, len(skipped), skipped)

    def _reconcile(self) -> tuple[int, int]:
        """Set aside answers whose question stopped applying; restore those that apply again.

        One pass in questionnaire order is enough, because an ask_if only looks
        at questions listed earlier (the loader checks this).
        """
        self._plan = None
        moved = restored = 0
        work_values, m, r = self._settle(None, self._work_questions, {}, True)
        moved, restored = moved + m, restored + r
        for part in self.parts:
            _, m, r = self._settle(part, self._element_questions, work_values, True)
            moved, restored = moved + m, restored + r
        return moved, restored

    def _settle(
        self,
        part: Part | None,
        questions: Iterable[Question],
        inherited: Mapping[str, Any],
        mutate: bool,
    ) -> tuple[dict[str, Any], int, int]:
        """One scope's values in questionnaire order; with `mutate`, move answers
        aside or back as their questions stop or start applying."""
        answers = part.answers if part else self.work
        aside = part.set_aside if part else self.work_set_aside
        blank = part.left_blank if part else self.work_left_blank
        values: dict[str, Any] = dict(inherited)
        if part is not None:
            values[ELEMENT_KIND_QUESTION] = part.kind
        moved = restored = 0
        for question in questions:
            if is_asked(question, values):
                if mutate and question.id not in answers and question.id in aside:
                    answers[question.id] = aside.pop(question.id)
                    restored += 1
                values[question.id] = self._value_of(question.id, answers, blank)
            else:
                if mutate and question.id in answers:
                    aside[question.id] = answers.pop(question.id)
                    moved += 1
                values[question.id] = NOT_APPLICABLE
        return values, moved, restored

    @staticmethod
    def _value_of(question_id: str, answers: Mapping[str, Any], blank: set[str]) -> Any:
        if question_id in answers:
            return answers[question_id]
        return UNKNOWN if question_id in blank else PENDING

    def _answers_of(self, element_id: str | None) -> dict[str, Any]:
        return self.part(element_id).answers if element_id else self.work

    def _left_blank_of(self, element_id: str | None) -> set[str]:
        return self.part(element_id).left_blank if element_id else self.work_left_blank

    # ------------------------------------------------------------ the plan

    def _values(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """Each scope's values as the rules see them, with PENDING for what is not yet asked."""
        work_values, _, _ = self._settle(None, self._work_questions, {}, False)
        per_element = {
            part.id: self._settle(part, self._element_questions, work_values, False)[0]
            for part in self.parts
        }
        return work_values, per_element

    def _make_plan(self) -> Plan:
        steps: list[tuple[Step, Status]] = [
            (TITLE, Status.ANSWERED if self.title else Status.PENDING),
            (ELEMENTS, Status.ANSWERED if self.elements_chosen else Status.PENDING),
        ]
        if not self.elements_chosen:
            return Plan(tuple(steps))
        for part in self.parts:
            steps.append(
                (
                    Step(StepKind.LABEL, part.id),
                    Status.ANSWERED if part.labelled else Status.PENDING,
                )
            )
        work_values, per_element = self._values()
        needed = self._needed(per_element)
        scopes: list[tuple[str | None, list[Question], Mapping[str, Any], Part | None]] = [
            (None, self._work_questions, work_values, None)
        ]
        scopes += [
            (part.id, self._element_questions, per_element[part.id], part) for part in self.parts
        ]
        for scope, questions, values, owner in scopes:
            answers = owner.answers if owner else self.work
            blank = owner.left_blank if owner else self.work_left_blank
            for question in questions:
                if values[question.id] == NOT_APPLICABLE:
                    continue
                step = Step(StepKind.QUESTION, scope, question.id)
                if question.id in answers:
                    status = Status.ANSWERED
                elif question.id in blank:
                    status = Status.LEFT_BLANK
                elif (scope, question.id) in needed:
                    status = Status.PENDING
                else:
                    status = Status.NOT_NEEDED
                steps.append((step, status))
        return Plan(tuple(steps))

    def _needed(self, per_element: Mapping[str, Mapping[str, Any]]) -> set[tuple[str | None, str]]:
        """The pending questions whose answer could still change what the result says.

        With every unasked question pending, a rule whose condition is already
        true or false stays so however they are answered (three-valued logic is
        monotone, and a pending value makes every test on it unknown). So only
        the rules a reader of the result sees (a verdict, an author, protected or
        excluded material, advice, a reported finding: `_seen_by_reader`),
        directly or through the findings they read, can still change while they
        are unknown. A pending question is needed if it occurs in an
        unknown part of such a rule's condition, or in the ask_if of a needed
        question. This costs one evaluation of each rule set per element and
        never skips a question whose answer could change what the result says.
        """
        needed: set[tuple[str | None, str]] = set()
        for part in self.parts:
            values = per_element[part.id]
            key = tuple(values.items())
            found: set[str] = set()
            for index, (prepared, rules) in enumerate(
                zip(self.prepared, self._concluding_rules, strict=True)
            ):
                # an answer changes one element's values (or the work's): the other
                # elements' findings are those of the last plan, remembered by value
                memory = self._needed_memory.get((index, part.id))
                if memory is not None and memory[0] == key:
                    found |= memory[1]
                    continue
                here = self._needed_in(index, prepared, rules, values)
                self._needed_memory[(index, part.id)] = (key, here)
                found |= here
            frontier = list(found)
            while frontier:  # a needed question's ask_if makes its inputs needed too
                question = self._all_questions[frontier.pop()]
                if question.ask_if is None:
                    continue
                inputs: set[str] = set()
                _pending_in(question.ask_if, values, {}, inputs, lambda f: [], None, set())
                for name in inputs - found:
                    found.add(name)
                    frontier.append(name)
            for name in found:
                scope = None if self._all_questions[name].scope is Scope.WORK else part.id
                needed.add((scope, name))
        return needed

    def _needed_in(
        self,
        index: int,
        prepared: PreparedRuleSet,
        rules: Sequence[Any],
        values: Mapping[str, Any],
    ) -> frozenset[str]:
        """The pending questions one rule set still needs for one element's values."""
        found: set[str] = set()
        truths, findings = rule_truths(prepared, values)
        visited: set[str] = set()
        for rule in rules:
            if truths[rule.id] is Truth.UNKNOWN:
                _pending_in(
                    rule.when,
                    values,
                    findings,
                    found,
                    lambda f, p=prepared, t=truths: [
                        r for r in p.derivers.get(f, ()) if t[r] is Truth.UNKNOWN
                    ],
                    prepared,
                    visited,
                )
        pending_must = {q for q in self._must_ask if values.get(q) == PENDING}
        if pending_must:  # asked wherever any rule still hangs on them
            for rule, reads in self._rules_reading[index]:
                if reads & pending_must and truths[rule.id] is Truth.UNKNOWN:
                    more: set[str] = set()
                    _pending_in(rule.when, values, findings, more, lambda f: [], None, set())
                    found |= more & pending_must
        return frozenset(found)

    # ------------------------------------------------------------ output

    def elements(self) -> list[Element]:
        return [Element(part.id, part.kind, part.label, dict(part.answers)) for part in self.parts]

    def record(self) -> InterviewRecord:
        """meta.interview: progress, questions not asked and why, answers set aside."""
        plan = self.plan()
        not_asked: dict[str | None, dict[str, str]] = {}
        for step, status in plan.steps:
            if step.kind is StepKind.QUESTION and status in (Status.NOT_NEEDED, Status.LEFT_BLANK):
                not_asked.setdefault(step.element, {})[step.question] = status.value  # type: ignore[index]
        set_aside: dict[str | None, dict[str, Any]] = {}
        if self.work_set_aside:
            set_aside[None] = dict(self.work_set_aside)
        for part in self.parts:
            if part.set_aside:
                set_aside[part.id] = dict(part.set_aside)
        return InterviewRecord(self.complete, not_asked, set_aside)

    def file_meta(self, answered_at: str, language: str) -> dict[str, Any]:
        """meta as saved: the matter's details in their order, notes of current elements only.

        A note on an element that was unticked stays in memory (ticking it again brings
        it back with the answers) but is not saved, as the element's answers are not.
        """
        meta = {
            key: value
            for key, value in self.meta.items()
            if key not in ("schema", "tool", "title", "answered_at", "language", ANSWER_NOTES)
            and key not in MATTER_DETAILS
        }
        details = {key: self.meta[key] for key in MATTER_DETAILS if self.meta.get(key)}
        ids = {part.id for part in self.parts}
        notes = {
            key: text
            for key, text in sorted((self.meta.get(ANSWER_NOTES) or {}).items())
            if "." not in key or key.rpartition(".")[0] in ids
        }
        if notes:
            meta[ANSWER_NOTES] = notes
        return {
            "title": self.title or "",
            "answered_at": answered_at,
            "language": language,
            **details,
            **meta,
        }

    def to_yaml(self, answered_at: str, language: str) -> str:
        """The answers file as it stands (a draft until `complete`)."""
        return answers_to_yaml(
            self.file_meta(answered_at, language),
            self.work,
            self.elements(),
            self.law,
            self.record(),
            self.translations,
        )

    def answers(self, source: str, answered_at: str, language: str) -> Answers:
        """The answers as evaluation sees them (unasked questions count as unknown)."""
        elements = tuple(self.elements())
        return Answers(
            meta={"schema": 1, **self.file_meta(answered_at, language)},
            work=dict(self.work),
            elements=elements,
            source=source,
            sha256=answers_hash(self.work, elements),
            interview=self.record(),
        )


def _seen_by_reader(prepared: PreparedRuleSet) -> list[Any]:
    """The rules whose conclusion a reader of the result sees: a verdict, an author
    (decided apart from the verdict), protected or excluded material, advice, or a
    finding the opinion states for its own sake (a term, a first owner)."""
    reported = {finding.id for finding in prepared.ruleset.findings if finding.reported}
    return [
        rule
        for rule in prepared.ruleset.rules
        if rule.then.verdict is not None
        or rule.then.recommend
        or rule.then.author is not None
        or rule.then.protects
        or rule.then.excludes
        or reported.intersection(rule.then.findings)
    ]


def _pending_in(
    condition: Condition,
    values: Mapping[str, Any],
    findings: Mapping[str, Truth],
    found: set[str],
    producers: Any,
    prepared: PreparedRuleSet | None,
    visited: set[str],
) -> None:
    """Collect the pending questions in the parts of a condition that are still unknown.

    A part that is already true or false cannot change, whatever its pending
    questions are answered; a finding that is unknown leads into the rules that
    could still establish it.
    """
    if evaluate(condition, values, findings) is not Truth.UNKNOWN:
        return
    if isinstance(condition, Leaf):
        if values.get(condition.question) == PENDING:
            found.add(condition.question)
    elif isinstance(condition, FindingRef):
        for rule_id in producers(condition.finding):
            if rule_id in visited or prepared is None:
                continue
            visited.add(rule_id)
            _pending_in(
                prepared.ruleset.rule(rule_id).when,
                values,
                findings,
                found,
                producers,
                prepared,
                visited,
            )
    elif isinstance(condition, Not):
        _pending_in(condition.part, values, findings, found, producers, prepared, visited)
    elif isinstance(condition, All | Any_):
        for part in condition.parts:
            _pending_in(part, values, findings, found, producers, prepared, visited)
