"""US registration advice fits the state of the application.

Rule tests check which rules fire; these check the advice a reader gets. An
application only planned is told what to do when applying (disclose the AI
material and exclude what is more than de minimis, 88 Fed. Reg. 16190) and is
never told to correct an application that does not exist; an application on
file that omits the AI material is still told to correct it (17 U.S.C. §411(b)).
Run on the facts of Zarya of the Dawn, with the registration state changed.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from copyrightable.answers.answers_file import answers_from_text, is_asked
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law
from copyrightable.law.model import Scope
from copyrightable.result.join import joined

REPO = Path(__file__).resolve().parents[1]
ZARYA = REPO / "cases" / "zarya-of-the-dawn.yaml"

pytestmark = pytest.mark.skipif(
    not ZARYA.exists(), reason="the shipped rules and cases are not in this checkout"
)


@pytest.fixture(scope="module")
def law() -> Any:
    return load_law(REPO / "rules")


def _zarya(**work: Any) -> dict[str, Any]:
    answers = copy.deepcopy(yaml.safe_load(ZARYA.read_text(encoding="utf-8"))["answers"])
    for name, value in work.items():
        if value is None:
            answers["work"].pop(name, None)
        else:
            answers["work"][name] = value
    return answers


def _us_advice(law: Any, answers: dict[str, Any]) -> dict[str, list[str]]:
    """Per element, the ids of the US recommendations."""
    parsed = answers_from_text(yaml.safe_dump(answers, allow_unicode=True), law, "zarya.yaml")
    result = joined(Evaluator(law).evaluate(parsed, "2026-12-01T00:00:00Z"))
    (us,) = [j for j in result["jurisdictions"] if j["id"] == "us"]
    return {e["id"]: [r["id"] for r in e["recommendations"]] for e in us["elements"]}


def test_a_planned_application_is_advised_to_exclude_and_never_to_correct(law: Any) -> None:
    advice = _us_advice(law, _zarya(us_registration="planned", ai_disclosed=None))
    assert "exclude_ai_material" in advice["images"]
    assert "exclude_ai_material" in advice["arrangement"]
    assert "claim_selection_arrangement" in advice["arrangement"]
    assert not any("correct_application" in ids for ids in advice.values()), advice


def test_a_filed_application_that_omits_the_ai_material_must_still_be_corrected(
    law: Any,
) -> None:
    advice = _us_advice(law, _zarya(us_registration="filed", ai_disclosed="no"))
    assert "correct_application" in advice["images"]
    assert "correct_application" in advice["arrangement"]


def test_an_unknown_registration_presumes_no_application_to_correct(law: Any) -> None:
    advice = _us_advice(
        law, _zarya(us_registration="unknown", ai_disclosed="unknown", ai_excluded="unknown")
    )
    assert "exclude_ai_material" in advice["images"]
    assert not any("correct_application" in ids for ids in advice.values()), advice


def test_an_unknown_registration_need_not_answer_what_the_application_says(law: Any) -> None:
    """Where it is not known whether an application was filed, the disclosure questions
    are asked but may be left out: the file evaluates, and nothing is to be corrected."""
    advice = _us_advice(law, _zarya(us_registration="unknown", ai_disclosed=None))
    assert "exclude_ai_material" in advice["images"]
    assert not any("correct_application" in ids for ids in advice.values()), advice


@pytest.mark.parametrize("state", ["not_planned", "not_applied", "planned"])
def test_the_application_is_asked_about_only_once_filed(law: Any, state: str) -> None:
    questions = {q.id: q for q in law.questionnaire.in_scope(Scope.WORK)}
    assert not is_asked(questions["ai_disclosed"], {"us_registration": state})
    assert is_asked(questions["ai_disclosed"], {"us_registration": "filed"})
    with pytest.raises(InputError, match="'ai_disclosed' does not apply"):
        answers_from_text(
            yaml.safe_dump(_zarya(us_registration=state, ai_disclosed="no")), law, "zarya.yaml"
        )
