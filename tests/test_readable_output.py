"""Everything a reader is shown reads as prose: no engine syntax, no internal notes, no paths.

Rendered in-process with the real engine, over every case file in both
languages: `evaluate --explain`, the report with `--detail full` (Markdown and HTML),
`cases show` and `rules show`. A match names the output and the text around it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from copyrightable.answers.answers_file import load_answers
from copyrightable.cli import app
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.resources import rules_dir
from copyrightable.law.loading import Law, load_law
from copyrightable.render.report import Detail, ReportFormat, report_text
from copyrightable.render.templates import render
from copyrightable.result.join import joined

CASES = Path(__file__).resolve().parent.parent / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.yaml"))
LANGS = ("en", "zh")
FIXED = "2026-12-01T00:00:00Z"

FORBIDDEN = {
    "engine syntax": re.compile(r"not \[|\[unknown|\[true|\[false|, stated\]|, assumed\]|并非［"),
    "internal reference": re.compile(
        r"\(brief\b|\bbrief, |research brief|research notes|divergence [A-Z]\d|\bissue \d|shared/"
    ),
    "absolute path": re.compile(
        r"(?:^|[\s(“\"'`])(?:/(?:home|tmp|work|Users|root|var|opt)/|[A-Z]:\\)"
    ),
}


@cache
def law() -> Law:
    return load_law(None)


@cache
def result(path: Path) -> dict[str, Any]:
    answers = load_answers(path, law())
    done = Evaluator(law(), None, None).evaluate(answers, FIXED, ["copyrightable", "evaluate"])
    return joined(done)  # the words in place, as every renderer reads a Result


def offences(text: str) -> list[str]:
    found = []
    for what, pattern in FORBIDDEN.items():
        for match in pattern.finditer(text):
            start = max(match.start() - 60, 0)
            found.append(f"{what}: …{text[start : match.end() + 60]}…".replace("\n", " "))
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_evaluate_and_report_read_as_prose(path: Path, lang: str) -> None:
    done = result(path)
    shown = {
        "evaluate --explain": render(
            "evaluate.txt.j2", lang=lang, result=done, explain=True, unconcerned=True
        ),
        "report md": report_text(done, None, ReportFormat.md, lang, detail=Detail.full),
        "report html": report_text(done, None, ReportFormat.html, lang, detail=Detail.full),
    }
    problems = [f"{name}: {o}" for name, text in shown.items() for o in offences(text)]
    assert not problems, "\n".join(problems[:10])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_cases_show_reads_as_prose(path: Path, lang: str) -> None:
    shown = CliRunner().invoke(
        app, ["cases", "show", path.stem, "--lang", lang, "--timestamp", FIXED]
    )
    assert shown.exit_code == 0, shown.output
    problems = offences(shown.output)
    assert not problems, "\n".join(problems[:10])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "ruleset",
    sorted(
        p.stem
        for p in rules_dir().glob("*.yaml")
        if p.stem not in ("authorities", "questionnaire", "vocabulary")
    ),
)
def test_rules_show_reads_as_prose(ruleset: str, lang: str) -> None:
    if ruleset not in law().rulesets:
        pytest.skip(f"{ruleset}.yaml is not a rule set")
    shown = CliRunner().invoke(app, ["rules", "show", ruleset, "--lang", lang])
    assert shown.exit_code == 0, shown.output
    problems = offences(shown.output)
    assert not problems, "\n".join(problems[:10])


def test_a_step_states_the_answer_not_the_value_tested() -> None:
    """Zarya's text: the answer (no AI) is stated once, then the rule and its authority."""
    text = render(
        "evaluate.txt.j2", lang="en", result=result(CASES / "zarya-of-the-dawn.yaml"), explain=True
    )
    flat = " ".join(text.split())
    assert (
        "You stated that the element is classed as text and that no AI tool was used in making"
        " the element. Text a human wrote without AI is protected as the human's original"
        " expression (17 U.S.C., §102(a);"
    ) in flat
    assert "Was any AI tool used in making this element" not in flat


def test_evidence_rules_are_not_listed_under_a_text_made_without_ai() -> None:
    """Not in the reasoning of the text element; `evaluate --explain` names them apart."""
    done = result(CASES / "zarya-of-the-dawn.yaml")

    def chinese_text_element(**options: bool) -> str:
        text = render("evaluate.txt.j2", lang="en", result=done, explain=True, **options)
        china = text[text.index("## People's Republic of China") :]
        return china[: china.index("[images]")]

    shown = chinese_text_element(unconcerned=False)  # as cases show and the report list steps
    assert "cn.human_work.text_without_ai" in shown
    assert "cn.facts.process_evidenced" not in shown
    apart = chinese_text_element()  # evaluate --explain
    reasoning, aside = apart.split("Applied, but not concerning this element:")
    assert "cn.facts.process_evidenced" not in reasoning
    assert "cn.facts.process_evidenced" in aside


def test_the_summary_is_short_and_gives_each_verdict_its_ground() -> None:
    """The README's first command: verdicts, the ground of each with its authority, the
    assumptions that change one, first steps, in a page (the reasoning: --explain)."""
    text = render("evaluate.txt.j2", lang="en", result=result(CASES / "zarya-of-the-dawn.yaml"))
    lines = text.splitlines()
    assert len(lines) <= 64, text
    flat = " ".join(text.split())
    # the rule's whole statement, never a clause of it, then its first authority
    assert (
        "Ground for images: Detailed prompts revised over many rounds, with the output the "
        "user chose, do not give the user control over the expression under the Office's "
        "current position: however detailed,"
    ) in flat
    assert "which is being tested in court (AI Report Part 2, conclusion 6)." in flat
    assert max(len(line) for line in lines) <= 80, text
    assert "images       NOT PROTECTABLE        PROTECTABLE" in text
    assert "Taken on the record: you kept records of the creative process" in " ".join(text.split())
    assert "Reasoning" not in text.split("\n\n")[1]


def test_the_first_step_is_cut_at_a_clause_not_at_an_abbreviation() -> None:
    """The summary names each step by its first clause; a full stop that closes "v.",
    "No.", "U.S.C." or "e.g." is part of a citation, not the end of the step."""
    from copyrightable.render.verdict_summary import lead_clause

    allen = (
        "Allen v. Perlmutter (D. Colo., No. 1:24-cv-02665-WJM) was pending as of 2026-12-01: "
        "check the docket for a ruling."
    )
    assert lead_clause(allen) == (
        "Allen v. Perlmutter (D. Colo., No. 1:24-cv-02665-WJM) was pending as of 2026-12-01."
    )
    assert lead_clause("Claim it under 17 U.S.C. §101. Then more.") == (
        "Claim it under 17 U.S.C. §101."
    )
    assert lead_clause("Disclose it, e.g. in the form. More.") == "Disclose it, e.g. in the form."
    assert lead_clause("Keep records. The Office asks.") == "Keep records."
    # a short label before a colon is no step by itself: the clause after it comes with it
    assert lead_clause("更正申请：申请尚在审查中的，应联系版权局。") == (
        "更正申请：申请尚在审查中的，应联系版权局。"
    )
    assert lead_clause("Policy-unstable: a paper is due. Check it.") == (
        "Policy-unstable: a paper is due."
    )
