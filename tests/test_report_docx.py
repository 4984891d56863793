"""The opinion as a Word document: reopened with python-docx, in English and Chinese.

The .docx is the same opinion as the PDF (the same view, the same labels): these
tests read it back and check its headings, tables and text, a firm's template
(its header survives, its old body does not), the same bytes for the same
command, and one clear line for a file that is not a Word document.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from copyrightable.answers.answers_file import load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.resources import cases_dir
from copyrightable.law.loading import load_law
from copyrightable.render.report import report_docx
from copyrightable.result.join import joined
from report_inputs import FIXED
from tools import run_cli

if os.environ.get("COPYRIGHTABLE_REQUIRE_ALL_TOOLS") == "1":
    import docx  # CI installs the docx extra: a missing python-docx fails there
else:
    docx = pytest.importorskip("docx", reason="the docx extra is not installed")

ZARYA = cases_dir() / "zarya-of-the-dawn.yaml"
CLAIM = "Draft Limitation of the Claim (U.S. Copyright Office application)"


@pytest.fixture(scope="module")
def zarya() -> tuple[dict[str, Any], dict[str, Any]]:
    law = load_law(None)
    answers = load_answers(ZARYA, law)
    evaluator = Evaluator(law)
    result = joined(
        evaluator.evaluate(answers, FIXED, "copyrightable report zarya-of-the-dawn.yaml")
    )
    return result, what_if(evaluator, answers, result)


def _open(data: bytes, tmp_path: Path, name: str) -> Any:
    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(str(path))


def _headings(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def _text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_docx_opinion_has_the_opinions_headings_tables_and_text(
    zarya: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path, lang: str
) -> None:
    result, analysis = zarya
    document = _open(report_docx(result, analysis, lang), tmp_path, f"zarya-{lang}.docx")
    headings = _headings(document)
    zh = [
        "1 意见",
        "2 结论所依据的假定",
        "3 哪些事实变化会改变各项结论",
        "4 建议",
        "5 法域对照：结论的异同及其原因",
        "6 引用的法律依据",
        "7 可复现性",
    ]
    en = [
        "1 Opinion",
        "2 What the verdicts rest on",
        "3 What would change each verdict",
        "4 Recommendations",
        "5 Side by side: where the jurisdictions differ and where they agree, and why",
        "6 Authorities cited",
        "7 Reproducibility",
    ]
    expected = zh if lang == "zh" else en
    assert headings[0] == "Zarya of the Dawn (Kashtanova)"
    assert [h for h in headings if h[:1].isdigit()] == expected
    assert CLAIM in headings  # filed in English, in every report
    text = _text(document)
    # the matrix: every element with its verdict under each jurisdiction
    matrix = document.tables[1]
    assert [c.text for c in matrix.rows[0].cells][1:] == [
        j["name"][lang] for j in result["jurisdictions"]
    ]
    for row, element in zip(matrix.rows[2:], result["work"]["elements"], strict=True):
        assert row.cells[0].text == element["label"]
    verdicts = {"en": "✗ not protectable", "zh": "✗ 不受保护"}[lang]
    assert verdicts in matrix.rows[3].cells[1].text  # the Midjourney images, in the US
    assert "the AI-generated material" in text  # the claim, in English
    assert ("中文释义" in text) is (lang == "zh")
    # numbered references keyed to the authorities, as in the PDF
    assert "[1] Copyright Act of 1976" in text
    assert "zarya-of-the-dawn.yaml" in text and result["answers"]["sha256"] in text
    if lang == "zh":
        assert "Opinion" not in headings and "Recommendations" not in text
    notice = {"en": "Decision support, not legal advice", "zh": "仅供决策参考，不构成法律意见"}
    assert document.sections[0].footer.paragraphs[0].text == notice[lang]


def test_a_firms_template_keeps_its_letterhead_and_loses_its_old_body(
    zarya: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    letterhead = docx.Document()
    letterhead.sections[0].header.paragraphs[0].text = "Example & Partners LLP"
    letterhead.add_paragraph("Dear client, this body is replaced.")
    template = tmp_path / "firm.docx"
    letterhead.save(str(template))
    result, analysis = zarya
    document = _open(
        report_docx(result, analysis, "en", template=str(template)), tmp_path, "on-firm.docx"
    )
    assert document.sections[0].header.paragraphs[0].text == "Example & Partners LLP"
    assert "Dear client" not in _text(document)
    assert "1 Opinion" in _headings(document)


def test_the_same_opinion_gives_the_same_docx_bytes(
    zarya: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    result, analysis = zarya
    assert report_docx(result, analysis, "zh") == report_docx(result, analysis, "zh")


def test_cli_writes_docx_and_refuses_a_bad_template_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "zarya.docx"
    command = ["report", str(ZARYA), "-f", "docx", "-o", str(out), "--timestamp", FIXED]
    done = run_cli(*command)
    assert done.returncode == 0, done.stderr
    assert "1 Opinion" in _headings(docx.Document(str(out)))
    bad = tmp_path / "letterhead.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    refused = run_cli(*command[:-2], "-o", str(tmp_path / "x.docx"), "--template", str(bad))
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}: not a Word document" in lines[0]
    assert not (tmp_path / "x.docx").exists()


def _footnotes(data: bytes) -> tuple[int, dict[str, str]]:
    """The footnote references in the body, and the footnotes' texts by id (ECMA-376 §17.11)."""
    import io
    import re
    import zipfile

    package = zipfile.ZipFile(io.BytesIO(data))
    body = package.read("word/document.xml").decode("utf-8")
    notes = package.read("word/footnotes.xml").decode("utf-8")
    assert "footnotes+xml" in package.read("[Content_Types].xml").decode("utf-8")
    assert "relationships/footnotes" in package.read("word/_rels/document.xml.rels").decode()
    texts = {
        note_id: "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inner))
        for note_id, inner in re.findall(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', notes)
    }
    referenced = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body)
    assert sorted(referenced, key=int) == sorted(texts, key=int)  # each note referenced once
    return len(referenced), texts


def test_authorities_are_cited_in_real_word_footnotes_with_their_pinpoints(zarya) -> None:
    result, analysis = zarya
    count, texts = _footnotes(report_docx(result, analysis, "en"))
    assert count >= 5
    assert any("88 Fed. Reg. 16190, 16192-93" in t for t in texts.values())
    assert all(re.search(r"\[\d+\]\.$", t) for t in texts.values())  # its number in the list
    _, chinese = _footnotes(report_docx(result, analysis, "zh"))
    assert any("《著作权法》第" in t for t in chinese.values())


def test_a_template_with_footnotes_of_its_own_keeps_them_and_numbers_ours_after(
    zarya, tmp_path: Path
) -> None:
    result, analysis = zarya
    first = report_docx(result, analysis, "en")
    template = tmp_path / "firm.docx"
    template.write_bytes(first)  # a Word file that already has a footnotes part
    again = report_docx(result, analysis, "en", template=str(template))
    import io
    import zipfile

    notes = zipfile.ZipFile(io.BytesIO(again)).read("word/footnotes.xml").decode("utf-8")
    ids = re.findall(r'<w:footnote w:id="(\d+)">', notes)
    assert len(ids) == len(set(ids)) == 2 * _footnotes(first)[0]
