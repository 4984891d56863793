"""What-if: the changes it reports are real (re-evaluation agrees), smallest, and respect ask_if."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from copyrightable.answers.answers_file import answers_from_text, load_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.evaluation.whatif import what_if
from copyrightable.law.loading import load_law
from copyrightable.result.join import joined
from report_inputs import COMIC, FIXED, PAIR_LAW

# A law in which only two answers together decide: protected when a and b both hold.
# b is asked only when d holds, and must then be answered (it cannot be "unknown").
TWO_KEYS = {
    "authorities.yaml": """
authorities:
  - {id: act, citation: "Two Keys Act (fictional)", short: "Act", kind: statute,
     weight: binding, jurisdiction: other, date: 2020-01-01, verification: V}
""",
    "vocabulary.yaml": """
element_kinds: [{id: text, label: {en: Text, zh: 文字}}]
contributions: [{id: human_text, label: {en: text, zh: 文字}}]
material: [{id: ai_material, label: {en: material, zh: 内容}}]
authors: [{id: human_user, label: {en: user, zh: 用户}}, {id: none, label: {en: nobody, zh: 无}}]
settledness: [{id: statute, label: {en: statute, zh: 法律}}]
""",
    "questionnaire.yaml": """
questionnaire: {version: "t"}
questions:
  - {id: a, scope: element, type: yes_no, text: {en: "A?", zh: "甲？"}, help: {en: h, zh: 帮},
     cites: [{authority: act, pinpoint: "§1"}]}
  - {id: d, scope: element, type: yes_no, text: {en: "D?", zh: "丁？"}, help: {en: h, zh: 帮},
     cites: [{authority: act, pinpoint: "§1"}]}
  - {id: b, scope: element, type: yes_no, text: {en: "B?", zh: "乙？"}, help: {en: h, zh: 帮},
     cites: [{authority: act, pinpoint: "§1"}], ask_if: {q: d, eq: yes}}
""",
    "keys.yaml": """
ruleset: {id: keys, name: {en: Keys, zh: 钥匙}, version: "1", law_as_of: 2026-01-01}
findings: []
recommendations: []
rules:
  - id: keys.both
    statement: {en: "Both keys open it.", zh: "两把钥匙。"}
    when: {all: [{q: a, eq: yes}, {q: b, eq: yes}]}
    then: {verdict: protectable, author: human_user}
    settledness: statute
    effective: 2020-01-01
    cites: [{authority: act, pinpoint: "§2"}]
  - id: keys.missing
    statement: {en: "A missing key keeps it shut.", zh: "缺钥匙。"}
    when: {any: [{q: a, eq: no}, {q: b, eq: no}, {q: d, eq: no}]}
    then: {verdict: not_protectable, author: none}
    settledness: statute
    effective: 2020-01-01
    cites: [{authority: act, pinpoint: "§3"}]
""",
}


@pytest.fixture(scope="module")
def two_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("two_keys")
    for name, text in TWO_KEYS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _analyse(law_folder: Path, answers_text: str) -> tuple[Any, dict, dict]:
    law = load_law(law_folder)
    answers = answers_from_text(answers_text, law, "inline.yaml")
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED))
    return evaluator, result, what_if(evaluator, answers, result)


def _changes(analysis: dict, ruleset: str, element: str) -> list[dict]:
    jurisdiction = next(j for j in analysis["jurisdictions"] if j["id"] == ruleset)
    return next(e for e in jurisdiction["elements"] if e["element"] == element)["changes"]


def _yaml_value(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_every_reported_change_gives_the_reported_verdict_when_evaluated_directly() -> None:
    """The search's shortcuts (shared sessions, one run per distinct case) change nothing."""
    law = load_law(PAIR_LAW)
    answers = load_answers(COMIC, law)
    evaluator = Evaluator(law)
    result = joined(evaluator.evaluate(answers, FIXED))
    analysis = what_if(evaluator, answers, result)
    original = yaml.safe_load(COMIC.read_text(encoding="utf-8"))
    checked = 0
    for jurisdiction in analysis["jurisdictions"]:
        for element in jurisdiction["elements"]:
            for change in element["changes"]:
                data = yaml.safe_load(yaml.safe_dump(original))
                target = data["elements"][element["element"]]["answers"]
                for step in change["steps"]:
                    scope = data["work"] if step["element"] is None else target
                    scope[step["question"]] = _yaml_value(step["to"])
                for dropped in change["dropped"]:
                    target.pop(dropped["question"], None)
                for opened in change["opened"]:
                    target.setdefault(opened["question"], "unknown")
                changed = answers_from_text(yaml.safe_dump(data), law, "changed.yaml")
                again = joined(Evaluator(law, [jurisdiction["id"]]).evaluate(changed, FIXED))
                outcome = next(
                    e
                    for e in again["jurisdictions"][0]["elements"]
                    if e["id"] == element["element"]
                )
                assert outcome["verdict"] == change["verdict"] != element["verdict"]
                assert outcome["deciding_rules"] == [d["rule"] for d in change["deciding"]]
                checked += 1
    assert checked >= 8


def test_numbers_move_just_across_the_threshold_a_rule_tests() -> None:
    law = load_law(PAIR_LAW)
    answers = load_answers(COMIC, law)
    evaluator = Evaluator(law)
    analysis = what_if(evaluator, answers, evaluator.evaluate(answers, FIXED))
    prompts = [
        c for c in _changes(analysis, "cn", "images") if c["steps"][0]["question"] == "prompt_count"
    ]
    assert [(c["steps"][0]["from"], c["steps"][0]["to"], c["verdict"]) for c in prompts] == [
        (40.0, 19.0, "not_protectable")
    ]
    for jurisdiction in analysis["jurisdictions"]:
        for element in jurisdiction["elements"]:
            for change in element["changes"]:
                assert all(step["to"] != "unknown" for step in change["steps"])


def test_single_changes_come_first_and_pairs_only_where_no_single_change_decides() -> None:
    law = load_law(PAIR_LAW)
    answers = load_answers(COMIC, law)
    evaluator = Evaluator(law)
    analysis = what_if(evaluator, answers, evaluator.evaluate(answers, FIXED))
    for jurisdiction in analysis["jurisdictions"]:
        for element in jurisdiction["elements"]:
            sizes = [c["size"] for c in element["changes"]]
            assert sizes == sorted(sizes)
            decisive_single = any(
                c["size"] == 1 and c["verdict"] != "undetermined" for c in element["changes"]
            )
            assert element["pairs_searched"] is not decisive_single
            if decisive_single:
                assert 2 not in sizes


def _described(changes: list[dict]) -> list[tuple[tuple[str, Any], ...]]:
    return [tuple((s["question"], s["to"]) for s in c["steps"]) for c in changes]


def test_two_answers_that_only_decide_together_are_found_as_a_pair(two_keys: Path) -> None:
    _, result, analysis = _analyse(
        two_keys,
        """
meta: {schema: 1, title: shut}
elements:
  door: {kind: text, answers: {a: no, d: yes, b: no}}
""",
    )
    assert result["jurisdictions"][0]["elements"][0]["verdict"] == "not_protectable"
    changes = _changes(analysis, "keys", "door")
    assert _described(changes) == [(("a", True), ("b", True))]
    assert changes[0]["verdict"] == "protectable"
    assert [d["rule"] for d in changes[0]["deciding"]] == ["keys.both"]


def test_a_question_a_change_opens_is_answered_by_the_second_change(two_keys: Path) -> None:
    """d -> yes makes b applicable; b cannot be "unknown", so d alone is not a change."""
    _, _, analysis = _analyse(
        two_keys,
        """
meta: {schema: 1, title: half}
elements:
  door: {kind: text, answers: {a: yes, d: no}}
""",
    )
    changes = _changes(analysis, "keys", "door")
    assert _described(changes) == [(("d", True), ("b", True))]
    assert changes[0]["steps"][1]["from"] == "n/a"  # b was not asked before
    assert changes[0]["verdict"] == "protectable"


def test_dropping_answers_that_no_longer_apply_is_reported() -> None:
    _, _, analysis = _analyse(
        PAIR_LAW,
        """
meta: {schema: 1, title: drawings}
work: {ai_named_author: no}
elements:
  images: {kind: image, answers: {ai_used: yes, prompt_count: 3, records_kept: no, edits: none}}
""",
    )
    no_ai = next(
        c for c in _changes(analysis, "us", "images") if c["steps"][0]["question"] == "ai_used"
    )
    assert no_ai["verdict"] == "protectable"
    assert [d["question"] for d in no_ai["dropped"]] == ["prompt_count", "records_kept", "edits"]
