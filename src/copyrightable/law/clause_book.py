"""The clauses an answer is stated with, by question: those of the laws loaded.

A question's clauses ("you kept records of …") are questionnaire data
(`states` in questionnaire.yaml). The sentences of a reasoning step are built
from a joined Result, which names a question by id and carries its text but
not its clauses, and the template filters that build them are plain functions
of that data. Loading a law therefore hands its questions to this book, and
the sentences look a clause up here, by the question's id and text: a
`--rules` folder's own wording is the one printed, and a process that has
read a test folder with a question of the same id but other words still
states the shipped question's answers with the shipped clauses. Only where
the text is not given, or matches no loaded question, does the id alone
decide (the last law loaded wins). Before any law is loaded, the book is
empty; its reader (render/reasoning_prose.py's `clause`) then loads the shipped
rules once, so that this module, which the loader fills, never imports the loader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .model import Bilingual, Question

_BY_ID: dict[str, Question] = {}
_BY_TEXT: dict[tuple[str, str], Question] = {}


def use(questions: Iterable[Question]) -> None:
    """Take the clauses of these questions (those without any leave the book as it was)."""
    for question in questions:
        if not question.states:
            continue
        _BY_ID[question.id] = question
        for text in [question.text, *(w.text for w in question.by_kind if w.text)]:
            _BY_TEXT[(question.id, text.en)] = question


def is_empty() -> bool:
    """True before any law with clauses was loaded (the reader then loads the shipped one)."""
    return not _BY_ID


def clause(question_id: str, state: str, text: Any = None) -> Bilingual | None:
    """The clause for one state of a question's answer, or None where none is written.

    `text` is the question's text as the Result carries it ({en, zh}), if known.
    """
    english = text.get("en") if isinstance(text, Mapping) else None
    question = _BY_TEXT.get((question_id, english)) if isinstance(english, str) else None
    if question is None:
        question = _BY_ID.get(question_id)
    return question.state(state) if question is not None else None
