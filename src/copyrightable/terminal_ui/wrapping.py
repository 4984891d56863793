"""Word wrapping by display width: at spaces in English, between characters in Chinese.

The terminal (and prompt_toolkit) would break a line at the last column, in
the middle of a word; these screens wrap before drawing, with a hanging indent
so that a long choice stays visibly one choice.
"""

from __future__ import annotations

import re

from prompt_toolkit.utils import get_cwidth

# a run of spaces, one wide (CJK) character or full-width punctuation, or a word
_TOKENS = re.compile(
    r"\s+|[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]|"
    r"[^\s\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]+"
)


def wrap(text: str, width: int, indent: int = 0, used: int = 0) -> str:
    """`text` broken into lines of at most `width` cells; lines after a break start with
    `indent` spaces; `used` cells of the first line are already taken."""
    width = max(width, indent + 10)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, indent, used if not lines else 0))
    return "\n".join(lines)


def _wrap_paragraph(text: str, width: int, indent: int, used: int) -> list[str]:
    lines: list[str] = []
    current, filled = "", used
    for token in _TOKENS.findall(text):
        size = get_cwidth(token)
        if token.isspace():
            if filled + size <= width:
                current, filled = current + token, filled + size
            continue
        while size > width - indent:  # a word longer than a line: cut it
            room = width - filled
            head = _cut(token, room)
            lines.append(current + head)
            token = token[len(head) :]
            size = get_cwidth(token)
            current, filled = " " * indent, indent
        if filled + size > width and (current.strip() or filled > indent):
            lines.append(current.rstrip())  # may be empty: the first line was already full
            current, filled = " " * indent, indent
        current, filled = current + token, filled + size
    lines.append(current.rstrip() if current.strip() else current)
    return lines


def _cut(token: str, room: int) -> str:
    taken, size = "", 0
    for char in token:
        if size + get_cwidth(char) > room:
            break
        taken, size = taken + char, size + get_cwidth(char)
    return taken or token[:1]
