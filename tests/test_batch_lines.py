"""A batch line is exactly the bytes json.dumps writes, whichever encoder wrote it.

records.py writes lines with orjson and falls back to json.dumps where the two
would differ; these tests hold it to the json.dumps bytes on real Results and
on the values where the two encoders part.
"""

from __future__ import annotations

import json
import random
import re
import struct
from pathlib import Path
from typing import Any

import orjson
import pytest

from copyrightable.answers.answers_file import answers_from_data
from copyrightable.batch.records import (
    _may_hold_a_tiny_number,
    error_line,
    located,
    result_line,
)
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.io.errors import Location
from copyrightable.law.loading import load_law
from random_answers import variants

FIXTURE_LAW = Path(__file__).parent / "fixtures" / "law_min"
STAMP = "2026-01-01T00:00:00Z"


def json_dumps_line(document: dict[str, Any]) -> bytes:
    """The line as the batch command wrote it before orjson: the reference bytes."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(document, separators=(",", ":")).encode("ascii") + b"\n"


def test_result_lines_of_seeded_variants_are_the_json_dumps_bytes() -> None:
    law = load_law(FIXTURE_LAW)
    evaluator = Evaluator(law)
    for number, document in enumerate(variants(law, 60, seed=7)):
        where = Location(f"variant {number}")
        answers = answers_from_data(located(document, where), law, where.file)
        result = evaluator.evaluate(answers, STAMP, "cmd", with_words=False)
        assert result_line(f"r{number}", result) == json_dumps_line(
            {"id": f"r{number}", "result": result}
        )


def _floats() -> list[float]:
    chooser = random.Random(20261202)
    found = [0.0, -0.0, 1e-4, -1e-4, 9.999e-5, 1e-5, 5e-324, 1e15, 1e16, 1e22, 1.5e300]
    for exponent in range(-320, 308, 3):
        found.append(chooser.uniform(1, 10) * 10.0**exponent)
    for _ in range(3000):  # any bit pattern that is a finite number
        value = struct.unpack("d", struct.pack("Q", chooser.getrandbits(64)))[0]
        if value == value and abs(value) != float("inf"):
            found.append(value)
    found += [step / 100 for step in range(-300, 300)]  # the candidate values' steps
    return found


@pytest.mark.parametrize(
    "value",
    [
        _floats(),
        {"tiny": 1e-05, "text": "1e-5 and 0.00001 as text"},
        "".join(chr(code) for code in range(0x100)) + "\u2028\u2029\ufeff\uffff😀",
        "\ud800 a lone surrogate",
        {"1": "text key", "k": [2**63, 2**64, -(2**63) - 1, 10**30]},
        [True, False, None, "", [], {}],
    ],
    ids=["floats", "tiny-numbers", "characters", "surrogate", "big-integers", "constants"],
)
def test_lines_of_values_where_orjson_and_json_part_are_the_json_dumps_bytes(
    value: Any,
) -> None:
    assert error_line("x", value) == json_dumps_line({"id": "x", "error": value})  # type: ignore[arg-type]
    assert result_line("x", {"value": value}) == json_dumps_line(
        {"id": "x", "result": {"value": value}}
    )


def test_the_encoders_do_part_on_tiny_numbers_so_the_tests_above_mean_something() -> None:
    assert orjson.dumps(1e-05) != json.dumps(1e-05).encode()
    assert orjson.dumps(3.5e-09) != json.dumps(3.5e-09).encode()


def test_a_key_that_is_not_text_is_written_as_json_dumps_writes_it() -> None:
    document: dict[Any, Any] = {1: "one", 2.5: "two and a half", None: "none"}
    assert result_line("x", document) == json_dumps_line({"id": "x", "result": document})


def test_the_search_for_tiny_numbers_finds_a_digit_before_e_minus_or_four_zeros_anywhere() -> None:
    """The byte searches answer as the plain regular expression would, on lines with
    none, a few and many `-` (past those it looks at one by one), wherever they are."""
    reference = re.compile(rb"[0-9]e-|0\.0000")
    chooser = random.Random(20261203)
    for _ in range(4000):
        length = chooser.choice((3, 12, 80, 400))
        body = bytes(chooser.choice(b"e-e-1x.0 -") for _ in range(length))
        for line in (body, b'{"id":' + body + b"}\n", b"-" * chooser.randrange(60) + body):
            assert _may_hold_a_tiny_number(line) == bool(reference.search(line)), line
