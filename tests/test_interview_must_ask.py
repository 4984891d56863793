"""A fact no presumption resolves is asked wherever a rule still hangs on it.

The interview skips a question once no answer to it could change what a
reader of the result sees: a verdict, an author, protected or excluded
material, advice, or a finding the opinion states for its own sake (a term of
protection: `reported`). Where the rule set presumes nothing about a question
(kind `none`, or no presumption at all), `presumptions.must_ask` names it, and
the interview asks it wherever any rule still hangs on it, even one whose
finding nothing shown reads. Where a presumption resolves an unknown answer,
such a question stays skippable.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.interview_steps import q, started
from tests.tools import FIXTURE_LAW

from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.interview.next_question import Status
from copyrightable.law.loading import load_law
from copyrightable.law.presumptions import must_ask

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


def law_with_a_reported_term(tmp_path: Path, presumed: bool, reported: bool = False) -> Path:
    """law_min plus a question read only by a rule that concludes a finding no verdict
    reads (`reported`: one the opinion states for its own sake, a term, say)."""
    folder = tmp_path / f"{'presumed' if presumed else 'none'}-{reported}"
    shutil.copytree(FIXTURE_LAW, folder)
    questionnaire = folder / "questionnaire.yaml"
    questionnaire.write_text(questionnaire.read_text(encoding="utf-8") + QUESTION, "utf-8")
    toy = folder / "toy.yaml"
    text = toy.read_text(encoding="utf-8")
    text = text.replace(
        "findings:\n",
        "findings:\n  - {id: short_term, label: {en: short term, zh: 期限较短}"
        + (", reported: true" if reported else "")
        + "}\n",
        1,
    )
    if presumed:
        text = text.replace("rules:\n", PRESUMPTION + "rules:\n", 1)
    toy.write_text(text + RULE, encoding="utf-8")
    return folder


def status_after_prompts(folder: Path) -> tuple[bool, Status | None]:
    law = load_law(folder)
    interview = started(law, Evaluator(law), "image", title="A picture")
    interview.answer(q(None, "ai_named_author"), "no")
    interview.answer(q("image", "ai_used"), "yes")
    step = q("image", "arrangements_by_user")
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


def test_a_reported_finding_is_seen_by_the_reader_so_its_question_is_asked(
    tmp_path: Path,
) -> None:
    """Presumed or not, a term the opinion states hangs on the answer: it is asked."""
    named, status = status_after_prompts(
        law_with_a_reported_term(tmp_path, presumed=True, reported=True)
    )
    assert not named
    assert status is Status.PENDING
