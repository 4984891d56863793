"""The case quiz: read the facts, predict each element's verdict, name the fact that
decided it, then see why.

The session logic is here; the terminal is not. The quiz talks through three
callables (`words` renders a named macro of templates/quiz.txt.j2, `ask`
reads one line, `say` prints), so the same code runs under a real terminal,
piped stdin and tests. Plain numbered answers, one per line, keep it usable
over any terminal and scriptable from a pipe; end of input ends the quiz
instead of hanging.

Two kinds of question test two skills. A verdict question (per element and
jurisdiction) tests the outcome; a "which fact decided it" question tests the
reasoning: its right option is a fact the deciding rule turned on, found by
following the rule's conditions back through the findings they rest on, and
the other options are facts of the same element that did not decide it. A
wrong answer is explained at once, in one paragraph naming the deciding rule.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..law.loading import Law
from ..law.model import Verdict
from ..render.pinpoints import cited
from ..render.reasoning_prose import relied_facts
from .library import Case, CaseEvaluator

CHOICES = (
    Verdict.PROTECTABLE,
    Verdict.PARTIALLY_PROTECTABLE,
    Verdict.NOT_PROTECTABLE,
    Verdict.UNDETERMINED,
)
QUIT = frozenset({"q", "quit", "exit"})
FACTS_AGAIN = frozenset({"?", "f", "facts"})
KIND_QUESTION = "element_kind"
MAX_OPTIONS = 4  # options of a "which fact" question: one deciding fact and up to three others

Words = Callable[..., str]


@dataclass(frozen=True)
class Fact:
    """One stated answer, as an option of a "which fact decided it" question."""

    question: str
    text: Mapping[str, str]  # the question, bilingual
    answer: Mapping[str, str]  # the answer's label, bilingual


@dataclass(frozen=True)
class Reason:
    """Why an element got its verdict under one rule set: the deciding rule and facts."""

    rule: str | None
    statement: Mapping[str, str] | None
    cite: Mapping[str, str] | None  # short form and pinpoint of the rule's first authority
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Prediction:
    """One question: an element's verdict under one rule set, or the fact that decided it."""

    jurisdiction: str
    expected: Verdict  # the verdict (for a fact question: the verdict it explains)
    basis: str  # "holding": the actual outcome; "rules": the rules' analysis (no ruling there)
    element: str | None = None  # None: the work as a whole
    element_label: str = ""
    kind: str = "verdict"  # "verdict" | "fact"
    options: tuple[Fact, ...] = ()  # fact questions: the facts to choose from
    right: int = 0  # fact questions: the index of the deciding fact among the options
    reason: Reason | None = None

    @property
    def choices(self) -> int:
        return len(self.options) if self.kind == "fact" else len(CHOICES)


@dataclass(frozen=True)
class QuizItem:
    case: Case
    result: Mapping[str, Any]
    predictions: tuple[Prediction, ...]


@dataclass(frozen=True)
class Answer:
    prediction: Prediction
    given: Verdict | int  # a verdict, or the index of the fact chosen
    case_id: str = ""

    @property
    def correct(self) -> bool:
        if self.prediction.kind == "fact":
            chosen = self.prediction.options[int(self.given)]
            reason = self.prediction.reason
            return reason is not None and chosen.question in {f.question for f in reason.facts}
        return self.given is self.prediction.expected


@dataclass
class Score:
    """The session's score, kept across every case asked, by kind of question."""

    right: int = 0
    asked: int = 0
    answers: list[Answer] = field(default_factory=list)

    def add(self, answer: Answer) -> None:
        self.answers.append(answer)
        self.asked += 1
        self.right += int(answer.correct)

    def of(self, kind: str) -> tuple[int, int]:
        """(right, asked) for one kind of question."""
        mine = [a for a in self.answers if a.prediction.kind == kind]
        return sum(a.correct for a in mine), len(mine)


def plan(
    cases: Sequence[Case],
    evaluator: CaseEvaluator,
    under: Sequence[str] | None,
    seed: int | None = None,
    count: int | None = None,
) -> list[QuizItem]:
    """The cases to ask, in a (seeded) random order, with the expected answers.

    Each element is asked under each rule set. Where the case was decided in that
    jurisdiction and the decision ruled on the element, the answer is the actual
    outcome; otherwise it is the rules' analysis, and the quiz says which. Without
    `under`, each case is asked under the default rule sets and its own
    jurisdiction's, so a UK case is always asked under UK law. The "which fact
    decided it" question follows each element's verdict under the case's own rule
    set (the first rule set asked, for events and foreign cases).
    """
    rng = random.Random(seed)
    usable = [case for case in cases if case.answers is not None]
    rng.shuffle(usable)
    if count is not None:
        usable = usable[:count]
    items = []
    for case in usable:
        home = evaluator.home(case)
        result = evaluator.result(case, under or evaluator.default_with(home))
        assert result is not None
        ids = [entry["id"] for entry in result["jurisdictions"]]
        explained = home if home in ids else ids[0]
        predictions: list[Prediction] = []
        for entry in result["jurisdictions"]:
            for element in entry["elements"]:
                reason = _reason(evaluator.law, element)
                held = case.holding.element(element["id"]) if entry["id"] == home else None
                if held is not None and case.holding.ruling:
                    expected, basis = held.verdict, "holding"
                else:
                    expected, basis = Verdict(element["verdict"]), "rules"
                predictions.append(
                    Prediction(
                        entry["id"],
                        expected,
                        basis,
                        element["id"],
                        element["label"],
                        "verdict",
                        reason=reason,
                    )
                )
                if entry["id"] == explained:
                    asked = _fact_question(entry["id"], element, reason, rng)
                    if asked is not None:
                        predictions.append(asked)
        items.append(QuizItem(case, result, tuple(predictions)))
    return items


def _reason(law: Law, element: Mapping[str, Any]) -> Reason:
    """The deciding rule of an element and the stated facts it rests on, through findings."""
    steps = {step["rule"]: step for step in element["trace"]}
    deciding = [steps[r] for r in element["deciding_rules"] if r in steps]
    # the rule that reached the verdict, not the one that then names the author
    verdict_rules = [step for step in deciding if not (step.get("concludes") or {}).get("author")]
    deciding = verdict_rules or deciding
    if not deciding:
        stated = {s["question"]: s for s in element["stated"]}
        missing = tuple(
            Fact(
                u["question"],
                u["text"],
                stated[u["question"]]["answer_label"]
                if u["question"] in stated
                else {"en": "unknown", "zh": "不详"},
            )
            for u in element.get("undetermined_by", [])
        )
        return Reason(None, None, None, missing)
    by_finding = {d["finding"]: d.get("by", []) for d in element["derived"] if d["truth"] == "true"}
    keep_unknown = element["verdict"] == Verdict.UNDETERMINED.value
    facts: dict[str, Fact] = {}
    seen: set[str] = set()

    def walk(step: Mapping[str, Any]) -> None:
        if step["rule"] in seen:
            return
        seen.add(step["rule"])
        for condition in step["conditions"]:
            if condition["truth"] not in ("true", "unknown" if keep_unknown else "true"):
                continue
            for fact in relied_facts(condition):
                if "finding" in fact:
                    for rule in by_finding.get(fact["finding"], []):
                        if rule in steps:
                            walk(steps[rule])
                elif fact["source"] == "stated" and (keep_unknown or fact["answer"] != "unknown"):
                    facts.setdefault(
                        fact["question"], Fact(fact["question"], fact["text"], fact["answer_label"])
                    )

    for step in deciding:
        walk(step)
    if len(facts) > 1:  # the kind of element is true of every element: not what decided it
        facts.pop(KIND_QUESTION, None)
    first = deciding[0]
    cite = None
    if first["cites"]:
        citation = first["cites"][0]
        authority = law.authorities.get(citation["authority"])
        short = authority.short if authority is not None else citation["authority"]
        short_zh = (authority.short_zh if authority is not None else None) or short
        # a Chinese reader sees a Chinese authority under its Chinese name
        cite = {
            "en": cited(short, citation, "en"),
            "zh": cited(short_zh, citation, "zh"),
        }
    return Reason(first["rule"], first["statement"], cite, tuple(facts.values()))


def _fact_question(
    jurisdiction: str, element: Mapping[str, Any], reason: Reason, rng: random.Random
) -> Prediction | None:
    """One deciding fact among up to three stated facts that did not decide the element;
    None where there is nothing to choose between."""
    if not reason.facts:
        return None
    deciding = {fact.question for fact in reason.facts}
    others = [
        Fact(s["question"], s["text"], s["answer_label"])
        for s in element["stated"]
        if s["question"] not in deciding
        and s["question"] != KIND_QUESTION
        and s["answer"] != "unknown"
    ]
    if not others:
        return None
    options = rng.sample(others, min(len(others), MAX_OPTIONS - 1))
    right = rng.randrange(len(options) + 1)
    # the facts found last are the specific ones; the first are the gateway questions
    # (was AI used, did it generate the content) that every path through the rules asks
    specific = reason.facts[len(reason.facts) // 2 :]
    options.insert(right, rng.choice(specific))
    return Prediction(
        jurisdiction,
        Verdict(element["verdict"]),
        "rules",
        element["id"],
        element["label"],
        "fact",
        tuple(options),
        right,
        reason,
    )


class QuizSession:
    """One run of the quiz; `score` stays readable after an interruption."""

    def __init__(
        self,
        items: Sequence[QuizItem],
        words: Words,
        ask: Callable[[str], str],
        say: Callable[[str], None],
    ) -> None:
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
            self.say(
                self.words(
                    "case_header",
                    n=number,
                    total=len(self.items),
                    case=item.case,
                    result=item.result,
                )
            )
            given = []
            for prediction in item.predictions:
                typed = self._predict(item, prediction)
                if typed is None:
                    self.say(self.words("end", score=self.score))
                    return self.score
                answer = Answer(prediction, typed, item.case.id)
                self.score.add(answer)
                given.append(answer)
                self.say(self.words("feedback", answer=answer))
            self.say(self.words("reveal", item=item, answers=given, score=self.score))
        self.say(self.words("end", score=self.score))
        return self.score

    def _predict(self, item: QuizItem, prediction: Prediction) -> Verdict | int | None:
        self.say(self.words("question", prediction=prediction))
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
                self.say(self.words("question", prediction=prediction))
                continue
            if typed.isdigit() and 1 <= int(typed) <= prediction.choices:
                index = int(typed) - 1
                return index if prediction.kind == "fact" else CHOICES[index]
            self.say(self.words("invalid", count=prediction.choices))
