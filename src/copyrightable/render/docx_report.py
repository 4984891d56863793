"""The opinion as a Word document, for lawyers who edit opinions in Word.

It is built from the same view (report.report_data) as the HTML and PDF, with
the same wording: the headings and connecting words come from
templates/_report_labels.j2, everything else from the Result. python-docx
writes it (an optional extra, `pip install '.[docx]'`).

Why python-docx and not docxtpl: docxtpl fills Jinja tags typed into a Word
file, so a firm's letterhead would first have to be edited to carry our tags,
and every table of variable width would be written twice (in the .docx and in
the view). With python-docx a firm's own .docx is the base as it is: its
styles, page size and header and footer (the letterhead) are kept, and its
body is replaced by the opinion.

Authorities are cited in real Word footnotes (docx_footnotes.py; python-docx
has none): each footnote gives the authority's short name with its pinpoint, and
the number, `[3]`, of its entry in the numbered list of authorities at the end,
the same number as in the PDF of the same opinion, so the two stay citable side
by side.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..io.errors import EnvironmentProblem, InputError, Location
from .docx_footnotes import Footnotes
from .optional_extras import install_hint
from .pinpoints import cited
from .templates import environment, translate

INSTALL_EXTRA = install_hint("docx")
# Fixed times inside the .docx zip and its properties: the same opinion gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
# Where a footnote goes in a run of text: refs() leaves this mark, para() turns it
# into the footnote (private-use characters, which no Result text contains).
_NOTE_MARK = re.compile(r"\s*\ue000(\d+)\ue001")


def opinion_docx(
    view: Mapping[str, Any], lang: str, paper: str = "a4", template: str | None = None
) -> bytes:
    """The opinion in `view` as .docx bytes, on `template` (a firm's .docx) if given."""
    docx = _python_docx()
    document = _base(docx, template, paper)
    labels = environment().get_template("_report_labels.j2").module
    writer = _Writer(document, view, lang, labels.LABELS, labels.SYMBOLS)  # type: ignore[attr-defined]
    writer.write()
    writer.footnotes.attach()
    if template is None:  # a firm's template keeps its own footer
        for section in document.sections:
            section.footer.paragraphs[0].text = writer.L["not_advice_short"]
    _properties(document, view)
    return _saved(document)


def _properties(document: Any, view: Mapping[str, Any]) -> None:
    """Title and dates from the Result, not from the clock: reproducible bytes."""
    import datetime as dt

    core = document.core_properties
    core.title = str(view["result"]["work"]["title"])[:255]
    core.author = "copyrightable"
    core.last_modified_by = "copyrightable"
    core.revision = 1
    stamp = str(view["result"].get("generated_at") or "1980-01-01T00:00:00Z")
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        moment = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    core.created = core.modified = moment.replace(tzinfo=None)


def _python_docx() -> Any:
    try:
        import docx
    except ImportError as error:
        raise EnvironmentProblem(
            f"Word output needs python-docx, which is not installed ({error})",
            expected=f"the docx extra: {INSTALL_EXTRA}",
        ) from None
    return docx


def _base(docx: Any, template: str | None, paper: str) -> Any:
    """A new document, or the firm's template with its body emptied (styles, header and
    footer kept)."""
    if template is None:
        document = docx.Document()
        width, height = PAPER_MM[paper]
        from docx.shared import Mm

        for section in document.sections:
            section.page_width, section.page_height = Mm(width), Mm(height)
            section.left_margin = section.right_margin = Mm(18)
            section.top_margin = section.bottom_margin = Mm(16)
        return document
    path = Path(template)
    where = Location(str(path))
    expected = "a Word document (.docx) to use as letterhead"
    if not path.is_file():
        raise InputError("no such Word template file", where, expected)
    if not zipfile.is_zipfile(path):
        raise InputError("not a Word document (a .docx is a zip package)", where, expected)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is not .docx
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"cannot use it as a Word template ({reason})", where, expected) from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


class _FixedTimeZip:
    """python-docx's package writer, with each zip entry dated ZIP_TIME.

    python-docx dates every entry with the clock; writing through this instead of
    saving and re-zipping halves the time of writing the package.
    """

    def __init__(self, target: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(entry, blob)

    def close(self) -> None:
        self._zip.close()


def _saved(document: Any) -> bytes:
    """The document's .docx bytes, the same for the same opinion."""
    package = document.part.package
    try:
        from docx.opc.pkgwriter import PackageWriter

        target = io.BytesIO()
        writer: Any = _FixedTimeZip(target)  # stands in for python-docx's PhysPkgWriter
        parts = list(package.iter_parts())
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
        writer.close()
        return target.getvalue()
    except (ImportError, AttributeError):  # python-docx changed its internals: the slow way
        buffer = io.BytesIO()
        document.save(buffer)
        return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so equal opinions are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class _Writer:
    """Writes the sections of the opinion in the order of report.html.j2."""

    def __init__(
        self,
        document: Any,
        view: Mapping[str, Any],
        lang: str,
        labels: Mapping[str, Any],
        symbols: Mapping[str, str],
    ) -> None:
        self.doc = document
        self.r = view
        self.o = view["opinion"]
        self.lang = lang
        self.L = labels[lang]
        self.EN = labels["en"]
        self.symbols = symbols
        self.res = view["result"]
        self.numbers = {a["id"]: a["number"] for a in view["authorities"].values()}
        self.by_authority = view["authorities"]
        self.footnotes = Footnotes(document)
        self._notes: list[str] = []  # footnote texts, by the mark refs() left in the text
        self._style_ids: dict[str, str | None] = {}
        self.colon = str(self.L["colon"])  # "：" in Chinese

    # ------------------------------------------------------------ helpers

    def t(self, value: Any) -> str:
        return translate(value, self.lang)

    def style(self, name: str) -> str | None:
        """The id of a style the base document has (a firm's template may lack any of ours).

        Looked up once per name and set by id: python-docx resolves a style given
        by name by scanning every style of the document, per paragraph, which made
        the styles three quarters of the time of writing an opinion.
        """
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.doc.styles[name].style_id
            except KeyError:
                self._style_ids[name] = None
        return self._style_ids[name]

    def styled(self, style_id: str | None) -> Any:
        paragraph = self.doc.add_paragraph()
        if style_id is not None:
            paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def heading(self, text: str, level: int) -> None:
        style = self.style("Title" if level == 0 else f"Heading {level}")
        paragraph = self.styled(style)
        run = paragraph.add_run(text)
        if style is None:
            run.bold = True

    def para(self, *parts: str | tuple[str, str], style: str | None = None) -> Any:
        """A paragraph of runs; a part ("b", text) is bold, ("i", text) italic."""
        paragraph = self.styled(self.style(style) if style else None)
        for part in parts:
            kind, text = part if isinstance(part, tuple) else ("", part)
            pieces = _NOTE_MARK.split(text)  # text, note number, text, ...
            for index, piece in enumerate(pieces):
                if index % 2:
                    self.footnotes.reference(paragraph, self._notes[int(piece)])
                    continue
                if not piece:
                    continue
                run = paragraph.add_run(piece)
                run.bold = kind == "b" or None
                run.italic = kind == "i" or None
        return paragraph

    def bullet(self, *parts: str | tuple[str, str], level: int = 1) -> Any:
        name = "List Bullet" if level == 1 else f"List Bullet {level}"
        style = name if self.style(name) else None
        if style is None:
            parts = ("• ", *parts)
        return self.para(*parts, style=style)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Any:
        rows = list(rows)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        grid = self.style("Table Grid")
        if grid is not None:
            table._tbl.tblPr.style = grid
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
        return table

    def verdict(self, verdict: str) -> str:
        return f"{self.symbols[verdict]} {self.L['verdicts'][verdict]}"

    def refs(self, cites: Iterable[Mapping[str, Any]]) -> str:
        """A footnote citing `cites` (short name, pinpoint, [list number]), as a mark that
        para() turns into the footnote reference; "" where nothing is cited."""
        shown: list[str] = []
        for c in cites:
            authority = self.by_authority.get(c["authority"])
            if authority is None:
                continue
            text = f"{cited(authority['short'], c, self.lang)} [{authority['number']}]"
            if text not in shown:
                shown.append(text)
        if not shown:
            return ""
        self._notes.append("; ".join(shown) + ("。" if self.lang == "zh" else "."))
        return f"\ue000{len(self._notes) - 1}\ue001"

    def jnames(self, jurisdictions: Sequence[Mapping[str, Any]]) -> str:
        if len(jurisdictions) == len(self.r["jurisdictions"]) > 1:
            return str(self.L["all_jurisdictions"])
        return ", ".join(self.t(j["name"]) for j in jurisdictions)

    def author(self, element: Mapping[str, Any], names: Sequence[str]) -> str:
        label = self.t(element["author_label"]) if element.get("author_label") else ""
        return f"{', '.join(names)} ({label})" if names else label

    def step_line(self, step: Mapping[str, Any]) -> str:
        where = f" {self.L['the_work']}" if step["element"] is None else ""
        was = (
            self.L["not_asked_before"]
            if step["from"] == "n/a"
            else f"{self.L['instead_of']} {self.t(step['from_label'])}"
        )
        return (
            f"“{self.t(step['text'])}”{where} {self.L['were']} {self.t(step['to_label'])} ({was})"
        )

    # ------------------------------------------------------------ sections

    def write(self) -> None:
        self.header()
        self.opinion()
        self.assumptions()
        self.changes()
        self.recommendations()
        self.divergences()
        self.authorities()
        self.reproducibility()

    def header(self) -> None:
        L, res = self.L, self.res
        self.heading(res["work"]["title"], 0)
        self.para(("i", f"{L['kicker']} — {L['subtitle']} · {res['generated_at'][:10]}"))
        rows = []
        for row in self.o["matter"]:
            value = row["value"]
            shown = (
                L["not_stated"]
                if value is None
                else value
                if isinstance(value, str)
                else "; ".join(value)
            )
            rows.append((L["matter_fields"][row["key"]], shown))
        if self.o["answer_notes"]:
            shown = "\n".join(
                (f"{self.t(n['element'])} — " if n["element"] else "")
                + f"“{self.t(n['question'])}”{self.colon}{n['note']}"
                for n in self.o["answer_notes"]
            )
            rows.append((L["matter_fields"]["answer_notes"], shown))
        if rows:
            self.table(("", ""), rows)
        law = "; ".join(f"{self.t(j['name'])} {j['law_as_of']}" for j in self.r["law_as_of"])
        self.para(("b", L["not_advice_title"]), f" {L['law_current_to']}{self.colon}{law}.")

    def opinion(self) -> None:
        L, o = self.L, self.o
        self.heading(f"1 {L['s_opinion']}", 1)
        header = [L["element"], *(self.t(j["name"]) for j in self.r["jurisdictions"])]
        rows = [
            [L["work_verdict"], *(self.work_cell(j["verdict"]) for j in self.r["jurisdictions"])]
        ]
        for row in o["matrix"]:
            cells = [self.t(row["element"]["label"])]
            for cell in row["cells"]:
                e = cell["element"]
                lines = [self.verdict(e["verdict"]), self.author(e, cell["names"])]
                if not o["many"]:
                    lines.append(self.listed("protected", e["protects"]))
                    if e["excludes"]:
                        lines.append(self.listed("excluded", e["excludes"]))
                    elif e["rest_open"]:
                        lines.append(L["rest_open"])
                cells.append("\n".join(line for line in lines if line))
            rows.append(cells)
        self.table(header, rows)
        if o["many"]:
            self.para("")
            rows = []
            for row in o["protection"]:
                sides = []
                for side in (row["protects"], row["excludes"]):
                    sides.append(
                        "\n".join(
                            f"{self.t(item['label'])} ({self.jnames(item['jurisdictions'])})"
                            for item in side
                        )
                        or "—"
                    )
                rows.append([self.t(row["element"]["label"]), *sides])
            self.table((L["element"], L["protected"], L["excluded"]), rows)
        self.claim()

    def work_cell(self, verdict: Mapping[str, Any]) -> str:
        """The work's verdict, with what the verdicts say of the work as a whole."""
        lines = [
            self.verdict(verdict["verdict"]),
            self.listed("protected", verdict.get("protects")),
        ]
        return "\n".join(line for line in lines if line)

    def listed(self, label: str, items: Sequence[Mapping[str, Any]] | None) -> str:
        """'Protected: a; b' (the label's words, then the items' labels), or '' for none."""
        if not items:
            return ""
        return f"{self.L[label]}{self.colon}" + "; ".join(self.t(c["label"]) for c in items)

    def claim(self) -> None:
        L, EN = self.L, self.EN
        for rec in self.r["recommendations"]:
            j = rec["jurisdiction"]
            if j["id"] not in EN["claim_heading"]:
                continue
            claim = rec["claim"]
            self.heading(EN["claim_heading"][j["id"]], 2)
            if claim["included"]:
                rows = [
                    (
                        EN["material_excluded"],
                        "; ".join(translate(x, "en") for x in claim["excluded"])
                        or EN["claim_none_excluded"],
                    ),
                    (EN["new_material"], "; ".join(translate(x, "en") for x in claim["included"])),
                ]
                if claim["undetermined"]:
                    rows.append(
                        (
                            EN["claim_undetermined"],
                            "; ".join(translate(e["label"], "en") for e in claim["undetermined"]),
                        )
                    )
                self.table(("", ""), rows)
            else:
                self.para(EN["claim_nothing"])
            if self.lang != "en":
                excluded = (
                    "；".join(self.t(x) for x in claim["excluded"]) or L["claim_none_excluded"]
                )
                included = "；".join(self.t(x) for x in claim["included"]) or L[
                    "claim_nothing"
                ].rstrip("。")
                gloss = f"{L['material_excluded']}：{excluded}。{L['new_material']}：{included}。"
                if claim["undetermined"]:
                    open_ = "；".join(self.t(e["label"]) for e in claim["undetermined"])
                    gloss += f"{L['claim_undetermined']}：{open_}。"
                self.para(("b", L["claim_gloss"]), " ", gloss)
            self.para(("i", L["claim_note"]))

    def assumptions(self) -> None:
        L, o = self.L, self.o
        self.heading(f"2 {L['s_assumptions']}", 1)
        many = len(self.r["jurisdictions"]) > 1
        for line in o["grouped_assumptions"]:
            a = line["assumption"]
            effects = "; ".join(
                f"{self.t(eff['element']['label'])} — "
                + ", ".join(
                    f"{self.t(x['value_label'])} → {self.verdict(x['verdict'])}"
                    for x in eff["otherwise"]
                )
                for eff in line["effects"]
            )
            lead = (("b", f"{self.jnames(line['jurisdictions'])}{self.colon}"),) if many else ()
            self.bullet(
                *lead,
                ("i", self.t(a["text"])),
                f" {L['taken_as']} {self.t(a['value_label'])} ({self.t(a['kind_label'])}) "
                f"{self.refs(line['cites'])}. {L['if_instead']}{self.colon}{effects}",
            )
        if not o["grouped_assumptions"]:
            self.bullet(L["no_assumptions"])
        others = [g for g in o["other_assumptions"] if g["count"]]
        if others:
            counts = "; ".join(f"{self.t(g['jurisdiction']['name'])} {g['count']}" for g in others)
            self.bullet(("i", f"{L['other_assumptions_by']}{self.colon}{counts}."))

    def changes(self) -> None:
        L, o = self.L, self.o
        self.heading(f"3 {L['s_changes']}", 1)
        if o["grouped_changes"] is None:
            self.para(L["whatif_missing"])
            return
        many = len(self.r["jurisdictions"]) > 1
        for item in o["grouped_changes"]:
            self.bullet(("b", self.t(item["element"]["label"])))
            for line in item["lines"]:
                lead = (("b", f"{self.jnames(line['jurisdictions'])}{self.colon}"),) if many else ()
                change = line["change"]
                if change is None:
                    self.bullet(*lead, ("i", L["none_single"]), level=2)
                    continue
                steps = f" {L['and']} ".join(self.step_line(s) for s in change["steps"])
                self.bullet(
                    *lead,
                    f"{L['if']} {steps} → {self.verdict(change['verdict'])} "
                    f"{self.refs(line['cites'])}",
                    level=2,
                )
        self.para(("i", L["changes_note"]))

    def recommendations(self) -> None:
        L, o = self.L, self.o
        self.heading(f"4 {L['s_recs']}", 1)
        count = len(self.r["work"]["elements"])
        for rec in o["recommendations"]:
            if not rec["items"]:
                continue
            self.heading(self.t(rec["jurisdiction"]["name"]), 2)
            for item in rec["items"]:
                if len(item["elements"]) == count > 1:
                    where = L["all_elements"]
                else:
                    where = "; ".join(self.t(e["label"]) for e in item["elements"])
                trailer = f" — {L['for_elements']}{self.colon}{where}"
                self.bullet(self.t(item["text"]), ("i", trailer))
        more = [rec for rec in o["recommendations"] if rec["more"]]
        if more:
            counts = "; ".join(
                f"{self.t(rec['jurisdiction']['name'])} {rec['more']}" for rec in more
            )
            self.para(("i", f"{L['more_recs_by']}{self.colon}{counts}."))

    def divergences(self) -> None:
        L, o = self.L, self.o
        self.heading(f"5 {L['s_divergences']}", 1)
        if len(self.r["jurisdictions"]) < 2:
            self.para(L["one_jurisdiction"])
            self.agreements()
            return
        if not o["divergences"]:
            self.para(L["no_divergence"])
        for d in o["divergences"]:
            self.heading(self.t(d["element"]["label"]), 2)
            for group in d["groups"]:
                for side in group["sides"]:
                    e = side["element"]
                    why = self.why(e, side["deciding"])
                    name = self.t(side["jurisdiction"]["name"])
                    lead = f"{self.verdict(group['verdict'])} — {name}{self.colon}"
                    self.bullet(("b", lead), why)
                    for alt in e["alternatives"]:
                        self.bullet(
                            ("i", f"{L['other_line']}{self.colon}"),
                            f"{self.verdict(alt['verdict'])} — {self.t(alt['because'])} "
                            f"{self.refs(alt['cites'])}",
                            level=2,
                        )
            pairs = d["pairs"]
            if len(pairs) <= 3:
                named = "; ".join(f"{self.t(a['name'])} – {self.t(b['name'])}" for a, b in pairs)
                self.para(("i", f"{L['pairs_differ']}{self.colon}{named}."))
            else:
                self.para(("i", L["pairs_between_groups"] % len(pairs)))
        self.agreements()

    def agreements(self) -> None:
        """Where every jurisdiction agrees, each one's ground (opinion_view.agreements)."""
        L, o = self.L, self.o
        if not o["agreements"]:
            return
        self.heading(L[o["agreements_heading"]], 2)
        for a in o["agreements"]:
            self.bullet(("b", self.t(a["element"]["label"])), f" — {self.verdict(a['verdict'])}")
            if o["many"]:  # seven rule sets: each one's authorities, to keep the page limit
                self.bullet(
                    "; ".join(
                        f"{self.t(s['jurisdiction']['name'])} "
                        + (self.refs(s["deciding"]["cites"]) if s["deciding"] else "—")
                        for s in a["sides"]
                    ),
                    level=2,
                )
                continue
            for side in a["sides"]:
                step = side["deciding"]
                why = self.why(side["element"], [step] if step else [])
                name = self.t(side["jurisdiction"]["name"])
                self.bullet(("i", f"{name}{self.colon}"), why, level=2)

    def why(self, element: Mapping[str, Any], deciding: Sequence[Mapping[str, Any]]) -> str:
        """An element's ground in one jurisdiction: the deciding rule's statement and its
        authorities, else what would decide it, else that no rule did."""
        L = self.L
        if deciding:
            return " ".join(f"{self.t(s['statement'])} {self.refs(s['cites'])}" for s in deciding)
        if element["undetermined_by"]:
            asked = "; ".join(f"“{self.t(q['text'])}”" for q in element["undetermined_by"])
            return f"{L['undetermined_until']}{self.colon}{asked}"
        return str(L["no_rule_decided"])

    def authorities(self) -> None:
        L = self.L
        self.heading(f"6 {L['s_authorities']}", 1)
        for a in self.r["bibliography"]["opinion"]:
            flag = f" (S — {L['secondary']})" if a["verification"] == "S" else ""
            where = f" · {a['url']}" if a.get("url") else ""
            kind = L["kinds"].get(a["kind"], a["kind"])
            weight = L["weights"].get(a["weight"], a["weight"])
            self.para(
                ("b", f"[{a['number']}] "),
                f"{a['citation']}{flag} — {kind}, {weight}, {a['date']}{where}",
            )
        if any(a["verification"] == "S" for a in self.r["bibliography"]["opinion"]):
            self.para(("i", f"{L['secondary_long']}."))

    def reproducibility(self) -> None:
        L, res = self.L, self.res
        self.heading(f"7 {L['s_reproduce']}", 1)
        rows = [
            (
                L["generated"],
                f"{res['generated_at']} · {res['tool']['name']} {res['tool']['version']}",
            )
        ]
        if res["answers"]["meta"].get("answered_at"):
            rows.append((L["answered_at"], str(res["answers"]["meta"]["answered_at"])))
        rows += [
            (L["answers_file"], res["answers"]["source"]),
            (L["answers_hash"], res["answers"]["sha256"]),
        ]
        self.table(("", ""), rows)
        self.para("")
        self.table(
            (
                L["rulesets"],
                L["ruleset_source"],
                L["ruleset_version"],
                L["law_as_of"],
                L["ruleset_hash"],
            ),
            [
                (
                    self.t(j["name"]),
                    j["ruleset"]["source"],
                    j["ruleset"]["version"],
                    j["ruleset"]["law_as_of"],
                    j["ruleset"]["sha256"],
                )
                for j in res["jurisdictions"]
            ],
        )
        if res.get("command"):
            self.para(("b", L["regenerate"]))
            paragraph = self.para(res["command"])
            for run in paragraph.runs:
                run.font.name = "Courier New"
        self.para(("i", self.t(res["notice"])))
