"""Number answers known only from below: {at_least: N} ("more than 30 prompts").

A lower bound is a real answer, neither exact nor unknown: a rule asking for
at least 10 prompts is satisfied by "at least 30", a rule asking for at most 5
is not, and a rule asking for exactly 40 stays open. The engine and the
explanation must agree on every comparison, and the words must say "at least".
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.tools import FIXTURE_LAW, run_cli

from copyrightable.answers.answers_file import answer_to_yaml, answers_from_text
from copyrightable.engine.adapter import CompiledRules
from copyrightable.engine.plan import EngineRule
from copyrightable.io.errors import InputError
from copyrightable.law.conditions import (
    compile_false,
    compile_true,
    engine_properties,
    evaluate,
    normalise_value,
)
from copyrightable.law.loading import load_law
from copyrightable.law.model import Leaf, LowerBound, Truth
from copyrightable.reasoning.ruleset_evaluation import (
    engine_fact,
    evaluate_ruleset,
    fact_plan,
    prepare,
)
from copyrightable.result.wording import Wording

LAW = load_law(FIXTURE_LAW)
QUESTIONS = LAW.all_questions()
T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _answers(count: str) -> str:
    return f"""\
meta: {{schema: 1, title: t}}
work: {{ai_named_author: no}}
elements:
  art: {{kind: image, answers: {{ai_used: yes, prompt_count: {count}, edits: none, tools: []}}}}
"""


def test_an_answers_file_takes_a_lower_bound() -> None:
    answers = answers_from_text(_answers("{at_least: 30}"), LAW, "a.yaml")
    assert answers.elements[0].answers["prompt_count"] == LowerBound(30.0)


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("{at_least: lots}", "not a number"),
        ("{at_most: 30}", "not a number or a lower bound"),
        ("{at_least: 30, exactly: 31}", "not a number or a lower bound"),
        ("{}", "not a number or a lower bound"),
        ("{at_least: -1}", "below the minimum"),
        ("{at_least: unknown}", "not a number"),
        ("{at_least: {at_least: 3}}", "not a number"),
        ("{at_least: .inf}", "not finite"),
    ],
)
def test_a_malformed_lower_bound_is_one_clear_error(written: str, complaint: str) -> None:
    with pytest.raises(InputError) as caught:
        answers_from_text(_answers(written), LAW, "a.yaml")
    line = caught.value.one_line()
    assert complaint in line and "a.yaml:4" in line and "\n" not in line


def test_the_command_line_reports_a_bad_bound_on_one_line(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(_answers("{at_least: lots}"), encoding="utf-8")
    done = run_cli("evaluate", str(path), "--rules", str(FIXTURE_LAW))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.yaml:4" in lines[0] and "Traceback" not in done.stderr


def test_comparisons_with_a_bound_are_three_valued() -> None:
    bound = {"prompt_count": LowerBound(30.0)}
    assert evaluate(Leaf("prompt_count", "gte", 10.0), bound) is T
    assert evaluate(Leaf("prompt_count", "gt", 30.0), bound) is U
    assert evaluate(Leaf("prompt_count", "gte", 30.0), bound) is T
    assert evaluate(Leaf("prompt_count", "lte", 5.0), bound) is F
    assert evaluate(Leaf("prompt_count", "lt", 30.0), bound) is F
    assert evaluate(Leaf("prompt_count", "lte", 30.0), bound) is U
    assert evaluate(Leaf("prompt_count", "eq", 40.0), bound) is U
    assert evaluate(Leaf("prompt_count", "eq", 20.0), bound) is F
    assert evaluate(Leaf("prompt_count", "ne", 20.0), bound) is T
    assert evaluate(Leaf("prompt_count", "known"), bound) is T
    assert evaluate(Leaf("prompt_count", "unknown"), bound) is F


def test_the_engine_decides_a_bound_like_the_explanation() -> None:
    """toy.machine needs fewer than 10 prompts: at least 30 rules it out, at least 3 does not."""
    prepared = prepare(LAW, "toy")
    many = evaluate_ruleset(prepared, answers_from_text(_answers("{at_least: 30}"), LAW, "a"))
    few = evaluate_ruleset(prepared, answers_from_text(_answers("{at_least: 3}"), LAW, "b"))
    assert many.elements[0].truths["toy.machine"] is F
    assert few.elements[0].truths["toy.machine"] is U
    assert few.elements[0].verdict.value == "undetermined"
    assert few.elements[0].undetermined_by == ["prompt_count"]


def test_a_bound_reads_as_at_least_and_saves_as_written() -> None:
    words = Wording(LAW)
    assert words.value("prompt_count", LowerBound(30.0)) == {"en": "at least 30", "zh": "至少30"}
    question = QUESTIONS["prompt_count"]
    assert answer_to_yaml(question, LowerBound(30.0)) == {"at_least": 30}
    assert normalise_value(question, {"at_least": 2.5}) == LowerBound(2.5)


bounds = st.integers(min_value=0, max_value=40).map(float)
operands = st.integers(min_value=0, max_value=40).map(float)
ops = st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"])


@settings(max_examples=300, deadline=None)
@given(op=ops, operand=operands, bound=bounds)
def test_a_bound_is_true_or_false_only_when_every_value_above_it_agrees(
    op: str, operand: float, bound: float
) -> None:
    """Soundness and completeness over the values the bound allows (bound .. bound+50)."""
    leaf = Leaf("prompt_count", op, operand)
    said = evaluate(leaf, {"prompt_count": LowerBound(bound)})
    exact = {evaluate(leaf, {"prompt_count": bound + step / 2}) for step in range(0, 101)}
    expected = T if exact == {T} else F if exact == {F} else U
    assert said is expected, (op, operand, bound, exact)


@settings(max_examples=120, deadline=None)
@given(
    op=ops,
    operand=operands,
    values=st.lists(st.one_of(bounds.map(LowerBound), bounds), min_size=1, max_size=8),
)
def test_compiled_patterns_match_a_bound_exactly_where_python_decides(
    op: str, operand: float, values: list
) -> None:
    leaf = Leaf("prompt_count", op, operand)
    compiled = CompiledRules(
        "bound",
        [
            EngineRule("r", 0, compile_true(leaf), True),
            EngineRule("r", 0, compile_false(leaf), False),
        ],
    )
    plan = fact_plan(frozenset(engine_properties(leaf)), QUESTIONS)
    facts = [
        engine_fact(f"e{i}", {"prompt_count": value}, {}, plan) for i, value in enumerate(values)
    ]
    with compiled.session() as session:
        fired = session.run_stratum(0, facts)
    for i, value in enumerate(values):
        truth = evaluate(leaf, {"prompt_count": value})
        assert (("r", f"e{i}", True) in fired) == (truth is T), (leaf, value)
        assert (("r", f"e{i}", False) in fired) == (truth is F), (leaf, value)
