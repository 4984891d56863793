"""Jinja2 rendering of Results and rule sets. Wording lives in templates/, not here.

HTML templates are autoescaped (a work titled `<script>` prints as text);
StrictUndefined turns a typo in a template into an error instead of a blank.
Markdown has no autoescaping, so Markdown templates pass what a user typed
through the `md` filter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

from ..io.disk_cache import template_cache
from ..io.resources import templates_dir
from .pinpoints import cited


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),  # compiled once, not on every run (disk_cache.py)
    )
    env.filters["t"] = translate
    from .prose_filters import install  # the sentences of reasoning steps (reasoning_prose.py)

    install(env)
    env.filters["md"] = markdown_text
    env.filters["md_code"] = markdown_code
    env.filters["md_fence"] = markdown_fence
    env.filters["line"] = visible_breaks
    env.filters["unfold"] = unfold
    env.filters["width"] = display_width
    env.filters["cited"] = cited  # "short, pinpoint" as each language cites
    env.filters["by_id"] = by_id
    return env


def by_id(items: Any) -> dict[str, Any]:
    """A list of records (authorities, rules) keyed by their `id`, for lookups in a template."""
    return {item["id"]: item for item in items}


def study_environment() -> jinja2.Environment:
    """The shared template environment with the study filters added (once).

    Here, not in study_text.py, so that the text filters import nothing of the
    renderers and the renderers' reasoning filters may use them.
    """
    from .study_text import reword, wrap_text

    env = environment()
    env.filters.setdefault("wrap", wrap_text)
    env.filters.setdefault("reword", reword)
    env.filters.setdefault("topic_label", lambda topic, labels, lang: labels[topic][lang])
    return env


def display_width(value: Any) -> int:
    """Terminal cells a text takes (wcwidth): a Chinese character takes two, so an
    underline of `=` as long as a Chinese title is `"=" * (title | width)`."""
    from prompt_toolkit.utils import get_cwidth

    return int(get_cwidth("" if value is None else str(value)))


def unfold(value: Any) -> str:
    """A paragraph as one line, for a template that wraps it again (terminal_ui.wrapping)."""
    from .wrapping import unfold as unfold_text

    return unfold_text("" if value is None else str(value))


def translate(value: Any, lang: str) -> str:
    """Pick the language from a bilingual {en, zh} mapping; pass plain text through."""
    if isinstance(value, dict) and "en" in value:
        return str(value.get(lang) or value["en"])
    return "" if value is None else str(value)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_FENCE = "`" * 3


def markdown_text(value: Any) -> str:
    """User-typed text for a Markdown report: one line, Markdown and HTML syntax escaped.

    A title like `<script>` or `**x**` must print as typed in any Markdown viewer,
    and a `|` must not split a table cell.
    """
    text = " ".join(str("" if value is None else value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_code(value: Any) -> str:
    """Text inside `backticks` in a table cell: one line, no backticks, `|` escaped.

    Backticks cannot be escaped inside a code span. GFM splits table cells at
    `|` before it reads code spans, even inside them, and takes `\\|` as a `|`
    of the cell's text there, so `a|b.yaml` keeps its row whole.
    """
    return " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")


def markdown_fence(value: Any) -> str:
    """Text inside a fenced block: a line starting with three backticks would close it."""
    return str(value).replace(_FENCE, "'''")


_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_SHOWN = {"\n": "\\n", "\r": "\\r"}


def visible_breaks(value: Any) -> str:
    """One-line text for the terminal: a line break shows as `\\n`, `\\r`, `\\u2028`.

    Loaders refuse line breaks in titles and labels, so this only guards what
    reaches a terminal by another way: printed raw, a newline in a label could
    start a line that looks like a verdict, and a carriage return overwrites one.
    """
    text = "" if value is None else str(value)
    return _BREAKS.sub(
        lambda found: _SHOWN.get(found.group(), f"\\u{ord(found.group()):04x}"), text
    )


_NOT_NEWLINE_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\x85\u2028\u2029]")


def terminal_text(text: str) -> str:
    """Text output with every line break a plain newline, the others shown as escapes.

    Our templates break lines with newlines only; a carriage return, NEL or
    U+2028 in it came from a file, and a terminal would move the cursor for it.
    """
    return _NOT_NEWLINE_BREAKS.sub(
        lambda found: _SHOWN.get(found.group(), f"\\u{ord(found.group()):04x}"), text
    )


def render(template: str, lang: str = "en", **context: Any) -> str:
    text = environment().get_template(template).render(lang=lang, **context)
    return terminal_text(text) if template.endswith(".txt.j2") else text
