"""Promises kept under attack: spoofed terminal lines, free-form metadata, `-o` targets.

Each test reproduces an attack that once broke a promise of README.md,
docs/robustness.md or docs/batch.md, through the real command in a child
process. docs/robustness.md lists which test keeps which promise.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, REPO, run_cli

STAMP = "2026-01-01T00:00:00Z"
COMIC = """\
meta:
  schema: 1
  title: "Dawn of the Machines: a comic"
  answered_by: "A. Editor"
  answered_at: "2026-02-03T09:30:00Z"
work:
  ai_named_author: no
elements:
  images:
    kind: image
    label: "The drawings"
    answers: {ai_used: yes, prompt_count: 3, edits: none}
"""


def evaluate(path: Path, *extra: str) -> tuple[int, str, str]:
    done = run_cli(
        "evaluate", str(path), "--rules", str(FIXTURE_LAW), "--timestamp", STAMP, *extra, timeout=30
    )
    return done.returncode, done.stdout, done.stderr


def answers(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_line(code: int, stderr: str, words: str, exit_code: int = 2) -> None:
    assert code == exit_code, stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert words in stderr, stderr


# ------------------------------------------------------------------ spoofing the terminal


@pytest.mark.parametrize("breaker", ["\\n", "\\r", "\\x85", "\\u2028", "\\u2029"])
def test_a_line_break_in_a_label_or_title_is_refused_so_no_verdict_line_can_be_forged(
    tmp_path: Path, breaker: str
) -> None:
    forged = f"The drawings: PROTECTABLE{breaker}    Reasoning: (forged)"
    for field, old in [("label", '"The drawings"'), ("title", '"Dawn of the Machines: a comic"')]:
        path = answers(tmp_path, COMIC.replace(old, f'"{forged}"', 1))
        code, stdout, stderr = evaluate(path)
        assert_one_line(code, stderr, f"{field} contains ")  # a line break or a C1 control
        assert "line break" in stderr or breaker == "\\x85"
        assert "PROTECTABLE" not in stdout


def test_a_line_break_in_a_jsonl_label_is_refused_as_in_yaml(tmp_path: Path) -> None:
    import json

    import yaml

    document = yaml.safe_load(COMIC)
    document["elements"]["images"]["label"] = "x\rPROTECTABLE"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(document, default=str) + "\n")
    done = run_cli(
        "evaluate",
        "--batch",
        str(source),
        "-o",
        str(tmp_path / "out.jsonl"),
        "--rules",
        str(FIXTURE_LAW),
        timeout=30,
    )
    assert done.returncode == 2
    error = json.loads((tmp_path / "out.jsonl").read_text())["error"]
    assert "label contains a line break (U+000D)" in error


def test_a_carriage_return_from_a_case_file_is_shown_not_obeyed(tmp_path: Path) -> None:
    from copyrightable.render.templates import terminal_text, visible_breaks

    assert visible_breaks("Zarya\rFAKE\n") == "Zarya\\rFAKE\\n"
    assert terminal_text("a\r\nb\rc\u2028d") == "a\r\nb\\rc\\u2028d"
    case = (REPO / "cases" / "zarya-of-the-dawn.yaml").read_text(encoding="utf-8")
    needle = "Zarya of the Dawn"
    assert needle in case
    path = tmp_path / "zarya-of-the-dawn.yaml"
    path.write_text(
        case.replace(needle, "Zarya of the Dawn\\u2028FAKE", 1).replace(
            '"Zarya of the Dawn\\u2028FAKE', '"Zarya of the Dawn\\u2028FAKE'
        ),
        encoding="utf-8",
    )
    done = run_cli("cases", "show", str(path), timeout=30)
    assert "\r" not in done.stdout and "\u2028" not in done.stdout and "\x85" not in done.stdout


# ------------------------------------------------------------------ metadata


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("answered_at: 5", "answered_at is number 5; expected a date or a date and time"),
        ("answered_at: yesterday", "answered_at is text 'yesterday'; expected a date"),
        ("answered_at: 2026-02-30", "invalid date"),
        ("answered_by: [a]", "answered_by is a list; expected text"),
        ("tool: 1", "tool is number 1; expected text"),
        ('answered_by: "A\\nB"', "answered_by contains a line break (U+000A)"),
    ],
)
def test_free_form_metadata_is_validated(tmp_path: Path, line: str, words: str) -> None:
    key = line.split(":")[0]
    kept = [row for row in COMIC.splitlines() if not row.strip().startswith(f"{key}:")]
    path = answers(tmp_path, "\n".join([kept[0], f"  {line}", *kept[1:]]) + "\n")
    code, _, stderr = evaluate(path)
    assert_one_line(code, stderr, words)


@pytest.mark.parametrize(
    "moment", ["2026-02-03", "2026-02-03T09:30:00Z", "'2026-02-03 09:30:00+08:00'", "'2026-02-03'"]
)
def test_dates_and_times_are_accepted_as_answered_at(tmp_path: Path, moment: str) -> None:
    path = answers(tmp_path, COMIC.replace('"2026-02-03T09:30:00Z"', moment))
    code, _, stderr = evaluate(path, "-f", "json")
    assert code == 0, stderr


def test_a_rule_set_version_must_be_text(tmp_path: Path) -> None:
    import shutil

    law = tmp_path / "law"
    shutil.copytree(FIXTURE_LAW, law)
    toy = (law / "toy.yaml").read_text(encoding="utf-8")
    lines = toy.splitlines()
    at = next(i for i, row in enumerate(lines) if row.strip().startswith("version:"))
    lines[at] = lines[at].split("version:")[0] + "version: 5"
    (law / "toy.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("rules", "check", "--rules", str(law), timeout=30)
    assert_one_line(
        done.returncode,
        done.stderr,
        f"toy.yaml:{at + 1}: version is number 5; expected text in quotes",
    )


# ------------------------------------------------------------------ Markdown header


def test_a_pipe_in_the_file_name_keeps_the_markdown_header_table_whole(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    path = answers(tmp_path, COMIC, name="fn_a|b`c.yaml")
    done = run_cli(
        "report",
        str(path),
        "-f",
        "md",
        "--rules",
        str(FIXTURE_LAW),
        "--timestamp",
        STAMP,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    html = MarkdownIt("commonmark").enable("table").render(done.stdout)
    row = next(r for r in html.split("<tr>") if "fn_a" in r)
    assert row.count("<td>") == 2, row  # the label and the file name: one row, two cells
    assert "fn_a|b'c.yaml" in row


# ------------------------------------------------------------------ -o targets


def write(command: str, target: Path, tmp_path: Path) -> tuple[int, str]:
    path = answers(tmp_path, COMIC, name="comic.yaml")
    extra = ["-f", "md"] if command == "report" else []
    done = run_cli(
        command,
        str(path),
        *extra,
        "-o",
        str(target),
        "--rules",
        str(FIXTURE_LAW),
        "--timestamp",
        STAMP,
        timeout=30,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_a_fifo_as_output_is_written_through_when_read_and_refused_when_not(
    tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    code, stderr = write(command, fifo, tmp_path)  # nothing reads it: refused, not a hang
    assert_one_line(code, stderr, "a FIFO that nothing reads")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, stderr = write(command, fifo, tmp_path)
    reader.join(timeout=30)
    assert code == 0, stderr
    assert b"Dawn of the Machines" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_a_device_as_output_is_written_through_never_replaced(tmp_path: Path, command: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "mynull"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    code, stderr = write(command, null, tmp_path)
    assert code == 0, stderr
    assert stat.S_ISCHR(null.lstat().st_mode)  # still the device
    full = tmp_path / "myfull"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    code, stderr = write(command, full, tmp_path)
    assert_one_line(code, stderr, "No space left on device", exit_code=4)
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_dev_null_and_stdout_work_as_output_for_anyone(tmp_path: Path) -> None:
    code, stderr = write("report", Path("/dev/null"), tmp_path)
    assert code == 0, stderr
    path = answers(tmp_path, COMIC, name="comic.yaml")
    done = run_cli(
        "evaluate", str(path), "-o", "/dev/stdout", "--rules", str(FIXTURE_LAW), timeout=30
    )
    assert done.returncode == 0 and "Dawn of the Machines" in done.stdout


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_links_are_followed_and_links_to_nothing_and_folders_refused(
    tmp_path: Path, command: str
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, stderr = write(command, link, tmp_path)
    assert code == 0, stderr
    assert link.is_symlink() and "Dawn of the Machines" in real.read_text()
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "elsewhere.txt")
    code, stderr = write(command, dangling, tmp_path)
    assert_one_line(code, stderr, "a symbolic link to nothing")
    assert not (tmp_path / "elsewhere.txt").exists()
    code, stderr = write(command, tmp_path, tmp_path)
    assert_one_line(code, stderr, "a folder, not a file to write")


def test_evaluate_o_where_nothing_can_be_written_is_one_line_not_an_internal_error(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    code, stderr = write("evaluate", blocker / "x.txt", tmp_path)
    assert_one_line(code, stderr, "cannot write the evaluation (Not a directory)")
