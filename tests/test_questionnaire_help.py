"""Help per jurisdiction: the loader's checks, and what `-j` selects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

from copyrightable.errors import CopyrightableError
from copyrightable.law import load_law
from copyrightable.relevance import relevance

PAIR = REPO / "tests" / "fixtures" / "law_pair"


def pair_with_help(tmp_path: Path, help_yaml: str) -> Path:
    folder = tmp_path / "law"
    shutil.copytree(PAIR, folder)
    path = folder / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    old = '    help: {en: "Only humans author.", zh: "只有人类可以成为作者。"}\n'
    assert old in text
    path.write_text(text.replace(old, help_yaml), encoding="utf-8")
    return folder


def test_help_keyed_by_jurisdiction_is_shown_for_the_selected_ones_only(tmp_path: Path) -> None:
    folder = pair_with_help(tmp_path, "    help:\n"
                            "      all: {en: Everywhere., zh: 各地。}\n"
                            "      cn: {en: In China., zh: 在中国。}\n"
                            "      us: {en: In the US., zh: 在美国。}\n")
    law = load_law(folder)
    question = law.questions()["ai_named_author"]
    assert [key for key, _ in question.help_parts(["us"])] == ["all", "us"]
    assert [key for key, _ in question.help_parts(["cn", "us"])] == ["all", "cn", "us"]
    shown = relevance(law, ["us"]).help(question)
    assert [(name.en if name else None, text.en) for name, text in shown] == [
        (None, "Everywhere."), (law.rulesets["us"].name.en, "In the US.")]


def test_a_help_key_that_names_no_rule_set_is_one_line_with_its_place(tmp_path: Path) -> None:
    folder = pair_with_help(tmp_path, "    help:\n      uss: {en: In the US., zh: 在美国。}\n")
    with pytest.raises(CopyrightableError) as caught:
        load_law(folder)
    line = caught.value.one_line()
    assert "questionnaire.yaml:" in line and "'uss'" in line and "did you mean \"us\"" in line
    done = run_cli("rules", "check", "--rules", str(folder))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_help_mixing_text_and_jurisdictions_is_refused(tmp_path: Path) -> None:
    folder = pair_with_help(tmp_path, "    help:\n      en: x\n      zh: y\n"
                            "      us: {en: In the US., zh: 在美国。}\n")
    with pytest.raises(CopyrightableError, match="mixes"):
        load_law(folder)


def test_the_shipped_questions_read_only_by_china_are_hidden_under_us() -> None:
    law = load_law(REPO / "rules")
    shown = relevance(law, ["us"]).questions
    assert "platform_terms" not in shown and "labels_applied" not in shown
    assert "us_registration" in shown  # read through the ask_if of ai_disclosed
    assert relevance(law, ["us", "cn"]).questions >= set(law.questions())
    for question in law.questionnaire.questions:
        for cite in relevance(law, ["us"]).cites(question):
            assert law.authorities[cite.authority].jurisdiction == "us"
