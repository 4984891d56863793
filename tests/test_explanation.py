"""The explanation we record agrees with what the engine concluded, on every rule test.

The evaluator already refuses to return a result when the engine's firings and
our three-valued evaluation differ; these checks go further and read only the
Result, as a report would, to confirm that the trace by itself justifies every
verdict: decisive rules fired and were not overridden, their conclusion is the
verdict, and each rule's recorded conditions account for its outcome.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW

from copyrightable.answers.answers_file import answers_from_data
from copyrightable.io.resources import rules_dir
from copyrightable.law.loading import load_law
from copyrightable.result.join import joined
from copyrightable.testing.rule_tests import load_rule_tests, make_evaluators, rule_test_files


def rule_test_results(folder: Path) -> list[tuple[str, dict]]:
    law = load_law(folder)
    evaluators = make_evaluators(law)
    results = []
    for path in rule_test_files(law):
        for test in load_rule_tests(path, law):
            answers = answers_from_data(test.answers, law, str(test.answers_location.file))
            for ruleset_id in test.ruleset_ids:
                results.append(
                    (
                        f"{test.name} [{ruleset_id}]",
                        joined(evaluators[ruleset_id].evaluate(answers, "fixed")),
                    )
                )
    return results


def check_trace(result: dict) -> None:
    for jurisdiction in result["jurisdictions"]:
        for element in jurisdiction["elements"]:
            trace = {step["rule"]: step for step in element["trace"]}
            decisive = [trace[r] for r in element["deciding_rules"]]
            for step in decisive:
                assert step["outcome"] == "fired" and not step["overridden"]
                if step["concludes"]["verdict"] is None:  # an author rule names the author
                    assert step["concludes"]["author"] == element["author"]
                else:
                    assert step["concludes"]["verdict"] == element["verdict"]
            if not decisive:
                assert element["verdict"] == "undetermined"
            for rule_id in element["overridden_rules"]:
                assert trace[rule_id]["outcome"] == "fired"
            for step in element["trace"]:
                truths = [c["truth"] for c in step["conditions"]]
                if step["outcome"] == "fired":
                    assert "false" not in truths or "true" in truths
                    assert "unknown" not in truths or "true" in truths
                if step["outcome"] == "unknown":
                    assert "unknown" in truths
                if step["outcome"] == "fired" and step["concludes"]["verdict"]:
                    assert (
                        step["decisive"]
                        or step["overridden"]
                        or (step["concludes"]["verdict"] == element["verdict"])
                    )


def test_fixture_law_explanations_justify_every_verdict() -> None:
    for _name, result in rule_test_results(FIXTURE_LAW):
        check_trace(result)


@pytest.mark.slow
def test_shipped_law_explanations_justify_every_verdict() -> None:
    results = rule_test_results(rules_dir())
    assert results, "the shipped law has rule tests"
    for name, result in results:
        try:
            check_trace(result)
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from None
