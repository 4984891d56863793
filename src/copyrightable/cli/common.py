"""Options and error handling shared by every command."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..io.errors import CopyrightableError, ExitCode, write_failure
from .usage import choices_metavar, shipped_rule_sets

if TYPE_CHECKING:
    from ..law.model import Answers


class Lang(StrEnum):
    en = "en"
    zh = "zh"


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Folder of rule data to use instead of the shipped rules/.",
        show_default=False,
        readable=False,
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the output: en or zh.")]
AnswersLangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of the output: en or zh. Default: the answers file's "
        "meta.language, else en.",
        show_default=False,
    ),
]
TimestampOption = Annotated[
    str | None,
    typer.Option(
        "--timestamp",
        help="Fix the date and time the output records, e.g. 2026-01-01T00:00:00Z, so "
        "that the same input gives the same bytes; SOURCE_DATE_EPOCH works too.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Apply the law in force on this day, YYYY-MM-DD (rules and authorities "
        "not yet or no longer in force are left out). Default: today, but never "
        "later than the date each rule set is current to (its law_as_of).",
        show_default=False,
    ),
]
JurisdictionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--jurisdiction",
        "-j",
        metavar=choices_metavar([*shipped_rule_sets(), "all"]),
        help="Rule set to apply (repeat for several; 'all' for every one). Default: "
        "us and cn, or COPYRIGHTABLE_JURISDICTIONS, or 'jurisdictions' in "
        "~/.config/copyrightable/config.toml.",
        show_default=False,
    ),
]


def answers_language(answers: Answers, lang: Lang | None) -> tuple[Answers, str]:
    """The language to render an answers file in (`--lang`, else the file's
    meta.language, else en), and the answers with their bilingual texts in it."""
    from ..answers.language import localized, output_language

    chosen = output_language(answers, None if lang is None else lang.value)
    return localized(answers, chosen), chosen


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    typer.echo(f"copyrightable: error: {message}", err=True)
    return typer.Exit(int(code))


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn our typed errors into one line on stderr and the matching exit code."""
    try:
        yield
    except CopyrightableError as error:
        raise fail(error.one_line(), error.exit_code) from None


def write_output(path: Path, data: bytes, what: str) -> None:
    """Write a file the user named with -o (atomically, see yamlio), or fail in one line
    (errors.write_failure: exit 4 for a full disk, 2 for a path that cannot be written)."""
    from ..io.yaml_files import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        failure = write_failure(path, what, error)
        raise fail(failure.one_line(), failure.exit_code) from None


def command_line() -> str:
    """The command as typed, for reports that say how to regenerate themselves."""
    program = Path(sys.argv[0]).name
    if program in ("__main__.py", "-m", "-c", ""):  # run as `python -m copyrightable`
        program = "copyrightable"
    args = [program, *sys.argv[1:]]
    return " ".join(_quote(a) for a in args)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)
