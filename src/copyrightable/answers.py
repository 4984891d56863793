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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from . import __version__, schema
from .conditions import NOT_APPLICABLE, choice_hint, evaluate, expected_for, normalise_value
from .errors import InputError, Location, did_you_mean
from .law import ELEMENT_KIND_QUESTION, Law
from .model import UNKNOWN, Answers, Element, Question, Questionnaire, QuestionType, Scope, Truth
from .yamlio import LocatedDict, atomic_write_text, load_yaml_file, load_yaml_text

SCHEMA_VERSION = 1
_META_OPTIONAL = ("tool", "answered_at", "answered_by", "language", "notes")


def load_answers(path: Path | str, law: Law) -> Answers:
    """Read and validate an answers file (or the `answers:` part of a case file)."""
    path = Path(path)
    data = load_yaml_file(path)
    if isinstance(data, LocatedDict) and "case" in data:  # a case file of the library
        if "answers" not in data:
            raise InputError("this case file has facts but no answers (a facts-only case)",
                             data.where("case"), "a case file with an 'answers:' block")
        data = data["answers"]
    return answers_from_data(data, law, str(path))


def answers_from_text(text: str, law: Law, display: str) -> Answers:
    return answers_from_data(load_yaml_text(text, display), law, display)


def answers_from_data(data: Any, law: Law, display: str) -> Answers:
    top = schema.mapping(data, "answers file", Location(display),
                         required=("meta", "elements"), optional=("work",))
    meta = _meta(top["meta"], top.where("meta"))
    questions = law.questions()
    work_raw = top.get("work", {}) or {}
    work_body = schema.mapping(work_raw, "'work'", top.where("work"),
                               optional=list(questions))  # did-you-mean over every id
    work = _scope_answers(work_body, questions, Scope.WORK, top.where("work"))
    elements_body = top["elements"]
    if not isinstance(elements_body, LocatedDict):
        raise InputError(f"'elements' is {schema.type_name(elements_body)}",
                         top.where("elements"), "a mapping of element id to element")
    if not elements_body:
        raise InputError("'elements' is empty", top.where("elements"),
                         "at least one element of the work (e.g. text, images)")
    work_values = applicable_values(law.questionnaire, work, None)
    _check_required(law.questionnaire, Scope.WORK, work, work_values, top.where("work"))
    kinds = law.vocabulary.ids("element_kinds")
    elements = []
    for element_id, raw in elements_body.items():
        at = elements_body.where(element_id)
        schema.identifier(element_id, "element id", at)
        body = schema.mapping(raw, f"element {element_id!r}", at,
                              required=("kind", "answers"), optional=("label",))
        kind = schema.one_of(body["kind"], "kind", body.where("kind"), kinds)
        label = (schema.text(body["label"], "label", body.where("label"))
                 if "label" in body else element_id)
        answers_body = schema.mapping(body["answers"] or {}, f"answers of element {element_id!r}",
                                      body.where("answers"), optional=list(questions))
        answers = _scope_answers(answers_body, questions, Scope.ELEMENT, body.where("answers"))
        values = applicable_values(law.questionnaire, answers, work_values, kind)
        _check_required(law.questionnaire, Scope.ELEMENT, answers, values,
                        body.where("answers"), element_id)
        elements.append(Element(element_id, kind, label, answers))
    for element in elements:  # answers to questions that do not apply are mistakes
        values = applicable_values(law.questionnaire, element.answers, work_values, element.kind)
        _check_not_applicable(law.questionnaire, element.answers, values,
                              elements_body[element.id]["answers"], element.id)
    _check_not_applicable(law.questionnaire, work, work_values, work_body, None)
    return Answers(meta=meta, work=work, elements=tuple(elements), source=display,
                   sha256=answers_hash(work, elements))


def _meta(value: Any, location: Location) -> dict[str, Any]:
    body = schema.mapping(value, "'meta'", location, required=("schema", "title"),
                          optional=_META_OPTIONAL)
    if body["schema"] != SCHEMA_VERSION:
        raise InputError(f"answers schema {body['schema']!r} is not supported",
                         body.where("schema"), f"schema: {SCHEMA_VERSION}")
    meta: dict[str, Any] = {"schema": SCHEMA_VERSION,
                            "title": schema.text(body["title"], "title", body.where("title"))}
    for key in _META_OPTIONAL:
        if key in body and body[key] is not None:
            item = body[key]
            if isinstance(item, dt.datetime | dt.date):
                item = item.isoformat()
            if key == "language":
                item = schema.one_of(item, "language", body.where(key), ("en", "zh"))
            meta[key] = schema.text(str(item), key, body.where(key))
    return meta


def _scope_answers(body: LocatedDict, questions: Mapping[str, Question], scope: Scope,
                   location: Location) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question_id, raw in body.items():
        at = body.where(question_id)
        question = questions[question_id]
        if question.scope is not scope:
            place = ("under 'work:'" if question.scope is Scope.WORK
                     else "under an element's 'answers:'")
            raise InputError(f"question {question_id!r} is a {question.scope.value} question",
                             at, f"it {place}")
        answers[question_id] = normalise_answer(question, raw, at)
    return answers


def normalise_answer(question: Question, raw: Any, location: Location) -> Any:
    """One answer in normalised form, or InputError naming what the question accepts."""
    if raw == UNKNOWN or (isinstance(raw, str) and raw.lower() == UNKNOWN):
        if not question.unknown_allowed:
            raise InputError(f"question {question.id!r} cannot be answered 'unknown'",
                             location, expected_for(question))
        return UNKNOWN
    if raw is None:
        raise InputError(f"question {question.id!r} has no answer", location,
                         expected_for(question))
    try:
        return normalise_value(question, raw)
    except ValueError as problem:
        raise InputError(f"{problem} for question {question.id!r}{choice_hint(question, raw)}",
                         location, expected_for(question)) from None


def applicable_values(questionnaire: Questionnaire, answers: Mapping[str, Any],
                      work_values: Mapping[str, Any] | None, kind: str | None = None
                      ) -> dict[str, Any]:
    """The value of every question of a scope as the rules see it.

    A question is not applicable (n/a) when its ask_if is false; an applicable
    question nobody answered counts as unknown (never as "no").
    """
    scope = Scope.WORK if work_values is None else Scope.ELEMENT
    values: dict[str, Any] = dict(work_values or {})
    if kind is not None:
        values[ELEMENT_KIND_QUESTION] = kind
    for question in questionnaire.in_scope(scope):
        applies = (question.ask_if is None
                   or evaluate(question.ask_if, values) is not Truth.FALSE)
        if not applies:
            values[question.id] = NOT_APPLICABLE
        else:
            values[question.id] = answers.get(question.id, UNKNOWN)
    return values


def is_asked(question: Question, values: Mapping[str, Any]) -> bool:
    """Whether the interview should ask this question, given the answers so far."""
    return question.ask_if is None or evaluate(question.ask_if, values) is not Truth.FALSE


def _check_required(questionnaire: Questionnaire, scope: Scope, answers: Mapping[str, Any],
                    values: Mapping[str, Any], location: Location,
                    element_id: str | None = None) -> None:
    for question in questionnaire.in_scope(scope):
        if (question.required and question.id not in answers
                and values.get(question.id) != NOT_APPLICABLE):
            where_ = f" of element {element_id!r}" if element_id else ""
            raise InputError(f"missing required answer {question.id!r}{where_}", location,
                             f"{question.id}: {expected_for(question)}")


def _check_not_applicable(questionnaire: Questionnaire, answers: Mapping[str, Any],
                          values: Mapping[str, Any], body: LocatedDict,
                          element_id: str | None) -> None:
    for question_id in answers:
        if values.get(question_id) == NOT_APPLICABLE:
            where_ = f" for element {element_id!r}" if element_id else ""
            raise InputError(f"question {question_id!r} does not apply{where_}: its ask_if "
                             "does not hold for the other answers", body.where(question_id),
                             "no answer here, or a change to the answer it depends on")


def answers_hash(work: Mapping[str, Any], elements: tuple[Element, ...] | list[Element]) -> str:
    """A hash of what was answered, independent of formatting, comments and meta."""
    canonical = {
        "work": dict(sorted(work.items())),
        "elements": [{"id": e.id, "kind": e.kind, "label": e.label,
                      "answers": dict(sorted(e.answers.items()))} for e in elements],
    }
    blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------- saving


def answer_to_yaml(question: Question, value: Any) -> Any:
    """The plain YAML form of a normalised answer (the inverse of normalise_answer)."""
    if value == UNKNOWN:
        return UNKNOWN
    if question.type is QuestionType.YES_NO:
        return "yes" if value else "no"
    if question.type is QuestionType.MULTIPLE:
        return list(value)
    if question.type is QuestionType.NUMBER and float(value).is_integer():
        return int(value)
    return value


def answers_to_yaml(meta: Mapping[str, Any], work: Mapping[str, Any],
                    elements: list[Element] | tuple[Element, ...], law: Law) -> str:
    """Serialise answers in questionnaire order, so diffs between saves stay small."""
    questions = law.questions()
    order = [question.id for question in law.questionnaire.questions]
    full_meta = {"schema": SCHEMA_VERSION, "tool": __version__, **meta}
    document = {
        "meta": full_meta,
        "work": {qid: answer_to_yaml(questions[qid], work[qid]) for qid in order if qid in work},
        "elements": {
            element.id: {
                "kind": element.kind,
                "label": element.label,
                "answers": {qid: answer_to_yaml(questions[qid], element.answers[qid])
                            for qid in order if qid in element.answers},
            }
            for element in elements
        },
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def save_answers(path: Path | str, meta: Mapping[str, Any], work: Mapping[str, Any],
                 elements: list[Element] | tuple[Element, ...], law: Law) -> None:
    atomic_write_text(path, answers_to_yaml(meta, work, elements, law))


def did_you_mean_question(name: str, law: Law) -> str:
    return did_you_mean(name, law.questions())
