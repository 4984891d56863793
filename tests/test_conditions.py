"""The condition language: three-valued logic, and the engine agreeing with Python.

The property test compiles random conditions into durable-rules patterns and
checks, on random answers, that the real engine matches exactly where the
Python evaluator says TRUE, and its 'definitely false' pattern exactly where
it says FALSE. This is what lets the explanation be trusted.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.tools import FIXTURE_LAW

from copyrightable.engine.adapter import CompiledRules
from copyrightable.engine.plan import EngineRule
from copyrightable.law.conditions import (
    NOT_APPLICABLE,
    compile_false,
    compile_true,
    engine_properties,
    evaluate,
    leaves,
    relied_on,
)
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, All, Any_, FindingRef, Leaf, LowerBound, Not, Truth
from copyrightable.reasoning.ruleset_evaluation import engine_fact, fact_plan

LAW = load_law(FIXTURE_LAW)
QUESTIONS = LAW.all_questions()

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def test_kleene_tables() -> None:
    yes = Leaf("ai_used", "eq", True)
    values = {"ai_used": UNKNOWN}
    assert evaluate(All((yes, Not(yes))), values) is U
    assert evaluate(Any_((yes, Not(yes))), values) is U
    assert (
        evaluate(
            All((yes, Leaf("ai_named_author", "eq", True))),
            {"ai_used": UNKNOWN, "ai_named_author": False},
        )
        is F
    )
    assert (
        evaluate(
            Any_((yes, Leaf("ai_named_author", "eq", False))),
            {"ai_used": UNKNOWN, "ai_named_author": False},
        )
        is T
    )


def test_not_applicable_is_false_and_unknown_is_unknown() -> None:
    count = Leaf("prompt_count", "lt", 10.0)
    assert evaluate(count, {"prompt_count": NOT_APPLICABLE}) is F
    assert evaluate(Not(count), {"prompt_count": NOT_APPLICABLE}) is T
    assert evaluate(count, {"prompt_count": UNKNOWN}) is U
    assert evaluate(Not(count), {"prompt_count": UNKNOWN}) is U
    assert evaluate(Leaf("prompt_count", "known"), {"prompt_count": UNKNOWN}) is F
    assert evaluate(Leaf("prompt_count", "unknown"), {"prompt_count": UNKNOWN}) is T


leaf_strategy = st.one_of(
    st.builds(Leaf, st.just("ai_used"), st.sampled_from(["eq", "ne"]), st.booleans()),
    st.builds(
        Leaf,
        st.just("prompt_count"),
        st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
        st.sampled_from([0.0, 3.0, 10.0]),
    ),
    st.builds(
        Leaf,
        st.just("edits"),
        st.sampled_from(["eq", "ne"]),
        st.sampled_from(["none", "minor", "substantial"]),
    ),
    st.builds(
        Leaf,
        st.just("edits"),
        st.just("in"),
        st.lists(
            st.sampled_from(["none", "minor", "substantial"]), min_size=1, max_size=2, unique=True
        ).map(tuple),
    ),
    st.builds(Leaf, st.just("tools"), st.just("includes"), st.sampled_from(["brush", "eraser"])),
    st.builds(
        Leaf, st.sampled_from(["prompt_count", "edits"]), st.sampled_from(["known", "unknown"])
    ),
    st.builds(FindingRef, st.sampled_from(["machine_made", "human_made"])),
)
conditions = st.recursive(
    leaf_strategy,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.lists(inner, min_size=1, max_size=3).map(lambda p: All(tuple(p))),
        st.lists(inner, min_size=1, max_size=3).map(lambda p: Any_(tuple(p))),
    ),
    max_leaves=8,
)

value_choices = {
    "ai_used": [True, False, NOT_APPLICABLE],
    "prompt_count": [
        0.0,
        3.0,
        9.5,
        10.0,
        12.0,
        UNKNOWN,
        NOT_APPLICABLE,
        LowerBound(3.0),
        LowerBound(10.0),
        LowerBound(12.0),
    ],
    "edits": ["none", "minor", "substantial", UNKNOWN, NOT_APPLICABLE],
    "tools": [(), ("brush",), ("eraser",), ("brush", "eraser"), NOT_APPLICABLE],
}
finding_choices = [T, F, U]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(condition=conditions, seed=st.integers(min_value=0, max_value=10_000))
def test_engine_matches_exactly_where_python_says_true_or_false(condition, seed: int) -> None:
    compiled = CompiledRules(
        "prop",
        [
            EngineRule("r", 0, compile_true(condition), True),
            EngineRule("r", 0, compile_false(condition), False),
        ],
    )
    names = frozenset(engine_properties(condition))
    import random

    rng = random.Random(seed)
    cases = []
    for index in range(12):
        values = {q: rng.choice(options) for q, options in value_choices.items()}
        findings = {f: rng.choice(finding_choices) for f in ("machine_made", "human_made")}
        cases.append((f"e{index}", values, findings))
    with compiled.session() as session:
        plan = fact_plan(names, QUESTIONS)
        fired = session.run_stratum(
            0, [engine_fact(key, values, findings, plan) for key, values, findings in cases]
        )
    for key, values, findings in cases:
        truth = evaluate(condition, values, findings)
        assert (("r", key, True) in fired) == (truth is T), (condition, values, findings)
        assert (("r", key, False) in fired) == (truth is F), (condition, values, findings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(condition=conditions, seed=st.integers(min_value=0, max_value=10_000))
def test_changing_an_input_a_truth_does_not_rest_on_never_changes_it(condition, seed: int) -> None:
    """What an explanation gives as the grounds of a truth is enough for it: every
    other input the condition reads may take any value and the truth stays."""
    import random

    rng = random.Random(seed)
    values = {q: rng.choice(options) for q, options in value_choices.items()}
    findings = {f: rng.choice(finding_choices) for f in ("machine_made", "human_made")}
    truth = evaluate(condition, values, findings)
    grounds = relied_on(condition, values, findings)
    read = {
        leaf.finding if isinstance(leaf, FindingRef) else leaf.question
        for leaf in leaves(condition)
    }
    assert grounds <= read
    for name in read - grounds:
        if name in findings:
            for other in finding_choices:
                assert evaluate(condition, values, {**findings, name: other}) is truth
        else:
            for other in value_choices[name]:
                assert evaluate(condition, {**values, name: other}, findings) is truth


def test_a_true_any_rests_on_the_part_that_held() -> None:
    detailed_or_several = Any_(
        (Leaf("edits", "eq", "substantial"), Leaf("prompt_count", "gt", 1.0))
    )
    values = {"edits": "substantial", "prompt_count": 1.0}
    assert relied_on(detailed_or_several, values) == {"edits"}
    assert relied_on(All((detailed_or_several,)), values) == {"edits"}
    assert relied_on(Not(detailed_or_several), values) == {"edits"}  # false: not (true any)
    both_fail = {"edits": "none", "prompt_count": 1.0}
    assert relied_on(detailed_or_several, both_fail) == {"edits", "prompt_count"}
    open_count = {"edits": "none", "prompt_count": UNKNOWN}
    assert relied_on(detailed_or_several, open_count) == {"edits", "prompt_count"}


def test_every_combination_of_two_leaves_agrees_with_engine() -> None:
    """An exhaustive (not random) sweep of the connectives over a small domain."""
    a = Leaf("edits", "eq", "minor")
    b = Leaf("prompt_count", "gte", 10.0)
    shapes = [All((a, b)), Any_((a, b)), Not(All((a, Not(b)))), Any_((Not(a), b))]
    for shape in shapes:
        compiled = CompiledRules("sweep", [EngineRule("t", 0, compile_true(shape))])
        names = frozenset(engine_properties(shape))
        combos = list(itertools.product(value_choices["edits"], value_choices["prompt_count"]))
        plan = fact_plan(names, QUESTIONS)
        facts = [
            engine_fact(f"k{i}", {"edits": e, "prompt_count": p}, {}, plan)
            for i, (e, p) in enumerate(combos)
        ]
        with compiled.session() as session:
            fired = {key for _, key, _ in session.run_stratum(0, facts)}
        for i, (e, p) in enumerate(combos):
            expected = evaluate(shape, {"edits": e, "prompt_count": p}) is T
            assert (f"k{i}" in fired) == expected, (shape, e, p)


def test_conditions_deeper_than_durable_accepts_are_split_and_still_agree() -> None:
    """durable rejects patterns with ~15 nested $and/$or; the adapter splits them."""
    negated = [Not(Leaf("edits", "eq", choice)) for choice in ("none", "minor")]
    counts = [Not(Leaf("prompt_count", "lt", float(n))) for n in range(0, 12, 2)]
    deep = Not(All(tuple(negated + counts + [Leaf("ai_used", "eq", True)])))
    compiled = CompiledRules("deep", [EngineRule("t", 0, compile_true(deep))])
    names = frozenset(engine_properties(deep))
    combos = list(
        itertools.product(
            value_choices["ai_used"], value_choices["edits"], value_choices["prompt_count"]
        )
    )
    plan = fact_plan(names, QUESTIONS)
    facts = [
        engine_fact(f"k{i}", {"ai_used": a, "edits": e, "prompt_count": p}, {}, plan)
        for i, (a, e, p) in enumerate(combos)
    ]
    with compiled.session() as session:
        fired = {key for _, key, _ in session.run_stratum(0, facts)}
    for i, (a, e, p) in enumerate(combos):
        expected = evaluate(deep, {"ai_used": a, "edits": e, "prompt_count": p}) is T
        assert (f"k{i}" in fired) == expected, (a, e, p)
