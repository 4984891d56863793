"""A partially protectable verdict whose remainder the law leaves open says so, everywhere.

China's middle ground (detailed prompts and a selection, nothing more) with
content the user made without AI: the user's own expression is protected, and
whether the AI-generated part is a work has no settled authority. The rule says
`excludes: []`; each output names what is protected and says the rest is open,
never that the AI-generated part is to be excluded.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tools import run_cli

MIDDLE_GROUND = """\
meta: {schema: 1, title: "Middle ground with own content"}
work: {ai_named_as_author: no, actor: individual, larger_human_work: no, records_kept: yes,
       process_reproducible: yes, platform_terms: user_owns, labels_applied: explicit_and_implicit,
       us_registration: not_planned, published: yes}
elements:
  image:
    kind: image
    answers: {ai_used: yes, ai_generated_content: yes, ai_autonomous: no, system_configured: no,
              prompts_used: yes, prompt_detail: detailed, prompt_count: 20, prompts_revised: no,
              parameters_set: no, own_input_work: no, region_edits: no, manual_edits: none,
              selected_among_outputs: yes, ai_upscaling: no, human_authored_content: yes,
              ai_amount: more_than_de_minimis}
"""


def test_the_open_rest_is_stated_in_every_output(tmp_path: Path) -> None:
    answers = tmp_path / "middle.yaml"
    answers.write_text(MIDDLE_GROUND, encoding="utf-8")
    explained = run_cli("evaluate", str(answers), "-j", "cn", "--explain")
    assert explained.returncode == 0, explained.stderr
    text = " ".join(explained.stdout.split())
    assert "PARTIALLY PROTECTABLE" in text
    assert "the rest: open (no settled authority either way)" in text
    assert "another line of authority: protectable" in text
    for form, name in (("md", "r.md"), ("html", "r.html")):
        done = run_cli("report", str(answers), "-j", "cn", "-f", form, "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert "The rest: open (no settled authority either way)" in written
        assert "To be excluded" not in written.split("Limitation")[0]
    chinese = run_cli(
        "report", str(answers), "-j", "cn", "-f", "md", "--lang", "zh", "-o", str(tmp_path / "z.md")
    )
    assert chinese.returncode == 0, chinese.stderr
    assert "其余部分：尚无定论" in (tmp_path / "z.md").read_text(encoding="utf-8")
    docx = run_cli("report", str(answers), "-j", "cn", "-f", "docx", "-o", str(tmp_path / "r.docx"))
    assert docx.returncode == 0, docx.stderr
    with zipfile.ZipFile(tmp_path / "r.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "The rest: open (no settled authority either way)" in body
