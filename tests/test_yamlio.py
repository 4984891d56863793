"""The strict YAML reader: every hostile shape of input is one InputError, quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from copyrightable.errors import InputError
from copyrightable.yamlio import load_yaml_text, read_text


def error_of(text: str) -> str:
    with pytest.raises(InputError) as caught:
        load_yaml_text(text, "f.yaml")
    return caught.value.one_line()


def test_a_device_is_read_no_further_than_the_size_limit() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    started = time.monotonic()
    with pytest.raises(InputError, match="too large"):
        read_text(zero, max_bytes=1000)
    assert time.monotonic() - started < 1


def test_a_folder_or_a_missing_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nope.yaml")
