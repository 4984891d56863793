"""What counts as an English sentence left in Chinese output, for the zh tests.

A Chinese rendering may keep Latin script where Chinese writing keeps it too:
citations of authorities (a US, UK, EU or Indian authority is cited as it is
published; every authority's short name and pinpoints are left to the rule
data test below), web addresses, ids and commands in code marks, file names,
titles in 《》, case names in Latin script, product and party names, and an
English term glossed in Chinese (“权利主张限制”（Limitation of the Claim）,
the US form's own words), and the draft US Limitation of the Claim, written in
English for the English form and glossed in Chinese after it. What remains may
not hold an English sentence: four or more Latin words in a row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from copyrightable.law.loading import Law

CJK = "\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
# an English sentence: at least four Latin words in a row (words may carry ' - .)
ENGLISH = re.compile(
    r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.\-]*(?:[ \t]*[,;:]?[ \t]+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.\-]*){3,}"
)
_REMOVED = [
    re.compile(r"<style.*?</style>|<script.*?</script>", re.S),
    re.compile(r"<[^>]+>"),  # tags (after html.unescape would be wrong: unescape after)
]
_KEPT_AS_WRITTEN = [
    re.compile(r"https?://\S+|www\.\S+"),
    re.compile(r"`[^`]*`"),  # ids, commands, paths in code marks (wrapped, too)
    # an English term or quotation glossed in Chinese: "Material Excluded（排除材料）",
    # "Create a visual ..."（请生成……）, “权利主张限制”（Limitation of the Claim）
    re.compile(rf"[\"“][^\"“”{CJK}]*（[^（）]*）[\"”]"),
    re.compile(r"[\"“][^\"“”]*[\"”]（[^（）]*）"),
    re.compile(rf"(?<=[{CJK}])（[^（）{CJK}]*）"),  # a Chinese term with its original
    re.compile(r"《[^《》]*》"),  # titles of works and laws (wrapped, too)
    re.compile(r"\S+\.ya?ml\b"),  # file names
    re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b"),  # dotted ids (us.facts.x)
    re.compile(rf"“[^”{CJK}]*”|\"[^\"{CJK}]*\"(?=[{CJK}])"),  # a quoted name or term
]


def visible_text(page: str) -> str:
    """An HTML page as a reader sees it: no style, script or tags."""
    for pattern in _REMOVED:
        page = pattern.sub(" ", page)
    return html.unescape(page)


# The draft US Limitation of the Claim goes on an English form: every report gives it
# in English, and a Chinese one glosses it after (中文释义), so it is left aside here.
_US_CLAIM = re.compile(r"Draft Limitation of the Claim.*?(?=中文释义)", re.S)


def english_sentences(text: str, allowed: Iterable[str]) -> list[str]:
    """The English sentences of a Chinese text, once the allowed Latin texts are out."""
    text = _US_CLAIM.sub(" ※ ", text)
    for kept in sorted(set(allowed), key=len, reverse=True):
        if kept:
            text = text.replace(kept, " ※ ")
    for pattern in _KEPT_AS_WRITTEN:
        text = pattern.sub(" ※ ", text)
    return [found.group() for found in ENGLISH.finditer(text)]


def cites_in_rules(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(where, authority, pinpoint) for every citation in the rule data; the pinpoint
    a Chinese reader sees (`pinpoint_zh` where the citation gives one)."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _cites(data, path.stem)


def _cites(node: Any, where: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        here = str(node.get("id", where)) if isinstance(node.get("id"), str) else where
        if "authority" in node and "pinpoint" in node:
            yield here, str(node["authority"]), str(node.get("pinpoint_zh", node["pinpoint"]))
        for value in node.values():
            yield from _cites(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _cites(item, where)


def citation_texts(law: Law, rules: Path) -> set[str]:
    """Every text a citation prints: citations, short names, pinpoints, and the case
    names and citations of the case library (Latin script where the source is)."""
    texts: set[str] = set()
    for authority in law.authorities.values():
        texts.update(
            str(value)
            for value in (
                authority.citation,
                authority.short,
                getattr(authority, "citation_zh", None),
                getattr(authority, "short_zh", None),
            )
            if value
        )
    for _, authority_id, pinpoint in cites_in_rules(rules):
        texts.add(pinpoint)
        if authority_id in law.authorities:
            texts.add(f"{law.authorities[authority_id].short}, {pinpoint}")
    return with_names(texts)


def with_names(texts: set[str]) -> set[str]:
    """The texts, and the names they start with: "Zarya of the Dawn (USCO 2023)" is
    also cited as "Zarya of the Dawn" in running text."""
    return texts | {text.split(" (")[0].split(", ")[0] for text in texts}


def latin_words(text: str) -> int:
    """How many Latin words a text holds (for pinpoints that should be Chinese)."""
    return len(re.findall(r"[A-Za-z]{2,}", text))
