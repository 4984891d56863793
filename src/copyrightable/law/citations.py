"""Citations of authorities in rule data: `[{authority: id, pinpoint: "..."}]`, strictly.

A citation of a Chinese, Japanese or Korean authority also gives its pinpoint as
Chinese writing does (`pinpoint_zh: "第三条"`), because a Chinese report cites
those authorities by their Chinese names (docs/rule-language.md).

A rule, an alternative reading and a presumption each cite authorities the
same way; the rule set loader and the presumptions loader both read them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..io.errors import Location, RuleSetError, did_you_mean
from . import yaml_values
from .model import Authority, Citation


def parse_citations(
    value: Any, location: Location, authorities: Mapping[str, Authority], allow_empty: bool = False
) -> tuple[Citation, ...]:
    """`[{authority: id, pinpoint: "...", pinpoint_zh: "..."}]`; a pinpoint is required
    on every citation, and a Chinese one (`pinpoint_zh`) on every citation of an
    authority cited in Chinese characters (CHINESE_SCRIPT), only there: a Chinese report
    cites those by their Chinese names and the rest as published, so a pinpoint in the
    other script would be misread, and a missing one would put English in Chinese text."""
    items = yaml_values.sequence(value, "'cites'", location, allow_empty=allow_empty)
    citations = []
    for index, item in enumerate(items):
        at = items.where(index)
        body = yaml_values.mapping(
            item, "citation", at, required=("authority", "pinpoint"), optional=("pinpoint_zh",)
        )
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
        pinpoint = yaml_values.text(pinpoint, "pinpoint", body.where("pinpoint"))
        citations.append(Citation(name, pinpoint, _pinpoint_zh(body, authorities[name], at)))
    return tuple(citations)


CHINESE_SCRIPT = ("cn", "jp", "kr")  # jurisdictions whose authorities are cited in 汉字


def _pinpoint_zh(body: Any, authority: Authority, at: Location) -> str | None:
    """A citation's Chinese pinpoint: required for an authority cited in Chinese
    characters, refused for any other (see parse_citations)."""
    chinese = authority.jurisdiction in CHINESE_SCRIPT
    if "pinpoint_zh" not in body:
        if chinese:
            raise RuleSetError(
                f"citation of {authority.id!r} ({authority.jurisdiction}) lacks 'pinpoint_zh'",
                at,
                'the pinpoint as Chinese writing gives it, e.g. pinpoint_zh: "第三条"',
            )
        return None
    if not chinese:
        raise RuleSetError(
            f"pinpoint_zh on a citation of {authority.id!r} ({authority.jurisdiction}), "
            "which a Chinese report cites as published",
            body.where("pinpoint_zh"),
            "no pinpoint_zh (only cn, jp and kr authorities carry one)",
        )
    return yaml_values.text(body["pinpoint_zh"], "pinpoint_zh", body.where("pinpoint_zh"))
