"""The file formats an evaluation can be saved in, by name.

`copyrightable ask` offers every registered format at the end of an interview.
Text and JSON exist now; the report formats (Markdown, HTML, PDF) plug in with
one `register_export(...)` call each, and the interview needs no change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .render import render
from .result import to_json
from .yamlio import atomic_write_bytes

Renderer = Callable[[Mapping[str, Any], str], str | bytes]  # (Result, language) -> content


@dataclass(frozen=True)
class Export:
    name: str
    suffix: str
    render: Renderer

    def write(self, result: Mapping[str, Any], lang: str, path: Path | str) -> None:
        """Render and write atomically: a failed render never leaves half a file."""
        content = self.render(result, lang)
        atomic_write_bytes(path, content.encode("utf-8") if isinstance(content, str)
                           else content)


_EXPORTS: dict[str, Export] = {}


def register_export(name: str, suffix: str, renderer: Renderer) -> None:
    """Offer a format; registering a name again replaces the earlier entry."""
    _EXPORTS[name] = Export(name, suffix, renderer)


def exports() -> list[Export]:
    return list(_EXPORTS.values())


register_export("text", ".txt",
                lambda result, lang: render("evaluate.txt.j2", lang=lang, result=result))
register_export("json", ".json", lambda result, lang: to_json(result))
