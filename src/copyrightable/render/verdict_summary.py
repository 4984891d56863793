"""What `evaluate` prints first: verdicts per element and jurisdiction, the ground of
each with its authority, the assumptions that change one, and the first things to do.

The full reasoning of a three-element work runs to hundreds of lines; a lawyer
reading a terminal wants the answer and its ground first, and every step on
request (`--explain`). This module chooses what the summary holds; the words and the
layout live in templates/evaluate.txt.j2.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from .reasoning_prose import Voice, assumption_clause, cite_text, verdict_step

TOP_RECOMMENDATIONS = 2


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters take two.

    The standard library's table, not wcwidth: `evaluate` would otherwise load
    a terminal library to print a few lines.
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def verdict_table(result: Mapping[str, Any], lang: str, width: int = 80) -> list[str]:
    """The verdict per element and jurisdiction, aligned by display width.

    Elements down and jurisdictions across where that fits in `width`; else
    jurisdictions down (by name, or by id) and elements across; else one line
    per element and jurisdiction, so that nothing is ever cut.
    """
    jurisdictions = list(result["jurisdictions"])
    work_row = "作品整体" if lang == "zh" else "the work"
    elements = [str(e["id"]) for e in result["work"]["elements"]]

    def verdict(j: Mapping[str, Any], element_id: str | None) -> str:
        if element_id is None:
            return _verdict(j["verdict"]["verdict_label"], lang)
        found = next((e for e in j["elements"] if e["id"] == element_id), None)
        return _verdict(found["verdict_label"], lang) if found else "—"

    names = [_words(j["name"], lang) for j in jurisdictions]
    columns: list[str | None] = [*elements, None]
    across = [["", *names]] + [
        [element or work_row, *[verdict(j, element) for j in jurisdictions]] for element in columns
    ]
    for rows in (
        across,
        [["", *elements, work_row]]
        + [
            [name, *[verdict(j, c) for c in columns]]
            for name, j in zip(names, jurisdictions, strict=True)
        ],
        [["", *elements, work_row]]
        + [[str(j["id"]), *[verdict(j, c) for c in columns]] for j in jurisdictions],
    ):
        lines = _aligned(rows)
        if max(display_width(line) for line in lines) <= width:
            return lines
    lines = []
    for row in across[1:]:
        lines.append(row[0])
        lines.extend(f"  {name}: {cell}" for name, cell in zip(names, row[1:], strict=True))
    return lines


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def _words(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    return str(value)


def _verdict(label: Any, lang: str) -> str:
    text = _words(label, lang)
    return text.upper() if lang == "en" else text


def assumptions_that_matter(
    jurisdiction: Mapping[str, Any], lang: str, voice: Voice = "you"
) -> list[dict[str, Any]]:
    """The assumptions of a jurisdiction that change some element's verdict, each once.

    An assumption that changes nothing is in the full reasoning; here it would
    only lengthen the answer.
    """
    found: dict[str, dict[str, Any]] = {}
    for element in jurisdiction["elements"]:
        for assumption in element.get("assumptions", ()):
            changes = [
                o for o in assumption.get("otherwise", ()) if o.get("verdict") != element["verdict"]
            ]
            if not changes:
                continue
            scoped = assumption.get("scope") == "element"
            key = (
                f"{element['id']}.{assumption['question']}"
                if scoped
                else str(assumption["question"])
            )
            clause = assumption_clause(assumption, lang, voice)
            entry = found.setdefault(
                key,
                {
                    "clause": clause,
                    "element": element["id"] if scoped else None,
                    "kind_label": assumption.get("kind_label"),
                    "otherwise": [],
                },
            )
            for other in changes:
                entry["otherwise"].append(
                    {
                        "element": element["id"],
                        "value_label": other["value_label"],
                        "verdict_label": other["verdict_label"],
                    }
                )
    for entry in found.values():
        elements = list(dict.fromkeys(o["element"] for o in entry["otherwise"]))
        verdicts = list(
            dict.fromkeys(_verdict(o["verdict_label"], lang) for o in entry["otherwise"])
        )
        said = "否则" if lang == "zh" else "otherwise"
        colon = "：" if lang == "zh" else ": "
        entry["otherwise_text"] = f"{said} {', '.join(elements)}{colon}{' / '.join(verdicts)}"
    return list(found.values())


def verdict_grounds(
    jurisdiction: Mapping[str, Any], authorities: Mapping[str, Mapping[str, Any]], lang: str
) -> list[dict[str, str]]:
    """Each element's ground: the statement of the rule its verdict rests on, with that
    rule's first authority and pinpoint.

    The grid says what; a lawyer reading the summary wants why, and on what
    authority, before deciding whether to read the whole reasoning. The whole
    statement, never a clause of it: a rule's "but", "unless" or "whether"
    comes after its first clause ("... has an author; but under Modak it is
    probably not original"), and a ground cut there would say the opposite. An
    element no rule decided is left to the lines on what would decide it.
    """
    grounds = []
    for element in jurisdiction["elements"]:
        step = verdict_step(element)
        if step is not None:
            text = ground_sentence(step, authorities, lang)
            grounds.append({"element": str(element["id"]), "text": text})
    return grounds


def ground_sentence(
    step: Mapping[str, Any], authorities: Mapping[str, Mapping[str, Any]], lang: str
) -> str:
    """A deciding rule's statement with its first authority: "Text a human wrote without
    AI is protected as the human's original expression (17 U.S.C., §102(a))."

    A rule that holds the verdict undetermined says that no authority settles
    the point; the authority it cites for the test that would apply (Li v. Liu,
    say) would read as deciding it, so none is named here.
    """
    text = _words(step["statement"], lang).rstrip("。. ")
    undetermined = (step.get("concludes") or {}).get("verdict") == "undetermined"
    cite = "" if undetermined else cite_text(list(step.get("cites", ()))[:1], authorities, lang)
    if cite:
        text += f"（{cite}）" if lang == "zh" else f" ({cite})"
    return text + ("。" if lang == "zh" else ".")


def top_recommendations(
    jurisdiction: Mapping[str, Any], limit: int = TOP_RECOMMENDATIONS
) -> Sequence[Mapping[str, Any]]:
    """The first recommendations, in the order the elements give them, each once."""
    seen: dict[str, Mapping[str, Any]] = {}
    for element in jurisdiction["elements"]:
        for recommendation in element.get("recommendations", ()):
            seen.setdefault(str(recommendation["id"]), recommendation)
    return list(seen.values())[:limit]


def recommendation_count(jurisdiction: Mapping[str, Any]) -> int:
    return len({r["id"] for e in jurisdiction["elements"] for r in e.get("recommendations", ())})


_CLAUSE_ENDS = ("; ", ": ", "；", "：", "。")
# A full stop ends the clause unless it closes an abbreviation a citation or a
# caption uses: "Allen v. Perlmutter", "No. 1:24-cv", "17 U.S.C.", "Fed. Reg.", "e.g.".
_FULL_STOP = re.compile(
    r"(?<!\bv)(?<!\bvs)(?<!\bNo)(?<!\bArt)(?<!\bArts)(?<!\bReg)(?<!\bFed)(?<!\bCir)"
    r"(?<!\bpp)(?<!\bp)(?<!\bCo)(?<!\bInc)(?<!\bLtd)(?<!\bSt)(?<!\be)(?<!\bg)(?<!\b[A-Z])\. "
)


_LABEL_WIDTH = 30  # columns: a lead this short, before a colon, is a label, not a step


def _bracket_levels(text: str) -> list[int]:
    """How deep in parentheses each character is: a clause does not end inside "(weighed
    together: designed prompts, ...)"."""
    levels, depth = [], 0
    for ch in text:
        if ch in "(（[":
            depth += 1
        levels.append(depth)
        if ch in ")）]" and depth:
            depth -= 1
    return levels


def lead_clause(text: str) -> str:
    """A recommendation's first clause, closed with a full stop: what to do, in a line or two.

    The whole text, with its reasons and authorities, is in the reasoning
    (`--explain`); the summary names the step to take. A short label before a
    colon ("Policy-unstable:", "Correct the application:", "本作品已发表：") says
    no step by itself, so the clause after it is taken with it.
    """
    level = _bracket_levels(text)
    found = {match.start() for end in _CLAUSE_ENDS for match in re.finditer(re.escape(end), text)}
    found |= {stop.start() for stop in _FULL_STOP.finditer(text)}
    ends = sorted(i for i in found if i > 0 and level[i] == 0)  # never inside brackets
    cut = ends[0] if ends else len(text)
    if cut < len(text) and text[cut] in ":：" and display_width(text[:cut]) < _LABEL_WIDTH:
        cut = next((i for i in ends if i > cut), len(text))
    head = text[:cut].rstrip(" .。;；:：")
    return head + ("。" if any("\u4e00" <= ch <= "\u9fff" for ch in head) else ".")
