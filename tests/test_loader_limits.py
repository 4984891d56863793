"""Answers and rule data at the edges: huge numbers, huge works, lenient shapes, long keys."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import MAX_ELEMENTS, answers_from_text, normalise_answer
from copyrightable.io.errors import CopyrightableError, InputError, Location
from copyrightable.law.loading import Law, load_law
from copyrightable.law.model import Bilingual, Question, QuestionType, Scope
from copyrightable.result.result_json import timestamp
from copyrightable.testing.rule_tests import run_all


@pytest.fixture(scope="module")
def law() -> Law:
    return load_law(FIXTURE_LAW)


def answers(
    elements: str, work: str = "{ai_named_author: no}", meta: str = "{schema: 1, title: t}"
) -> str:
    return f"meta: {meta}\nwork: {work}\nelements:\n{elements}"


def error_of(text: str, law: Law) -> str:
    with pytest.raises(InputError) as caught:
        answers_from_text(text, law, "a.yaml")
    return caught.value.one_line()


def test_a_400_digit_answer_is_out_of_range_not_a_crash(law: Law) -> None:
    text = answers(
        "  art: {kind: image, answers: {ai_used: yes, prompt_count: 1"
        + "0" * 400
        + ", edits: none}}\n"
    )
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


def test_more_elements_than_the_limit_is_one_error_before_any_work(law: Law) -> None:
    rows = "".join(
        f"  e{i}: {{kind: text, answers: {{ai_used: no}}}}\n" for i in range(MAX_ELEMENTS + 1)
    )
    assert (
        f"the work has {MAX_ELEMENTS + 1:,} elements; expected at most {MAX_ELEMENTS}"
        in error_of(answers(rows), law)
    )
    rows = "".join(
        f"  e{i}: {{kind: text, answers: {{ai_used: no}}}}\n" for i in range(MAX_ELEMENTS)
    )
    assert len(answers_from_text(answers(rows), law, "a.yaml").elements) == MAX_ELEMENTS


@pytest.mark.parametrize("work", ["[]", "0", '""', "no"])
def test_work_that_is_not_a_mapping_is_refused(law: Law, work: str) -> None:
    text = answers("  t: {kind: text, answers: {ai_used: no}}\n", work=work)
    assert "'work' is" in error_of(text, law)


@pytest.mark.parametrize("schema", ["yes", "1.0", '"1"'])
def test_the_schema_version_must_be_the_integer_1(law: Law, schema: str) -> None:
    text = answers(
        "  t: {kind: text, answers: {ai_used: no}}\n", meta=f"{{schema: {schema}, title: t}}"
    )
    assert "answers schema" in error_of(text, law)


def test_an_enormous_key_gives_a_short_error_line(law: Law) -> None:
    text = answers(
        "  t: {kind: text, answers: {ai_used: no}}\n", work="\n  ? " + "k" * 200_000 + "\n  : yes"
    )
    message = error_of(text, law)
    assert len(message) < 600 and "[...]" in message and "did you mean" not in message[:20]


def test_a_malformed_source_date_epoch_is_an_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for bad in ("99999999999999999999", "soon", "1e9"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
            timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert timestamp() == "2026-01-01T00:00:00Z"


def test_the_cli_reports_a_bad_source_date_epoch_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(answers("  t: {kind: text, answers: {ai_used: no}}\n"))
    done = subprocess.run(
        [sys.executable, "-m", "copyrightable", "evaluate", str(path), "--rules", str(FIXTURE_LAW)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SOURCE_DATE_EPOCH": "99999999999999999999"},
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "SOURCE_DATE_EPOCH" in done.stderr


def copy_of_fixture_law(tmp_path: Path) -> Path:
    folder = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, folder)
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("questionnaire.yaml", "authority: toy_statute", "authority: []"),
        ("toy.yaml", "when: {finding: machine_made}", "when: {finding: [machine_made]}"),
    ],
)
def test_a_list_where_an_id_belongs_in_the_rules_is_one_clear_error(
    tmp_path: Path, file: str, old: str, new: str
) -> None:
    folder = copy_of_fixture_law(tmp_path)
    path = folder / file
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(CopyrightableError, match=r"unknown (authority|finding) \["):
        load_law(folder)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            "fired: [toy.human, toy.protectable]",
            "fired: [[toy.human], toy.protectable]",
            "unknown rule ['toy.human']",
        ),
        (
            "undetermined_by: {art: [prompt_count]}",
            "undetermined_by: {art: 5}",
            "'undetermined_by.art' is number 5; expected a list",
        ),
    ],
)
def test_a_wrong_shape_in_a_rule_test_is_one_clear_error(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    folder = copy_of_fixture_law(tmp_path)
    tests = folder / "tests" / "toy" / "basics.yaml"
    assert old in tests.read_text()
    tests.write_text(tests.read_text().replace(old, new, 1))
    _outcomes, errors = run_all(load_law(folder))
    assert any(words in error.one_line() for error in errors), [e.one_line() for e in errors]


@pytest.mark.parametrize("field", ["title", "label"])
def test_terminal_escape_sequences_in_a_title_or_label_are_refused(law: Law, field: str) -> None:
    title = '"Innocent\\e[2J\\e[31mPWNED"' if field == "title" else "t"
    label = '"x\\e]0;retitled\\a"' if field == "label" else "x"
    text = answers(
        f"  art: {{kind: image, label: {label}, answers: {{ai_used: no}}}}\n",
        meta=f"{{schema: 1, title: {title}}}",
    )
    message = error_of(text, law)
    assert f"{field} contains the control character U+001B" in message


def test_a_text_answer_with_a_control_character_is_refused() -> None:
    question = Question(
        id="notes",
        scope=Scope.WORK,
        type=QuestionType.TEXT,
        text=Bilingual("Notes?", "备注？"),
        help=Bilingual("h", "帮助"),
        cites=(),
    )
    assert normalise_answer(question, "line one\n\tline two 中文", Location("a.yaml", 1))
    with pytest.raises(InputError, match=r"control character U\+0007"):
        normalise_answer(question, "ring\a", Location("a.yaml", 1))
