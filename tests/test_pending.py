"""Pending questions in conditions, and the engine-free rule evaluation the interview uses."""

from __future__ import annotations

import itertools

from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.conditions import NOT_APPLICABLE, PENDING, evaluate
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, Leaf, Not, Truth
from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset, rule_truths

LAW = load_law(FIXTURE_LAW)


def test_a_pending_question_makes_every_test_on_it_unknown() -> None:
    for op, operand in [("eq", True), ("ne", True), ("known", None), ("unknown", None)]:
        leaf = Leaf("ai_used", op, operand)
        assert evaluate(leaf, {"ai_used": PENDING}) is Truth.UNKNOWN
        assert evaluate(Not(leaf), {"ai_used": PENDING}) is Truth.UNKNOWN


def test_what_holds_with_a_pending_question_holds_for_every_answer_to_it() -> None:
    """Monotonicity, which lets the interview skip questions: check it exhaustively."""
    rules = [rule for ruleset in LAW.rulesets.values() for rule in ruleset.rules]
    conditions = [rule.when for rule in rules] + [
        Leaf("prompt_count", "known"),
        Not(Leaf("prompt_count", "unknown")),
    ]
    choices = {
        "ai_used": [True, False, NOT_APPLICABLE],
        "prompt_count": [3.0, 30.0, UNKNOWN, NOT_APPLICABLE],
        "edits": ["none", "substantial", UNKNOWN, NOT_APPLICABLE],
    }
    for pending in choices:
        others = [name for name in choices if name != pending]
        for fixed in itertools.product(*(choices[name] for name in others)):
            values = dict(zip(others, fixed, strict=True))
            findings = {"machine_made": Truth.UNKNOWN, "human_made": Truth.TRUE}
            for condition in conditions:
                with_pending = evaluate(condition, {**values, pending: PENDING}, findings)
                if with_pending is Truth.UNKNOWN:
                    continue
                for answer in choices[pending]:
                    assert (
                        evaluate(condition, {**values, pending: answer}, findings) is with_pending
                    )


def test_rule_truths_agree_with_a_real_evaluation() -> None:
    evaluator = Evaluator(LAW)
    prepared = evaluator.prepared[0]
    answers = answers_from_text(
        "meta: {schema: 1, title: t}\nwork: {ai_named_author: yes}\nelements:\n"
        "  art: {kind: image, answers: {ai_used: yes, prompt_count: unknown, edits: none}}\n",
        LAW,
        "inline",
    )
    outcome = evaluate_ruleset(prepared, answers).elements[0]
    truths, findings = rule_truths(prepared, outcome.values)
    assert truths == outcome.truths
    assert findings == outcome.findings
