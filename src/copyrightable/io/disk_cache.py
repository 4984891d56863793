"""The on-disk cache of what every run would otherwise rebuild: the loaded law, compiled templates.

Why: a one-shot command such as `copyrightable evaluate FILE` spends most of
its time not evaluating but reading and cross-checking the rule files (about
a third of it) and compiling the Jinja templates (about a fifth), and both
change far less often than the command is run. A loaded Law is plain frozen
data, which pickle restores in a few milliseconds; Jinja's own bytecode cache
keeps compiled templates, checked against each template's source.

Why the law entry can never give a stale answer: it is found by a key that hashes
everything the loaded Law depends on: the bytes of every rule file read, the
names of the rule-set files in the folder, the folder as messages show it,
the size and modification time of each module of the package, in every
subpackage (a changed loader or data type misses the cache; a new release
changes them all), and the Python version. A corrupt, truncated or
unreadable entry is a miss. Nothing is ever written in place: entries are
written to a temporary file and renamed, and a cache that cannot be written
(a read-only home) only costs the saving.

Where: `$XDG_CACHE_HOME/copyrightable` (by default `~/.cache/copyrightable`),
or the folder `COPYRIGHTABLE_CACHE` names; `COPYRIGHTABLE_CACHE=off` turns it
off. At most MAX_ENTRIES entries are kept, the least recently written removed.
Templates are kept in a `templates-KEY` folder beside them (KEY as above,
from the code and Jinja's version, since the environment's options shape the
compiled code), one file per template, replaced when its source changes;
older `templates-*` folders are removed. The law entries are pickles, so
the folder is created readable by its owner only: it is trusted as the
user's own files are.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import jinja2

ENVIRONMENT_VARIABLE = "COPYRIGHTABLE_CACHE"
OFF = "off"
MAX_ENTRIES = 16
_FORMAT = b"law-cache 1"  # bump to abandon every older entry
# The whole package, every subpackage included: a changed loader (law/), data type
# (law/model.py) or renderer misses the cache, not only a changed io/ module.
PACKAGE = Path(sys.modules[__name__.partition(".")[0]].__path__[0]).resolve()

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the user turned the cache off."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "copyrightable"


def cached(parts: Iterable[bytes], build: Callable[[], T]) -> T:
    """`build()`'s value, from the cache when an entry under the same key exists.

    `parts` are the bytes the value depends on besides the code (the caller
    names them: the files read, in order). An error raised by `build` is
    never cached; it reaches the caller as it would without the cache.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"law-{_key(parts)}.pickle"
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # missing, corrupt or from elsewhere: a miss
        pass
    value = build()
    _store(folder, entry, value)
    return value


def code_key(package: Path = PACKAGE) -> bytes:
    """What the cached values depend on in the code: Python, and each module's size and time.

    Every module of `package`, at any depth, counts. Computed once per process
    for the package itself (the law and the templates both key on it): the
    code a process runs is the code it imported, whatever changes on disk later.
    """
    if package == PACKAGE:
        return _package_code_key()
    return _modules_key(package)


@functools.cache
def _package_code_key() -> bytes:
    return _modules_key(PACKAGE)


def _modules_key(package: Path) -> bytes:
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    for module in sorted(_modules(package)):
        stat = module.stat()
        digest.update(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.digest()


def _modules(package: Path) -> list[Path]:
    """Every `.py` file under `package`, skipping the bytecode folders."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found.extend(Path(folder, name) for name in files if name.endswith(".py"))
    return found


def _key(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(code_key())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def _store(folder: Path, entry: Path, value: object) -> None:
    """Write the entry atomically and prune the oldest; any failure leaves no trace."""
    temporary = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".law-", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        temporary = None
        entries = sorted(folder.glob("law-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except Exception:  # the cache is a saving, never a failure
        pass
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def template_cache() -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache in the cache folder, or None (off, or no folder can be made)."""
    import jinja2  # only the commands that render load jinja2

    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(code_key() + jinja2.__version__.encode()).hexdigest()[:32]
    here = folder / f"templates-{key}"
    try:
        if not here.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            for old in folder.glob("templates-*"):
                shutil.rmtree(old, ignore_errors=True)
            here.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None

    class _QuietCache(jinja2.FileSystemBytecodeCache):
        """Jinja's file cache, except that a failure to read or write is only a miss."""

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # corrupt or unreadable: compile afresh
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(Exception):  # the cache is a saving, never a failure
                super().dump_bytecode(bucket)

    return _QuietCache(str(here))
