"""The `copyrightable` command line. Each command lives in its own module."""

from __future__ import annotations

import sys

import typer

from ..io.errors import CopyrightableError, ExitCode
from . import ask_cmd, cases_cmd, evaluate_cmd, report_cmd, rules_cmd
from .usage import Command

HELP = """\
Is a work made with AI protectable by copyright, in the United States and in China?

Answer questions about the human creative input in a work, and copyrightable
applies the US and PRC rule sets (YAML data under rules/, each rule tied to a
statute, regulation, guidance or decision with a pinpoint) and shows, element
by element, the verdict, the author and every step of the reasoning.

Start here:

\b
  copyrightable ask                 the interview: questions on one work
  copyrightable evaluate FILE       verdicts and reasoning in the terminal
  copyrightable report FILE -f pdf -o opinion.pdf
                                    a reasoned report to file (md, html, pdf)
  copyrightable cases list          real decisions to study; cases show zarya
  copyrightable rules show us       the US rules, grouped by doctrine

\b
FILE is an answers file from `ask`, or a case file:
  copyrightable evaluate cases/zarya-of-the-dawn.yaml

Each command explains itself: copyrightable COMMAND --help.

Decision support, not legal advice.
"""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# The order people need them in; each summary fits one line at 80 columns.
app.command(
    "ask", cls=Command, short_help="Answer the questionnaire for a work, then see the verdicts."
)(ask_cmd.ask)
app.command(
    "evaluate", cls=Command, short_help="Verdicts and reasoning for an answers file or a case file."
)(evaluate_cmd.evaluate)
app.command(
    "report", cls=Command, short_help="A reasoned report to file: Markdown, HTML, PDF or JSON."
)(report_cmd.report)
app.add_typer(
    cases_cmd.app,
    name="cases",
    short_help="The case library: real decisions, reasoned by the rules.",
)
app.add_typer(rules_cmd.app, name="rules", short_help="Validate and read the rule sets.")


def main() -> None:
    """Console entry point: one line per error, never a traceback."""
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
