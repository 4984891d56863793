"""The case quiz: read the facts, predict each jurisdiction's verdict, then see why.

The session logic is here; the terminal is not. The quiz talks through three
callables (`words` renders a named macro of templates/quiz.txt.j2, `ask`
reads one line, `say` prints), so the same code runs under a real terminal,
piped stdin and tests. Plain numbered answers, one per line, keep it usable
over any terminal and scriptable from a pipe; end of input ends the quiz
instead of hanging.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .caselib import Case, CaseEvaluator
from .model import Verdict

CHOICES = (Verdict.PROTECTABLE, Verdict.PARTIALLY_PROTECTABLE, Verdict.NOT_PROTECTABLE,
           Verdict.UNDETERMINED)
QUIT = frozenset({"q", "quit", "exit"})
FACTS_AGAIN = frozenset({"?", "f", "facts"})

Words = Callable[..., str]


@dataclass(frozen=True)
class Prediction:
    """One thing the student predicts: the verdict for the work under one rule set."""

    jurisdiction: str
    expected: Verdict
    basis: str  # "holding": the actual outcome; "rules": the rules' analysis (no ruling there)


@dataclass(frozen=True)
class QuizItem:
    case: Case
    result: Mapping[str, Any]
    predictions: tuple[Prediction, ...]


@dataclass(frozen=True)
class Answer:
    prediction: Prediction
    given: Verdict

    @property
    def correct(self) -> bool:
        return self.given is self.prediction.expected


@dataclass
class Score:
    right: int = 0
    asked: int = 0
    answers: list[Answer] = field(default_factory=list)

    def add(self, answer: Answer) -> None:
        self.answers.append(answer)
        self.asked += 1
        self.right += int(answer.correct)


def plan(cases: Sequence[Case], evaluator: CaseEvaluator, under: Sequence[str] | None,
         seed: int | None = None, count: int | None = None) -> list[QuizItem]:
    """The cases to ask, in a (seeded) random order, with the expected answers.

    Where the case was decided in a jurisdiction, the answer there is the actual
    outcome; elsewhere (and for events) it is the rules' analysis, and the quiz
    says which. Without `under`, each case is asked under the default rule sets
    and its own jurisdiction's, so a UK case is always asked under UK law.
    """
    usable = [case for case in cases if case.answers is not None]
    random.Random(seed).shuffle(usable)
    if count is not None:
        usable = usable[:count]
    items = []
    for case in usable:
        home = evaluator.home(case)
        result = evaluator.result(case, under or evaluator.default_with(home))
        assert result is not None
        predictions = []
        for entry in result["jurisdictions"]:
            if entry["id"] == home and case.holding.ruling:
                expected = case.holding.work_verdict()
                assert expected is not None
                predictions.append(Prediction(entry["id"], expected, "holding"))
            else:
                predictions.append(Prediction(entry["id"], Verdict(entry["verdict"]["verdict"]),
                                              "rules"))
        items.append(QuizItem(case, result, tuple(predictions)))
    return items


class QuizSession:
    """One run of the quiz; `score` stays readable after an interruption."""

    def __init__(self, items: Sequence[QuizItem], words: Words, ask: Callable[[str], str],
                 say: Callable[[str], None]) -> None:
        self.items = list(items)
        self.words = words
        self.ask = ask
        self._say = say
        self.score = Score()

    def say(self, text: str) -> None:
        """Print a block; spacing between blocks comes from the blocks' leading blank lines."""
        self._say(text.rstrip("\n"))

    def run(self) -> Score:
        """Ask every item; stops early on `q` or at the end of input."""
        self.say(self.words("intro", count=len(self.items)))
        for number, item in enumerate(self.items, 1):
            self.say(self.words("case_header", n=number, total=len(self.items), case=item.case,
                                result=item.result))
            given = []
            for prediction in item.predictions:
                verdict = self._predict(item, prediction)
                if verdict is None:
                    self.say(self.words("end", score=self.score))
                    return self.score
                answer = Answer(prediction, verdict)
                self.score.add(answer)
                given.append(answer)
            self.say(self.words("reveal", item=item, answers=given, score=self.score))
        self.say(self.words("end", score=self.score))
        return self.score

    def _predict(self, item: QuizItem, prediction: Prediction) -> Verdict | None:
        self.say(self.words("question", jurisdiction=prediction.jurisdiction))
        while True:
            try:
                typed = self.ask(self.words("prompt")).strip().lower()
            except EOFError:
                self.say("")
                return None
            if typed in QUIT:
                return None
            if typed in FACTS_AGAIN:
                self.say(self.words("facts", case=item.case))
                self.say(self.words("question", jurisdiction=prediction.jurisdiction))
                continue
            if typed.isdigit() and 1 <= int(typed) <= len(CHOICES):
                return CHOICES[int(typed) - 1]
            self.say(self.words("invalid"))
