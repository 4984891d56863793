"""`copyrightable evaluate --batch`: order, per-record errors, cores, interrupts, --resume.

Everything runs through the real command in a child process, on the fixture law.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.tools import FIXTURE_LAW, REPO, run_cli

from copyrightable.law.loading import load_law
from random_answers import variants

LAW = load_law(FIXTURE_LAW)
STAMP = "2026-01-01T00:00:00Z"


def batch_args(source: Path, output: Path, *extra: str) -> list[str]:
    """The batch command line every test runs: the fixture law, a fixed timestamp."""
    command = ["evaluate", "--batch", str(source), "-o", str(output)]
    return [*command, "--rules", str(FIXTURE_LAW), "--timestamp", STAMP, *extra]


def batch(
    source: Path, output: Path, *extra: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return run_cli(*batch_args(source, output, *extra), timeout=timeout)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def skims(path: Path) -> list[tuple[str, str | None]]:
    """(id, error or None) per line, parsed one line at a time.

    Thousands of whole Results held at once grow this process by hundreds of
    MB, and every later child forked from it reports that as its own peak
    resident memory (Linux carries it over exec), which the hostile-input
    tests bound.
    """
    found = []
    with path.open(encoding="utf-8") as stream:
        for raw in stream:
            record = json.loads(raw)
            found.append((record["id"], record.get("error")))
    return found


def same_results(first: Path, second: Path) -> bool:
    """Whether two results files hold the same records, apart from `command`, line by line."""
    with first.open(encoding="utf-8") as one, second.open(encoding="utf-8") as two:
        for a, b in itertools.zip_longest(one, two):
            if a is None or b is None:
                return False
            if without_command([json.loads(a)]) != without_command([json.loads(b)]):
                return False
    return True


def without_command(records: list[dict]) -> list[dict]:
    """Results differ only in the command that made them (the output name, --jobs)."""
    for record in records:
        if "result" in record:
            record["result"]["command"] = None
    return records


def write_jsonl(path: Path, count: int, seed: int = 3) -> list[dict]:
    documents = list(variants(LAW, count, seed=seed))
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8"
    )
    return documents


GOOD = (
    "meta: {schema: 1, title: t}\nwork: {ai_named_author: no}\nelements:\n"
    "  art: {kind: image, answers: {ai_used: yes, prompt_count: 3, edits: none}}\n"
)


def test_a_folder_is_evaluated_in_file_name_order_with_one_line_per_record(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.yaml").write_text(GOOD)
    (folder / "a.yml").write_text(GOOD.replace("prompt_count: 3", "prompt_count: 30"))
    (folder / "c.yaml").write_text("meta: {schema: 1, title: t}\nelements: {}\n")
    (folder / "notes.txt").write_text("not an answers file")
    (folder / ".hidden.yaml").write_text("ignored")
    done = batch(folder, tmp_path / "out.jsonl")
    assert done.returncode == 2  # one record was bad input
    assert done.stderr == (
        f"copyrightable: 3 records: 2 results, 1 error in {tmp_path / 'out.jsonl'}\n"
    )
    records = lines(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["a.yml", "b.yaml", "c.yaml"]
    assert records[2] == {
        "id": "c.yaml",
        "error": f"{folder / 'c.yaml'}:2: 'elements' is "
        "empty; expected at least one element of the work (e.g. text, images)",
    }
    single = run_cli(
        "evaluate",
        str(folder / "b.yaml"),
        "--rules",
        str(FIXTURE_LAW),
        "--format",
        "json",
        "--with-words",
        "--timestamp",
        STAMP,
    )
    alone = without_command([{"result": json.loads(single.stdout)}])[0]["result"]
    words = json.loads((tmp_path / "out.jsonl.words.json").read_text(encoding="utf-8"))
    assert words == {"words_sha256": alone["words_sha256"], "words": alone.pop("words")}
    assert without_command([records[1]])[0]["result"] == alone  # its words stated once, beside


def test_jsonl_ids_come_from_the_id_field_or_the_line_and_bad_lines_are_reported(
    tmp_path: Path,
) -> None:
    good = json.loads(json.dumps(next(variants(LAW, 1, seed=1))))
    rows = [
        json.dumps({"id": "first", **good}),
        "",  # blank lines are skipped, but still counted for line numbers
        json.dumps(good),
        "{not json",
        "[1, 2]",
        json.dumps({"id": True, **good}),
        json.dumps({"id": "first", **good}),
        json.dumps({**good, "meta": {"schema": 1}}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(("\n".join(rows) + "\n").encode() + b"\xc3\x28\n" + b'{"a": "\x00"}\n')
    done = batch(source, tmp_path / "out.jsonl")
    assert done.returncode == 2
    records = lines(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["first", "3", "4", "5", "6", "first", "8", "9", "10"]
    assert "result" in records[0] and "result" in records[1]
    errors = {r["id"] + ":" + r["error"] for r in records[2:]}
    assert errors == {
        f"4:{source}:4: not valid JSON: Expecting property name enclosed in double quotes "
        "(column 2); expected one JSON object per line",
        f"5:{source}:5: the line holds a JSON list; expected a JSON object: an answers "
        "document (meta, work, elements)",
        f"6:{source}:6: 'id' is true/false; expected text or a whole number",
        f"first:{source}:7: id 'first' is used again (first at line 1); expected a distinct "
        "id per record",
        f"8:{source}:8: 'meta' lacks 'title'; expected a key 'title'",
        f"9:{source}:9: file is not valid UTF-8 (byte 0xc3); expected UTF-8 text",
        f"10:{source}:10: file contains a NUL byte (is it a binary file?); expected UTF-8 text",
    }


def test_two_workers_write_what_one_writes_in_the_same_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 400)
    one = batch(source, tmp_path / "one.jsonl", "--jobs", "1")
    two = batch(source, tmp_path / "two.jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert without_command(lines(tmp_path / "one.jsonl")) == without_command(
        lines(tmp_path / "two.jsonl")
    )
    assert [r["id"] for r in lines(tmp_path / "two.jsonl")] == [str(i) for i in range(1, 401)]


def test_misused_options_are_one_line_each(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 2)
    no_output = run_cli("evaluate", "--batch", str(source), "--rules", str(FIXTURE_LAW))
    both = run_cli("evaluate", str(source), "--batch", str(source), "-o", "x.jsonl")
    resume_alone = run_cli("evaluate", str(source), "--resume")
    missing = batch(tmp_path / "absent", tmp_path / "out.jsonl")
    for done, words in [
        (no_output, "--batch needs -o"),
        (both, "not both"),
        (resume_alone, "apply to --batch runs only"),
        (missing, "batch input not found"),
    ]:
        assert done.returncode == 2 and words in done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_an_existing_results_file_is_never_overwritten_without_resume(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 2)
    output = tmp_path / "out.jsonl"
    output.write_text("precious\n")
    done = batch(source, output)
    assert done.returncode == 2 and "already exists; expected --resume" in done.stderr
    assert output.read_text() == "precious\n"
    foreign = batch(source, output, "--resume")
    assert foreign.returncode == 2
    assert "out.jsonl:1: not a line written by a batch run" in foreign.stderr
    assert output.read_text() == "precious\n"


def test_resume_skips_what_is_written_and_drops_a_torn_last_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 30)
    full = tmp_path / "full.jsonl"
    assert batch(source, full).returncode == 0
    complete = full.read_bytes().splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(b"".join(complete[:12]) + complete[12][:200])  # killed mid-line
    done = batch(source, partial, "--resume")
    assert done.returncode == 0, done.stderr
    assert "18 results, 0 errors, 12 already written" in done.stderr
    assert same_results(partial, full)


def child_pids(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found += [int(child) for child in children]
    return found


def start_batch(source: Path, output: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "copyrightable", *batch_args(source, output, *extra)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_lines(output: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if output.exists() and output.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} lines were written")


@pytest.mark.slow
def test_ctrl_c_keeps_every_line_written_and_resume_completes_the_run(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 6000)  # seconds on one worker: Ctrl-C lands mid-run
    output = tmp_path / "out.jsonl"
    process = start_batch(source, output, "--jobs", "1")
    wait_for_lines(output, 200, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"interrupted:" in stderr and b"--resume" in stderr and b"Traceback" not in stderr
    assert output.read_bytes().endswith(b"\n")  # stopped between chunks: no torn line
    written = len(skims(output))
    assert 200 <= written < 6000
    done = batch(source, output, "--resume")
    assert done.returncode == 0
    assert f"{6000 - written:,} results, 0 errors, {written:,} already written" in done.stderr
    assert [i for i, _ in skims(output)] == [str(i) for i in range(1, 6001)]


@pytest.mark.slow
def test_a_run_killed_at_random_moments_resumes_to_exactly_the_full_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 6000)  # more than two attempts can finish before their kill
    reference = tmp_path / "reference.jsonl"
    assert batch(source, reference).returncode == 0
    output = tmp_path / "out.jsonl"
    rng = random.Random(7)
    kills = 0
    for _attempt in range(6):
        process = start_batch(source, output, "--resume")
        time.sleep(rng.uniform(0.4, 1.2))
        if process.poll() is None:
            process.kill()  # SIGKILL: no handler runs, a line may be torn
            kills += 1
        process.communicate(timeout=60)
    assert kills >= 2
    done = batch(source, output, "--resume")
    assert done.returncode == 0, done.stderr
    assert same_results(output, reference)


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_replaced_and_no_record_is_lost(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 8000)
    output = tmp_path / "out.jsonl"
    process = start_batch(source, output, "--jobs", "2")
    wait_for_lines(output, 100, process)
    workers = child_pids(process.pid)
    assert workers, "no worker processes found"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    records = skims(output)
    assert [i for i, _ in records] == [str(i) for i in range(1, 8001)]
    assert all(error is None for _, error in records)


@pytest.mark.slow
def test_a_progress_bar_is_drawn_on_a_terminal_only(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 1500)
    command = [
        sys.executable,
        "-m",
        "copyrightable",
        "evaluate",
        "--batch",
        str(source),
        "-o",
        str(tmp_path / "tty.jsonl"),
        "--rules",
        str(FIXTURE_LAW),
    ]
    child = pexpect.spawn(
        command[0],
        command[1:],
        cwd=str(REPO),
        timeout=60,
        dimensions=(24, 100),
        env={**os.environ, "TERM": "xterm-256color"},
    )
    child.expect(r"evaluating.*\d+/1500")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = batch(source, tmp_path / "piped.jsonl")
    assert piped.stderr == (
        f"copyrightable: 1,500 records: 1,500 results, 0 errors in {tmp_path / 'piped.jsonl'}\n"
    )


def descendants(pid: int) -> list[int]:
    try:
        return child_pids(pid)
    except OSError:  # it ended meanwhile
        return []


@pytest.mark.slow
def test_workers_killed_at_random_twenty_times_never_hang_and_lose_no_record(
    tmp_path: Path,
) -> None:
    """What an out-of-memory killer does: workers, and their replacements, die again and again.

    Every record must still come out once, in input order, as its result or as
    an error line saying its worker died; the run must end, never hang.
    """
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores for two workers")
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 3000)
    output = tmp_path / "out.jsonl"
    process = start_batch(source, output, "--jobs", "2")
    wait_for_lines(output, 64, process)
    rng = random.Random(20)
    kills = 0
    while kills < 20 and process.poll() is None:
        time.sleep(rng.uniform(0.0, 0.1))
        workers = descendants(process.pid)
        if workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(rng.choice(workers), signal.SIGKILL)
                kills += 1
    _, stderr = process.communicate(timeout=60)  # a hang fails here
    assert kills >= 10, f"the run ended after {kills} kills"
    assert process.returncode in (0, 2), stderr
    assert b"Traceback" not in stderr and b"internal error" not in stderr
    records = skims(output)
    assert [i for i, _ in records] == [str(i) for i in range(1, 3001)]
    for record_id, error in records:
        assert error is None or "worker process evaluating this record died" in error, (
            record_id,
            error,
        )


def test_resume_with_repeated_ids_writes_their_error_lines_and_exits_as_the_full_run(
    tmp_path: Path,
) -> None:
    documents = list(variants(LAW, 3, seed=4))
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": i, **d}) + "\n"
            for i, d in zip(["a", "a", "b"], documents, strict=True)
        )
    )
    full = tmp_path / "full.jsonl"
    whole = batch(source, full)
    assert whole.returncode == 2 and "2 results, 1 error" in whole.stderr
    part = tmp_path / "part.jsonl"
    part.write_bytes(full.read_bytes().splitlines(keepends=True)[0])
    resumed = batch(source, part, "--resume")
    assert resumed.returncode == 2, resumed.stderr  # the error line is written, as in full
    assert "3 records: 1 result, 1 error, 1 already written in" in resumed.stderr
    assert without_command(lines(part)) == without_command(lines(full))
    again = batch(source, part, "--resume")
    assert again.returncode == 2  # the file holds an error line: not a clean run
    assert "0 results, 0 errors, 3 already written (1 of them an error line)" in again.stderr
    assert len(lines(part)) == 3


def test_output_is_byte_identical_whatever_jobs_and_after_resume(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 300)
    outputs = []
    for name, extra in [
        ("one", ["--jobs", "1"]),
        ("two", ["--jobs=2"]),
        ("default", []),
        ("resumed", ["--jobs", "2"]),
    ]:
        folder = tmp_path / name
        folder.mkdir()
        if name == "resumed":  # an interrupted run: its first 100 lines, then --resume
            head = outputs[0].read_bytes().splitlines(keepends=True)[:100]
            (folder / "out.jsonl").write_bytes(b"".join(head))
            extra = [*extra, "--resume"]
        done = run_cli(
            "evaluate",
            "--batch",
            str(source),
            "-o",
            "out.jsonl",
            "--rules",
            str(FIXTURE_LAW),
            "--timestamp",
            STAMP,
            *extra,
            cwd=folder,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(folder / "out.jsonl")
    first = outputs[0].read_bytes()
    assert all(output.read_bytes() == first for output in outputs[1:])
    assert "--jobs" not in lines(outputs[0])[0]["result"]["command"]


def test_jobs_beyond_the_cores_are_capped_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 3)
    started = time.monotonic()
    done = batch(source, tmp_path / "out.jsonl", "--jobs", "5000")
    assert done.returncode == 0, done.stderr
    cores = len(os.sched_getaffinity(0))
    assert done.stderr.splitlines()[0] == (
        f"copyrightable: warning: --jobs 5000 is more than the {cores} "
        f"core{'s' if cores != 1 else ''} this process may use; using {cores}"
    )
    assert time.monotonic() - started < 20  # 5,000 processes would take minutes
    assert [r["id"] for r in lines(tmp_path / "out.jsonl")] == ["1", "2", "3"]


def test_every_yaml_entry_of_a_folder_gets_a_line_whatever_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD)
    os.mkfifo(folder / "fifo.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere")
    (folder / "loop1.yaml").symlink_to(folder / "loop2.yaml")
    (folder / "loop2.yaml").symlink_to(folder / "loop1.yaml")
    (folder / "dir.yaml").mkdir()
    (folder / "zero.yaml").symlink_to("/dev/zero")
    done = batch(folder, tmp_path / "out.jsonl", timeout=30)
    assert done.returncode == 2
    assert "7 records: 1 result, 6 errors" in done.stderr
    errors = {r["id"]: r["error"] for r in lines(tmp_path / "out.jsonl") if "error" in r}
    assert errors == {
        "dangling.yaml": f"{folder}/dangling.yaml: broken symbolic link; expected an "
        "existing YAML file",
        "dir.yaml": f"{folder}/dir.yaml: is a folder, not a regular file; expected a YAML file",
        "fifo.yaml": f"{folder}/fifo.yaml: is a FIFO (named pipe), not a regular file; "
        "expected a YAML file",
        "loop1.yaml": f"{folder}/loop1.yaml: cannot read file (Too many levels of symbolic "
        "links); expected a readable YAML file",
        "loop2.yaml": f"{folder}/loop2.yaml: cannot read file (Too many levels of symbolic "
        "links); expected a readable YAML file",
        "zero.yaml": f"{folder}/zero.yaml: is a character device, not a regular file; "
        "expected a YAML file",
    }


def test_a_results_file_that_is_not_a_regular_file_or_a_new_path_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 2)
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    dangling = tmp_path / "link.jsonl"
    dangling.symlink_to(tmp_path / "elsewhere.jsonl")
    for target, words in [
        (fifo, "the results file is a FIFO (named pipe)"),
        (dangling, "the results file is a symbolic link to nothing"),
        (Path("/dev/null"), "the results file is a character device"),
        (tmp_path, "the results file is a folder"),
    ]:
        for extra in ([], ["--resume"]):
            done = batch(source, target, *extra, timeout=20)
            assert done.returncode == 2, (target, extra, done.stderr)
            assert words in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "elsewhere.jsonl").exists()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_words_file_that_cannot_be_written_is_one_line_and_no_results(tmp_path: Path) -> None:
    """The words file is written before the first line; its failure is the run's, in one
    line: a folder in its place is a wrong path (2), a full disk the environment's (4).
    /dev/full, the kernel's always-full device, fails every write with ENOSPC."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 2)
    for run, (make, code, words) in enumerate(
        [
            (lambda p: p.mkdir(), 2, "(a folder, not a file to write); expected a writable"),
            (lambda p: p.symlink_to("/dev/full"), 4, "(No space left on device); expected free"),
        ]
    ):
        output = tmp_path / f"out{run}.jsonl"
        make(output.with_name(output.name + ".words.json"))
        done = batch(source, output, timeout=60)
        assert done.returncode == code, done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert f"words.json: cannot write the words file {words}" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert not output.exists()


def test_a_run_that_cannot_fit_on_the_disk_is_refused_before_it_starts(tmp_path: Path) -> None:
    from copyrightable.batch.records import BYTES_PER_RECORD

    free = shutil.disk_usage(tmp_path).free
    records = free // BYTES_PER_RECORD + 10
    if records > 5_000_000:
        pytest.skip("too much free space to build an input that exceeds it")
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"{}\n" * records)  # counted, never evaluated
    output = tmp_path / "out.jsonl"
    done = batch(source, output, timeout=60)
    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1
    assert f"not enough free space for the results: {records:,} records need about" in done.stderr
    assert not output.exists()


def test_jsonl_refuses_what_yaml_refuses_and_speaks_json_not_python(tmp_path: Path) -> None:
    good = json.loads(json.dumps(next(variants(LAW, 1, seed=1))))
    surrogate = json.dumps({**good, "meta": {**good["meta"], "title": "x"}}).replace(
        '"title": "x"', '"title": "a\\ud800b"'
    )
    rows = [surrogate, "null", json.dumps({"id": None, **good}), '{"n": ' + "7" * 5000 + "}"]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")
    done = batch(source, tmp_path / "out.jsonl")
    assert done.returncode == 2
    errors = [r["error"] for r in lines(tmp_path / "out.jsonl")]
    assert errors == [
        f"{source}:1: text holds the lone surrogate U+D800 (half of a \\u escape pair); "
        "expected valid Unicode text",
        f"{source}:2: the line holds null; expected a JSON object: an answers document "
        "(meta, work, elements)",
        f"{source}:3: 'id' is null; expected text or a whole number",
        f"{source}:4: not valid JSON: a number with more than 4,300 digits; expected one "
        "JSON object per line",
    ]
    for error in errors:
        assert "NoneType" not in error and "sys." not in error
    yaml_twin = tmp_path / "twin.yaml"
    yaml_twin.write_text('meta: {schema: 1, title: "a\\ud800b"}\nelements: {}\n')
    single = run_cli("evaluate", str(yaml_twin), "--rules", str(FIXTURE_LAW))
    assert single.returncode == 2  # YAML refuses it as well


@pytest.mark.slow
def test_a_stuck_worker_is_killed_by_the_watchdog_and_its_records_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that stops answering (SIGSTOP here; an endless loop in real life)."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores for two workers")
    import threading

    from copyrightable.batch import workers as batch_module

    monkeypatch.setattr(batch_module, "STUCK_SECONDS", 0.05)  # 3.2 s for a chunk of 64
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 600)
    output = tmp_path / "out.jsonl"
    stopped: list[int] = []

    def stop_a_worker() -> None:
        deadline = time.monotonic() + 20
        while not stopped and time.monotonic() < deadline:
            workers = descendants(os.getpid())
            if workers:
                os.kill(workers[0], signal.SIGSTOP)
                stopped.append(workers[0])
            time.sleep(0.01)

    def release() -> None:  # without a watchdog the run would wait for it forever
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    stopper = threading.Thread(target=stop_a_worker)
    stopper.start()
    rescue = threading.Timer(40, release)
    rescue.start()
    started = time.monotonic()
    try:
        summary = batch_module.run(source, output, LAW, jobs=2, generated_at=STAMP)
    finally:
        rescue.cancel()
        stopper.join()
        release()
    assert stopped, "no worker was stopped"
    assert time.monotonic() - started < 35  # the watchdog, not the rescue, ended it
    assert summary.total == 600
    records = skims(output)
    assert [i for i, _ in records] == [str(i) for i in range(1, 601)]
    assert all(error is None or "died 3 times" in error for _, error in records)


def test_a_run_states_its_words_once_beside_its_lines_and_refuses_older_files(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, 3)
    output = tmp_path / "out.jsonl"
    assert batch(source, output).returncode == 0
    words = json.loads((tmp_path / "out.jsonl.words.json").read_text(encoding="utf-8"))
    for record in lines(output):
        assert "words" not in record["result"]
        assert record["result"]["words_sha256"] == words["words_sha256"]
    older = tmp_path / "older.jsonl"  # a file of Result version 2: its words on every line
    older.write_text('{"id":"0","result":{"result_version":2,"jurisdictions":[]}}\n')
    done = batch(source, older, "--resume")
    assert done.returncode == 2
    assert "older.jsonl: the results file holds Results of an earlier version" in done.stderr
    assert not (tmp_path / "older.jsonl.words.json").exists()
