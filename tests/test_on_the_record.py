"""Verdicts on the record: the assumption lists' predictions hold on every case file,
and where nothing is unknown the record and the strict verdicts agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copyrightable.cases.library import load_cases
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.loading import load_law
from copyrightable.law.model import UNKNOWN, PresumptionKind
from copyrightable.law.presumptions import must_ask
from copyrightable.result.join import joined
from copyrightable.testing.record_check import record_disagreements

ROOT = Path(__file__).resolve().parent.parent
LAW = load_law()
CASES = [case for case in load_cases(ROOT / "cases", LAW) if case.answers is not None]
EVALUATORS = {rid: Evaluator(LAW, [rid]) for rid in LAW.rulesets}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_case_file_on_the_record(case) -> None:
    """One fact flipped or made unknown gives the verdict the assumption list predicts."""
    failures = []
    for evaluator in EVALUATORS.values():
        result = joined(evaluator.evaluate(case.answers, generated_at="fixed"))
        failures += record_disagreements(evaluator, case.answers, result)
    assert failures == []


def test_the_library_keeps_its_unknowns_and_rarely_stays_open() -> None:
    unknown = sum(
        1
        for case in CASES
        for value in [
            *case.answers.work.values(),
            *(v for e in case.answers.elements for v in e.answers.values()),
        ]
        if value == UNKNOWN
    )
    assert unknown >= 243  # facts the sources do not state; never filled in with guesses
    verdicts = open_ = 0
    for case in CASES:
        for evaluator in EVALUATORS.values():
            result = joined(evaluator.evaluate(case.answers, generated_at="fixed"))
            for element in result["jurisdictions"][0]["elements"]:
                verdicts += 1
                open_ += element["verdict"] == "undetermined"
    assert open_ * 10 <= verdicts


def test_li_v_liu_with_records_unknown_is_protectable_if_the_process_can_be_proved() -> None:
    case = next(c for c in CASES if c.id == "li-v-liu")
    result = joined(EVALUATORS["cn"].evaluate(case.answers, generated_at="fixed"))
    element = result["jurisdictions"][0]["elements"][0]
    assert element["verdict"] == "protectable"
    records = next(a for a in element["assumptions"] if a["question"] == "records_kept")
    assert records["kind"] == "provable" and records["value"] is True
    # if proof fails (no records, and then reproduction is not assumed either)
    assert {o["verdict"] for o in records["otherwise"]} == {"not_protectable"}
    assert element["recommendations"][0]["id"] == "cn_keep_records"


def test_records_said_missing_is_not_made_up_by_other_proof() -> None:
    case = next(c for c in CASES if c.id == "zhangjiagang-butterfly-chair")
    data_work = dict(case.answers.work)
    assert data_work["records_kept"] is False
    result = joined(EVALUATORS["cn"].evaluate(case.answers, generated_at="fixed"))
    assert result["jurisdictions"][0]["elements"][0]["verdict"] == "not_protectable"


def test_the_interview_must_ask_what_no_presumption_resolves() -> None:
    assert must_ask(LAW, ["us"], "actor")
    assert not must_ask(LAW, ["us"], "manual_edits")
    kinds = {p.rule.kind for rs in LAW.rulesets.values() for p in rs.presumptions}
    assert {PresumptionKind.NOT_SHOWN, PresumptionKind.PROVABLE, PresumptionKind.NONE} <= kinds


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_with_every_answer_known_the_record_and_strict_verdicts_agree(data) -> None:
    """Presumptions only ever fill unknowns: a fully stated record is judged strictly."""
    from copyrightable.testing.record_check import stated_as

    case = data.draw(st.sampled_from(CASES))
    answers = case.answers
    element = answers.elements[0]
    questions = LAW.questions()
    for question_id, value in [*answers.work.items(), *element.answers.items()]:
        if value != UNKNOWN:
            continue
        question = questions[question_id]
        choices = {
            "yes_no": [True, False],
            "single": question.choice_ids(),
            "number": [1.0, 30.0],
        }.get(question.type.value)
        if not choices:
            continue
        scope = question.scope
        changed = stated_as(
            LAW, answers, element.id, question_id, scope, data.draw(st.sampled_from(choices))
        )
        if changed is not None:
            answers = changed
            element = answers.elements[0]
    if any(v == UNKNOWN for v in [*answers.work.values(), *element.answers.values()]):
        return  # a dependent question opened unknown: not a fully known record
    for evaluator in EVALUATORS.values():
        for j in joined(evaluator.evaluate(answers, generated_at="fixed"))["jurisdictions"]:
            for e in j["elements"]:
                assert e["assumptions"] == [] or all(
                    a["question"] not in {**answers.work, **element.answers}
                    for a in e["assumptions"]
                )
                if not e["assumptions"]:
                    assert e["verdict"] == e["strict"]["verdict"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    image.ai_amount]\n", "    ]\n"), "names no source in 'answer_sources'"),
        (("image.ai_amount]", "image.ai_amount, image.manual_edits]"), "which is answered unknown"),
        (
            (
                '"[2]": [image.prompt_detail, image.ai_amount]',
                '"[2]": [image.prompt_detail, image.ai_amount]\n'
                "  reading: [image.selected_among_outputs]",
            ),
            "takes 'unknown'",
        ),
        (('"[2]":', '"[9]":'), "unknown key '[9]'"),
    ],
)
def test_answer_sources_are_checked_both_ways(change, expected, tmp_path: Path) -> None:
    from copyrightable.cases.library import load_case
    from copyrightable.io.errors import InputError

    text = (ROOT / "cases" / "li-v-liu.yaml").read_text(encoding="utf-8")
    old, new = change
    if old == "    image.ai_amount]\n":  # drop the only source of ai_amount
        text = text.replace(
            '"[2]": [image.prompt_detail, image.ai_amount]', '"[2]": [image.prompt_detail]'
        )
    else:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "li-v-liu.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_case(path, LAW)
    assert expected in str(raised.value.message) + str(raised.value.expected)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=10**6))
def test_random_answers_fully_known_are_judged_the_same_on_the_record(seed: int) -> None:
    """Over random valid answers: an element whose rules read no unknown answer has no
    assumption, and its verdict on the record is its strict verdict."""
    from copyrightable.answers.answers_file import answers_from_data
    from copyrightable.batch.records import located
    from copyrightable.io.errors import Location
    from copyrightable.reasoning.ruleset_evaluation import element_values
    from random_answers import variants

    for index, document in enumerate(variants(LAW, 3, seed=seed)):
        answers = answers_from_data(located(document, Location(f"v{index}")), LAW, f"v{index}")
        values = element_values(LAW, answers)
        for evaluator in EVALUATORS.values():
            prepared = evaluator.prepared[0]
            result = joined(evaluator.evaluate(answers, generated_at="fixed"))
            for element in result["jurisdictions"][0]["elements"]:
                read = prepared.questions_read
                if any(values[element["id"]].get(q) == UNKNOWN for q in read):
                    continue
                assert element["assumptions"] == []
                assert element["verdict"] == element["strict"]["verdict"]


def test_an_undetermined_work_is_never_graded_by_its_decided_elements() -> None:
    from copyrightable.law.model import Verdict
    from copyrightable.reasoning.decision import settledness_of

    open_and_statute = [(Verdict.UNDETERMINED, None), (Verdict.PROTECTABLE, "statute")]
    assert settledness_of(Verdict.UNDETERMINED, open_and_statute) is None
    case_by_case = [(Verdict.UNDETERMINED, "official_guidance"), (Verdict.PROTECTABLE, "statute")]
    assert settledness_of(Verdict.UNDETERMINED, case_by_case) == "official_guidance"
    decided = [(Verdict.NOT_PROTECTABLE, "pending"), (Verdict.PROTECTABLE, "statute")]
    assert settledness_of(Verdict.PARTIALLY_PROTECTABLE, decided) == "pending"
