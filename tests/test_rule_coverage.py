"""`rules check` holds every rule of every rule set to both sides of the coverage table.

Each rule must fire in at least one rule test and stay silent in another, in all
seven shipped rule sets: a rule no test fires is untested law, and a rule that
fires in every test is never shown to stay silent. The check is run on a copy
of the shipped rules in which each rule set gets one rule of each kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copyrightable.io.resources import cases_dir, rules_dir
from copyrightable.law.loading import load_law
from copyrightable.testing.rule_tests import run_all
from copyrightable.testing.static_checks import coverage

SEVEN = ("us", "cn", "uk", "eu", "jp", "kr", "in")


def _rule(ruleset: str, name: str, when: str, authority: str) -> str:
    # Authorities written in Chinese characters are cited in Chinese too (rule-language.md).
    zh = ", pinpoint_zh: 第一条" if ruleset in ("cn", "jp", "kr") else ""
    return (
        f"  - id: {ruleset}.coverage.{name}\n"
        f"    statement: {{en: A rule for the coverage check., zh: 用于覆盖检查的规则。}}\n"
        f"    when: {when}\n"
        f"    then: {{recommend: [{{recommendation}}]}}\n"
        f"    settledness: statute\n"
        f"    effective: 1978-01-01\n"
        f"    cites: [{{authority: {authority}, pinpoint: s.1{zh}}}]\n"
    )


@pytest.mark.slow
def test_every_rule_set_is_held_to_both_sides_of_the_table(tmp_path: Path) -> None:
    law_dir = tmp_path / "rules"
    shutil.copytree(rules_dir(), law_dir)
    shutil.copytree(cases_dir(), tmp_path / "cases")  # rule tests that read a case file
    shipped = load_law(law_dir)
    assert sorted(shipped.rulesets) == sorted(SEVEN)
    for ruleset_id in SEVEN:
        ruleset = shipped.rulesets[ruleset_id]
        cited = ruleset.rules[0].cites[0].authority
        recommendation = ruleset.recommendations[0].id
        never = _rule(ruleset_id, "never", "{q: prompt_count, eq: 987654}", cited)
        always = _rule(
            ruleset_id, "always", "{any: [{known: ai_used}, {not: {known: ai_used}}]}", cited
        )
        path = law_dir / f"{ruleset_id}.yaml"
        text = path.read_text(encoding="utf-8")
        added = (never + always).replace("{recommendation}", recommendation)
        path.write_text(text.replace("\nrules:\n", "\nrules:\n" + added, 1), encoding="utf-8")
    law = load_law(law_dir)
    outcomes, errors = run_all(law)
    assert not errors
    rows = {(row.ruleset, row.rule): row for row in coverage(law, [o.fired for o in outcomes])}
    for ruleset_id in SEVEN:
        never = rows[(ruleset_id, f"{ruleset_id}.coverage.never")]
        always = rows[(ruleset_id, f"{ruleset_id}.coverage.always")]
        assert never.fired_in == 0 and never.silent_in > 0, never
        assert always.silent_in == 0 and always.fired_in > 0, always
    gaps = {key for key, row in rows.items() if row.fired_in == 0 or row.silent_in == 0}
    assert gaps == {(j, f"{j}.coverage.{kind}") for j in SEVEN for kind in ("never", "always")}, (
        "only the added rules are gaps: every shipped rule fires somewhere and is silent somewhere"
    )
