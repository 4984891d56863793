"""Exceptions are three-valued: an exception left open by an unknown answer holds its rule open.

The fixture law's `toy.named_ai` (naming the AI as author defeats the claim)
overrides `toy.protectable`, and `toy.protectable` carries no `not` guard
repeating the exception. With the naming question answered `unknown`, the
exception may yet apply, so the protectable verdict must not stand: the
element is undetermined, the displaced rule is reported as held open, and the
question that would decide is named. Before overrides were three-valued, the
unknown exception was simply ignored and the element came out protectable.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.loading import Law, load_law
from copyrightable.law.model import Truth, Verdict
from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset, prepare
from copyrightable.result.join import joined


@pytest.fixture(scope="module")
def law(tmp_path_factory: pytest.TempPathFactory) -> Law:
    """The fixture law, with 'is the AI named as author?' allowed to be unknown."""
    folder = tmp_path_factory.mktemp("law") / "law"
    shutil.copytree(FIXTURE_LAW, folder)
    questionnaire = Path(folder, "questionnaire.yaml")
    text = questionnaire.read_text(encoding="utf-8")
    marker = '    cites: [{authority: toy_statute, pinpoint: "§1"}]\n'
    assert text.count(marker) >= 1
    questionnaire.write_text(
        text.replace(marker, marker + "    unknown_allowed: true\n", 1), encoding="utf-8"
    )
    return load_law(folder)


def _outcome(law: Law, named: str, ai_used: str = "no"):
    element = (
        "{ai_used: no}"
        if ai_used == "no"
        else "{ai_used: yes, prompt_count: 40, edits: substantial}"
    )
    answers = answers_from_text(
        f"""\
meta: {{schema: 1, title: t}}
work: {{ai_named_author: {named}}}
elements:
  art: {{kind: image, answers: {element}}}
""",
        law,
        "a.yaml",
    )
    return evaluate_ruleset(prepare(law, "toy"), answers).elements[0]


def test_an_unknown_exception_holds_the_rule_it_displaces_open(law: Law) -> None:
    element = _outcome(law, "unknown")
    assert element.truths["toy.protectable"] is Truth.TRUE
    assert element.truths["toy.named_ai"] is Truth.UNKNOWN
    assert element.verdict is Verdict.UNDETERMINED
    assert element.held_open == ("toy.protectable",)
    assert element.deciding == () and element.author is None
    assert element.undetermined_by == ["ai_named_author"]


def test_a_known_exception_decides_as_before(law: Law) -> None:
    applies = _outcome(law, "yes", ai_used="yes")
    assert applies.verdict is Verdict.NOT_PROTECTABLE
    assert applies.deciding == ("toy.named_ai",) and applies.overridden == ("toy.protectable",)
    assert applies.held_open == ()
    fails = _outcome(law, "no")
    assert fails.verdict is Verdict.PROTECTABLE
    assert fails.deciding == ("toy.protectable",) and fails.held_open == ()


def test_the_result_names_the_rule_held_open(law: Law) -> None:
    answers = answers_from_text(
        """\
meta: {schema: 1, title: t}
work: {ai_named_author: unknown}
elements:
  art: {kind: image, answers: {ai_used: no}}
""",
        law,
        "a.yaml",
    )
    result = joined(Evaluator(law).evaluate(answers, "2026-01-01T00:00:00Z"))
    element = result["jurisdictions"][0]["elements"][0]
    assert element["verdict"] == "undetermined"
    assert element["held_open_rules"] == ["toy.protectable"]
    assert [q["question"] for q in element["undetermined_by"]] == ["ai_named_author"]


def test_the_shipped_fixture_still_loads_unchanged() -> None:
    """The file form of exceptions is the old one: `overrides:` keeps loading."""
    rule = load_law(FIXTURE_LAW).ruleset("toy").rule("toy.named_ai")
    assert rule.overrides == ("toy.protectable",)
