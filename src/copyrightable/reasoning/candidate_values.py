"""The values an answer could take instead of its own, drawn from the law itself.

Every other choice of a choice question, the other side of a yes/no, and for
numbers, dates and texts the values a rule or an `ask_if` compares the
question with (numbers and dates also just either side of each). "unknown" is
never a candidate: nobody can make a fact unknown. What-if searches these
values for the smallest change that flips a verdict; the opinion on the record
uses them to say what an assumed answer's other values would decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..law.conditions import leaves
from ..law.loading import Law
from ..law.model import UNKNOWN, Leaf, Question, QuestionType
from .ruleset_evaluation import PreparedRuleSet


def compared_values(law: Law, prepared: Iterable[PreparedRuleSet]) -> dict[str, set[Any]]:
    """The values each number, date or text question is compared with, anywhere."""
    conditions = [rule.when for item in prepared for rule in item.ruleset.rules]
    conditions += [q.ask_if for q in law.questionnaire.questions if q.ask_if is not None]
    found: dict[str, set[Any]] = {}
    for condition in conditions:
        for leaf in leaves(condition):
            if isinstance(leaf, Leaf) and leaf.value is not None:
                operands = leaf.value if isinstance(leaf.value, list | tuple) else [leaf.value]
                found.setdefault(leaf.question, set()).update(_hashable(v) for v in operands)
    return found


def candidate_values(question: Question, current: Any, thresholds: Iterable[Any]) -> list[Any]:
    """The real values a question could take instead of `current` (never "unknown")."""
    kind = question.type
    if kind is QuestionType.YES_NO:
        options: list[Any] = [True, False]
    elif kind is QuestionType.SINGLE:
        options = question.choice_ids()
    elif kind is QuestionType.MULTIPLE:
        choices = question.choice_ids()
        if current == UNKNOWN:
            options = [(), *((c,) for c in choices)]
        else:
            options = [tuple(sorted(set(current) ^ {c})) for c in choices]
    elif kind is QuestionType.NUMBER:
        options = sorted(_numbers(question, thresholds))
    elif kind is QuestionType.DATE:
        options = sorted(_dates(thresholds))
    else:
        options = sorted(str(v) for v in thresholds)
    return [option for option in options if option != current]


def _numbers(question: Question, thresholds: Iterable[Any]) -> set[float]:
    candidates: set[float] = set()
    for value in thresholds:
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        step = 1.0 if float(value).is_integer() else 0.01
        for candidate in (value - step, float(value), value + step):
            candidate = round(candidate, 6)
            if question.minimum is not None and candidate < question.minimum:
                continue
            if question.maximum is not None and candidate > question.maximum:
                continue
            candidates.add(float(candidate))
    return candidates


def _dates(thresholds: Iterable[Any]) -> set[str]:
    candidates: set[str] = set()
    for value in thresholds:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            continue
        for offset in (-1, 0, 1):
            candidates.add((day + dt.timedelta(days=offset)).isoformat())
    return candidates


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
