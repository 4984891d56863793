"""Real Word footnotes for the opinion's authorities: the part python-docx does not write.

Lawyers file and edit opinions in Word, where an authority is cited in a
footnote: the reader of the text sees a superscript number, the pinpoint sits
at the foot of the page. python-docx (1.2) has no footnote API, so this module
writes the two things Word needs, as the OOXML standard (ECMA-376 Part 1,
§17.11) defines them: a `w:footnoteReference` run in the paragraph, and a
`w:footnote` in the package's footnotes part, which it creates (with the two
separator footnotes Word expects) or, for a firm's template that already has
one, extends after its highest id. Footnotes are numbered in the order they
are referenced, so equal opinions give equal bytes.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_PART = "/word/footnotes.xml"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
_NOTE_SIZE = 18  # half-points: 9 pt, set directly so a template without the style still shows it


class Footnotes:
    """Collects the opinion's footnotes while it is written, then adds them to the package."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.existing = _existing_part(document)
        self.first_id = _highest_id(self.existing.blob) + 1 if self.existing is not None else 1
        self.notes: list[str] = []

    def reference(self, paragraph: Any, text: str) -> None:
        """Append a superscript footnote mark to `paragraph`; `text` is the footnote."""
        from docx.oxml import parse_xml

        note_id = self.first_id + len(self.notes)
        self.notes.append(text)
        run = parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
        paragraph._p.append(run)

    def attach(self) -> None:
        """Write the footnotes part (or extend the template's) once the body is complete."""
        if not self.notes:
            return
        notes = "".join(_footnote(self.first_id + i, text) for i, text in enumerate(self.notes))
        if self.existing is not None:
            blob = self.existing.blob.decode("utf-8")
            closing = blob.rindex("</w:footnotes>")
            self.existing._blob = (blob[:closing] + notes + blob[closing:]).encode("utf-8")
            return
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{notes}</w:footnotes>'
        )
        part = Part(
            PackURI(FOOTNOTES_PART),
            FOOTNOTES_TYPE,
            xml.encode("utf-8"),
            self.document.part.package,
        )
        self.document.part.relate_to(part, FOOTNOTES_REL)


def _footnote(note_id: int, text: str) -> str:
    size = f'<w:sz w:val="{_NOTE_SIZE}"/><w:szCs w:val="{_NOTE_SIZE}"/>'
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{size}</w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
        "</w:p></w:footnote>"
    )


def _existing_part(document: Any) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype == FOOTNOTES_REL and not rel.is_external:
            return rel.target_part
    return None


def _highest_id(blob: bytes) -> int:
    import re

    ids = [int(n) for n in re.findall(rb'w:id="(-?\d+)"', blob)]
    return max([0, *ids])
