"""Typed errors and exit codes.

Nothing below the CLI prints: lower layers raise these, and the CLI turns each
into exactly one line (`file:line: what was wrong; expected ...`) and an exit
code. Keeping the location inside the error is what lets a lawyer find the
offending line of a 600-line rule file without reading a traceback.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

MAX_LINE = 400  # characters of an error message, the location aside


class ExitCode(IntEnum):
    """Process exit codes, stable so that scripts and CI can rely on them."""

    OK = 0
    CHECK_FAILED = 1  # the run worked, but what it checked did not pass
    BAD_INPUT = 2  # an input file or option is wrong
    ENGINE = 3  # the rule engine failed or the rule set is contradictory
    ENVIRONMENT = 4  # a missing system dependency (fonts, engine build)
    INTERRUPTED = 130


@dataclass(frozen=True)
class Location:
    """Where in which file something was written (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}"


class CopyrightableError(Exception):
    """Base of every error the CLI knows how to report in one line."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(
        self, message: str, location: Location | None = None, expected: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.expected = expected

    def one_line(self) -> str:
        """The single line shown to the user."""
        text = self.message
        if self.expected:
            text = f"{text}; expected {self.expected}"
        text = " ".join(text.split())  # never more than one line
        if len(text) > MAX_LINE:  # a quoted 1 MB key must not become a 1 MB error line
            keep = MAX_LINE // 2
            text = f"{text[:keep]} [...] {text[-keep:]}"
        if self.location is not None:
            return f"{self.location}: {text}"
        return text


class InputError(CopyrightableError):
    """A user-supplied file (answers, rules, case) is missing or malformed."""


class RuleSetError(CopyrightableError):
    """The rule data is inconsistent (found while loading or checking)."""


class ConflictError(CopyrightableError):
    """Two fired rules conclude different verdicts and neither overrides the other."""

    exit_code = ExitCode.ENGINE


class EngineError(CopyrightableError):
    """The rule engine failed (an action raised, or the engine reported an error)."""

    exit_code = ExitCode.ENGINE


class EnvironmentProblem(CopyrightableError):
    """Something outside the project is missing: a build of the engine, fonts."""

    exit_code = ExitCode.ENVIRONMENT


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' suffix, or '' when nothing is close.

    Typos in ids are the commonest mistake in hand-written rule files, so every
    "unknown id" message carries the nearest known id.
    """
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_failure(path: object, what: str, error: OSError) -> CopyrightableError:
    """The one-line error for a file we could not write, by why it failed.

    A full disk is the environment's problem (exit 4: free space and run again,
    or --resume a batch); a read-only folder, a folder as the target or a FIFO
    nothing reads is a wrong path (exit 2).
    """
    if error.errno in _DISK_FULL:
        return EnvironmentProblem(
            f"cannot write {what} ({error.strerror or error})",
            Location(str(path)),
            "free space on the disk",
        )
    return InputError(
        f"cannot write {what} ({error.strerror or error})",
        Location(str(path)),
        "a writable file path",
    )
