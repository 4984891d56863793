"""Answers and rule data at the edges: huge numbers, huge works, lenient shapes, long keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from copyrightable.answers import answers_from_text
from copyrightable.errors import CopyrightableError, InputError
from copyrightable.law import Law, load_law
from tools import FIXTURE_LAW


@pytest.fixture(scope="module")
def law() -> Law:
    return load_law(FIXTURE_LAW)


def answers(elements: str, work: str = "{ai_named_author: no}", meta: str = "{schema: 1, "
            "title: t}") -> str:
    return f"meta: {meta}\nwork: {work}\nelements:\n{elements}"


def error_of(text: str, law: Law) -> str:
    with pytest.raises(InputError) as caught:
        answers_from_text(text, law, "a.yaml")
    return caught.value.one_line()


def test_a_400_digit_answer_is_out_of_range_not_a_crash(law: Law) -> None:
    text = answers("  art: {kind: image, answers: {ai_used: yes, prompt_count: 1" + "0" * 400
                   + ", edits: none}}\n")
    assert "is out of range for question 'prompt_count'" in error_of(text, law)


def test_a_400_digit_bound_in_the_questionnaire_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "law"
    folder.mkdir()
    for source in FIXTURE_LAW.glob("*.yaml"):
        (folder / source.name).write_text(source.read_text())
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(questionnaire.read_text().replace("min: 0", "min: -1" + "0" * 400))
    with pytest.raises(CopyrightableError) as caught:
        load_law(folder)
    message = caught.value.one_line()
    assert "'min' is number -1000" in message and "expected a number between" in message
    assert len(message) < 600
