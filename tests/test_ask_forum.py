"""`copyrightable ask -j us` in a real terminal: nothing of another forum's law on screen.

A lawyer who asked only about the US must not be asked what only Chinese law
reads, nor be shown, in a question, a choice, its help or its authorities,
what a Chinese court held. The interview is walked under the shipped rules
with the Zarya of the Dawn facts; on every question the help is opened too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.interview_driver import (
    SHIPPED_RULES,
    ZARYA_CASE,
    describe_work_by_kind,
    needs_shipped_zarya,
    open_interview,
    walk_screens,
)
from tests.terminal import ENTER

from copyrightable.law.loading import load_law

pytestmark = [pytest.mark.slow, needs_shipped_zarya]

TITLE = "Zarya of the Dawn"
HELP_SHOWN = "(press ? again to hide the help"


def chinese_authorities(law: object) -> list[str]:
    """What would betray a Chinese authority: its short name, and the words lawyers use."""
    shorts = [
        a.short.split(" (")[0]
        for a in law.authorities.values()  # type: ignore[attr-defined]
        if a.jurisdiction == "cn"
    ]
    return [
        *shorts,
        "Dreamwriter",
        "Li v. Liu",
        "Art. 11",
        "Zhangjiagang",
        "Feilin",
        "China",
        "Chinese",
        "Beijing",
    ]


def test_a_us_interview_shows_no_chinese_authority_anywhere(tmp_path: Path) -> None:
    law = load_law(SHIPPED_RULES)
    answers = yaml.safe_load(ZARYA_CASE.read_text(encoding="utf-8"))["answers"]
    for element in answers["elements"].values():  # the case gives {en, zh}: type the English
        element["label"] = element["label"]["en"]
    elements = {e["label"]: e for e in answers["elements"].values()}
    term = open_interview(tmp_path, "-j", "us", rules=None, answers="z.yaml")
    try:
        describe_work_by_kind(term, law, TITLE, elements)
        asked, screens = walk_screens(term, law, TITLE, answers["work"], elements)
        term.send(ENTER)  # evaluate
        term.expect("Save the evaluation to a file?")
        screens.append(term.screen())
    finally:
        term.close()
    ids = [question for _, question in asked]
    assert "platform_terms" not in ids and "labels_applied" not in ids
    helps = [screen for screen in screens if HELP_SHOWN in screen]
    assert len(ids) >= 10 and len(helps) == len(ids)  # the help opened on every question
    everything = term.plain
    for word in chinese_authorities(law):
        assert word not in everything, word
    assert "United States:" in "\n".join(helps)  # the help is there, for the US
