"""The opinion's view: what a lawyer reads first, arranged from the Result and its what-if.

The opinion is the report a lawyer files unedited: the matter, the verdicts with
their authors by name, what is protected and what must be excluded, then what the
verdicts rest on (the presumed facts that change a verdict), what would change
them, the top recommendations and the divergences. It is short because it picks
from the Result rather than repeating it: the full reasoning is the appendix of
`--detail full`. Like report.py, this module chooses and groups; every word comes
from the Result (rules/) or from the templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from .reasoning_prose import verdict_step

# The matter details an answers file's `meta` may hold, in the order the opinion
# prints them. `required`: a lawyer must see that it is missing ("not stated"),
# because the verdict's author, the disclosure of the AI or the law in force turn
# on it; the others are printed only when given.
MATTER_FIELDS: tuple[tuple[str, bool], ...] = (
    ("client", False),
    ("matter", False),
    ("answered_by", True),
    ("answered_at", False),
    ("contributors", True),
    ("ai_tools", True),
    ("created", True),
    ("published", False),
)

# Authors that are people whose names the answers may give: where the human
# contributors are named, the opinion names them beside the rule's label.
NAMED_AUTHORS = frozenset({"human_user", "arranger", "joint_authors"})

TOP_CHANGES = 1  # what-if lines per element in the opinion (the appendix has them all)
TOP_CHANGES_MANY = 1  # ... when more than two jurisdictions are compared
TOP_RECOMMENDATIONS = 2  # per jurisdiction
TOP_RECOMMENDATIONS_MANY = 1


def matter(meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The matter's particulars as rows: key, value (text or list), or missing."""
    rows = []
    for key, required in MATTER_FIELDS:
        value = meta.get(key)
        if isinstance(value, list | tuple):
            value = [str(v) for v in value if str(v).strip()]
        present = value not in (None, "", [])
        if present or required:
            rows.append({"key": key, "value": value if present else None})
    return rows


def answer_notes(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The notes the person answering wrote on answers (meta.answer_notes), each with the
    element's label and the question's text, so the opinion shows them beside the matter."""
    meta = result["answers"].get("meta") or {}
    notes = meta.get("answer_notes") or {}
    if not isinstance(notes, Mapping):
        return []
    labels = {e["id"]: e["label"] for e in result["work"]["elements"]}
    texts: dict[str, Any] = {}
    for fact in result["work"].get("stated", ()):
        texts.setdefault(fact["question"], fact["text"])
    for jurisdiction in result["jurisdictions"]:
        for element in jurisdiction["elements"]:
            for fact in (*element.get("stated", ()), *element.get("assumed", ())):
                texts.setdefault(fact["question"], fact["text"])
    rows = []
    for key, note in notes.items():
        element, _, question = str(key).rpartition(".")
        rows.append(
            {
                "element": labels.get(element) if element else None,
                "question": texts.get(question, question),
                "note": str(note),
            }
        )
    return rows


def contributors(meta: Mapping[str, Any]) -> list[str]:
    names = meta.get("contributors")
    if isinstance(names, str):
        return [names] if names.strip() else []
    if isinstance(names, list | tuple):
        return [str(n) for n in names if str(n).strip()]
    return []


def author_names(element: Mapping[str, Any], names: Sequence[str]) -> list[str]:
    """The people the element's author is, by name, where the rule's author is a person."""
    return list(names) if element.get("author") in NAMED_AUTHORS else []


def verdict_table(j: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """One jurisdiction's verdicts, element by element: verdict, author, protected, excluded."""
    rows = []
    for element in j["elements"]:
        rows.append(
            {
                "element": element,
                "names": author_names(element, names),
                "protects": [c["label"] for c in element["protects"]],
                "excludes": [m["label"] for m in element["excludes"]],
                "strict_differs": element["strict"]["verdict"] != element["verdict"],
            }
        )
    return {"jurisdiction": j, "rows": rows}


def matrix(
    work_elements: Iterable[Mapping[str, Any]],
    jurisdictions: Sequence[Mapping[str, Any]],
    names: Sequence[str],
) -> list[dict[str, Any]]:
    """Elements × jurisdictions: each cell the verdict and the author (by name where known)."""
    rows = []
    for work_element in work_elements:
        cells: list[dict[str, Any]] = []
        for j in jurisdictions:
            element = _element(j, work_element["id"])
            cells.append({"element": element, "names": author_names(element, names)})
        rows.append(
            {
                "element": work_element,
                "cells": cells,
                "diverges": len({c["element"]["verdict"] for c in cells}) > 1,
            }
        )
    return rows


def protection(
    work_elements: Iterable[Mapping[str, Any]], jurisdictions: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Per element, what is protected and what must be excluded, each label once with the
    jurisdictions that say so: seven rule sets that share a vocabulary print one line."""
    rows = []
    for work_element in work_elements:
        sides: dict[str, dict[str, dict[str, Any]]] = {"protects": {}, "excludes": {}}
        for j in jurisdictions:
            element = _element(j, work_element["id"])
            for side, key in (("protects", "protects"), ("excludes", "excludes")):
                for item in element[key]:
                    entry = sides[side].setdefault(
                        item["id"], {"label": item["label"], "jurisdictions": []}
                    )
                    entry["jurisdictions"].append(j)
        rows.append(
            {
                "element": work_element,
                "protects": list(sides["protects"].values()),
                "excludes": list(sides["excludes"].values()),
                "all": len(jurisdictions),
            }
        )
    return rows


def assumptions(j: Mapping[str, Any]) -> dict[str, Any]:
    """The presumed facts a verdict rests on, each once, with the verdicts it would change.

    An assumption that changes no verdict (the other values give the same one)
    is counted, not listed: the appendix lists it. One presumed for several
    elements (a work-level fact) is printed once with each element it affects.
    """
    decisive: dict[str, dict[str, Any]] = {}
    others: set[str] = set()
    for element in j["elements"]:
        for item in element["assumptions"]:
            changes = [o for o in item["otherwise"] if o["verdict"] != element["verdict"]]
            if not changes:
                others.add(item["question"])
                continue
            entry = decisive.setdefault(item["question"], {"assumption": item, "effects": []})
            entry["effects"].append({"element": element, "otherwise": changes})
    others -= decisive.keys()
    strict = [e for e in j["elements"] if e["strict"]["verdict"] != e["verdict"]]
    return {
        "jurisdiction": j,
        "decisive": list(decisive.values()),
        "others": len(others),
        "strict": strict,
    }


# per jurisdiction: (the Result's jurisdiction, [(the Result's element or None, its what-if block)])
WhatIfByElement = list[
    tuple[Mapping[str, Any], list[tuple[Mapping[str, Any] | None, Mapping[str, Any]]]]
]


def what_if_elements(
    what_if: Mapping[str, Any] | None, jurisdictions: Sequence[Mapping[str, Any]]
) -> WhatIfByElement | None:
    """The what-if analysis laid beside the Result: per reported jurisdiction, in the
    Result's order, each element's what-if block (in the analysis's order) with the
    Result's element it is about (None if the Result has no such element).

    The opinion's top changes and the appendix's full list both read the analysis
    this way; written once, they cannot pair an element with another's changes.
    A jurisdiction the analysis did not cover is left out; None when there is no
    analysis at all.
    """
    if what_if is None:
        return None
    by_id = {j["id"]: j for j in what_if["jurisdictions"]}
    walked: WhatIfByElement = []
    for j in jurisdictions:
        if j["id"] not in by_id:
            continue
        elements = {e["id"]: e for e in j["elements"]}
        walked.append(
            (j, [(elements.get(item["element"]), item) for item in by_id[j["id"]]["elements"]])
        )
    return walked


def top_changes(
    what_if: Mapping[str, Any] | None, jurisdictions: Sequence[Mapping[str, Any]], limit: int
) -> list[dict[str, Any]] | None:
    """Per jurisdiction and element, the smallest changes of facts that decide it otherwise.

    A change that only leaves the element undetermined is not a different
    verdict a lawyer can plan for; the appendix lists those too.
    """
    walked = what_if_elements(what_if, jurisdictions)
    if walked is None:
        return None
    out = []
    for j, items in walked:
        elements = []
        for element, item in items:
            if element is None:
                raise ValueError(f"what-if element {item['element']!r} is not in {j['id']}")
            decided = [
                c
                for c in item["changes"]
                if c["verdict"] not in ("undetermined", element["verdict"])
            ]
            elements.append({"element": element, "changes": decided[:limit]})
        out.append({"jurisdiction": j, "elements": elements})
    return out


def grouped_changes(blocks: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]] | None:
    """The top changes of every jurisdiction, element by element, each change printed once
    with the jurisdictions where it reaches that verdict: seven rule sets agreeing that
    "no AI used" makes the images protectable is one line, not seven."""
    if blocks is None:
        return None
    by_element: dict[str, dict[str, Any]] = {}
    for block in blocks:
        j = block["jurisdiction"]
        for item in block["elements"]:
            element = item["element"]
            entry = by_element.setdefault(element["id"], {"element": element, "lines": {}})
            if not item["changes"]:
                entry["lines"].setdefault(("none",), {"change": None, "jurisdictions": []})[
                    "jurisdictions"
                ].append(j)
            for change in item["changes"]:
                key = (
                    tuple((s["element"], s["question"], repr(s["to"])) for s in change["steps"]),
                    change["verdict"],
                )
                line = entry["lines"].setdefault(
                    key, {"change": change, "jurisdictions": [], "cites": []}
                )
                line["jurisdictions"].append(j)
                for rule in change["deciding"]:
                    line["cites"].extend(rule["cites"])
    return [
        {"element": e["element"], "lines": list(e["lines"].values())} for e in by_element.values()
    ]


def grouped_assumptions(groups: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The decisive assumptions of every jurisdiction, each printed once with the
    jurisdictions that presume it and would decide the same way without it."""
    lines: dict[tuple[Any, ...], dict[str, Any]] = {}
    for group in groups:
        j = group["jurisdiction"]
        for entry in group["decisive"]:
            a = entry["assumption"]
            effects = tuple(
                (
                    eff["element"]["id"],
                    tuple((repr(o["value"]), o["verdict"]) for o in eff["otherwise"]),
                )
                for eff in entry["effects"]
            )
            key = (a["question"], repr(a["value"]), a["kind"], effects)
            line = lines.setdefault(
                key,
                {"assumption": a, "effects": entry["effects"], "jurisdictions": [], "cites": []},
            )
            line["jurisdictions"].append(j)
            line["cites"].extend(a["cites"])
    return list(lines.values())


def top_recommendations(j: Mapping[str, Any], limit: int) -> dict[str, Any]:
    """The recommendations of one jurisdiction, each once with its elements, first ones first.

    Rules list an element's own advice first (an assumption's advice, then the
    deciding rules'), so the first recommendations are those its verdict needs;
    the rest are counted and listed in the appendix.
    """
    items: dict[str, dict[str, Any]] = {}
    for element in j["elements"]:
        for rank, item in enumerate(element["recommendations"]):
            entry = items.setdefault(
                item["id"], {"text": item["text"], "elements": [], "rank": rank}
            )
            entry["elements"].append(element)
            entry["rank"] = min(entry["rank"], rank)
    ordered = sorted(items.values(), key=lambda entry: (entry["rank"], -len(entry["elements"])))
    return {"jurisdiction": j, "items": ordered[:limit], "more": max(0, len(ordered) - limit)}


def divergences(
    work_elements: Iterable[Mapping[str, Any]], jurisdictions: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Where verdicts differ, element by element: the jurisdictions grouped by verdict, each
    group's deciding reasons, and the pairs that differ (pairs that agree are not named)."""
    out = []
    for work_element in work_elements:
        groups: dict[str, dict[str, Any]] = {}
        for j in jurisdictions:
            element = _element(j, work_element["id"])
            group = groups.setdefault(
                element["verdict"], {"verdict": element["verdict"], "sides": []}
            )
            group["sides"].append(
                {
                    "jurisdiction": j,
                    "element": element,
                    "deciding": [s for s in [verdict_step(element)] if s is not None],
                }
            )
        if len(groups) < 2:
            continue
        verdict_of = {
            side["jurisdiction"]["id"]: g["verdict"] for g in groups.values() for side in g["sides"]
        }
        pairs = [
            (a, b)
            for a, b in combinations(jurisdictions, 2)
            if verdict_of[a["id"]] != verdict_of[b["id"]]
        ]
        out.append({"element": work_element, "groups": list(groups.values()), "pairs": pairs})
    return out


def agreements(
    work_elements: Iterable[Mapping[str, Any]], jurisdictions: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Where every jurisdiction reaches the same verdict, element by element: the verdict
    and each jurisdiction's ground (its first deciding rule, None where no rule decided).

    The side-by-side section gives the reasons where verdicts differ; an opinion must
    also say why where they agree, or a verdict reached by statute and one reached
    on an Office's contested position would read alike.
    """
    out = []
    for work_element in work_elements:
        sides: list[dict[str, Any]] = []
        for j in jurisdictions:
            element = _element(j, work_element["id"])
            sides.append({"jurisdiction": j, "element": element, "deciding": verdict_step(element)})
        if len({side["element"]["verdict"] for side in sides}) == 1:
            out.append(
                {"element": work_element, "verdict": sides[0]["element"]["verdict"], "sides": sides}
            )
    return out


def cited_first(
    view: Mapping[str, Any],
) -> list[str]:
    """The authorities the opinion itself cites, in the order it cites them.

    The opinion's bibliography lists these; the appendix of `--detail full`
    adds those only its step-by-step reasoning cites.
    """
    seen: dict[str, None] = {}

    def take(cites: Iterable[Mapping[str, Any]]) -> None:
        for c in cites:
            seen.setdefault(c["authority"], None)

    for group in view["assumptions"]:
        for entry in group["decisive"]:
            take(entry["assumption"]["cites"])
    for block in view["changes"] or ():
        for item in block["elements"]:
            for change in item["changes"]:
                for rule in change["deciding"]:
                    take(rule["cites"])
    for divergence in view["divergences"]:
        for group in divergence["groups"]:
            for side in group["sides"]:
                for step in side["deciding"]:
                    take(step["cites"])
                for alternative in side["element"]["alternatives"]:
                    take(alternative["cites"])
    for agreement in view["agreements"]:  # printed after the divergences
        for side in agreement["sides"]:
            if side["deciding"]:
                take(side["deciding"]["cites"])
    return list(seen)


def opinion(result: Mapping[str, Any], what_if: Mapping[str, Any] | None) -> dict[str, Any]:
    """Everything the opinion prints before its bibliography and reproducibility block."""
    jurisdictions = list(result["jurisdictions"])
    meta = result["answers"].get("meta") or {}
    names = contributors(meta)
    many = len(jurisdictions) > 2
    view: dict[str, Any] = {
        "matter": matter(meta),
        "answer_notes": answer_notes(result),
        "contributors": names,
        "many": many,
        "matrix": matrix(result["work"]["elements"], jurisdictions, names),
        "tables": [verdict_table(j, names) for j in jurisdictions],
        "protection": protection(result["work"]["elements"], jurisdictions),
        "assumptions": [assumptions(j) for j in jurisdictions],
        "changes": top_changes(what_if, jurisdictions, TOP_CHANGES_MANY if many else TOP_CHANGES),
        "recommendations": [
            top_recommendations(j, TOP_RECOMMENDATIONS_MANY if many else TOP_RECOMMENDATIONS)
            for j in jurisdictions
        ],
        "divergences": divergences(result["work"]["elements"], jurisdictions),
        "agreements": agreements(result["work"]["elements"], jurisdictions),
    }
    view["grouped_changes"] = grouped_changes(view["changes"])
    view["grouped_assumptions"] = grouped_assumptions(view["assumptions"])
    view["other_assumptions"] = [
        {"jurisdiction": g["jurisdiction"], "count": g["others"]} for g in view["assumptions"]
    ]
    view["agreements_heading"] = (
        "agreements_many" if many else "agreements" if len(jurisdictions) > 1 else "grounds"
    )
    view["cited"] = cited_first(view)
    return view


def _element(j: Mapping[str, Any], element_id: str) -> Mapping[str, Any]:
    return next(e for e in j["elements"] if e["id"] == element_id)
