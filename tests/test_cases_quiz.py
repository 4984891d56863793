"""The case quiz: the session logic with scripted answers, piped stdin, and a real terminal.

The expected verdicts come from the same plan the quiz uses (real cases, real
rules), so the tests check that typing the right answers scores full marks
without copying the law into the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pexpect
import pytest
from tests.tools import REPO, run_cli

from copyrightable.cases.library import CaseEvaluator, load_cases
from copyrightable.cases.quiz import CHOICES, QuizSession, plan
from copyrightable.cli.cases_cmd import _Words
from copyrightable.law.loading import load_law

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def law():
    return load_law()


def key(prediction) -> str:
    """The number to type for the right answer to one question."""
    if prediction.kind == "fact":
        return str(prediction.right + 1)
    return str(CHOICES.index(prediction.expected) + 1)


def keys_for(law, seed: int, count: int) -> list[str]:
    """The right answers, in the order the quiz asks them (under the rule sets it uses)."""
    items = plan(load_cases(REPO / "cases", law), CaseEvaluator(law), None, seed, count)
    return [key(p) for item in items for p in item.predictions]


def wrong(key: str) -> str:
    return "1" if key != "1" else "2"


# ------------------------------------------------------------ the session itself


def test_session_scores_reshows_facts_and_reprompts(law) -> None:
    items = plan(load_cases(REPO / "cases", law), CaseEvaluator(law), ["us", "cn"], 5, 2)
    asked = [p for item in items for p in item.predictions]
    right = [key(p) for p in asked]
    first_fact = next(i for i, p in enumerate(asked) if p.kind == "fact")
    typed = iter(
        ["?", "seven", *right[:first_fact], wrong(right[first_fact]), *right[first_fact + 1 :]]
    )
    printed: list[str] = []
    session = QuizSession(
        items, _Words("quiz.txt.j2", "en"), lambda _prompt: next(typed), printed.append
    )
    score = session.run()
    total = len(right)
    assert (score.right, score.asked) == (total - 1, total)
    text = "\n".join(printed)
    facts = " ".join(items[0].case.facts.en.split()[:8])
    assert " ".join(text.split()).count(facts) == 2  # once with the case, once after "?"
    assert "Please type a number from 1 to 4" in text
    assert f"Quiz over. Score: {total - 1}/{total}" in text
    assert [a.correct for a in score.answers] == (
        [True] * first_fact + [False] + [True] * (total - first_fact - 1)
    )
    flat = " ".join(text.split())
    assert "Not quite." in flat
    assert f"did not decide it. The deciding rule is {asked[first_fact].jurisdiction}." in flat


def test_same_seed_same_quiz_and_count_limits(law) -> None:
    cases = load_cases(REPO / "cases", law)
    evaluator = CaseEvaluator(law)
    first = [item.case.id for item in plan(cases, evaluator, ["us"], 11, 4)]
    again = [item.case.id for item in plan(cases, evaluator, ["us"], 11, 4)]
    assert first == again and len(first) == 4
    everything = plan(cases, evaluator, ["us", "cn"], 11)
    assert len(everything) == 22  # every case with answers; facts-only files are skipped
    for item in everything:
        for prediction in item.predictions:
            if prediction.kind == "fact":
                continue
            home_ruling = (
                item.case.jurisdiction == prediction.jurisdiction
                and item.case.holding.ruling
                and item.case.holding.element(prediction.element) is not None
            )
            assert prediction.basis == ("holding" if home_ruling else "rules")


# ------------------------------------------------------------------ piped stdin


def test_piped_quiz_scores_full_marks_for_the_right_answers(law) -> None:
    keys = keys_for(law, 2, 2)
    done = run_cli("cases", "quiz", "--seed", "2", "-n", "2", input_text="\n".join(keys) + "\n")
    assert done.returncode == 0, done.stderr
    assert f"Quiz over. Score: {len(keys)}/{len(keys)}" in done.stdout.splitlines()[-1]
    assert "The real holding: " in done.stdout and "Not quite" not in done.stdout


def test_piped_quiz_ends_cleanly_at_end_of_input(law) -> None:
    key = keys_for(law, 4, 1)[0]
    done = run_cli(
        "cases", "quiz", "--seed", "4", "--lang", "zh", input_text=f"x\n{key}\n", timeout=20
    )
    assert done.returncode == 0, done.stderr
    assert "请输入1到4之间的数字" in done.stdout
    assert done.stdout.rstrip().endswith("测验结束。得分：1/1")


def test_q_quits_and_jurisdiction_filters(law) -> None:
    done = run_cli("cases", "quiz", "-j", "cn", "--under", "cn", "--seed", "1", input_text="q\n")
    assert done.returncode == 0, done.stderr
    assert "· China" in done.stdout  # the first case is Chinese
    assert "United States — " not in done.stdout
    assert done.stdout.rstrip().endswith("Quiz over. Score: 0/0")


# ------------------------------------------------------------- a real terminal


def spawn_quiz(*args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "COLUMNS": "100",
        "LINES": "40",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "copyrightable", "cases", "quiz", *args],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=20,
    )


def screen(child: pexpect.spawn) -> str:
    return ANSI.sub("", child.before or "")


def test_quiz_in_a_terminal(law) -> None:
    keys = keys_for(law, 9, 1)
    child = spawn_quiz("--seed", "9", "-n", "1")
    child.expect_exact("your prediction?")
    child.expect_exact("> ")
    child.sendline("9")
    child.expect_exact("Please type a number from 1 to 4")
    child.expect_exact("> ")
    child.sendline("?")
    child.expect_exact("your prediction?")
    child.expect_exact("> ")
    for number, key in enumerate(keys, 1):
        child.sendline(key)
        if number < len(keys):
            child.expect_exact("> ")
    child.expect_exact("Quiz over.")
    child.expect(pexpect.EOF)
    tail = ANSI.sub("", child.before)
    assert f"Score: {len(keys)}/{len(keys)}" in tail
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_in_a_terminal_exits_130_with_the_score_so_far(law, tmp_path) -> None:
    keys = keys_for(law, 9, 2)
    kept = tmp_path / "score.yaml"
    child = spawn_quiz("--seed", "9", "-n", "2", "--lang", "zh", "--score", str(kept))
    child.expect_exact("> ")
    child.sendline(keys[0])
    child.expect_exact("> ")
    time.sleep(0.1)
    child.sendintr()
    child.expect(pexpect.EOF)
    assert "已中断。得分：1/1" in screen(child)
    assert "全部1次测验：1/1" in screen(child)  # the score file is written on Ctrl-C too
    child.close()
    assert child.exitstatus == 130
    from copyrightable.cases.quiz_score import load_record

    assert load_record(kept).total.right == 1


# ------------------------------------------- per element, the deciding fact, explanations


def zarya_item(law):
    cases = [c for c in load_cases(REPO / "cases", law) if c.id == "zarya-of-the-dawn"]
    return plan(cases, CaseEvaluator(law), ["us", "cn"], 3)[0]


def test_every_element_is_asked_under_every_rule_set_then_its_deciding_fact(law) -> None:
    item = zarya_item(law)
    verdicts = [(p.jurisdiction, p.element) for p in item.predictions if p.kind == "verdict"]
    assert verdicts == [(j, e) for j in ("us", "cn") for e in ("text", "images", "arrangement")]
    held = {
        p.element: (p.expected.value, p.basis)
        for p in item.predictions
        if p.kind == "verdict" and p.jurisdiction == "us"
    }
    assert held["images"] == ("not_protectable", "holding")  # what the Office actually held
    facts = [p for p in item.predictions if p.kind == "fact"]
    assert [p.element for p in facts] == ["text", "images", "arrangement"]
    assert {p.jurisdiction for p in facts} == {"us"}  # the case's own rule set
    images = next(p for p in facts if p.element == "images")
    assert images.reason.rule == "us.prompts.extensive_prompting"
    deciding = {f.question for f in images.reason.facts}
    assert "prompts_revised" in deciding  # reached through the finding the rule rests on
    assert images.options[images.right].question in deciding
    others = [o.question for i, o in enumerate(images.options) if i != images.right]
    assert others and not set(others) & deciding and "element_kind" not in others


def test_a_wrong_answer_is_explained_in_one_paragraph_with_the_deciding_rule(law) -> None:
    item = zarya_item(law)
    words = _Words("quiz.txt.j2", "en")
    from copyrightable.cases.quiz import Answer

    images = next(
        p
        for p in item.predictions
        if p.kind == "verdict" and p.element == "images" and p.jurisdiction == "us"
    )
    told = words("feedback", answer=Answer(images, CHOICES[0]))
    assert "\n\n" not in told.strip()  # one paragraph
    flat = " ".join(told.split())
    assert flat.startswith(
        "Not quite. You said protectable; the answer is not protectable "
        "(the actual outcome). The deciding rule is "
        "us.prompts.extensive_prompting: "
    )
    assert "(AI Report Part 2, conclusion 6)" in flat
    assert "It turned on these answers, among others:" in flat
    assert "Did the user revise the prompts" in flat  # third person, as in the case views
    assert words("feedback", answer=Answer(images, images.expected)).strip() == "Right."


def test_the_score_is_kept_across_cases_by_kind_of_question(law) -> None:
    keys = keys_for(law, 6, 3)
    typed = [wrong(keys[0]), *keys[1:]]
    done = run_cli("cases", "quiz", "--seed", "6", "-n", "3", input_text="\n".join(typed) + "\n")
    assert done.returncode == 0, done.stderr
    items = plan(load_cases(REPO / "cases", law), CaseEvaluator(law), None, 6, 3)
    facts = sum(p.kind == "fact" for item in items for p in item.predictions)
    total = len(keys)
    lines = done.stdout.splitlines()
    sessions = [line for line in lines if line.startswith("This case: ")]
    assert len(sessions) == 3 and sessions[-1].endswith(
        f"Session: {total - 1}/{total} (verdicts {total - facts - 1}/{total - facts}, "
        f"deciding facts {facts}/{facts})"
    )
    assert lines[-1] == (
        f"Quiz over. Score: {total - 1}/{total} (verdicts "
        f"{total - facts - 1}/{total - facts}, deciding facts {facts}/{facts})"
    )


def test_a_score_file_keeps_the_score_from_one_session_to_the_next(law, tmp_path) -> None:
    path = tmp_path / "my-score.yaml"
    keys = keys_for(law, 8, 1)

    def session(typed: str) -> subprocess.CompletedProcess[str]:
        """One quiz of the same single case, its score kept in `path`."""
        return run_cli(
            "cases", "quiz", "--seed", "8", "-n", "1", "--score", str(path), input_text=typed
        )

    first = session("\n".join(keys) + "\n")
    assert first.returncode == 0, first.stderr
    total = len(keys)
    assert first.stdout.splitlines()[-1].startswith(f"All 1 session: {total}/{total} (verdicts ")
    assert first.stdout.rstrip().endswith("saved in my-score.yaml.")
    second = session(f"{wrong(keys[0])}\nq\n")
    assert f"All 2 sessions: {total}/{total + 1} " in second.stdout
    from copyrightable.cases.quiz_score import load_record

    record = load_record(path)
    assert (record.sessions, record.total.right, record.total.asked) == (2, total, total + 1)
    assert sum(t.asked for t in record.cases.values()) == total + 1
    path.write_text(
        path.read_text(encoding="utf-8").replace("asked: ", "asked: -"), encoding="utf-8"
    )
    broken = run_cli("cases", "quiz", "--score", str(path), input_text="q\n")
    assert broken.returncode == 2 and broken.stderr.count("\n") == 1
    assert "my-score.yaml:" in broken.stderr and "a whole number" in broken.stderr


def test_a_fact_read_in_a_branch_that_did_not_hold_is_not_a_deciding_fact(law) -> None:
    """NetEase/LOFTER: 'no prompts, or one simple prompt' held on the simple prompt.
    That prompts were used was read by the other branch, which failed: a student
    naming it as the deciding fact must not be marked right."""
    cases = [c for c in load_cases(REPO / "cases", law) if c.id == "netease-lofter"]
    (item,) = plan(cases, CaseEvaluator(law), ["cn"], 3)
    (avatar,) = [p for p in item.predictions if p.kind == "fact" and p.element == "avatar"]
    deciding = {f.question for f in avatar.reason.facts}
    assert "prompt_detail" in deciding
    assert "prompts_used" not in deciding
