"""Compact JSON for batch output, encoding each shared part of a Result once.

A Result is ~400 KB of JSON, nine tenths of it trace entries, stated and
assumed answers and derived findings that are shared, read-only, between
Results (see frozen.py and trace.py). Encoding all of it for every line took
twice as long as the evaluation. This encoder remembers the text of each
shared part (by identity, holding the object so its id cannot be reused) and
encodes only what is new. The output is exactly
json.dumps(value, ensure_ascii=False, separators=(",", ":")); a test holds it
to that. It produces UTF-8 bytes, so that the shared parts are also encoded
to UTF-8 once (for a Result full of Chinese text, that took as long as the
rest). A lone surrogate (from a JSON "\\ud800" in an answer) cannot be UTF-8:
encode() raises UnicodeEncodeError and the caller falls back to ASCII escapes.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from .frozen import FrozenDict, FrozenList

MAX_REMEMBERED_PARTS = 2_048  # beyond it the memory starts afresh


def _plain(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _string(value: str) -> bytes:
    return encode_basestring(value).encode("utf-8")


class CompactEncoder:
    """One per process (or batch worker): its memory is what makes it fast."""

    def __init__(self) -> None:
        self._parts: dict[int, tuple[Any, bytes]] = {}

    def encode(self, value: Any) -> bytes:
        out: list[bytes] = []
        self._encode(value, out)
        return b"".join(out)

    def _encode(self, value: Any, out: list[bytes]) -> None:
        if value.__class__ is str:
            out.append(_string(value))
        elif value.__class__ is FrozenDict or value.__class__ is FrozenList:
            out.append(self._shared(value))
        elif value.__class__ is dict:
            if not all(key.__class__ is str for key in value):
                out.append(_plain(value))  # json's own rules for other keys
                return
            out.append(b"{")
            first = True
            for key, item in value.items():
                if not first:
                    out.append(b",")
                first = False
                out.append(_string(key))
                out.append(b":")
                self._encode(item, out)
            out.append(b"}")
        elif value.__class__ is list or value.__class__ is tuple:
            out.append(b"[")
            first = True
            for item in value:
                if not first:
                    out.append(b",")
                first = False
                self._encode(item, out)
            out.append(b"]")
        else:
            out.append(_plain(value))  # numbers, booleans, null, other subclasses

    def _shared(self, value: FrozenDict | FrozenList) -> bytes:
        remembered = self._parts.get(id(value))
        if remembered is not None and remembered[0] is value:
            return remembered[1]
        text = _plain(value)
        if len(self._parts) >= MAX_REMEMBERED_PARTS:
            self._parts.clear()
        self._parts[id(value)] = (value, text)
        return text
