"""Answers files: load and validate them against the questionnaire, and save them.

An answers file is what a lawyer's client said, so it is validated as strictly
as the law: an unknown question id, a wrong type, a choice that is not offered,
a required answer missing, or an answer to a question that does not apply is
one clear error with file:line. "unknown" is kept as a real answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from ..io.errors import InputError, Location, did_you_mean
from ..io.yaml_files import LocatedDict, load_yaml_file, load_yaml_text, where
from ..law import yaml_values
from ..law.conditions import NOT_APPLICABLE, evaluate, expected_for, normalise_answer, questions_in
from ..law.loading import ELEMENT_KIND_QUESTION, Law
from ..law.model import (
    LEFT_BLANK,
    NOT_NEEDED,
    UNKNOWN,
    Answers,
    Condition,
    Element,
    InterviewRecord,
    LowerBound,
    Question,
    Questionnaire,
    QuestionType,
    RuleValues,
    Scope,
    Truth,
    plain_answer,
)

# Truth members as module constants: faster in hot loops (see law/conditions.py).
_FALSE = Truth.FALSE


SCHEMA_VERSION = 1
# A work is divided into a few elements (text, images, arrangement); each one
# becomes a full explanation under every rule set, so the count is bounded.
MAX_ELEMENTS = 100
# The matter's details (all optional), in the order the interview asks them: who the
# opinion is for, who answered, who the human contributors are, which AI tools were
# used, and when the work was made and published (docs/ask.md, "Matter details").
MATTER_DETAILS = (
    "client",
    "matter",
    "answered_by",
    "contributors",
    "ai_tools",
    "created",
    "published",
)
LIST_DETAILS = ("contributors", "ai_tools")  # lists of one-line names
DATE_DETAILS = ("created", "published")  # ISO dates, or YYYY / YYYY-MM when that is all one knows
ANSWER_NOTES = "answer_notes"  # QUESTION or ELEMENT.QUESTION -> a free-text note
JURISDICTIONS = "jurisdictions"  # the rule sets ticked in `ask`, kept for --resume
_META_BILINGUAL = ("answered_by", "notes")  # besides the title: plain, or {en, zh}
_META_OPTIONAL = (
    "tool",
    "answered_at",
    "language",
    "notes",
    *MATTER_DETAILS,
    ANSWER_NOTES,
    JURISDICTIONS,
)
_META_INTERVIEW = "interview"  # written by `copyrightable ask`; see InterviewRecord
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LIST_SEPARATORS = re.compile(r"[;；,，、]")


def load_answers(path: Path | str, law: Law, partial: bool = False) -> Answers:
    """Read and validate an answers file (or the `answers:` part of a case file).

    `partial` accepts an unfinished interview: every id, type and choice is
    still checked, but required answers may be missing, there may be no element
    yet, and an answer may depend on a question still open. Evaluation always
    loads strictly.
    """
    path = Path(path)
    data = load_yaml_file(path)
    if isinstance(data, LocatedDict) and "case" in data:  # a case file of the library
        if "answers" not in data:
            raise InputError(
                "this case file has facts but no answers (a facts-only case)",
                data.where("case"),
                "a case file with an 'answers:' block",
            )
        data = data["answers"]
    return answers_from_data(data, law, str(path), partial)


def answers_from_text(text: str, law: Law, display: str, partial: bool = False) -> Answers:
    return answers_from_data(load_yaml_text(text, display), law, display, partial)


def answers_from_data(data: Any, law: Law, display: str, partial: bool = False) -> Answers:
    top = yaml_values.mapping(
        data, "answers file", Location(display), required=("meta", "elements"), optional=("work",)
    )
    translations: dict[str, str] = {}  # the Chinese of texts given in both languages
    meta = _meta(top["meta"], top.where("meta"), law, translations)
    questions = law.questions()
    work_raw = top.get("work")
    if work_raw is None:  # `work:` left empty, or no work-level answers at all
        work_raw = {}
    work_body = yaml_values.mapping(
        work_raw, "'work'", top.where("work"), optional=list(questions)
    )  # did-you-mean over every id
    work = _scope_answers(work_body, questions, Scope.WORK, top.where("work"))
    elements_body = top["elements"]
    if not isinstance(elements_body, LocatedDict):
        raise InputError(
            f"'elements' is {yaml_values.type_name(elements_body)}",
            top.where("elements"),
            "a mapping of element id to element",
        )
    if not elements_body and not partial:
        raise InputError(
            "'elements' is empty",
            top.where("elements"),
            "at least one element of the work (e.g. text, images)",
        )
    if len(elements_body) > MAX_ELEMENTS:
        raise InputError(
            f"the work has {len(elements_body):,} elements",
            top.where("elements"),
            f"at most {MAX_ELEMENTS} (group similar material into one element)",
        )
    record = None
    if _META_INTERVIEW in top["meta"]:
        record = _interview_record(top["meta"], law, list(elements_body))
    not_asked = record.not_asked if record else {}
    unfinished = record is not None and not record.complete
    work_values = applicable_values(law.questionnaire, work, None)
    if not partial:
        _check_required(
            law.questionnaire,
            Scope.WORK,
            work,
            work_values,
            top.where("work"),
            None,
            not_asked.get(None, {}),
            unfinished,
            display,
        )
    kinds = law.vocabulary.ids("element_kinds")
    elements = []
    element_values: dict[str, dict[str, Any]] = {}  # each element's, for both checks below
    for element_id, raw in elements_body.items():
        at = elements_body.where(element_id)
        yaml_values.identifier(element_id, "element id", at)
        body = yaml_values.mapping(
            raw, f"element {element_id!r}", at, required=("kind", "answers"), optional=("label",)
        )
        kind = yaml_values.one_of(body["kind"], "kind", body.where("kind"), kinds)
        label = element_id
        if "label" in body:
            label, label_zh = yaml_values.line_or_bilingual(
                body["label"], "label", body.where("label")
            )
            if label_zh is not None:
                translations[f"elements.{element_id}.label"] = label_zh
        raw_answers = {} if body["answers"] is None else body["answers"]
        answers_body = yaml_values.mapping(
            raw_answers,
            f"answers of element {element_id!r}",
            body.where("answers"),
            optional=list(questions),
        )
        answers = _scope_answers(answers_body, questions, Scope.ELEMENT, body.where("answers"))
        values = applicable_values(law.questionnaire, answers, work_values, kind)
        if not partial:
            _check_required(
                law.questionnaire,
                Scope.ELEMENT,
                answers,
                values,
                body.where("answers"),
                element_id,
                not_asked.get(element_id, {}),
                unfinished,
                display,
            )
        elements.append(Element(element_id, kind, label, answers))
        element_values[element_id] = values
    # Answers to questions that do not apply are mistakes, except in a draft, where
    # whether a question applies may hang on a question still open (the interview
    # sets aside what turns out not to apply, and loses nothing).
    for element in elements if not partial else ():
        _check_not_applicable(
            law.questionnaire,
            element.answers,
            element_values[element.id],
            elements_body[element.id]["answers"],
            element.id,
        )
    if not partial:
        _check_not_applicable(law.questionnaire, work, work_values, work_body, None)
    if record is not None:
        _check_record_against_answers(record, work, elements, law, top["meta"])
    if ANSWER_NOTES in top["meta"] and top["meta"][ANSWER_NOTES] is not None:
        notes = answer_notes(
            top["meta"][ANSWER_NOTES], top["meta"].where(ANSWER_NOTES), law, elements
        )
        if notes:
            meta[ANSWER_NOTES] = notes
    validated = Answers(
        meta=meta,
        work=work,
        elements=tuple(elements),
        source=display,
        sha256=answers_hash(work, elements),
        interview=record,
        translations=translations,
    )
    validated.keep_rule_values(RuleValues(law.questionnaire, element_values))
    return validated


def _meta(value: Any, location: Location, law: Law, translations: dict[str, str]) -> dict[str, Any]:
    """The validated meta; a title, notes or answered_by given as {en, zh} keeps its
    English here and its Chinese in `translations` (see Answers.translations)."""
    body = yaml_values.mapping(
        value,
        "'meta'",
        location,
        required=("schema", "title"),
        optional=(*_META_OPTIONAL, _META_INTERVIEW),
    )
    if type(body["schema"]) is not int or body["schema"] != SCHEMA_VERSION:
        raise InputError(
            f"answers schema {body['schema']!r} is not supported",
            body.where("schema"),
            f"schema: {SCHEMA_VERSION}",
        )
    meta: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
    }
    meta["title"], title_zh = yaml_values.line_or_bilingual(
        body["title"], "title", body.where("title")
    )
    if title_zh is not None:
        translations["meta.title"] = title_zh
    for key in _META_OPTIONAL:
        if key in body and body[key] is not None:
            item, at = body[key], body.where(key)
            if key == "answered_at":
                meta[key] = _moment(item, at)
            elif key == "language":
                meta[key] = yaml_values.one_of(item, "language", at, ("en", "zh"))
            elif key in _META_BILINGUAL:
                read = (
                    yaml_values.text_or_bilingual
                    if key == "notes"
                    else yaml_values.line_or_bilingual
                )
                meta[key], zh = read(item, key, at)
                if zh is not None:
                    translations[f"meta.{key}"] = zh
            elif key == ANSWER_NOTES:
                continue  # checked once the elements are known (answer_notes)
            elif key == JURISDICTIONS:
                meta[key] = _jurisdictions(item, at, law)
            else:  # tool and the matter's details
                detail = matter_detail(key, item, at)
                if detail is not None:
                    meta[key] = detail
    dates_in_order(meta, body.where("published") if "published" in body else location)
    return meta


class DatesOutOfOrder(InputError):
    """meta.published before meta.created: the interview says so in its own language."""

    def __init__(self, created: str, published: str, location: Location) -> None:
        super().__init__(
            f"published {published} is before created {created}",
            location,
            f"a date of publication on or after the date of creation ({created})",
        )
        self.created, self.published = created, published


def dates_in_order(meta: Mapping[str, Any], location: Location) -> None:
    """A work is not published before it is made; partial dates count as their span."""
    made, out = meta.get("created"), meta.get("published")
    if made and out and _latest(out) < _earliest(made):
        raise DatesOutOfOrder(made, out, location)


def matter_detail(key: str, value: Any, location: Location) -> Any:
    """One matter detail of meta, checked as strictly as an answer (None: an empty list).

    Names and references are printed on one line of the opinion, so a line break
    in them is refused; a date may be partial (2023, 2023-02) because a client
    often knows no more, and the opinion must not invent a day.
    """
    if key in LIST_DETAILS:
        items = yaml_values.sequence(value, key, location)
        names = [
            yaml_values.line(item, f"{key} entry", where(items, i, location))
            for i, item in enumerate(items)
        ]
        return [name.strip() for name in names] or None
    if key in DATE_DETAILS:
        return partial_date(value, key, location)
    return yaml_values.line(value, key, location).strip()  # client, matter, answered_by, tool


def partial_date(value: Any, what: str, location: Location) -> str:
    """An ISO date, or a year, or a year and month: kept as its ISO text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if type(value) is int and 1000 <= value <= 9999:  # `created: 2023` reads as a number
        return str(value)
    if isinstance(value, str):
        match = _PARTIAL_DATE.match(value.strip())
        if match:
            year, month, day = match.groups()
            try:
                dt.date(int(year), int(month or 1), int(day or 1))
                return value.strip()
            except ValueError:
                pass
    raise InputError(
        f"{what} is {yaml_values.type_name(value)}",
        location,
        "a date as YYYY-MM-DD, or YYYY-MM or YYYY where the day is not known, e.g. 2022-09",
    )


def _earliest(date: str) -> str:
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _latest(date: str) -> str:
    return (date + "-12-31")[:10] if len(date) == 4 else (date + "-31")[:10]


def _jurisdictions(value: Any, location: Location, law: Law) -> list[str]:
    items = yaml_values.sequence(value, JURISDICTIONS, location, allow_empty=False)
    known = tuple(law.available) or tuple(law.rulesets)  # loaded for this command or not
    chosen: list[str] = []
    for index, item in enumerate(items):
        at = where(items, index, location)
        if not isinstance(item, str) or item not in known:
            raise InputError(
                f"unknown jurisdiction {item!r}{did_you_mean(str(item), known)}",
                at,
                "one of: " + ", ".join(known),
            )
        if item not in chosen:
            chosen.append(item)
    return chosen


def typed_matter_detail(key: str, text: str, location: Location) -> Any:
    """A matter detail as typed in the interview (None: left empty, which removes it).

    Several names are typed on one line, separated by semicolons or commas.
    """
    text = text.strip()
    if not text:
        return None
    if key in LIST_DETAILS:
        return matter_detail(
            key, [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()], location
        )
    return matter_detail(key, text, location)


def note_key(element_id: str | None, question_id: str) -> str:
    """The key of an answer's note in meta.answer_notes: QUESTION or ELEMENT.QUESTION."""
    return question_id if element_id is None else f"{element_id}.{question_id}"


def answer_notes(
    value: Any, location: Location, law: Law, elements: list[Element] | tuple[Element, ...]
) -> dict[str, str]:
    """meta.answer_notes: each key a work question, or an element id and its question."""
    questions = law.questions()
    element_ids = [element.id for element in elements]
    if not isinstance(value, dict):
        raise InputError(
            f"{ANSWER_NOTES} is {yaml_values.type_name(value)}",
            location,
            "a mapping of QUESTION or ELEMENT.QUESTION to a note",
        )
    notes: dict[str, str] = {}
    for key, raw in value.items():
        at = where(value, key, location)
        text = key if isinstance(key, str) else ""
        element_id, _, question_id = text.rpartition(".")
        question = questions.get(question_id)
        if question is None:
            raise InputError(
                f"note on unknown question {question_id!r}{did_you_mean(question_id, questions)}",
                at,
                "QUESTION (a work question) or ELEMENT.QUESTION (an element's question)",
            )
        if element_id and element_id not in element_ids:
            raise InputError(
                f"note on unknown element {element_id!r}{did_you_mean(element_id, element_ids)}",
                at,
                "ELEMENT.QUESTION with an element of 'elements'",
            )
        if question.scope is Scope.ELEMENT and not element_id:
            raise InputError(
                f"note on element question {question_id!r} names no element",
                at,
                f"ELEMENT.{question_id}, e.g. {(element_ids or ['images'])[0]}.{question_id}",
            )
        if question.scope is Scope.WORK and element_id:
            raise InputError(
                f"note on work question {question_id!r} names an element",
                at,
                f"{question_id} alone (it is a question about the work as a whole)",
            )
        notes[text] = yaml_values.text(raw, f"note on {text}", at).strip()
    return notes


def _moment(value: Any, location: Location) -> str:
    """meta.answered_at: a date or a date and time (ISO 8601), kept as its ISO text.

    It is printed as "Answered on", so `5` or `yesterday` must not get there.
    """
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip() and not yaml_values.LINE_BREAK.search(value):
        try:
            (dt.datetime if "T" in value or " " in value.strip() else dt.date).fromisoformat(
                value.strip().replace("Z", "+00:00")
            )
            return yaml_values.text(value.strip(), "answered_at", location)
        except ValueError:
            pass
    raise InputError(
        f"answered_at is {yaml_values.type_name(value)}",
        location,
        "a date or a date and time, e.g. 2026-02-03 or 2026-02-03T09:30:00Z",
    )


def _scope_answers(
    body: LocatedDict, questions: Mapping[str, Question], scope: Scope, location: Location
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question_id, raw in body.items():
        at = body.where(question_id)
        question = questions[question_id]
        if question.scope is not scope:
            place = (
                "under 'work:'" if question.scope is Scope.WORK else "under an element's 'answers:'"
            )
            raise InputError(
                f"question {question_id!r} is a {question.scope.value} question", at, f"it {place}"
            )
        answers[question_id] = normalise_answer(question, raw, at)
    return answers


def applicable_values(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    work_values: Mapping[str, Any] | None,
    kind: str | None = None,
) -> dict[str, Any]:
    """The value of every question of a scope as the rules see it.

    A question is not applicable (n/a) when its ask_if is false; an applicable
    question nobody answered counts as unknown (never as "no").
    """
    scope = Scope.WORK if work_values is None else Scope.ELEMENT
    values: dict[str, Any] = dict(work_values or {})
    if kind is not None:
        values[ELEMENT_KIND_QUESTION] = kind
    answer = answers.get
    read = values.get
    for question_id, condition, reads, single, truths in _scope_plan(questionnaire, scope):
        if condition is not None:  # its truth remembered by the values of what it reads
            key = (
                read(single, NOT_APPLICABLE)
                if single is not None
                else tuple([read(q, NOT_APPLICABLE) for q in reads])
            )
            truth = truths.get(key)
            if truth is None:
                truth = evaluate(condition, values)
                if len(truths) >= MAX_REMEMBERED_ASK_IF:
                    truths.clear()
                truths[key] = truth
            if truth is _FALSE:
                values[question_id] = NOT_APPLICABLE
                continue
        values[question_id] = answer(question_id, UNKNOWN)
    return values


MAX_REMEMBERED_ASK_IF = 512  # truths per condition; beyond it that memory starts afresh
_Plan = list[tuple[str, Condition | None, tuple[str, ...], str | None, dict[Any, Truth]]]
_plans: dict[tuple[int, Scope], tuple[Questionnaire, _Plan]] = {}


def _scope_plan(questionnaire: Questionnaire, scope: Scope) -> _Plan:
    """A scope's questions in order, each with its ask_if, the questions that reads and
    the memory of its truths, kept per questionnaire. Every element of every
    evaluation decides which questions apply and the same few combinations of
    the values read recur; building the list and finding each memory by the
    condition's id was a third of applicable_values. Most conditions read one
    question (`single`), whose value is then the key itself, with no tuple built."""
    kept = _plans.get((id(questionnaire), scope))
    if kept is None or kept[0] is not questionnaire:
        if len(_plans) >= 64:  # questionnaires loaded again and again
            _plans.clear()
        plan: _Plan = []
        for q in questionnaire.in_scope(scope):
            reads = tuple(sorted(questions_in(q.ask_if))) if q.ask_if is not None else ()
            plan.append((q.id, q.ask_if, reads, reads[0] if len(reads) == 1 else None, {}))
        kept = _plans[(id(questionnaire), scope)] = (questionnaire, plan)
    return kept[1]


def is_asked(question: Question, values: Mapping[str, Any]) -> bool:
    """Whether the interview should ask this question, given the answers so far."""
    return question.ask_if is None or evaluate(question.ask_if, values) is not _FALSE


def _check_required(
    questionnaire: Questionnaire,
    scope: Scope,
    answers: Mapping[str, Any],
    values: Mapping[str, Any],
    location: Location,
    element_id: str | None = None,
    not_asked: Mapping[str, str] | None = None,
    unfinished: bool = False,
    display: str = "",
) -> None:
    for question in questionnaire.in_scope(scope):
        if (
            question.required
            and question.id not in answers
            and question.id not in (not_asked or {})
            and values.get(question.id) != NOT_APPLICABLE
        ):
            where_ = f" of element {element_id!r}" if element_id else ""
            expected = f"{question.id}: {expected_for(question)}"
            if unfinished:
                expected += (
                    " (this file is an unfinished interview: continue it with "
                    f"`copyrightable ask --resume {display}`)"
                )
            raise InputError(f"missing required answer {question.id!r}{where_}", location, expected)


# ------------------------------------------------------- the interview's record


def _interview_record(meta: LocatedDict, law: Law, element_ids: list[str]) -> InterviewRecord:
    """meta.interview: progress of `copyrightable ask`, validated as strictly as answers."""
    body = yaml_values.mapping(
        meta[_META_INTERVIEW],
        "'meta.interview'",
        meta.where(_META_INTERVIEW),
        required=("complete",),
        optional=("not_asked", "set_aside"),
    )
    complete = body["complete"]
    if not isinstance(complete, bool):
        raise InputError(
            f"'complete' is {yaml_values.type_name(complete)}",
            body.where("complete"),
            "yes or no (true/false)",
        )
    questions = law.questions()

    def reason(question: Question, raw: Any, at: Location) -> str:
        why = yaml_values.one_of(
            raw, f"reason for not asking {question.id!r}", at, (NOT_NEEDED, LEFT_BLANK)
        )
        if why == LEFT_BLANK and question.required:
            raise InputError(
                f"required question {question.id!r} cannot be left blank",
                at,
                f"{NOT_NEEDED}, or an answer",
            )
        return why

    not_asked = _per_scope(
        body.get("not_asked"),
        "'not_asked'",
        body.where("not_asked"),
        questions,
        element_ids,
        reason,
    )
    set_aside = _per_scope(
        body.get("set_aside"),
        "'set_aside'",
        body.where("set_aside"),
        questions,
        element_ids,
        normalise_answer,
    )
    return InterviewRecord(complete, not_asked, set_aside)


def _per_scope(
    value: Any,
    what: str,
    location: Location,
    questions: Mapping[str, Question],
    element_ids: list[str],
    convert: Any,
) -> dict[str | None, dict[str, Any]]:
    """`{work: {question: x}, elements: {element: {question: x}}}`, each x converted."""
    if value is None:
        return {}
    body = yaml_values.mapping(value, what, location, optional=("work", "elements"))
    found: dict[str | None, dict[str, Any]] = {}
    scopes: list[tuple[str | None, Any, Location, Scope]] = []
    if body.get("work") is not None:
        scopes.append((None, body["work"], body.where("work"), Scope.WORK))
    if body.get("elements") is not None:
        per_element = yaml_values.mapping(
            body["elements"], f"{what} 'elements'", body.where("elements"), optional=element_ids
        )
        for element_id, entry in per_element.items():
            scopes.append((element_id, entry, per_element.where(element_id), Scope.ELEMENT))
    for key, entry, at, scope in scopes:
        named = f"{what} of element {key!r}" if key else f"{what} 'work'"
        items = yaml_values.mapping(entry or {}, named, at, optional=list(questions))
        converted: dict[str, Any] = {}
        for question_id, raw in items.items():
            question = questions[question_id]
            if question.scope is not scope:
                place = "'work'" if question.scope is Scope.WORK else "an element"
                raise InputError(
                    f"question {question_id!r} is a {question.scope.value} question",
                    items.where(question_id),
                    f"it under {place}",
                )
            converted[question_id] = convert(question, raw, items.where(question_id))
        if converted:
            found[key] = converted
    return found


def _check_record_against_answers(
    record: InterviewRecord,
    work: Mapping[str, Any],
    elements: list[Element],
    law: Law,
    meta: LocatedDict,
) -> None:
    """A question is answered, not asked, or set aside: never two of these at once."""
    answered: dict[str | None, Mapping[str, Any]] = {None: work}
    answered.update({element.id: element.answers for element in elements})
    at = meta.where(_META_INTERVIEW)
    for section, entries in (("not_asked", record.not_asked), ("set_aside", record.set_aside)):
        for scope, items in entries.items():
            for question_id in items:
                if question_id in answered.get(scope, {}):
                    place = f"element {scope!r}" if scope else "the work"
                    raise InputError(
                        f"question {question_id!r} of {place} is answered and "
                        f"also listed under meta.interview.{section}",
                        at,
                        "each question answered or listed, not both",
                    )
    for scope, items in record.not_asked.items():
        for question_id in items:
            if question_id in record.set_aside.get(scope, {}):
                raise InputError(
                    f"question {question_id!r} is listed under both not_asked and set_aside",
                    at,
                    "one of the two",
                )


def _check_not_applicable(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    values: Mapping[str, Any],
    body: LocatedDict,
    element_id: str | None,
) -> None:
    for question_id in answers:
        if values.get(question_id) == NOT_APPLICABLE:
            where_ = f" for element {element_id!r}" if element_id else ""
            raise InputError(
                f"question {question_id!r} does not apply{where_}: its ask_if "
                "does not hold for the other answers",
                body.where(question_id),
                "no answer here, or a change to the answer it depends on",
            )


def answers_hash(work: Mapping[str, Any], elements: tuple[Element, ...] | list[Element]) -> str:
    """A hash of what was answered, independent of formatting, comments and meta."""
    canonical = {
        "work": work,
        "elements": [
            {"id": e.id, "kind": e.kind, "label": e.label, "answers": e.answers} for e in elements
        ],
    }
    return hashlib.sha256(_CANONICAL.encode(canonical).encode("utf-8")).hexdigest()


# What json.dumps(sort_keys=True, ensure_ascii=False, default=plain_answer) writes, with
# one encoder for every hash instead of one a call; it sorts every mapping's keys itself.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=plain_answer)


# ---------------------------------------------------------------------- saving


def answer_to_yaml(question: Question, value: Any) -> Any:
    """The plain YAML form of a normalised answer (the inverse of normalise_answer)."""
    if value == UNKNOWN:
        return UNKNOWN
    if question.type is QuestionType.YES_NO:
        return "yes" if value else "no"
    if question.type is QuestionType.MULTIPLE:
        return list(value)
    if isinstance(value, LowerBound):
        return value.as_data()
    if question.type is QuestionType.NUMBER and float(value).is_integer():
        return int(value)
    return value


def answers_to_yaml(
    meta: Mapping[str, Any],
    work: Mapping[str, Any],
    elements: list[Element] | tuple[Element, ...],
    law: Law,
    interview: InterviewRecord | None = None,
    translations: Mapping[str, str] | None = None,
) -> str:
    """Serialise answers in questionnaire order, so diffs between saves stay small.

    `translations` (as Answers.translations: "meta.title", "elements.ID.label"...)
    writes those texts as {en, zh} again, so a file given in both languages keeps
    its Chinese when `ask` saves it back.
    """
    questions = law.questions()
    order = [question.id for question in law.questionnaire.questions]
    full_meta = {"schema": SCHEMA_VERSION, "tool": __version__, **meta}
    full_meta.pop(_META_INTERVIEW, None)
    chinese = dict(translations or {})
    for key in ("title", *_META_BILINGUAL):
        if f"meta.{key}" in chinese and isinstance(full_meta.get(key), str):
            full_meta[key] = {"en": full_meta[key], "zh": chinese[f"meta.{key}"]}
    if interview is not None:
        full_meta[_META_INTERVIEW] = _record_to_yaml(interview, law, order)
    document = {
        "meta": full_meta,
        "work": {qid: answer_to_yaml(questions[qid], work[qid]) for qid in order if qid in work},
        "elements": {
            element.id: {
                "kind": element.kind,
                "label": (
                    {"en": element.label, "zh": chinese[f"elements.{element.id}.label"]}
                    if f"elements.{element.id}.label" in chinese
                    else element.label
                ),
                "answers": {
                    qid: answer_to_yaml(questions[qid], element.answers[qid])
                    for qid in order
                    if qid in element.answers
                },
            }
            for element in elements
        },
    }
    # libyaml's emitter where PyYAML has it: the same text (checked over every case
    # file), a sixth of the time; `ask` writes the file after every answer
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def _record_to_yaml(record: InterviewRecord, law: Law, order: list[str]) -> dict[str, Any]:
    questions = law.questions()
    document: dict[str, Any] = {"complete": record.complete}
    for section, entries in (("not_asked", record.not_asked), ("set_aside", record.set_aside)):
        part: dict[str, Any] = {}
        for scope, items in entries.items():
            shown = {
                qid: (
                    items[qid]
                    if section == "not_asked"
                    else answer_to_yaml(questions[qid], items[qid])
                )
                for qid in order
                if qid in items
            }
            if not shown:
                continue
            if scope is None:
                part["work"] = shown
            else:
                part.setdefault("elements", {})[scope] = shown
        if part:
            document[section] = {key: part[key] for key in ("work", "elements") if key in part}
    return document
