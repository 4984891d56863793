"""The template filters that put reasoning into words: one place registers them.

Every renderer that shows a reasoning step (evaluate, the report's reasoning,
cases show) reaches the same sentences through these names, so no template
composes a step's wording of its own.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import jinja2

from . import reasoning_prose, verdict_summary
from .verdict_summary import display_width

WIDTH = 80  # evaluate's text is wrapped at a fixed width: the same output on every terminal


def indented(text: Any, indent: int = 0, width: int = WIDTH) -> str:
    """`text` wrapped to `width` columns, every line `indent` spaces in."""
    return hanging(text, indent, indent, width)


def hanging(text: Any, first: int = 0, rest: int = 2, width: int = WIDTH) -> str:
    """`text` wrapped, its first line `first` spaces in and the others `rest` (a list item).

    Text whose every character takes one column (most English) is wrapped by the
    standard library, several times faster; the rest by display width, with the
    Chinese line-breaking rules (studytext.wrap_text).
    """
    shown = str(text)
    if display_width(shown) == len(shown) and "\n" not in shown:
        return (
            textwrap.fill(
                shown,
                width,
                initial_indent=" " * first,
                subsequent_indent=" " * rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or " " * first
        )
    from .study_text import wrap_text

    if _mostly_chinese(shown):
        return _wrap_chinese(shown, width, first, rest)
    return wrap_text(" " * first + shown, width, rest)


# A run of Latin script (a citation, a name) is one unbreakable token; anything else is
# one character, and a line may break between any two (UAX #14 lets Chinese break so).
_TOKENS = re.compile(r"[!-~\u00a0-\u024f\u2010-\u2027§ ]+|.", re.S)
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…·,.;:)]")
_NO_LINE_END = frozenset("（《「『【〔“‘([")
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")
_LATIN = re.compile(r"[A-Za-z]")
_CJK_PUNCTUATION = re.compile(r"[，。；：、（）《》“”！？]")


def _wrap_chinese(text: str, width: int, first: int, rest: int) -> str:
    """Chinese text wrapped between characters, never inside a Latin run, so that a
    citation stays whole and reads (and is found) as the one citation it is. A run
    longer than a line has a line of its own; closing marks never start a line and
    opening marks never end one."""
    lines: list[list[str]] = [[" " * first]]
    used = first
    for token in _TOKENS.findall(" ".join(text.split())):
        size = display_width(token)
        line = lines[-1]
        fits = used + size <= width or len(line) == 1 or token[0] in _NO_LINE_START
        if fits:
            line.append(token)
            used += size
            continue
        moved = [line.pop()] if line[-1] and line[-1][-1] in _NO_LINE_END else []
        token = token.lstrip()
        if len(line) == 1 and moved:  # the opening mark was all the line held: keep it there
            line.extend([*moved, token])
            used += sum(display_width(t) for t in moved) + display_width(token)
            continue
        lines.append([" " * rest, *moved, token])
        used = rest + sum(display_width(t) for t in moved) + display_width(token)
    return "\n".join("".join(line).rstrip() for line in lines)


def _mostly_chinese(text: str) -> bool:
    """A Chinese paragraph: one with Chinese punctuation, or more Chinese (or Japanese,
    Korean) characters than Latin letters. A Chinese sentence citing an English
    pinpoint stays Chinese, its citation one unbreakable run; an English sentence
    citing a Japanese title by its own name is English, and breaks at its spaces."""
    if _CJK_PUNCTUATION.search(text):
        return True
    return len(_CJK.findall(text)) > len(_LATIN.findall(text))


def file_name(path: Any) -> str:
    """An answers file as the reader may see it: a relative path as given, an absolute
    one by its name only (a local path says nothing to the reader and may say too much)."""
    text = str(path)
    if re.match(r"^(?:/|~|[A-Za-z]:[\\/]|\\\\)", text):
        return re.split(r"[\\/]", text.rstrip("/\\"))[-1] or text
    return text


def install(env: jinja2.Environment) -> None:
    """Add the filters to a template environment."""
    env.filters["step_prose"] = reasoning_prose.step_text
    env.filters["ground_sentence"] = verdict_summary.ground_sentence
    env.filters["verdict_step"] = reasoning_prose.verdict_step
    env.filters["facts_prose"] = reasoning_prose.facts_text
    env.filters["fact_clause"] = reasoning_prose.fact_clause
    env.filters["concerning"] = reasoning_prose.concerning
    env.filters["not_concerning"] = reasoning_prose.not_concerning
    env.filters["verdict_table"] = verdict_summary.verdict_table
    env.filters["assumptions_that_matter"] = verdict_summary.assumptions_that_matter
    env.filters["top_recommendations"] = verdict_summary.top_recommendations
    env.filters["verdict_grounds"] = verdict_summary.verdict_grounds
    env.filters["recommendation_count"] = verdict_summary.recommendation_count
    env.filters["lead_clause"] = verdict_summary.lead_clause
    env.filters["ucfirst"] = reasoning_prose.ucfirst
    env.filters["assumption_clause"] = reasoning_prose.assumption_clause
    env.filters["indented"] = indented
    env.filters["hanging"] = hanging
    env.filters["file_name"] = file_name
