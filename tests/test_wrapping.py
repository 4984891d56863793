"""Wrapping by display width, for the arrow-key screens."""

from __future__ import annotations

from prompt_toolkit.utils import get_cwidth

from copyrightable.render.wrapping import wrap


def test_english_breaks_at_spaces_with_a_hanging_indent() -> None:
    text = (
        "3. A team organised by a company or organisation, reflecting its will, "
        "the organisation bearing responsibility for the work"
    )
    lines = wrap(text, 40, indent=5, used=2).split("\n")
    assert lines[0] == "3. A team organised by a company or"
    assert all(line.startswith("     ") and len(line) <= 40 for line in lines[1:])
    assert " ".join(part.strip() for part in lines) == text


def test_chinese_breaks_between_characters_by_display_width() -> None:
    text = "美国：机器不能成为作者，以机器创作名义申请登记的作品会被拒绝（Thaler案）。"
    lines = wrap(text, 20).split("\n")
    assert all(get_cwidth(line) <= 20 for line in lines)
    assert "".join(lines) == text


def test_a_full_first_line_starts_the_text_on_the_next() -> None:
    assert wrap("arrangement of elements", 40, indent=4, used=35) == (
        "\n    arrangement of elements"
    )


def test_a_word_longer_than_a_line_is_cut() -> None:
    lines = wrap("x" * 50, 20, indent=2).split("\n")
    assert [len(line) for line in lines] == [20, 20, 14]


def test_paragraphs_and_short_text_are_kept() -> None:
    assert wrap("one\ntwo", 40) == "one\ntwo"
    assert wrap("", 40) == ""
