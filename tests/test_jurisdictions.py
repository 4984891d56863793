"""Choosing rule sets: -j, -j all, the environment variable, the config file, the default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copyrightable.io.errors import InputError
from copyrightable.law.jurisdictions import ENVIRONMENT_VARIABLE, choose, config_file
from copyrightable.law.loading import load_law
from tools import run_cli

SEVEN = ["us", "cn", "uk", "eu", "jp", "kr", "in"]


@pytest.fixture(scope="module")
def law():
    return load_law()


def evaluated(*options: str) -> list[str]:
    done = run_cli(
        "evaluate", "cases/zarya-of-the-dawn.yaml", "-f", "json", "--timestamp", "T", *options
    )
    assert done.returncode == 0, done.stderr
    return [entry["id"] for entry in json.loads(done.stdout)["jurisdictions"]]


def test_the_default_stays_us_and_china() -> None:
    assert evaluated() == ["us", "cn"]


def test_all_and_repeated_options_come_out_in_one_order() -> None:
    assert evaluated("-j", "all") == SEVEN
    assert evaluated("-j", "jp", "-j", "us", "-j", "jp") == ["us", "jp"]


def test_the_environment_variable_changes_the_default(monkeypatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "uk, eu")
    assert evaluated() == ["uk", "eu"]
    assert evaluated("-j", "kr") == ["kr"]  # the command line wins


def test_the_config_file_changes_the_default(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = config_file()
    assert path == tmp_path / "copyrightable" / "config.toml"
    path.parent.mkdir()
    path.write_text('jurisdictions = ["in", "us"]\n', encoding="utf-8")
    assert evaluated() == ["us", "in"]
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "all")  # the variable wins over the file
    assert evaluated() == SEVEN


def test_bad_settings_are_one_line_errors(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "uk,jpn")
    done = run_cli("evaluate", "cases/zarya-of-the-dawn.yaml")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "COPYRIGHTABLE_JURISDICTIONS: unknown jurisdiction 'jpn'" in done.stderr
    assert 'did you mean "jp"' in done.stderr
    monkeypatch.delenv(ENVIRONMENT_VARIABLE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = tmp_path / "copyrightable" / "config.toml"
    path.parent.mkdir()
    path.write_text('# mine\njurisdictions = ["us",\n', encoding="utf-8")
    done = run_cli("evaluate", "cases/zarya-of-the-dawn.yaml")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert f"{path}:" in done.stderr and "not valid TOML" in done.stderr
    path.write_text("jurisdictions = 7\n", encoding="utf-8")
    done = run_cli("evaluate", "cases/zarya-of-the-dawn.yaml")
    assert done.returncode == 2 and "not a list of rule set ids" in done.stderr


def test_choose_keeps_to_what_the_rules_folder_has(law, tmp_path: Path) -> None:
    none = tmp_path / "absent.toml"
    assert choose(law.rulesets, None, environ={}, config=none) == ["us", "cn"]
    assert choose(["uk", "jp"], None, environ={}, config=none) == ["uk", "jp"]  # neither default
    assert choose(["jp", "cn"], None, environ={}, config=none) == ["cn"]
    with pytest.raises(InputError, match="no jurisdiction given"):
        choose(law.rulesets, None, environ={ENVIRONMENT_VARIABLE: " , "}, config=none)


def test_cases_check_compares_each_case_under_its_own_rule_set() -> None:
    done = run_cli("cases", "check")
    assert done.returncode == 0, done.stdout + done.stderr
    for line in (
        "ok          nova-v-mazooma (uk)",
        "ok          thj-v-sheridan (uk)",
        "ok          prague-dall-e (eu)",
        "ok          rai-v-biancheri (eu)",
        "ok          navigators-v-kashif-qureshi (in)",
    ):
        assert line in done.stdout, done.stdout
    assert "jp: undetermined" in done.stdout  # the Chiba referral: not a ruling


def test_every_selection_leaves_every_choice_question_answerable(law) -> None:
    """Hiding choices only other jurisdictions distinguish must never leave a question
    with a single choice: a rule set that reads only `actor: employee` still offers a
    way to say the maker was not an employee."""
    from copyrightable.law.relevance import relevance

    selections = [(j,) for j in law.rulesets] + [("us", "cn"), tuple(law.rulesets)]
    for selection in selections:
        shown = relevance(law, selection)
        for question in law.questionnaire.questions:
            if question.choices and shown.shows(question.id):
                offered = [c.id for c in shown.choices(question)]
                assert len(offered) >= 2, (selection, question.id, offered)
    uk = relevance(law, ("uk",))
    actor = law.questions()["actor"]
    assert {"individual", "employee"} <= {c.id for c in uk.choices(actor)}
    default = relevance(law, ("us", "cn"))
    edits = law.questions()["manual_edits"]
    assert [c.id for c in default.choices(edits)] == [c.id for c in edits.choices]
