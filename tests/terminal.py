"""A real pseudo-terminal running `copyrightable`, and the screen a person would see.

pexpect runs the program in a pty of a fixed size with TERM=xterm-256color and a
UTF-8 locale; everything it writes is fed to pyte, a VT100 emulator, so tests
assert on the screen (wide Chinese characters included) rather than on escape
codes. `expect` waits for text in what arrived since the last match (ANSI codes
stripped), which is how a test keeps in step with the program; `screen()` is
what is visible now.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte
from tests.tools import REPO

ANSI = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")
ROWS, COLUMNS = 40, 110

UP, DOWN, LEFT = "\x1b[A", "\x1b[B", "\x1b[D"
ENTER, CTRL_C = "\r", "\x03"


def child_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COPYRIGHTABLE_", "PYTEST", "COLUMNS", "LINES"))
    }
    env.update(
        {
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "SOURCE_DATE_EPOCH": "1767225600",
        }
    )
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


class Terminal:
    def __init__(
        self,
        *args: str,
        cwd: Path = REPO,
        rows: int = ROWS,
        columns: int = COLUMNS,
        timeout: float = 15,
        **env: str,
    ) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "copyrightable", *args],
            cwd=str(cwd),
            env=child_env(**env),
            encoding="utf-8",
            dimensions=(rows, columns),
            timeout=timeout,
        )
        self.child.delaybeforesend = None  # pexpect waits 50 ms before each send otherwise
        self.timeout = timeout
        self._screen = pyte.Screen(columns, rows)
        self._stream = pyte.Stream(self._screen)
        self.plain = ""  # everything received, ANSI codes stripped
        self._mark = 0  # where the next `expect` starts looking
        self.closed = False

    def _pump(self, wait: float) -> None:
        if self.closed:
            return
        try:
            data = self.child.read_nonblocking(65536, wait)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self.closed = True
            return
        self._stream.feed(data)
        self.plain += ANSI.sub("", data)

    def expect(self, pattern: str, regex: bool = False, timeout: float | None = None) -> str:
        """Wait until `pattern` appears in new output; return that output up to the match."""
        found = re.compile(pattern if regex else re.escape(pattern))
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            match = found.search(self.plain, self._mark)
            if match:
                seen = self.plain[self._mark : match.end()]
                self._mark = match.end()
                return seen
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(
                    f"{pattern!r} did not appear.\n--- screen ---\n"
                    f"{self.screen()}\n--- new output ---\n"
                    f"{self.plain[self._mark :][-3000:]}"
                )
            self._pump(0.02)

    def wait_screen(self, text: str, timeout: float | None = None) -> str:
        """Wait until the visible screen shows `text`; return the screen."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while text not in self.screen():
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on screen:\n{self.screen()}")
            self._pump(0.02)
        return self.screen()

    def wait_gone(self, text: str, timeout: float | None = None) -> str:
        """Wait until the visible screen no longer shows `text`; return the screen."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while text in self.screen():
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} still on screen:\n{self.screen()}")
            self._pump(0.02)
        return self.screen()

    def screen(self) -> str:
        self._pump(0)
        return "\n".join(line.rstrip() for line in self._screen.display).strip("\n")

    def prompt(self, text: str) -> str:
        """Wait for a question screen showing `text` to be drawn and listening for keys."""
        before = self.expect(text)
        return before + self.expect("Ctrl-C")

    def skip_details(self, question: str = "Record the matter's details now?") -> None:
        """After the first title: leave the matter's details for later (the second choice)."""
        self.prompt(question)
        self.send("2" + ENTER)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def line(self, text: str) -> None:
        self.child.send(text + ENTER)

    def exit_code(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout or self.timeout)
        while not self.closed:
            if time.monotonic() > deadline:
                raise AssertionError(f"the program did not exit:\n{self.screen()}")
            self._pump(0.05)
        self.child.close()
        return int(
            self.child.exitstatus
            if self.child.exitstatus is not None
            else 128 + (self.child.signalstatus or 0)
        )

    def close(self) -> None:
        if not self.child.closed:
            self.child.close(force=True)
