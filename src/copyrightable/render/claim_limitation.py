"""The words of a draft Limitation of the Claim: what to exclude and what to claim.

A US application for a work containing AI-generated material excludes the
AI-generated material that is more than de minimis in its Limitation of the
Claim, under "Material Excluded", and claims the human author's contribution
(88 Fed. Reg. 16190; the rules' `us.registration.disclose_and_exclude` notes
that this wording comes from a secondary source). An examiner, or an editor
filing the draft, reads
each entry against the deposit, so each entry names the element it is in: "the
human-written text" alone does not say which text. The entries are worded once
here, in English and in Chinese, and every report format prints them as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .templates import translate

Words = dict[str, str]

_IN = {"en": "{material} in {element} ({kind})", "zh": "{element}（{kind}）中{material}"}
_WHOLE = {"en": "{element} ({kind})", "zh": "{element}（{kind}）"}
_CLAIMED_IN = {"en": "{contribution} ({elements})", "zh": "{contribution}（{elements}）"}


def limitation(
    jurisdiction: Mapping[str, Any], work_elements: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The claim's entries for one jurisdiction's verdicts: `included` and `excluded`
    as bilingual texts, and the elements not yet placed on either side.

    What the verdicts say of the work as a whole (`verdict.protects`, the
    selection and arrangement of the whole) comes first and names no element.
    A contribution protected in several elements is claimed once, naming each.
    An element protected without a named contribution is claimed by its label.
    Excluded material is named with the element it is in, one entry per element
    and material; an element excluded as a whole is named alone.
    """
    kinds = {e["id"]: e["kind_label"] for e in work_elements}
    whole_work = [dict(c["label"]) for c in jurisdiction["verdict"].get("protects", [])]
    claimed: dict[str, tuple[Any, list[Any]]] = {}  # by contribution id: label, elements
    excluded: list[Words] = []
    for element in jurisdiction["elements"]:
        protected = element["verdict"] in ("protectable", "partially_protectable")
        for contribution in element["protects"]:
            _, elements = claimed.setdefault(contribution["id"], (contribution["label"], []))
            elements.append(element["label"])
        if protected and not element["protects"]:
            claimed.setdefault(f"element:{element['id']}", (element["label"], []))
        kind = kinds[element["id"]]
        for material in element["excludes"]:
            _add(
                excluded,
                _worded(_IN, material=material["label"], element=element["label"], kind=kind),
            )
        if element["verdict"] == "not_protectable" and not element["excludes"]:
            _add(excluded, _worded(_WHOLE, element=element["label"], kind=kind))
    included = list(whole_work)
    for label, elements in claimed.values():
        entry = (
            _claimed_in(label, elements)
            if elements
            else {lang: translate(label, lang) for lang in ("en", "zh")}
        )
        _add(included, entry)
    return {
        "included": included,
        "excluded": excluded,
        "undetermined": [e for e in jurisdiction["elements"] if e["verdict"] == "undetermined"],
    }


def _claimed_in(contribution: Any, elements: Sequence[Any]) -> Words:
    return {
        lang: _CLAIMED_IN[lang].format(
            contribution=translate(contribution, lang),
            elements=_listed([translate(e, lang) for e in elements], lang),
        )
        for lang in ("en", "zh")
    }


def _worded(pattern: Mapping[str, str], **parts: Any) -> Words:
    """The pattern in each language, with the kind in lower case in English ("image or
    artwork", as it reads mid-sentence)."""
    worded = {}
    for lang in ("en", "zh"):
        shown = {name: translate(value, lang) for name, value in parts.items()}
        if lang == "en" and shown.get("kind"):
            shown["kind"] = shown["kind"][:1].lower() + shown["kind"][1:]
        worded[lang] = pattern[lang].format(**shown)
    return worded


def _listed(items: Sequence[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _add(items: list[Words], entry: Words) -> None:
    if entry not in items:
        items.append(entry)
