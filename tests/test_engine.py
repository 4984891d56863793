"""The durable-rules adapter: no threads, no leftover sessions, reloadable rule sets."""

from __future__ import annotations

import subprocess
import sys
import threading

from tests.tools import FIXTURE_LAW

from copyrightable.answers import answers_from_text
from copyrightable.engine import CompiledRules, EngineRule
from copyrightable.evaluation import Evaluator
from copyrightable.law import load_law
from copyrightable.reasoning import prepare

LAW = load_law(FIXTURE_LAW)
ANSWERS = answers_from_text("""\
meta: {schema: 1, title: t}
work: {ai_named_author: no}
elements:
  art: {kind: image, answers: {ai_used: yes, prompt_count: 3, edits: none, tools: []}}
""", LAW, "a.yaml")


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
    assert fired == {("r", "k")}


def test_a_fact_matching_no_rule_is_not_an_error() -> None:
    compiled = CompiledRules("none", [EngineRule("r", 0, {"a_x": 1})])
    with compiled.session() as session:
        assert session.run_stratum(0, [{"key": "k", "a_x": 2}]) == set()


def test_a_broken_engine_build_gives_the_working_install_command() -> None:
    code = ("import sys; sys.modules['durable'] = None\n"
            "from copyrightable.errors import EnvironmentProblem\n"
            "try:\n    import copyrightable.engine\n"
            "except EnvironmentProblem as e:\n    print(e.one_line())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert "durable-rules engine is not installed" in out.stdout
    assert "pip install durable-rules==2.0.28" in out.stdout
