"""The durable-rules adapter: no threads, no leftover sessions, reloadable rule sets."""

from __future__ import annotations

import subprocess
import sys
import threading

from tests.tools import FIXTURE_LAW, REPO

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.engine.adapter import CompiledRules
from copyrightable.engine.plan import EngineRule
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import ExitCode
from copyrightable.law.loading import load_law
from copyrightable.reasoning.ruleset_evaluation import prepare

LAW = load_law(FIXTURE_LAW)
ANSWERS = answers_from_text(
    """\
meta: {schema: 1, title: t}
work: {ai_named_author: no}
elements:
  art: {kind: image, answers: {ai_used: yes, prompt_count: 3, edits: none, tools: []}}
""",
    LAW,
    "a.yaml",
)


def test_compiling_starts_no_background_threads() -> None:
    before = threading.active_count()
    for _ in range(5):
        prepare(LAW, "toy")
    assert threading.active_count() == before


def test_sessions_are_deleted_so_the_1024_session_limit_never_bites() -> None:
    evaluator = Evaluator(LAW)
    results = [evaluator.evaluate(ANSWERS, "t") for _ in range(1100)]
    assert {r["jurisdictions"][0]["verdict"]["verdict"] for r in results} == {"not_protectable"}
    compiled = evaluator.prepared[0].compiled
    assert not any(compiled.has_state(f"s{n}") for n in range(1, 1200))


def test_a_rule_set_can_be_compiled_again_in_the_same_process() -> None:
    first = Evaluator(LAW).evaluate(ANSWERS, "t")
    second = Evaluator(load_law(FIXTURE_LAW)).evaluate(ANSWERS, "t")
    assert first == second


def test_or_firing_twice_is_recorded_once() -> None:
    pattern = {"$or": [{"a_x": 1}, {"a_y": 1}]}
    compiled = CompiledRules("dup", [EngineRule("r", 0, pattern)])
    with compiled.session() as session:
        fired = session.run_stratum(0, [{"key": "k", "a_x": 1, "a_y": 1}])
    assert fired == {("r", "k", True)}


def test_a_fact_matching_no_rule_is_not_an_error() -> None:
    compiled = CompiledRules("none", [EngineRule("r", 0, {"a_x": 1})])
    with compiled.session() as session:
        assert session.run_stratum(0, [{"key": "k", "a_x": 2}]) == set()


def test_a_fact_orjson_refuses_reaches_the_engine_through_json() -> None:
    """orjson writes the facts, but refuses integers past 64 bits (an answer may hold one)."""
    rules = [EngineRule("r", 0, {"a_x": 1}), EngineRule("many", 0, {"$gt": {"a_y": 5}})]
    compiled = CompiledRules("refused", rules)
    with compiled.session() as session:
        fired = session.run_stratum(0, [{"key": "k", "a_x": 1, "a_y": 2**70}])
    assert fired == {("r", "k", True), ("many", "k", True)}


def test_a_broken_engine_build_says_how_to_rebuild_it() -> None:
    code = (
        "import sys; sys.modules['durable'] = None\n"
        "from copyrightable.io.errors import EnvironmentProblem\n"
        "try:\n    import copyrightable.engine.adapter\n"
        "except EnvironmentProblem as e:\n    print(e.one_line())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "durable-rules engine is not installed or does not load" in out.stdout
    assert "reinstall copyrightable" in out.stdout and "C compiler" in out.stdout


def test_an_engine_built_without_read_firings_says_how_to_rebuild_it() -> None:
    """A durable_rules_engine from PyPI, or one built before read_firings was added."""
    code = (
        "import sys, types\n"
        "sys.modules['durable_rules_engine'] = types.ModuleType('durable_rules_engine')\n"
        "sys.argv = ['copyrightable', 'evaluate', 'cases/zarya-of-the-dawn.yaml']\n"
        "from copyrightable.cli import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert out.returncode == int(ExitCode.ENVIRONMENT), out.stderr
    assert out.stdout == "" and len(out.stderr.splitlines()) == 1, out.stderr
    assert "was not built with copyrightable (it lacks read_firings" in out.stderr
    assert "reinstall copyrightable" in out.stderr and "Traceback" not in out.stderr


def test_the_engine_decides_and_an_explanation_that_disagrees_is_an_error() -> None:
    """Truths come from durable's firings; the Python explanation is only checked against them.

    Swapping each rule's "definitely true" and "definitely false" patterns in the
    engine makes it decide the opposite of what the explanation says: the run
    must stop with an error rather than report either side's answer.
    """
    import dataclasses

    import pytest

    from copyrightable.io.errors import EngineError
    from copyrightable.law.model import Truth
    from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset

    prepared = prepare(LAW, "toy")
    honest = evaluate_ruleset(prepared, ANSWERS).elements[0]
    assert honest.truths["toy.machine"] is Truth.TRUE
    assert honest.truths["toy.human"] is Truth.FALSE
    swapped = CompiledRules(
        "swapped",
        [EngineRule(r.rule_id, r.stratum, r.pattern, not r.holds) for r in prepared.compiled.rules],
        prepared.compiled.marks,
    )
    with pytest.raises(EngineError, match="disagree") as caught:
        evaluate_ruleset(dataclasses.replace(prepared, compiled=swapped), ANSWERS)
    assert "toy.machine: engine false, explanation true" in str(caught.value)


def test_each_rule_reaches_the_engine_as_a_true_and_a_false_pattern() -> None:
    prepared = prepare(LAW, "toy")
    compiled = [(r.rule_id, r.holds) for r in prepared.compiled.rules]
    assert sorted(compiled) == sorted(
        (rule.id, holds) for rule in prepared.ruleset.rules for holds in (True, False)
    )


def test_durable_decides_what_the_python_evaluator_alone_would_over_seeded_variants() -> None:
    """The engine's decision equals the all-Python one (rule_truths) on 300 seeded answers.

    Before durable decided, verdicts came from that Python evaluation; equal
    truths for every rule of every element mean equal verdicts, authors,
    protections and exclusions.
    """
    from copyrightable.answers.answers_file import answers_from_data, applicable_values
    from copyrightable.batch.records import located
    from copyrightable.io.errors import Location
    from copyrightable.io.resources import rules_dir
    from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset, rule_truths
    from random_answers import variants

    law = load_law(rules_dir())
    prepared = [prepare(law, ruleset_id) for ruleset_id in law.rulesets]
    questionnaire = law.questionnaire
    compared = 0
    for index, document in enumerate(variants(law, 300, seed=20261201)):
        answers = answers_from_data(located(document, Location(f"v{index}")), law, "v")
        work = applicable_values(questionnaire, answers.work, None)
        for ruleset in prepared:
            for element in evaluate_ruleset(ruleset, answers).elements:
                values = applicable_values(
                    questionnaire, element.element.answers, work, element.element.kind
                )
                truths, findings = rule_truths(ruleset, values)
                assert element.truths == truths, (index, element.element.id)
                assert element.findings == findings, (index, element.element.id)
                compared += 1
    assert compared > 600


def test_patterns_reach_durable_as_minimal_alternatives() -> None:
    """Contradictory and absorbed conjunctions are dropped: a rule fires once per reason."""
    from copyrightable.engine.patterns import minimal_alternatives

    n_or_k = {"$or": [{"s_x": "n"}, {"s_x": "k"}]}
    assert minimal_alternatives({"$and": [{"s_x": "n"}, n_or_k]}) == [{"s_x": "n"}]
    absorbed = {"$or": [{"a_y": 1}, {"$and": [{"a_y": 1}, {"a_z": 2}]}]}
    assert minimal_alternatives(absorbed) == [{"a_y": 1}]
    excluded = {"$and": [{"a_y": 1}, {"$neq": {"a_y": 1}}]}
    assert minimal_alternatives(excluded) == []
    # "at least three of five" as a pattern: ten minimal reasons, not 3 ** 10 paths
    factors = [f"a_{i}" for i in range(5)]
    combos = [(a, b, c) for a in range(5) for b in range(a + 1, 5) for c in range(b + 1, 5)]
    none_of = {"$and": [{"$or": [{factors[i]: False} for i in combo]} for combo in combos]}
    found = minimal_alternatives(none_of)
    assert found is not None and len(found) == 10
    compiled = CompiledRules("three", [EngineRule("r", 0, none_of)])
    with compiled.session() as session:
        fired = session.outcomes(0, [{"key": "k", **dict.fromkeys(factors, False)}])
    assert fired == [{"r": True}]
    assert minimal_alternatives({"$or": [{"a_x": i} for i in range(65)]}) is None
