"""The garbage collector paused while a PDF is typeset or one answers file is evaluated.

(Raising the collector's threshold for evaluations, once here too, bought
nothing measurable for a long run once Results stopped repeating their
words, and was removed: docs/performance.md. A one-shot `evaluate FILE` is
another matter: its collections walked the freshly imported modules and the
loaded law again and again, so the command pauses the collector; and when
the process is about to end, CPython's last full collection at exit would
walk every object the run made only to find what exit frees anyway, so the
console entry point freezes them first: a sixth of `evaluate FILE`.)
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_process_ends_after_command = False


def process_ends_after_command() -> None:
    """Said by the console entry point before it runs its one command, then exits.

    From then on a paused collector is not started again at the end of its block
    to walk what the block made: those objects are frozen (`gc.freeze`, moved
    where no collection looks), since exit follows. A program that imports the
    package never says this, and keeps its collector as it set it.
    """
    global _process_ends_after_command
    _process_ends_after_command = True


def freeze_before_exit() -> None:
    """Leave CPython's last full collection at exit nothing to walk: the process ends.

    Cyclic garbage left now is not collected, as exit would not free more than
    the memory anyway; files are closed by the `with` blocks that opened them.
    """
    gc.freeze()


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause CPython's cyclic collector for one block, then restore the host's setting.

    WeasyPrint builds a box for every element and a layout for every run of
    text, millions of short-lived objects for a long report, nearly all freed
    by reference counting. Each collection still walks every tracked object,
    the loaded law and the Result included. Measured on the Zarya report in a
    process that has evaluated it: 1.98 s with a raised collector threshold,
    1.77 s paused; peak resident memory over three PDFs was 227 MB running and
    230 MB paused. This suits a library call: the collector is as the caller
    left it when the block ends, and the cycles the block left are collected at
    its next run (never, if the host keeps it off). The pause is process-wide: a
    host typesetting in one thread while others allocate heavily pauses them too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _process_ends_after_command:
            gc.freeze()  # no collection of the block's objects either: exit follows
        if was_enabled:
            gc.enable()
