"""Word wrapping by display width, at the line breaks Unicode allows (UAX #14).

The terminal (and prompt_toolkit) would break a line at the last column, in
the middle of a word; these screens and the study views wrap before drawing,
with a hanging indent so that a long choice stays visibly one choice.

Where a line may break follows the Unicode line breaking algorithm (UAX #14),
with uniseg's tables of each character's Line_Break class: never before a
closing mark such as ，。、；：！？）」』》 (classes CL, CP, EX, IS, NS ...) nor after
an opening one such as （「『《 (OP), between any two Chinese characters
otherwise, and at spaces. Our own list of marks missed some; the standard's
tables do not. Text in Latin script breaks only at spaces, as before: UAX #14
would also break after a hyphen or a slash, splitting ids, URLs and paths.
uniseg's own segmenter runs the whole algorithm in pure Python, at about a
quarter of a millisecond a character (seconds for `cases list` in Chinese);
the pair rules below give the breaks it gives for our texts (a property test
checks that every break made here is one it allows) at table-lookup speed.
Widths are terminal cells (wcwidth, through prompt_toolkit): a Chinese
character takes two.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from prompt_toolkit.utils import get_cwidth
from uniseg.linebreak import line_break  # type: ignore[import-untyped]  # no py.typed

# UAX #14 classes a line never starts with (LB11-LB13, LB16, LB21, LB22, LB25) ...
_NO_BREAK_BEFORE = frozenset(
    {"CL", "CP", "EX", "IS", "SY", "NS", "BA", "HY", "IN", "PO", "GL", "WJ", "CM", "ZWJ", "QU"}
)
# ... and classes a line never ends with (LB11, LB12, LB14, LB21, LB25)
_NO_BREAK_AFTER = frozenset({"OP", "GL", "WJ", "BB", "PR", "ZWJ", "QU"})
# after spaces, only these never start a line (LB11, LB13); not SY, the slash, as
# UAX #14 has it: after a space a slash starts an absolute file path, which
# must be able to take the next line ...
_NO_BREAK_AFTER_SPACE = frozenset({"CL", "CP", "EX", "IS", "WJ"})
# ... and these pairs hold across spaces (LB15-LB17); an opening mark holds on too (LB14)
_HELD_ACROSS_SPACE = frozenset({("QU", "OP"), ("CL", "NS"), ("CP", "NS"), ("B2", "B2")})
# pairs kept together: a percent or currency sign with its number or word (LB24, LB25)
_NO_BREAK_BETWEEN = frozenset(
    {(sign, other) for sign in ("PR", "PO") for other in ("AL", "HL", "NU", "OP")}
    | {("CL", "PR"), ("CP", "PR")}
)


def wrap(text: str, width: int, indent: int = 0, used: int = 0) -> str:
    """`text` broken into lines of at most `width` cells; lines after a break start with
    `indent` spaces; `used` cells of the first line are already taken."""
    width = max(width, indent + 10)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, indent, used if not lines else 0))
    return "\n".join(lines)


def unfold(text: str) -> str:
    """A paragraph wrapped in its source file as one line: a line break becomes a space
    between two words of Latin script and nothing where a Chinese character meets it
    (a space there would show in Chinese text as a gap)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        glue = "" if _wide(joined[-1]) or _wide(line[0]) else " "
        joined += glue + line
    return joined


def break_units(text: str) -> list[str]:
    """The text cut at every place a line may break, each piece with the spaces after it."""
    units: list[str] = []
    current, last = "", ""  # last: the last character before any spaces
    for char in text:
        if current and _may_break(current[-1], char, last):
            units.append(current)
            current = ""
        current += char
        if not char.isspace():
            last = char
    if current:
        units.append(current)
    return units


def _may_break(before: str, after: str, last: str) -> bool:
    if after.isspace():
        return False  # spaces stay at the end of the piece before them (LB7)
    if before.isspace():  # a line may start after spaces (LB18), except as LB13-LB17 say
        opened, starts = _line_class(last) if last else "", _line_class(after)
        return (
            starts not in _NO_BREAK_AFTER_SPACE
            and (opened, starts) not in _HELD_ACROSS_SPACE
            and (opened != "OP")
        )
    if not (_wide(before) or _wide(after)):
        return False  # Latin script: at spaces only
    first, second = _line_class(before), _line_class(after)
    if first in _NO_BREAK_AFTER or second in _NO_BREAK_BEFORE:
        return False
    return (first, second) not in _NO_BREAK_BETWEEN


@lru_cache(maxsize=4096)
def _line_class(char: str) -> str:
    """The character's UAX #14 class, tailored for Chinese: curly quotes are opening or
    closing by their general category (Pi, Pf), as Chinese uses them (UAX #14 leaves
    QU ambiguous), and the middle dot of names binds like its katakana twin."""
    if char == "\u00b7":  # the middle dot of transliterated names (埃德蒙·德·贝拉米)
        return "NS"  # as UAX #14 classes the katakana middle dot: it never starts a line
    category = unicodedata.category(char)
    if category == "Pi":
        return "OP"
    if category == "Pf":
        return "CL"
    return str(line_break(char).name)


@lru_cache(maxsize=4096)
def _wide(char: str) -> bool:
    return get_cwidth(char) > 1


def _wrap_paragraph(text: str, width: int, indent: int, used: int) -> list[str]:
    lines: list[str] = []
    current, filled = "", used
    for unit in break_units(text):
        token = unit.rstrip()
        space = unit[len(token) :]
        size = get_cwidth(token)
        while size > width - indent:  # a word longer than a line: cut it
            room = width - filled
            head = _cut(token, room)
            lines.append(current + head)
            token = token[len(head) :]
            size = get_cwidth(token)
            current, filled = " " * indent, indent
        if token and filled + size > width and (current.strip() or filled > indent):
            lines.append(current.rstrip())  # may be empty: the first line was already full
            current, filled = " " * indent, indent
        current, filled = current + token, filled + size
        if space and filled + get_cwidth(space) <= width:
            current, filled = current + space, filled + get_cwidth(space)
    lines.append(current.rstrip() if current.strip() else current)
    return lines


def _cut(token: str, room: int) -> str:
    taken, size = "", 0
    for char in token:
        if size + get_cwidth(char) > room:
            break
        taken, size = taken + char, size + get_cwidth(char)
    return taken or token[:1]
