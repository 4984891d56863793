"""Random valid answers documents: every variant the questionnaire allows, seeded.

A researcher studying where the two legal systems diverge runs the rules over
many variants of the questionnaire; the benchmarks and the batch tests need
realistic load. Both want answers that the validator accepts: each question is
answered only where its `ask_if` lets it be asked, required questions always
are, and `unknown` appears only where the question allows it. The same seed
gives the same documents.

A helper of the tests and benchmarks, not part of the package: tests import it
from this folder, and benchmarks/inputs.py puts this folder on the path.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from copyrightable.answers.answers_file import SCHEMA_VERSION, is_asked
from copyrightable.law.conditions import normalise_value
from copyrightable.law.loading import ELEMENT_KIND_QUESTION, Law
from copyrightable.law.model import UNKNOWN, Question, QuestionType, Scope

_TEXTS = (
    "A short note.",
    "人工智能辅助创作的作品。",
    "Cover art, revised by hand.",
    "עבודה משותפת",
    "Prompts were written over three weeks.",
)


def variants(
    law: Law, count: int, seed: int = 0, max_elements: int = 3
) -> Iterator[dict[str, Any]]:
    """`count` answers documents (plain dicts, as YAML or JSON would hold them)."""
    rng = random.Random(seed)
    kinds = law.vocabulary.ids("element_kinds")
    for number in range(count):
        work, work_values = _answer_scope(law, rng, Scope.WORK, {})
        elements = {}
        for index in range(rng.randint(1, max_elements)):
            kind = rng.choice(kinds)
            start = {**work_values, ELEMENT_KIND_QUESTION: kind}
            answers, _ = _answer_scope(law, rng, Scope.ELEMENT, start)
            elements[f"{kind}_{index + 1}"] = {"kind": kind, "answers": answers}
        yield {
            "meta": {"schema": SCHEMA_VERSION, "title": f"Variant {number + 1}"},
            "work": work,
            "elements": elements,
        }


def _answer_scope(
    law: Law, rng: random.Random, scope: Scope, values: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers to one scope's questions in questionnaire order, and the values seen so far."""
    values = dict(values)
    answers: dict[str, Any] = {}
    for question in law.questionnaire.in_scope(scope):
        if not is_asked(question, values):
            values[question.id] = "n/a"
            continue
        if not question.required and rng.random() < 0.2:
            values[question.id] = UNKNOWN  # not answered counts as unknown
            continue
        if question.unknown_allowed and rng.random() < 0.15:
            answers[question.id] = values[question.id] = UNKNOWN
            continue
        raw = _value(question, rng)
        answers[question.id] = raw
        values[question.id] = normalise_value(question, raw)
    return answers, values


def _value(question: Question, rng: random.Random) -> Any:
    kind = question.type
    if kind is QuestionType.YES_NO:
        return rng.choice(("yes", "no"))
    if kind is QuestionType.SINGLE:
        return rng.choice(question.choice_ids())
    if kind is QuestionType.MULTIPLE:
        choices = question.choice_ids()
        return sorted(rng.sample(choices, rng.randint(0, len(choices))))
    if kind is QuestionType.NUMBER:
        low = int(question.minimum) if question.minimum is not None else 0
        high = int(question.maximum) if question.maximum is not None else max(low, 0) + 1000
        return rng.randint(low, max(low, high))
    if kind is QuestionType.DATE:
        day = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 13_000))
        return day.isoformat()
    return rng.choice(_TEXTS)
