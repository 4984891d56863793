"""Questions that fit the element: a text is asked about text, an image about images.

Walked in a real terminal under the shipped rules, with every help opened: a
text drafted with an LLM is never asked about LoRA weights, seeds, region
editing or upscaling, and is asked about revising passages and the share
written by hand; an image is never asked a text-only question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.interview_driver import describe_work_by_kind, open_interview, walk_screens
from tests.tools import REPO

from copyrightable.law.loading import load_law

RULES = REPO / "rules"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (RULES / "us.yaml").exists(), reason="the shipped rules are not in this checkout"
    ),
]

DRAFTED = {
    "ai_used": "yes",
    "ai_generated_content": "yes",
    "ai_autonomous": "no",
    "system_configured": "no",
    "prompts_used": "yes",
    "prompt_detail": "detailed",
    "prompt_count": 12,
    "prompts_revised": "yes",
    "parameters_set": "yes",
    "own_input_work": "yes",
    "input_perceptible": "yes",
    "manual_edits": "substantial",
    "selected_among_outputs": "yes",
    "human_authored_content": "yes",
    "ai_amount": "more_than_de_minimis",
    "element_is_prompt": "no",
    "region_edits": "yes",
    "region_edits_control": "yes",
    "ai_upscaling": "yes",
}
IMAGE_WORDS = [
    "LoRA",
    "seed",
    "inpainting",
    "Vary Region",
    "upscal",
    "Gigapixel",
    "Photoshop",
    "checkpoint",
    "guidance scale",
    "image size",
    "composition, lighting",
]
TEXT_ONLY = ["element_is_prompt", "prompt_text_creative"]


def interview(tmp_path: Path, title: str, elements: dict) -> tuple[list, list[str]]:
    law = load_law(RULES)
    term = open_interview(tmp_path, "-j", "us", "-j", "cn", rules=None)
    try:
        describe_work_by_kind(term, law, title, elements)
        return walk_screens(term, law, title, {}, elements)
    finally:
        term.close()


def test_a_text_drafted_with_an_llm_gets_no_image_question(tmp_path: Path) -> None:
    asked, screens = interview(
        tmp_path, "The Essay", {"the essay": {"kind": "text", "answers": DRAFTED}}
    )
    ids = [question for _, question in asked]
    assert "manual_edits" in ids and "parameters_set" in ids and "ai_amount" in ids
    for never in ("region_edits", "region_edits_control", "ai_upscaling"):
        assert never not in ids
    questions = "\n".join(
        screen.split("The Essay › the essay")[-1]
        for screen in screens
        if "The Essay › the essay" in screen
    )  # the element's own screens
    for word in IMAGE_WORDS:
        assert word not in questions, word
    flat = " ".join(questions.split())
    assert "revise the AI-generated text yourself" in flat
    assert "rewrote passages" in flat
    assert "text you wrote yourself without AI" in flat
    assert "rather than written by hand" in flat


def test_an_image_gets_no_text_question(tmp_path: Path) -> None:
    asked, screens = interview(
        tmp_path, "The Picture", {"the picture": {"kind": "image", "answers": DRAFTED}}
    )
    ids = [question for _, question in asked]
    assert "region_edits" in ids and "ai_upscaling" in ids and "parameters_set" in ids
    for never in TEXT_ONLY:
        assert never not in ids
    flat = " ".join("\n".join(screens).split())
    for text_wording in (
        "revise the AI-generated text yourself",
        "rewrote passages",
        "text you wrote yourself without AI",
        "words that appear in",
    ):
        assert text_wording not in flat
    assert "LoRA" in flat
