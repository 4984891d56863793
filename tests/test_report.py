"""Reports in Markdown, HTML and JSON: content, escaping, languages, determinism, the CLI."""

from __future__ import annotations

import html.parser
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from copyrightable.answers.answers_file import answers_from_text, load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.resources import cases_dir, rules_dir
from copyrightable.law.loading import Law, load_law
from copyrightable.render.report import Detail, Paper, ReportFormat, filed, report_data, report_text
from copyrightable.render.templates import markdown_text
from copyrightable.result.join import joined
from report_inputs import COMIC, FIXED, MIN_LAW, PAIR_LAW, answered_case_files
from tools import run_cli

EVIL_TITLE = "<script>alert(1)</script>"
SHIPPED_LAW = rules_dir()
ZARYA = cases_dir() / "zarya-of-the-dawn.yaml"


@lru_cache(maxsize=4)
def _law(folder: str) -> Law:
    return load_law(Path(folder))


def _result(
    law_folder: Path, answers_text: str | None = None, answers_path: Path | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    law = _law(str(law_folder))
    if answers_path is not None:
        answers = load_answers(answers_path, law)
    else:
        assert answers_text is not None
        answers = answers_from_text(answers_text, law, "inline.yaml")
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED, "copyrightable report inline.yaml"))
    return result, what_if(evaluator, answers, result)


def _comic() -> tuple[dict[str, Any], dict[str, Any]]:
    return _result(PAIR_LAW, answers_path=COMIC)


def _visible_text(document: str) -> str:
    """What a browser shows: the text of an HTML document without its tags and styles."""
    parts: list[str] = []

    class Collect(html.parser.HTMLParser):
        skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("style", "script", "title"):
                self.skip += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script", "title"):
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                parts.append(data)

    Collect(convert_charrefs=True).feed(document)
    return " ".join("".join(parts).split())


# ------------------------------------------------------------------ content


@pytest.mark.parametrize("output_format", [ReportFormat.md, ReportFormat.html])
def test_report_shows_verdicts_reasons_citations_and_divergence(
    output_format: ReportFormat,
) -> None:
    result, analysis = _comic()
    for detail in Detail:
        text = report_text(result, analysis, output_format, detail=detail)
        if output_format is ReportFormat.html:
            text = _visible_text(text)
        # the matter, who answered, versions, hashes, date the law is current to, command
        assert "Dawn of the Machines: a comic" in text
        assert "A. Editor" in text
        assert result["answers"]["sha256"] in text
        for jurisdiction in result["jurisdictions"]:
            assert jurisdiction["ruleset"]["sha256"] in text
            assert jurisdiction["ruleset"]["law_as_of"] in text
        assert "copyrightable report inline.yaml" in text
        assert "not legal advice" in text
        # verdicts per jurisdiction and the deciding rules' reasons where they diverge
        assert "partially protectable".upper() in text.upper()
        assert "Machine-made material is not protected" in text
        assert "Output reflecting the user's intellectual input is a work" in text
        assert "Side by side: where the jurisdictions differ and where they agree, and why" in text
        # where they agree, each jurisdiction's ground is stated too, with its authority
        agree = text.split("Where they agree, the ground of each verdict", 1)[1]
        assert "The story text" in agree.split("Authorities cited", 1)[0]
        assert "Human-made expression is protected; th" in agree  # the whole statement
        # the other line of authority
        assert "Another court held that prompts convey only ideas." in text
        # the bibliography, with the single-secondary-source flag
        assert "Toy Office, Guidance on Works Made with Machines" in text
        assert "single secondary source" in text
    # the full report adds the reasoning: pinpoints, the pending case, the caveat notes
    assert "12 Toy Reg. 345, at 16193" in text
    assert "Li v. Liu (Toy IC 2023), part 4.2" in text
    assert "Doe v. Office, No. 1:24-cv-00001" in text
    assert "The passage on disclosure comes from a secondary source only." in text
    assert "Appendix: the reasoning, step by step" in text


def test_divergence_section_only_lists_elements_whose_verdicts_differ() -> None:
    result, analysis = _result(
        PAIR_LAW,
        """
meta: {schema: 1, title: "Plain words"}
work: {ai_named_author: no}
elements:
  text: {kind: text, label: "The words", answers: {ai_used: no}}
""",
    )
    text = report_text(result, analysis, ReportFormat.md)
    assert "The jurisdictions reach the same verdict for every element." in text
    assert "**≠**" not in text


def test_recommendations_come_from_the_rules_and_the_claim_from_protects_and_excludes() -> None:
    result, analysis = _comic()
    text = report_text(result, analysis, ReportFormat.md)
    # the US Limitation of the Claim, on the opinion's first part, from the vocabulary labels
    claim = text.split("## 1. Opinion", 1)[1].split("## 2.", 1)[0]
    assert (
        "| Material excluded | the machine-generated images in The drawings (image); "
        "the machine-generated images in The cover (image) |"
    ) in claim
    # each entry names the element it is in: "the human-written text" alone says not which
    assert (
        "| New material included (author created) | the human-written text (The story text) |"
        in claim
    )
    # China: the records to keep and the labelling duty, attached by the rules that fired
    section = text.split("## 4. Recommendations", 1)[1].split("## 5.", 1)[0]
    china = section.split("### China (fictional)", 1)[1]
    assert "Keep the prompt log, parameters, intermediate outputs and edit history." in china
    assert "Label the published content as machine-generated." in china
    full = report_text(result, analysis, ReportFormat.md, detail=Detail.full)
    assert "Open questions to put to counsel" in full.split("## A.", 1)[1]


def test_what_if_section_lists_the_changes_that_flip_a_verdict() -> None:
    result, analysis = _comic()
    text = report_text(result, analysis, ReportFormat.md)
    # the opinion: the smallest change per verdict, with the jurisdictions it holds in
    opinion = text.split("## 3. What would change each verdict", 1)[1].split("## 4.", 1)[0]
    drawings = opinion.split("**The drawings**", 1)[1].split("**The cover**", 1)[0]
    assert "**China (fictional):** If “How many prompts were written?” were **19**" in drawings
    assert "NOT PROTECTABLE" in drawings
    # the appendix: every change
    full = report_text(result, analysis, ReportFormat.md, detail=Detail.full)
    section = full.split("### What would change the outcome", 1)[1].split("### All recomm", 1)[0]
    china = section.split("#### China (fictional)", 1)[1]
    drawings = china.split("**The drawings**", 1)[1].split("**The cover**", 1)[0]
    assert "“How many prompts were written?” were **19** (instead of 40)" in drawings
    assert "“Were the prompts and drafts kept?” were **no** (instead of yes)" in drawings
    assert "NOT PROTECTABLE" in drawings


def _zarya_reasoning() -> tuple[str, dict[str, Any]]:
    """The Zarya case under the shipped rules: its Markdown reasoning section and the US block."""
    result, analysis = _result(SHIPPED_LAW, answers_path=ZARYA)
    text = report_text(result, analysis, ReportFormat.md, detail=Detail.full)
    section = text.split("## A. ", 1)[1].split("### What would change the outcome", 1)[0]
    us_block = next(
        block
        for block in report_data(result, analysis, "en")["reasoning"]
        if block["jurisdiction"]["id"] == "us"
    )
    return section, us_block


def test_a_rule_applying_beside_several_verdicts_is_listed_once_with_its_elements() -> None:
    section, us_block = _zarya_reasoning()
    also = {item["step"]["rule"]: [e["id"] for e in item["elements"]] for item in us_block["also"]}
    # the section 411(b) warning applies to the images and to the arrangement: one entry
    assert also["us.registration.undisclosed_ai_material"] == ["images", "arrangement"]
    us_section = section.split("### United States", 1)[1].split("### People", 1)[0]
    statement = "An application that does not disclose and exclude more-than-de-minimis AI"
    assert us_section.count(statement) == 1
    listed = us_section.split(statement, 1)[1].split("\n", 1)[0]
    assert listed.endswith(
        "— for: the Midjourney images, the selection, coordination and "
        "arrangement of text and images on the pages"
    )
    # the HTML and the Chinese report carry the same single list per jurisdiction
    result, analysis = _result(SHIPPED_LAW, answers_path=ZARYA)
    page = _visible_text(report_text(result, analysis, ReportFormat.html, detail=Detail.full))
    assert page.count("An application that does not disclose and exclude more-than-de-minimis") == 1
    chinese = report_text(result, analysis, ReportFormat.md, "zh", detail=Detail.full)
    assert chinese.count("#### 同样适用的其他规则（所列组成部分的结论并不以其为依据）") == 2


def test_near_misses_that_only_restate_another_verdict_are_left_out() -> None:
    _, us_block = _zarya_reasoning()
    images = next(item for item in us_block["elements"] if item["element"]["id"] == "images")
    near = [entry["step"]["rule"] for entry in images["not_reached"]]
    # region editing was one finding away from another verdict: a real near miss
    assert near == ["us.region_edits.case_by_case"]
    # the author rule fires on who made the images, but names no author of
    # images nothing protects: it is neither applied nor a near miss
    trace = {step["rule"]: step for step in images["element"]["trace"]}
    assert trace["us.author.human_user"]["outcome"] == "fired"
    assert "us.author.human_user" not in images["element"]["deciding_rules"]
    assert "us.author.human_user" not in near


def _step(
    rule: str,
    outcome: str,
    verdict: str | None,
    findings: list[str],
    failed_finding: str | None = None,
) -> dict[str, Any]:
    conditions = []
    if failed_finding:
        conditions.append(
            {"truth": "false", "facts": [{"finding": failed_finding, "source": "derived"}]}
        )
    return {
        "rule": rule,
        "outcome": outcome,
        "conditions": conditions,
        "concludes": {"verdict": verdict, "findings": findings},
    }


def test_a_near_miss_stays_unless_only_rules_of_its_own_verdict_could_supply_what_it_lacks() -> (
    None
):
    from copyrightable.render.report import _not_reached

    element = {
        "verdict": "not_protectable",
        "trace": [
            _step("whole", "not_fired", "protectable", ["whole_protectable"], "human_text"),
            _step("facts", "not_fired", None, ["edited_by_hand"], "human_text"),
            _step("edit", "not_fired", "protectable", ["edited_by_hand"], "edited_by_hand"),
            _step("author", "not_fired", "protectable", [], "whole_protectable"),
            _step("mixed", "not_fired", "partially_protectable", [], "edited_by_hand"),
        ],
    }
    near = [entry["step"]["rule"] for entry in _not_reached(element)]
    # "author" lacks a finding only rules of its own verdict establish: it restates them.
    # "edit" and "mixed" lack a finding a facts rule (no verdict) establishes, and "whole"
    # one that no rule here concludes: real near misses, listed
    assert near == ["whole", "edit", "mixed"]


def test_a_what_if_change_names_each_question_once_and_counts_many_dropped_answers() -> None:
    result, analysis = _result(SHIPPED_LAW, answers_path=ZARYA)
    text = report_text(result, analysis, ReportFormat.md, detail=Detail.full)
    section = text.split("### What would change the outcome", 1)[1].split("### All recomm", 1)[0]
    us_text = section.split("#### United States", 1)[1].split("**the Midjourney images**", 1)[0]
    # claiming the text as a prompt opens one question, named once; on the record its
    # unknown answer is not assumed creative, so the change decides the element
    creative = "Is the prompt text itself creative writing"
    first_change = us_text.split("- If", 2)[1]
    assert first_change.count(creative) == 1
    assert "this opens the questions, treated as unknown" in first_change
    assert "NOT PROTECTABLE" in first_change
    assert "this answer would no longer apply: “Was any AI tool used" in first_change
    # answering "no AI" makes seventeen answers moot: counted, not listed
    images = section.split("**the Midjourney images**", 1)[1].split("**the selection", 1)[0]
    assert "17 answers given would no longer apply" in images
    assert "the JSON report lists them" in images


def test_a_hostile_title_prints_as_text_in_html_and_markdown() -> None:
    result, analysis = _result(
        PAIR_LAW,
        f"""
meta: {{schema: 1, title: "{EVIL_TITLE}", answered_by: "<b>Mallory</b> | x"}}
work: {{ai_named_author: no}}
elements:
  text: {{kind: text, label: "<img src=x onerror=alert(2)>", answers: {{ai_used: no}}}}
""",
    )
    page = report_text(result, analysis, ReportFormat.html)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert EVIL_TITLE in _visible_text(page)
    markdown = report_text(result, analysis, ReportFormat.md)
    assert "# \\<script\\>alert(1)\\</script\\>" in markdown
    assert not re.search(r"(?<!\\)<(script|img|b>)", markdown)
    assert "\\<b\\>Mallory\\</b\\> \\| x" in markdown  # a pipe cannot split the table cell


def test_html_is_self_contained_and_printable() -> None:
    result, analysis = _comic()
    page = report_text(result, analysis, ReportFormat.html, paper=Paper.letter)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.split("<body>", 1)[0])
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert "size: Letter;" in page and "@media print" in page
    assert "break-inside: avoid" in page
    a4 = report_text(result, analysis, ReportFormat.html)
    assert "size: A4;" in a4


def test_chinese_report_is_in_chinese_and_keeps_citations_in_their_language() -> None:
    result, analysis = _comic()
    text = report_text(result, analysis, ReportFormat.md, lang="zh", detail=Detail.full)
    for heading in (
        "意见",
        "结论所依据的假定",
        "哪些事实变化会改变各项结论",
        "法域对照",
        "逐步推理",
        "建议",
        "引用的法律依据",
        "可复现性",
    ):
        assert heading in text
    assert "机器生成的内容不受保护" in text  # a rule's statement, in Chinese
    assert "保存提示词记录、参数、中间结果和修改记录。" in text  # a recommendation
    assert "不受保护" in text and "可受保护" in text
    assert "Toy Office, Guidance on Works Made with Machines" in text  # citation as written
    assert "玩具著作权法" in text
    assert "仅供决策参考，不构成法律意见" in text
    assert "Recommendations" not in text and "Summary" not in text
    # the Limitation of the Claim is filed in English: in English, with a Chinese gloss
    assert "Draft Limitation of the Claim (U.S. Copyright Office application)" in text
    assert "| Material excluded | the machine-generated images in The drawings (image); " in text
    assert "排除的内容（Material excluded）：The drawings（图像）中机器生成的图像；" in text
    assert "中文释义" in text


def test_json_report_is_the_result_with_its_what_if() -> None:
    result, analysis = _comic()
    document = json.loads(report_text(result, analysis, ReportFormat.json))
    # the Result as filed: the answers file by its name, no path of this machine
    assert {k: v for k, v in document.items() if k != "what_if"} == filed(result)
    assert document["answers"]["source"] == Path(result["answers"]["source"]).name
    assert {k: v for k, v in document.items() if k not in ("what_if", "answers", "command")} == {
        k: v for k, v in result.items() if k not in ("answers", "command")
    }
    assert document["what_if"] == json.loads(json.dumps(analysis))


def test_single_jurisdiction_law_renders_every_text_format() -> None:
    result, analysis = _result(
        MIN_LAW,
        """
meta: {schema: 1, title: picture}
work: {ai_named_author: no}
elements:
  art: {kind: image, answers: {ai_used: yes, prompt_count: 3, edits: none, tools: [brush]}}
""",
    )
    for output_format in (ReportFormat.md, ReportFormat.html, ReportFormat.json):
        text = report_text(result, analysis, output_format)
        assert "Toy Copyright Act §1" in text
    assert "Only one jurisdiction was evaluated" in report_text(result, analysis, ReportFormat.md)


@pytest.mark.parametrize("output_format", [ReportFormat.md, ReportFormat.html])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rendering_twice_gives_identical_bytes(output_format: ReportFormat, lang: str) -> None:
    first = report_text(*_comic(), output_format, lang)
    second = report_text(*_comic(), output_format, lang)
    assert first.encode() == second.encode()


# ------------------------------------------------------------------ real cases


@pytest.mark.parametrize("case", answered_case_files(), ids=lambda p: p.stem)
def test_every_case_file_renders_in_every_text_format(case: Path) -> None:
    law = load_law(None)
    answers = load_answers(case, law)
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED, f"copyrightable report {case.name}"))
    analysis = what_if(evaluator, answers, result)
    full = report_text(result, analysis, ReportFormat.md, detail=Detail.full)
    page = _visible_text(report_text(result, analysis, ReportFormat.html))
    verdicts = {j["id"]: j["verdict"]["elements"] for j in result["jurisdictions"]}
    differs = any(
        len({v[e["id"]] for v in verdicts.values()}) > 1 for e in result["work"]["elements"]
    )
    for jurisdiction in result["jurisdictions"]:
        for element in jurisdiction["elements"]:
            for text in (full, page):
                assert element["label"] in text or markdown_text(element["label"]) in text
            for step in element["trace"]:
                if step["decisive"]:  # its authority stands before the full stop
                    assert step["statement"]["en"].rstrip(".") in full
    for authority in result["authorities"]:
        assert authority["citation"] in full
    for text in (full, page):
        assert ("The jurisdictions reach the same verdict for every element." in text) is not (
            differs
        )
    json.loads(report_text(result, analysis, ReportFormat.json))


# ------------------------------------------------------------------ the command


def test_cli_writes_markdown_to_stdout_and_html_to_a_file(tmp_path: Path) -> None:
    shown = run_cli("report", str(COMIC), "--rules", str(PAIR_LAW), "--timestamp", FIXED)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# Dawn of the Machines: a comic")
    assert "copyrightable report " in shown.stdout  # the command that regenerates it

    target = tmp_path / "out" / "comic.html"
    chinese_html = ["report", str(COMIC), "--rules", str(PAIR_LAW), "-f", "html", "-o", str(target)]
    chinese_html += ["--timestamp", FIXED, "--lang", "zh", "-j", "cn"]
    written = run_cli(*chinese_html)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page and "中国（虚构）" in page
    assert "美国（虚构）" not in page  # only the jurisdiction asked for
    again = run_cli(*chinese_html)
    assert again.returncode == 0
    assert target.read_text(encoding="utf-8") == page


def test_cli_html_without_output_file_is_one_clear_error() -> None:
    shown = run_cli("report", str(COMIC), "--rules", str(PAIR_LAW), "-f", "html")
    assert shown.returncode == 2
    assert shown.stderr.strip() == (
        "copyrightable: error: --format html writes a file: give it "
        "with -o FILE (e.g. -o report.html)"
    )


def test_cli_bad_answers_file_is_one_line_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "meta: {schema: 1, title: t}\nwork: {ai_named_author: no}\nelements:\n"
        "  x: {kind: text, answers: {ai_used: perhaps}}\n",
        encoding="utf-8",
    )
    shown = run_cli("report", str(bad), "--rules", str(PAIR_LAW))
    assert shown.returncode == 2
    lines = shown.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:4" in lines[0] and "yes or no" in lines[0]


@pytest.mark.parametrize("output_format", [ReportFormat.md, ReportFormat.html, ReportFormat.json])
def test_a_report_without_what_if_says_so(output_format: ReportFormat) -> None:
    result, _ = _comic()
    text = report_text(result, None, output_format)
    if output_format is ReportFormat.json:
        assert "what_if" not in json.loads(text)
    else:
        assert "The what-if analysis was not run for this report." in text


def test_cli_unwritable_output_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    shown = run_cli(
        "report", str(COMIC), "--rules", str(PAIR_LAW), "-o", str(blocker / "report.md")
    )
    assert shown.returncode == 2
    lines = shown.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write the report" in lines[0]


# ------------------------------------------------------------------ the matter


def _with_meta(result: dict[str, Any], **meta: Any) -> dict[str, Any]:
    """The Result as it carries an answers file's matter details (`answers.meta`)."""
    import copy

    changed = copy.deepcopy(result)
    changed["answers"]["meta"] = {**changed["answers"]["meta"], **meta}
    return changed


@pytest.mark.parametrize("output_format", [ReportFormat.md, ReportFormat.html])
def test_the_opinion_opens_with_the_matter_and_names_the_human_author(
    output_format: ReportFormat,
) -> None:
    result, analysis = _result(SHIPPED_LAW, answers_path=ZARYA)
    named = _with_meta(
        result,
        client="Example Comics Ltd",
        matter="EC-2023-014",
        contributors=["Kristina Kashtanova"],
        ai_tools=["Midjourney v4"],
        created="2022-09",
    )
    text = report_text(named, analysis, output_format)
    if output_format is ReportFormat.html:
        text = _visible_text(text)
    opinion = text.split("What the verdicts rest on", 1)[0]
    for shown in ("Example Comics Ltd", "EC-2023-014", "Midjourney v4", "2022-09"):
        assert shown in opinion
    # the human is named as author wherever a verdict gives one: the text and the
    # arrangement in both jurisdictions, the images in China; the US images have none
    assert opinion.count("Kristina Kashtanova (the human who made the contribution)") == 5
    assert "no author (nothing protectable)" in opinion
    assert "Published" not in opinion  # an optional detail not given is not printed
    # without the details, the gaps a lawyer must see say so
    bare = report_text(result, analysis, output_format)
    if output_format is ReportFormat.html:
        bare = _visible_text(bare)
    assert "Human contributors" in bare and "not stated" in bare
    assert "Client" not in bare.split("What the verdicts rest on", 1)[0]


def test_the_chinese_opinion_names_the_author_and_glosses_the_english_claim() -> None:
    result, analysis = _result(SHIPPED_LAW, answers_path=ZARYA)
    named = _with_meta(result, contributors=["Kristina Kashtanova"], client="示例漫画有限公司")
    text = report_text(named, analysis, ReportFormat.md, "zh")
    opinion = text.split("## 2.", 1)[0]
    assert "委托人 | 示例漫画有限公司" in opinion
    assert "Kristina Kashtanova (作出贡献的自然人)" in opinion
    assert (
        "| Material excluded | the AI-generated material in the Midjourney images "
        "(image or artwork) |"
    ) in opinion
    assert "the Midjourney images（图像或美术作品）中人工智能生成的内容" in opinion
    assert "中文释义" in opinion and "应排除" not in opinion.split("中文释义", 1)[0][-40:]


def test_notes_on_answers_from_a_real_answers_file_appear_in_the_opinion(tmp_path: Path) -> None:
    """A note written on an answer (meta.answer_notes, e.g. from `ask`'s `#` key) is part of
    the matter a lawyer files: it appears beside the matter, with the element and question."""
    case = yaml.safe_load(ZARYA.read_text(encoding="utf-8"))
    answers = case["answers"]
    answers["meta"]["client"] = "Example Comics Ltd"
    answers["meta"]["answer_notes"] = {
        "images.prompts_revised": "Midjourney v4; hundreds of prompts revised over a year",
        "us_registration": "filed Sept. 15, 2022",
    }
    path = tmp_path / "zarya-answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    done = run_cli("report", str(path), "-f", "md", "--timestamp", FIXED)
    assert done.returncode == 0, done.stderr
    matter = done.stdout.split("## 1.", 1)[0]
    assert "| Notes on answers |" in matter
    assert "Midjourney v4; hundreds of prompts revised over a year" in matter
    assert "the Midjourney images — “" in matter  # the element's label, then the question
    assert "filed Sept. 15, 2022" in matter
    zh = run_cli("report", str(path), "-f", "md", "--lang", "zh", "--timestamp", FIXED)
    assert "| 答题备注 |" in zh.stdout.split("## 1.", 1)[0]
