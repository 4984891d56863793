"""`evaluate --format json` names its words by hash; the words come back from the rules.

The words table (every rule's statement, conditions, citations, notes; the
questions; the authorities) is a function of the rule sets, so the printed
Result leaves it out unless asked (`--with-words`), and `joined` rebuilds it
from the rules, refusing rules whose words are not the ones it was made with.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.tools import REPO, run_cli

from copyrightable.io.errors import InputError
from copyrightable.law.loading import load_law
from copyrightable.result.join import joined

ZARYA = "cases/zarya-of-the-dawn.yaml"
RULES = REPO / "rules"


def _evaluate(*options: str) -> tuple[bytes, dict]:
    done = run_cli("evaluate", ZARYA, "-f", "json", "--timestamp", "T", *options)
    assert done.returncode == 0, done.stderr
    return done.stdout.encode("utf-8"), json.loads(done.stdout)


def test_the_default_result_is_small_and_joins_as_the_embedded_one() -> None:
    text, result = _evaluate()
    assert "words" not in result and len(text) <= 50_000, len(text)
    embedded_text, embedded = _evaluate("--with-words")
    assert len(embedded_text) > 5 * len(text)  # the words are most of a Result
    assert set(embedded) - set(result) == {"words"}
    view, embedded_view = joined(result), joined(embedded)
    del view["command"], embedded_view["command"]  # the command lines differ by the option
    assert view == embedded_view
    step = view["jurisdictions"][0]["elements"][0]["trace"][0]
    assert step["statement"]["en"] and step["cites"]


def test_other_rules_are_refused_in_one_line(tmp_path: Path) -> None:
    _, result = _evaluate("-j", "us")
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    us = rules / "us.yaml"  # another version of the rule set: its sha256 is in the words
    us.write_text(us.read_text(encoding="utf-8") + "# amended\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        joined(result, law=load_law(rules))
    message = raised.value.one_line()
    assert "\n" not in message and "are not those of the rules loaded" in message
    assert result["words_sha256"][:12] in message
    assert "--with-words" in message


def test_a_result_of_other_rule_sets_is_refused(tmp_path: Path) -> None:
    _, result = _evaluate("-j", "us")
    result["jurisdictions"][0]["id"] = "zz"
    with pytest.raises(InputError, match=r"no rule set zz"):
        joined(result)
