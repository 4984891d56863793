"""`copyrightable evaluate`: verdicts and reasoning for an answers file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..answers import load_answers
from ..evaluation import Evaluator
from ..law import load_law
from ..render import render
from ..result import to_json
from ..yamlio import atomic_write_text
from .common import (
    JurisdictionOption,
    Lang,
    LangOption,
    RulesOption,
    command_line,
    reported_errors,
)


class EvaluateFormat(StrEnum):
    text = "text"
    json = "json"


def evaluate(
    answers_file: Annotated[Path, typer.Argument(help="Answers file (YAML) or a case file.",
                                                 show_default=False)],
    jurisdiction: JurisdictionOption = None,
    output_format: Annotated[EvaluateFormat, typer.Option(
        "--format", "-f", help="text: the reasoning for a person; json: the Result "
                               "document (docs/result-schema.md).")] = EvaluateFormat.text,
    lang: LangOption = Lang.en,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of the terminal.",
        show_default=False)] = None,
    timestamp: Annotated[str | None, typer.Option(
        "--timestamp", help="Fix the generated_at time (reproducible output); "
                            "SOURCE_DATE_EPOCH works too.", show_default=False)] = None,
    rules: RulesOption = None,
) -> None:
    """Evaluate an answers file under the US and Chinese rule sets.

    Prints, for each jurisdiction, the verdict for each element of the work and
    for the work as a whole, who would be the author, and each rule that fired
    with the facts it fired on and the authority it rests on.

    Example: copyrightable evaluate cases/zarya-of-the-dawn.yaml -j us
    """
    with reported_errors():
        law = load_law(rules)
        answers = load_answers(answers_file, law)
        result = Evaluator(law, jurisdiction).evaluate(answers, timestamp, command_line())
        if output_format is EvaluateFormat.json:
            text = to_json(result)
        else:
            text = render("evaluate.txt.j2", lang=lang.value, result=result)
        if output is not None:
            atomic_write_text(output, text)
        else:
            typer.echo(text, nl=False)
