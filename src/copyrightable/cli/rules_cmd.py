"""`copyrightable rules check` and `copyrightable rules show`."""

from __future__ import annotations

from typing import Annotated

import typer

from ..io.errors import ExitCode
from .common import Lang, LangOption, RulesOption, reported_errors
from .usage import Command, shipped_rule_sets

# The law, the engine and the templates are imported inside each command, so that
# `copyrightable --help` does not pay for them.

app = typer.Typer(help="Validate and read the rule sets.", no_args_is_help=True)


@app.command("check", cls=Command, short_help="Validate every rule file and run the rule tests.")
def check(
    rules: RulesOption = None,
    show_coverage: Annotated[
        bool,
        typer.Option("--coverage/--no-coverage", help="Print the rules x tests coverage table."),
    ] = True,
) -> None:
    """Validate every file under rules/ and run the rule tests.

    Reports each problem as file:line; exits 1 if any check or test fails and 2
    if a file cannot be read at all.
    """
    from ..law.loading import load_law
    from ..render.templates import render
    from ..testing.rule_tests import run_all
    from ..testing.static_checks import coverage, static_problems

    with reported_errors():
        law = load_law(rules)
        problems = static_problems(law)
        outcomes, test_errors = run_all(law)
    for problem in problems:
        typer.echo(problem.one_line())
    for error in test_errors:
        typer.echo(f"{error.one_line()}")
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        test = outcome.test
        for failure in outcome.failures:
            typer.echo(f"{test.location}: test failed: {test.name}: {failure}")
    rows = coverage(law, [o.fired for o in outcomes])
    gaps = [row for row in rows if row.fired_in == 0 or row.silent_in == 0]
    for row in gaps:
        rule = law.rulesets[row.ruleset].rule(row.rule)
        side = (
            "fires or does not fire"
            if row.fired_in == row.silent_in == 0
            else "fires"
            if row.fired_in == 0
            else "does not fire"
        )
        typer.echo(f"{rule.location}: error: no rule test in which {row.rule} {side}")
    if show_coverage:
        typer.echo(render("coverage.txt.j2", rows=rows))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    total_rules = sum(len(rs.rules) for rs in law.rulesets.values())
    typer.echo(
        f"{len(law.rulesets)} rule sets, {total_rules} rules, "
        f"{len(law.questionnaire.questions)} questions, {len(law.authorities)} "
        f"authorities; {len(outcomes)} rule tests: {len(outcomes) - len(failed)} passed, "
        f"{len(failed)} failed; {len(errors) + len(test_errors) + len(gaps)} problems, "
        f"{len(warnings)} warnings"
    )
    if errors or failed or test_errors or gaps:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@app.command(
    "show", cls=Command, short_help="A rule set to read: an overview, then the rules by doctrine."
)
def show(
    jurisdiction: Annotated[
        str,
        typer.Argument(
            show_default=False, help="Rule set id: " + ", ".join(shipped_rule_sets()) + "."
        ),
    ],
    lang: LangOption = Lang.en,
    rules: RulesOption = None,
) -> None:
    """Print a rule set to read: a one-screen overview of its doctrines, then the rules
    under each doctrine, then the authorities in full.

    Each rule gives its id, statement, conditions in words, conclusion, how settled
    it is, and its authorities with pinpoints.

    Example: copyrightable rules show cn --lang zh
    """
    from ..law.loading import load_law
    from ..render.rulebook import rulebook
    from ..render.study_text import text_width
    from ..render.templates import study_environment
    from .cases_cmd import display_width

    with reported_errors():
        law = load_law(rules)
        book = rulebook(law, jurisdiction)
        env = study_environment()
        env.filters.setdefault("width", display_width)
        typer.echo(
            env.get_template("rulebook.txt.j2").render(
                lang=lang.value, book=book, width=text_width()
            ),
            nl=False,
        )
