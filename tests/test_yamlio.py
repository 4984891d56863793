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


@pytest.mark.parametrize("text", [
    'title: !!timestamp hello',  # PyYAML: AttributeError
    'title: !!int ""',  # IndexError
    'title: !!float ""',  # IndexError
    'title: !!bool maybe',  # KeyError
    'title: !!int "0x"',  # ValueError
])
def test_a_standard_tag_on_a_value_it_cannot_read_is_one_clear_error(text: str) -> None:
    message = error_of(text)
    assert message.startswith("f.yaml:1: ")
    assert "cannot be read as a YAML" in message


@pytest.mark.parametrize("text", ["title: !!map x", "title: !!seq x", "title: !!str {a: 1}",
                                  "title: !!int [1]", "title: !!set {a: null}"])
def test_a_tag_that_contradicts_the_shape_of_the_value_is_refused(text: str) -> None:
    assert "is not allowed" in error_of(text)


def test_tags_that_construct_python_objects_are_refused() -> None:
    message = error_of('x: !!python/object/apply:os.system ["echo owned"]')
    assert "python/object/apply:os.system" in message and "not allowed" in message


def test_a_5000_digit_number_is_one_clear_error() -> None:
    assert "a number with 5,000 digits" in error_of("n: " + "9" * 5000)


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
