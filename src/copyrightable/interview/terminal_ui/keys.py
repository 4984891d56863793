"""Arrow-key screens on a real terminal, built on prompt_toolkit.

Each question is a small inline application: the question, its choices (or a
text field), a line for problems, the help when asked for, and the keys. The
typed shortcuts of the plain prompts work here as well (numbers, y/n, u, ?,
<), so nothing depends on arrow keys. Cursor position requests are turned
off: the screens do not need them, and a terminal that never answers them
(some multiplexers and serial consoles) would otherwise stall every question.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import termios
from collections.abc import Callable, Iterator
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.input import create_input
from prompt_toolkit.key_binding import DynamicKeyBindings, KeyBindings, KeyPressEvent
from prompt_toolkit.layout import HSplit, Layout, VSplit, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.selection import SelectionState
from prompt_toolkit.shortcuts import print_formatted_text
from prompt_toolkit.styles import Style
from prompt_toolkit.utils import get_cwidth

from ...law.model import UNKNOWN, QuestionType
from ...render.wrapping import wrap
from ..typed_input import Answer, Command, Problem, parse
from .plain import problem_text
from .screens import ReviewRow, Screen
from .strings import Strings

Reply = Answer | Command

STYLE = Style.from_dict(
    {
        "context": "#888888",
        "question": "bold",
        "pointer": "bold #00afff",
        "selected": "reverse",
        "ticked": "#00af00",
        "problem": "bold #ff5f5f",
        "help": "#afafaf",
        "keys": "#888888",
        "answer": "#00afff",
        "mark": "#00af00",
        "notice": "#d7af00",
        "heading": "bold underline",
        "dim": "#888888",
    }
)


def _terminal_size() -> Size:
    columns, lines = shutil.get_terminal_size()
    return Size(rows=lines, columns=columns)


def _width() -> int:
    """Columns to fill: one less than the terminal, so no line ever wraps on its own."""
    return max(20, _terminal_size().columns - 1)


class KeyPrompter:
    def __init__(self, strings: Strings) -> None:
        self.strings = strings
        self.output = Vt100_Output(
            sys.stdout, _terminal_size, term=os.environ.get("TERM"), enable_cpr=False
        )
        self.input = create_input(sys.stdin)
        self._app: Application[Any] | None = None
        self._bindings = KeyBindings()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Keep the terminal raw between screens for the whole interview.

        Otherwise keys typed while the next screen is being prepared (a fast
        typist, a paste) would be echoed by the terminal and lost; held raw,
        they wait unechoed for the next screen, which takes them as typeahead.
        """
        try:
            raw = self.input.raw_mode()
            raw.__enter__()
        except (OSError, termios.error):
            yield
            return
        try:
            yield
        finally:
            with contextlib.suppress(OSError, termios.error):  # the terminal may be gone
                raw.__exit__(None, None, None)

    # -------------------------------------------------------------- output

    def _print(self, fragments: StyleAndTextTuples) -> None:
        print_formatted_text(FormattedText(fragments), style=STYLE, output=self.output)

    def write(self, text: str = "") -> None:
        self._print([("", text)])

    def columns(self) -> int:
        return _width()

    def notice(self, text: str) -> None:
        lines = (wrap(f"  {line}", _width(), 4) for line in text.splitlines())
        self._print([("class:notice", "\n".join(lines))])

    def show(self, text: str) -> None:
        """A block of text (the verdict summary), wrapped with hanging indents."""
        width = _width()
        lines = []
        for line in text.rstrip("\n").splitlines():
            lead = re.match(r"\s*(?:[·•-] )?", line)
            lines.append(wrap(line, width, get_cwidth(lead.group(0)) if lead else 0))
        self._print([("", "\n".join(lines))])

    def confirm(self, screen: Screen, shown: str) -> None:
        width = _width()
        question = wrap(screen.scrollback_text(), width, 2, 2)
        last = question.rsplit("\n", 1)[-1]
        used = get_cwidth(last) + 2 + (2 if "\n" not in question else 0)  # "✔ " on line one
        answer = wrap(shown, width, 4, used)
        gap = "" if answer.startswith("\n") else "  "  # no trailing spaces to wrap on their own
        self._print(
            [
                ("class:mark", f"{self.strings('answered_mark')} "),
                ("class:question", question),
                ("", gap),
                ("class:answer", answer),
            ]
        )

    # -------------------------------------------------------------- questions

    def ask(self, screen: Screen) -> Reply:
        if screen.question.type in (
            QuestionType.YES_NO,
            QuestionType.SINGLE,
            QuestionType.MULTIPLE,
        ):
            return _ChoiceScreen(self, screen).run()
        return _TextScreen(self, screen).run()

    def choose(self, screen: Screen) -> Any:
        while True:
            reply = self.ask(screen)
            if isinstance(reply, Answer):
                return reply.value

    def review(self, rows: list[ReviewRow], title: str, start: int = 0) -> int:
        return _ReviewScreen(self, rows, title, start).run()

    def _run(self, container: Any, bindings: KeyBindings, focused: Any = None) -> Any:
        """Run one screen. One Application serves every screen, as in prompt_toolkit's own
        PromptSession: building one loads several hundred default key bindings (about
        20 ms), which would otherwise be paid again before every question."""
        self._bindings = bindings
        layout = Layout(container, focused_element=focused)
        if self._app is None:
            self._app = Application(
                layout=layout,
                key_bindings=DynamicKeyBindings(lambda: self._bindings),
                style=STYLE,
                output=self.output,
                input=self.input,
                erase_when_done=True,
                full_screen=False,
                mouse_support=False,
            )
        else:
            self._app.layout = layout
        return self._app.run()


def _wrap_keys(keys: str, width: int) -> str:
    """The key line broken between keys, never inside one ("u = I / don't know")."""
    lines: list[str] = []
    for part in keys.split(" · "):
        if lines and get_cwidth(lines[-1] + " · " + part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(wrap(line, width) for line in lines)


def _lines(fragments: StyleAndTextTuples) -> int:
    """Lines a block of already wrapped fragments takes on screen."""
    text = "".join(fragment[1] for fragment in fragments)
    return text.rstrip("\n").count("\n") + 1


def _common_keys(bindings: KeyBindings) -> None:
    @bindings.add("c-c")
    @bindings.add("c-d")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())


class _Frame:
    """What every question screen has around its body: context, question, problem, help, keys."""

    def __init__(self, prompter: KeyPrompter, screen: Screen) -> None:
        self.prompter = prompter
        self.strings = prompter.strings
        self.screen = screen
        self.problem = ""
        self.show_help = False
        self.help_offset = 0  # the first help line shown, when the help does not fit

    def body_lines(self) -> int:
        """How many lines the body (choices or field) takes; the help gets what is left."""
        return 1

    def help_lines(self) -> list[str]:
        width = _width()
        text = "\n".join(
            wrap(line, width, 4 if line.startswith("  •") else 0)
            for line in (self.screen.help_text or "").splitlines()
        )
        return text.rstrip().split("\n")

    def help_room(self, keys: str) -> int:
        """Lines the help may take so that the question and the keys stay on screen."""
        width = _width()
        used = _lines(self.header()) + self.body_lines() + 1  # + the toggle line
        used += len(_wrap_keys(keys, width).split("\n"))
        if self.problem:
            used += len(wrap(f"! {self.problem}", width, 2).split("\n"))
        return max(3, _terminal_size().rows - used - 1)

    def scroll_help(self, lines: int) -> bool:
        """Scroll an open help that does not fit; False if there is nothing to scroll."""
        if not self.show_help:
            return False
        total = len(self.help_lines())
        room = self.help_room(self._keys_text)
        if total <= room:
            return False
        self.help_offset = max(0, min(total - room, self.help_offset + lines))
        return True

    def header(self) -> StyleAndTextTuples:
        width = _width()
        where = " · ".join(part for part in (self.screen.context, self.screen.progress) if part)
        fragments: StyleAndTextTuples = []
        if where:
            fragments.append(("class:context", wrap(where, width) + "\n"))
        fragments.append(("class:question", wrap(self.screen.text(), width)))
        return fragments

    def footer(self, keys: str) -> StyleAndTextTuples:
        width = _width()
        fragments: StyleAndTextTuples = []
        if self.problem:
            fragments.append(("class:problem", wrap(f"! {self.problem}", width, 2) + "\n"))
        if self.show_help:
            self._keys_text = keys
            lines = self.help_lines()
            room = self.help_room(keys)
            if len(lines) <= room:
                self.help_offset = 0
                fragments.append(("class:help", "\n".join(lines) + "\n"))
                fragments.append(("class:keys", self.strings("help_toggle") + "\n"))
            else:  # a small terminal: a window onto the help, scrolled with the arrows
                first = min(self.help_offset, len(lines) - room)
                shown = lines[first : first + room]
                fragments.append(("class:help", "\n".join(shown) + "\n"))
                fragments.append(
                    (
                        "class:keys",
                        wrap(
                            self.strings(
                                "help_toggle_scroll",
                                first=first + 1,
                                last=first + len(shown),
                                total=len(lines),
                            ),
                            width,
                        )
                        + "\n",
                    )
                )
        fragments.append(("class:keys", _wrap_keys(keys, width)))
        return fragments

    _keys_text = ""

    def say(self, problem: Problem) -> None:
        self.problem = problem_text(problem, self.screen, self.strings)

    def toggle_help(self) -> None:
        self.show_help = not self.show_help
        self.help_offset = 0
        self.problem = ""

    def windows(self, body: Any, keys: Callable[[], str]) -> HSplit:
        return HSplit(
            [
                Window(FormattedTextControl(self.header), wrap_lines=True, dont_extend_height=True),
                body,
                Window(
                    FormattedTextControl(lambda: self.footer(keys())),
                    wrap_lines=True,
                    dont_extend_height=True,
                ),
            ]
        )


class _ChoiceScreen(_Frame):
    """Yes/no, one choice, several choices: a list with a pointer (and ticks)."""

    def __init__(self, prompter: KeyPrompter, screen: Screen) -> None:
        super().__init__(prompter, screen)
        self.multiple = screen.question.type is QuestionType.MULTIPLE
        self.items = screen.choices()
        if self.multiple and screen.question.unknown_allowed:
            self.items.append((UNKNOWN, self.strings("unknown")))
        self.count = len(self.items)
        values = [value for value, _ in self.items]
        current = screen.current
        self.ticked: set[Any] = set()
        self.cursor = 0
        if self.multiple and isinstance(current, list | tuple):
            self.ticked = set(current)
        elif self.multiple and current == UNKNOWN:
            self.cursor = values.index(UNKNOWN)
        elif current in values:
            self.cursor = values.index(current)

    def body_lines(self) -> int:
        return _lines(self.body())

    def keys(self) -> str:
        if self.screen.menu:
            return self.strings(
                "keys_menu_multiple" if self.multiple else "keys_menu_choice", count=self.count
            )
        key = "keys_multiple" if self.multiple else "keys_choice"
        text = self.strings(key, count=self.count)
        if self.screen.question.unknown_allowed:
            text += " · " + self.strings("keys_unknown")
        if self.screen.takes_note:
            text += " · " + self.strings("keys_note")
        return text

    def body(self) -> StyleAndTextTuples:
        width = _width()
        fragments: StyleAndTextTuples = []
        for index, (value, label) in enumerate(self.items):
            here = index == self.cursor
            fragments.append(("class:pointer", "❯ " if here else "  "))
            used = 2
            if self.multiple and value != UNKNOWN:
                tick = "[x] " if value in self.ticked else "[ ] "
                fragments.append(("class:ticked" if value in self.ticked else "", tick))
                used += 4
            style = "class:selected" if here else ""
            number = f"{index + 1}. "
            used += len(number)
            fragments.append((style, number + wrap(label, width, used, used)))
            fragments.append(("", "\n"))
        return fragments

    def run(self) -> Reply:
        bindings = KeyBindings()
        _common_keys(bindings)
        question = self.screen.question

        @bindings.add("up")
        @bindings.add("s-tab")
        @bindings.add("k")
        def _up(event: KeyPressEvent) -> None:
            if event.key_sequence[0].key == "up" and self.scroll_help(-1):
                return
            self.cursor = (self.cursor - 1) % self.count
            self.problem = ""

        @bindings.add("down")
        @bindings.add("tab")
        @bindings.add("j")
        def _down(event: KeyPressEvent) -> None:
            if event.key_sequence[0].key == "down" and self.scroll_help(1):
                return
            self.cursor = (self.cursor + 1) % self.count
            self.problem = ""

        @bindings.add("home")
        def _first(event: KeyPressEvent) -> None:
            self.cursor = 0

        @bindings.add("end")
        def _last(event: KeyPressEvent) -> None:
            self.cursor = self.count - 1

        for digit in "0123456789":

            @bindings.add(digit)
            def _number(event: KeyPressEvent) -> None:
                number = int(event.data)
                if not 1 <= number <= self.count:
                    self.say(Problem("not_a_choice", {"count": self.count}))
                    return
                self.cursor = number - 1
                self.problem = ""
                if self.multiple and self.items[self.cursor][0] != UNKNOWN:
                    self._toggle()

        @bindings.add("space")
        def _space(event: KeyPressEvent) -> None:
            if self.multiple and self.items[self.cursor][0] != UNKNOWN:
                self._toggle()

        if question.type is QuestionType.YES_NO:

            @bindings.add("y")
            @bindings.add("是")
            def _yes(event: KeyPressEvent) -> None:
                self.cursor, self.problem = 0, ""

            @bindings.add("n")
            @bindings.add("否")
            def _no(event: KeyPressEvent) -> None:
                self.cursor, self.problem = 1, ""

        @bindings.add("u")
        def _unknown(event: KeyPressEvent) -> None:
            if not question.unknown_allowed:
                self.say(Problem("unknown_not_allowed"))
                return
            self.cursor, self.problem = self.count - 1, ""

        @bindings.add("?")
        @bindings.add("f1")
        def _help(event: KeyPressEvent) -> None:
            self.toggle_help()

        if self.screen.takes_note:

            @bindings.add("#")
            def _note(event: KeyPressEvent) -> None:
                event.app.exit(result=Command("note"))

        @bindings.add("left")
        @bindings.add("<")
        @bindings.add("b")
        @bindings.add("pageup")
        def _back(event: KeyPressEvent) -> None:
            event.app.exit(result=Command("back"))

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            value = self.items[self.cursor][0]
            if not self.multiple or value == UNKNOWN:
                event.app.exit(result=Answer(value))
                return
            chosen = [v for v, _ in self.items if v in self.ticked]
            if len(chosen) < self.screen.min_choices:
                self.say(Problem("choose_at_least_one"))
                return
            event.app.exit(result=Answer(chosen))

        @bindings.add("<any>")
        def _other(event: KeyPressEvent) -> None:
            if event.data and event.data.isprintable():
                self.say(Problem("not_a_choice", {"count": self.count}))

        body = Window(FormattedTextControl(self.body), wrap_lines=True, dont_extend_height=True)
        return self.prompter._run(self.windows(body, self.keys), bindings)

    def _toggle(self) -> None:
        value = self.items[self.cursor][0]
        self.ticked.symmetric_difference_update({value})
        self.problem = ""


class _TextScreen(_Frame):
    """Numbers, dates and text: an editable line, prefilled with the current answer."""

    def run(self) -> Reply:
        from .screens import describe

        question = self.screen.question
        initial = ""
        if self.screen.current is not None:
            initial = (
                "unknown"
                if self.screen.current == UNKNOWN
                else describe(question, self.screen.current, self.strings)
            )
        buffer = Buffer(multiline=False, document=Document(initial, len(initial)))
        # The old answer opens selected: typing replaces it (no "unknownlots"), while an
        # arrow key keeps it for editing.
        fresh = [bool(initial)]
        if initial:
            buffer.selection_state = SelectionState(original_cursor_position=0)

        def keep_text(_: object = None) -> None:
            if fresh[0]:
                fresh[0] = False
                buffer.exit_selection()

        selected = Condition(lambda: fresh[0])
        empty = Condition(lambda: buffer.text == "")
        untouched = Condition(lambda: buffer.text in ("", initial))
        at_start = Condition(lambda: buffer.cursor_position == 0)
        bindings = KeyBindings()
        _common_keys(bindings)

        @bindings.add("?", filter=empty | selected)
        @bindings.add("f1")
        def _help(event: KeyPressEvent) -> None:
            self.toggle_help()

        if self.screen.takes_note:

            @bindings.add("#", filter=empty | selected)  # typed after text, it is text
            def _note(event: KeyPressEvent) -> None:
                event.app.exit(result=Command("note"))

        @bindings.add("<", filter=untouched)  # typed into an edited answer, it is text
        @bindings.add("left", filter=at_start)
        @bindings.add("pageup")
        def _back(event: KeyPressEvent) -> None:
            event.app.exit(result=Command("back"))

        @bindings.add("up")
        def _help_up(event: KeyPressEvent) -> None:
            self.scroll_help(-1)

        @bindings.add("down")
        def _help_down(event: KeyPressEvent) -> None:
            self.scroll_help(1)

        @bindings.add("<any>", filter=selected)
        def _replace(event: KeyPressEvent) -> None:
            keep_text()
            if event.data and event.data.isprintable():
                buffer.text = event.data
                buffer.cursor_position = len(buffer.text)

        @bindings.add("backspace", filter=selected)
        @bindings.add("delete", filter=selected)
        def _clear(event: KeyPressEvent) -> None:
            keep_text()
            buffer.text = ""

        for key in ("right", "home", "end", "c-a", "c-e"):

            @bindings.add(key, filter=selected)
            def _keep(event: KeyPressEvent, key: str = key) -> None:
                keep_text()
                if key in ("home", "c-a"):
                    buffer.cursor_position = 0

        @bindings.add("left", filter=selected & ~at_start)
        def _keep_left(event: KeyPressEvent) -> None:
            keep_text()
            buffer.cursor_position -= 1

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            keep_text()
            parsed = parse(
                question, buffer.text, None, self.screen.min_choices, self.screen.takes_note
            )
            if isinstance(parsed, Problem):
                self.say(parsed)
            elif isinstance(parsed, Command) and parsed.name == "help":
                buffer.text = ""
                self.toggle_help()
            else:
                event.app.exit(result=parsed)

        def keys() -> str:
            if self.screen.menu:
                return self.strings("keys_menu_text")
            text = self.strings("keys_text")
            if question.unknown_allowed:
                text += " · " + self.strings("keys_unknown_text")
            if self.screen.takes_note:
                text += " · " + self.strings("keys_note")
            return text

        field = VSplit(
            [
                Window(FormattedTextControl([("class:pointer", "› ")]), width=2),
                Window(BufferControl(buffer), height=Dimension(min=1, max=3), wrap_lines=True),
            ]
        )
        container = self.windows(field, keys)
        return self.prompter._run(container, bindings, focused=field.children[1])


class _ReviewScreen:
    """Every answer in one scrolling list; Enter on a line changes it."""

    def __init__(
        self, prompter: KeyPrompter, rows: list[ReviewRow], title: str, start: int = 0
    ) -> None:
        self.prompter = prompter
        self.strings = prompter.strings
        self.rows = rows
        self.title = title
        self.selectable = [
            index
            for index, row in enumerate(rows)
            if row.action or (row.step is not None and row.editable)
        ]
        self.numbers: dict[int, int] = {}
        for index in self.selectable:
            if not self.rows[index].action:
                self.numbers[len(self.numbers) + 1] = index
        # back on the line just changed, so that a second Enter does not evaluate at once
        self.position = self.selectable.index(start) if start in self.selectable else 0
        self.typed = ""

    def text(self) -> StyleAndTextTuples:
        width = _width()
        fragments: StyleAndTextTuples = [("class:heading", self.title), ("", "\n")]
        number_of = {index: number for number, index in self.numbers.items()}
        current = self.selectable[self.position]
        for index, row in enumerate(self.rows):
            here = index == current
            if here:
                fragments.append(("[SetCursorPosition]", ""))
            pointer = ("class:pointer", "❯ " if here else "  ")
            style = "class:selected" if here else ""
            if row.action:
                fragments += [pointer, (style, row.label), ("", "\n")]
            elif row.step is None:
                fragments += [("", "\n"), ("class:heading", wrap(row.label, width)), ("", "\n")]
            else:
                number = f"{number_of[index]:>3}. " if index in number_of else "     "
                value_style = "class:answer" if row.editable else "class:dim"
                label = wrap(row.label, width, 7, 7)
                last = label.rsplit("\n", 1)[-1]
                used = get_cwidth(last) + 2 + (7 if "\n" not in label else 0)
                value = wrap(row.value, width, 9, used)
                gap = "" if value.startswith("\n") else "  "
                fragments += [
                    pointer,
                    ("class:dim" if not row.editable else "", number),
                    (style, label),
                    ("", gap),
                    (value_style, value),
                    ("", "\n"),
                ]
        return fragments

    def run(self) -> int:
        bindings = KeyBindings()
        _common_keys(bindings)

        def move(step: int) -> None:
            self.position = max(0, min(len(self.selectable) - 1, self.position + step))
            self.typed = ""

        @bindings.add("up")
        @bindings.add("k")
        def _up(event: KeyPressEvent) -> None:
            move(-1)

        @bindings.add("down")
        @bindings.add("j")
        def _down(event: KeyPressEvent) -> None:
            move(1)

        @bindings.add("pageup")
        def _page_up(event: KeyPressEvent) -> None:
            move(-10)

        @bindings.add("pagedown")
        def _page_down(event: KeyPressEvent) -> None:
            move(10)

        @bindings.add("home")
        def _home(event: KeyPressEvent) -> None:
            move(-len(self.selectable))

        @bindings.add("end")
        def _end(event: KeyPressEvent) -> None:
            move(len(self.selectable))

        for digit in "0123456789":

            @bindings.add(digit)
            def _number(event: KeyPressEvent) -> None:
                typed = self.typed + event.data
                if int(typed) not in self.numbers:
                    typed = event.data
                if int(typed) in self.numbers:
                    self.position = self.selectable.index(self.numbers[int(typed)])
                self.typed = typed

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            event.app.exit(result=self.selectable[self.position])

        rows = max(6, _terminal_size().rows - 3)
        listing = Window(
            FormattedTextControl(self.text, focusable=True, show_cursor=False),
            wrap_lines=True,
            height=Dimension(max=rows),
        )
        keys = Window(
            FormattedTextControl([("class:keys", self.strings("keys_review"))]),
            dont_extend_height=True,
        )
        return int(self.prompter._run(HSplit([listing, keys]), bindings, focused=listing))
