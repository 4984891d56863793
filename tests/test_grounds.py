"""An explanation gives as grounds only the facts a rule's truth rests on.

Zarya of the Dawn's images were made with detailed prompts, revised over many
rounds; the number of prompts was never stated, so on the record it is one.
The US rule on the Allen v. Perlmutter pattern asks for detailed prompts and
for "revised, or more than one prompt": it holds on the revisions. Saying
that the user "submitted 1 prompt" as one of its grounds would be wrong, and
a reader checking the reasoning against the facts would be misled.
"""

from __future__ import annotations

import pytest
from tests.tools import REPO, run_cli

from copyrightable.answers.answers_file import load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.loading import load_law
from copyrightable.render.reasoning_prose import concerning, step_text
from copyrightable.result.join import joined

ZARYA = REPO / "cases" / "zarya-of-the-dawn.yaml"
ALLEN_PATTERN = "us.facts.detailed_iterative_prompting"


@pytest.fixture(scope="module")
def images() -> dict:
    law = load_law(None)
    result = joined(Evaluator(law, ["us"]).evaluate(load_answers(ZARYA, law), "fixed"))
    (us,) = result["jurisdictions"]
    (element,) = [e for e in us["elements"] if e["id"] == "images"]
    return {"element": element, "authorities": {a["id"]: a for a in result["authorities"]}}


def _step(element: dict, rule_id: str) -> dict:
    (step,) = [s for s in element["trace"] if s["rule"] == rule_id]
    return step


def test_the_fact_a_part_did_not_rest_on_is_marked(images: dict) -> None:
    step = _step(images["element"], ALLEN_PATTERN)
    assert step["outcome"] == "fired"
    revised_or_several = step["conditions"][1]
    facts = {f["question"]: f for f in revised_or_several["facts"]}
    assert facts["prompts_revised"].get("relied_on", True) is True
    assert facts["prompt_count"]["relied_on"] is False
    assert facts["prompt_count"]["answer"] == 1  # still there, for a reader of the Result


def test_the_explanation_states_the_revisions_not_the_one_prompt(images: dict) -> None:
    text = step_text(
        _step(images["element"], ALLEN_PATTERN), images["element"], images["authorities"], "en"
    )
    assert "revised the prompts in response to the outputs" in text
    assert "1 prompt" not in text


def test_the_full_report_gives_no_unused_fact_as_a_ground() -> None:
    done = run_cli(
        "report", str(ZARYA), "-j", "us", "--detail", "full", "--timestamp", "2026-01-01T00:00:00Z"
    )
    assert done.returncode == 0, done.stderr
    (paragraph,) = [line for line in done.stdout.splitlines() if ALLEN_PATTERN in line]
    assert "revised the prompts" in paragraph
    assert "1 prompt" not in paragraph


def test_a_step_is_not_shown_for_a_rule_that_did_not_rest_on_its_finding() -> None:
    """Théâtre D'opéra Spatial under Chinese law: the three-factors rules failed on
    design, parameters and the user's own edits. They also read the revision and
    selection findings, which held, in parts that did not rest on them; the
    steps establishing those findings kept nothing from applying and are not
    part of this element's reasoning."""
    law = load_law(None)
    case = REPO / "cases" / "theatre-dopera-spatial.yaml"
    result = joined(Evaluator(law, ["cn"]).evaluate(load_answers(case, law), "fixed"))
    (image,) = result["jurisdictions"][0]["elements"]
    fired = {step["rule"] for step in image["trace"] if step["outcome"] == "fired"}
    assert {"cn.factors.revision", "cn.factors.selection"} <= fired  # they did apply
    shown = {step["rule"] for step in concerning(image)}
    assert not shown & {"cn.factors.revision", "cn.factors.selection"}


def test_a_report_on_one_jurisdiction_states_the_ground_of_every_verdict() -> None:
    """With one rule set there is nothing to compare, but the opinion still says why."""
    done = run_cli("report", str(ZARYA), "-j", "us", "--timestamp", "2026-01-01T00:00:00Z")
    assert done.returncode == 0, done.stderr
    side = done.stdout.split("## 5.", 1)[1].split("## 6.", 1)[0]
    assert "The ground of each verdict" in side
    assert "Text a human wrote without AI is protected as the human's original expression." in side
    assert "Detailed prompts revised over many rounds" in side  # the images, not protectable


def test_the_ground_is_the_verdict_rule_even_where_an_author_rule_comes_first() -> None:
    """An author rule decides who the author is, not whether the element is protected."""
    from copyrightable.render.reasoning_prose import verdict_step

    author = {"rule": "x.author", "decisive": True, "concludes": {"verdict": None}}
    verdict = {"rule": "x.work", "decisive": True, "concludes": {"verdict": "protectable"}}
    aside = {"rule": "x.fact", "decisive": False, "concludes": {"verdict": "not_protectable"}}
    assert verdict_step({"trace": [aside, author, verdict]}) is verdict
    assert verdict_step({"trace": [author]}) is None


def test_a_ground_keeps_the_rule_whole_where_it_turns_on_but() -> None:
    """India on Nova v Mazooma: 'it has an author ...; but under Modak it is probably not
    original'. A first clause alone would give a not-protectable verdict the ground
    that the work has an author."""
    done = run_cli(
        "evaluate", str(REPO / "cases" / "nova-v-mazooma.yaml"), "-j", "in", "--lang", "zh"
    )
    assert done.returncode == 0, done.stderr
    flat = "".join(done.stdout.split())
    assert "但依Modak案标准，其很可能不具独创性" in flat.split("理由（frames）", 1)[1]
