"""Jinja2 rendering of Results and rule sets. Wording lives in templates/, not here.

HTML templates are autoescaped (a work titled `<script>` prints as text);
StrictUndefined turns a typo in a template into an error instead of a blank.
"""

from __future__ import annotations

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
    return env


def translate(value: Any, lang: str) -> str:
    """Pick the language from a bilingual {en, zh} mapping; pass plain text through."""
    if isinstance(value, dict) and "en" in value:
        return str(value.get(lang) or value["en"])
    return "" if value is None else str(value)


def render(template: str, lang: str = "en", **context: Any) -> str:
    return environment().get_template(template).render(lang=lang, **context)
