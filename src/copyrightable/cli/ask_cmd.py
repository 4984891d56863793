"""`copyrightable ask`: the interview in the terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..io.errors import ExitCode
from .common import AsOfOption, JurisdictionOption, Lang, RulesOption, fail, reported_errors


def ask(
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Continue an answers file saved by an earlier interview (finished "
            "or not) and save back into it; with --output, save into a new "
            "file instead (a case file's answers, say).",
            show_default=False,
            readable=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Answers file to create (default: <title>.answers.yaml "
            "here, never an existing file).",
            show_default=False,
            readable=False,
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of the interview: en or zh (default: the resumed file's, else en).",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Plain prompts, one answer per line, no arrow keys (automatic "
            "when standard input is not a terminal).",
        ),
    ] = False,
    jurisdiction: JurisdictionOption = None,
    as_of: AsOfOption = None,
    rules: RulesOption = None,
) -> None:
    """Answer the questionnaire for a work, then see the verdicts.

    Asks only what matters for this work: first the jurisdictions to cover
    (the configured default ticked; -j skips this), the title and, if you
    wish, the matter's details (client, reference, contributors, AI tools,
    dates), then its elements (text, images, arrangement...), then the
    questions whose answers can still change a verdict there. Arrow keys or
    typed answers; ? shows why a question matters and the authority; < goes
    back; # writes a note on an answer; "I don't know" is always offered
    where the question allows it. Every answer is saved at once, so Ctrl-C
    or a closed terminal loses nothing: continue with --resume FILE. At the
    end: a review of every answer, the verdicts, and the evaluation saved to
    files if you wish.

    Example: copyrightable ask --lang zh
    """
    # the law, the engine and the interview are imported here, not at start-up:
    # `copyrightable --help` must not pay for them
    from ..answers.answers_file import load_answers
    from ..evaluation.evaluator import Evaluator
    from ..interview.next_question import Interview
    from ..law.jurisdictions import choose
    from ..law.law_date import parse_as_of
    from ..law.loading import load_law

    person = sys.stdin.isatty()  # a script piping answers gets no extra screens
    with reported_errors():
        day = parse_as_of(as_of)
        law = load_law(rules)
        default = choose(law.rulesets, None)
        selection = list(jurisdiction or []) or None
        # the checklist at the start: not when -j was given, nor on --resume (the file
        # keeps its selection; the review changes it), nor when there is nothing to choose
        choosing = not jurisdiction and resume is None and person and len(law.rulesets) > 1
        if output is not None and output.exists():
            raise fail(
                f"{output} already exists; to continue or change it, run: "
                f"copyrightable ask --resume {output}"
            )
        if resume is not None:
            if output is None and is_case_file(resume):
                raise fail(
                    f"{resume} is a case file of the library; to start from its "
                    f"answers, save them elsewhere: copyrightable ask --resume {resume} "
                    "-o NEW.yaml"
                )
            answers = load_answers(resume, law, partial=True)
            if not selection:  # the rule sets ticked when it was begun, if saved
                selection = answers.meta.get("jurisdictions")
            evaluator = Evaluator(law, selection, day)
            language = (lang.value if lang else answers.meta.get("language")) or "en"
            interview = Interview.from_answers(answers, law, evaluator.prepared, language)
            path: Path | None = output or resume
        else:
            language = lang.value if lang else "en"
            evaluator = Evaluator(law, selection, day)
            interview = Interview(law, evaluator.prepared, lang=language)
            path = output
        folder = (path.parent if path is not None else Path(".")).resolve()
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise fail(
                f"cannot save answers in {folder}: not a writable folder", ExitCode.BAD_INPUT
            )
    from ..interview.terminal_ui.session import Saver, Session
    from ..interview.terminal_ui.strings import Strings

    strings = Strings(language)
    interactive = (
        not plain
        and sys.stdin.isatty()
        and sys.stdout.isatty()
        and os.environ.get("TERM", "") not in ("", "dumb")
    )
    if interactive:
        from ..interview.terminal_ui.keys import KeyPrompter

        prompter = KeyPrompter(strings)
    else:
        from ..interview.terminal_ui.plain import LinePrompter

        if not sys.stdin.isatty():
            typer.echo(strings("plain_mode"), err=True)
        with contextlib.suppress(AttributeError, ValueError):  # bytes that are not UTF-8
            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]  # become �

        prompter = LinePrompter(strings, sys.stdin, sys.stdout)  # type: ignore[assignment]
    code = Session(
        interview,
        prompter,
        Saver(path, language),
        evaluator,
        strings,
        invoked_as(),
        evaluator_for=lambda ids: Evaluator(law, ids, day),
        choose_jurisdictions=choosing,
        ask_details=resume is None and person,
        default_jurisdictions=default,
    ).run()
    if code != ExitCode.OK:
        raise typer.Exit(code)


def invoked_as() -> str:
    """The program as the user ran it, so that the hints can be pasted as they are.

    After the README's install, `copyrightable` is `.venv/bin/copyrightable` and not on
    PATH; a hint naming the bare command would fail. `python -m copyrightable` is
    named with the interpreter that ran it.
    """
    import shlex
    import shutil

    program = sys.argv[0] if sys.argv else ""
    name = Path(program).name
    if name in ("__main__.py", "-m", "-c", ""):
        return f"{shlex.quote(sys.executable)} -m copyrightable"
    found = shutil.which(name)
    if found and Path(found).resolve() == Path(program).resolve():
        return name  # on PATH: the short name works
    return shlex.quote(program)


def is_case_file(path: Path) -> bool:
    """A case of the library (its answers are one block of it): never overwrite it."""
    from ..io.yaml_files import LocatedDict, load_yaml_file

    data = load_yaml_file(path)
    return isinstance(data, LocatedDict) and "case" in data
