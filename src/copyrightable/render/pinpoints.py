"""A citation as a reader of each language sees it: short name and pinpoint.

English cites "17 U.S.C., §102(a)" and "《著作权法》, Art. 3" alike. Chinese writing
runs a statute's article straight after its title (《著作权法》第三条, 日本《著作权法》
第2条第1款第1项) and sets any other locator off with a full-width comma; an authority
that rule data gives no Chinese pinpoint (a US, UK, EU or Indian one, cited as
published) keeps its English form, so English output is unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def pinpoint(cite: Mapping[str, Any], lang: str) -> str:
    """The pinpoint for `lang`: the Chinese one in zh, where the cite carries it."""
    chinese = cite.get("pinpoint_zh") if lang == "zh" else None
    return str(chinese or cite["pinpoint"])


def cited(short: str, cite: Mapping[str, Any], lang: str) -> str:
    """`short` followed by the cite's pinpoint, joined as `lang` writes it."""
    chinese = cite.get("pinpoint_zh") if lang == "zh" else None
    if not chinese:
        return f"{short}, {cite['pinpoint']}"
    return f"{short}{'' if str(chinese).startswith('第') else '，'}{chinese}"
