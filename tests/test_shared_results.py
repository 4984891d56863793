"""Results state each word once, and what an Evaluator remembers never leaks between them.

An Evaluator remembers its words table, rule truths and decisions between
evaluations. These tests pin the promises that make that safe: a Result is the
same bytes whatever was evaluated before it, a consumer that changes its
Result (or the joined view of it) changes no other, and the joined view is the
Result with its words in place, whether they came with it or from a batch
run's words file.
"""

from __future__ import annotations

import json
import pickle

import pytest
from tests.tools import REPO

from copyrightable.answers.answers_file import answers_from_data
from copyrightable.batch.records import located
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import EngineError, InputError, Location
from copyrightable.law.loading import load_law
from copyrightable.result.frozen import FrozenDict, FrozenList, freeze
from copyrightable.result.join import joined
from copyrightable.result.result_json import to_json
from random_answers import variants

STAMP = "2026-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def shipped_law():
    return load_law(REPO / "rules")


def _answers(law, count: int, seed: int):
    return [
        answers_from_data(located(doc, Location(f"variant {i}")), law, f"variant {i}")
        for i, doc in enumerate(variants(law, count, seed=seed))
    ]


def test_a_result_is_the_same_bytes_whatever_was_evaluated_before(shipped_law) -> None:
    cases = _answers(shipped_law, 60, seed=7)
    warm = Evaluator(shipped_law)
    in_order = [to_json(warm.evaluate(case, STAMP)) for case in cases]
    for index, case in enumerate(cases):
        fresh = Evaluator(shipped_law)  # nothing remembered yet
        assert to_json(fresh.evaluate(case, STAMP)) == in_order[index], f"variant {index}"


def test_changing_one_result_changes_no_other(shipped_law) -> None:
    case = _answers(shipped_law, 1, seed=3)[0]
    evaluator = Evaluator(shipped_law)
    first = evaluator.evaluate(case, STAMP)
    expected = to_json(evaluator.evaluate(case, STAMP))
    trace = first["jurisdictions"][0]["elements"][0]["trace"]
    trace[next(iter(trace))] = ("changed",)
    first["jurisdictions"][0]["elements"][0]["findings"].clear()
    view = joined(evaluator.evaluate(case, STAMP))
    view["jurisdictions"][0]["elements"][0]["trace"][0]["statement"]["en"] = "changed"
    view["authorities"][0]["citation"] = "changed"
    view["work"]["stated"].clear()
    assert to_json(evaluator.evaluate(case, STAMP)) == expected
    assert to_json(joined(evaluator.evaluate(case, STAMP))) != to_json(view)


def test_the_joined_view_puts_every_word_in_place_and_is_idempotent(shipped_law) -> None:
    evaluator = Evaluator(shipped_law)
    case = _answers(shipped_law, 1, seed=5)[0]
    result = evaluator.evaluate(case, STAMP)
    view = joined(result)
    assert joined(view) is view
    rules = {
        rule["id"]: rule
        for ruleset in result["words"]["rulesets"].values()
        for rule in ruleset["rules"]
    }
    for jurisdiction in view["jurisdictions"]:
        assert jurisdiction["name"] == result["words"]["rulesets"][jurisdiction["id"]]["name"]
        for element in jurisdiction["elements"]:
            for step in element["trace"]:
                rule = rules[step["rule"]]
                assert step["statement"] == rule["statement"] and step["cites"] == rule["cites"]
                assert [c["text"] for c in step["conditions"]] == [
                    c["text"] for c in rule["conditions"]
                ]
                for part in step["conditions"]:
                    for fact in part["facts"]:
                        assert fact["source"] in ("stated", "assumed", "presumed", "derived")
                        assert set(fact["answer_label"]) == {"en", "zh"}
    assert [a["id"] for a in view["authorities"]] == result["authorities"]
    assert view["notice"] == result["words"]["notice"]


def test_a_result_without_its_words_joins_with_the_words_given(shipped_law) -> None:
    evaluator = Evaluator(shipped_law)
    case = _answers(shipped_law, 1, seed=9)[0]
    line = evaluator.evaluate(case, STAMP, with_words=False)
    assert "words" not in line and line["words_sha256"] == evaluator.words_sha256
    assert joined(line, evaluator.words) == joined(evaluator.evaluate(case, STAMP))
    assert joined(line, law=shipped_law) == joined(evaluator.evaluate(case, STAMP))  # rebuilt
    with pytest.raises(InputError, match="not those of the rules loaded"):
        joined({**line, "words_sha256": "0" * 64}, law=shipped_law)


def test_frozen_containers_behave_as_plain_json_values() -> None:
    value = freeze({"a": [1, {"b": (2, 3)}], "c": None})
    assert isinstance(value, FrozenDict) and isinstance(value["a"], FrozenList)
    assert value == {"a": [1, {"b": [2, 3]}], "c": None}
    assert json.dumps(value) == '{"a": [1, {"b": [2, 3]}], "c": null}'
    assert pickle.loads(pickle.dumps(value)) == value
    for change in (
        lambda: value.pop("a"),
        lambda: value.setdefault("d", 1),
        lambda: value["a"].sort(),
        lambda: value["a"].__setitem__(0, 9),
    ):
        with pytest.raises(TypeError):
            change()


def test_a_failing_action_inside_the_engine_is_an_error_not_a_silent_miss() -> None:
    """A firing that cannot be recorded is an error, never a silently missed rule."""
    from copyrightable.engine.adapter import CompiledRules
    from copyrightable.engine.plan import FACT_KEY, EngineRule
    from copyrightable.law.conditions import compile_true
    from copyrightable.law.model import Leaf

    compiled = CompiledRules(
        "failing", [EngineRule("r", 0, compile_true(Leaf("ai_used", "eq", True)))]
    )
    # A list as the fact's key cannot be recorded: an error, before anything is asserted.
    fact = {FACT_KEY: ["e1"], "s_ai_used": "k", "a_ai_used": True}
    with compiled.session() as session, pytest.raises(EngineError, match="not text"):
        session.run_stratum(0, [fact])
    with compiled.session() as session:  # the next stratum starts clean
        assert session.run_stratum(0, [{**fact, FACT_KEY: "e1"}]) == {("r", "e1", True)}
