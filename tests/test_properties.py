"""Property-based tests: whatever a user feeds the loaders, a valid result or one clear error.

"One clear error" means a CopyrightableError, which the CLI prints as one line
with exit code 2 (3 for engine errors); anything else would be an internal
error. Hypothesis' deadline turns a slow example into a failure ("never a hang").
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text, normalise_answer
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import CopyrightableError, Location
from copyrightable.law.loading import load_law
from copyrightable.reasoning.ruleset_evaluation import prepare
from copyrightable.result.join import joined
from copyrightable.testing.rule_tests import run_all
from copyrightable.testing.static_checks import static_problems
from random_answers import variants

LAW = load_law(FIXTURE_LAW)
EVALUATOR = Evaluator(LAW)
QUESTIONS = LAW.all_questions()
WORDS = sorted(
    {
        "meta",
        "schema",
        "title",
        "work",
        "elements",
        "kind",
        "label",
        "answers",
        "yes",
        "no",
        "unknown",
        "text",
        "image",
        *QUESTIONS,
        *(c for q in QUESTIONS.values() for c in q.choice_ids()),
    }
)
VALID = [json.loads(json.dumps(d)) for d in variants(LAW, 20, seed=9)]

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(WORDS),
    st.dates(min_value=dt.date(1, 1, 1)).map(str),
    st.just("\u202eevil\u202c 中文 \x00"),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=25,
)


# Pieces of YAML syntax, so that random text reaches tags, anchors, flow and block
# structure, not only plain scalars.
YAML_TOKENS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!timestamp",
    "!!str",
    "!!map",
    "!!seq",
    "!!binary",
    "!!python/object:os.system",
    "!custom",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "- ",
    "\n",
    "  ",
    '"',
    "'",
    "#",
    "---\n",
    "...\n",
    "|\n",
    ">\n",
    "\t",
    "\ufeff",
    "=",
    "~",
    "0x",
    "0o7",
    "1_000",
    "1:20",
    ".nan",
    "-.inf",
    "9" * 500,
    "2026-13-45",
    "2026-01-01 25:00:00",
    "\\ud800",
    "\x00",
    "\x85",
    "中文",
    "\u202e",
    *WORDS[:20],
]
yaml_like = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=4)), max_size=40).map(
    "".join
)


def one_clear_error_or(action: Callable[[], Any]) -> Any:
    """Run an action: a value, or a CopyrightableError whose message is one line."""
    try:
        return action()
    except CopyrightableError as error:
        line = error.one_line()
        assert "\n" not in line and line.strip(), repr(line)
        assert len(line) < 1000
        return None


def load_and_evaluate(text: str) -> None:
    answers = one_clear_error_or(lambda: answers_from_text(text, LAW, "a.yaml"))
    if answers is not None:
        result = one_clear_error_or(lambda: joined(EVALUATOR.evaluate(answers, "T")))
        if result is not None:
            json.dumps(result, ensure_ascii=False)


# ---------------------------------------------------------------- answers loader


@FAST
@given(st.text(max_size=400))
def test_any_text_as_an_answers_file(text: str) -> None:
    load_and_evaluate(text)


@FAST
@given(yaml_like)
def test_any_yaml_like_text_as_an_answers_file(text: str) -> None:
    load_and_evaluate(text)


@FAST
@given(st.sampled_from(VALID), yaml_like)
def test_a_valid_answers_file_with_yaml_syntax_spliced_in(document: dict, text: str) -> None:
    lines = yaml.safe_dump(document, allow_unicode=True).splitlines()
    for index in range(0, len(lines), 3):
        load_and_evaluate("\n".join([*lines[:index], text + lines[index], *lines[index + 1 :]]))


@FAST
@given(values)
def test_any_yaml_value_as_an_answers_file(value: Any) -> None:
    load_and_evaluate(yaml.safe_dump(value, allow_unicode=True))


@st.composite
def mutated_answers(draw: st.DrawFn) -> dict:
    """A valid answers document with one part replaced, deleted or added."""
    document = copy.deepcopy(draw(st.sampled_from(VALID)))
    node: Any = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            node[key] = draw(values)
        elif action == "delete":
            del node[key]
        elif isinstance(node, dict):
            node[draw(st.sampled_from(WORDS))] = draw(values)
        else:
            node.append(draw(values))
        break
    return document


@FAST
@given(mutated_answers())
def test_a_valid_answers_file_with_one_part_changed(document: dict) -> None:
    load_and_evaluate(yaml.safe_dump(document, allow_unicode=True))


@FAST
@given(st.sampled_from(VALID))
def test_every_generated_variant_loads_and_evaluates(document: dict) -> None:
    answers = answers_from_text(yaml.safe_dump(document, allow_unicode=True), LAW, "a.yaml")
    EVALUATOR.evaluate(answers, "T")


# ---------------------------------------------------------- questionnaire input


@FAST
@given(st.sampled_from(sorted(QUESTIONS)), values)
def test_any_typed_answer_to_any_question(question_id: str, raw: Any) -> None:
    """What the interview passes on for one typed answer: normalised, or one clear error."""
    one_clear_error_or(lambda: normalise_answer(QUESTIONS[question_id], raw, Location("answer", 1)))


# ------------------------------------------------------------------ rules loader

LAW_FILES = sorted(str(p.relative_to(FIXTURE_LAW)) for p in FIXTURE_LAW.rglob("*.yaml"))
LAW_DATA = {name: yaml.safe_load((FIXTURE_LAW / name).read_text()) for name in LAW_FILES}


@st.composite
def mutated_law_file(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(LAW_FILES))
    document = copy.deepcopy(LAW_DATA[name])
    node: Any = document
    for _depth in range(draw(st.integers(0, 6))):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list):
            break
        node = node[key]
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if keys:
        key = draw(st.sampled_from(keys))
        if draw(st.booleans()):
            node[key] = draw(values)
        else:
            del node[key]
    return name, yaml.safe_dump(document, allow_unicode=True, default_flow_style=None)


def with_law_file(name: str, text: str | bytes, action: Callable[[Path], None]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="law-")) / "law"
    try:
        shutil.copytree(FIXTURE_LAW, folder)
        target = folder / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        action(folder)
    finally:
        shutil.rmtree(folder.parent)


def load_prepare_and_run(folder: Path) -> None:
    law = one_clear_error_or(lambda: load_law(folder))
    if law is None:
        return
    for ruleset_id in law.rulesets:
        prepared = one_clear_error_or(lambda rid=ruleset_id: prepare(law, rid))
        if prepared is None:
            return
    one_clear_error_or(lambda: static_problems(law))
    _outcomes, errors = one_clear_error_or(lambda: run_all(law)) or ([], [])
    for error in errors:
        assert "\n" not in error.one_line()
    evaluator = Evaluator(law)
    for document in VALID[:3]:
        answers = one_clear_error_or(
            lambda d=document: answers_from_text(yaml.safe_dump(d), law, "a.yaml")
        )
        if answers is not None:
            one_clear_error_or(lambda a=answers: evaluator.evaluate(a, "T"))


@pytest.mark.slow
@settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_law_file())
def test_a_law_folder_with_one_part_of_one_file_changed(change: tuple[str, str]) -> None:
    name, text = change
    with_law_file(name, text, load_prepare_and_run)


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LAW_FILES), st.binary(max_size=300))
def test_any_bytes_as_a_law_file(name: str, raw: bytes) -> None:
    with_law_file(name, raw, load_prepare_and_run)
