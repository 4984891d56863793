"""A JSONL record as the answers validator reads it: every part at the record's line.

JSONL gives one line per record, so `located` gives every mapping and list that
line and leaves keys and items without locations of their own; the validator's
`where` then names the line whatever it asks about. Values nested deeper than
MAX_DEPTH levels are refused, a text or a number as much as a mapping.
"""

from __future__ import annotations

from typing import Any

import pytest

from copyrightable.batch.records import located
from copyrightable.io.errors import InputError, Location
from copyrightable.io.yaml_files import MAX_DEPTH, LocatedDict, LocatedList, where

LINE = Location("batch.jsonl", 12)


def test_every_part_and_every_key_and_item_is_at_the_line() -> None:
    document = {"meta": {"title": "T", "tools": ["a", {"b": 1}]}, "elements": {}, "n": 1}
    view = located(document, LINE)
    assert view == document
    assert isinstance(view, LocatedDict) and isinstance(view["meta"], LocatedDict)
    tools = view["meta"]["tools"]
    assert isinstance(tools, LocatedList) and isinstance(tools[1], LocatedDict)
    for part, keys in ((view, ["meta", "n", "absent", None]), (view["meta"], ["title"])):
        assert [part.where(key) for key in keys] == [LINE] * len(keys)
    assert [tools.where(index) for index in (0, 1, 7, None)] == [LINE] * 4
    assert where(tools[1], "b") == LINE


def nested(levels: int, leaf: Any) -> Any:
    """`leaf` inside `levels` mappings and lists: it lies at depth `levels`."""
    value = leaf
    for level in range(levels):
        value = {"k": value} if level % 2 else [value]
    return value


@pytest.mark.parametrize("leaf", ["text", 1, None, {}, [], {"k": 1}, ["x"]])
def test_values_deeper_than_the_limit_are_refused_whatever_they_are(leaf: Any) -> None:
    levels = MAX_DEPTH - 1 if leaf in ({"k": 1}, ["x"]) else MAX_DEPTH  # the deepest value's
    assert located(nested(levels, leaf), LINE) == nested(levels, leaf)
    with pytest.raises(InputError) as caught:
        located(nested(levels + 1, leaf), LINE)
    assert caught.value.one_line() == (
        f"batch.jsonl:12: JSON is nested too deeply; expected at most {MAX_DEPTH} levels"
    )
