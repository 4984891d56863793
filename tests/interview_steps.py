"""The interview's opening steps without a terminal, for tests of its logic.

Every in-process interview test starts the same way: a title, the kinds of
material ticked, and each element keeping its suggested name. Written once
here; the tests go on from the first question.
"""

from __future__ import annotations

from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.interview.next_question import ELEMENTS, TITLE, Interview, Step, StepKind
from copyrightable.law.loading import Law


def q(element: str | None, question: str) -> Step:
    """The step that asks `question`, of the work (None) or of one element."""
    return Step(StepKind.QUESTION, element, question)


def started(law: Law, evaluator: Evaluator, *kinds: str, title: str = "A work") -> Interview:
    """An interview with a title and elements chosen and named."""
    interview = Interview(law, evaluator.prepared)
    interview.answer(TITLE, title)
    interview.answer(ELEMENTS, list(kinds))
    while (step := interview.next_step()) is not None and step.kind is StepKind.LABEL:
        interview.answer(step, "")
    return interview
