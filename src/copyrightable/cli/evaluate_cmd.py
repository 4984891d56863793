"""`copyrightable evaluate`: verdicts and reasoning for an answers file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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


class EvaluateFormat(StrEnum):
    text = "text"
    json = "json"


def evaluate(
    answers_file: Annotated[
        Path | None,
        typer.Argument(
            help="Answers file (YAML) or a case file.", show_default=False, readable=False
        ),
    ] = None,
    jurisdiction: JurisdictionOption = None,
    output_format: Annotated[
        EvaluateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: the reasoning for a person; json: the Result "
            "document (docs/result-schema.md).",
        ),
    ] = EvaluateFormat.text,
    lang: AnswersLangOption = None,
    with_words: Annotated[
        bool,
        typer.Option(
            "--with-words",
            help="With --format json: embed the words table (every rule's statement, "
            "conditions, citations; questions; authorities), for a file that reads "
            "without the rules. Default: the Result names its words by hash.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of the terminal; "
            "with --batch, the JSON-lines results file.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="text: after the summary, the reasoning of every element, step by "
            "step, in sentences (the answer, the rule, its authority).",
        ),
    ] = False,
    timestamp: TimestampOption = None,
    as_of: AsOfOption = None,
    rules: RulesOption = None,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="Evaluate every answers file of a folder (sorted by name), or every "
            "line of a JSONL file, into -o: one JSON line per record, in input "
            "order (docs/batch.md).",
            show_default=False,
            readable=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            help="With --batch: worker processes. Default: every core.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="With --batch: skip the records already in -o and append the "
            "rest (after an interrupted run).",
        ),
    ] = False,
) -> None:
    """Evaluate an answers file under the chosen rule sets (default: US and China).

    Prints a summary: the verdict for each element and for the work, per
    jurisdiction; the ground of each element's verdict, with its authority; the
    assumptions that change a verdict and the first thing to do. --explain adds
    the reasoning: each rule that applied, as sentences stating the answer it
    rests on, the rule and its authority.

    Example: copyrightable evaluate cases/zarya-of-the-dawn.yaml -j us

    Many at once: copyrightable evaluate --batch submissions/ -o results.jsonl
    """
    if batch is not None:
        if answers_file is not None:
            raise fail("give an answers file or --batch INPUT, not both")
        if output is None:
            raise fail("--batch needs -o RESULTS.jsonl (the results file)")
        if as_of is not None:
            raise fail(
                "--as-of applies to one answers file; a --batch run applies the "
                "default day (today, bounded by each rule set's law_as_of)"
            )
        from .batch_cmd import run_batch  # rich and the pool only load for batch runs

        run_batch(batch, output, rules, jurisdiction, jobs, resume, timestamp)
        return
    if answers_file is None:
        raise fail(
            "missing the answers file; expected copyrightable evaluate FILE "
            "(or --batch INPUT -o RESULTS.jsonl)"
        )
    if jobs is not None or resume:
        raise fail("--jobs and --resume apply to --batch runs only")
    from ..io.gc_settings import paused_collector

    # One answers file is a short run whose objects reference counting frees; the
    # cyclic collector would only walk the modules and the loaded law again and
    # again, so it waits (with the entry point's freeze, a sixth of the command's
    # time: io/gc_settings.py, docs/performance.md).
    with paused_collector():
        # Imported here, not at the top: `copyrightable --help` and the other commands
        # need neither the engine (durable) nor YAML nor the templates (jinja2).
        from ..answers.answers_file import load_answers
        from ..evaluation.evaluator import Evaluator
        from ..law.law_date import parse_as_of
        from ..law.loading import load_law_for
        from ..result.join import joined
        from ..result.result_json import to_json

        with reported_errors():
            day = parse_as_of(as_of)
            law = load_law_for(rules, jurisdiction)  # only the rule sets applied
            answers = load_answers(answers_file, law)
            answers, language = answers_language(answers, lang)
            as_json = output_format is EvaluateFormat.json
            result = Evaluator(law, jurisdiction, day).evaluate(
                answers, timestamp, command_line(), with_words=with_words or not as_json
            )
            if as_json:
                text = to_json(result)
            else:
                from ..render.templates import render  # jinja2 only for text output

                text = render(
                    "evaluate.txt.j2", lang=language, result=joined(result), explain=explain
                )
            if output is None:
                typer.echo(text, nl=False)
                return
        write_output(output, text.encode("utf-8"), "the evaluation")
