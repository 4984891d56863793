"""`copyrightable ask` in a real pseudo-terminal, under the small fictional law.

Each test drives the real program with keys, as a person would, and checks
what the screen shows and what the answers file holds. The fictional law
(tests/fixtures/law_min) has one work question and four element questions:
AI named as author; AI used; how many prompts (if AI was used); how much was
edited (idem); which tools (optional).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from tests.interview_driver import (
    NO_FILE,
    answer,
    answer_to_review,
    describe_work,
    open_interview,
    save_as,
    save_no_file,
    wait_for_review,
)
from tests.terminal import CTRL_C, DOWN, ENTER, LEFT, Terminal, child_env
from tests.tools import FIXTURE_LAW

CLEAR = "\x15"  # Ctrl-U empties a text field
STAMP = "2026-01-01T00:00:00Z"  # SOURCE_DATE_EPOCH in the child's environment


def ask(tmp_path: Path, *extra: str, **env: str) -> Terminal:
    """The interview under the fictional law, saving to answers.yaml."""
    return open_interview(tmp_path, *extra, answers="answers.yaml", **env)


def saved(tmp_path: Path, name: str = "answers.yaml") -> dict:
    return yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))


def answer_and_evaluate(term: Terminal, answers: list[tuple[str, str]]) -> None:
    """Type each answer at its question, then evaluate from the review screen."""
    answer_to_review(term, answers)
    term.send(ENTER)


def test_a_prompt_only_image_from_first_question_to_saved_report(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Sunrise", "2", ["The generated picture"])
        term.prompt("Is the AI named as author?")
        screen = term.screen()
        assert "1. Yes" in screen and "2. No" in screen
        assert "? help" in screen and "← back" in screen and "Ctrl-C save & quit" in screen
        term.send("n" + ENTER)
        term.prompt("Was AI used?")
        assert "Sunrise › The generated picture (Image)" in term.screen()
        term.send("y" + ENTER)
        term.prompt("How many prompts?")
        term.send("3" + ENTER)
        term.prompt("How much was edited by hand?")
        assert "4. I don't know" in term.screen()
        term.send("1" + ENTER)
        term.prompt("Which tools?")
        term.send("1" + ENTER)
        review = wait_for_review(term)
        for line in (
            "Title  Sunrise",
            "Is the AI named as author?  No",
            "Was AI used?  Yes",
            "How many prompts?  3",
            "How much was edited by hand?  none",
            "Which tools?  brush",
        ):
            assert line in review
        term.send(ENTER)  # "Evaluate" is the first line
        seen = term.expect("Save the evaluation to a file?")
        assert "The generated picture: NOT PROTECTABLE" in seen
        assert "author: nobody" in seen
        save_as(term, "")  # as text, under the suggested name
        term.expect("Written:")
        term.expect("copyrightable ask --resume")
        assert term.exit_code() == 0
    finally:
        term.close()
    assert saved(tmp_path) == {
        "meta": {
            "schema": 1,
            "tool": "0.1.0",
            "title": "Sunrise",
            "answered_at": STAMP,
            "language": "en",
            "jurisdictions": ["toy"],  # what it was asked about, for --resume
            "interview": {"complete": True},
        },
        "work": {"ai_named_author": "no"},
        "elements": {
            "image": {
                "kind": "image",
                "label": "The generated picture",
                "answers": {
                    "ai_used": "yes",
                    "prompt_count": 3,
                    "edits": "none",
                    "tools": ["brush"],
                },
            }
        },
    }
    report = (tmp_path / "answers.evaluation.txt").read_text(encoding="utf-8")
    assert "toy.machine" in report and "NOT PROTECTABLE" in report


def test_a_comic_with_several_elements_chosen_with_arrow_keys(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        term.prompt("What is the title of the work?")
        term.line("Comic")
        term.skip_details()
        term.prompt("Which kinds of material")
        term.send(" " + DOWN + " ")
        assert "[x] 1. Text" in term.wait_screen("[x] 2. Image")
        term.send(ENTER)
        term.prompt("A short name for the Text element")
        term.send(ENTER)  # keep the suggested name
        term.prompt("A short name for the Image element")
        term.send(ENTER)
        term.prompt("Is the AI named as author?")
        term.send(DOWN + ENTER)
        term.prompt("Comic › Text")
        term.send(DOWN + ENTER)  # no AI in the text
        seen = term.prompt("Comic › Image")
        assert "Not asked, as no answer could change a verdict now: “Which tools” (Text)." in seen
        term.send(ENTER)  # AI used: yes (the pointer starts on the first choice)
        term.prompt("How many prompts?")
        term.send("3" + ENTER)
        term.prompt("How much was edited by hand?")
        term.send(DOWN + DOWN + ENTER)  # substantial: the human's edits decide
        seen = term.expect("Review: every answer")
        assert (
            "Not asked, as no answer could change a verdict now: “Which tools” (Image)."
            in " ".join(seen.split())
        )  # the tools can no longer matter; named, so not lost
        review = term.wait_screen("+ Add another element")
        assert "Which tools?  (not asked: cannot change any verdict)" in review
        term.send(ENTER)
        seen = term.expect("Save the evaluation to a file?")
        assert "The work as a whole: PROTECTABLE" in seen
        assert "· Text: PROTECTABLE" in seen and "· Image: PROTECTABLE" in seen
        save_no_file(term)
        assert term.exit_code() == 0
    finally:
        term.close()
    data = saved(tmp_path)
    assert data["elements"]["text"]["answers"] == {"ai_used": "no"}
    assert data["elements"]["image"]["answers"] == {
        "ai_used": "yes",
        "prompt_count": 3,
        "edits": "substantial",
    }
    assert data["meta"]["interview"] == {
        "complete": True,
        "not_asked": {
            "elements": {"text": {"tools": "not_needed"}, "image": {"tools": "not_needed"}}
        },
    }
    assert not list(tmp_path.glob("*.evaluation.*"))


def _answered_image(term: Terminal) -> None:
    describe_work(term, "Pic", "2", ["Pic"])
    answer(
        term,
        [
            ("Is the AI named as author?", "n"),
            ("Was AI used?", "y"),
            ("How many prompts?", "3"),
        ],
    )


def test_going_back_changes_an_answer_and_keeps_every_other(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        _answered_image(term)
        term.prompt("How much was edited by hand?")
        term.send(LEFT)  # back to the previous question, with its answer in the field
        seen = term.prompt("How many prompts?")
        assert "› 3" in term.screen()
        assert "changing an answer" in seen
        term.send(CLEAR + "unknown" + ENTER)
        term.prompt("How much was edited by hand?")  # straight back where we were
        term.send(LEFT)
        term.prompt("How many prompts?")
        term.send("<")  # in a text field whose answer is untouched, < goes back
        term.prompt("Was AI used?")
        term.send("n" + ENTER)
        seen = term.expect("Review: every answer")
        assert "1 earlier answer(s) no longer apply and were set aside" in seen
        data = saved(tmp_path)
        assert data["elements"]["image"]["answers"] == {"ai_used": "no"}
        assert data["meta"]["interview"]["set_aside"] == {
            "elements": {"image": {"prompt_count": "unknown"}}
        }
        assert data["work"] == {"ai_named_author": "no"}
        term.wait_screen("+ Add another element")
        term.send("5" + ENTER)  # row 5: the image's "Was AI used?"
        term.prompt("Was AI used?")
        term.send("y" + ENTER)
        seen = term.prompt("How much was edited by hand?")  # only what depends on it
        assert "1 earlier answer(s) apply again and were restored." in seen
        term.send("2" + ENTER)
        term.prompt("Which tools?")
        term.send("0" + "2" + ENTER)
        review = wait_for_review(term)
        assert "How many prompts?  I don't know" in review
        assert "How much was edited by hand?  minor" in review
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    answers = saved(tmp_path)["elements"]["image"]["answers"]
    assert answers == {
        "ai_used": "yes",
        "prompt_count": "unknown",
        "edits": "minor",
        "tools": ["eraser"],
    }


def test_i_dont_know_leads_to_undetermined_and_what_would_decide_it(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Pic", "2", ["Pic"])
        answer_and_evaluate(
            term,
            [
                ("Is the AI named as author?", "n"),
                ("Was AI used?", "y"),
                ("How many prompts?", "unknown"),
                ("How much was edited by hand?", "u"),
                ("Which tools?", ""),
            ],
        )
        seen = " ".join(term.expect("Save the evaluation").split())
        assert "· [image] Pic: UNDETERMINED" in seen  # the id the verdict grid names it by
        assert (
            "would be decided by knowing: - How many prompts? - How much was edited by hand?"
        ) in seen
        save_no_file(term)
        assert term.exit_code() == 0
    finally:
        term.close()
    answers = saved(tmp_path)["elements"]["image"]["answers"]
    assert answers["prompt_count"] == "unknown" and answers["edits"] == "unknown"


def test_elements_can_be_added_and_removed_from_the_review(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Pic", "1", ["Story"])
        answer_to_review(term, [("Is the AI named as author?", "n"), ("Was AI used?", "n")])
        term.send("\x1b[F" + ENTER)  # End: the last line, "+ Add another element"
        term.prompt("What kind of element do you want to add?")
        term.send("2" + ENTER)
        term.prompt("A short name for the Image element")
        term.send(CLEAR + "Cover" + ENTER)
        term.prompt("Pic › Cover (Image)")
        term.send("n" + ENTER)
        review = wait_for_review(term)
        assert "Elements  Story (Text); Cover (Image)" in review
        term.send("2" + ENTER)  # Elements: untick the text
        term.prompt("Which kinds of material")
        term.send("1" + ENTER)
        term.prompt("Remove Story (Text) and its 1 answer(s)?")
        term.send("y" + ENTER)
        review = wait_for_review(term).split("Review: every answer")[-1]
        assert "Elements  Cover (Image)" in review and "Story" not in review
        term.send(CTRL_C)
        assert term.exit_code() == 130
    finally:
        term.close()
    assert list(saved(tmp_path)["elements"]) == ["image"]


def test_keys_typed_faster_than_the_screens_appear_are_not_lost(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        term.prompt("What is the title of the work?")
        for key in "Fast\r2\r2\r\rn\ry\r3\r":  # a typist ahead of the screens (or a paste)
            term.send(key)
            time.sleep(0.003)
        term.prompt("How much was edited by hand?")
        assert "\nn\n" not in term.screen()  # nothing echoed between the screens
    finally:
        term.close()
    assert saved(tmp_path)["elements"]["image"]["answers"] == {"ai_used": "yes", "prompt_count": 3}


def test_help_explains_the_question_and_cites_the_authority(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Pic", "2", ["Pic"])
        term.prompt("Is the AI named as author?")
        assert "Only humans author." not in term.screen()
        term.send("?")
        screen = term.wait_screen("Only humans author.")
        assert "Authorities:" in screen
        assert "• Toy Copyright Act §1 (fictional, for tests), §1" in screen
        assert "(press ? again to hide the help)" in screen
        term.send("?")
        assert "Is the AI named as author?" in term.wait_gone("Only humans author.")
        term.send("n" + ENTER)
        term.prompt("Was AI used?")
        term.send("y" + ENTER)
        term.prompt("How many prompts?")
        term.send("?")  # in a text field too, while it is empty
        assert "Authorities:" in term.wait_screen("Toy Copyright Act")
        term.send("4" + ENTER)
        term.prompt("How much was edited by hand?")
        assert "Toy Copyright Act" not in term.screen().split("How much was edited")[-1]
    finally:
        term.close()


def test_invalid_input_is_explained_and_the_question_asked_again(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        term.prompt("What is the title of the work?")
        term.send(ENTER)
        term.wait_screen("! An answer is needed here.")
        term.line("Pic")
        term.skip_details()
        term.prompt("Which kinds of material")
        term.send(ENTER)
        term.wait_screen("! Tick at least one.")
        term.send("7")
        term.wait_screen("! That is not one of the choices: type a number from 1 to 2.")
        term.send("2" + ENTER)
        term.prompt("A short name for")
        term.send(ENTER)
        term.prompt("Is the AI named as author?")
        term.send("u")
        term.wait_screen('"I don\'t know" is not available here')
        term.send("x")
        term.wait_screen("! That is not one of the choices: type a number from 1 to 2.")
        term.send("n" + ENTER)
        term.prompt("Was AI used?")
        term.send("y" + ENTER)
        term.prompt("How many prompts?")
        term.send("many" + ENTER)
        term.wait_screen("! Please type a number, e.g. 12, or a lower bound")
        term.send(CLEAR + "-4" + ENTER)
        term.wait_screen("! The number must be at least 0.")
        assert "prompt_count" not in saved(tmp_path)["elements"]["image"]["answers"]
        term.send(CLEAR + "600" + ENTER)
        term.prompt("How much was edited by hand?")
        assert saved(tmp_path)["elements"]["image"]["answers"]["prompt_count"] == 600
    finally:
        term.close()


def test_ctrl_c_saves_and_resume_continues_where_it_stopped(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        _answered_image(term)
        term.prompt("How much was edited by hand?")
        term.send(CTRL_C)
        seen = term.expect("--resume")
        assert "Interrupted. Your answers are saved in" in seen
        assert term.exit_code() == 130
    finally:
        term.close()
    draft = saved(tmp_path)
    assert draft["meta"]["interview"] == {"complete": False}
    assert draft["elements"]["image"]["answers"] == {"ai_used": "yes", "prompt_count": 3}
    term = ask(tmp_path, "--resume", "answers.yaml")
    try:
        seen = term.prompt("How much was edited by hand?")
        assert "Continuing answers.yaml: 6 answers so far." in seen
        term.send("1" + ENTER)
        term.prompt("Which tools?")
        term.send(ENTER)  # nothing ticked: none of them
        wait_for_review(term)
        assert "Which tools?  none" in term.screen()
        term.send(ENTER)
        save_no_file(term)
        assert term.exit_code() == 0
    finally:
        term.close()
    done = saved(tmp_path)
    assert done["meta"]["interview"] == {"complete": True}
    assert done["elements"]["image"]["answers"] == {
        "ai_used": "yes",
        "prompt_count": 3,
        "edits": "none",
        "tools": [],
    }


def test_a_finished_file_reopens_at_the_review_for_editing(tmp_path: Path) -> None:
    (tmp_path / "done.yaml").write_text(
        "meta: {schema: 1, title: Done, language: en}\nwork: {ai_named_author: no}\n"
        "elements:\n  art: {kind: image, label: Art, answers: {ai_used: no}}\n",
        encoding="utf-8",
    )
    term = ask(tmp_path, "--resume", "done.yaml")
    try:
        seen = term.expect("Review: every answer")
        assert "done.yaml is complete. Review it below and change any answer." in seen
        term.wait_screen("+ Add another element")
        term.send("5" + ENTER)  # Was AI used?
        term.prompt("Was AI used?")
        term.send("y" + ENTER)
        term.prompt("How many prompts?")
        term.send("2" + ENTER)
        term.prompt("How much was edited by hand?")
        term.send("1" + ENTER)
        term.prompt("Which tools?")
        term.send("0" + ENTER)
        wait_for_review(term)
        term.send("\x1b[H" + ENTER)  # the pointer is on the changed line: Home, then evaluate
        assert "Art: NOT PROTECTABLE" in term.expect("Save the evaluation")
        save_no_file(term)
        assert term.exit_code() == 0
    finally:
        term.close()
    assert saved(tmp_path, "done.yaml")["elements"]["art"]["answers"] == {
        "ai_used": "yes",
        "prompt_count": 2,
        "edits": "none",
        "tools": [],
    }


def test_a_case_file_answers_can_start_a_new_answers_file(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "case: {id: demo}\nanswers:\n  meta: {schema: 1, title: Demo}\n"
        "  work: {ai_named_author: no}\n"
        "  elements: {art: {kind: image, answers: {ai_used: no}}}\n",
        encoding="utf-8",
    )
    before = case.read_text(encoding="utf-8")
    term = ask(tmp_path, "--resume", "case.yaml", "-o", "mine.yaml")
    try:
        wait_for_review(term)
        term.send(ENTER)
        save_no_file(term)
        assert term.exit_code() == 0
    finally:
        term.close()
    assert case.read_text(encoding="utf-8") == before
    assert saved(tmp_path, "mine.yaml")["elements"]["art"]["answers"] == {"ai_used": "no"}


def test_the_whole_interview_in_chinese(tmp_path: Path) -> None:
    term = ask(tmp_path, "--lang", "zh")
    try:
        term.expect("每回答一题，答案都会保存到")
        term.prompt("作品的标题是什么？")
        assert "输入答案 · 回车确认 · ? 帮助 · < 返回 · Ctrl-C 保存并退出" in term.screen()
        term.line("黎明的扎里亚")
        term.skip_details("现在填写案件信息吗？")
        term.prompt("作品包含哪些类型的内容？")
        assert "[ ] 1. 文字" in term.screen() and "[ ] 2. 图像" in term.screen()
        term.send("2" + ENTER)
        term.prompt("为“图像”这一组成部分起一个简短的名称")
        term.send(ENTER)
        term.prompt("是否将人工智能列为作者？")
        assert "1. 是" in term.screen() and "2. 否" in term.screen()
        term.send("?")
        screen = term.wait_screen("只有人类可以成为作者。")
        assert "法律依据：" in screen and "（再按 ? 隐藏帮助）" in screen
        term.send("n" + ENTER)
        term.prompt("是否使用了人工智能？")
        assert "黎明的扎里亚 › 图像 · 已答 4 题" in term.screen()
        term.send("y" + ENTER)
        term.prompt("提示词多少条？")
        term.send("很多" + ENTER)
        term.wait_screen("! 请输入一个数字，例如 12，或下限")
        term.send(CLEAR + "3" + ENTER)
        term.prompt("人工修改程度？")
        assert "4. 不知道" in term.screen()
        term.send("1" + ENTER)
        term.prompt("使用了哪些工具？")
        term.send("1" + ENTER)
        term.expect("核对：评估前的全部答案")
        term.wait_screen("+ 再添加一个组成部分")
        term.send(ENTER)
        seen = term.expect("是否将评估结果保存到文件？")
        assert "玩具国（法律截至 2026-01-01）" in seen
        assert "图像：不受保护" in seen and "作者：无作者" in seen
        assert "本结果仅供决策参考" in seen
        term.expect("回车确认")
        term.send(NO_FILE + ENTER)
        seen = term.expect("完整推理")
        assert f"日后修改：  {sys.executable} -m copyrightable ask --resume" in seen
        assert term.exit_code() == 0
    finally:
        term.close()
    data = saved(tmp_path)
    assert data["meta"]["language"] == "zh" and data["meta"]["title"] == "黎明的扎里亚"
    assert data["elements"]["image"]["label"] == "图像"


def test_a_closed_terminal_loses_no_answer(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        _answered_image(term)
        term.prompt("How much was edited by hand?")
        term.child.close(force=False)  # the terminal goes away: SIGHUP
        assert term.child.exitstatus == 129 or term.child.signalstatus is not None
    finally:
        term.close()
    assert saved(tmp_path)["elements"]["image"]["answers"] == {"ai_used": "yes", "prompt_count": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]  # no temp file


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGKILL, None)])
def test_a_killed_interview_leaves_a_file_that_resumes(
    tmp_path: Path, signum: int, code: int | None
) -> None:
    term = ask(tmp_path)
    try:
        _answered_image(term)
        term.prompt("How much was edited by hand?")
        term.child.kill(signum)
        status = term.exit_code()
        if code is not None:
            assert status == code
            assert "Your answers are saved in" in term.screen()
    finally:
        term.close()
    term = ask(tmp_path, "--resume", "answers.yaml")
    try:
        assert "6 answers so far" in term.prompt("How much was edited by hand?")
    finally:
        term.close()


def test_a_dumb_terminal_gets_typed_prompts(tmp_path: Path) -> None:
    term = ask(tmp_path, TERM="dumb")
    try:
        term.expect("Answer [? help, < back]: ")
        term.line("Pic")
        term.expect("Choose [1-2] (Enter = Yes, now): ")  # the matter's details: later
        term.line("2")
        term.expect("  [ ] 2. Image")
        term.expect("Answer [numbers separated by commas, 0 for none, ? help, < back]: ")
        term.line("2")
        term.expect("(Enter = Image): ")
        term.line("")
        term.expect("Answer [1-2, # note, ? help, < back]: ")
        term.line("?")
        term.expect("Only humans author.")
        term.expect("Answer [1-2, # note, ? help, < back]: ")
        term.line("5")
        term.expect("! That is not one of the choices: type a number from 1 to 2.")
        term.line("n")
        term.expect("Was AI used?")
        term.line("<")
        term.expect("Is the AI named as author?")
        term.expect("(Enter = No): ")
        term.line("")
        term.expect("Was AI used?")
        term.line("y")
        term.expect("How many prompts?")
        term.line("3")
        term.expect("How much was edited by hand?")
        term.line("1")
        term.expect("Which tools?")
        term.line("")  # an optional question left blank
        term.expect("Which tools?: (left blank)")
        term.send(CTRL_C)
        term.expect("copyrightable ask --resume")
        assert term.exit_code() == 130
    finally:
        term.close()
    data = saved(tmp_path)
    assert data["work"] == {"ai_named_author": "no"}
    assert data["meta"]["interview"] == {
        "complete": True,
        "not_asked": {"elements": {"image": {"tools": "left_blank"}}},
    }


# ------------------------------------------------------- standard input is not a terminal

SCRIPT = ["Piped", "2", "", "n", "y", "3", "1", "1"]


def run_piped(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "copyrightable",
            "ask",
            "--rules",
            str(FIXTURE_LAW),
            "-o",
            str(tmp_path / "answers.yaml"),
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
        env=child_env(),
    )


def test_answers_piped_line_by_line_give_the_verdicts(tmp_path: Path) -> None:
    done = run_piped(tmp_path, [*SCRIPT[:5], "lots", *SCRIPT[5:]])
    assert done.returncode == 0, done.stderr
    assert "Standard input is not a terminal: reading one answer per line." in done.stderr
    assert "! Please type a number, e.g. 12, or a lower bound" in done.stdout  # explained
    assert "· Image: NOT PROTECTABLE" in done.stdout
    assert "Answers saved in" in done.stdout
    # the hints name the program as it was run (python -m here), so they can be pasted
    assert f"Full reasoning:     {sys.executable} -m copyrightable evaluate" in done.stdout
    assert saved(tmp_path)["meta"]["interview"]["complete"] is True


def test_bytes_that_are_not_text_are_a_wrong_answer_not_a_crash(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "copyrightable",
            "ask",
            "--rules",
            str(FIXTURE_LAW),
            "-o",
            str(tmp_path / "answers.yaml"),
        ],
        input=b"Pic\n\xff\xfe\n2\n",
        capture_output=True,
        cwd=tmp_path,
        timeout=30,
        env=child_env(),
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 2, done.stderr
    assert "is not one of the choices" in out
    assert "Traceback" not in done.stderr.decode("utf-8")
    assert saved(tmp_path)["elements"] == {
        "image": {"kind": "image", "label": "Image", "answers": {}}
    }


def test_piped_input_that_ends_early_saves_and_says_how_to_continue(tmp_path: Path) -> None:
    done = run_piped(tmp_path, SCRIPT[:5])
    assert done.returncode == 2
    assert "Input ended before the interview was finished." in done.stdout
    assert "copyrightable ask --resume" in done.stdout
    assert saved(tmp_path)["elements"]["image"]["answers"] == {"ai_used": "yes"}
    nothing = subprocess.run(
        [sys.executable, "-m", "copyrightable", "ask", "--rules", str(FIXTURE_LAW)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
        env=child_env(),
    )
    assert nothing.returncode == 2
    assert "nothing was saved" in nothing.stdout
    assert "copyrightable evaluate FILE" in nothing.stdout


def test_wrong_files_and_options_are_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "taken.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "case.yaml").write_text("case: {id: c}\nanswers: {}\n", encoding="utf-8")
    cases = [
        (
            ["-o", "taken.yaml"],
            "taken.yaml already exists; to continue or change it, run: "
            "copyrightable ask --resume taken.yaml",
        ),
        (["--resume", "missing.yaml"], "missing.yaml: file not found"),
        (
            ["--resume", "case.yaml"],
            "case.yaml is a case file of the library; to start from "
            "its answers, save them elsewhere: copyrightable ask "
            "--resume case.yaml -o NEW.yaml",
        ),
        (["--resume", "taken.yaml"], "unknown key 'x' in answers file"),
        (["-o", "no/such/folder/a.yaml"], "not a writable folder"),
    ]
    for args, message in cases:
        done = subprocess.run(
            [sys.executable, "-m", "copyrightable", "ask", "--rules", str(FIXTURE_LAW), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
            env=child_env(),
        )
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_the_interview_saves_the_full_report_with_its_what_if(tmp_path: Path) -> None:
    term = ask(tmp_path)
    try:
        describe_work(term, "Sunrise <b>", "2", ["Pic"])
        answer_and_evaluate(
            term,
            [
                ("Is the AI named as author?", "n"),
                ("Was AI used?", "y"),
                ("How many prompts?", "3"),
                ("How much was edited by hand?", "1"),
                ("Which tools?", ""),
            ],
        )
        term.expect("Save the evaluation")
        menu = save_as(term, "3")  # the report as HTML
        assert "opinion to print and file" in " ".join(menu.split())
        term.expect("Written:")
        assert term.exit_code() == 0
    finally:
        term.close()
    html = (tmp_path / "answers.report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Sunrise &lt;b&gt;" in html and "Sunrise <b>" not in html  # escaped
    assert "What would change each verdict" in html
    # the what-if search ran: the fixture law's flip, with the answer that makes it
    assert "If “Was AI used?” were" in html and "(instead of yes)" in html
