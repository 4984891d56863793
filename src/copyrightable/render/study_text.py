"""Text filters for the study views (case library, quiz, rule book): wrapping to the
terminal and third-person wording.

The words themselves live in the templates (templates/case_words.txt.j2 holds the
pronoun pairs); this module only applies them, so that case views speak of the
parties ("Did the user revise the prompts") while the interview keeps speaking to
the person answering ("Did you revise the prompts").
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from functools import lru_cache
from typing import Any


def text_width() -> int:
    """Columns to wrap to: the terminal's (80 when piped), kept between 60 and 100 so that
    a very wide window still gives lines a reader's eye can follow."""
    return min(max(shutil.get_terminal_size((80, 24)).columns, 60), 100)


def reword(text: Any, pairs: Sequence[Sequence[str]]) -> str:
    """Replace whole words by the template's pairs, in one pass (a replacement is never
    reworded again). Latin words match at word boundaries; CJK ones anywhere."""
    if not pairs:
        return str(text)
    mapping, pattern = _compiled(tuple((old, new) for old, new in pairs))
    return pattern.sub(lambda match: mapping[match.group(0)], str(text))


@lru_cache(maxsize=8)
def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], re.Pattern[str]]:
    mapping = dict(pairs)
    alternatives = []
    for old in mapping:  # in the template's order: longer phrases first where it matters
        escaped = re.escape(old)
        alternatives.append(rf"\b{escaped}\b" if old[:1].isascii() else escaped)
    return mapping, re.compile("|".join(alternatives))


# Chinese closing punctuation may not start a line (kinsoku): it hangs at the end of the
# line before instead, one or two cells past the width.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…·,.;:)")


def wrap_text(text: Any, width: int, indent: int = 0) -> str:
    """Wrap text by display width, lines after a break indented by `indent` spaces."""
    from .wrapping import wrap

    lines = wrap(str(text), width, indent=indent).split("\n")
    for i in range(1, len(lines)):
        body = lines[i][indent:] if lines[i].startswith(" " * indent) else lines[i]
        moved = ""
        while body and body[0] in _NO_LINE_START and not body[0].isascii():
            moved, body = moved + body[0], body[1:]
        if moved and lines[i - 1].strip():
            lines[i - 1] += moved
            lines[i] = " " * indent + body if body else ""
    return "\n".join(line for line in lines if line or not lines)
