"""Batch inputs and outputs: records in a stable order in, one JSON line per record out.

Input is a folder of answers files (taken in sorted file-name order) or a JSONL
file (one answers document per line, in line order). Whatever is wrong with one
record becomes that record's error line; only a problem with the input as a
whole (missing, unreadable) stops the run.

Output is append-only: each line is complete JSON ending in a newline, written
whole and flushed per chunk, so a process killed at any moment leaves complete
lines plus at most one torn last line. `--resume` reads the ids already written,
cuts a torn last line off, and the run continues after them.

The Results on the lines leave out their words table (words.py): it is
the same for every line of a run, so it is written once, beside the results
file, as `RESULTS.words.json` (words_file), before the first line.
`result_join.joined(line["result"], words)` puts the words back.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..io.errors import EnvironmentProblem, InputError, Location, write_failure
from ..io.yaml_files import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    LocatedDict,
    LocatedList,
    atomic_write_bytes,
    decode_text,
    special_kind,
)

ANSWERS_SUFFIXES = (".yaml", ".yml")
MAX_ID_CHARS = 200
_LINE_START = b'{"id":'


@dataclass(frozen=True)
class Record:
    """One answers document to evaluate, or what made it unreadable.

    A JSONL line travels to a worker as its raw bytes (id None) and is parsed
    there: parsing is work, and the process that reads and writes is the one
    every worker waits for.
    """

    id: str | None  # None until a JSONL line is parsed (see `parsed`)
    source: str  # where it came from: a file, or `batch.jsonl:12`
    path: Path | None = None  # an answers file of a folder, read by the worker
    line: bytes | None = None  # a JSONL line, not yet parsed
    number: int = 0  # its line number
    document: Any = None  # a parsed JSONL line, without its `id`
    error: str | None = None  # found while reading: the record's error line says it


# ------------------------------------------------------------------ reading


def read_records(source: Path) -> Iterator[Record]:
    """The records of a folder or a JSONL file, in a stable order."""
    if source.is_dir():
        yield from _folder_records(source)
    elif source.is_file():
        yield from _jsonl_records(source)
    elif not source.exists():
        raise InputError(
            "batch input not found",
            Location(str(source)),
            "a folder of answers files or a JSONL file",
        )
    else:
        raise InputError(
            "batch input is neither a folder nor a file",
            Location(str(source)),
            "a folder of answers files or a JSONL file",
        )


def count_records(source: Path) -> int:
    """How many records `read_records` will yield (for a progress bar), without parsing."""
    if source.is_dir():
        return len(_answers_files(source))
    count = 0
    with _open(source) as stream:
        for raw in _raw_lines(stream):
            count += raw is None or bool(raw.strip())  # None: a line too long, one record
    return count


def _answers_files(folder: Path) -> list[Path]:
    try:
        # Not only regular files: a FIFO, a dangling link or a folder named x.yaml is a
        # record too, and its error line says what it is (dropping it silently would
        # leave a submission without a line).
        return sorted(
            p
            for p in folder.iterdir()
            if p.suffix in ANSWERS_SUFFIXES and not p.name.startswith(".")
        )
    except OSError as error:
        raise InputError(
            f"cannot read folder ({error.strerror or error})", Location(str(folder))
        ) from None


def _folder_records(folder: Path) -> Iterator[Record]:
    for path in _answers_files(folder):
        yield Record(id=path.name, source=str(path), path=path)


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(
            f"cannot read file ({error.strerror or error})", Location(str(path))
        ) from None


def _raw_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of at most MAX_FILE_BYTES; None stands for a longer line (skipped whole)."""
    while True:
        raw = stream.readline(MAX_FILE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(1024 * 1024)
            yield None
            continue
        yield raw


def _jsonl_records(path: Path) -> Iterator[Record]:
    display = str(path)
    with _open(path) as stream:
        for number, raw in enumerate(_raw_lines(stream), start=1):
            source = f"{display}:{number}"
            if raw is None:
                too_long = InputError(
                    f"line is longer than {MAX_FILE_BYTES:,} bytes",
                    Location(display, number),
                    "one answers document per line",
                )
                yield Record(str(number), source, number=number, error=too_long.one_line())
            elif raw.strip():  # blank lines separate nothing and are not records
                yield Record(None, source, line=raw, number=number)


def parsed(record: Record) -> Record:
    """A JSONL record with its id and document, or its error; other records unchanged."""
    if record.id is not None or record.line is None:
        return record
    display = record.source.rsplit(":", 1)[0]
    return _jsonl_record(record.line, record.number, display)


class DistinctIds:
    """Each id once: a second record with the same id gets an error line instead."""

    def __init__(self, display: str) -> None:
        self._display = display
        self._first: dict[str, int] = {}

    def again(self, record_id: str, number: int) -> str | None:
        """The error for a repeated id, or None (and the id is remembered)."""
        first = self._first.setdefault(record_id, number)
        if first == number:
            return None
        return InputError(
            f"id {record_id!r} is used again (first at line {first})",
            Location(self._display, number),
            "a distinct id per record",
        ).one_line()


def _jsonl_record(raw: bytes, number: int, display: str) -> Record:
    source = f"{display}:{number}"
    at = Location(display, number)
    try:
        text = decode_text(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, source)
        document = _parse_json(text, at)
        record_id = _record_id(document, number, at)
    except InputError as error:
        if error.location is not None and error.location.file == source:
            error.location = at  # "batch.jsonl:12:1" reads worse than "batch.jsonl:12"
        return Record(str(number), source, number=number, error=error.one_line())
    return Record(record_id, source, number=number, document=document)


def _parse_json(text: str, at: Location) -> dict[str, Any]:
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant
        )
    except json.JSONDecodeError as error:
        raise InputError(
            f"not valid JSON: {error.msg} (column {error.colno})", at, "one JSON object per line"
        ) from None
    except RecursionError:
        raise InputError("JSON is nested too deeply", at, f"at most {MAX_DEPTH} levels") from None
    except ValueError as error:  # ours below, or a number longer than Python converts
        message = str(error)
        if "digits" in message and "int" in message:
            message = f"a number with more than {sys.get_int_max_str_digits():,} digits"
        raise InputError(f"not valid JSON: {message}", at, "one JSON object per line") from None
    if not isinstance(document, dict):
        raise InputError(
            f"the line holds {json_kind(document)}",
            at,
            "a JSON object: an answers document (meta, work, elements)",
        )
    surrogate = _lone_surrogate(document) if _SURROGATE_ESCAPE.search(text) else None
    if surrogate is not None:  # what YAML (libyaml) refuses, JSON must refuse too
        raise InputError(
            f"text holds the lone surrogate U+{ord(surrogate):04X} (half of a \\u escape pair)",
            at,
            "valid Unicode text",
        )
    return document


def json_kind(value: Any) -> str:
    """A JSON value's kind in JSON's words, for error lines (never Python's type names)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a JSON list"
    return "a JSON object"


_SURROGATE = re.compile("[\ud800-\udfff]")
# Text decoded from UTF-8 holds no surrogate (the codec refuses them), so a parsed
# line can hold one only where its JSON wrote one as an escape: without such an
# escape in the text, walking the whole document is not needed. (An escaped
# backslash before "ud800" also matches: then the walk decides, as before.)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any key or text of a parsed JSON value, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)  # at C speed; the loop below only names the first repeated key
    if len(found) == len(pairs):
        return found
    found = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate key {key!r}")
        found[key] = value
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _record_id(document: dict[str, Any], number: int, at: Location) -> str:
    if "id" not in document:
        return str(number)
    value = document.pop("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"'id' is {json_kind(value)}", at, "text or a whole number")
    text = str(value)
    if not text.strip() or len(text) > MAX_ID_CHARS or not text.isprintable():
        raise InputError(
            f"'id' {text[:40]!r} is empty, too long or not printable",
            at,
            f"printable text of at most {MAX_ID_CHARS} characters",
        )
    return text


def located(value: Any, location: Location, depth: int = 0) -> Any:
    """A parsed JSON value as the located values the answers validator reads.

    JSONL gives a line, not a line per key, so every part points at that line:
    each mapping and list has that location and no key or item one of its own,
    which `where` answers with the location of the whole. Texts, numbers and
    the like are taken as they are, without a call each (three in four values),
    except where they lie too deep.
    """
    if depth > MAX_DEPTH:
        raise InputError("JSON is nested too deeply", location, f"at most {MAX_DEPTH} levels")
    if isinstance(value, dict):
        mapping = LocatedDict(
            {
                key: located(item, location, depth + 1)
                if depth >= MAX_DEPTH or isinstance(item, _NESTED)
                else item
                for key, item in value.items()
            }
        )
        mapping.location = location
        mapping.key_locations = {}
        return mapping
    if isinstance(value, list):
        items = LocatedList(
            [
                located(item, location, depth + 1)
                if depth >= MAX_DEPTH or isinstance(item, _NESTED)
                else item
                for item in value
            ]
        )
        items.location = location
        items.item_locations = []
        return items
    return value


_NESTED = (dict, list)  # what located() wraps


# ------------------------------------------------------------------ writing


def result_line(record_id: str, result: dict[str, Any]) -> bytes:
    return _line({"id": record_id, "result": result})


def error_line(record_id: str, message: str) -> bytes:
    return _line({"id": record_id, "error": message})


def _line(document: dict[str, Any]) -> bytes:
    """The document as one line of compact JSON: the bytes `json.dumps` writes.

    orjson writes them three times faster, the check below included (0.08 ms
    a Result against 0.26 ms; evaluating one takes about 1.4 ms), and
    identically but for what it cannot
    write or writes otherwise: a lone surrogate, a key that is not text, an
    integer past 64 bits (it refuses them), and a number between -0.0001 and
    0.0001 (`1e-9` or `0.00001` where Python writes `1e-09` and `1e-05`).
    Those lines are written by `json.dumps`, as are lines whose text merely
    looks like such a number. (NaN and infinities, which the two also write
    differently, never reach a Result: answers and JSON lines refuse them.)
    """
    try:
        line = orjson.dumps(document, option=_ORJSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError: what orjson does not write
        return _json_line(document)
    return _json_line(document) if _may_hold_a_tiny_number(line) else line


# Dates and dataclasses are refused (TypeError) as json.dumps refuses them, not written.
_ORJSON_OPTIONS = (
    orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


def _may_hold_a_tiny_number(line: bytes) -> bool:
    """Whether orjson may have written a number as json.dumps does not: a negative
    exponent (`1e-9`, a digit before `e-`) or a fraction with four zeros after the
    point (`0.00001`). Found with bytes.find, which is a tenth of a regular
    expression's time over a line of 18 KB; text that looks so only costs json.dumps.

    `e-` is looked for at each `-`: a search for one byte takes a tenth of the
    time of one for two, and a line of a Result holds a few (its timestamp and
    command). Past the first few dozen, the search for both bytes goes on.
    """
    if b"0.0000" in line:
        return True
    at = line.find(b"-")
    for _ in range(_DASHES_ONE_BY_ONE):
        if at < 0:
            return False
        if at >= 2 and line[at - 1] == _E and line[at - 2] in _DIGITS:
            return True
        at = line.find(b"-", at + 1)
    at = line.find(b"e-", at - 1) if at > 0 else -1
    while at > 0:
        if line[at - 1] in _DIGITS:
            return True
        at = line.find(b"e-", at + 2)
    return False


_DIGITS = frozenset(b"0123456789")
_E = ord("e")
_DASHES_ONE_BY_ONE = 32


def _json_line(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate from a JSON "\ud800": keep it escaped
        return json.dumps(document, separators=(",", ":")).encode("ascii") + b"\n"


# ------------------------------------------------------------------ the words file


def words_file(output: Path) -> Path:
    """Where a run's words table goes: beside the results file, named after it."""
    return output.with_name(output.name + ".words.json")


def write_words(output: Path, words: dict[str, Any], sha256: str) -> None:
    """Write the run's words once, atomically, before its first line."""
    document = {"words_sha256": sha256, "words": words}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    path = words_file(output)
    try:
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as error:  # a full disk, a read-only folder, a folder in its place
        raise write_failure(path, "the words file", error) from None


def check_words(output: Path, sha256: str, lines_written: bool) -> bool:
    """Before resuming: whether the words file is there, and that it is this run's.

    Raises InputError for a results file with lines but no words file (written
    by a version whose lines carried their words: Result version 2) and for
    words of other rules or jurisdictions (the lines would not match).
    """
    path = words_file(output)
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        if lines_written:
            _check_lines_words(output, sha256)  # lines copied without their words file
        return False
    except OSError as error:
        raise InputError(
            f"cannot read the words file ({error.strerror or error})", Location(str(path))
        ) from None
    try:
        found = json.loads(text).get("words_sha256")
    except (ValueError, AttributeError):
        found = None
    if found != sha256:
        if not lines_written:
            return False  # a words file no line depends on: this run writes its own
        raise InputError(
            "the words file is not this run's (other rules, jurisdictions or law date)",
            Location(str(path)),
            "the same --rules and -j as the run being resumed, or a new results file",
        )
    return True


class ResultsFile:
    """The output of a batch run, appended to chunk by chunk and synced in the background.

    Each chunk's complete lines go to the operating system in one write as
    soon as they are known, so killing the process loses nothing already
    written. fsync runs at most every `sync_every` seconds, on a thread of its
    own (it waits on the disk, not the CPU): it bounds what a power failure can
    lose without stalling the process that feeds the workers.
    """

    def __init__(self, path: Path, sync_every: float = 1.0) -> None:
        self.path = path
        self._sync_every = sync_every
        folder = path.parent if str(path.parent) else Path(".")
        existed = path.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._stream = path.open("ab", buffering=0)
        except OSError as error:
            raise InputError(
                f"cannot write the results file ({error.strerror or error})", Location(str(path))
            ) from None
        if not existed:  # make the new name itself durable
            _fsync_folder(folder)
        self._last_sync = time.monotonic()
        self._sync_wanted = threading.Event()
        self._syncer: threading.Thread | None = None  # started on first use, after any fork
        self._closing = False

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:  # an unbuffered write may take only part of a large chunk
                written = self._stream.write(view)
                if not written:
                    raise OSError("the file accepted no more bytes")
                view = view[written:]
        except OSError as error:
            raise EnvironmentProblem(
                f"cannot write the results file ({error.strerror or error})",
                Location(str(self.path)),
                "space on the disk",
            ) from None

    def end_of_chunk(self) -> None:
        if time.monotonic() - self._last_sync < self._sync_every:
            return
        self._last_sync = time.monotonic()
        if self._syncer is None:
            self._syncer = threading.Thread(target=self._sync_loop, name="fsync", daemon=True)
            self._syncer.start()
        self._sync_wanted.set()

    def _sync_loop(self) -> None:
        while True:
            self._sync_wanted.wait()
            self._sync_wanted.clear()
            if self._closing:
                return
            with contextlib.suppress(OSError, ValueError):  # closed meanwhile: close syncs
                os.fsync(self._stream.fileno())

    def close(self) -> None:
        if self._stream.closed:
            return
        if self._syncer is not None:
            self._closing = True
            self._sync_wanted.set()
            self._syncer.join()
        os.fsync(self._stream.fileno())
        self._stream.close()

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def check_results_target(path: Path) -> None:
    """The results file must be a regular file or a new path: --resume reads it back and
    cuts it, which a FIFO or a device cannot do, and a link to nothing would create a
    file somewhere the user never named."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(
                "the results file is a symbolic link to nothing",
                Location(str(path)),
                "a new file name or a results file",
            ) from None
        return
    except OSError as error:
        raise InputError(
            f"cannot use the results file ({error.strerror or error})",
            Location(str(path)),
            "a new file name or a results file",
        ) from None
    kind = special_kind(found.st_mode)
    if kind is not None:
        raise InputError(
            f"the results file is {kind}",
            Location(str(path)),
            "a new file name or a regular results file",
        )


def check_new_output(path: Path) -> None:
    """Refuse to start over a results file that holds records: it may be a run to resume."""
    check_results_target(path)
    if path.exists() and path.stat().st_size > 0:
        raise InputError(
            "the results file already exists",
            Location(str(path)),
            "--resume to continue that run, or a new file name",
        )


@dataclass
class Written:
    """What an earlier run wrote: per id, whether each of its lines is an error, in order.

    A repeated id has one line per record that used it (its result, then error
    lines), so resuming consumes them one record at a time, never all at once.
    """

    lines: dict[str, deque[bool]] = field(default_factory=dict)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.lines)

    def add(self, record_id: str, is_error: bool) -> None:
        self.lines.setdefault(record_id, deque()).append(is_error)

    def take(self, record_id: str) -> bool | None:
        """Consume the next written line of this id: whether it is an error, or None."""
        left = self.lines.get(record_id)
        return left.popleft() if left else None


def resume(path: Path) -> Written:
    """The lines already written; a torn last line (a run killed mid-write) is cut off.

    A line counts as written only if it is complete: a JSON object on one line,
    ending with a newline, with an `id` and a `result` or an `error`. Only the
    last line can be torn (cut short, without its newline), and it is checked in
    full; the lines before it are checked by their shape and id, so resuming a
    run of 100,000 Results does not parse gigabytes of JSON. Any other bad line
    means the file is not ours, and nothing is changed.
    """
    written = Written()
    if not path.exists() and not path.is_symlink():
        return written
    check_results_target(path)
    good_end = 0
    try:
        with path.open("r+b") as stream:
            previous: bytes | None = None
            for number, raw in enumerate(iter(stream.readline, b"")):
                if previous is not None:
                    found = _written_id(previous)
                    if found is None:
                        raise InputError(
                            "not a line written by a batch run",
                            Location(str(path), number),
                            "a results file of copyrightable evaluate --batch",
                        )
                    written.add(*found)
                    good_end += len(previous)
                previous = raw
            if previous is not None:
                found = _written_id(previous, in_full=True)
                if found is not None:
                    written.add(*found)
                    good_end += len(previous)
                elif not _torn(previous):
                    raise InputError(
                        "not a line written by a batch run",
                        Location(str(path), number + 1),
                        "a results file of copyrightable evaluate --batch",
                    )
            if stream.seek(0, os.SEEK_END) != good_end:
                stream.truncate(good_end)  # the torn last line of a killed run
                stream.flush()
                os.fsync(stream.fileno())
    except OSError as error:
        raise InputError(
            f"cannot resume from the results file ({error.strerror or error})", Location(str(path))
        ) from None
    return written


_DECODER = json.JSONDecoder()


def _torn(raw: bytes) -> bool:
    """Whether a bad last line is what a killed write leaves: our line, cut short."""
    return not raw.endswith(b"\n") and (raw.startswith(_LINE_START) or _LINE_START.startswith(raw))


def _written_id(raw: bytes, in_full: bool = False) -> tuple[str, bool] | None:
    """(id, whether it is an error line) of a complete line of ours, else None."""
    if not raw.endswith(b"}\n") or not raw.startswith(_LINE_START):
        return None
    try:
        text = raw.decode("utf-8")
        if in_full:
            document = json.loads(text)
            if not ("result" in document or "error" in document):
                return None
            record_id = document["id"]
            is_error = "error" in document
        else:
            record_id, end = _DECODER.raw_decode(text, len(_LINE_START))
            if not text.startswith((',"result":', ',"error":'), end):
                return None
            is_error = text.startswith(',"error":', end)
    except (ValueError, KeyError, TypeError):
        return None
    return (record_id, is_error) if isinstance(record_id, str) else None


def _check_lines_words(output: Path, sha256: str) -> None:
    """Without a words file, the first Result line must name this run's words.

    A line of Result version 2 carries its words and names none: such a file
    cannot be continued by this version, whose lines would not match it.
    """
    with output.open("rb") as stream:
        for raw in stream:
            try:
                document = json.loads(raw)
            except ValueError:
                continue  # a torn last line: resume cuts it off
            if not isinstance(document, dict) or "result" not in document:
                continue
            result = document["result"]
            found = result.get("words_sha256") if isinstance(result, dict) else None
            if found is None:
                raise InputError(
                    "the results file holds Results of an earlier version (their words on "
                    "every line)",
                    Location(str(output)),
                    "a new results file (a run of this version states the words once, "
                    f"in {words_file(output).name})",
                )
            if found != sha256:
                raise InputError(
                    "the results file was written with other rules, jurisdictions or law date",
                    Location(str(output)),
                    "the same --rules and -j as the run being resumed, or a new results file",
                )
            return


# Measured on the shipped rules (docs/batch.md): the mean compact line of a Result,
# its words in the words file. A batch run checks the disk against it before it starts.
BYTES_PER_RECORD = 32 * 1024


def check_free_space(source: Path, output: Path, resume_run: bool) -> None:
    """Refuse to start a run whose results would not fit on the disk, by the estimate.

    A full disk midway costs nothing but time (the run stops, --resume continues),
    but at ~640 KB a Result, 20,000 records need 13 GB: better said before than after.
    """
    if not (source.is_dir() or source.is_file()):
        return  # read_records says what is wrong with it
    records = count_records(source)
    folder = output.parent if str(output.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
        have = output.stat().st_size if resume_run and output.is_file() else 0
    except OSError:
        return  # the results file's own checks report it
    needed = records * BYTES_PER_RECORD - have
    if needed > free:
        raise EnvironmentProblem(
            f"not enough free space for the results: {records:,} records need about "
            f"{_size(needed)} (about {_size(BYTES_PER_RECORD)} each), {_size(free)} free",
            Location(str(output)),
            "more free space, another place for -o, or fewer records",
        )


def _size(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:,.1f} {unit}"
        count /= 1024
    return f"{count:,.1f} TB"
