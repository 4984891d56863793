"""Plain prompts, one answer per line: for pipes, scripts and terminals without cursor keys.

Everything the arrow-key screens offer is here too, typed: numbers for
choices, `u` for "I don't know", `?` for help, `<` to go back. Reading never
waits for more than a line and never loops on end of input: it raises
`InputEnded`, and the session saves and says how to continue.
"""

from __future__ import annotations

import contextlib
from typing import Any, TextIO

from ...law.model import QuestionType
from ..typed_input import Answer, Command, Parsed, Problem, option_count, parse
from .screens import ReviewRow, Screen, describe
from .strings import Strings

Reply = Answer | Command


class InputEnded(Exception):
    """Standard input closed before an answer was read."""


def problem_text(problem: Problem, screen: Screen, strings: Strings) -> str:
    code = problem.code
    if code == "empty" and screen.question.type in (QuestionType.SINGLE, QuestionType.YES_NO):
        code = "empty_choices"
    return strings(f"problem_{code}", **problem.params)


class LinePrompter:
    def __init__(self, strings: Strings, stdin: TextIO, stdout: TextIO) -> None:
        self.strings = strings
        self.stdin = stdin
        self.stdout = stdout
        self.echo = not stdin.isatty()  # a terminal echoes what is typed; a pipe does not

    def held(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    # -------------------------------------------------------------- output

    def write(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def columns(self) -> int:
        """Lines read from a pipe go to a log or a file: the width of a standard terminal."""
        return 80

    def notice(self, text: str) -> None:
        self.write("\n".join(f"  {line}" for line in text.splitlines()))

    def show(self, text: str) -> None:
        self.write(text.rstrip("\n"))

    def confirm(self, screen: Screen, shown: str) -> None:
        self.write(f"  {self.strings('answered_mark')} {shown}")

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.write()
            raise InputEnded
        line = line.rstrip("\r\n")
        if self.echo:
            self.write(line)
        return line

    # -------------------------------------------------------------- questions

    def ask(self, screen: Screen) -> Reply:
        self._draw(screen)
        while True:
            parsed: Parsed = parse(
                screen.question,
                self._read(self._prompt(screen)),
                screen.current,
                screen.min_choices,
                screen.takes_note,
            )
            if isinstance(parsed, Problem):
                self.write(f"  ! {problem_text(parsed, screen, self.strings)}")
            elif isinstance(parsed, Command) and parsed.name == "help":
                self.write()
                for line in (screen.help_text or "").splitlines():
                    self.write(f"    {line}")
                self.write()
            else:
                return parsed

    def _draw(self, screen: Screen) -> None:
        self.write()
        self.write(" · ".join(part for part in (screen.context, screen.progress) if part))
        self.write(screen.text())
        kind = screen.question.type
        if kind in (QuestionType.YES_NO, QuestionType.SINGLE):
            for number, (_, label) in enumerate(screen.choices(), start=1):
                self.write(f"  {number}. {label}")
        elif kind is QuestionType.MULTIPLE:
            current = screen.current
            ticked = set(current) if isinstance(current, list | tuple) else set()
            for number, (value, label) in enumerate(screen.choices(), start=1):
                mark = "x" if value in ticked else " "
                self.write(f"  [{mark}] {number}. {label}")

    def _prompt(self, screen: Screen) -> str:
        question = screen.question
        if screen.menu:
            if question.type in (QuestionType.YES_NO, QuestionType.SINGLE):
                prompt = self.strings("menu_choice", count=option_count(question))
            else:
                prompt = self.strings("menu_text")
            return self._with_default(prompt, screen)
        unknown = self.strings("plain_unknown") if question.unknown_allowed else ""
        if screen.takes_note:
            unknown += self.strings("plain_note")
        if question.type in (QuestionType.YES_NO, QuestionType.SINGLE):
            prompt = self.strings("plain_choice", count=option_count(question), unknown=unknown)
        elif question.type is QuestionType.MULTIPLE:
            prompt = self.strings("plain_multiple", unknown=unknown)
        else:
            unknown = self.strings("plain_unknown_text") if question.unknown_allowed else ""
            if screen.takes_note:
                unknown += self.strings("plain_note")
            prompt = self.strings("plain_text", unknown=unknown)
        return self._with_default(prompt, screen)

    def _with_default(self, prompt: str, screen: Screen) -> str:
        if screen.current is None:
            return prompt
        shown = describe(screen.question, screen.current, self.strings)
        return (
            prompt.rstrip(" ：:")
            + self.strings("plain_default", value=shown)
            + self.strings("prompt_end")
        )

    # -------------------------------------------------------------- review and menus

    def review(self, rows: list[ReviewRow], title: str, start: int = 0) -> int:
        """The index of the row chosen: an answer to change, or the evaluate/add rows.

        `start` (the row just changed) matters only to the arrow-key screen.
        """
        self.write()
        self.write(title)
        self.write(f"  {self.strings('review_enter')}")
        numbers: dict[int, int] = {}
        evaluate_index = 0
        for index, row in enumerate(rows):
            if row.action == "evaluate":
                evaluate_index = index
                continue
            if row.step is None and not row.action:
                self.write(f"  {row.label}")
                continue
            if not row.editable:
                self.write(f"        {row.label}: {row.value}")
                continue
            number = len(numbers) + 1
            numbers[number] = index
            shown = f": {row.value}" if row.value else ""
            self.write(f"  {number:>4}. {row.label}{shown}")
        while True:
            text = self._read(self.strings("review_prompt")).strip()
            if not text:
                return evaluate_index
            if text.isdigit() and int(text) in numbers:
                return numbers[int(text)]
            self.write(f"  ! {self.strings('problem_not_a_choice', count=len(numbers))}")

    def choose(self, screen: Screen) -> Any:
        """A menu after the interview; returns the value picked (no going back here)."""
        while True:
            reply = self.ask(screen)
            if isinstance(reply, Answer):
                return reply.value
