"""The Chinese labelling advice states the duties as the 2025 Measures allocate them.

Rule tests check verdicts, not the words of a recommendation, and this
recommendation was once wrong in its words: it told users that all AI content
must carry explicit and implicit labels. Under the Measures the provider adds
the labels (Arts. 4-5) and the user who publishes declares the content and
keeps the labels (Art. 10). Run through the real command line.
"""

from __future__ import annotations

import json
from pathlib import Path

from copyrightable.result.join import joined
from tools import run_cli

ANSWERS = """\
meta: {schema: 1, title: "Unlabelled AI picture"}
work: {ai_named_as_author: no, actor: individual, larger_human_work: no, records_kept: yes,
       process_reproducible: yes, platform_terms: user_owns, labels_applied: none,
       us_registration: not_planned}
elements:
  picture:
    kind: image
    answers: {ai_used: yes, ai_generated_content: yes, ai_autonomous: no, system_configured: no,
              prompts_used: yes, prompt_detail: simple, prompt_count: 1, prompts_revised: no,
              parameters_set: no, own_input_work: no, region_edits: no, manual_edits: none,
              selected_among_outputs: no, ai_upscaling: no, human_authored_content: no,
              ai_amount: more_than_de_minimis}
"""


def _labelling_advice(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    done = run_cli("evaluate", str(path), "-j", "cn", "-f", "json")
    assert done.returncode == 0, done.stderr
    element = joined(json.loads(done.stdout))["jurisdictions"][0]["elements"][0]
    advice = {r["id"]: r["text"] for r in element["recommendations"]}
    assert "cn_labelling" in advice, advice
    return advice["cn_labelling"]


def test_labelling_advice_puts_labels_on_the_provider_and_declaration_on_the_user(
    tmp_path: Path,
) -> None:
    text = _labelling_advice(tmp_path)
    en, zh = text["en"], text["zh"]
    assert "service provider adds implicit labels" in en
    assert "Arts. 4-5" in en and "Art. 10" in en
    assert "must declare it" in en and "must not remove" in en
    assert "must carry explicit" not in en
    assert "服务提供者应在生成内容的文件元数据中添加隐式标识" in zh
    assert "第十条" in zh


def _advice_for(tmp_path: Path, answers: str) -> dict[str, dict[str, str]]:
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")
    done = run_cli("evaluate", str(path), "-j", "cn", "-f", "json")
    assert done.returncode == 0, done.stderr
    element = joined(json.loads(done.stdout))["jurisdictions"][0]["elements"][0]
    return {r["id"]: r["text"] for r in element["recommendations"]}


UNPUBLISHED = ANSWERS.replace("labels_applied: none,", "published: no,")


def test_an_unpublished_work_is_told_what_to_do_on_publication_not_of_a_breach(
    tmp_path: Path,
) -> None:
    advice = _advice_for(tmp_path, UNPUBLISHED)
    assert "cn_labelling" not in advice, advice
    en, zh = (
        advice["cn_labelling_on_publication"]["en"],
        advice["cn_labelling_on_publication"]["zh"],
    )
    assert "not yet published" in en and "When you publish the work" in en
    assert "Arts. 4-5" in en and "Art. 10" in en
    assert "本作品尚未发表" in zh and "发布本作品时" in zh and "第十条" in zh


def test_the_labels_of_an_unpublished_work_are_not_asked(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        ANSWERS.replace("labels_applied: none,", "published: no, labels_applied: none,"),
        encoding="utf-8",
    )
    done = run_cli("evaluate", str(path), "-j", "cn")
    assert done.returncode != 0
    assert "'labels_applied' does not apply" in done.stderr


def test_a_published_work_without_labels_is_still_reminded_of_the_duties(tmp_path: Path) -> None:
    advice = _advice_for(
        tmp_path, ANSWERS.replace("labels_applied: none,", "published: yes, labels_applied: none,")
    )
    assert "cn_labelling" in advice and "cn_labelling_on_publication" not in advice
