"""One run of `copyrightable ask`: ask, save after every answer, review, evaluate, offer a file.

The same loop drives the arrow-key screens and the plain prompts. Saving is
atomic (a temporary file, then a rename) and runs with SIGINT, SIGHUP and
SIGTERM held back, so Ctrl-C, a closed terminal or a `kill` can only land
between two saves, never in the middle of one; every answer given is on disk
before the next question appears.
"""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ...answers.answers_file import DATE_DETAILS, DatesOutOfOrder, load_answers
from ...evaluation.evaluator import Evaluator
from ...io.errors import CopyrightableError, ExitCode, InputError
from ...io.yaml_files import atomic_write_text
from ...law.model import Bilingual, Labelled, QuestionType
from ...render.templates import render
from ...render.verdict_summary import verdict_table
from ...result.join import joined
from ...result.result_json import timestamp
from ..next_question import DETAILS, ELEMENTS, TITLE, Change, Interview, Step, StepKind
from ..save_formats import Evaluated, Export, exports
from ..typed_input import Answer, Command
from . import screens
from .plain import InputEnded
from .screens import ReviewRow, Screen
from .strings import Strings

_HELD_BACK = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}


class Prompter(Protocol):
    def held(self) -> contextlib.AbstractContextManager[None]: ...
    def ask(self, screen: Screen) -> Answer | Command: ...
    def choose(self, screen: Screen) -> Any: ...
    def review(self, rows: list[ReviewRow], title: str, start: int = 0) -> int: ...
    def confirm(self, screen: Screen, shown: str) -> None: ...
    def notice(self, text: str) -> None: ...
    def show(self, text: str) -> None: ...
    def write(self, text: str = "") -> None: ...
    def columns(self) -> int: ...


class HungUp(Exception):
    """The terminal closed (SIGHUP) or the process was asked to stop (SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_hung_up(signum: int, frame: Any) -> None:
    raise HungUp(signum)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_BACK)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Saver:
    """Writes the answers file after every answer; picks a fresh name if none was given."""

    def __init__(self, path: Path | None, lang: str, folder: Path | None = None) -> None:
        self.path = path
        self.lang = lang
        self.folder = folder or Path(".")

    @property
    def saved(self) -> bool:
        return self.path is not None and self.path.exists()

    def save(self, interview: Interview) -> None:
        if self.path is None:
            self.path = fresh_path(self.folder, interview.title or "answers")
        text = interview.to_yaml(timestamp(), self.lang)
        with _signals_held():
            atomic_write_text(self.path, text)


def fresh_path(folder: Path, title: str) -> Path:
    """`<title>.answers.yaml` in the folder, never an existing file."""
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")[:60] or "answers"
    candidate, number = folder / f"{slug}.answers.yaml", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{slug}-{number}.answers.yaml"
    return candidate


@dataclass
class Session:
    interview: Interview
    prompter: Prompter
    saver: Saver
    evaluator: Evaluator
    strings: Strings
    command: str = "copyrightable"  # as the user invoked it, for the hints that name it
    # the rule sets to offer at the start (None: -j was given, or nothing to choose);
    # makes the Evaluator for a selection, so the interview asks what it reads
    evaluator_for: Callable[[Sequence[str]], Evaluator] | None = None
    choose_jurisdictions: bool = False  # tick them at the start (a fresh interview, a person)
    ask_details: bool = False  # offer the matter's details after the title
    default_jurisdictions: Sequence[str] = ()  # what `evaluate` applies without -j
    _changed: Step | None = None  # the answer last changed from the review
    _changed_action: str = ""  # or the review's action row used last ("jurisdictions")
    _queue: list[Step] = field(default_factory=list)  # matter details still to ask

    def run(self) -> int:
        """The whole interview; returns the exit code."""
        previous = {
            signum: signal.signal(signum, _raise_hung_up)
            for signum in (signal.SIGHUP, signal.SIGTERM)
        }
        try:
            with self.prompter.held():
                self._intro()
                if self.choose_jurisdictions:
                    self._choose_jurisdictions()
                self._interview()
                return self._finish()
        except KeyboardInterrupt:
            self._stopped("interrupted")
            return int(ExitCode.INTERRUPTED)
        except HungUp as stop:
            for signum in previous:  # the terminal is gone: finish quietly, whatever follows
                signal.signal(signum, signal.SIG_IGN)
            previous.clear()
            with contextlib.suppress(Exception):
                self._stopped("interrupted")
            return 128 + stop.signum
        except InputEnded:
            self._stopped("input_ended")
            return int(ExitCode.BAD_INPUT)
        except OSError as error:  # the answers file cannot be written (disk full, permissions)
            with contextlib.suppress(OSError):
                self.prompter.notice(
                    self.strings("not_saved", path=self.saver.path, detail=error.strerror or error)
                )
            return int(ExitCode.ENVIRONMENT)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    # ------------------------------------------------------------ the questions

    def _intro(self) -> None:
        path = self.saver.path
        if self.saver.saved and path is not None:
            done = self.interview.plan().count(screens.Status.ANSWERED)
            key = "resuming_complete" if self.interview.complete else "resuming"
            self.prompter.notice(self.strings(key, path=path, done=done))
        elif path is not None:
            self.prompter.notice(self.strings("saving_to", path=path))

    def _interview(self) -> None:
        step = self.interview.next_step()
        while True:
            if step is None:
                step = self._review()
                if step is None:
                    return
                continue
            screen = screens.build(self.interview, step, self.strings)
            reply = self.prompter.ask(screen)
            if isinstance(reply, Command) and reply.name == "note":
                self._note(step, reply.text)
                continue
            if isinstance(reply, Command) and reply.name == "back":
                previous = self._before(step)
                if previous is None:
                    self.prompter.notice(self.strings("problem_first"))
                else:
                    step = previous
                continue
            if step == ELEMENTS and isinstance(reply, Answer) and not self._removal_ok(reply):
                continue
            first_save = self.saver.path is None
            editing = self.interview.value(step) is not None
            before = (
                screens.describe(screen.question, self.interview.value(step), self.strings)
                if editing
                else ""
            )
            first_title = step == TITLE and self.interview.title is None
            try:
                if isinstance(reply, Command) and step.kind is StepKind.DETAIL:
                    change = self.interview.answer(step, "")  # left empty: not stated
                elif isinstance(reply, Command):  # leave an optional question blank
                    change = self.interview.leave_blank(step)
                else:
                    change = self.interview.answer(step, reply.value)
            except InputError as problem:
                if isinstance(problem, DatesOutOfOrder):
                    self.prompter.notice(
                        self.strings(
                            "problem_dates_order",
                            created=problem.created,
                            published=problem.published,
                        )
                    )
                elif step.kind is StepKind.DETAIL and step.question in DATE_DETAILS:
                    self.prompter.notice(self.strings("problem_partial_date"))
                else:
                    self.prompter.notice(self.strings("problem_other", detail=problem.message))
                continue
            self.saver.save(self.interview)
            shown = (
                screens.describe(screen.question, self.interview.value(step), self.strings)
                if isinstance(reply, Answer)
                else self.strings("bracketed", text=self.strings("review_left_blank"))
            )
            if before and before != shown:  # a change reads as one, not as a second answer
                shown = self.strings("changed_from", answer=shown, before=before)
            self.prompter.confirm(screen, shown)
            if first_save:
                self.prompter.notice(self.strings("saving_to", path=self.saver.path))
            self._tell(change, editing)
            if first_title and self.ask_details and self._details_now():
                self._queue = list(DETAILS)
            step = self._queue.pop(0) if self._queue else self.interview.next_step()

    def _before(self, step: Step) -> Step | None:
        """Where `<` leads: the detail before, the title before the details, else the plan's."""
        if step.kind is StepKind.DETAIL:
            at = DETAILS.index(step)
            self._queue = list(DETAILS[at:])
            return DETAILS[at - 1] if at else TITLE
        self._queue = []
        return self.interview.previous_step(step)

    def _details_now(self) -> bool:
        """Offer the matter's details after the title: now, or later from the review."""
        choices = (
            Labelled("now", _same(self.strings("details_now"))),
            Labelled("later", _same(self.strings("details_later"))),
        )
        question = screens.pseudo_question(
            "details",
            QuestionType.SINGLE,
            self.strings("details_question"),
            choices=choices,
            default="now",
        )
        return bool(self._pick(question) == "now")

    def _note(self, step: Step, typed: str | None) -> None:
        """`#` at a question: write, change or remove the note on its answer, then ask again."""
        if step.kind is not StepKind.QUESTION:
            self.prompter.notice(self.strings("note_not_here"))
            return
        if typed is None:
            question = screens.pseudo_question(
                "note",
                QuestionType.TEXT,
                self.strings("note_question"),
                default=self.interview.note(step) or "",
                required=False,
            )
            screen = self._menu(question)
            reply = self.prompter.ask(screen)
            typed = str(reply.value) if isinstance(reply, Answer) else ""
        try:
            self.interview.set_note(step, typed)
        except InputError as problem:
            self.prompter.notice(self.strings("problem_other", detail=problem.message))
            return
        self.saver.save(self.interview)
        self.prompter.notice(self.strings("note_saved" if typed.strip() else "note_removed"))

    def _choose_jurisdictions(self) -> None:
        """Tick the rule sets to ask about; the interview then asks only what they read."""
        if self.evaluator_for is None:
            return
        law = self.interview.law
        from ...law.jurisdictions import in_presentation_order

        ids = in_presentation_order(law.rulesets)
        question = screens.pseudo_question(
            "jurisdictions",
            QuestionType.MULTIPLE,
            self.strings("jurisdictions_question"),
            self.strings("jurisdictions_help"),
            choices=tuple(Labelled(j, law.rulesets[j].name) for j in ids),
        )
        screen = Screen(
            step=None,
            question=question,
            context="",
            progress="",
            current=list(self.interview.jurisdictions),
            min_choices=1,
            help_text=self.strings("jurisdictions_help"),  # `?`, as at every screen
            lang=self.strings.lang,
            menu=True,
        )
        ticked = self.prompter.choose(screen)
        chosen = [j for j in ids if j in ticked]
        self.prompter.confirm(screen, screens.describe(question, chosen, self.strings))
        if chosen != self.interview.jurisdictions:
            self.evaluator = self.evaluator_for(chosen)
            self.interview.use(self.evaluator.prepared)
            self.prompter.notice(
                self.strings(
                    "jurisdictions_changed",
                    names=screens.jurisdiction_names(self.interview, self.strings.lang),
                )
            )
        if self.saver.path is not None and self.interview.title is not None:
            self.saver.save(self.interview)

    def _tell(self, change: Change, editing: bool) -> None:
        for key, count in (
            ("set_aside", change.set_aside),
            ("restored", change.restored),
            ("new_questions", change.newly_pending if editing else 0),
        ):
            if count:
                self.prompter.notice(self.strings(key, count=count))
        if change.skipped_steps:  # named, so that a fact the user has is not silently lost
            lang = self.strings.lang
            named = [
                self.strings(
                    "quoted",
                    text=self.interview.question(step).text.get(lang).rstrip("?？"),
                    scope=(
                        self.strings("work_scope")
                        if step.element is None
                        else screens.element_name(self.interview, step.element, lang)
                    ),
                )
                for step in change.skipped_steps
            ]
            self.prompter.notice(
                self.strings("skipped_named", questions=self.strings("list_sep").join(named))
            )

    def _removal_ok(self, reply: Answer) -> bool:
        """Unticking a kind removes its elements: ask first if they hold answers."""
        kinds = set(reply.value)
        losing = [part for part in self.interview.parts if part.kind not in kinds and part.answers]
        if not losing:
            return True
        names = ", ".join(
            screens.element_name(self.interview, part.id, self.strings.lang) for part in losing
        )
        count = sum(len(part.answers) for part in losing)
        question = screens.pseudo_question(
            "remove",
            QuestionType.YES_NO,
            self.strings("remove_question", names=names, count=count),
            default=False,
        )
        return bool(self._pick(question))

    def _review(self) -> Step | None:
        """The review screen; returns the step to change, or None to evaluate."""
        while True:
            rows = screens.review_rows(self.interview, self.strings)
            start = next(
                (
                    i
                    for i, row in enumerate(rows)
                    if (self._changed is not None and row.step == self._changed)
                    or (self._changed_action and row.action == self._changed_action)
                ),
                0,
            )
            try:
                index = self.prompter.review(rows, self.strings("review_title"), start)
            except InputEnded:
                if self.interview.complete:
                    return None  # a script that gave every answer: evaluate
                raise
            row = rows[index]
            self._changed_action = ""
            if row.action == "jurisdictions":
                self._changed, self._changed_action = None, row.action
                with contextlib.suppress(InputEnded):
                    self._choose_jurisdictions()
                continue
            if row.action == "evaluate":
                pending = self.interview.next_step()
                if pending is None:
                    return None
                return pending
            if row.action == "add":
                kinds = tuple(self.interview.law.vocabulary.element_kinds)
                question = screens.pseudo_question(
                    "kind", QuestionType.SINGLE, self.strings("add_kind_question"), choices=kinds
                )
                try:
                    kind = self._pick(question)
                except InputEnded:
                    return None if self.interview.complete else self.interview.next_step()
                return self.interview.add_element(kind)
            if row.step is not None:
                self._changed = row.step
                return row.step

    # ------------------------------------------------------------ the end

    def _finish(self) -> int:
        self.saver.save(self.interview)
        path = self.saver.path
        assert path is not None
        try:
            answers = load_answers(path, self.interview.law)  # as `evaluate` will read it
            result = self.evaluator.evaluate(
                answers, command=f"{self.command} evaluate {path}{self._flags()}"
            )
        except CopyrightableError as error:
            self.prompter.notice(self.strings("invalid_saved", path=path, detail=error.one_line()))
            return int(error.exit_code)
        self.prompter.write()
        shown = joined(result)  # the summary reads the words in place (join.py)
        self.prompter.show(render("ask_summary.txt.j2", lang=self.strings.lang, result=shown))
        self._show_at_a_glance(shown)
        with contextlib.suppress(InputEnded):
            self._offer_export(Evaluated(result, answers, self.evaluator), path)
        self.prompter.write()
        self.prompter.notice(
            self.strings("finished", path=path, command=self.command, flags=self._flags())
        )
        return int(ExitCode.OK)

    def _show_at_a_glance(self, shown: Mapping[str, Any]) -> None:
        """The verdict grid again, just above the offer to save.

        On an 80×24 terminal the summary of two rule sets scrolls the first
        one's verdicts off the screen before the save question appears; the
        grid keeps every verdict in view while the user decides what to file.
        """
        self.prompter.write()
        self.prompter.show(self.strings("at_a_glance"))
        table = verdict_table(shown, self.strings.lang, width=self.prompter.columns())
        self.prompter.write("\n".join(table))

    def _flags(self) -> str:
        """`-j` options for the hints, where the rule sets asked about are not the default."""
        chosen = self.interview.jurisdictions
        if not self.default_jurisdictions or list(self.default_jurisdictions) == chosen:
            return ""
        if len(chosen) == len(self.interview.law.rulesets):
            return " -j all"
        return "".join(f" -j {j}" for j in chosen)

    def _offer_export(self, evaluated: Evaluated, answers_path: Path) -> None:
        """Offer every registered format until one is written or the user declines.

        A format that cannot be produced here (PDF without WeasyPrint or a
        Chinese font) says why in one line and the offer comes back.
        """
        formats = exports()
        choices = [Labelled(export.name, _same(self._export_label(export))) for export in formats]
        several = [Labelled(export.name, _same(self._export_label(export))) for export in formats]
        choices.append(Labelled("no", _same(self.strings("save_no"))))
        choices.append(Labelled("several", _same(self.strings("save_several"))))
        question = screens.pseudo_question(
            "save",
            QuestionType.SINGLE,
            self.strings("save_question"),
            choices=tuple(choices),
            default=formats[0].name if formats else "no",
        )
        while True:
            name = self._pick(question)
            if name == "no":
                return
            if name == "several":  # an editor wants the report and the JSON, say, together
                which = screens.pseudo_question(
                    "formats",
                    QuestionType.MULTIPLE,
                    self.strings("save_several_question"),
                    choices=tuple(several),
                )
                chosen = self._pick_several(which)
                if not chosen:
                    continue
                for export in [e for e in formats if e.name in chosen]:
                    self._save_as(export, evaluated, answers_path)
                return
            export = next(e for e in formats if e.name == name)
            if self._save_as(export, evaluated, answers_path):
                return

    def _save_as(self, export: Export, evaluated: Evaluated, answers_path: Path) -> bool:
        stem = answers_path.name.removesuffix(".yaml").removesuffix(".answers")
        suggested = str(answers_path.with_name(f"{stem}{export.suffix}"))
        while True:
            file_question = screens.pseudo_question(
                "file", QuestionType.TEXT, self.strings("file_question"), default=suggested
            )
            target = Path(str(self._pick(file_question)).strip())
            if target.exists():
                replace = screens.pseudo_question(
                    "replace",
                    QuestionType.YES_NO,
                    self.strings("replace_question", path=target),
                    default=False,
                )
                if not self._pick(replace):
                    continue
            try:
                export.write(evaluated, self.strings.lang, target)
            except OSError as error:
                self.prompter.notice(
                    self.strings("not_written", path=target, detail=error.strerror or error)
                )
                continue
            except CopyrightableError as error:  # e.g. PDF without WeasyPrint: another format
                self.prompter.notice(
                    self.strings("not_written", path=target, detail=error.one_line())
                )
                return False
            self.prompter.notice(self.strings("written", path=target))
            return True

    def _export_label(self, export: Any) -> str:
        key = f"export_{export.name}"
        if self.strings.has(key):
            return self.strings(key)
        return f"{export.name} ({export.suffix})"

    def _pick(self, question: Any) -> Any:
        """A choice after (or outside) the questionnaire, confirmed on screen like an answer."""
        screen = self._menu(question)
        value = self.prompter.choose(screen)
        self.prompter.confirm(screen, screens.describe(question, value, self.strings))
        return value

    def _pick_several(self, question: Any) -> list[str]:
        """Ticks in a menu after the questionnaire (none ticked: back to the single menu)."""
        screen = Screen(
            step=None,
            question=question,
            context="",
            progress="",
            current=[],
            lang=self.strings.lang,
            menu=True,
        )
        value = self.prompter.choose(screen)
        self.prompter.confirm(screen, screens.describe(question, value, self.strings))
        return list(value) if isinstance(value, list | tuple) else []

    def _menu(self, question: Any) -> Screen:
        return Screen(
            step=None,
            question=question,
            context="",
            progress="",
            current=question.default,
            lang=self.strings.lang,
            menu=True,
        )

    def _stopped(self, key: str) -> None:
        if self.saver.saved:
            self.prompter.write()
            self.prompter.notice(self.strings(key, path=self.saver.path, command=self.command))
        else:
            self.prompter.write()
            self.prompter.notice(self.strings(f"{key}_unsaved", command=self.command))


def _same(text: str) -> Bilingual:
    return Bilingual(text, text)
