"""The matter's details, notes on answers and the jurisdiction checklist, in a real terminal.

`ask` collects the details an opinion is headed with (client, reference, who
answered, the human contributors, the AI tools, the dates), each optional and
skippable, at the start or from the review; `#` writes a note on any answer;
and a fresh interview opens with the rule sets to tick, after which only what
the ticked ones read is asked. Everything is in the answers file at once, so a
Ctrl-C loses nothing, and --resume keeps the selection.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.interview_driver import (
    answer,
    answer_to_review,
    describe_work,
    open_interview,
    save_no_file,
    wait_for_review,
)
from tests.terminal import CTRL_C, DOWN, ENTER, Terminal
from tests.tools import FIXTURE_LAW, REPO

BACKSPACE = "\x7f"
HOME = "\x1b[H"
PAIR_LAW = REPO / "tests" / "fixtures" / "law_pair"  # two rule sets: us and cn (fictional)
PAIR_ANSWERS = [  # what the United States rule set of PAIR_LAW asks, answered
    ("Is the machine named as author?", "n"),
    ("Was a machine used to make it?", "y"),
    ("How much was changed by hand?", "1"),
]


def ask(tmp_path: Path, *extra: str, rules: Path = FIXTURE_LAW) -> Terminal:
    # no configured default but the built-in one (us and cn), whatever the machine's
    return open_interview(tmp_path, *extra, rules=rules, XDG_CONFIG_HOME=str(tmp_path))


def saved(tmp_path: Path) -> dict:
    return yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))


def test_matter_details_entered_at_the_start_with_a_note_survive_ctrl_c(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        term.prompt("What is the title of the work?")
        term.line("Zarya")
        term.prompt("Record the matter's details now?")
        assert "Later (from the review)" in term.screen()
        term.send(ENTER)  # now
        for question, typed in [
            ("Client (optional)", "Acme Books Ltd"),
            ("Matter reference", "M-2026-17"),
            ("Answered by", "A. Lawyer"),
            ("human contributors", "Kristina Kashtanova; Jane Roe"),
            ("AI tools and model versions", "Midjourney v5.1"),
            ("Date of creation", "2022-13"),  # no thirteenth month: refused, asked again
        ]:
            term.prompt(question)
            assert "matter details · optional" in term.screen()
            term.line(typed)
        term.wait_screen("Please type a date as YYYY-MM-DD, or YYYY-MM or YYYY where the day")
        term.line("2022-09")
        term.prompt("Date of publication")
        term.line("")  # not published: left out
        term.prompt("Which kinds of material")
        term.send("2" + ENTER)
        term.prompt("A short name for")
        term.send(ENTER)
        term.prompt("Is the AI named as author?")
        assert "# note" in term.screen()  # the key is in the key line
        term.send("#")
        term.prompt("Note on this answer")
        term.line("the cover credits Kristina Kashtanova alone")
        term.expect("Note saved with this answer.")
        term.prompt("Is the AI named as author?")  # the same question again, to answer
        term.send("n" + ENTER)
        term.prompt("Was AI used?")
        term.send(CTRL_C)
        term.expect("ask --resume")
        assert term.exit_code() == 130
    finally:
        term.close()
    meta = saved(tmp_path)["meta"]
    assert meta["client"] == "Acme Books Ltd" and meta["matter"] == "M-2026-17"
    assert meta["answered_by"] == "A. Lawyer"
    assert meta["contributors"] == ["Kristina Kashtanova", "Jane Roe"]
    assert meta["ai_tools"] == ["Midjourney v5.1"]
    assert meta["created"] == "2022-09" and "published" not in meta
    assert meta["answer_notes"] == {
        "ai_named_author": "the cover credits Kristina Kashtanova alone"
    }
    assert meta["answered_at"] == "2026-01-01T00:00:00Z"  # filled in by ask


def test_matter_details_skipped_then_given_from_the_review(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Pic", "2")
        answer(term, [("Is the AI named as author?", "n"), ("Was AI used?", "y")])
        term.prompt("How many prompts?")
        term.send("#")  # in an empty text field, # is the note key too
        term.prompt("Note on this answer")
        term.line("about 3, from the log")
        term.prompt("How many prompts?")
        term.send("3" + ENTER)
        term.prompt("How much was edited")
        term.send("#")
        term.prompt("Note on this answer")
        term.line("one face redrawn by hand")
        term.prompt("How much was edited")
        term.send("1" + ENTER)
        review = answer_to_review(term, [("Which tools?", "0")])
        assert "Matter details" in review and "Client  (not stated)" in review
        assert "none  · note: one face redrawn by hand" in review
        assert "Client (optional)" not in term.plain  # skipped: never asked
        term.send("9" + ENTER)  # the client's line, by its number
        term.prompt("Client (optional)")
        term.line("Acme Books Ltd")
        review = wait_for_review(term)
        assert "❯   9. Client  Acme Books Ltd" in review  # back on the line just changed
        term.send(ENTER)
        term.prompt("Client (optional)")
        assert "› Acme Books Ltd" in term.screen()  # the old value, selected
        term.send(BACKSPACE + ENTER)  # the selected value erased: not stated any more
        wait_for_review(term)
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    meta = saved(tmp_path)["meta"]
    assert "client" not in meta
    assert meta["answer_notes"] == {
        "image.edits": "one face redrawn by hand",
        "image.prompt_count": "about 3, from the log",
    }


def test_the_checklist_ticks_the_default_and_asks_only_what_the_ticked_read(
    tmp_path: Path,
) -> None:
    term = ask(tmp_path, rules=PAIR_LAW)
    try:
        term.prompt("Which jurisdictions should the evaluation cover?")
        screen = term.screen()
        assert "[x] 1. United States (fictional)" in screen
        assert "[x] 2. China (fictional)" in screen  # the default: us and cn
        term.send("2" + ENTER)  # untick China
        term.expect("Now asking about: United States (fictional).")
        describe_work(term, "Pic", "2")
        review = answer_to_review(term, PAIR_ANSWERS)
        assert "Jurisdictions: United States (fictional)" in review
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    # only China's rules read these: never asked, never shown
    assert "How many prompts were written?" not in term.plain
    assert "Were the prompts and drafts kept?" not in term.plain
    assert saved(tmp_path)["meta"]["jurisdictions"] == ["us"]

    term = ask(tmp_path, "--resume", str(tmp_path / "a.yaml"), rules=PAIR_LAW)
    try:
        term.expect("Review: every answer")  # no checklist: the file keeps its selection
        term.wait_screen("Jurisdictions: United States (fictional)")
        term.send(ENTER)  # evaluate
        term.expect("Save the evaluation to a file?")
        save_no_file(term)  # (after the six formats)
        term.expect("Full reasoning:")
        assert term.exit_code() == 0
    finally:
        term.close()
    finished = " ".join(term.plain.split("Full reasoning:")[-1].split())
    assert finished.endswith("evaluate " + str(tmp_path / "a.yaml") + " -j us"), finished
    assert "Which jurisdictions" not in term.plain


def test_ticking_another_jurisdiction_from_the_review_asks_what_it_reads(tmp_path: Path) -> None:
    term = ask(tmp_path, "-j", "us", rules=PAIR_LAW)
    try:
        describe_work(term, "Pic", "2")  # -j: no checklist, the title first
        answer_to_review(term, PAIR_ANSWERS)
        term.send(DOWN * 3 + ENTER)  # title, elements, then the jurisdictions line
        term.prompt("Which jurisdictions should the evaluation cover?")
        term.send("2" + ENTER)  # tick China as well
        term.expect("Now asking about: United States (fictional); China (fictional).")
        review = wait_for_review(term)
        assert "❯ Jurisdictions: United States (fictional); China (fictional)" in review
        term.send(HOME + ENTER)  # "Evaluate": China's questions come first
        term.prompt("How many prompts were written?")
        term.send("4" + ENTER)  # so few that records no longer matter: not asked
        term.expect("Not asked, as no answer could change a verdict now")
        wait_for_review(term)
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    data = saved(tmp_path)
    assert data["meta"]["jurisdictions"] == ["us", "cn"]
    assert data["elements"]["image"]["answers"]["prompt_count"] == 4


def test_typed_prompts_take_the_details_and_a_note_on_the_answers_line(tmp_path: Path) -> None:
    term = ask(tmp_path, "--plain")
    try:
        term.expect("Answer [? help, < back]: ")
        term.line("Pic")
        term.expect("Choose [1-2] (Enter = Yes, now): ")
        term.line("")
        for typed in ["Acme", "", "", "Jane Roe, John Doe", "", "2024", "2023"]:
            term.expect("Answer [? help, < back]: ")
            term.line(typed)
        term.expect("The date of publication (2023) is before the date of creation (2024)")
        term.expect("Answer [? help, < back]: ")
        term.line("2024-06")
        term.expect("Answer [numbers separated by commas, 0 for none, ? help, < back]: ")
        term.line("2")
        term.expect("(Enter = Image): ")
        term.line("")
        term.expect("Answer [1-2, # note, ? help, < back]: ")
        term.line("# named on the cover as 'Pic-bot'")
        term.expect("Note saved with this answer.")
        term.expect("Answer [1-2, # note, ? help, < back]: ")  # the same question again
        term.line("y")
        term.expect("Was AI used?")
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    meta = saved(tmp_path)["meta"]
    assert meta["client"] == "Acme" and meta["contributors"] == ["Jane Roe", "John Doe"]
    assert meta["created"] == "2024" and meta["published"] == "2024-06"
    assert meta["answer_notes"] == {"ai_named_author": "named on the cover as 'Pic-bot'"}
    assert saved(tmp_path)["work"] == {"ai_named_author": "yes"}
