"""`rules show`: an overview of the doctrines on one screen, then the rules under
headings, then the authorities once in full; rendered from the real rule sets."""

from __future__ import annotations

import re

import pytest
from tests.tools import run_cli

from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law, load_vocabulary
from copyrightable.render.rulebook import OTHER, doctrine_groups, doctrine_of, rulebook


@pytest.fixture(scope="module")
def law():
    return load_law()


@pytest.mark.parametrize("ruleset", ["us", "cn"])
def test_every_shipped_rule_sits_under_a_named_doctrine(law, ruleset) -> None:
    book = rulebook(law, ruleset)
    grouped = [rule for group in book["doctrines"] for rule in group["rules"]]
    assert sorted(grouped) == sorted(r["id"] for r in book["rules"])  # each rule once
    assert OTHER not in [group["id"] for group in book["doctrines"]]


def test_unknown_segments_fall_under_other_rules_last(law) -> None:
    groups = doctrine_groups(law, ["us.prompts.simple_instruction", "us.new_doctrine.x", "odd"])
    assert [g["id"] for g in groups] == ["generation", OTHER]
    assert groups[-1]["rules"] == ["us.new_doctrine.x", "odd"]
    assert doctrine_of("us.compilation.not_creative") == "compilation"


def test_rules_show_opens_with_a_one_screen_overview() -> None:
    done = run_cli("rules", "show", "us")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    overview = text[: text.index("\n1. ")]
    assert len(overview.splitlines()) <= 24
    assert re.search(r"^  1\. Findings of fact \(\d+ rules\)$", overview, re.MULTILINE)
    assert "  2. Human authorship" in overview and "Who is the author" in overview
    headings = re.findall(r"^(\d+)\. (.+)\n=+$", text, re.MULTILINE)
    assert [n for n, _ in headings] == [str(i) for i in range(1, len(headings) + 1)]
    assert text.index("1. Findings of fact\n") < text.index("us.facts.human_expression")
    assert text.index("5. Selection and arrangement\n") < text.index("us.compilation.not_creative")
    assert all(len(line) <= 82 for line in text.splitlines())  # wrapped; punctuation may hang


def test_citations_are_short_under_rules_and_full_once_at_the_end() -> None:
    text = run_cli("rules", "show", "us").stdout
    body, authorities = text.split("\nAuthorities cited\n")
    assert "17 U.S.C., §102(a)" in body
    assert "§§101, 102(a), 103(b)" not in body  # the section list no longer precedes pinpoints
    assert authorities.count("17 U.S.C.: Copyright Act of 1976") == 1
    assert "Did the user revise the prompts" in body and not re.search(r"\byou\b", body)


def test_chinese_rule_book_uses_chinese_punctuation_and_breaks() -> None:
    text = run_cli("rules", "show", "cn", "--lang", "zh").stdout
    assert re.search(r"^  1\. 事实认定（\d+条规则）$", text, re.MULTILINE)
    assert "结论（认定）：" in text
    assert not re.search(r"^\s+[，。、；：）]", text, re.MULTILINE)  # no line starts with them


def test_a_segment_under_two_doctrines_is_one_line_error(tmp_path) -> None:
    from tests.tools import REPO

    text = (REPO / "rules" / "vocabulary.yaml").read_text(encoding="utf-8")
    path = tmp_path / "vocabulary.yaml"
    path.write_text(
        text.replace("segments: [compilation]", "segments: [compilation, facts]"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="segment 'facts' is already under doctrine 'findings'"):
        load_vocabulary(path)
