"""Line breaking of Chinese and mixed text: UAX #14 (uniseg's tables), never inside a
word, never before a closing mark, never after an opening one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.utils import get_cwidth
from uniseg.linebreak import line_break_boundaries

from copyrightable.render.wrapping import break_units, wrap

CLOSING = "，。、；：！？）」』》〉】〕”’…%％·"
OPENING = "（「『《〈【〔“‘"
SENTENCE = "版权局认定，用户无法事先预测Midjourney会生成什么（据单一二手资料）。"


@pytest.mark.parametrize("mark", CLOSING)
def test_no_line_starts_with_a_closing_mark(mark: str) -> None:
    text = ("甲乙丙丁" + mark) * 12
    for width in range(10, 31):
        for line in wrap(text, width).split("\n")[1:]:
            assert not line.startswith(mark), (width, line)


@pytest.mark.parametrize("mark", OPENING)
def test_no_line_ends_with_an_opening_mark(mark: str) -> None:
    text = ("甲乙丙丁" + mark) * 12
    for width in range(10, 31):
        for line in wrap(text, width).split("\n")[:-1]:
            assert not line.endswith(mark), (width, line)


def test_latin_words_ids_and_urls_inside_chinese_stay_whole() -> None:
    text = (
        "见https://www.copyright.gov/docs/zarya-of-the-dawn.pdf及规则"
        "us.facts.generation_only的说明，并参阅Théâtre D'opéra Spatial案。"
    )
    for width in range(56, 80):
        joined = "".join(wrap(text, width).split("\n"))
        lines = wrap(text, width).split("\n")
        assert joined.replace(" ", "") == text.replace(" ", "")
        for word in (
            "https://www.copyright.gov/docs/zarya-of-the-dawn.pdf",
            "us.facts.generation_only",
        ):
            assert any(word in line for line in lines), (width, lines)


def test_a_chinese_sentence_fills_lines_by_display_width() -> None:
    lines = wrap(SENTENCE, 24, indent=2).split("\n")
    assert all(get_cwidth(line) <= 24 for line in lines)
    assert lines[0] == "版权局认定，用户无法事先"
    assert "".join(line.strip() for line in lines) == SENTENCE


def test_a_path_after_a_space_may_start_a_line() -> None:
    text = "Full reasoning: copyrightable evaluate /tmp/a-long-folder-name/and/answers.yaml"
    assert wrap(text, 50, 4).split("\n")[0] == "Full reasoning: copyrightable evaluate"


def test_table_of_break_units() -> None:
    assert break_units("「你好」，他说。（注：abc）“成百”的 hello world-wide") == [
        "「你",
        "好」，",
        "他",
        "说。",
        "（注：",
        "abc）",
        "“成",
        "百”",
        "的 ",
        "hello ",
        "world-wide",
    ]


_ALPHABET = st.sampled_from(
    list("的中文字版权局认定用户甲乙") + list(CLOSING + OPENING) + list("abcXYZ019 -/.'\"")
)


def _breaks(units: list[str]) -> list[int]:
    positions, at = [], 0
    for unit in units[:-1]:
        at += len(unit)
        positions.append(at)
    return positions


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=40).map("".join))
def test_every_break_is_one_uax14_allows(text: str) -> None:
    allowed = set(line_break_boundaries(text))
    # the tailorings: a Chinese line may break before an opening curly quote and after
    # a closing one, which UAX #14 classes as ambiguous quotes (QU), and a path that
    # starts with a slash after a space may start a line
    tailored = {
        i
        for i in range(1, len(text))
        if text[i] in "“‘" or text[i - 1] in "”’" or (text[i] == "/" and text[i - 1] == " ")
    }
    assert set(_breaks(break_units(text))) - tailored <= allowed
    assert "".join(break_units(text)) == text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_ALPHABET, min_size=1, max_size=120).map("".join),
    st.integers(min_value=10, max_value=60),
)
def test_wrapped_lines_fit_and_keep_the_text(text: str, width: int) -> None:
    lines = wrap(text, width).split("\n")
    for line in lines:
        # a line wider than the width is a single unbreakable piece, cut by characters
        assert get_cwidth(line) <= width or not re.search(r"\s", line.strip())
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
