"""A Chinese rendering holds no English sentence: every case file, every output.

Every case of the library is rendered in Chinese as a Markdown and an HTML
report (each level of detail the report offers), as `evaluate` text and as
`cases show`, and searched for English sentences (tests/zh_text.py says what
is one, and which Latin-script texts are cited as written). The case files,
the questionnaire, the vocabulary and the templates must give Chinese for
everything else a Chinese reader sees.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from copyrightable.answers.answers_file import load_answers
from copyrightable.answers.language import localized
from copyrightable.cases.library import load_case
from copyrightable.cli import app
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.io.resources import cases_dir, rules_dir
from copyrightable.law.loading import load_law
from copyrightable.render.report import ReportFormat, report_text
from copyrightable.render.templates import render
from copyrightable.result.join import joined
from report_inputs import FIXED, answered_case_files
from zh_text import (
    citation_texts,
    cites_in_rules,
    english_sentences,
    latin_words,
    visible_text,
    with_names,
)

CASES = sorted(cases_dir().glob("*.yaml"))
CHINESE_SCRIPT = ("cn", "jp", "kr")  # cited in Chinese characters in a Chinese rendering


def _details() -> list[dict[str, Any]]:
    """The report's levels of detail (`--detail`), once the report offers them."""
    if "detail" not in inspect.signature(report_text).parameters:
        return [{}]
    import copyrightable.render.report as report

    kind = getattr(report, "Detail", None)  # an enum, like ReportFormat, or plain text
    return [{}, {"detail": kind("full") if kind is not None else "full"}]


@pytest.fixture(scope="module")
def law():
    return load_law(None)


@pytest.fixture(scope="module")
def allowed(law) -> set[str]:
    texts = citation_texts(law, rules_dir())
    for path in CASES:
        case = load_case(path, law)
        if case.jurisdiction not in CHINESE_SCRIPT:  # a Chinese case is cited in Chinese
            texts.update({case.title.en, case.citation})
    return with_names(texts)


def _renderings(path: Path, law) -> dict[str, str]:
    answers = localized(load_answers(path, law), "zh")
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED, f"copyrightable report {path.name}"))
    analysis = what_if(evaluator, answers, result)
    shown: dict[str, str] = {"evaluate": render("evaluate.txt.j2", lang="zh", result=result)}
    for extra in _details():
        name = "-".join(str(v) for v in extra.values()) or "default"
        shown[f"report.md {name}"] = report_text(result, analysis, ReportFormat.md, "zh", **extra)
        page = report_text(result, analysis, ReportFormat.html, "zh", **extra)
        shown[f"report.html {name}"] = visible_text(page)
    return shown


@pytest.mark.slow
@pytest.mark.parametrize("path", answered_case_files(), ids=lambda p: p.stem)
def test_chinese_reports_and_evaluations_hold_no_english_sentence(path, law, allowed) -> None:
    renderings = _renderings(path, law)
    found = {name: english_sentences(text, allowed) for name, text in renderings.items()}
    assert not {name: sorted(set(s)) for name, s in found.items() if s}
    # A sentence that ends in a label ending in 。 must not get a second one.
    assert not [name for name, text in renderings.items() if "。。" in text]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_cases_show_in_chinese_holds_no_english_sentence(path, allowed) -> None:
    done = CliRunner().invoke(
        app, ["cases", "show", path.stem, "--lang", "zh", "--timestamp", FIXED]
    )
    assert done.exit_code == 0, done.output
    assert not sorted(set(english_sentences(done.output, allowed)))


def test_chinese_japanese_and_korean_authorities_are_cited_in_chinese(law) -> None:
    """Citations of authorities written in Chinese characters are not English sentences
    the main test may leave aside: their pinpoints and short names must be Chinese."""
    english = sorted(
        {
            f"{where}: {pinpoint}"
            for where, authority, pinpoint in cites_in_rules(rules_dir())
            if authority in law.authorities
            and law.authorities[authority].jurisdiction in CHINESE_SCRIPT
            and latin_words(pinpoint)
        }
    )
    unnamed = sorted(
        a.id
        for a in law.authorities.values()
        if a.jurisdiction in CHINESE_SCRIPT and not getattr(a, "short_zh", None)
    )
    assert not english and not unnamed, (english[:20], unnamed)
