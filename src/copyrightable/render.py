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

from .resources import templates_dir


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"),
                                            default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["t"] = translate
    env.filters["md"] = markdown_text
    env.filters["md_code"] = markdown_code
    env.filters["md_fence"] = markdown_fence
    return env


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
    """Text inside `backticks` (which cannot be escaped there): one line, no backticks."""
    return " ".join(str(value).split()).replace("`", "'")


def markdown_fence(value: Any) -> str:
    """Text inside a fenced block: a line starting with three backticks would close it."""
    return str(value).replace(_FENCE, "'''")


def render(template: str, lang: str = "en", **context: Any) -> str:
    return environment().get_template(template).render(lang=lang, **context)
