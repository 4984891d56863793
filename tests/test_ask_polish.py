"""`copyrightable ask` treats a lawyer's time with respect: tested in a real terminal.

The progress line is honest, the help scrolls on a small terminal, a change
from the review puts the cursor back on the changed line, a revisited text
field is replaced by typing, each answer is one labelled line of scrollback,
and the closing summary gives each element's verdict with its first reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.interview_driver import (
    SHIPPED_RULES,
    answer,
    answer_to_review,
    describe_work,
    open_interview,
    wait_for_review,
)
from tests.terminal import DOWN, ENTER, Terminal

CLEAR = "\x15"
ANSWERED_IMAGE = [
    ("Is the AI named as author?", "n"),
    ("Was AI used?", "y"),
    ("How many prompts?", "3"),
    ("How much was edited", "1"),
    ("Which tools?", "0"),
]


def progress(screen: str) -> str:
    found = re.search(r"· (\d+ answered · [^\n]*)", screen)
    return found.group(1) if found else ""


def test_the_progress_line_never_grows_and_says_last_only_at_the_last(tmp_path: Path) -> None:
    term = open_interview(tmp_path)
    lines = []
    try:
        term.prompt("What is the title of the work?")
        lines.append(progress(term.screen()))
        term.line("Pic")
        term.skip_details()
        term.prompt("Which kinds of material")
        lines.append(progress(term.screen()))
        term.send("2" + ENTER)
        term.prompt("A short name for")
        term.send(ENTER)
        for question, keys in ANSWERED_IMAGE:
            screen = term.wait_screen(question)
            lines.append(progress(screen))
            term.send(keys + ENTER)
        term.expect("Review: every answer")
    finally:
        term.close()
    assert "to go" not in lines[0] and "last" not in lines[0]  # before any element is known
    assert "last" not in lines[1]
    counts = [
        int(n)
        for n in (
            re.findall(r"up to (\d+) to go", line)[0] for line in lines[2:] if "up to" in line
        )
    ]
    assert counts == sorted(counts, reverse=True)  # an upper bound: it only ever shrinks
    assert [line for line in lines if "last question" in line] == [lines[-1]]


def finish_fixture_interview(term: Terminal, title: str = "Pic") -> None:
    describe_work(term, title, "2")
    answer_to_review(term, ANSWERED_IMAGE)


def test_a_change_from_the_review_returns_to_the_changed_line(tmp_path: Path) -> None:
    term = open_interview(tmp_path)
    try:
        finish_fixture_interview(term)
        term.send(DOWN + ENTER)  # the title
        term.prompt("What is the title of the work?")
        assert "› Pic" in term.screen()  # the old value, selected
        term.send("New" + ENTER)  # typing replaces it
        screen = wait_for_review(term)
        assert "❯   1. Title  New" in screen, screen  # the pointer is on the changed line
        term.send(ENTER)  # a second Enter changes the same line again, it does not evaluate
        term.prompt("What is the title of the work?")
        assert "› New" in term.screen()
        term.send(CLEAR + "Newer" + ENTER)
        term.expect("Review: every answer")
    finally:
        term.close()
    import yaml

    assert (
        yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))["meta"]["title"]
        == "Newer"
    )


def test_a_revisited_number_is_replaced_by_typing_not_appended_to(tmp_path: Path) -> None:
    term = open_interview(tmp_path)
    try:
        describe_work(term, "Pic", "2")
        answer(
            term,
            [
                ("Is the AI named as author?", "n"),
                ("Was AI used?", "y"),
                ("How many prompts?", "unknown"),
            ],
        )
        term.prompt("How much was edited")
        term.send("<")  # back to the number
        term.prompt("How many prompts?")
        assert "› unknown" in term.screen()
        term.send("40" + ENTER)
        term.prompt("How much was edited")
    finally:
        term.close()
    import yaml

    answers = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert answers["elements"]["image"]["answers"]["prompt_count"] == 40


def test_each_answer_is_one_scrollback_line_labelled_with_its_element(tmp_path: Path) -> None:
    term = open_interview(tmp_path)
    try:
        describe_work(term, "Comic", "12")
        answer(
            term,
            [
                ("Is the AI named as author?", "n"),
                ("Comic › Text", "n"),
                ("Comic › Image", "y"),
            ],
        )
        term.prompt("How many prompts?")
        term.send("<")  # back, and change the image's answer
        term.prompt("Comic › Image")
        term.send("n" + ENTER)
        wait_for_review(term)
    finally:
        term.close()
    scrollback = " ".join(term.plain.split())
    assert scrollback.count("✔ Text › Was AI used? No") == 1
    assert scrollback.count("✔ Image › Was AI used? Yes") == 1
    assert scrollback.count("✔ Image › Was AI used? No (changed from: Yes)") == 1
    assert "✔ Is the AI named as author? No" in scrollback  # the work: no element label


def test_the_closing_summary_gives_each_element_its_verdict_and_first_reason(
    tmp_path: Path,
) -> None:
    term = open_interview(tmp_path)
    try:
        finish_fixture_interview(term)
        term.send(ENTER)  # evaluate
        seen = " ".join(term.expect("Save the evaluation to a file?").split())
    finally:
        term.close()
    verdict = re.search(r"· Image: ([A-Z ]+?) why: (\S[^·]*)", seen)
    assert verdict, seen
    assert verdict.group(1).strip() in (
        "PROTECTABLE",
        "NOT PROTECTABLE",
        "PARTIALLY PROTECTABLE",
        "UNDETERMINED",
    )
    assert len(verdict.group(2).split()) >= 4  # a sentence, not an id


def test_the_help_scrolls_at_80_by_24_and_the_keys_stay_on_screen(tmp_path: Path) -> None:
    term = open_interview(
        tmp_path, "-j", "us", "-j", "cn", rules=SHIPPED_RULES, rows=24, columns=80
    )
    try:
        describe_work(term, "Fox", "2")
        answer(term, [("named (or to be named) as the author", "n")])
        term.prompt("Who made the work?")
        term.send("?")
        screen = term.wait_screen("↑↓ scroll it")
        assert "Who made the work?" in screen and "Ctrl-C save & quit" in screen
        assert len(screen.splitlines()) <= 24
        first = re.search(r"lines (\d+)–(\d+) of (\d+)", screen)
        assert first and first.group(1) == "1", screen
        total = int(first.group(3))
        term.send("\x1b[B" * total)  # scroll to the end
        screen = term.wait_screen(f"–{total} of {total})")
        shown = re.search(r"lines (\d+)–(\d+) of (\d+)", screen)
        assert shown and shown.group(2) == str(total) and shown.group(1) != "1"
        assert "Ctrl-C save & quit" in screen and "Who made the work?" in screen
        assert "❯ 1." in screen  # the arrows scrolled the help, not the choice
        term.send("?")
        assert "Authorities:" not in term.wait_gone("↑↓ scroll it")
    finally:
        term.close()


def test_several_formats_are_saved_together_at_the_end(tmp_path: Path) -> None:
    term = open_interview(tmp_path)
    try:
        finish_fixture_interview(term)
        term.send(ENTER)  # evaluate
        term.expect("Save the evaluation to a file?")
        term.expect("Enter confirm")
        term.send("8" + ENTER)  # several formats at once
        term.prompt("Which formats?")
        term.send("246" + ENTER)  # JSON, the Markdown and the Word opinion, ticked together
        for _ in range(3):
            term.expect("File name")
            term.expect("Enter confirm")
            term.send(ENTER)  # the suggested name
        term.expect("Answers saved in")
        assert term.exit_code() == 0
    finally:
        term.close()
    assert (tmp_path / "a.evaluation.json").exists()
    assert (tmp_path / "a.report.md").read_text(encoding="utf-8").startswith("#")
    assert (tmp_path / "a.report.docx").read_bytes().startswith(b"PK")  # a Word (zip) file


PROMPT_AND_PICTURE = """\
meta:
  schema: 1
  title: Fox
  language: en
  jurisdictions: [us, cn]
  interview: {complete: true}
work:
  ai_named_as_author: 'no'
  actor: individual
  larger_human_work: 'yes'
  records_kept: 'yes'
  process_reproducible: 'yes'
  platform_terms: user_owns
  us_registration: not_planned
  published: 'no'
elements:
  text:
    kind: text
    label: Prompt
    answers: {element_is_prompt: 'yes', prompt_text_creative: 'yes'}
  image:
    kind: image
    label: Picture
    answers: {ai_used: 'yes', ai_generated_content: 'yes', ai_autonomous: 'yes',
              ai_upscaling: 'no'}
"""


def test_every_verdict_is_on_screen_when_the_save_question_comes_at_80_by_24(
    tmp_path: Path,
) -> None:
    """Two rule sets' summaries outgrow 24 lines; the grid above the offer keeps them."""
    answers = tmp_path / "fox.yaml"
    answers.write_text(PROMPT_AND_PICTURE, encoding="utf-8")
    term = open_interview(
        tmp_path, "--resume", str(answers), rules=SHIPPED_RULES, rows=24, columns=80
    )
    try:
        term.expect("Review: every answer")
        term.expect("Enter change the answer")
        term.send(ENTER)  # a complete file reopens on "Evaluate with these answers"
        term.expect("Save the evaluation to a file?")
        screen = term.wait_screen("Enter confirm")
    finally:
        term.close()
    lines = screen.splitlines()
    glance = next(i for i, line in enumerate(lines) if "At a glance" in line)
    grid = "\n".join(lines[glance : glance + 5])
    assert "text" in grid and "image" in grid and "the work" in grid, screen
    assert "United States" in grid and "People's Republic of China" in grid, screen
    assert grid.count("NOT PROTECTABLE") >= 2, screen  # the picture, under each law
    assert re.search(r"^text +PROTECTABLE +UNDETERMINED$", grid, re.M), screen  # the prompt
