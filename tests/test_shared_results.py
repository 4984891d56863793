"""Results share their unchanging parts, and that sharing can neither leak nor corrupt.

An Evaluator remembers trace entries, wording and rule truths between
evaluations (the reason the full explanation is affordable in batch runs).
These tests pin the two promises that make that safe: a Result is the same
bytes whatever was evaluated before it, and a shared part cannot be changed
in place by a consumer.
"""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from tests.tools import REPO

from copyrightable.answers import answers_from_data
from copyrightable.batchio import located
from copyrightable.errors import EngineError, Location
from copyrightable.evaluation import Evaluator
from copyrightable.frozen import FrozenDict, FrozenList, freeze
from copyrightable.law import load_law
from copyrightable.result import to_json
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


def test_shared_parts_of_a_result_refuse_changes_in_place(shipped_law) -> None:
    case = _answers(shipped_law, 1, seed=3)[0]
    evaluator = Evaluator(shipped_law)
    first = evaluator.evaluate(case, STAMP)
    second = evaluator.evaluate(case, STAMP)
    entry = first["jurisdictions"][0]["elements"][0]["trace"][0]
    assert entry is second["jurisdictions"][0]["elements"][0]["trace"][0]  # shared
    with pytest.raises(TypeError, match="read-only"):
        entry["outcome"] = "fired"
    with pytest.raises(TypeError, match="read-only"):
        entry["cites"].append({"authority": "x", "pinpoint": "y"})
    with pytest.raises(TypeError, match="read-only"):
        first["authorities"][0].update(citation="changed")
    mutable = copy.deepcopy(first)  # the way to get a Result one may change
    mutable["jurisdictions"][0]["elements"][0]["trace"][0]["outcome"] = "changed"
    assert type(mutable["jurisdictions"][0]["elements"][0]["trace"][0]) is dict
    assert entry["outcome"] != "changed"


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
    from copyrightable.conditions import compile_true
    from copyrightable.engine import FACT_KEY, CompiledRules, EngineRule
    from copyrightable.model import Leaf

    compiled = CompiledRules(
        "failing", [EngineRule("r", 0, compile_true(Leaf("ai_used", "eq", True)))]
    )
    # A list as the fact's key cannot be recorded: an error, before anything is asserted.
    fact = {FACT_KEY: ["e1"], "s_ai_used": "k", "a_ai_used": True}
    with compiled.session() as session, pytest.raises(EngineError, match="not text"):
        session.run_stratum(0, [fact])
    with compiled.session() as session:  # the next stratum starts clean
        assert session.run_stratum(0, [{**fact, FACT_KEY: "e1"}]) == {("r", "e1", True)}


def test_batch_lines_are_exactly_what_json_dumps_would_write(shipped_law) -> None:
    from copyrightable.compact_json import CompactEncoder

    evaluator = Evaluator(shipped_law)
    encoder = CompactEncoder()
    for case in _answers(shipped_law, 25, seed=11) * 2:  # twice: remembered parts reused
        result = evaluator.evaluate(case, STAMP)
        expected = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
        assert encoder.encode(result) == expected
    odd = {
        "k": [1, 2.5, -0.0, 1e300, True, None, ("t", "u")],
        "中文": {"\u202e": "\x00"},
        "shared": freeze({"a": ["b"]}),
        "n": {1: "int key", None: "null key"},
    }
    assert (
        encoder.encode(odd) == json.dumps(odd, ensure_ascii=False, separators=(",", ":")).encode()
    )
    with pytest.raises(UnicodeEncodeError):
        encoder.encode({"lone": "\ud800"})
