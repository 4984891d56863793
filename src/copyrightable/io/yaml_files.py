"""Strict YAML reading with line numbers, and atomic file writing.

PyYAML's `safe_load` silently keeps the last of two duplicate keys, expands
anchors (the "billion laughs" attack) and forgets where each value came from.
Rule files are legal data, so we compose the node graph ourselves: duplicate
keys, aliases and non-standard tags are errors, and every mapping remembers the
line of each key so that later validation can say `file:line`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import InputError, Location

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


class LocatedDict(dict):
    """A dict that knows the file and line of itself and of each of its keys."""

    location: Location
    key_locations: dict[Any, Location]

    def where(self, key: Any | None = None) -> Location:
        """Location of `key` (or of the mapping itself when key is None or absent)."""
        if key is not None and key in self.key_locations:
            return self.key_locations[key]
        return self.location


class LocatedList(list):
    """A list that knows the line of itself and of each item."""

    location: Location
    item_locations: list[Location]

    def where(self, index: int | None = None) -> Location:
        if index is not None and 0 <= index < len(self.item_locations):
            return self.item_locations[index]
        return self.location


def where(value: Any, key: Any | None = None, default: Location | None = None) -> Location:
    """Best-known location of a value (or of one of its keys/items)."""
    if isinstance(value, LocatedDict | LocatedList):
        return value.where(key)
    return default if default is not None else Location("<input>")


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, turning every way it can fail into one InputError.

    The file is opened without blocking and must be a regular file: opening a
    FIFO would otherwise wait forever for a writer, and a device (`/dev/zero`)
    never ends. At most `max_bytes` + 1 bytes are read whatever the file claims
    to be, so a file that grows while it is read is refused too.
    """
    display = str(path)
    try:
        handle = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
    except FileNotFoundError:
        problem = "broken symbolic link" if os.path.islink(path) else "file not found"
        raise InputError(problem, Location(display), "an existing YAML file") from None
    except OSError as error:
        raise _unreadable(error, display) from None
    try:
        kind = special_kind(os.fstat(handle).st_mode)
        if kind is not None:
            raise InputError(f"is {kind}, not a regular file", Location(display), "a YAML file")
        os.set_blocking(handle, True)
        with os.fdopen(handle, "rb") as stream:
            handle = -1
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        raise _unreadable(error, display) from None
    finally:
        if handle >= 0:
            os.close(handle)
    if len(raw) > max_bytes:
        raise InputError(
            f"file is too large (more than {max_bytes:,} bytes)",
            Location(display),
            f"at most {max_bytes:,} bytes",
        )
    return decode_text(raw, display)


def _unreadable(error: OSError, display: str) -> InputError:
    """The one line for a file the system would not let us open or read."""
    return InputError(
        f"cannot read file ({error.strerror or error})", Location(display), "a readable YAML file"
    )


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode_text(raw: bytes, display: str) -> str:
    """Decode bytes as UTF-8 (a BOM is allowed), rejecting binary content clearly."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "file is UTF-16 text", Location(display, 1), "UTF-8 text (save it again as UTF-8)"
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            "file contains a NUL byte (is it a binary file?)", Location(display, line), "UTF-8 text"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            Location(display, line),
            "UTF-8 text",
        ) from None
    return text


def load_yaml_file(path: Path | str) -> Any:
    """Load one YAML document from a file, strictly, with locations."""
    path = Path(path)
    return load_yaml_text(read_text(path), str(path))


def load_yaml_text(text: str, display: str) -> Any:
    """Load one YAML document from text, strictly, with locations.

    An empty document is an error: every file we read must say something.
    """
    try:
        found = _build(yaml.parse(text, Loader=_PARSER), display)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "malformed YAML"
        if "nesting depth" in problem:  # libyaml's own limit, met while scanning ahead
            raise InputError(
                "YAML is nested too deeply", Location(display, line), f"at most {MAX_DEPTH} levels"
            ) from None
        raise InputError(
            f"malformed YAML: {problem}", Location(display, line), "valid YAML"
        ) from None
    except yaml.reader.ReaderError as error:  # a raw control character: find its line ourselves
        character = chr(error.character) if isinstance(error.character, int) else "\x00"
        line = text[: max(text.find(character), 0)].count("\n") + 1
        raise InputError(
            f"file contains the control character U+{ord(character):04X}",
            Location(display, line),
            "printable UTF-8 text",
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"malformed YAML: {error}", Location(display), "valid YAML") from None
    if not found:
        raise InputError("file is empty", Location(display, 1), "a YAML mapping")
    return found[0]


# libyaml parses about eight times faster than PyYAML's pure-Python parser (a
# 5 MB file in seconds instead of a minute); both yield the same events.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
# One loader instance serves only as the `self` of the safe scalar constructors.
# Calling the constructor functions directly (not `construct_object`) avoids the
# loader's per-node cache, which would otherwise grow with every file read.
_scalar_constructor = yaml.SafeLoader("")
_SCALAR_CONSTRUCTORS = yaml.SafeLoader.yaml_constructors
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = _STANDARD_TAGS - {_MAP_TAG, _SEQ_TAG}


class _Collection:
    """A mapping or list being filled while its events stream past."""

    def __init__(self, value: LocatedDict | LocatedList) -> None:
        self.value = value
        self.key: Any = _NO_KEY  # a mapping's pending key, until its value arrives
        self.key_location: Location | None = None


_NO_KEY = object()


def _build(events: Iterator[yaml.Event], display: str) -> list[Any]:
    """The documents of an event stream as located values, checked as they stream.

    Building from events rather than from PyYAML's node graph makes one pass,
    needs no recursion, and stops at the first anchor, tag or level too deep,
    before a hostile file (a billion laughs, a megabyte of `[`) costs anything.
    """
    documents: list[Any] = []
    stack: list[_Collection] = []
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise InputError(
                "YAML aliases (*name) are not allowed",
                _at(event, display),
                "each value written out in full",
            )
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            _place(done.value, done.value.location, stack, documents)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue  # stream and document boundaries
        location = _at(event, display)
        if event.anchor is not None:
            raise InputError(
                f"YAML anchors (&{event.anchor}) are not allowed",
                location,
                "each value written out in full",
            )
        if len(stack) >= MAX_DEPTH:
            raise InputError("YAML is nested too deeply", location, f"at most {MAX_DEPTH} levels")
        if documents:
            raise InputError("more than one YAML document", location, "a single document")
        if isinstance(event, yaml.ScalarEvent):
            _place(_scalar(event, location), location, stack, documents)
            continue
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        _check_tag(getattr(event, "tag", None), _MAP_TAG if is_mapping else _SEQ_TAG, location)
        if stack and stack[-1].key is _NO_KEY and isinstance(stack[-1].value, LocatedDict):
            raise InputError("a mapping key must be a plain value", location)
        collection: LocatedDict | LocatedList
        if is_mapping:
            collection = LocatedDict()
            collection.key_locations = {}
        else:
            collection = LocatedList()
            collection.item_locations = []
        collection.location = location
        stack.append(_Collection(collection))
    return documents


def _at(event: yaml.Event, display: str) -> Location:
    mark = event.start_mark  # the parser always sets it; the stubs allow None
    if mark is None:
        return Location(display, 0, 0)
    return Location(display, mark.line + 1, mark.column + 1)


def _check_tag(tag: str | None, natural: str, location: Location) -> None:
    if tag is None or tag in ("!", natural):
        return
    raise InputError(
        f"YAML tag {tag!r} is not allowed here", location, "plain YAML values (no tags)"
    )


def _scalar(event: yaml.ScalarEvent, location: Location) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == "tag:yaml.org,2002:value":  # a lone "=" is text, not a YAML 1.1 oddity
        tag = "tag:yaml.org,2002:str"
    if tag == "tag:yaml.org,2002:merge":
        raise InputError(
            "YAML merge keys (<<) are not allowed", location, "each key written out in full"
        )
    if tag not in _SCALAR_TAGS:
        raise InputError(
            f"YAML tag {tag!r} is not allowed", location, "plain YAML values (no tags)"
        )
    node = yaml.ScalarNode(
        tag, event.value, cast(Any, event.start_mark), cast(Any, event.end_mark), event.style
    )
    try:
        return _SCALAR_CONSTRUCTORS[tag](_scalar_constructor, node)
    except Exception as error:  # PyYAML's constructors fail in many ways
        # e.g. `!!int ""` (IndexError), `!!bool maybe` (KeyError), `!!timestamp x`
        # (AttributeError), a 5,000-digit integer (ValueError): all one bad value.
        kind = tag.rsplit(":", 1)[-1]
        if kind == "timestamp" and isinstance(error, ValueError):  # 2026-13-45
            raise InputError(
                f"invalid date {event.value!r} ({error})",
                location,
                "a real date written YYYY-MM-DD",
            ) from None
        if kind == "int" and len(event.value) > sys.get_int_max_str_digits():
            raise InputError(
                f"a number with {len(event.value):,} digits",
                location,
                f"at most {sys.get_int_max_str_digits():,} digits",
            ) from None
        shown = event.value if len(event.value) <= 40 else event.value[:37] + "..."
        raise InputError(
            f"{shown!r} cannot be read as a YAML {kind}",
            location,
            f"a valid {kind}, or the text in quotes",
        ) from None


def _place(value: Any, location: Location, stack: list[_Collection], documents: list[Any]) -> None:
    """Put a finished value where it belongs: a document, a list item, a key or a value."""
    if not stack:
        documents.append(value)
        return
    parent = stack[-1]
    if isinstance(parent.value, LocatedList):
        parent.value.append(value)
        parent.value.item_locations.append(location)
        return
    mapping = parent.value
    if parent.key is _NO_KEY:
        if value in mapping:
            first = mapping.key_locations[value]
            raise InputError(
                f"duplicate key {value!r} (first defined at line {first.line})",
                location,
                "each key once",
            )
        parent.key, parent.key_location = value, location
        return
    mapping[parent.key] = value
    mapping.key_locations[parent.key] = parent.key_location  # type: ignore[assignment]
    parent.key, parent.key_location = _NO_KEY, None


def display_path(path: Path) -> Path:
    """Relative to the working directory where possible, so messages read `rules/us.yaml:12`."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:
        return path
    return path if str(relative).startswith("..") else relative


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    """YAML files below a folder, in a stable order (so reports are deterministic).

    Every *.yaml entry that is not a folder, so that a FIFO or a link to nothing
    is read (and refused in one line by read_text) instead of silently skipped.
    """
    yield from sorted(
        p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"} and not p.is_dir()
    )


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write a file so that a crash leaves the old file or the new one, never half of one.

    The temporary file lives in the same folder so that the final rename is atomic
    on POSIX file systems; fsync makes the content durable before the rename.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


class UnsafeTarget(OSError):
    """A path that an atomic write must not replace: a folder, a block device, a socket,
    a broken symbolic link. An OSError, so every writer reports it as it reports
    a full disk or a read-only folder: one line, the reason in `strerror`."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to `path`: atomically for a regular file or a new path.

    What is not a regular file is treated as coreutils and git treat it:
    - a symbolic link is followed, and its target is replaced atomically (git's
      lock files do the same), so the link itself stays; a link to nothing is
      refused rather than creating a file somewhere the user never named;
    - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a pipe) is
      written through, as `sort -o` or a shell redirection would: it cannot be
      renamed over without destroying it (as root, `-o /dev/null` would replace
      the device with a regular file). A FIFO with no reader is refused at once
      instead of waiting for one;
    - a folder, a block device or a socket is refused.
    """
    path = Path(path)
    try:
        found = os.stat(path)  # through links, even /proc's (/dev/stdout to a pipe)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnsafeTarget(path, "a symbolic link to nothing") from None
        _replace_atomically(path, data)
        return
    if stat.S_ISREG(found.st_mode):
        _replace_atomically(Path(os.path.realpath(path)) if os.path.islink(path) else path, data)
    elif stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode):
        _write_through(path, data)
    else:
        raise UnsafeTarget(path, f"{special_kind(found.st_mode)}, not a file to write")


def _write_through(path: Path, data: bytes) -> None:
    """Write into a device or a FIFO in place, never blocking on a FIFO without a reader."""
    try:
        handle = os.open(
            path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO that nobody reads
            raise UnsafeTarget(path, "a FIFO that nothing reads") from None
        raise
    try:
        os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            if not written:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            view = view[written:]
    finally:
        os.close(handle)


def _replace_atomically(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
