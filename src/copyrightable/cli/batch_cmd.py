"""The terminal side of `copyrightable evaluate --batch`: progress bar, summary, exit code."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from ..batch.records import check_free_space, count_records
from ..batch.workers import Summary, default_jobs, run
from ..io.errors import ExitCode
from ..law.loading import load_law_for
from ..result.result_json import timestamp as fixed_timestamp
from .common import command_line, fail, reported_errors


def run_batch(
    source: Path,
    output: Path,
    rules: Path | None,
    jurisdictions: list[str] | None,
    jobs: int | None,
    resume: bool,
    timestamp: str | None,
) -> None:
    with reported_errors():
        # Only the rule sets applied, from the disk cache when the files are unchanged,
        # as for one `evaluate`: reading all seven from YAML cost half a second.
        law = load_law_for(rules, jurisdictions)
        # One time for the whole run: results differ only where their answers do.
        generated_at = fixed_timestamp(timestamp)
        workers = _workers(jobs)
        check_free_space(source, output, resume)
        with _progress(source) as advance:
            summary = run(
                source,
                output,
                law,
                jurisdictions,
                workers,
                resume,
                generated_at,
                _batch_command(),
                advance,
            )
    _report(summary, output)


def _workers(jobs: int | None) -> int:
    """--jobs, at most one worker per core: more only cost memory (each is a process with
    its own engine; --jobs 1000 once started 1,002 processes for 64 records)."""
    cores = default_jobs()
    if jobs is None:
        return cores
    if jobs > cores:
        typer.echo(
            f"copyrightable: warning: --jobs {jobs} is more than the {cores} "
            f"core{'s' if cores != 1 else ''} this process may use; using {cores}",
            err=True,
        )
        return cores
    return jobs


_SCHEDULING_FLAGS = {"--resume"}
_SCHEDULING_OPTIONS = {"--jobs"}


def _batch_command() -> str:
    """The command each Result records, without --jobs and --resume.

    They change how the run is scheduled, never a Result, and leaving them in
    made the output differ between --jobs values and after a resume, although
    the same input, rules and --timestamp must give the same bytes.
    """
    words = shlex.split(command_line())
    kept: list[str] = []
    skip_next = False
    for word in words:
        if skip_next:
            skip_next = False
        elif word in _SCHEDULING_FLAGS:
            pass
        elif word in _SCHEDULING_OPTIONS:
            skip_next = True
        elif word.split("=", 1)[0] in _SCHEDULING_OPTIONS and "=" in word:
            pass
        else:
            kept.append(word)
    return shlex.join(kept)


def _report(summary: Summary, output: Path) -> None:
    earlier = ""
    if summary.skipped_errors:
        earlier = (
            f" ({summary.skipped_errors:,} of them "
            f"{'an error line' if summary.skipped_errors == 1 else 'error lines'})"
        )
    done = f"{_count(summary.results, 'result')}, {_count(summary.errors, 'error')}" + (
        f", {summary.skipped:,} already written{earlier}" if summary.skipped else ""
    )
    if summary.interrupted:
        raise fail(
            f"interrupted: {done} in {output}; run the same command with --resume to continue",
            ExitCode.INTERRUPTED,
        )
    typer.echo(f"copyrightable: {_count(summary.total, 'record')}: {done} in {output}", err=True)
    if summary.errors or summary.skipped_errors:  # as the uninterrupted run would exit
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@contextmanager
def _progress(source: Path) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal (stderr); nothing when stderr is piped or a file."""
    if not sys.stderr.isatty():
        yield lambda advance: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    total = count_records(source) if source.exists() else None
    bar = Progress(
        TextColumn("evaluating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("records", total=total)
    started = False

    def advance(count: int) -> None:
        nonlocal started
        if not started:  # after the workers are forked: the bar runs a thread
            bar.start()
            started = True
        bar.advance(task, count)

    try:
        yield advance
    finally:
        if started:
            bar.stop()
