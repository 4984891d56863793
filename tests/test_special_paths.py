"""Every command that reads a path, given every kind of path that is not a good file.

Each run must end within 10 s with exactly one line on stderr and exit code 2:
a FIFO (which blocks a plain open forever), a link to one, character devices
(`/dev/zero` never ends, `/dev/null` is empty), a socket, a link to nothing, a
link loop, a folder, a missing path, an unreadable path and a 50 MB file.

"Unreadable" must hold for root too, who reads a mode-000 file regardless: as
root the command runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
(`setpriv --bounding-set`), so file permissions apply to it as to anyone.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, REPO

GOOD = (
    "meta: {schema: 1, title: t}\nwork: {ai_named_author: no}\nelements:\n"
    "  art: {kind: image, answers: {ai_used: yes, prompt_count: 3, edits: none}}\n"
)
BIG = 50 * 1024 * 1024
KINDS = [
    "fifo",
    "fifo_link",
    "dev_zero",
    "dev_null",
    "socket",
    "dangling",
    "loop",
    "folder",
    "missing",
    "unreadable",
    "big",
]

# (name, command line with {path}); {good} is a valid answers file, {out} a new file.
FILE_COMMANDS = [
    ("evaluate", ["evaluate", "{path}", "--rules", "{law}"]),
    ("report", ["report", "{path}", "-f", "md", "--rules", "{law}"]),
    ("ask --resume", ["ask", "--plain", "--resume", "{path}", "-o", "{out}", "--rules", "{law}"]),
    ("cases show", ["cases", "show", "{path}", "--rules", "{law}"]),
    ("evaluate --batch", ["evaluate", "--batch", "{path}", "-o", "{out}", "--rules", "{law}"]),
]
FOLDER_COMMANDS = [
    ("evaluate --rules", ["evaluate", "{good}", "--rules", "{path}"]),
    ("rules check --rules", ["rules", "check", "--rules", "{path}"]),
    ("cases list --cases", ["cases", "list", "--cases", "{path}", "--rules", "{law}"]),
]


@pytest.fixture(scope="module")
def places() -> Iterator[dict[str, Path]]:
    """One path of each kind, named *.yaml; for folder options, `folder` holds bad files."""
    root = Path(tempfile.mkdtemp(prefix="cr-special-"))  # short: a socket path has a limit
    try:
        made = {kind: root / f"{kind}.yaml" for kind in KINDS}
        os.mkfifo(made["fifo"])
        made["fifo_link"].symlink_to(made["fifo"])
        made["dev_zero"].symlink_to("/dev/zero")
        made["dev_null"].symlink_to("/dev/null")
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(made["socket"]))
        made["dangling"].symlink_to(root / "nowhere.yaml")
        made["loop"].symlink_to(root / "loop2.yaml")
        (root / "loop2.yaml").symlink_to(made["loop"])
        made["folder"].mkdir()
        os.mkfifo(made["folder"] / "authorities.yaml")  # what --rules reads first
        os.mkfifo(made["folder"] / "case.yaml")  # what --cases reads
        made["unreadable"].write_text(GOOD)
        made["unreadable"].chmod(0)
        with made["big"].open("wb") as stream:
            stream.truncate(BIG)  # 50 MB of NUL bytes, sparse
        (root / "good.yaml").write_text(GOOD)
        made["good"] = root / "good.yaml"
        made["root"] = root
        yield made
        server.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def without_file_permission_override() -> list[str]:
    """A prefix that makes root subject to file permissions, or [] for anyone else."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 file is readable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def run(
    words: list[str], places: dict[str, Path], kind: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    values = {
        "path": str(places[kind]),
        "law": str(FIXTURE_LAW),
        "good": str(places["good"]),
        "out": str(tmp_path / "new.out"),
    }
    command = [sys.executable, "-m", "copyrightable", *(word.format(**values) for word in words)]
    if kind == "unreadable":
        command = without_file_permission_override() + command
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=10,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO))},
    )


def check(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stderr.endswith("\n"), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "words"), FILE_COMMANDS, ids=[c[0] for c in FILE_COMMANDS])
def test_a_command_given_a_bad_file_says_so_in_one_line(
    places: dict[str, Path], tmp_path: Path, name: str, words: list[str], kind: str
) -> None:
    check(run(words, places, kind, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "words"), FOLDER_COMMANDS, ids=[c[0] for c in FOLDER_COMMANDS])
def test_a_command_given_a_bad_folder_says_so_in_one_line(
    places: dict[str, Path], tmp_path: Path, name: str, words: list[str], kind: str
) -> None:
    check(run(words, places, kind, tmp_path))
