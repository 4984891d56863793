"""The on-the-record rule test: does the assumption list predict the engine's verdicts?

A Result lists, per element, the assumptions its verdict on the record rests
on and the verdict if each went the other way (on_the_record.py works those out
without the engine). Here each prediction is checked the slow, honest way:
the answers are changed one fact at a time, settled against the questionnaire
like the what-if search does (answers that stop applying are dropped, a
required question that opens is answered "unknown"), validated like any
answers file and evaluated again by the real engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..answers.answers_file import answer_to_yaml, answers_from_data, applicable_values
from ..evaluation.evaluator import Evaluator
from ..evaluation.whatif import _located, _settle
from ..io.errors import InputError
from ..law.model import UNKNOWN, Answers, Scope
from ..reasoning.on_the_record import active_presumptions
from ..result.join import joined


def record_disagreements(
    evaluator: Evaluator, answers: Answers, result: Mapping[str, Any]
) -> list[str]:
    """Every prediction of the assumption lists that the engine contradicts (one line each)."""
    law = evaluator.law
    failures: list[str] = []
    prepared = {p.ruleset.id: p for p in evaluator.prepared}
    questions = law.questions()
    for jurisdiction in result["jurisdictions"]:
        ruleset_id = jurisdiction["id"]
        presumed = active_presumptions(prepared[ruleset_id])
        for element in jurisdiction["elements"]:
            element_id = element["id"]
            for assumption in element["assumptions"]:
                question = assumption["question"]
                scope = Scope(assumption["scope"])
                checks = [(assumption["value"], element["verdict"], "as taken")]
                checks += [
                    (o["value"], o["verdict"], "the other way") for o in assumption["otherwise"]
                ]
                for value, expected, how in checks:
                    variant = stated_as(law, answers, element_id, question, scope, value)
                    if variant is None:
                        continue  # opens a required question nobody can answer "unknown"
                    got = _verdict(evaluator, variant, ruleset_id, element_id)
                    if got != expected:
                        failures.append(
                            f"[{ruleset_id}] {element_id}: with {question} stated as {value!r} "
                            f"({how}) the engine gives {got}, the assumption list says "
                            f"{expected}"
                        )
            own = next(e for e in answers.elements if e.id == element_id)
            stated = [(q, Scope.WORK, v) for q, v in answers.work.items()]
            stated += [(q, Scope.ELEMENT, v) for q, v in own.answers.items()]
            for question, scope, value in stated:
                if (
                    value == UNKNOWN
                    or question not in presumed
                    or not questions[question].unknown_allowed
                ):
                    continue
                failures.extend(
                    _unknown_check(evaluator, answers, ruleset_id, element_id, question, scope)
                )
    return failures


def _unknown_check(
    evaluator: Evaluator,
    answers: Answers,
    ruleset_id: str,
    element_id: str,
    question: str,
    scope: Scope,
) -> list[str]:
    """An answer made unknown is presumed, and gives the verdict of the presumed value."""
    law = evaluator.law
    variant = stated_as(law, answers, element_id, question, scope, UNKNOWN)
    if variant is None:
        return []
    result = joined(evaluator.evaluate(variant, generated_at="fixed"))
    element = _element(result, ruleset_id, element_id)
    taken = {a["question"]: a for a in element["assumptions"]}
    if question not in taken:
        return [
            f"[{ruleset_id}] {element_id}: {question} answered unknown is not among the "
            "assumptions, though a presumption covers it"
        ]
    again = stated_as(law, answers, element_id, question, scope, taken[question]["value"])
    if again is None:
        return []
    expected = _verdict(evaluator, again, ruleset_id, element_id)
    if element["verdict"] != expected:
        return [
            f"[{ruleset_id}] {element_id}: {question} unknown gives {element['verdict']}, "
            f"but stated as the value presumed ({taken[question]['value']!r}) it gives "
            f"{expected}"
        ]
    return []


def stated_as(
    law: Any, answers: Answers, element_id: str, question: str, scope: Scope, value: Any
) -> Answers | None:
    """The answers with one fact stated as `value`, settled and validated (None if they
    cannot be: a required question opens that cannot be answered "unknown")."""
    questionnaire = law.questionnaire
    questions = law.questions()
    element = next(e for e in answers.elements if e.id == element_id)
    work = dict(answers.work)
    own = dict(element.answers)
    normal = tuple(value) if isinstance(value, list) else value
    (work if scope is Scope.WORK else own)[question] = normal
    work_settled = _settle(
        questionnaire.in_scope(Scope.WORK),
        work,
        lambda a: applicable_values(questionnaire, a, None),
    )
    if work_settled is None:
        return None
    work_values = applicable_values(questionnaire, work_settled.answers, None)
    own_settled = _settle(
        questionnaire.in_scope(Scope.ELEMENT),
        own,
        lambda a: applicable_values(questionnaire, a, work_values, element.kind),
    )
    if own_settled is None:
        return None
    data = {
        "meta": {"schema": 1, "title": answers.title or "on the record"},
        "work": {q: answer_to_yaml(questions[q], v) for q, v in work_settled.answers.items()},
        "elements": {
            element.id: {
                "kind": element.kind,
                "label": element.label,
                "answers": {
                    q: answer_to_yaml(questions[q], v) for q, v in own_settled.answers.items()
                },
            }
        },
    }
    try:
        return answers_from_data(_located(data, "on the record"), law, "on the record")
    except InputError:
        return None


def _verdict(evaluator: Evaluator, answers: Answers, ruleset_id: str, element_id: str) -> str:
    result = evaluator.evaluate(answers, generated_at="fixed")
    return str(_element(result, ruleset_id, element_id)["verdict"])


def _element(result: Mapping[str, Any], ruleset_id: str, element_id: str) -> Mapping[str, Any]:
    jurisdiction = next(j for j in result["jurisdictions"] if j["id"] == ruleset_id)
    return next(e for e in jurisdiction["elements"] if e["id"] == element_id)
