"""`copyrightable report`: a reasoned report to print and file (md, html, pdf or json)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..render.report import Detail, Paper, ReportFormat
from .common import (
    AnswersLangOption,
    AsOfOption,
    JurisdictionOption,
    RulesOption,
    TimestampOption,
    answers_language,
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
            "extra); docx: Word, to edit (needs the docx extra); json: the "
            "Result with its what-if analysis.",
        ),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically). Required for "
            "html, pdf and docx; md and json go to the terminal without it.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    lang: AnswersLangOption = None,
    jurisdiction: JurisdictionOption = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help="Page size for printing and PDF: a4 or letter.")
    ] = Paper.a4,
    detail: Annotated[
        Detail,
        typer.Option(
            "--detail",
            help="opinion: the opinion to file (a few pages); full: the opinion "
            "with the step-by-step reasoning as an appendix (md, html, pdf).",
        ),
    ] = Detail.opinion,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="With -f docx: a Word document (.docx) whose styles, header and "
            "footer (the firm's letterhead) the opinion is written on.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    timestamp: TimestampOption = None,
    as_of: AsOfOption = None,
    rules: RulesOption = None,
) -> None:
    """Write an opinion on an answers file, for an editor or a lawyer to file.

    The opinion opens with the matter and, per jurisdiction and element, the
    verdict, the author (by name where the answers give one), what is
    protected and what must be excluded, and a draft US Limitation of the
    Claim (in English); then the facts the verdicts were presumed on, the
    smallest changes of facts that would change a verdict (found by evaluating
    changed answers again), the top recommendations, where the jurisdictions
    differ and why, the authorities cited, and how to reproduce it (rule set
    versions and hashes, the answers' hash, the command). --detail full adds
    the step-by-step reasoning as an appendix.

    Example: copyrightable report cases/zarya-of-the-dawn.yaml -f pdf -o zarya.pdf
    """
    if template is not None and output_format is not ReportFormat.docx:
        raise fail("--template is a Word letterhead: use it with -f docx")
    if detail is Detail.full and output_format is ReportFormat.docx:
        raise fail(
            "-f docx writes the opinion only; expected --detail opinion, or -f md, html "
            "or pdf for the full report"
        )
    if output is None and output_format in (
        ReportFormat.html,
        ReportFormat.pdf,
        ReportFormat.docx,
    ):
        raise fail(
            f"--format {output_format.value} writes a file: give it with -o FILE "
            f"(e.g. -o report.{output_format.value})"
        )
    # the law, the engine and the what-if search load here, not at start-up
    from ..answers.answers_file import load_answers
    from ..evaluation.evaluator import Evaluator
    from ..evaluation.whatif import what_if
    from ..law.law_date import parse_as_of
    from ..law.loading import load_law
    from ..law.relevance import relevance
    from ..render.report import report_docx, report_pdf, report_text
    from ..result.join import joined

    with reported_errors():
        day = parse_as_of(as_of)
        law = load_law(rules)
        answers = load_answers(answers_file, law)
        answers, language = answers_language(answers, lang)
        evaluator = Evaluator(law, jurisdiction, day)
        result = joined(evaluator.evaluate(answers, timestamp, command_line()))
        analysis = what_if(evaluator, answers, result)
        shown = relevance(law, evaluator.jurisdictions).questions
        if output_format is ReportFormat.pdf:
            payload = report_pdf(result, analysis, language, paper, shown, detail)
        elif output_format is ReportFormat.docx:
            chosen = str(template) if template is not None else None
            payload = report_docx(result, analysis, language, paper, shown, detail, chosen)
        else:
            text = report_text(result, analysis, output_format, language, paper, shown, detail)
            if output is None:
                typer.echo(text, nl=False)
                return
            payload = text.encode("utf-8")
    assert output is not None
    write_output(output, payload, "the report")
