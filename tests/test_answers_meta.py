"""The matter's details in an answers file's meta: validated as strictly as the answers.

They head an opinion a lawyer files, so a date that is not a date, a name
broken over two lines or a note on a question that does not exist is one
`file:line: what; expected ...` error, never a surprise in the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, run_cli

from copyrightable.answers.answers_file import answers_from_text, answers_to_yaml
from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law

LAW = load_law(FIXTURE_LAW)

BODY = """\
work: {ai_named_author: no}
elements:
  art:
    kind: image
    label: The pictures
    answers: {ai_used: yes, prompt_count: 40, edits: minor, tools: [brush]}
"""

FULL = (
    """\
meta:
  schema: 1
  title: Zarya
  client: Acme Books Ltd
  matter: "M-2026-17"
  answered_by: A. Lawyer
  contributors: [Kristina Kashtanova]
  ai_tools: [Midjourney v5.1, "Stable Diffusion 1.5"]
  created: 2022-09
  published: 2023-02-21
  jurisdictions: [toy]
  answer_notes:
    ai_named_author: "the cover credits Kristina Kashtanova"
    art.prompt_count: "SD 1.5, denoise 0.45, 40 candidates a spread"
"""
    + BODY
)


def meta_with(*lines: str) -> str:
    return "meta:\n  schema: 1\n  title: T\n" + "".join(f"  {line}\n" for line in lines) + BODY


def error_for(text: str) -> str:
    with pytest.raises(InputError) as caught:
        answers_from_text(text, LAW, "a.yaml")
    return caught.value.one_line()


def test_every_detail_is_read_and_saved_back_unchanged() -> None:
    answers = answers_from_text(FULL, LAW, "a.yaml")
    meta = answers.meta
    assert meta["client"] == "Acme Books Ltd" and meta["matter"] == "M-2026-17"
    assert meta["contributors"] == ["Kristina Kashtanova"]
    assert meta["ai_tools"] == ["Midjourney v5.1", "Stable Diffusion 1.5"]
    assert meta["created"] == "2022-09" and meta["published"] == "2023-02-21"
    assert meta["jurisdictions"] == ["toy"]
    assert meta["answer_notes"]["art.prompt_count"].startswith("SD 1.5")
    again = answers_from_text(
        answers_to_yaml(answers.meta, answers.work, answers.elements, LAW), LAW, "b.yaml"
    )
    assert {k: v for k, v in again.meta.items() if k != "tool"} == meta
    assert again.sha256 == answers.sha256  # the details are not the facts: same hash


def test_a_year_alone_or_a_year_and_month_is_a_date() -> None:
    for raw, kept in (("2023", "2023"), ('"2023"', "2023"), ("2023-02", "2023-02")):
        assert answers_from_text(meta_with(f"created: {raw}"), LAW, "a.yaml").meta["created"] == (
            kept
        )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("created: 2022-13", "a.yaml:4: created is text '2022-13'; expected a date as YYYY-MM-DD"),
        ("created: 2023-02-30", "a.yaml:4: invalid date '2023-02-30'"),
        ("published: yesterday", "a.yaml:4: published is text 'yesterday'"),
        ("published: 23", "a.yaml:4: published is number 23"),
        ("client: [Acme]", "a.yaml:4: client is a list; expected text"),
        ('matter: "M-1\\nM-2"', "a.yaml:4: matter contains a line break"),
        ("contributors: Kristina", "a.yaml:4: contributors is text 'Kristina'; expected a list"),
        ('contributors: ["A\\nB"]', "a.yaml:4: contributors entry contains a line break"),
        ("ai_tools: [5]", "a.yaml:4: ai_tools entry is number 5; expected text"),
        ("jurisdictions: [tyo]", "a.yaml:4: unknown jurisdiction 'tyo' (did you mean \"toy\"?)"),
        ("jurisdictions: []", "a.yaml:4: jurisdictions is empty"),
        ("answer_notes: [x]", "a.yaml:4: answer_notes is a list; expected a mapping"),
        (
            "answer_notes: {prompt_cuont: x}",
            "a.yaml:4: note on unknown question 'prompt_cuont' (did you mean \"prompt_count\"?)",
        ),
        (
            "answer_notes: {prompt_count: x}",
            "a.yaml:4: note on element question 'prompt_count' names no element; "
            "expected ELEMENT.prompt_count, e.g. art.prompt_count",
        ),
        ("answer_notes: {arts.edits: x}", "a.yaml:4: note on unknown element 'arts'"),
        ("answer_notes: {art.ai_named_author: x}", "names an element"),
        ("answer_notes: {art.edits: 5}", "a.yaml:4: note on art.edits is number 5; expected text"),
        ("clients: Acme", "a.yaml:4: unknown key 'clients' in 'meta' (did you mean \"client\"?)"),
    ],
)
def test_a_wrong_detail_is_one_line_with_its_place(line: str, message: str) -> None:
    assert message in error_for(meta_with(line))


def test_publication_before_creation_is_refused() -> None:
    found = error_for(meta_with("created: 2023-05", "published: 2022"))
    assert found.startswith("a.yaml:5: published 2022 is before created 2023-05")
    # a partial date is a span: published in 2023 may follow creation in May 2023
    answers_from_text(meta_with("created: 2023-05", "published: 2023"), LAW, "a.yaml")


def test_evaluate_reports_a_wrong_detail_on_one_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(meta_with("created: 2022-13"), encoding="utf-8")
    done = run_cli("evaluate", str(path), "--rules", str(FIXTURE_LAW))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert f"{path}:4: created is text '2022-13'" in done.stderr
