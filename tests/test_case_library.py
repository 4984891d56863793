"""The case library as a student uses it: names and citations in the list, topics,
prefixes and suggestions for case ids, and case views that speak of the parties."""

from __future__ import annotations

import re

import pytest
from tests.tools import REPO, run_cli

from copyrightable.cases.library import load_case, load_cases
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law

CASES = REPO / "cases"


@pytest.fixture(scope="module")
def law():
    return load_law()


def test_every_shipped_case_is_filed_under_known_topics(law) -> None:
    known = set(law.vocabulary.ids("topics"))
    cases = load_cases(CASES, law)
    assert cases and all(case.topics for case in cases), [c.id for c in cases if not c.topics]
    used = {topic for case in cases for topic in case.topics}
    assert used <= known
    assert known - used == set(), "a topic no case is filed under lists nothing"


def test_list_names_cites_and_dates_each_case() -> None:
    done = run_cli("cases", "list", "-j", "us")
    assert done.returncode == 0, done.stderr
    zarya = done.stdout[done.stdout.index("Zarya of the Dawn (Kashtanova)\n") :].split("\n\n")[0]
    assert "  zarya-of-the-dawn · United States · 2023 · registration decision" in zarya
    assert "citation: Letter from Robert J. Kasunic" in zarya
    assert "forum: U.S. Copyright Office" in zarya
    assert "held: partially protectable · rules (us): partially protectable · agree: yes" in zarya
    assert "topics: prompts, selection_arrangement, modification, registration" in zarya
    assert all(len(line) <= 80 for line in done.stdout.splitlines())  # piped: 80 columns


def test_list_filters_by_topic_with_either_spelling() -> None:
    both = run_cli("cases", "list", "--topic", "selection-arrangement")
    assert re.findall(r"^  ([a-z0-9-]+) · ", both.stdout, re.MULTILINE) == ["zarya-of-the-dawn"]
    several = run_cli("cases", "list", "-t", "machine_author", "-t", "legal_person", "-j", "us")
    ids = re.findall(r"^  ([a-z0-9-]+) · ", several.stdout, re.MULTILINE)
    assert ids == [
        "a-recent-entrance-to-paradise",
        "thaler-v-perlmutter-ddc",
        "thaler-v-perlmutter-dc-cir",
    ]
    zh = run_cli("cases", "list", "-t", "selection_arrangement", "--lang", "zh")
    assert "主题：提示词、参数与反复调整；选择与编排" in zh.stdout


def test_an_unknown_topic_is_one_line_with_a_suggestion() -> None:
    done = run_cli("cases", "list", "--topic", "prompt")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and 'did you mean "prompts"' in done.stderr


def test_a_case_file_topic_is_checked_against_the_vocabulary(law, tmp_path) -> None:
    text = (CASES / "li-v-liu.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  topics:"))
    for wrong, message in [
        ("[prompt, evidence]", "unknown topic 'prompt' (did you mean \"prompts\"?)"),
        ("[prompts, prompts]", "topic 'prompts' is listed twice"),
        ("[]", "'topics'"),
    ]:
        path = tmp_path / "li-v-liu.yaml"
        path.write_text(re.sub(r"(?m)^  topics: .*$", f"  topics: {wrong}", text), encoding="utf-8")
        with pytest.raises(InputError) as raised:
            load_case(path, law)
        assert message in str(raised.value.one_line())
        assert f"li-v-liu.yaml:{line}" in raised.value.one_line()


def test_show_takes_a_unique_start_of_an_id_and_suggests_on_a_miss() -> None:
    done = run_cli("cases", "show", "zarya", "--timestamp", "T")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Zarya of the Dawn (Kashtanova)\n")
    assert "Answers: cases/zarya-of-the-dawn.yaml" in done.stdout  # not where it is installed
    part = run_cli("cases", "show", "butterfly", "--timestamp", "T")
    assert part.stdout.startswith("Feng v. Zhu")
    for reference, fragment in [
        ("zaria", "no case 'zaria' (did you mean \"zarya-of-the-dawn\"?)"),
        (
            "thaler",
            "case 'thaler' is ambiguous: it matches thaler-v-perlmutter-dc-cir, "
            "thaler-v-perlmutter-ddc",
        ),
    ]:
        miss = run_cli("cases", "show", reference)
        assert miss.returncode == 2
        assert miss.stderr.count("\n") == 1 and fragment in miss.stderr, miss.stderr
        assert "_cases" not in miss.stderr and "site-packages" not in miss.stderr


def _reasoning(text: str) -> str:
    return text[text.index("The rules' reasoning") : text.index("What was actually held")]


def test_case_reasoning_speaks_of_the_parties_in_the_third_person() -> None:
    shown = run_cli("cases", "show", "zarya-of-the-dawn", "--timestamp", "T").stdout
    reasoning = _reasoning(shown)
    assert "The record states that the prompts were detailed" in reasoning
    assert "the user revised the prompts in response to the outputs" in " ".join(reasoning.split())
    assert not re.search(r"\b[Yy]ou(r|rself)?\b", reasoning), re.findall(r".*\byou\b.*", reasoning)
    zh = run_cli("cases", "show", "li-v-liu", "--lang", "zh", "--timestamp", "T").stdout
    assert "您" not in _reasoning(
        zh.replace("实际裁判结果", "What was actually held").replace(
            "规则的推理", "The rules' reasoning"
        )
    )
    assert "记录表明：用户根据生成结果修改了提示词。" in "".join(zh.split())
    # the interview and evaluate still speak to the person answering
    evaluated = run_cli(
        "evaluate", "cases/zarya-of-the-dawn.yaml", "--explain", "--timestamp", "T"
    ).stdout
    assert "and that you revised the prompts in response to the outputs" in " ".join(
        evaluated.split()
    )


def test_reword_replaces_whole_words_once() -> None:
    from copyrightable.render.study_text import reword

    pairs = [["Did you", "Did the user"], ["your", "the user's"], ["you", "the user"]]
    assert (
        reword("Did you keep your layout? you", pairs)
        == "Did the user keep the user's layout? the user"
    )
    assert reword("youth layout", pairs) == "youth layout"
