"""Reports for editors and lawyers: a Result (and its what-if) rendered as md, html, pdf or json.

A report is built only from the Result document and the what-if analysis
computed from it; it never calls the engine, so everything printed can be
traced to the JSON. This module only arranges that data for the templates
(aligning the jurisdictions element by element, numbering the authorities,
gathering what a claim would include and exclude); every word a reader sees
comes from the Result (which takes it from rules/) or from templates/.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Collection, Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from ..result.join import joined
from . import opinion_view
from .claim_limitation import limitation
from .reasoning_prose import relied_facts
from .templates import render

KIND_ORDER = (
    "statute",
    "regulation",
    "administrative_decision",
    "guidance",
    "decision",
    "standard",
    "pending_case",
)
UNSETTLED = ("lower_court", "contested", "pending")  # settledness a lawyer should query


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"
    json = "json"


class Detail(StrEnum):
    """How much a report holds: the opinion to file, or the opinion with its reasoning."""

    opinion = "opinion"
    full = "full"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


def report_text(
    result: Mapping[str, Any],
    what_if: Mapping[str, Any] | None,
    output_format: ReportFormat,
    lang: str = "en",
    paper: Paper = Paper.a4,
    shown: Collection[str] | None = None,
    detail: Detail = Detail.opinion,
) -> str:
    """The report as text: Markdown, HTML, or the Result as JSON with its what-if.

    `shown`: the questions the reported jurisdictions read (relevance.py); the
    facts stated in answer to others are left out of the report (None: all).
    `detail`: the opinion alone, or with the step-by-step reasoning as an appendix.
    """
    result = joined(result)
    if output_format is ReportFormat.json:
        return report_json(result, what_if)
    if output_format is ReportFormat.md:
        return render(
            "report.md.j2", lang=lang, r=report_data(result, what_if, lang, shown, detail)
        )
    if output_format is ReportFormat.html:
        return render(
            "report.html.j2",
            lang=lang,
            paper=paper.value,
            r=report_data(result, what_if, lang, shown, detail),
        )
    raise ValueError(f"{output_format} is not a text format")


def report_pdf(
    result: Mapping[str, Any],
    what_if: Mapping[str, Any] | None,
    lang: str = "en",
    paper: Paper = Paper.a4,
    shown: Collection[str] | None = None,
    detail: Detail = Detail.opinion,
) -> bytes:
    """The HTML report typeset as PDF (needs the `pdf` extra and a Chinese font)."""
    from .pdf import html_to_pdf

    html = report_text(result, what_if, ReportFormat.html, lang, paper, shown, detail)
    return html_to_pdf(html, result.get("generated_at"))


def report_docx(
    result: Mapping[str, Any],
    what_if: Mapping[str, Any] | None,
    lang: str = "en",
    paper: Paper = Paper.a4,
    shown: Collection[str] | None = None,
    detail: Detail = Detail.opinion,
    template: str | None = None,
) -> bytes:
    """The opinion as a Word document (needs the `docx` extra), on a firm's template if given."""
    from .docx_report import opinion_docx

    view = report_data(result, what_if, lang, shown, detail)
    return opinion_docx(view, lang, paper.value, template)


def report_json(result: Mapping[str, Any], what_if: Mapping[str, Any] | None) -> str:
    """The Result itself, with the what-if analysis under `what_if` when there is one."""
    document = dict(filed(result))
    if what_if is not None:
        document["what_if"] = what_if
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def filed(result: Mapping[str, Any]) -> Mapping[str, Any]:
    """The Result as a document for someone else's file: no path of the author's machine.

    A report goes to a client or into a matter file, so the answers file and every
    path in the regenerate command are named by their file names only; run from the
    folder that holds them, the command still regenerates the report.
    """
    answers = result.get("answers")
    command = result.get("command")
    if not isinstance(answers, Mapping) and not isinstance(command, str):
        return result
    copy = dict(result)
    if isinstance(answers, Mapping) and isinstance(answers.get("source"), str):
        copy["answers"] = {**answers, "source": _file_name(answers["source"])}
    if isinstance(command, str):
        try:
            words = shlex.split(command)
        except ValueError:  # not shell words: leave it out rather than leak a path
            copy["command"] = None
        else:
            copy["command"] = " ".join(
                shlex.quote(w if i == 0 else _file_name(w)) for i, w in enumerate(words)
            )
    return copy


def _file_name(word: str) -> str:
    """`/home/a/matter/zarya.yaml` → `zarya.yaml`; options and plain names stay as they are."""
    if "/" not in word:
        return word
    if word.startswith("-"):  # --rules=/home/a/rules
        option, equals, value = word.partition("=")
        return f"{option}{equals}{_file_name(value)}" if equals else word
    return PurePath(word).name or word


# ------------------------------------------------------------------ the view


def report_data(
    result: Mapping[str, Any],
    what_if: Mapping[str, Any] | None,
    lang: str,
    shown: Collection[str] | None = None,
    detail: Detail = Detail.opinion,
) -> dict[str, Any]:
    """What the templates need, derived from the Result (no wording of our own)."""
    result = joined(result)
    jurisdictions = list(result["jurisdictions"])
    opinion = opinion_view.opinion(result, what_if)
    cited = opinion["cited"]
    relied = _relied_on(jurisdictions, what_if)
    authorities = _numbered_authorities(
        [_in_language(a, lang) for a in result["authorities"]],
        jurisdictions,
        (set(cited), relied),
    )
    labels = _labels(jurisdictions)
    return {
        "result": filed(result),
        "lang": lang,
        "detail": detail.value,
        "opinion": opinion,
        "work": result["work"],
        "jurisdictions": jurisdictions,
        "authorities": authorities,
        "bibliography": _bibliography(authorities, set(cited), relied),
        "labels": labels,
        "summary": [_summary(j) for j in jurisdictions],
        "comparison": _comparison(result["work"]["elements"], jurisdictions),
        "facts": _facts(result["work"]["elements"], jurisdictions, shown),
        "work_stated": [
            f for f in result["work"]["stated"] if shown is None or f["question"] in shown
        ],
        "reasoning": [_reasoning(j) for j in jurisdictions],
        "what_if": _what_if(what_if, jurisdictions),
        "recommendations": [_recommendations(j, result["work"]["elements"]) for j in jurisdictions],
        "open_points": _open_points(jurisdictions, authorities),
        "law_as_of": [
            {"name": j["name"], "law_as_of": j["ruleset"]["law_as_of"]} for j in jurisdictions
        ],
    }


def _in_language(authority: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    """The authority as a reader of `lang` cites it: a Chinese report names a Chinese
    statute or decision by its Chinese name and caption, where the data gives one."""
    if lang != "zh" or not authority.get("citation_zh"):
        return authority
    return {
        **authority,
        "citation": authority["citation_zh"],
        "short": authority.get("short_zh") or authority["short"],
    }


def _numbered_authorities(
    entries: Iterable[Mapping[str, Any]],
    jurisdictions: list[Mapping[str, Any]],
    tiers: Sequence[set[str]] = (),
) -> dict[str, dict[str, Any]]:
    """Authorities in bibliography order (jurisdiction, kind, date), each with its number.

    `tiers`: sets of ids numbered first, in turn (the opinion's own citations, then
    those of the reasoning), so the opinion's bibliography runs 1..n without gaps
    and the appendix continues it.
    """
    order = {j["id"]: i for i, j in enumerate(jurisdictions)}

    def key(entry: Mapping[str, Any]) -> tuple[Any, ...]:
        kind = KIND_ORDER.index(entry["kind"]) if entry["kind"] in KIND_ORDER else 99
        tier = next((i for i, ids in enumerate(tiers) if entry["id"] in ids), len(tiers))
        return (
            tier,
            order.get(entry["jurisdiction"], 99),
            entry["jurisdiction"],
            kind,
            entry["date"],
            entry["id"],
        )

    numbered = {}
    for number, entry in enumerate(sorted(entries, key=key), start=1):
        numbered[entry["id"]] = {**entry, "number": number}
    return numbered


def _relied_on(
    jurisdictions: list[Mapping[str, Any]], what_if: Mapping[str, Any] | None
) -> set[str]:
    """Authorities the report's reasoning actually cites (the others were only considered)."""
    relied: set[str] = set()
    for j in jurisdictions:
        for element in j["elements"]:
            for step in element["trace"]:
                if step["outcome"] != "not_fired":
                    relied.update(c["authority"] for c in step["cites"])
            for alternative in element["alternatives"]:
                relied.update(c["authority"] for c in alternative["cites"])
            for assumption in element.get("assumptions", ()):
                relied.update(c["authority"] for c in assumption["cites"])
    for j in (what_if or {}).get("jurisdictions", []):
        for element in j["elements"]:
            for change in element["changes"]:
                for rule in change["deciding"]:
                    relied.update(c["authority"] for c in rule["cites"])
    return relied


def _bibliography(
    authorities: Mapping[str, dict[str, Any]], cited: set[str], relied: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """The opinion's authorities; those only the reasoning cites; the others considered."""
    entries = list(authorities.values())
    return {
        "opinion": [a for a in entries if a["id"] in cited],
        "relied": [a for a in entries if a["id"] in relied and a["id"] not in cited],
        "considered": [a for a in entries if a["id"] not in relied and a["id"] not in cited],
    }


def _labels(jurisdictions: list[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Labels of authors, settledness and findings as the Result gives them, by id."""
    authors: dict[str, Any] = {}
    settledness: dict[str, Any] = {}
    findings: dict[str, dict[str, Any]] = {}
    for j in jurisdictions:
        for author in j["verdict"]["authors"]:
            authors[author["id"]] = author["label"]
        own = findings.setdefault(j["id"], {})
        for element in j["elements"]:
            if element["author"]:
                authors[element["author"]] = element["author_label"]
            if element["settledness"]:
                settledness[element["settledness"]] = element["settledness_label"]
            for finding in element["derived"]:
                own[finding["finding"]] = finding["label"]
    return {"authors": authors, "settledness": settledness, "findings": findings}


def _deciding_steps(element: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [step for step in element["trace"] if step["decisive"]]


def _summary(j: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "jurisdiction": j,
        "elements": [{"element": e, "deciding": _deciding_steps(e)} for e in j["elements"]],
    }


def _comparison(
    work_elements: Iterable[Mapping[str, Any]], jurisdictions: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """The jurisdictions side by side, element by element, with the divergences marked."""
    rows = []
    for work_element in work_elements:
        cells = []
        for j in jurisdictions:
            element = next(e for e in j["elements"] if e["id"] == work_element["id"])
            cells.append(
                {"jurisdiction": j, "element": element, "deciding": _deciding_steps(element)}
            )
        verdicts = {cell["element"]["verdict"] for cell in cells}
        authors = {cell["element"]["author"] for cell in cells}
        rows.append(
            {
                "element": work_element,
                "cells": cells,
                "diverges": len(verdicts) > 1,
                "authors_differ": len(verdicts) == 1 and len(authors) > 1,
            }
        )
    work_verdicts = {j["verdict"]["verdict"] for j in jurisdictions}
    return {
        "rows": rows,
        "divergences": [row for row in rows if row["diverges"]],
        "work_diverges": len(work_verdicts) > 1,
        "columns": jurisdictions,
    }


def _facts(
    work_elements: Iterable[Mapping[str, Any]],
    jurisdictions: list[Mapping[str, Any]],
    shown: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """What the user stated about each element (the same under every rule set), once.

    Only the facts the reported jurisdictions read (`shown`, None for all): a
    US opinion does not list the answer about a Chinese labelling duty.
    """
    if not jurisdictions:
        return []
    evaluated = {e["id"]: e for e in jurisdictions[0]["elements"]}
    facts = []
    for work_element in work_elements:
        element = evaluated[work_element["id"]]
        stated = [f for f in element["stated"] if shown is None or f["question"] in shown]
        assumed = [a for a in element["assumed"] if shown is None or a["question"] in shown]
        facts.append(
            {
                "element": work_element,
                "stated": stated,
                "unanswered": [a for a in assumed if a["why"] == "not_answered"],
                "not_applicable": [a for a in assumed if a["why"] == "not_applicable"],
            }
        )
    return facts


def _reasoning(j: Mapping[str, Any]) -> dict[str, Any]:
    """Each element's chain of reasoning, and the rules that applied beside the verdicts.

    A rule that applied without deciding anything (a duty to disclose, advice to
    keep records) usually applies to several elements alike; it is listed once per
    jurisdiction with the elements it applied to, rather than again under each.
    """
    elements = []
    also: dict[str, dict[str, Any]] = {}
    for element in j["elements"]:
        chain = _chain(element)
        by_stratum = sorted(element["trace"], key=lambda s: s["stratum"])
        steps = [s for s in by_stratum if s["rule"] in chain]
        for step in by_stratum:
            # an author rule outside the chain named no author here (nothing is protected)
            idle_author = step["concludes"]["author"] and not step["concludes"]["verdict"]
            if step["outcome"] == "fired" and step["rule"] not in chain and not idle_author:
                also.setdefault(step["rule"], {"step": step, "elements": []})["elements"].append(
                    element
                )
        unknown = [s for s in by_stratum if s["outcome"] == "unknown" and s["rule"] not in chain]
        silent = sum(1 for s in element["trace"] if s["outcome"] == "not_fired")
        open_findings = [f for f in element["derived"] if f["truth"] == "unknown"]
        elements.append(
            {
                "element": element,
                "steps": steps,
                "unknown": unknown,
                "not_reached": _not_reached(element),
                "silent": silent,
                "open_findings": open_findings,
            }
        )
    in_order = sorted(also.values(), key=lambda entry: entry["step"]["stratum"])
    return {"jurisdiction": j, "elements": elements, "also": in_order}


def _not_reached(element: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What was not established and why it matters: rules that would have reached another
    verdict and failed on one condition only, a finding that was not established.

    A rule whose missing finding only rules of its own verdict establish (the author
    rules: "if the element were protectable, its author would be the human") restates
    that verdict; listing it would say twice that the verdict was not reached.
    """
    verdicts_establishing: dict[str, set[str | None]] = {}
    for step in element["trace"]:
        for finding in step["concludes"]["findings"]:
            verdicts_establishing.setdefault(finding, set()).add(step["concludes"]["verdict"])
    not_reached = []
    for step in element["trace"]:
        failed = [c for c in step["conditions"] if c["truth"] == "false"]
        verdict = step["concludes"]["verdict"]
        if (
            step["outcome"] != "not_fired"
            or len(failed) != 1
            or verdict in (None, element["verdict"])
        ):
            continue
        missing = [f["finding"] for f in failed[0]["facts"] if f["source"] == "derived"]
        if missing and not all(verdicts_establishing.get(f) == {verdict} for f in missing):
            not_reached.append({"step": step, "failed": failed})
    return not_reached


def _chain(element: Mapping[str, Any]) -> set[str]:
    """The rules the verdict rests on: those deciding or displaced, and what they built on."""
    derived = {f["finding"]: f for f in element["derived"]}
    steps = {s["rule"]: s for s in element["trace"]}
    chain: set[str] = set()
    todo = [*element["deciding_rules"], *element["overridden_rules"]]
    if not todo:  # undetermined: the verdict rules that could not be decided
        todo = [
            s["rule"]
            for s in element["trace"]
            if s["outcome"] == "unknown" and s["concludes"]["verdict"]
        ]
    while todo:
        rule = todo.pop()
        if rule in chain or rule not in steps:
            continue
        chain.add(rule)
        for condition in steps[rule]["conditions"]:
            for fact in relied_facts(condition):
                finding = derived.get(fact.get("finding", ""))
                if finding and finding["truth"] != "false":
                    todo.extend(r for r in finding["by"] if r not in chain)
                    if finding["truth"] == "unknown":
                        todo.extend(
                            s["rule"]
                            for s in element["trace"]
                            if s["outcome"] == "unknown"
                            and finding["finding"] in s["concludes"]["findings"]
                        )
    return chain


def _what_if(
    what_if: Mapping[str, Any] | None, jurisdictions: list[Mapping[str, Any]]
) -> list[dict[str, Any]] | None:
    """Every change the what-if analysis found, per jurisdiction and element, for the
    appendix: the element labelled as the Result labels it."""
    walked = opinion_view.what_if_elements(what_if, jurisdictions)
    if walked is None:
        return None
    return [
        {
            "jurisdiction": j,
            "elements": [
                {
                    **item,
                    "label": item["label"] if element is None else element["label"],
                    "changes": [_change(c) for c in item["changes"]],
                }
                for element, item in items
            ],
        }
        for j, items in walked
    ]


def _change(change: Mapping[str, Any]) -> dict[str, Any]:
    """A change as the report prints it: a question it opens is named once.

    A change that leads to 'undetermined' usually does so because it opens a
    question. "Undetermined until this is known" names it already, marked as
    newly asked; the list of opened questions keeps only those it does not name.
    """
    opened = {q["question"] for q in change["opened"]}
    waiting = (
        [{**q, "newly_asked": q["question"] in opened} for q in change["undetermined_by"]]
        if change["verdict"] == "undetermined"
        else []
    )
    named = {q["question"] for q in waiting}
    return {
        **change,
        "undetermined_by": waiting or change["undetermined_by"],
        "opened": [q for q in change["opened"] if q["question"] not in named],
    }


def _recommendations(
    j: Mapping[str, Any], work_elements: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Recommendations the fired rules attached, each once with the elements it is for,
    and the draft Limitation of the Claim (claim_limitation.py)."""
    recommendations: dict[str, dict[str, Any]] = {}
    for element in j["elements"]:
        for item in element["recommendations"]:
            entry = recommendations.setdefault(item["id"], {"text": item["text"], "elements": []})
            entry["elements"].append(element)
    return {
        "jurisdiction": j,
        "items": list(recommendations.values()),
        "claim": limitation(j, work_elements),
    }


def _open_points(
    jurisdictions: list[Mapping[str, Any]], authorities: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Missing information, contested points and pending cases, from the Result."""
    missing = []
    contested = []
    for j in jurisdictions:
        for element in j["elements"]:
            if element["undetermined_by"]:
                missing.append(
                    {"jurisdiction": j, "element": element, "questions": element["undetermined_by"]}
                )
            deciding = _deciding_steps(element)
            unsettled = element["settledness"] in UNSETTLED
            notes = [s for s in deciding if s["notes"]]
            if unsettled or element["alternatives"]:
                contested.append(
                    {
                        "jurisdiction": j,
                        "element": element,
                        "deciding": deciding,
                        "alternatives": element["alternatives"],
                        "notes": notes,
                        "unsettled": unsettled,
                    }
                )
    unanswered: dict[str, Mapping[str, Any]] = {}
    if jurisdictions:
        for element in jurisdictions[0]["elements"]:
            for item in element["assumed"]:
                if item["why"] == "not_answered":
                    unanswered.setdefault(item["question"], item)
    pending = []
    for authority in authorities.values():
        if authority["kind"] != "pending_case":
            continue
        rules = []
        for j in jurisdictions:
            seen: set[str] = set()
            for element in j["elements"]:
                for step in element["trace"]:
                    cites = {c["authority"] for c in step["cites"]}
                    if authority["id"] in cites and step["rule"] not in seen:
                        seen.add(step["rule"])
                        rules.append({"jurisdiction": j, "step": step})
        pending.append({"authority": authority, "rules": rules})
    return {
        "missing": missing,
        "unanswered": list(unanswered.values()),
        "contested": contested,
        "pending": pending,
    }
