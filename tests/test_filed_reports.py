"""A report is filed with a client's papers: it names no path of the author's machine.

Every case of the library is rendered as a Markdown report, in English and in
Chinese, from an absolute path in another folder, and the text is searched for
that path, for the folder it was run from, and for references to the project's
own working material, which mean nothing to the reader of a filed opinion.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

CASES = sorted(p for p in (REPO / "cases").glob("*.yaml"))
INTERNAL = re.compile(r"\bthe (research )?brief\b|\(brief[,)]|divergence C\d|shared/legal")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_report_of_the_case_library_names_a_local_path_or_an_internal_note(
    tmp_path: Path, lang: str
) -> None:
    for case in CASES:
        target = tmp_path / f"{case.stem}.{lang}.md"
        done = run_cli(
            "report",
            str(case.resolve()),
            "-f",
            "md",
            "--lang",
            lang,
            "-o",
            str(target),
            cwd=tmp_path,
        )
        assert done.returncode == 0, (case.name, done.stderr)
        text = target.read_text()
        for local in (str(REPO), str(tmp_path), str(case.resolve())):
            assert local not in text, (case.name, lang, local)
        assert f"`{case.name}`" in text  # the answers file, by its name
        found = INTERNAL.search(text)
        assert found is None, (case.name, lang, text[max(0, found.start() - 80) : found.end() + 80])
