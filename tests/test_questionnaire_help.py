"""Help per jurisdiction: the loader's checks, and what `-j` selects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

from copyrightable.io.errors import CopyrightableError
from copyrightable.law.loading import load_law
from copyrightable.law.relevance import relevance

PAIR = REPO / "tests" / "fixtures" / "law_pair"


def pair_edited(tmp_path: Path, old: str, new: str) -> Path:
    """law_pair copied, with the first `old` of its questionnaire (which must be there)
    replaced by `new`."""
    folder = tmp_path / "law"
    shutil.copytree(PAIR, folder)
    path = folder / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def pair_with_help(tmp_path: Path, help_yaml: str) -> Path:
    """law_pair with the help of ai_named_author replaced by `help_yaml`."""
    old = '    help: {en: "Only humans author.", zh: "只有人类可以成为作者。"}\n'
    return pair_edited(tmp_path, old, help_yaml)


def test_help_keyed_by_jurisdiction_is_shown_for_the_selected_ones_only(tmp_path: Path) -> None:
    folder = pair_with_help(
        tmp_path,
        "    help:\n"
        "      all: {en: Everywhere., zh: 各地。}\n"
        "      cn: {en: In China., zh: 在中国。}\n"
        "      us: {en: In the US., zh: 在美国。}\n",
    )
    law = load_law(folder)
    question = law.questions()["ai_named_author"]
    assert [key for key, _ in question.help_parts(["us"])] == ["all", "us"]
    assert [key for key, _ in question.help_parts(["cn", "us"])] == ["all", "cn", "us"]
    shown = relevance(law, ["us"]).help(question)
    assert [(name.en if name else None, text.en) for name, text in shown] == [
        (None, "Everywhere."),
        (law.rulesets["us"].name.en, "In the US."),
    ]


def test_a_help_key_that_names_no_rule_set_is_one_line_with_its_place(tmp_path: Path) -> None:
    folder = pair_with_help(tmp_path, "    help:\n      uss: {en: In the US., zh: 在美国。}\n")
    with pytest.raises(CopyrightableError) as caught:
        load_law(folder)
    line = caught.value.one_line()
    assert "questionnaire.yaml:" in line and "'uss'" in line and 'did you mean "us"' in line
    done = run_cli("rules", "check", "--rules", str(folder))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_help_mixing_text_and_jurisdictions_is_refused(tmp_path: Path) -> None:
    folder = pair_with_help(
        tmp_path, "    help:\n      en: x\n      zh: y\n      us: {en: In the US., zh: 在美国。}\n"
    )
    with pytest.raises(CopyrightableError, match="mixes"):
        load_law(folder)


def test_the_shipped_questions_read_only_by_china_are_hidden_under_us() -> None:
    law = load_law(REPO / "rules")
    shown = relevance(law, ["us"]).questions
    assert "platform_terms" not in shown and "labels_applied" not in shown
    assert "us_registration" in shown  # read through the ask_if of ai_disclosed
    assert relevance(law, list(law.rulesets)).questions >= set(law.questions())  # all seven
    for question in law.questionnaire.questions:
        for cite in relevance(law, ["us"]).cites(question):
            assert law.authorities[cite.authority].jurisdiction == "us"


def pair_with(tmp_path: Path, extra: str) -> Path:
    """law_pair with `extra` added to its element question prompt_count."""
    anchor = "    ask_if: {q: ai_used, eq: yes}\n"
    return pair_edited(tmp_path, anchor, anchor + extra)


def test_wording_by_kind_changes_the_words_only(tmp_path: Path) -> None:
    folder = pair_with(
        tmp_path,
        "    by_kind:\n      text:\n        text: {en: How many instructions?, zh: 多少条指令？}\n",
    )
    law = load_law(folder)
    question = law.questions()["prompt_count"]
    assert question.for_kind("text").text.en == "How many instructions?"
    assert question.for_kind("image").text.en == question.text.en
    assert question.for_kind("text").id == question.id


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    by_kind:\n      txt:\n        text: {en: a, zh: 甲}\n", "element kind 'txt'"),
        ("    by_kind:\n      text: {}\n", "changes nothing"),
        ("    by_kind:\n      text:\n        colour: {en: a, zh: 甲}\n", "unknown key 'colour'"),
    ],
)
def test_wording_by_kind_is_checked_in_one_line(tmp_path: Path, extra: str, message: str) -> None:
    folder = pair_with(tmp_path, extra)
    with pytest.raises(CopyrightableError) as caught:
        load_law(folder)
    line = caught.value.one_line()
    assert message in line and "questionnaire.yaml:" in line and "\n" not in line


def test_a_choice_only_another_forum_tells_apart_is_hidden_only_where_nothing_is_lost(
    tmp_path: Path,
) -> None:
    """China's fictional rules here also test edits = minor; the US rules only test
    substantial. Under -j us "minor" behaves exactly like "none", so it is not offered;
    under -j cn every choice is told apart, so all are offered."""
    folder = tmp_path / "law"
    shutil.copytree(PAIR, folder)
    rules = folder / "cn.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + """
  - id: cn.minor_edits_labelled
    statement:
      en: "Minor edits leave the content machine-generated."
      zh: "轻微修改不改变机器生成的性质。"
    when: {q: edits, eq: minor}
    then: {recommend: [label_ai]}
    settledness: lower_court
    effective: 2023-11-27
    cites: [{authority: cn_toy_court, pinpoint: "part 2", pinpoint_zh: "第2部分"}]
""",
        encoding="utf-8",
    )
    law = load_law(folder)
    edits = law.questions()["edits"]
    assert relevance(law, ["us"]).hidden_choices.get("edits") == {"minor"}
    assert [c.id for c in relevance(law, ["us"]).choices(edits)] == [
        c for c in edits.choice_ids() if c != "minor"
    ]
    assert [c.id for c in relevance(law, ["us"]).choices(edits, "minor")] == edits.choice_ids()
    assert not relevance(law, ["cn"]).hidden_choices.get("edits")
    assert not relevance(law, ["us", "cn"]).hidden_choices.get("edits")
