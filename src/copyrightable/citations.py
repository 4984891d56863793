"""Citations of authorities in rule data: `[{authority: id, pinpoint: "..."}]`, strictly.

A rule, an alternative reading and a presumption each cite authorities the
same way; the rule set loader and the presumptions loader both read them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import schema
from .errors import Location, RuleSetError, did_you_mean
from .model import Authority, Citation


def parse_citations(
    value: Any, location: Location, authorities: Mapping[str, Authority], allow_empty: bool = False
) -> tuple[Citation, ...]:
    """`[{authority: id, pinpoint: "..."}]`; a pinpoint is required on every citation."""
    items = schema.sequence(value, "'cites'", location, allow_empty=allow_empty)
    citations = []
    for index, item in enumerate(items):
        at = items.where(index)
        body = schema.mapping(item, "citation", at, required=("authority", "pinpoint"))
        name = body["authority"]
        if not isinstance(name, str) or name not in authorities:  # a list is unhashable
            raise RuleSetError(
                f"unknown authority {name!r}{did_you_mean(str(name), authorities)}",
                body.where("authority"),
                "an id from authorities.yaml",
            )
        pinpoint = body["pinpoint"]
        if isinstance(pinpoint, int | float) and not isinstance(pinpoint, bool):
            pinpoint = str(pinpoint)
        pinpoint = schema.text(pinpoint, "pinpoint", body.where("pinpoint"))
        citations.append(Citation(name, pinpoint))
    return tuple(citations)
