"""The terminal side of `copyrightable evaluate --batch`: progress bar, summary, exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from ..batch import Summary, default_jobs, run
from ..batchio import count_records
from ..errors import ExitCode
from ..law import load_law
from ..result import timestamp as fixed_timestamp
from .common import command_line, fail, reported_errors


def run_batch(source: Path, output: Path, rules: Path | None, jurisdictions: list[str] | None,
              jobs: int | None, resume: bool, timestamp: str | None) -> None:
    with reported_errors():
        law = load_law(rules)
        # One time for the whole run: results differ only where their answers do.
        generated_at = fixed_timestamp(timestamp)
        with _progress(source) as advance:
            summary = run(source, output, law, jurisdictions, jobs or default_jobs(), resume,
                          generated_at, command_line(), advance)
    _report(summary, output)


def _report(summary: Summary, output: Path) -> None:
    done = (f"{_count(summary.results, 'result')}, {_count(summary.errors, 'error')}"
            + (f", {summary.skipped:,} already written" if summary.skipped else ""))
    if summary.interrupted:
        raise fail(f"interrupted: {done} in {output}; run the same command with --resume "
                   "to continue", ExitCode.INTERRUPTED)
    typer.echo(f"copyrightable: {_count(summary.total, 'record')}: {done} in {output}",
               err=True)
    if summary.errors:
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
    bar = Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
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
