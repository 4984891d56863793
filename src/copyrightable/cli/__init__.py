"""The `copyrightable` command line. Each command lives in its own module."""

from __future__ import annotations

import sys

import typer

from ..errors import ExitCode
from ..runtime import tune_garbage_collector
from . import ask_cmd, cases_cmd, evaluate_cmd, report_cmd, rules_cmd

HELP = """\
Is a work made with AI protectable by copyright, in the United States and in China?

Answer questions about the human creative input in a work, and copyrightable
applies the US and PRC rule sets (YAML data under rules/, each rule tied to a
statute, regulation, guidance or decision with a pinpoint) and shows, element
by element, the verdict, the author and every step of the reasoning.

Start here:

  copyrightable ask                                       the interview (lawyers)

  copyrightable evaluate cases/zarya-of-the-dawn.yaml     verdicts and reasoning

  copyrightable rules show us                             read the US rules

  copyrightable rules check                               validate the rules, run their tests

Decision support, not legal advice.
"""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)
app.command("evaluate")(evaluate_cmd.evaluate)
app.command("ask")(ask_cmd.ask)
app.command("report")(report_cmd.report)
app.add_typer(rules_cmd.app, name="rules")
app.add_typer(cases_cmd.app, name="cases")


def main() -> None:
    """Console entry point: one line per error, never a traceback."""
    tune_garbage_collector()
    try:
        code = app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:
        if hasattr(error, "show") and hasattr(error, "exit_code"):  # a usage error from typer
            error.show()
            sys.exit(int(ExitCode.BAD_INPUT))
        # a bug of ours: still one line, and how to report it
        typer.echo(f"copyrightable: internal error: {type(error).__name__}: {error} "
                   "(please report this with the command you ran)", err=True)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)
