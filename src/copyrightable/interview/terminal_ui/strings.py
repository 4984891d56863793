"""The interview's wording, read once from templates/ask_strings.j2 (English and Chinese)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...render.templates import environment


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    return dict(environment().get_template("ask_strings.j2").module.strings)  # type: ignore[attr-defined]


class Strings:
    """`strings("progress", done=3, left=9)`: one message in the interview's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._words = _table()[lang]

    def __call__(self, key: str, **params: Any) -> str:
        return self._words[key].format(**params)

    def has(self, key: str) -> bool:
        return key in self._words
