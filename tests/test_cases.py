"""The case library: the shipped case files against the real rules, and the format's checks.

The shipped cases are tested against the real law on purpose: that is the
point of `cases check`. The mechanics (divergences, validation errors) use the
tiny fictional law in tests/fixtures/law_min, so they do not move when the
real rules change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, REPO, run_cli

from copyrightable.cases.library import CaseEvaluator, Status, case_answers, load_case, load_cases
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law
from copyrightable.law.model import Verdict

CASES = REPO / "cases"

US_DECISIONS = [
    "a-recent-entrance-to-paradise",
    "thaler-v-perlmutter-ddc",
    "thaler-v-perlmutter-dc-cir",
    "zarya-of-the-dawn",
    "theatre-dopera-spatial",
    "allen-v-perlmutter",
]
CN_DECISIONS = [
    "feilin-v-baidu",
    "dreamwriter",
    "li-v-liu",
    "zhangjiagang-butterfly-chair",
    "ultraman-guangzhou",
    "ultraman-hangzhou",
]
OTHER_DECISIONS = {
    "prague-dall-e": "eu",
    "rai-v-biancheri": "eu",
    "nova-v-mazooma": "uk",
    "thj-v-sheridan": "uk",
    "chiba-referral": "jp",
    "navigators-v-kashif-qureshi": "in",
}
EVENTS = ["next-rembrandt", "edmond-de-belamy", "huawei-schubert", "netease-lofter"]


@pytest.fixture(scope="module")
def law():
    return load_law()


@pytest.fixture(scope="module")
def shipped(law):
    return {case.id: case for case in load_cases(CASES, law)}


# ----------------------------------------------------------- the shipped library


def test_every_catalogue_entry_is_a_case_file(shipped) -> None:
    assert set(shipped) == set(US_DECISIONS + CN_DECISIONS + list(OTHER_DECISIONS) + EVENTS)
    for case_id in US_DECISIONS:
        assert shipped[case_id].jurisdiction == "us"
    for case_id in CN_DECISIONS:
        assert shipped[case_id].jurisdiction == "cn"
    for case_id, jurisdiction in OTHER_DECISIONS.items():  # none is facts only any more
        assert shipped[case_id].jurisdiction == jurisdiction
        assert shipped[case_id].answers is not None
    for case_id in EVENTS:
        assert shipped[case_id].kind == "event"
        assert not shipped[case_id].holding.ruling
        assert shipped[case_id].answers is not None  # the tool's analysis stands alone
    assert shipped["allen-v-perlmutter"].holding.pending
    for case_id in ("ultraman-guangzhou", "ultraman-hangzhou"):  # platform liability only
        assert not shipped[case_id].holding.ruling


def test_every_ruling_agrees_or_is_documented(law, shipped) -> None:
    evaluator = CaseEvaluator(law)
    for case_id in US_DECISIONS + CN_DECISIONS + list(OTHER_DECISIONS):
        check = evaluator.check(shipped[case_id])
        assert check.status in (
            Status.AGREES,
            Status.DOCUMENTED,
            Status.PENDING,
            Status.NO_RULING,
        ), (case_id, check.status, check.comparisons)
        if check.status is Status.DOCUMENTED:
            assert shipped[case_id].divergence is not None


def test_unverified_details_are_not_stated_as_fact(shipped) -> None:
    """The catalogue marks these UNVERIFIED: they may be mentioned only as unconfirmed."""
    zhangjiagang = (CASES / "zhangjiagang-butterfly-chair.yaml").read_text(encoding="utf-8")
    for case_number in ("9015", "4840"):
        assert case_number not in zhangjiagang
    assert shipped["zhangjiagang-butterfly-chair"].date_note is not None
    assert "not confirmed" in shipped["ultraman-hangzhou"].citation


def test_cases_check_passes_on_the_shipped_cases() -> None:
    done = run_cli("cases", "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout
    summary = done.stdout.strip().splitlines()[-1]
    assert re.match(
        r"22 cases: \d+ agree, \d+ documented divergences?, 0 failed; 1 pending, "
        r"7 without a ruling, 0 facts only\.",
        summary,
    ), summary
    assert "ok          zarya-of-the-dawn (us): all 3 elements agree" in done.stdout
    case_lines = done.stdout.strip().splitlines()[:-2]  # the record count, the summary
    assert len([line for line in case_lines if line.strip()]) == 22  # one line per case
    assert re.search(r"On the record: \d+ of \d+ answers unknown", done.stdout)
    assert "pending     allen-v-perlmutter (us)" in done.stdout


def _listed_ids(stdout: str) -> list[str]:
    """The case ids of `cases list`: each block's second line starts with the id."""
    return re.findall(r"^  ([a-z0-9-]+) · ", stdout, flags=re.MULTILINE)


def test_list_filters_by_jurisdiction_and_year() -> None:
    done = run_cli("cases", "list", "-j", "cn", "--year", "2019")
    assert done.returncode == 0, done.stderr
    assert _listed_ids(done.stdout) == ["feilin-v-baidu", "dreamwriter"]
    assert "2 cases." in done.stdout
    ranged = run_cli("cases", "list", "--year", "2023-2024", "-j", "us", "--lang", "zh")
    ids = _listed_ids(ranged.stdout)
    assert "allen-v-perlmutter" in ids and "thaler-v-perlmutter-dc-cir" not in ids  # 2025
    allen = ranged.stdout[ranged.stdout.index("allen-v-perlmutter") :].split("\n\n")[0]
    assert "实际结果：待决" in allen


def test_list_shows_both_systems_for_events() -> None:
    done = run_cli("cases", "list", "-j", "nl")
    assert re.search(r"held: no ruling · rules: us: [a-z ]+; cn: [a-z ]+\n", done.stdout)


def test_show_runs_a_chinese_case_under_us_rules() -> None:
    done = run_cli("cases", "show", "dreamwriter", "--under", "us", "--timestamp", "T")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    order = [
        text.index(heading)
        for heading in (
            "The facts",
            "The rules' reasoning",
            "What was actually held",
            "Study notes",
        )
    ]
    assert order == sorted(order)
    assert (
        "Decided under the law of: China. Reasoned below under the rules of: United States." in text
    )
    assert "## United States" in text and "## People's Republic of China" not in text
    assert re.search(r"\[article\] .*: [A-Z ]+", text)  # an element verdict under US rules
    assert "→ us." in text and "→ cn." not in text
    # the comparison with the holding still uses the decision's own (Chinese) rules
    assert "[article] held: protectable" in text and "rules (cn): protectable" in text
    assert "The rules agree with the actual outcome." in text


def test_show_in_chinese_is_reproducible() -> None:
    first = run_cli("cases", "show", "li-v-liu", "--lang", "zh", "--timestamp", "T")
    second = run_cli("cases", "show", "li-v-liu", "--lang", "zh", "--timestamp", "T")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "案件事实" in first.stdout and "实际裁判结果" in first.stdout
    assert "→ cn." in first.stdout


def facts_only_copy(tmp_path: Path) -> Path:
    """A facts-only case file (no shipped case is one any more): Nova without its answers."""
    text = (CASES / "nova-v-mazooma.yaml").read_text(encoding="utf-8")
    start, end = text.index("\nanswers:\n"), text.index("\noutcome:\n")
    text = text[:start] + text[end:]
    text = text.replace(
        "  elements:\n    frames: {verdict: protectable, author: arranger}\n",
        "  verdict: protectable\n",
    )
    path = tmp_path / "nova-v-mazooma.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_show_facts_only_and_event_cases(tmp_path) -> None:
    facts_only = run_cli("cases", "show", str(facts_only_copy(tmp_path)))
    assert facts_only.returncode == 0, facts_only.stderr
    assert "facts-only case" in facts_only.stdout
    event = run_cli("cases", "show", "cases/huawei-schubert.yaml", "--timestamp", "T")
    assert "## United States" in event.stdout and "## People's Republic of China" in event.stdout
    assert "the analysis above is the tool's own and stands alone" in event.stdout


def test_evaluate_and_its_json_accept_a_case_file() -> None:
    done = run_cli("evaluate", "cases/li-v-liu.yaml", "-f", "json", "--timestamp", "T")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    verdicts = {j["id"]: j["verdict"]["verdict"] for j in result["jurisdictions"]}
    assert verdicts == {"us": "not_protectable", "cn": "protectable"}


def test_case_answers_validates_the_whole_case_file(law, toy_law, tmp_path) -> None:
    """The entry point for evaluate/report: the answers, after checking the whole case file."""
    answers = case_answers(CASES / "zarya-of-the-dawn.yaml", law)
    assert [element.id for element in answers.elements] == ["text", "images", "arrangement"]
    with pytest.raises(InputError, match="facts-only"):
        case_answers(facts_only_copy(tmp_path), law)
    broken = write_case(tmp_path, TOY_CASE.replace("  kind: decision", "  kind: dicision"))
    with pytest.raises(InputError, match='did you mean "decision"'):
        case_answers(broken, toy_law)


def test_evaluating_a_facts_only_case_is_one_clear_error(tmp_path) -> None:
    path = facts_only_copy(tmp_path)
    done = run_cli("evaluate", str(path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert f"{path}:" in done.stderr and "facts-only" in done.stderr


def test_unknown_case_and_options_are_one_line_errors() -> None:
    for args, fragment in [
        (("cases", "show", "zarya-of-the-down"), 'did you mean "zarya-of-the-dawn"'),
        (("cases", "show", "li-v-liu", "--under", "xx"), "unknown jurisdiction 'xx'"),
        (("cases", "list", "--year", "2023-2019"), "ends before it starts"),
        (("cases", "list", "-j", "usa"), 'did you mean "us"'),
    ]:
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1 and fragment in done.stderr, done.stderr


# ------------------------------------------------ the format, on the fictional law

TOY_CASE = """\
case:
  id: toy-case
  title: {en: "Toy v. Machine", zh: "玩具诉机器案"}
  forum: {en: "Toyland High Court", zh: "玩具国高等法院"}
  date: 2024-05-01
  citation: "Toy v. Machine, [2024] TOY 1"
  jurisdiction: toy
  kind: decision
  verification: V
  sources:
    - {url: "https://example.org/toy", type: primary}
    - {url: "https://example.org/toy-comment", type: secondary, note: "a comment"}
facts:
  en: |
    A user made a picture with AI and three prompts, and edited nothing. [1]

    The court decided the case. [1] [2]
  zh: |
    用户用人工智能和三条提示词生成了一幅图，未作修改。[1]

    法院作出了判决。[2]
answers:
  meta: {schema: 1, title: "Toy v. Machine"}
  work: {ai_named_author: no}
  elements:
    picture:
      kind: image
      answers: {ai_used: yes, prompt_count: 3, edits: none, tools: [brush]}
outcome:
  ruling: true
  summary: {en: "Not protected.", zh: "不受保护。"}
  elements:
    picture: {verdict: not_protectable, author: none}
notes: {en: "Machines are not authors in Toyland.", zh: "在玩具国，机器不是作者。"}
"""

# the toy case as if the court had held the picture protected: the rules say otherwise
HELD_PROTECTABLE = TOY_CASE.replace(
    "picture: {verdict: not_protectable, author: none}",
    "picture: {verdict: protectable, author: human_user}",
)

DIVERGENCE = """\
known_divergence:
  rules_say:
    picture: {verdict: not_protectable, author: none}
  en: "The court credited the prompts; the rules do not."
  zh: "法院认可了提示词，规则则不认可。"
"""


@pytest.fixture(scope="module")
def toy_law():
    return load_law(FIXTURE_LAW)


def write_case(folder: Path, text: str, name: str = "toy-case") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check_toy(folder: Path, *extra: str):
    return run_cli("cases", "check", "--cases", str(folder), "--rules", str(FIXTURE_LAW), *extra)


def test_toy_case_loads_and_agrees(toy_law, tmp_path) -> None:
    case = load_case(write_case(tmp_path, TOY_CASE), toy_law)
    assert case.sources[1].note == "a comment" and case.year == 2024
    check = CaseEvaluator(toy_law).check(case)
    assert check.status is Status.AGREES
    assert check.rules_verdict() is Verdict.NOT_PROTECTABLE
    assert check.comparisons[0].deciding == ("toy.not_protectable",)


def test_a_disagreement_fails_with_a_clear_diff(tmp_path) -> None:
    write_case(tmp_path, HELD_PROTECTABLE)
    done = check_toy(tmp_path)
    assert done.returncode == 1
    assert (
        f"FAIL        {tmp_path / 'toy-case.yaml'}: toy-case (toy): the rules disagree"
        in done.stdout
    )
    assert (
        "picture: expected protectable (author: the human user), rules say not protectable "
        "(author: nobody); deciding rules: toy.not_protectable"
    ) in done.stdout
    assert "1 failed" in done.stdout


def test_a_documented_divergence_passes_and_is_reported(tmp_path) -> None:
    write_case(tmp_path, HELD_PROTECTABLE + DIVERGENCE)
    done = check_toy(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "documented  toy-case (toy): known divergence" in done.stdout
    assert "picture: expected protectable" in done.stdout
    assert "1 documented divergence, 0 failed" in done.stdout
    shown = run_cli(
        "cases",
        "show",
        "toy-case",
        "--cases",
        str(tmp_path),
        "--rules",
        str(FIXTURE_LAW),
        "--lang",
        "zh",
    )
    assert "该分歧为已知分歧" in shown.stdout and "法院认可了提示词" in shown.stdout


def test_a_documented_divergence_that_no_longer_occurs_fails(tmp_path) -> None:
    write_case(tmp_path, TOY_CASE + DIVERGENCE)
    done = check_toy(tmp_path)
    assert done.returncode == 1
    assert "the documented divergence no longer occurs" in done.stdout


def test_a_divergence_other_than_the_documented_one_fails(tmp_path) -> None:
    write_case(
        tmp_path,
        HELD_PROTECTABLE
        + DIVERGENCE.replace(
            "picture: {verdict: not_protectable, author: none}", "picture: {verdict: undetermined}"
        ),
    )
    done = check_toy(tmp_path)
    assert done.returncode == 1
    assert "not the one documented in known_divergence for picture" in done.stdout


BAD_CASES = [
    # (old text, new text, the line to point at (a fragment of it), fragment of the message)
    ("  jurisdiction: toy", "  jurisdicton: toy", "jurisdicton", 'did you mean "jurisdiction"'),
    ("  id: toy-case", "  id: toy-kase", "id: toy-kase", "differs from the file name"),
    (
        "    The court decided the case. [1] [2]",
        "    The court decided the case.",
        "  en: |",
        "names no source",
    ),
    ("    法院作出了判决。[2]", "    法院作出了判决。[3]", "  zh: |", "cites source [3]"),
    (
        'note: "a comment"}',
        'note: "a comment"}\n    - {url: "https://example.org/3", type: lead}',
        "example.org/3",
        "source [3] is never cited",
    ),
    (
        "https://example.org/toy-comment",
        "example.org/toy-comment",
        "example.org/toy-comment",
        "not a web address",
    ),
    ("type: primary}", "type: primay}", "type: primay", 'did you mean "primary"'),
    (
        "{verdict: not_protectable, author: none}",
        "{verdict: not_protected, author: none}",
        "not_protected",
        'did you mean "not_protectable"',
    ),
    ("    picture: {verdict", "    pictures: {verdict", "pictures:", "unknown key 'pictures'"),
    (
        "{ai_used: yes, prompt_count: 3",
        "{ai_usd: yes, prompt_count: 3",
        "ai_usd",
        'did you mean "ai_used"',
    ),
    ("  kind: decision", "  kind: ruling", "kind: ruling", "one of: decision"),
    ("  date: 2024-05-01", "  date: 2024-13-01", "date: 2024-13-01", "invalid date"),
    ("  ruling: true", "  ruling: yes please", "ruling: yes please", "true or false"),
    ("  verification: V", "  verification: UNVERIFIED", "verification:", "one of: V, S"),
]


@pytest.mark.parametrize(
    ("old", "new", "line_of", "message"), BAD_CASES, ids=[case[3] for case in BAD_CASES]
)
def test_a_bad_case_file_is_one_error_with_file_and_line(
    toy_law, tmp_path, old, new, line_of, message
) -> None:
    assert old in TOY_CASE
    text = TOY_CASE.replace(old, new, 1)
    path = write_case(tmp_path, text)
    line = next(number for number, content in enumerate(text.splitlines(), 1) if line_of in content)
    with pytest.raises(InputError) as raised:
        load_case(path, toy_law)
    shown = raised.value.one_line()
    assert shown.startswith(f"{path}:{line}: "), shown
    assert message in shown, shown


def test_the_cli_reports_a_bad_case_file_on_one_line_with_exit_2(tmp_path) -> None:
    path = write_case(tmp_path, TOY_CASE.replace("  kind: decision", "  knd: decision"))
    write_case(tmp_path, TOY_CASE.replace("toy-case", "other-case"), "other-case")
    for command in ("check", "list", "quiz"):
        done = run_cli("cases", command, "--cases", str(tmp_path), "--rules", str(FIXTURE_LAW))
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert done.stderr == (
            f"copyrightable: error: {path}:8: unknown key 'knd' in 'case' "
            '(did you mean "kind"?); expected one of: authority, citation, '
            "date, date_note, forum, id, jurisdiction, kind, sources, title, "
            "topics, verification\n"
        ), done.stderr
        assert "Traceback" not in done.stdout + done.stderr


def test_structural_mistakes_are_input_errors(toy_law, tmp_path) -> None:
    no_elements = TOY_CASE.replace(
        "  elements:\n    picture: {verdict: not_protectable, author: none}\n", ""
    )
    divergence_without_ruling = (
        TOY_CASE.replace("ruling: true", "ruling: false").replace(
            "  elements:\n    picture: {verdict: not_protectable, author: none}\n", ""
        )
        + DIVERGENCE
    )
    pending_ruling = TOY_CASE.replace("ruling: true", "ruling: true\n  pending: true")
    for text, message in [
        (no_elements, "must say what was held for each element"),
        (divergence_without_ruling, "needs answers and a ruling"),
        (pending_ruling, "both a ruling and pending"),
    ]:
        with pytest.raises(InputError, match=message):
            load_case(write_case(tmp_path, text), toy_law)
