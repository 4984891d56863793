"""`copyrightable cases list|show|check|quiz`: the case library for students."""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..io.errors import ExitCode
from ..law.jurisdictions import CASE_JURISDICTIONS, choose
from .common import Lang, LangOption, RulesOption, TimestampOption, reported_errors
from .usage import Command, choices_metavar, shipped_rule_sets

if TYPE_CHECKING:  # the case library, the law and the quiz load inside the commands,
    import jinja2  # so that `copyrightable --help` does not pay for them

    from ..cases.library import Case
    from ..cases.quiz import QuizSession
    from ..cases.quiz_score import Record
    from ..law.loading import Law

app = typer.Typer(
    help="""The case library: real decisions and events, reasoned by the rules.

Each case file holds the facts with their sources, the answers that encode
them and what was actually held. Read one with `cases show`, list them by
jurisdiction, year or topic with `cases list`, test yourself with `cases quiz`.
""",
    no_args_is_help=True,
)

CasesOption = Annotated[
    Path | None,
    typer.Option(
        "--cases",
        help="Folder of case files to use instead of the shipped cases/.",
        show_default=False,
        readable=False,
    ),
]
CaseJurisdictionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--jurisdiction",
        "-j",
        metavar=choices_metavar(
            CASE_JURISDICTIONS
            + tuple(j for j in shipped_rule_sets() if j not in CASE_JURISDICTIONS)
        ),
        help="Only cases decided in this jurisdiction (repeat for several); "
        "other countries are under 'other'.",
        show_default=False,
    ),
]
UnderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--under",
        "-u",
        metavar=choices_metavar(shipped_rule_sets()),
        help="Rule set(s) to reason with (repeat for several), e.g. --under cn to see "
        "how Chinese rules decide a US case.",
        show_default=False,
    ),
]


# ------------------------------------------------------------------ commands


@app.command(
    "list", cls=Command, short_help="The cases: name, citation, forum, year, outcome, topics."
)
def list_cases(
    jurisdiction: CaseJurisdictionOption = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            metavar="<year|from-to>",
            help="Only cases of this year, or of a range such as 2019-2023.",
            show_default=False,
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            "-t",
            metavar="<topic>",
            help="Only cases on this topic (repeat for any of several), e.g. prompts, "
            "selection_arrangement, modification; the list's last line names them all.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.en,
    cases: CasesOption = None,
    rules: RulesOption = None,
) -> None:
    """The cases, each with its name, citation, forum, year, outcome and topics.

    Each case shows what was held, what the rules conclude on the same facts,
    and whether the two agree.

    Example: copyrightable cases list -j cn --year 2019-2023 --topic prompts
    """
    from ..cases.library import CaseEvaluator, check_topics, filter_cases, list_row, parse_years
    from ..law.loading import load_law

    with reported_errors():
        law = load_law(rules)
        wanted = _decided_in(jurisdiction, law)
        years = parse_years(year) if year is not None else None
        topics = check_topics(topic, law)
        chosen = filter_cases(_library(cases, law, lang), wanted, years, topics)
        evaluator = CaseEvaluator(law)
        rows = [list_row(evaluator.check(case)) for case in chosen]
        typer.echo(
            _render(
                "case_list.txt.j2",
                lang,
                rows=rows,
                topics=law.vocabulary.ids("topics"),
                topic_labels={t.id: t.label.as_dict() for t in law.vocabulary.topics},
            ),
            nl=False,
        )


@app.command(
    "show", cls=Command, short_help="One case: facts, the rules' reasoning, the holding, notes."
)
def show(
    case_id: Annotated[
        str,
        typer.Argument(
            help="Case id (see `cases list`), or the path of a case file.", show_default=False
        ),
    ],
    under: UnderOption = None,
    lang: LangOption = Lang.en,
    fixed_time: TimestampOption = None,
    cases: CasesOption = None,
    rules: RulesOption = None,
) -> None:
    """The facts, the rules' reasoning step by step, then the actual holding and study notes.

    A decided case is reasoned under its own jurisdiction's rules, an event under
    every rule set; --under chooses (--under cn shows how Chinese rules would
    decide the facts of a US case).

    Example: copyrightable cases show zarya-of-the-dawn --under cn
    """
    from ..cases.library import CaseEvaluator, find_case, localized_case
    from ..law.loading import load_law
    from ..result.result_json import timestamp

    with reported_errors():
        law = load_law(rules)
        case = localized_case(find_case(_folder(cases), case_id, law), lang.value)
        evaluator = CaseEvaluator(law, timestamp(fixed_time))
        chosen = _chosen_rulesets(
            law,
            under,
            evaluator.home(case) if case.holding.ruling or case.holding.pending else None,
        )
        check = evaluator.check(case)
        result = evaluator.result(case, chosen)
        if result is not None and not case_id.endswith((".yaml", ".yml")):
            # a library case is named by its place in the library, not by where it is installed
            result = {**result, "answers": {**result["answers"], "source": f"cases/{case.id}.yaml"}}
        # a Chinese reader sees a Chinese decision under its Chinese caption
        authority = law.authorities.get(case.authority) if case.authority else None
        typer.echo(
            _render(
                "case_show.txt.j2",
                lang,
                case=case,
                check=check,
                result=result,
                under=chosen,
                authors=_authors(law),
                citation_zh=authority.citation_zh if authority else None,
            ),
            nl=False,
        )


@app.command(
    "check", cls=Command, short_help="Compare every case with its actual outcome (for CI)."
)
def check(
    lang: LangOption = Lang.en,
    cases: CasesOption = None,
    rules: RulesOption = None,
) -> None:
    """Evaluate every case and compare the rules' outcome with the actual outcome.

    A disagreement fails (exit 1) with the element, the expected and the actual
    verdict and the deciding rules, unless the case file documents it under
    known_divergence; a documented divergence that no longer occurs fails too.
    """
    from ..cases.library import CaseEvaluator, Status, record_counts
    from ..law.loading import load_law

    with reported_errors():
        law = load_law(rules)
        evaluator = CaseEvaluator(law)
        checks = [evaluator.check(case) for case in _library(cases, law, lang)]
    counts = Counter({status.value: 0 for status in Status})
    counts.update(c.status.value for c in checks)
    typer.echo(
        _render(
            "case_check.txt.j2",
            lang,
            checks=checks,
            counts=counts,
            authors=_authors(law),
            record=record_counts(checks),
        ),
        nl=False,
    )
    if any(c.status.failed for c in checks):
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@app.command(
    "quiz", cls=Command, short_help="Predict the verdicts of real cases; see why; keep score."
)
def quiz(
    jurisdiction: CaseJurisdictionOption = None,
    under: UnderOption = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Seed for the order of the cases (the same seed, the same quiz).",
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count", "-n", min=1, help="Ask at most this many cases.", show_default=False
        ),
    ] = None,
    score_file: Annotated[
        Path | None,
        typer.Option(
            "--score",
            metavar="<file>",
            dir_okay=False,
            help="Keep the score over several sessions in this file (created if missing, "
            "updated after the quiz, also after q or Ctrl-C).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.en,
    cases: CasesOption = None,
    rules: RulesOption = None,
) -> None:
    """Read the facts of a case, predict each element's verdict in each jurisdiction,
    and name the fact that decided it.

    A wrong answer is explained at once, in one paragraph with the deciding rule
    and its authority; after each case come the real holding and the score, kept
    for the whole session (verdicts and deciding facts apart). Type ? to see the
    facts again and q to quit; Ctrl-C stops with the score so far (exit 130).
    Works in a terminal and with answers piped on stdin.

    Example: copyrightable cases quiz --seed 7 -n 3 --under us --under cn
    """
    from ..cases.library import CaseEvaluator, filter_cases
    from ..cases.quiz import QuizSession, plan
    from ..cases.quiz_score import load_record
    from ..law.loading import load_law

    with reported_errors():
        law = load_law(rules)
        wanted = _decided_in(jurisdiction, law)
        chosen = choose(law.rulesets, under) if under else None  # None: per case
        evaluator = CaseEvaluator(law)
        library = _library(cases, law, lang)
        items = plan(filter_cases(library, wanted), evaluator, chosen, seed, count)
        record = load_record(score_file) if score_file is not None else None
    words = _Words("quiz.txt.j2", lang.value)
    session = QuizSession(items, words, _ask, typer.echo)
    try:
        session.run()
    except KeyboardInterrupt:
        typer.echo("")
        typer.echo(words("interrupted", score=session.score))
        _keep_score(score_file, record, session, words)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    _keep_score(score_file, record, session, words)


def _keep_score(
    path: Path | None, record: Record | None, session: QuizSession, words: _Words
) -> None:
    """Add this session to the score file and say where the student stands overall."""
    from ..cases.quiz_score import save_record

    if path is None or record is None:
        return
    record.add(session.score)
    with reported_errors():
        save_record(path, record)
    typer.echo(words("overall", record=record, path=path.name))


# ------------------------------------------------------------------ helpers


def _ask(prompt: str) -> str:
    """One line from stdin; piped answers are echoed so that a transcript reads like a session."""
    line = input(prompt)
    if not sys.stdin.isatty():
        typer.echo(line)
    return line


def _folder(cases: Path | None) -> Path:
    from ..io.resources import cases_dir

    return cases if cases is not None else cases_dir()


def _library(cases: Path | None, law: Law, lang: Lang) -> list[Case]:
    """Every case of the library (--cases, or the shipped one), its texts in `lang`.

    Which cases `list` and `quiz` keep does not depend on the language (the
    filters read the jurisdiction, the year and the topics), so every command
    reads the library the same way.
    """
    from ..cases.library import load_cases, localized_case

    return [localized_case(case, lang.value) for case in load_cases(_folder(cases), law)]


def _decided_in(jurisdiction: Sequence[str] | None, law: Law) -> list[str]:
    """--jurisdiction checked against the places a case may be decided (empty: any)."""
    from ..cases.library import case_jurisdictions, check_jurisdictions

    return check_jurisdictions(jurisdiction, case_jurisdictions(law), "--jurisdiction")


def _chosen_rulesets(law: Law, under: Sequence[str] | None, home: str | None) -> list[str]:
    """--under if given (validated), else the decision's own rule set, else the default ones."""
    if under:
        return choose(law.rulesets, under)
    if home is not None:
        return [home]
    return choose(law.rulesets)


def _authors(law: Law) -> dict[str, dict[str, str]]:
    return {entry.id: entry.label.as_dict() for entry in law.vocabulary.authors}


def _environment() -> jinja2.Environment:
    """The shared template environment, with the two layout filters tables need."""
    from ..render.templates import study_environment

    env = study_environment()
    env.filters.setdefault("width", display_width)
    env.filters.setdefault("columns", columns)
    return env


def _render(template: str, lang: Lang, **context: Any) -> str:
    from ..render.study_text import text_width

    return (
        _environment().get_template(template).render(lang=lang.value, width=text_width(), **context)
    )


class _Words:
    """Calls the macros of one template by name: the quiz's wording lives there."""

    def __init__(self, template: str, lang: str) -> None:
        from ..render.study_text import text_width

        self.module = (
            _environment().get_template(template).make_module({"lang": lang, "width": text_width()})
        )

    def __call__(self, name: str, **context: Any) -> str:
        return str(getattr(self.module, name)(**context))


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def columns(rows: Sequence[Sequence[str]], gap: int = 2) -> list[str]:
    """Align a table of strings into lines, by display width (layout only, no words)."""
    if not rows:
        return []
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        lines.append((" " * gap).join(cells).rstrip())
    return lines
