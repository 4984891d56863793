"""The garbage collector paused while a PDF is typeset or one answers file is evaluated.

(Raising the collector's threshold for evaluations, once here too, bought
nothing measurable for a long run once Results stopped repeating their
words, and was removed: docs/performance.md. A one-shot `evaluate FILE` is
another matter: its collections walked the freshly imported modules and the
loaded law, a tenth of the command, so the command pauses the collector.)
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
        if was_enabled:
            gc.enable()
