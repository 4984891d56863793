"""`copyrightable report`: a reasoned report to print and file (md, html, pdf or json)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..report import Paper, ReportFormat
from .common import (
    AsOfOption,
    JurisdictionOption,
    Lang,
    LangOption,
    RulesOption,
    TimestampOption,
    command_line,
    fail,
    reported_errors,
    write_output,
)


def report(
    answers_file: Annotated[
        Path,
        typer.Argument(
            help="Answers file (YAML), or a case file (its answers: part is used).",
            show_default=False,
            readable=False,
        ),
    ],
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="md: Markdown for the terminal and documents; html: one "
            "printable self-contained file; pdf: typeset (needs the pdf "
            "extra); json: the Result with its what-if analysis.",
        ),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically). Required for "
            "html and pdf; md and json go to the terminal without it.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    lang: LangOption = Lang.en,
    jurisdiction: JurisdictionOption = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help="Page size for printing and PDF: a4 or letter.")
    ] = Paper.a4,
    timestamp: TimestampOption = None,
    as_of: AsOfOption = None,
    rules: RulesOption = None,
) -> None:
    """Write a reasoned report on an answers file, for an editor or a lawyer to file.

    The report gives the verdict per jurisdiction and element, the two
    jurisdictions side by side, every step of the reasoning with its authority,
    the smallest changes of facts that would change a verdict (found by
    evaluating changed answers again), recommendations (including a draft US
    Limitation of the Claim), open points, and the authorities cited. Its
    header names the rule set versions, the date the law is current to, the
    hashes of the rules and answers, and the command that regenerates it.

    Example: copyrightable report cases/zarya-of-the-dawn.yaml -f html -o zarya.html
    """
    if output is None and output_format in (ReportFormat.html, ReportFormat.pdf):
        raise fail(
            f"--format {output_format.value} writes a file: give it with -o FILE "
            f"(e.g. -o report.{output_format.value})"
        )
    # the law, the engine and the what-if search load here, not at start-up
    from ..answers import load_answers
    from ..evaluation import Evaluator
    from ..law import load_law
    from ..lawdate import parse_as_of
    from ..relevance import relevance
    from ..report import report_pdf, report_text
    from ..result_join import joined
    from ..whatif import what_if

    with reported_errors():
        day = parse_as_of(as_of)
        law = load_law(rules)
        answers = load_answers(answers_file, law)
        evaluator = Evaluator(law, jurisdiction, day)
        result = joined(evaluator.evaluate(answers, timestamp, command_line()))
        analysis = what_if(evaluator, answers, result)
        shown = relevance(law, evaluator.jurisdictions).questions
        if output_format is ReportFormat.pdf:
            payload = report_pdf(result, analysis, lang.value, paper, shown)
        else:
            text = report_text(result, analysis, output_format, lang.value, paper, shown)
            if output is None:
                typer.echo(text, nl=False)
                return
            payload = text.encode("utf-8")
    assert output is not None
    write_output(output, payload, "the report")
