"""The case quiz: the session logic with scripted answers, piped stdin, and a real terminal.

The expected verdicts come from the same plan the quiz uses (real cases, real
rules), so the tests check that typing the right answers scores full marks
without copying the law into the test.
"""

from __future__ import annotations

import os
import re
import sys
import time

import pexpect
import pytest
from tests.tools import REPO, run_cli

from copyrightable.caselib import CaseEvaluator, load_cases
from copyrightable.cli.cases_cmd import _Words
from copyrightable.law import load_law
from copyrightable.quiz import CHOICES, QuizSession, plan

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def law():
    return load_law()


def keys_for(law, seed: int, count: int) -> list[str]:
    """The right answers (1-4), in the order the quiz asks them."""
    items = plan(load_cases(REPO / "cases", law), CaseEvaluator(law), ["us", "cn"], seed, count)
    return [str(CHOICES.index(p.expected) + 1) for item in items for p in item.predictions]


def wrong(key: str) -> str:
    return "1" if key != "1" else "2"


# ------------------------------------------------------------ the session itself


def test_session_scores_reshows_facts_and_reprompts(law) -> None:
    items = plan(load_cases(REPO / "cases", law), CaseEvaluator(law), ["us", "cn"], 5, 2)
    right = [str(CHOICES.index(p.expected) + 1) for item in items for p in item.predictions]
    typed = iter(["?", "seven", right[0], wrong(right[1]), *right[2:]])
    printed: list[str] = []
    session = QuizSession(items, _Words("quiz.txt.j2", "en"), lambda _prompt: next(typed),
                          printed.append)
    score = session.run()
    assert (score.right, score.asked) == (3, 4)
    text = "\n".join(printed)
    facts = items[0].case.facts.en.strip().splitlines()[0]
    assert text.count(facts) == 2  # once with the case, once more after "?"
    assert "Please type 1, 2, 3 or 4" in text
    assert text.rstrip().endswith("Quiz over. Score: 3/4")
    assert [a.correct for a in score.answers] == [True, False, True, True]


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
            home_ruling = (item.case.jurisdiction == prediction.jurisdiction
                           and item.case.holding.ruling)
            assert prediction.basis == ("holding" if home_ruling else "rules")


# ------------------------------------------------------------------ piped stdin


def test_piped_quiz_scores_full_marks_for_the_right_answers(law) -> None:
    keys = keys_for(law, 2, 2)
    done = run_cli("cases", "quiz", "--seed", "2", "-n", "2", input_text="\n".join(keys) + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(f"Quiz over. Score: {len(keys)}/{len(keys)}")
    assert "The real holding: " in done.stdout and "The rules' reasoning — " in done.stdout


def test_piped_quiz_ends_cleanly_at_end_of_input(law) -> None:
    key = keys_for(law, 4, 1)[0]
    done = run_cli("cases", "quiz", "--seed", "4", "--lang", "zh", input_text=f"x\n{key}\n",
                   timeout=20)
    assert done.returncode == 0, done.stderr
    assert "请输入1、2、3或4" in done.stdout
    assert done.stdout.rstrip().endswith("测验结束。得分：1/1")


def test_q_quits_and_jurisdiction_filters(law) -> None:
    done = run_cli("cases", "quiz", "-j", "cn", "--under", "cn", "--seed", "1",
                   input_text="q\n")
    assert done.returncode == 0, done.stderr
    assert "· China" in done.stdout  # the first case is Chinese
    assert "Your prediction for United States" not in done.stdout
    assert done.stdout.rstrip().endswith("Quiz over. Score: 0/0")


# ------------------------------------------------------------- a real terminal


def spawn_quiz(*args: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(sys.executable, ["-m", "copyrightable", "cases", "quiz", *args],
                         cwd=str(REPO), env=env, encoding="utf-8", dimensions=(40, 100),
                         timeout=20)


def screen(child: pexpect.spawn) -> str:
    return ANSI.sub("", child.before or "")


def test_quiz_in_a_terminal(law) -> None:
    keys = keys_for(law, 9, 1)
    child = spawn_quiz("--seed", "9", "-n", "1")
    child.expect_exact("(the work as a whole):")
    child.expect_exact("> ")
    child.sendline("9")
    child.expect_exact("Please type 1, 2, 3 or 4")
    child.expect_exact("> ")
    child.sendline("?")
    child.expect_exact("(the work as a whole):")
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


def test_ctrl_c_in_a_terminal_exits_130_with_the_score_so_far(law) -> None:
    keys = keys_for(law, 9, 2)
    child = spawn_quiz("--seed", "9", "-n", "2", "--lang", "zh")
    child.expect_exact("> ")
    child.sendline(keys[0])
    child.expect_exact("> ")
    time.sleep(0.1)
    child.sendintr()
    child.expect(pexpect.EOF)
    assert "已中断。得分：1/1" in screen(child)
    child.close()
    assert child.exitstatus == 130
