"""What a verdict says of the work as a whole is stated once, for the work, not per element.

A picture book (a larger human-authored work: the Copyright Office's Part 2
report, conclusion 3 and its discussion of larger works) whose illustrations hold human-authored
expression beside more than de minimis AI material: `us.larger_work.ai_elements`
protects the larger work as a whole. That is said of the work (the vocabulary
marks `larger_human_work` with `scope: work`), so the Result lists it under the
work's verdict, and the illustrations protect only what is in them. The draft
Limitation of the Claim includes the larger work once and names the AI-generated
material it excludes by element (label and kind), in English with a Chinese gloss,
in Markdown, HTML and Word alike.
"""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from copyrightable.answers.answers_file import answers_from_text
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.errors import CopyrightableError
from copyrightable.io.resources import rules_dir
from copyrightable.law.loading import Law, load_law
from copyrightable.render.report import ReportFormat, report_docx, report_text
from copyrightable.render.templates import render
from copyrightable.result.join import joined
from report_inputs import FIXED
from tools import run_cli

PICTURE_BOOK = """\
meta: {schema: 1, title: "A picture book"}
work: {ai_named_as_author: no, actor: individual, larger_human_work: yes, records_kept: yes,
       process_reproducible: yes, platform_terms: user_owns, labels_applied: none,
       us_registration: planned}
elements:
  story:
    kind: text
    label: "the story text"
    answers: {element_is_prompt: no, ai_used: no}
  illustrations:
    kind: image
    label: "the illustrations"
    answers: {ai_used: yes, ai_generated_content: yes, ai_autonomous: no, system_configured: no,
              prompts_used: yes, prompt_detail: simple, prompt_count: 1, prompts_revised: no,
              parameters_set: no, own_input_work: no, region_edits: no, manual_edits: substantial,
              selected_among_outputs: no, ai_upscaling: no, human_authored_content: yes,
              ai_amount: more_than_de_minimis}
"""
LARGER = "the larger human-authored work as a whole"
EXCLUDED_EN = "the AI-generated material in the illustrations (image or artwork)"
EXCLUDED_ZH = "the illustrations（图像或美术作品）中人工智能生成的内容"  # a label, as typed


@lru_cache(maxsize=1)
def _law() -> Law:
    return load_law(None)


def _evaluated() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    law = _law()
    answers = answers_from_text(PICTURE_BOOK, law, "picture-book.yaml")
    evaluator = Evaluator(law)
    raw = evaluator.evaluate(answers, FIXED, "copyrightable report picture-book.yaml")
    result = joined(raw)
    return raw, result, what_if(evaluator, answers, result)


@pytest.fixture(scope="module")
def book() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return _evaluated()


def _us(result: dict[str, Any]) -> dict[str, Any]:
    return next(j for j in result["jurisdictions"] if j["id"] == "us")


def test_the_result_states_the_larger_work_for_the_work_not_for_the_element(book) -> None:
    raw, result, _ = book
    us_raw = _us(raw)
    assert us_raw["verdict"]["protects"] == ["larger_human_work"]
    illustrations = next(e for e in us_raw["elements"] if e["id"] == "illustrations")
    assert illustrations["verdict"] == "partially_protectable"
    assert "us.larger_work.ai_elements" in illustrations["deciding_rules"]
    assert illustrations["protects"] == ["human_modifications", "human_expression"]
    assert illustrations["excludes"] == ["ai_generated_material"]
    us = _us(result)  # the joined view labels it
    assert us["verdict"]["protects"] == [
        {"id": "larger_human_work", "label": {"en": LARGER, "zh": "由人类创作的较大作品整体"}}
    ]
    for j in result["jurisdictions"]:
        for element in j["elements"]:
            assert "larger_human_work" not in {c["id"] for c in element["protects"]}


def test_the_markdown_opinion_and_claim_state_the_work_once_and_name_the_element(book) -> None:
    _, result, analysis = book
    text = report_text(result, analysis, ReportFormat.md)
    opinion = text.split("## 2.", 1)[0]
    assert opinion.count(LARGER) == 2  # the work's row, and the claim's new material
    work_row = next(line for line in opinion.splitlines() if "**The work as a whole**" in line)
    assert f"**◐ PARTIALLY PROTECTABLE**<br>Protected: {LARGER} |" in work_row
    row = next(line for line in opinion.splitlines() if line.startswith("| the illustrations"))
    assert LARGER not in row
    assert "Protected: the human's own modifications of the AI output; " in row
    assert f"| Material excluded | {EXCLUDED_EN} |" in opinion
    assert (
        f"| New material included (author created) | {LARGER}; "
        "the human-written text (the story text); "
        "the human's own modifications of the AI output (the illustrations); "
    ) in opinion  # the whole work names no element; every other entry names its own
    zh = report_text(result, analysis, ReportFormat.md, "zh").split("## 2.", 1)[0]
    assert f"| Material excluded | {EXCLUDED_EN} |" in zh  # filed in English
    assert f"排除的内容（Material excluded）：{EXCLUDED_ZH}。" in zh
    assert (
        "主张的新内容（New material included / Author created）：由人类创作的较大作品整体；"
        "人类撰写的文字（the story text）；" in zh
    )
    assert "**作品整体** | **◐ 部分可受保护**<br>受保护的内容：由人类创作的较大作品整体 |" in zh
    assert zh.count("由人类创作的较大作品整体") == 2


def test_the_html_opinion_and_claim_state_the_work_once_and_name_the_element(book) -> None:
    _, result, analysis = book
    page = report_text(result, analysis, ReportFormat.html)
    work_row = page.split('<tr class="work">', 1)[1].split("</tr>", 1)[0]
    assert f'<span class="label">Protected:</span> {LARGER}</div>' in work_row
    assert f"<tr><th>Material excluded</th><td>{EXCLUDED_EN}</td></tr>" in page
    assert f"<tr><th>New material included (author created)</th><td>{LARGER}; " in page
    opinion = page.split('<div class="claim"', 1)[0]
    assert opinion.count(LARGER) == 1  # the work's row only, not the illustrations' cell
    zh = report_text(result, analysis, ReportFormat.html, "zh")
    assert f"排除的内容（Material excluded）：{EXCLUDED_ZH}。" in zh


def test_an_element_label_in_the_claim_is_escaped_in_html() -> None:
    law = _law()
    answers = answers_from_text(
        PICTURE_BOOK.replace('"the illustrations"', '"<b>art</b>"'), law, "b.yaml"
    )
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED, None))
    page = report_text(result, None, ReportFormat.html)
    assert "the AI-generated material in &lt;b&gt;art&lt;/b&gt; (image or artwork)" in page
    assert "<b>art</b>" not in page
    md = report_text(result, None, ReportFormat.md)
    assert "<b>art</b>" not in md


def test_the_word_opinion_and_claim_state_the_work_once_and_name_the_element(
    book, tmp_path: Path
) -> None:
    if os.environ.get("COPYRIGHTABLE_REQUIRE_ALL_TOOLS") == "1":
        import docx  # CI installs the docx extra: a missing python-docx fails there
    else:
        docx = pytest.importorskip("docx", reason="the docx extra is not installed")
    _, result, analysis = book
    for lang in ("en", "zh"):
        path = tmp_path / f"book-{lang}.docx"
        path.write_bytes(report_docx(result, analysis, lang))
        document = docx.Document(str(path))
        matrix = document.tables[1]
        work = matrix.rows[1].cells[1].text
        protected = "Protected: " if lang == "en" else "受保护的内容："
        larger = LARGER if lang == "en" else "由人类创作的较大作品整体"
        assert work.splitlines()[1] == protected + larger
        illustrations = next(r for r in matrix.rows if r.cells[0].text == "the illustrations")
        assert larger not in illustrations.cells[1].text
        claim = {row.cells[0].text: row.cells[1].text for row in document.tables[2].rows}
        assert claim["Material excluded"] == EXCLUDED_EN
        assert claim["New material included (author created)"].startswith(LARGER + "; ")
        assert claim["New material included (author created)"].count(LARGER) == 1
        gloss = [p.text for p in document.paragraphs if p.text.startswith("中文释义")]
        assert (gloss != []) is (lang == "zh")
        if gloss:
            assert f"排除的内容（Material excluded）：{EXCLUDED_ZH}。" in gloss[0]


def test_the_same_command_gives_the_same_bytes(tmp_path: Path) -> None:
    answers = tmp_path / "picture-book.yaml"
    answers.write_text(PICTURE_BOOK, encoding="utf-8")
    outputs = []
    for attempt in ("first", "second"):
        (tmp_path / attempt).mkdir()
        out = tmp_path / attempt / "report.md"
        done = run_cli("report", str(answers), "-f", "md", "--timestamp", FIXED, "-o", str(out))
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert EXCLUDED_EN.encode() in outputs[0]


def _copied_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    return folder


def test_a_verdict_protecting_only_the_work_as_a_whole_is_refused(tmp_path: Path) -> None:
    folder = _copied_rules(tmp_path)
    rules = folder / "us.yaml"
    text = rules.read_text(encoding="utf-8")
    marker = "protects: [human_expression, larger_human_work]"
    assert text.count(marker) == 1
    rules.write_text(text.replace(marker, "protects: [larger_human_work]"), encoding="utf-8")
    with pytest.raises(CopyrightableError, match="nothing in the element itself"):
        load_law(folder)


def test_a_rule_test_naming_the_larger_work_for_an_element_is_refused(tmp_path: Path) -> None:
    folder = _copied_rules(tmp_path)
    tests = folder / "tests" / "us" / "official_examples.yaml"
    text = tests.read_text(encoding="utf-8")
    marker = "protects: {film: [human_expression]}"
    assert text.count(marker) == 1
    tests.write_text(text.replace(marker, "protects: {film: [larger_human_work]}"), "utf-8")
    done = run_cli("rules", "check", "--rules", str(folder))
    assert done.returncode != 0
    assert "'larger_human_work' is said of the work as a whole, not of element 'film'" in (
        done.stdout + done.stderr
    )


def test_a_contribution_scope_other_than_element_or_work_is_refused(tmp_path: Path) -> None:
    folder = _copied_rules(tmp_path)
    vocabulary = folder / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert text.count("    scope: work\n") == 1
    vocabulary.write_text(text.replace("    scope: work\n", "    scope: book\n"), "utf-8")
    with pytest.raises(CopyrightableError, match="scope"):
        load_law(folder)


def test_evaluate_and_the_interview_summary_state_the_work_once(book, tmp_path: Path) -> None:
    _, result, _ = book
    summary = render("ask_summary.txt.j2", lang="en", result=result)
    assert summary.count(LARGER) == 1
    assert f"  The work as a whole: PARTIALLY PROTECTABLE\n      protected: {LARGER}\n" in summary
    answers = tmp_path / "picture-book.yaml"
    answers.write_text(PICTURE_BOOK, encoding="utf-8")
    done = run_cli("evaluate", str(answers), "--explain", "--timestamp", FIXED)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(LARGER) == 1
    assert f"  - protected, of the work as a whole: {LARGER}\n" in done.stdout
    zh = run_cli("evaluate", str(answers), "--lang", "zh", "--timestamp", FIXED)
    assert "  - 作品整体层面受保护：由人类创作的较大作品整体\n" in zh.stdout
