"""The strict YAML reader: every way a file can be wrong gives one located error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from copyrightable.io.errors import InputError
from copyrightable.io.yaml_files import (
    MAX_DEPTH,
    LocatedDict,
    atomic_write_text,
    load_yaml_file,
    load_yaml_text,
    read_text,
)


def error_of(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load_yaml_text(text, "f.yaml")
    return caught.value


def test_keeps_the_line_of_every_key() -> None:
    data = load_yaml_text("a: 1\nb:\n  c: 2\nd: [x, y]\n", "f.yaml")
    assert data.where("b").line == 2
    assert data["b"].where("c").line == 3
    assert data["d"].where(1).line == 4


def test_duplicate_key_names_both_lines() -> None:
    error = error_of("rules:\n  a: 1\n  a: 2\n")
    assert error.one_line() == (
        "f.yaml:3: duplicate key 'a' (first defined at line 2); expected each key once"
    )


@pytest.mark.parametrize(
    "text, words",
    [
        ("a: &x [1, 2]\nb: *x\n", "anchors"),
        ("a: !!python/object:os.system {}\n", "tag"),
        ("a: !custom 1\n", "tag"),
        ("a: [1, 2\n", "malformed YAML"),
        ("", "file is empty"),
        ("# only a comment\n", "file is empty"),
        ("a:\n  <<: {b: 1}\n", "merge keys"),
        ("? [1, 2]\n: x\n", "plain value"),
    ],
)
def test_rejects_what_rule_data_never_needs(text: str, words: str) -> None:
    assert words in error_of(text).one_line()


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert "anchors" in error_of("\n".join(lines)).one_line()


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    assert "nested too deeply" in error_of("[" * 5000 + "]" * 5000).one_line()


def test_binary_and_bad_encodings(tmp_path: Path) -> None:
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"a: 1\nb: \x00\n")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: caf\xe9\n".encode("latin-1"))
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffa: 中文\n".encode())
    with pytest.raises(InputError, match="NUL byte") as caught:
        load_yaml_file(nul)
    assert caught.value.location.line == 2
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_yaml_file(latin)
    assert load_yaml_file(bom) == {"a": "中文"}


def test_missing_folder_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_yaml_file(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load_yaml_file(tmp_path)
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        load_yaml_file(big)


def test_atomic_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "answers.yaml"
    atomic_write_text(target, "first\n")
    atomic_write_text(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(target.parent) == ["answers.yaml"]


def message_of(text: str) -> str:
    with pytest.raises(InputError) as caught:
        load_yaml_text(text, "f.yaml")
    return caught.value.one_line()


def test_values_keep_the_line_of_each_key_and_item() -> None:
    data = load_yaml_text("a: 1\nb:\n  - x\n  - {c: 2020-01-02}\n", "f.yaml")
    assert isinstance(data, LocatedDict)
    assert data == {"a": 1, "b": ["x", {"c": __import__("datetime").date(2020, 1, 2)}]}
    assert data.where("b").line == 2
    assert data["b"].where(1).line == 4
    assert data["b"][1].where("c").line == 4


@pytest.mark.parametrize(
    "text",
    [
        "title: !!timestamp hello",  # PyYAML: AttributeError
        'title: !!int ""',  # IndexError
        'title: !!float ""',  # IndexError
        "title: !!bool maybe",  # KeyError
        'title: !!int "0x"',  # ValueError
    ],
)
def test_a_standard_tag_on_a_value_it_cannot_read_is_one_clear_error(text: str) -> None:
    message = message_of(text)
    assert message.startswith("f.yaml:1: ")
    assert "cannot be read as a YAML" in message


@pytest.mark.parametrize(
    "text",
    [
        "title: !!map x",
        "title: !!seq x",
        "title: !!str {a: 1}",
        "title: !!int [1]",
        "title: !!set {a: null}",
    ],
)
def test_a_tag_that_contradicts_the_shape_of_the_value_is_refused(text: str) -> None:
    assert "is not allowed" in message_of(text)


def test_tags_that_construct_python_objects_are_refused() -> None:
    message = message_of('x: !!python/object/apply:os.system ["echo owned"]')
    assert "python/object/apply:os.system" in message and "not allowed" in message


def test_a_5000_digit_number_is_one_clear_error() -> None:
    assert "a number with 5,000 digits" in message_of("n: " + "9" * 5000)


def test_anchors_aliases_and_merge_keys_are_refused() -> None:
    assert "anchors (&a)" in message_of("a: &a [1]\nb: 2\n")
    assert "aliases" in message_of("a: [1]\nb: *a\n")
    assert "merge keys" in message_of("<<: {a: 1}\n")


def test_a_billion_laughs_is_refused_at_its_first_anchor_without_expanding() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    started = time.monotonic()
    assert "anchors (&a0)" in message_of("\n".join(lines))
    assert time.monotonic() - started < 1


def test_deep_nesting_is_refused_at_the_limit_quickly() -> None:
    started = time.monotonic()
    message = message_of("[" * 400_000 + "]" * 400_000)  # used to hang PyYAML's scanner
    assert "nested too deeply" in message or "nesting depth" in message
    assert time.monotonic() - started < 2
    assert load_yaml_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yaml") is not None
    assert "nested too deeply" in message_of(
        "a:\n"
        + "".join("  " * i + f"k{i}:\n" for i in range(1, MAX_DEPTH + 2))
        + "  " * (MAX_DEPTH + 2)
        + "x"
    )


@pytest.mark.slow
def test_a_five_megabyte_file_loads_whole_through_libyaml(tmp_path: Path) -> None:
    """Large files load completely, through libyaml's parser: PyYAML's pure-Python one
    took about a minute for this file. How long it takes is a benchmark's business
    (benchmarks/), not a timed test's, which would fail whenever the machine is busy."""
    from copyrightable.io import yaml_files as yamlio

    assert yamlio._PARSER is yaml.CSafeLoader  # PyYAML's wheels ship libyaml
    path = tmp_path / "big.yaml"
    rows = (
        f"  k{i}: {{kind: text, answers: {{a: yes, b: [x, y], c: 12}}}}\n" for i in range(70_000)
    )
    path.write_text("elements:\n" + "".join(rows))
    assert 4_000_000 < path.stat().st_size < 5_000_000
    data = load_yaml_file(path)
    assert len(data["elements"]) == 70_000
    assert data["elements"]["k69999"]["answers"] == {"a": True, "b": ["x", "y"], "c": 12}


def test_duplicate_keys_collection_keys_and_several_documents_are_refused() -> None:
    assert "duplicate key 'a' (first defined at line 1)" in message_of("a: 1\na: 2\n")
    assert "must be a plain value" in message_of("[a]: 1\n")
    assert "must be a plain value" in message_of("? {a: 1}\n: 2\n")
    assert "more than one YAML document" in message_of("a: 1\n---\nb: 2\n")


def test_an_empty_or_comment_only_file_is_refused() -> None:
    assert "file is empty" in message_of("")
    assert "file is empty" in message_of("# nothing\n")


def test_a_lone_equals_sign_is_text() -> None:
    assert load_yaml_text("a: =\n", "f.yaml") == {"a": "="}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xff\xfea\x00", "f.yaml:1: file is UTF-16 text"),
        (b"a: 1\x00", "NUL byte"),
        (b"a: \xc3\x28\n", "not valid UTF-8 (byte 0xc3)"),
        (b"a: 1\nb: \x00\n", "f.yaml:2: file contains a NUL byte"),
    ],
)
def test_binary_content_is_refused_with_its_line(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        load_yaml_file(path)
    assert expected in caught.value.one_line()


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("\ufeffa: 标题\n".encode())
    assert load_yaml_file(path) == {"a": "标题"}


def test_a_device_is_refused_before_anything_is_read() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    started = time.monotonic()
    with pytest.raises(InputError, match="is a character device, not a regular file"):
        read_text(zero, max_bytes=1000)
    assert time.monotonic() - started < 1


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match="is a FIFO"):
        read_text(fifo)
    assert time.monotonic() - started < 1


def test_a_folder_or_a_missing_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nope.yaml")
