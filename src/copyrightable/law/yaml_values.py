"""Small, strict checks on located YAML values.

Each helper either returns a value of the expected type or raises an InputError
that names the file and line, what was found and what was expected. Unknown
keys come with the nearest known key, because a misspelt key that is silently
ignored is how a rule ends up saying something its author did not mean.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ..io.errors import InputError, Location, did_you_mean
from ..io.yaml_files import LocatedDict, LocatedList, where
from .model import Bilingual

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
DOTTED_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*(\.[a-z0-9][a-z0-9_]*)*$")


def type_name(value: Any) -> str:
    """How a YAML value looks to a person, for error messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"yes/no value {value!r}"
    if isinstance(value, int | float):
        shown = repr(value)
        if len(shown) > 40:  # a 400-digit number stays readable in a one-line error
            shown = f"{shown[:12]}... ({len(shown.lstrip('-'))} digits)"
        return f"number {shown}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    return type(value).__name__


def mapping(
    value: Any,
    what: str,
    location: Location,
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> LocatedDict:
    """A mapping whose keys are exactly `required` plus any of `optional`."""
    if not isinstance(value, dict):
        raise InputError(
            f"{what} is {type_name(value)}", where(value, default=location), "a mapping"
        )
    required = list(required)
    allowed = set(required) | set(optional)
    for key in value:
        if key not in allowed:
            raise InputError(
                f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}",
                where(value, key, location),
                "one of: " + ", ".join(sorted(allowed)),
            )
    for key in required:
        if key not in value:
            raise InputError(
                f"{what} lacks {key!r}", where(value, default=location), f"a key {key!r}"
            )
    return value  # type: ignore[return-value]


def sequence(value: Any, what: str, location: Location, allow_empty: bool = True) -> LocatedList:
    if not isinstance(value, list):
        raise InputError(f"{what} is {type_name(value)}", where(value, default=location), "a list")
    if not allow_empty and not value:
        raise InputError(f"{what} is empty", where(value, default=location), "at least one item")
    return value  # type: ignore[return-value]


def text(value: Any, what: str, location: Location, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what} is {type_name(value)}", location, "text")
    if not allow_empty and not value.strip():
        raise InputError(f"{what} is empty", location, "some text")
    control = control_character(value)
    if control:
        raise InputError(
            f"{what} contains the control character {control}",
            location,
            "printable text (tabs and line breaks are fine)",
        )
    return value


def line(value: Any, what: str, location: Location) -> str:
    """Text that is printed on one line (a title, a label, a name): no line breaks.

    A line break in a label printed by `evaluate` starts a line the submitter
    wrote, e.g. a fake "PROTECTABLE" verdict; a carriage return overwrites one.
    """
    found = text(value, what, location)
    broken = LINE_BREAK.search(found)
    if broken:
        raise InputError(
            f"{what} contains a line break (U+{ord(broken.group()):04X})",
            location,
            "text on one line",
        )
    return found


def bilingual_line(value: Any, what: str, location: Location) -> Bilingual:
    body = mapping(value, what, location, required=("en", "zh"))
    return Bilingual(
        en=line(body["en"], f"{what}.en", body.where("en")),
        zh=line(body["zh"], f"{what}.zh", body.where("zh")),
    )


def line_or_bilingual(value: Any, what: str, location: Location) -> tuple[str, str | None]:
    """A one-line text typed in one language, or `{en, zh}`: (the English, the Chinese).

    Answers files hold what a user typed, in one language; case files are read
    in both, so their titles and labels may carry both. A plain string is kept
    as it is, with no Chinese.
    """
    if isinstance(value, dict):
        both = bilingual_line(value, what, location)
        return both.en, both.zh
    return line(value, what, location), None


def text_or_bilingual(value: Any, what: str, location: Location) -> tuple[str, str | None]:
    """As line_or_bilingual, for texts that may span lines (notes)."""
    if isinstance(value, dict):
        both = bilingual(value, what, location)
        return both.en, both.zh
    return text(value, what, location), None


# Every character a terminal or a Unicode text layout starts a new line at.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


# C0 and C1 controls other than tab and line breaks: none belongs in a title or an
# answer, and printed to a terminal ESC sequences can clear it or retitle it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(value: str) -> str | None:
    """The first control character of a text, as U+XXXX, or None."""
    found = _CONTROL.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def identifier(value: Any, what: str, location: Location, dotted: bool = False) -> str:
    pattern = DOTTED_ID_PATTERN if dotted else ID_PATTERN
    if not isinstance(value, str) or not pattern.match(value):
        shape = "lower-case words joined by _ and ." if dotted else "lower-case words joined by _"
        raise InputError(f"{what} is {type_name(value)}", location, f"an id made of {shape}")
    return value


def bilingual(value: Any, what: str, location: Location) -> Bilingual:
    body = mapping(value, what, location, required=("en", "zh"))
    return Bilingual(
        en=text(body["en"], f"{what}.en", body.where("en")),
        zh=text(body["zh"], f"{what}.zh", body.where("zh")),
    )


def date(value: Any, what: str, location: Location) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{what} is {type_name(value)}", location, "a date written YYYY-MM-DD")


def one_of(value: Any, what: str, location: Location, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise InputError(
            f"{what} is {type_name(value)}{did_you_mean(value, allowed)}",
            location,
            "one of: " + ", ".join(allowed),
        )
    return value


def unique_ids(ids: list[tuple[str, Location]], what: str) -> None:
    """Raise on the second occurrence of any id."""
    seen: dict[str, Location] = {}
    for item_id, location in ids:
        if item_id in seen:
            raise InputError(
                f"duplicate {what} id {item_id!r} (first defined at {seen[item_id]})",
                location,
                f"each {what} id once",
            )
        seen[item_id] = location
