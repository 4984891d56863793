"""The strict YAML reader: every way a file can be wrong gives one located error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copyrightable.errors import InputError
from copyrightable.yamlio import atomic_write_text, load_yaml_file, load_yaml_text


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
    assert error.one_line() == ("f.yaml:3: duplicate key 'a' (first defined at line 2); "
                                "expected each key once")


@pytest.mark.parametrize("text, words", [
    ("a: &x [1, 2]\nb: *x\n", "anchors"),
    ("a: !!python/object:os.system {}\n", "tag"),
    ("a: !custom 1\n", "tag"),
    ("a: [1, 2\n", "malformed YAML"),
    ("", "file is empty"),
    ("# only a comment\n", "file is empty"),
    ("a:\n  <<: {b: 1}\n", "merge keys"),
    ("? [1, 2]\n: x\n", "plain value"),
])
def test_rejects_what_rule_data_never_needs(text: str, words: str) -> None:
    assert words in error_of(text).one_line()


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
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
