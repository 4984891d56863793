"""Batch runs: evaluate many answers documents on every core, results in input order.

durable-rules holds the GIL for the whole of an evaluation, so parallelism
comes from processes: each worker prepares its own Evaluator once (compiling
the rule sets into its own engine) and then evaluates chunks of records. Chunks
are submitted a few at a time and collected in submission order, which keeps
the output in input order and memory flat however long the input is.

A worker that dies (a signal, the out-of-memory killer, an engine crash) or
gets stuck does not stop the run: the records it held are evaluated again one
by one in fresh workers, and a record that takes down MAX_DEATHS workers gets
an error line saying so (see _Pool).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import Any

from ..answers.answers_file import answers_from_data, load_answers
from ..evaluation.evaluator import Evaluator
from ..io.errors import CopyrightableError, EnvironmentProblem, Location
from ..law.loading import Law
from .records import (
    DistinctIds,
    Record,
    ResultsFile,
    Written,
    check_new_output,
    check_words,
    error_line,
    located,
    parsed,
    read_records,
    result_line,
    resume,
    write_words,
)

CHUNK = 64  # records per task: large enough to amortise a round trip, small enough to share
LAST_TASKS = 8  # records per task once the input is read: the workers finish together
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker, so none waits for work


@dataclass
class Summary:
    """What a batch run did: records read, skipped (already written), results, errors."""

    total: int = 0
    skipped: int = 0
    skipped_errors: int = 0  # of the skipped: error lines an earlier run wrote
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


def run(
    source: Path,
    output: Path,
    law: Law,
    jurisdictions: Sequence[str] | None = None,
    jobs: int = 1,
    resume_run: bool = False,
    generated_at: str = "",
    command: str | None = None,
    progress: Callable[[int], None] = lambda advance: None,
) -> Summary:
    """Evaluate every record of `source`, appending one line per record to `output`.

    Raises CopyrightableError for problems with the run as a whole (input
    missing, results file not ours, rule sets that do not compile); a problem
    with one record is that record's error line.
    """
    global _prepared
    # Prepared once, here: rule errors stop the run before any output, and the
    # workers forked later inherit it instead of compiling the rule sets again.
    evaluator = Evaluator(law, jurisdictions)
    written = resume(output) if resume_run else Written()
    if not resume_run:
        check_new_output(output)
    if not (resume_run and check_words(output, evaluator.words_sha256, bool(written.ids))):
        write_words(output, evaluator.words, evaluator.words_sha256)
    summary = Summary()
    settings = _Settings(law, list(jurisdictions or []), generated_at, command, written.ids)
    _prepared = (settings, evaluator)
    distinct = DistinctIds(str(source))
    chunks = _evaluate_all(read_records(source), settings, jobs)
    with ResultsFile(output) as out, _Interruptible() as stop:
        try:
            for chunk, outcomes in chunks:
                lines = []
                for record, (record_id, status, line) in zip(chunk, outcomes, strict=True):
                    summary.total += 1
                    again = distinct.again(record_id, record.number)
                    was_error = written.take(record_id)
                    if was_error is not None:
                        # Its line is in the file (for a repeated id, the error line
                        # the earlier run wrote for this very record).
                        summary.skipped += 1
                        summary.skipped_errors += was_error
                        continue
                    if again is not None:  # never evaluated: its line is the same anyway
                        status, line = _ERROR, error_line(record_id, again)
                    elif status == _SKIPPED:  # a first use whose line is in the file
                        summary.skipped += 1
                        continue
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
            _prepared = None
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
# The run's settings and its Evaluator: the batch process evaluates with it
# (--jobs 1) and forked workers inherit it, the very settings object included.
# Compiling the rule sets costs as much as dozens of evaluations, and every
# worker, a replaced one too, would pay it again. A worker started another way
# (spawn) receives a copy of the settings, finds no match, and prepares its own.
_prepared: tuple[_Settings, Evaluator] | None = None


def _start_worker(settings: _Settings, parent: int | None) -> None:
    """This process's Evaluator, prepared once; a child leaves Ctrl-C to its parent."""
    global _worker
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with(parent)
    if _prepared is not None and _prepared[0] is settings:
        evaluator = _prepared[1]
    else:
        evaluator = Evaluator(settings.law, settings.jurisdictions or None)
    _worker = (evaluator, settings)


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
            answers = answers_from_data(
                located(record.document, where), evaluator.law, record.source
            )
        result = evaluator.evaluate(
            answers, settings.generated_at, settings.command, with_words=False
        )
        return record_id, _RESULT, result_line(record_id, result)
    except CopyrightableError as error:
        return record_id, _ERROR, error_line(record_id, error.one_line())
    except Exception as error:  # a bug of ours: reported on the record, the run goes on
        return (
            record_id,
            _ERROR,
            error_line(
                record_id,
                f"internal error: {type(error).__name__}: {error} "
                "(please report this with the record)",
            ),
        )


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _evaluate_all(
    records: Iterable[Record], settings: _Settings, jobs: int
) -> Generator[tuple[list[Record], list[Outcome]], None, None]:
    """(chunk, its outcomes) in input order, evaluated here or by up to `jobs` workers."""
    if jobs <= 1:
        _start_worker(settings, parent=None)
        for chunk in _chunks(records):
            yield chunk, _evaluate_chunk(chunk)
        return
    pool = _Pool(settings, jobs)
    pending: deque[_Chunk] = deque()
    chunks = _chunks(records)
    read_all = False
    try:
        while True:
            while not read_all and len(pending) < jobs * IN_FLIGHT_PER_WORKER:
                records_of = next(chunks, None)
                if records_of is None:
                    read_all = True
                    pool.split_queued(LAST_TASKS)
                    break
                pending.append(pool.submit(records_of))
            if not pending:
                return
            head = pending.popleft()
            while head.missing:
                pool.step()
            yield head.records, head.outcomes  # type: ignore[misc]
    finally:
        pool.close()


MAX_DEATHS = 3  # workers one record may take down before it gets an error line
STUCK_SECONDS = 120  # per record of a task: a worker past it is stuck, and is killed
MAX_DEATHS_AT_START = 8  # workers in a row that die before they finish anything
_WAIT = 1.0  # seconds between checks that every busy worker is still alive


class _Chunk:
    """One chunk's records and the outcomes that have come back for them."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.outcomes: list[Outcome | None] = [None] * len(records)
        self.missing = len(records)

    def fill(self, start: int, outcomes: list[Outcome]) -> None:
        for offset, outcome in enumerate(outcomes):
            if self.outcomes[start + offset] is None:
                self.outcomes[start + offset] = outcome
                self.missing -= 1


@dataclass
class _Task:
    """Records of one chunk, from `start`, for one worker; `deaths` it has survived."""

    chunk: _Chunk
    start: int
    records: list[Record]
    deaths: int = 0


class _Worker:
    """A forked worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, settings: _Settings) -> None:
        ours, theirs = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_work, args=(theirs, ours, settings, os.getpid()), daemon=True
        )
        with warnings.catch_warnings():  # Python 3.12+ warns when forking beside threads;
            warnings.simplefilter("ignore", DeprecationWarning)  # the child uses none of them
            self.process.start()
        theirs.close()
        self.connection = ours
        self.task: _Task | None = None
        self.deadline = 0.0  # when its task counts as stuck (time.monotonic)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)


def _work(connection: Any, parents_end: Any, settings: _Settings, parent: int) -> None:
    """A worker's life: prepare once, then evaluate whatever task arrives until told to stop."""
    parents_end.close()
    _start_worker(settings, parent)
    while True:
        try:
            records = connection.recv()
        except (EOFError, OSError):
            return
        if records is None:
            return
        connection.send(_evaluate_chunk(records))


class _Pool:
    """Worker processes fed one task at a time; a dead one is replaced and its work retried.

    The batch process waits on every busy worker's pipe and on every worker's
    process sentinel at once (multiprocessing.connection.wait), so a worker that
    dies (killed, out of memory, an engine crash) is noticed however it dies,
    during a task, between tasks or while starting, and nothing waits on it
    again. A worker busy with one task for longer than STUCK_SECONDS a record
    is killed, as a watchdog. A dead worker's records are retried one by one,
    first in the queue; a record in a worker that dies for the MAX_DEATHS-th
    time gets an error line. Workers that keep dying before finishing anything
    stop the run with one line. So every record ends with a line, and no death,
    run of deaths or stuck worker can hang the run.
    Workers start only when there is work for them: never more than chunks.
    """

    def __init__(self, settings: _Settings, jobs: int) -> None:
        self._settings = settings
        self._jobs = jobs
        methods = multiprocessing.get_all_start_methods()
        # fork: a worker inherits the loaded law instead of reading every file again.
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._workers: list[_Worker] = []
        self._queue: deque[_Task] = deque()
        self._deaths_in_a_row = 0

    def submit(self, records: list[Record]) -> _Chunk:
        chunk = _Chunk(records)
        self._queue.append(_Task(chunk, 0, records))
        self._dispatch()
        return chunk

    def split_queued(self, size: int) -> None:
        """Split the tasks not yet given to a worker into tasks of `size` records.

        Called when the input has all been read: with whole chunks to the end,
        one worker would often sit idle while another evaluated its last chunk
        (up to 64 evaluations, a quarter of a second and more); with small
        tasks the workers finish within a few records of each other.
        """
        self._queue = deque(
            _Task(
                task.chunk, task.start + offset, task.records[offset : offset + size], task.deaths
            )
            for task in self._queue
            for offset in range(0, len(task.records), size)
        )

    def step(self) -> None:
        """Wait for one worker to finish or die, and act on it."""
        self._dispatch()
        busy = {worker.connection: worker for worker in self._workers if worker.task}
        sentinels = {worker.process.sentinel: worker for worker in self._workers}
        ready = multiprocessing.connection.wait([*busy, *sentinels], timeout=_WAIT)
        now = time.monotonic()
        for worker in busy.values():
            if now > worker.deadline and worker.process.is_alive():
                worker.process.kill()  # a watchdog: its sentinel fires on the next wait
        ready.sort(key=lambda item: item not in busy)  # results first, then deaths
        for item in ready:
            worker = busy.get(item) or sentinels[item]  # ready holds only their keys
            if worker is None or worker not in self._workers:
                continue
            if item in busy:
                self._receive(worker)
            else:
                self._died(worker)

    def _receive(self, worker: _Worker) -> None:
        task = worker.task
        assert task is not None
        try:
            outcomes = worker.connection.recv()
        except Exception:  # cut short by the worker's death, however that shows
            self._died(worker)
            return
        worker.task = None
        self._deaths_in_a_row = 0
        task.chunk.fill(task.start, outcomes)
        self._dispatch()

    def _died(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        task = worker.task
        finished = False
        if task is not None and _has_data(worker.connection):
            with contextlib.suppress(Exception):  # whole, if it finished before it died
                task.chunk.fill(task.start, worker.connection.recv())
                finished = True
        worker.stop()
        if task is None:
            self._deaths_in_a_row += 1
            if self._deaths_in_a_row >= MAX_DEATHS_AT_START:
                raise EnvironmentProblem(
                    f"{self._deaths_in_a_row} worker processes in a row died before "
                    "finishing any record",
                    None,
                    "enough memory for the workers, or --jobs 1",
                )
        elif not finished:
            retries = [
                _Task(task.chunk, task.start + offset, [record], task.deaths + 1)
                for offset, record in enumerate(task.records)
            ]
            for retry in reversed(retries):
                if retry.deaths >= MAX_DEATHS:
                    retry.chunk.fill(retry.start, [_killed(retry.records[0], retry.deaths)])
                else:
                    self._queue.appendleft(retry)
        self._dispatch()

    def _dispatch(self) -> None:
        """Give queued tasks to idle workers, starting workers (up to jobs) as needed."""
        while self._queue:
            idle = next((w for w in self._workers if w.task is None), None)
            if idle is None:
                if len(self._workers) >= self._jobs:
                    return
                idle = _Worker(self._context, self._settings)
                self._workers.append(idle)
            task = self._queue.popleft()
            idle.task = task
            idle.deadline = time.monotonic() + STUCK_SECONDS * len(task.records)
            with contextlib.suppress(OSError):  # it died already: its sentinel says so
                idle.connection.send(task.records)

    def close(self) -> None:
        for worker in self._workers:
            if worker.task is None:
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
        for worker in self._workers:
            worker.process.join(timeout=0.5)
            worker.stop()
        self._workers.clear()


def _has_data(connection: Any) -> bool:
    try:
        return bool(connection.poll(0))
    except (OSError, EOFError, ValueError):
        return False


def _killed(record: Record, deaths: int) -> Outcome:
    record_id = record.id or str(record.number)
    return (
        record_id,
        _ERROR,
        error_line(
            record_id,
            f"{record.source}: the worker process evaluating this record died "
            f"{deaths} times (killed, out of memory, or stuck for {STUCK_SECONDS} s); "
            "expected a record that can be evaluated (please report it if it keeps "
            "happening)",
        ),
    )


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
