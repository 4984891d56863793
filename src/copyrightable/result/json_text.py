"""JSON text for people and for diff: indented, with short and flat parts kept on few lines.

`json.dumps(..., indent=2)` gives every list item its own line. A Result's
trace is mostly short lists of part truths (`["true", "false"]`) and maps of
question → answer, so that layout doubles the size of a Result and makes it
longer to scroll than to read. Here a container stays on one line when it fits
the width, a list of scalars always does, and a map or list of scalars too
long for one line is filled line by line. The text parses to the same value
as `json.dumps` of it; the layout depends on the value alone (deterministic).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

WIDTH = 100


def dumps(value: Any, width: int = WIDTH) -> str:
    """`value` as JSON text (UTF-8 characters kept, keys in their given order)."""
    return _encode(value, 0, width)


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flat(value: Any) -> bool:
    return not isinstance(value, Mapping | list | tuple) or not value


def _encode(value: Any, depth: int, width: int) -> str:
    if not isinstance(value, Mapping | list | tuple) or not value:
        return _one(value)
    pairs: list[tuple[str | None, Any]] = (
        [(key, item) for key, item in value.items()]
        if isinstance(value, Mapping)
        else [(None, item) for item in value]
    )
    flat = all(_flat(item) for _, item in pairs)
    if flat and not isinstance(value, Mapping):
        return _one(value)
    pad, end = "  " * (depth + 1), "  " * depth
    if flat or len(pairs) <= 8:  # cheap test first: a long container never fits
        one = _one(value)
        if len(end) + len(one) <= width:
            return one
    opening, closing = ("{", "}") if isinstance(value, Mapping) else ("[", "]")
    if flat:  # a map of scalars: filled line by line
        lines: list[str] = []
        line = ""
        for key, item in pairs:
            entry = f"{_one(key)}: {_one(item)}"
            if line and len(pad) + len(line) + len(entry) + 2 > width:
                lines.append(line + ",")
                line = entry
            else:
                line = f"{line}, {entry}" if line else entry
        lines.append(line)
        return opening + "\n" + "\n".join(pad + text for text in lines) + "\n" + end + closing
    parts = [
        pad + ("" if key is None else f"{_one(key)}: ") + _encode(item, depth + 1, width)
        for key, item in pairs
    ]
    return opening + "\n" + ",\n".join(parts) + "\n" + end + closing
