"""A fact no presumption resolves is asked wherever a rule still hangs on it.

The interview skips a question once no answer to it could change a verdict or a
recommendation. A rule can conclude something else a reader of the opinion
sees (a term of protection, a first owner: a `reported` finding); where the
rule set presumes nothing about the question it reads (kind `none`, or no
presumption at all), `presumptions.must_ask` names it, and the interview asks
it instead of leaving the finding open in silence. Where a presumption
resolves an unknown answer, the question stays skippable.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.tools import FIXTURE_LAW

from copyrightable.evaluation import Evaluator
from copyrightable.interview import ELEMENTS, TITLE, Interview, Status, Step, StepKind
from copyrightable.law import load_law
from copyrightable.presumptions import must_ask

QUESTION = """\
  - id: arrangements_by_user
    scope: element
    type: yes_no
    text: {en: "Did the user make the arrangements for the output?", zh: "是否由用户作出必要安排？"}
    help: {en: "h", zh: "帮助"}
    cites: [{authority: toy_statute, pinpoint: "§2"}]
    unknown_allowed: true
    ask_if: {q: ai_used, eq: yes}
"""
RULE = """\
  - id: toy.term
    statement: {en: "Machine-made output has a short term.", zh: "期限较短。"}
    when: {all: [{q: ai_used, eq: yes}, {q: arrangements_by_user, eq: yes}]}
    then: {findings: [short_term]}
    settledness: statute
    effective: 2020-01-01
    cites: [{authority: toy_statute, pinpoint: "§2"}]
"""
PRESUMPTION = """\
presumptions:
  - question: arrangements_by_user
    kind: not_shown
    takes: no
    why: {en: "Arrangements not shown are not assumed.", zh: "未证明的安排不予推定。"}
    cites: [{authority: toy_statute, pinpoint: "§2"}]
"""


def law_with_a_reported_term(tmp_path: Path, presumed: bool) -> Path:
    """law_min plus a question read only by a rule that concludes a reported finding."""
    folder = tmp_path / ("presumed" if presumed else "none")
    shutil.copytree(FIXTURE_LAW, folder)
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(questionnaire.read_text(encoding="utf-8") + QUESTION, "utf-8")
    toy = folder / "toy.yaml"
    text = toy.read_text(encoding="utf-8")
    text = text.replace(
        "findings:\n",
        "findings:\n  - {id: short_term, label: {en: short term, zh: 期限较短}, reported: true}\n",
        1,
    )
    if presumed:
        text = text.replace("rules:\n", PRESUMPTION + "rules:\n", 1)
    toy.write_text(text + RULE, encoding="utf-8")
    return folder


def status_after_prompts(folder: Path) -> tuple[bool, Status | None]:
    law = load_law(folder)
    interview = Interview(law, Evaluator(law).prepared)
    interview.answer(TITLE, "A picture")
    interview.answer(ELEMENTS, ["image"])
    interview.answer(Step(StepKind.LABEL, "image"), "")
    interview.answer(Step(StepKind.QUESTION, None, "ai_named_author"), "no")
    interview.answer(Step(StepKind.QUESTION, "image", "ai_used"), "yes")
    step = Step(StepKind.QUESTION, "image", "arrangements_by_user")
    return must_ask(law, ["toy"], "arrangements_by_user"), interview.plan().status(step)


def test_a_fact_nothing_presumes_is_asked_though_no_verdict_reads_it(tmp_path: Path) -> None:
    named, status = status_after_prompts(law_with_a_reported_term(tmp_path, presumed=False))
    assert named
    assert status is Status.PENDING


def test_a_fact_a_presumption_resolves_is_skipped_where_no_verdict_reads_it(
    tmp_path: Path,
) -> None:
    named, status = status_after_prompts(law_with_a_reported_term(tmp_path, presumed=True))
    assert not named
    assert status is Status.NOT_NEEDED
