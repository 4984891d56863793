"""durable's matcher overflowed (SIGSEGV/SIGABRT) when too many rules matched one fact.

As released its stack held 64 pending nodes; as built here, 1,024
(vendor/durable-rules/README.md), and the adapter packs rules into slots within
that and the matcher's other bounds. Each scenario runs in a child process, so
that a regression kills the child and fails the test instead of taking the
whole pytest run down with it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_data
from copyrightable.batch.records import located
from copyrightable.io.errors import Location, RuleSetError
from copyrightable.law.loading import load_law
from copyrightable.law.model import Truth
from copyrightable.reasoning.ruleset_evaluation import evaluate_ruleset, prepare


def run_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


def test_two_hundred_rules_matching_one_fact_all_fire_without_crashing() -> None:
    done = run_child("""
        from copyrightable.engine.adapter import CompiledRules
        from copyrightable.engine.plan import EngineRule
        rules = [EngineRule(f"r{j}", 0, {f"a_{j}": 1}) for j in range(200)]
        rules += [EngineRule(f"o{j}", 0, {"$or": [{f"a_{j}": 1}, {f"a_{j + 1}": 1}]})
                  for j in range(40)]
        compiled = CompiledRules("many", rules)
        with compiled.session() as session:
            fired = session.run_stratum(0, [{"key": "e", **{f"a_{j}": 1 for j in range(200)}}])
        assert fired == {(rule.rule_id, "e", True) for rule in rules}, len(fired)
        print("ok", len(fired), "slots", len(compiled.slots[0]))
    """)
    assert done.returncode == 0, f"child died with {done.returncode}: {done.stderr[-500:]}"
    assert done.stdout.strip() == "ok 240 slots 1"  # one assertion of the fact serves them all


def test_rules_reading_more_properties_than_a_fact_holds_are_split_and_all_fire() -> None:
    """A fact holds at most 255 properties: 300 rules, each reading its own, need two slots."""
    done = run_child("""
        from copyrightable.engine.adapter import CompiledRules
        from copyrightable.engine.plan import EngineRule
        rules = [EngineRule(f"r{j}", 0, {f"a_{j}": 1}) for j in range(300)]
        rules += [EngineRule(f"n{j}", 0, {f"a_{j}": 2}, holds=False) for j in range(0, 300, 7)]
        compiled = CompiledRules("wide", rules)
        facts = [{"key": "e", **{f"a_{j}": 1 for j in range(300)}},
                 {"key": "f", **{f"a_{j}": 2 for j in range(300)}}]
        with compiled.session() as session:
            fired = session.run_stratum(0, facts)
        expected = {(f"r{j}", "e", True) for j in range(300)}
        expected |= {(f"n{j}", "f", False) for j in range(0, 300, 7)}
        assert fired == expected, len(fired ^ expected)
        print("ok", len(fired), "slots", len(compiled.slots[0]))
    """)
    assert done.returncode == 0, f"child died with {done.returncode}: {done.stderr[-500:]}"
    assert done.stdout.strip() == "ok 343 slots 2"


@pytest.mark.slow
def test_random_rule_sets_where_every_rule_matches_fire_completely() -> None:
    done = run_child("""
        import random
        from copyrightable.engine.adapter import CompiledRules
        from copyrightable.engine.patterns import PatternTooComplex
        from copyrightable.engine.plan import EngineRule
        props = [f"a_{i}" for i in range(240)]
        fact = {"key": "e", **{p: 1 for p in props}}
        checked = 0
        for seed in range(60):
            rng = random.Random(seed)
            def pattern(depth=0):
                if depth > 1 or rng.random() < 0.5:
                    return {rng.choice(props): 1}
                key = "$or" if rng.random() < 0.6 else "$and"
                return {key: [pattern(depth + 1) for _ in range(rng.randint(2, 3))]}
            rules = [EngineRule(f"r{j}", rng.randint(0, 2), pattern())
                     for j in range(rng.randint(1, 150))]
            try:
                compiled = CompiledRules(f"s{seed}", rules)
            except PatternTooComplex:
                continue
            with compiled.session() as session:
                fired = set()
                for stratum in range(3):
                    fired |= session.run_stratum(stratum, [fact])
            assert fired == {(rule.rule_id, "e", True) for rule in rules}, seed
            checked += 1
        print("checked", checked)
    """)
    assert done.returncode == 0, f"child died with {done.returncode}: {done.stderr[-500:]}"
    assert int(done.stdout.split()[-1]) >= 50


def law_with_rule(tmp_path: Path, when: str) -> Path:
    folder = tmp_path / "law"
    folder.mkdir(parents=True)
    for source in FIXTURE_LAW.glob("*.yaml"):
        (folder / source.name).write_text(source.read_text())
    toy = folder / "toy.yaml"
    rule = [
        "  - id: toy.wide",
        '    statement: {en: "A very wide rule.", zh: "很宽的规则。"}',
        f"    when: {when}",
        "    then: {findings: [human_made]}",
        "    settledness: statute",
        "    effective: 2020-01-01",
        '    cites: [{authority: toy_statute, pinpoint: "§9"}]',
    ]
    toy.write_text(toy.read_text() + "\n".join(rule) + "\n")
    return folder


def test_a_condition_of_sixty_tests_compiles(tmp_path: Path) -> None:
    """It did not, with the released engine's stack of 64 (its limit was 47 tests)."""
    tests = ", ".join(f"{{q: prompt_count, gt: {i}}}" for i in range(60))
    prepared = prepare(load_law(law_with_rule(tmp_path, f"{{all: [{tests}]}}")), "toy")
    assert "toy.wide" in {rule.rule_id for rule in prepared.compiled.rules}


def test_a_condition_too_wide_for_the_engine_is_a_rule_error_with_its_line(tmp_path: Path) -> None:
    tests = ", ".join(f"{{q: prompt_count, gt: {i}}}" for i in range(101))
    law = load_law(law_with_rule(tmp_path, f"{{all: [{tests}]}}"))
    with pytest.raises(RuleSetError) as caught:
        prepare(law, "toy")
    message = caught.value.one_line()
    assert "rule 'toy.wide'" in message and "101 alternatives or parts" in message
    assert "toy.yaml:" in message and "split the rule" in message


def test_an_in_list_of_a_hundred_values_costs_one_test_but_more_is_refused() -> None:
    done = run_child("""
        from copyrightable.engine.adapter import CompiledRules
        from copyrightable.engine.patterns import PatternTooComplex
        from copyrightable.engine.plan import EngineRule
        def in_list(count):
            return {"$and": [{"s_x": "k"}, {"$or": [{"a_x": i} for i in range(count)]}]}
        rules = [EngineRule("in", 0, in_list(100))]
        rules += [EngineRule(f"r{j}", 0, {f"a_{j}": 1}) for j in range(150)]
        compiled = CompiledRules("in", rules)
        with compiled.session() as session:
            fact = {"key": "e", "s_x": "k", "a_x": 99, **{f"a_{j}": 1 for j in range(150)}}
            print(len(session.run_stratum(0, [fact])))
        try:
            CompiledRules("more", [EngineRule("in", 0, in_list(101))])
        except PatternTooComplex as error:
            print(error.one_line())
    """)
    assert done.returncode == 0, f"child died with {done.returncode}: {done.stderr[-500:]}"
    fired, refused = done.stdout.splitlines()
    assert fired == "151"
    assert "101 alternatives" in refused and "at most 100" in refused


def test_a_stratum_reading_more_properties_than_a_fact_holds_is_decided_by_the_engine(
    tmp_path: Path,
) -> None:
    """300 rules on one stratum, each reading its own choice of one question: 300 engine
    properties, more than durable holds in one fact. The plan asserts the element once
    per slot (plan.py), so nothing at the level of the rule set limits a stratum; the
    engine decides each rule and the explanation agrees (evaluate_ruleset checks both)."""
    folder = law_with_rule(tmp_path, "{q: tools, includes: brush}")
    choices = "".join(f"      - {{id: c{j}, label: {{en: c{j}, zh: c{j}}}}}\n" for j in range(300))
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(
        questionnaire.read_text().replace(
            "      - {id: brush, label: {en: brush, zh: 画笔}}\n",
            f"      - {{id: brush, label: {{en: brush, zh: 画笔}}}}\n{choices}",
        )
    )
    toy = folder / "toy.yaml"
    toy.write_text(
        toy.read_text()
        + "".join(
            f"  - id: toy.c{j}\n"
            f'    statement: {{en: "Choice {j}.", zh: "选项{j}。"}}\n'
            f"    when: {{q: tools, includes: c{j}}}\n"
            "    then: {recommend: [keep_records]}\n"
            "    settledness: statute\n"
            "    effective: 2020-01-01\n"
            '    cites: [{authority: toy_statute, pinpoint: "§9"}]\n'
            for j in range(300)
        )
    )
    law = load_law(folder)
    prepared = prepare(law, "toy")
    stratum = prepared.strata["toy.c0"]
    assert len(prepared.properties[stratum]) > 255
    assert len(prepared.compiled.slots[stratum]) >= 2
    answers = answers_from_data(
        located(
            {
                "meta": {"schema": 1, "title": "t"},
                "work": {"ai_named_author": "no"},
                "elements": {
                    "art": {
                        "kind": "image",
                        "answers": {
                            "ai_used": "yes",
                            "prompt_count": 1,
                            "edits": "none",
                            "tools": ["c7", "c299"],
                        },
                    }
                },
            },
            Location("wide"),
        ),
        law,
        "wide",
    )
    truths = evaluate_ruleset(prepared, answers).elements[0].truths
    assert {j for j in range(300) if truths[f"toy.c{j}"] is Truth.TRUE} == {7, 299}
    assert all(truths[f"toy.c{j}"] is Truth.FALSE for j in range(300) if j not in (7, 299))
