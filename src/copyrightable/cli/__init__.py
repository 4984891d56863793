"""The `copyrightable` command line. Each command lives in its own module.

A command's module is imported, and its options built, only when that command
runs (or `--help` lists it): `evaluate FILE` does not load the interview, the
case library or the report writers, nor build their forty-odd options.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
import typer.core
import typer.main

from ..io.errors import CopyrightableError, ExitCode
from ..io.gc_settings import freeze_before_exit, process_ends_after_command
from .usage import Command

HELP = """\
Is a work made with AI protectable by copyright? US and Chinese law side by
side, and on request UK, EU, Japanese, Korean and Indian law.

Answer questions about the human creative input in a work, and copyrightable
applies the rule sets (YAML data under rules/, each rule tied to a statute,
regulation, guidance or decision with a pinpoint) and shows, element by
element, the verdict, the author and every step of the reasoning.

Start here:

\b
  copyrightable ask                 the interview: questions on one work
  copyrightable evaluate FILE       verdicts and reasoning in the terminal
  copyrightable report FILE -f pdf -o opinion.pdf
                                    a reasoned report: md, html, pdf, docx
  copyrightable cases list          real decisions to study; cases show zarya
  copyrightable rules show us       the US rules, grouped by doctrine

\b
FILE is an answers file from `ask`, or a case file:
  copyrightable evaluate cases/zarya-of-the-dawn.yaml
  copyrightable evaluate cases/zarya-of-the-dawn.yaml -j uk -j jp
  copyrightable evaluate cases/zarya-of-the-dawn.yaml -j all

\b
The default is US and China; to change it, set COPYRIGHTABLE_JURISDICTIONS
(uk,jp or all) or write ~/.config/copyrightable/config.toml:
  jurisdictions = ["us", "cn", "uk"]

Each command explains itself: copyrightable COMMAND --help.

Decision support, not legal advice.
"""

# The order people need them in: (module, what it defines, a summary that fits one
# line at 80 columns). A module defines a command function or a typer.Typer of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ask": ("ask_cmd", "ask", "Answer the questionnaire for a work, then see the verdicts."),
    "evaluate": (
        "evaluate_cmd",
        "evaluate",
        "Verdicts and reasoning for an answers file or a case file.",
    ),
    "report": (
        "report_cmd",
        "report",
        "A reasoned report to file: Markdown, HTML, PDF, Word, JSON.",
    ),
    "cases": ("cases_cmd", "app", "The case library: real decisions, reasoned by the rules."),
    "rules": ("rules_cmd", "app", "Validate and read the rule sets."),
}


class LazyCommands(typer.core.TyperGroup):
    """The top-level group: each command is built from its module when first asked for.

    Click's documented way to load subcommands lazily (`list_commands` and
    `get_command`); each command is built by typer exactly as `app.command` and
    `app.add_typer` would have built it. The table of commands knows every
    name from the start, so a mistyped command is still answered with the
    command meant ("Did you mean 'evaluate'?").
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _CommandTable(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


class _CommandTable(MutableMapping[str, Any]):
    """Command name -> click command: every name of COMMANDS, each built on first lookup."""

    def __init__(self, given: MutableMapping[str, Any]) -> None:
        self._built = dict(given)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built and name in COMMANDS:
            self._built[name] = _built(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def _names(self) -> dict[str, None]:
        """Every command's name: COMMANDS in order, then any added by name."""
        return {**dict.fromkeys(COMMANDS), **dict.fromkeys(self._built)}

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


# What the top level and each command built lazily are made with, so they behave alike:
# no shell-completion options, tracebacks turned into our one line (main), plain help.
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}


def _built(name: str) -> Any:
    """The click command typer builds for COMMANDS[name], with the top level's settings."""
    module, attribute, summary = COMMANDS[name]
    defined = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    holder = typer.Typer(**_SETTINGS)
    if isinstance(defined, typer.Typer):
        holder.add_typer(defined, name=name, short_help=summary)
    else:
        holder.command(name, cls=Command, short_help=summary)(defined)
    return typer.main.get_group(holder).commands[name]


app = typer.Typer(cls=LazyCommands, help=HELP, no_args_is_help=True, **_SETTINGS)


@app.callback()
def _top_level() -> None:
    """Nothing to do before a command: the group needs a callback to be a group."""


def main() -> None:
    """Console entry point: one line per error, never a traceback; then the process ends."""
    process_ends_after_command()
    try:
        _run()
    finally:
        freeze_before_exit()  # CPython's last collection at exit has nothing left to find


def _run() -> None:
    """Run the command line's one command, and exit with its code."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        sys.exit(0)
    except CopyrightableError as error:  # raised outside a command's own handler (an import)
        typer.echo(f"copyrightable: error: {error.one_line()}", err=True)
        sys.exit(int(error.exit_code))
    except Exception as error:
        if hasattr(error, "show") and hasattr(error, "exit_code"):  # a usage error from typer
            error.show()
            sys.exit(int(ExitCode.BAD_INPUT))
        # a bug of ours: still one line, and how to report it
        typer.echo(
            f"copyrightable: internal error: {type(error).__name__}: {error} "
            "(please report this with the command you ran)",
            err=True,
        )
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)
