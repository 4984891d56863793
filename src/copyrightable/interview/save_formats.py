"""The file formats an evaluation can be saved in, by name.

`copyrightable ask` offers every registered format at the end of an interview:
the evaluation as text (with its reasoning) or JSON, and the opinion (HTML,
Markdown, PDF, Word) that `copyrightable report` writes, what-if analysis included. A format is one
`register_export(...)` call; the interview needs no change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io.yaml_files import atomic_write_bytes
from ..render.templates import render
from ..result.join import joined
from ..result.result_json import to_json

if TYPE_CHECKING:
    from ..evaluation.evaluator import Evaluator
    from ..law.model import Answers


@dataclass
class Evaluated:
    """An evaluation to save: the Result, and what produced it (for the what-if search)."""

    result: Mapping[str, Any]
    answers: Answers
    evaluator: Evaluator
    _what_if: dict[str, Any] | None = field(default=None, repr=False)

    def what_if(self) -> dict[str, Any]:
        """The what-if analysis, computed once, when a format first needs it."""
        if self._what_if is None:
            from ..evaluation.whatif import what_if

            self._what_if = what_if(self.evaluator, self.answers, self.result)
        return self._what_if


Renderer = Callable[[Evaluated, str], str | bytes]  # (evaluation, language) -> content


@dataclass(frozen=True)
class Export:
    name: str
    suffix: str  # the end of the suggested file name, e.g. ".report.html"
    render: Renderer

    def write(self, evaluated: Evaluated, lang: str, path: Path | str) -> None:
        """Render and write atomically: a failed render never leaves half a file."""
        content = self.render(evaluated, lang)
        atomic_write_bytes(path, content.encode("utf-8") if isinstance(content, str) else content)


_EXPORTS: dict[str, Export] = {}


def register_export(name: str, suffix: str, renderer: Renderer) -> None:
    """Offer a format; registering a name again replaces the earlier entry."""
    _EXPORTS[name] = Export(name, suffix, renderer)


def exports() -> list[Export]:
    return list(_EXPORTS.values())


def _report(output_format: str) -> Renderer:
    def rendered(evaluated: Evaluated, lang: str) -> str | bytes:
        from ..law.relevance import relevance
        from ..render.report import Paper, ReportFormat, report_pdf, report_text  # only when saved

        evaluator = evaluated.evaluator
        shown = relevance(evaluator.law, evaluator.jurisdictions).questions
        if output_format == "pdf":
            return report_pdf(evaluated.result, evaluated.what_if(), lang, Paper.a4, shown)
        if output_format == "docx":
            from ..render.report import report_docx

            return report_docx(evaluated.result, evaluated.what_if(), lang, Paper.a4, shown)
        return report_text(
            evaluated.result,
            evaluated.what_if(),
            ReportFormat(output_format),
            lang,
            Paper.a4,
            shown,
        )

    return rendered


register_export(
    "text",
    ".evaluation.txt",
    lambda done, lang: render(
        "evaluate.txt.j2", lang=lang, result=joined(done.result), explain=True
    ),
)
register_export("json", ".evaluation.json", lambda done, lang: to_json(done.result))
register_export("report_html", ".report.html", _report("html"))
register_export("report_md", ".report.md", _report("md"))
register_export("report_pdf", ".report.pdf", _report("pdf"))
register_export("report_docx", ".report.docx", _report("docx"))
