"""A process killed while writing leaves the old file or the new one, never a torn one.

Every file the tool produces alone (answers, reports, `evaluate -o`) goes through
`yamlio.atomic_write_bytes`; batch output is append-only and covered by the
kill tests in test_batch.py (a torn last line is cut off by --resume).
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

SIZE = 4 * 1024 * 1024  # large enough that a write takes a while

WRITER = textwrap.dedent("""
    import sys
    from copyrightable.io.yaml_files import atomic_write_bytes
    target = sys.argv[1]
    contents = [bytes([ord("a") + i]) * {size} for i in range(4)]
    print("ready", flush=True)
    turn = 0
    while True:
        atomic_write_bytes(target, contents[turn % 4])
        turn += 1
""").format(size=SIZE)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_torn_file(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_bytes(b"a" * SIZE)
    complete = {bytes([ord("a") + i]) * SIZE for i in range(4)}
    rng = random.Random(11)
    for _kill in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.3))
        writer.kill()
        writer.wait(timeout=30)
        assert target.read_bytes() in complete  # old or new, whole
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "answers.yaml"]
    assert all(
        name.startswith(".answers.yaml.") and name.endswith(".tmp") for name in leftovers
    )  # a killed write leaves at most its temporary file
