"""The answers file's language is the output's, and case texts come in both languages.

`evaluate` and `report` print in the language the answers were given in
(meta.language) unless --lang says otherwise; a case file's title, element
labels and source notes, given as {en, zh}, are printed in the language asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

from copyrightable.answers.answers_file import answers_from_text, load_answers
from copyrightable.answers.language import localized, output_language
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law

ZARYA = REPO / "cases" / "zarya-of-the-dawn.yaml"
FIXED = "2026-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def law():
    return load_law(None)


def _in_chinese(tmp_path: Path, language: str = "zh") -> Path:
    """Zarya's case file, as a user's answers file answered in `language`."""
    text = ZARYA.read_text(encoding="utf-8").replace(
        "    schema: 1\n", f"    schema: 1\n    language: {language}\n", 1
    )
    path = tmp_path / "zarya.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "chinese"),
    [((), True), (("--lang", "en"), False), (("--lang", "zh"), True)],
    ids=["default", "en", "zh"],
)
def test_evaluate_speaks_the_answers_language_unless_told(
    tmp_path: Path, args: tuple[str, ...], chinese: bool
) -> None:
    done = run_cli(  # --explain: the element labels are in the reasoning, not the summary
        "evaluate", str(_in_chinese(tmp_path)), "--explain", "--timestamp", FIXED, *args
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("《Zarya of the Dawn》（Kashtanova）") is chinese
    assert ("漫画的文字，由Kashtanova撰写" in done.stdout) is chinese
    assert ("the text of the comic, written by Kashtanova" in done.stdout) is not chinese


def test_report_speaks_the_answers_language_unless_told(tmp_path: Path) -> None:
    path = _in_chinese(tmp_path)
    default = run_cli("report", str(path), "-j", "us", "--timestamp", FIXED)
    english = run_cli("report", str(path), "-j", "us", "--timestamp", FIXED, "--lang", "en")
    assert default.returncode == 0 and english.returncode == 0, default.stderr + english.stderr
    assert default.stdout.startswith("# 《Zarya of the Dawn》（Kashtanova）")
    assert english.stdout.startswith("# Zarya of the Dawn (Kashtanova)")
    assert "Midjourney生成的图像" in default.stdout
    assert "the Midjourney images" in english.stdout


def test_an_english_answers_file_stays_english(tmp_path: Path) -> None:
    done = run_cli("evaluate", str(_in_chinese(tmp_path, "en")), "--explain", "--timestamp", FIXED)
    assert done.returncode == 0, done.stderr
    assert "the Midjourney images" in done.stdout
    assert done.stdout.startswith("Zarya of the Dawn (Kashtanova)\n")


def test_bilingual_texts_load_as_english_with_the_chinese_aside(law) -> None:
    answers = load_answers(ZARYA, law)
    images = next(e for e in answers.elements if e.id == "images")
    assert images.label == "the Midjourney images"
    assert answers.title == "Zarya of the Dawn (Kashtanova)"
    chinese = localized(answers, "zh")
    assert next(e for e in chinese.elements if e.id == "images").label == "Midjourney生成的图像"
    assert chinese.title == "《Zarya of the Dawn》（Kashtanova）"
    assert chinese.meta["answered_by"] == "copyrightable案例库"
    assert chinese.sha256 == answers.sha256  # a translation is not another answer
    assert localized(answers, "en") is answers
    assert output_language(answers, None) == "en"
    assert output_language(answers, "zh") == "zh"


def test_a_plain_label_is_kept_as_typed(law) -> None:
    text = (
        "meta: {schema: 1, title: 我的作品, language: zh}\n"
        "work: {}\n"
        "elements:\n"
        "  text: {kind: text, label: 我写的文字, answers: {}}\n"
    )
    answers = answers_from_text(text, law, "mine.yaml", partial=True)
    assert localized(answers, "zh").elements[0].label == "我写的文字"
    assert output_language(answers, None) == "zh"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("{en: only English}", "mine.yaml:4: "),
        ('{en: "a", zh: "b\\nc"}', "mine.yaml:4: "),
        ("{en: a, zh: b, fr: c}", "mine.yaml:4: "),
    ],
)
def test_a_broken_bilingual_label_is_one_located_error(law, label: str, expected: str) -> None:
    text = (
        "meta: {schema: 1, title: t}\n"
        "work: {}\n"
        "elements:\n"
        f"  text: {{kind: text, label: {label}, answers: {{}}}}\n"
    )
    with pytest.raises(InputError) as caught:
        answers_from_text(text, law, "mine.yaml", partial=True)
    assert caught.value.one_line().startswith(expected), caught.value.one_line()


def test_cases_show_prints_the_case_texts_in_chinese() -> None:
    done = run_cli("cases", "show", "zarya", "--lang", "zh", "--timestamp", FIXED)
    assert done.returncode == 0, done.stderr
    assert "引述版权局信函的评论" in done.stdout
    assert "[images] Midjourney生成的图像" in done.stdout
    assert "commentary quoting" not in done.stdout
    english = run_cli("cases", "show", "zarya", "--timestamp", FIXED)
    assert "commentary quoting the Office's letter" in english.stdout
    assert "[images] the Midjourney images" in english.stdout


def test_cases_list_and_check_in_chinese_cite_and_judge_in_chinese() -> None:
    listed = run_cli("cases", "list", "--lang", "zh", "-t", "machine_author")
    assert listed.returncode == 0, listed.stderr
    assert "引证：无（无裁判）" in listed.stdout
    assert "None (no ruling)" not in listed.stdout
    english = run_cli("cases", "list", "-t", "machine_author")
    assert "citation: None (no ruling)" in english.stdout
    checked = run_cli("cases", "check", "--lang", "zh")
    assert checked.returncode == 0, checked.stderr
    assert "一致        zarya-of-the-dawn (us): 3个组成部分均一致" in checked.stdout
    assert "\nok " not in checked.stdout
