"""Batch runs: evaluate many answers documents on every core, results in input order.

durable-rules holds the GIL for the whole of an evaluation, so parallelism
comes from processes: each worker prepares its own Evaluator once (compiling
the rule sets into its own engine) and then evaluates chunks of records. Chunks
are submitted a few at a time and collected in submission order, which keeps
the output in input order and memory flat however long the input is.

A worker that dies (a signal, an engine crash) does not stop the run: the
records it held are evaluated again one by one in a fresh worker, and the one
that kills it again gets an error line saying so.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import Any

from .answers import answers_from_data, load_answers
from .batchio import (
    DistinctIds,
    Record,
    ResultsFile,
    check_new_output,
    error_line,
    located,
    parsed,
    read_records,
    result_line,
    resume,
)
from .errors import CopyrightableError, Location
from .evaluation import Evaluator
from .law import Law
from .runtime import tune_garbage_collector

CHUNK = 64  # records per task: large enough to amortise a round trip, small enough to share
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker, so none waits for work


@dataclass
class Summary:
    """What a batch run did: records read, skipped (already written), results, errors."""

    total: int = 0
    skipped: int = 0
    results: int = 0
    errors: int = 0
    interrupted: bool = False


class Interrupted(Exception):
    """A second Ctrl-C or SIGTERM during a run: stop at once, keeping what is written."""


def default_jobs() -> int:
    """The cores this process may use (respecting CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(source: Path, output: Path, law: Law, jurisdictions: Sequence[str] | None = None,
        jobs: int = 1, resume_run: bool = False, generated_at: str = "",
        command: str | None = None,
        progress: Callable[[int], None] = lambda advance: None) -> Summary:
    """Evaluate every record of `source`, appending one line per record to `output`.

    Raises CopyrightableError for problems with the run as a whole (input
    missing, results file not ours, rule sets that do not compile); a problem
    with one record is that record's error line.
    """
    Evaluator(law, jurisdictions)  # rule errors stop the run here, before any output
    done = resume(output) if resume_run else set()
    if not resume_run:
        check_new_output(output)
    summary = Summary()
    settings = _Settings(law, list(jurisdictions or []), generated_at, command,
                         frozenset(done))
    distinct = DistinctIds(str(source))
    chunks = _evaluate_all(read_records(source), settings, jobs)
    with ResultsFile(output) as out, _Interruptible() as stop:
        try:
            for chunk, outcomes in chunks:
                lines = []
                for record, (record_id, status, line) in zip(chunk, outcomes, strict=True):
                    summary.total += 1
                    if status == _SKIPPED:
                        summary.skipped += 1
                        continue
                    again = distinct.again(record_id, record.number)
                    if again is not None:
                        status, line = _ERROR, error_line(record_id, again)
                    lines.append(line)
                    summary.results += status == _RESULT
                    summary.errors += status == _ERROR
                out.write(b"".join(lines))  # whole lines, one write per chunk
                out.end_of_chunk()
                progress(len(chunk))
                if stop.requested:
                    break
        except Interrupted:  # a second Ctrl-C: stop now (a torn line is cut on --resume)
            pass
        finally:
            summary.interrupted = stop.requested
            chunks.close()  # stops the workers
    return summary


# ------------------------------------------------------------------ workers

_RESULT, _ERROR, _SKIPPED = "result", "error", "skipped"
Outcome = tuple[str, str, bytes]  # (record id, result | error | skipped, the line to write)


@dataclass(frozen=True)
class _Settings:
    law: Law
    jurisdictions: list[str]
    generated_at: str
    command: str | None
    done: frozenset[str]  # ids already in the results file (--resume)


_worker: tuple[Evaluator, _Settings] | None = None


def _start_worker(settings: _Settings, parent: int | None) -> None:
    """Prepare this process's Evaluator once; a child leaves Ctrl-C to its parent."""
    global _worker
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with(parent)
    tune_garbage_collector()
    _worker = (Evaluator(settings.law, settings.jurisdictions or None), settings)


def _die_with(parent: int) -> None:
    """End this worker when the batch process ends, even by SIGKILL.

    Workers inherit both ends of their task queue, so they never see it close:
    without this, `kill -9` on a batch run would leave its workers waiting forever.
    """
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # Linux: a signal when the parent dies
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _evaluate_chunk(records: list[Record]) -> list[Outcome]:
    return [_evaluate_one(record) for record in records]


def _evaluate_one(record: Record) -> Outcome:
    """The line for one record; nothing a record holds escapes as an exception."""
    assert _worker is not None, "worker not started"
    evaluator, settings = _worker
    record = parsed(record)
    record_id = record.id or str(record.number)
    if record_id in settings.done:
        return record_id, _SKIPPED, b""
    if record.error is not None:
        return record_id, _ERROR, error_line(record_id, record.error)
    try:
        if record.path is not None:
            answers = load_answers(record.path, evaluator.law)
        else:
            where = Location(record.source)
            answers = answers_from_data(located(record.document, where), evaluator.law,
                                        record.source)
        result = evaluator.evaluate(answers, settings.generated_at, settings.command)
        return record_id, _RESULT, result_line(record_id, result)
    except CopyrightableError as error:
        return record_id, _ERROR, error_line(record_id, error.one_line())
    except Exception as error:  # a bug of ours: reported on the record, the run goes on
        return record_id, _ERROR, error_line(
            record_id, f"internal error: {type(error).__name__}: {error} "
                       "(please report this with the record)")


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _evaluate_all(records: Iterable[Record], settings: _Settings,
                  jobs: int) -> Iterator[tuple[list[Record], list[Outcome]]]:
    """(chunk, its outcomes) in input order, evaluated here or by `jobs` workers."""
    if jobs <= 1:
        _start_worker(settings, parent=None)
        for chunk in _chunks(records):
            yield chunk, _evaluate_chunk(chunk)
        return
    pool = _Pool(settings, jobs)
    pending: deque[tuple[list[Record], Future[list[Outcome]]]] = deque()
    try:
        for chunk in _chunks(records):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                chunk_done, future = pending.popleft()
                yield chunk_done, pool.collect(chunk_done, future)
        while pending:
            chunk_done, future = pending.popleft()
            yield chunk_done, pool.collect(chunk_done, future)
    finally:
        pool.close()


class _Pool:
    """Worker processes that are replaced, and their records retried, if one dies."""

    def __init__(self, settings: _Settings, jobs: int) -> None:
        self._settings = settings
        self._jobs = jobs
        methods = multiprocessing.get_all_start_methods()
        # fork: a worker inherits the loaded law instead of reading every file again.
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(self._jobs, mp_context=self._context,
                                       initializer=_start_worker,
                                       initargs=(self._settings, os.getpid()))
        # Start the workers now, before a caller's progress bar starts its thread:
        # forking a process that runs other threads can copy a lock held by one of them.
        executor.submit(int).result()
        return executor

    def submit(self, chunk: list[Record]) -> Future[list[Outcome]]:
        try:
            return self._executor.submit(_evaluate_chunk, chunk)
        except BrokenProcessPool:
            self._restart()
            return self._executor.submit(_evaluate_chunk, chunk)

    def collect(self, chunk: list[Record],
                future: Future[list[Outcome]]) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            return [self._alone(record) for record in chunk]

    def _alone(self, record: Record) -> Outcome:
        """Evaluate one record in a healthy worker; if it kills that one too, say so."""
        self._restart_if_broken()
        try:
            return self._executor.submit(_evaluate_chunk, [record]).result()[0]
        except BrokenProcessPool:
            self._restart()
            record_id = record.id or str(record.number)
            return record_id, _ERROR, error_line(
                record_id, f"{record.source}: evaluating this record killed the worker "
                           "process (please report it)")

    def _restart_if_broken(self) -> None:
        if getattr(self._executor, "_broken", False):
            self._restart()

    def _restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class _Interruptible:
    """Ctrl-C or SIGTERM asks the run to stop after the chunk being written; a second one
    stops it at once. Signals are left alone outside the main thread."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Interruptible:
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.requested:
            raise Interrupted(signal.Signals(number).name)
        self.requested = True

    def __exit__(self, *exc_info: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
