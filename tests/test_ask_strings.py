"""The interview's wording: both languages say everything, and nothing is left unused."""

from __future__ import annotations

import re
from pathlib import Path

from copyrightable.interview.terminal_ui import strings
from copyrightable.interview.terminal_ui.strings import Strings, _table

TERMINAL_UI = Path(strings.__file__).resolve().parent  # wherever the package lays it


def test_english_and_chinese_have_the_same_messages_and_placeholders() -> None:
    english, chinese = _table()["en"], _table()["zh"]
    assert set(english) == set(chinese)
    for key, text in english.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", chinese[key])), key


def test_every_message_the_code_names_exists() -> None:
    code = "".join(path.read_text(encoding="utf-8") for path in TERMINAL_UI.glob("*.py"))
    named = set(re.findall(r'strings\(\s*"(\w+)"', code))
    named |= set(re.findall(r'self\.strings\("(\w+)"', code))
    assert named, "no message found in the code"
    assert named <= set(_table()["en"]), named - set(_table()["en"])
    assert Strings("zh")("progress", done=1, left=2) == "已答 1 题 · 最多还剩 2 题"
