"""What a one-shot `evaluate FILE` loads, and what it leaves as it found it.

A cold `evaluate` pays for every module it imports and every option typer
builds, so the command line builds a command only when it runs; the cyclic
collector waits during the evaluation and is back on afterwards.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys

from tests.tools import REPO, run_cli
from typer.testing import CliRunner

from copyrightable.cli import app

ZARYA = "cases/zarya-of-the-dawn.yaml"

# Run the command as the console script does, then name what it imported.
_LOADED = """
import json, sys
sys.argv = ["copyrightable", *sys.argv[1:]]
from copyrightable.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("copyrightable"))), file=sys.stderr)
"""


def loaded_modules(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_evaluate_loads_neither_the_other_commands_nor_the_report_writers() -> None:
    loaded = loaded_modules("evaluate", ZARYA, "--timestamp", "T")
    assert "copyrightable.cli.evaluate_cmd" in loaded
    assert "copyrightable.evaluation.evaluator" in loaded
    for unused in (
        "copyrightable.cli.ask_cmd",
        "copyrightable.cli.cases_cmd",
        "copyrightable.cli.report_cmd",
        "copyrightable.cli.rules_cmd",
        "copyrightable.cli.batch_cmd",
        "copyrightable.interview",
        "copyrightable.cases",
        "copyrightable.batch",
        "copyrightable.render.report",
        "copyrightable.render.pdf",
        "copyrightable.render.docx_report",
    ):
        assert unused not in loaded, unused


def test_help_still_lists_every_command_in_the_order_people_need_them() -> None:
    done = run_cli("--help")
    assert done.returncode == 0, done.stderr
    rows = done.stdout.split("Commands:")[1].strip().splitlines()
    assert [row.split()[0] for row in rows] == ["ask", "evaluate", "report", "cases", "rules"]
    assert "Verdicts and reasoning for an answers file or a case file." in done.stdout


def test_a_mistyped_command_is_answered_with_the_command_meant() -> None:
    done = run_cli("evaluat", ZARYA)
    assert done.returncode == 2
    assert "No such command 'evaluat'. Did you mean 'evaluate'?" in done.stderr


def test_in_a_host_process_the_collector_is_on_again_and_nothing_is_frozen() -> None:
    """Calling the command line from a program (as here) changes nothing of its collector."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    runner = CliRunner()
    done = runner.invoke(app, ["evaluate", ZARYA, "--timestamp", "T", "-j", "us"])
    assert done.exit_code == 0, done.output
    assert "Zarya of the Dawn" in done.output
    assert gc.isenabled()
    failed = runner.invoke(app, ["evaluate", "no-such-answers.yaml"])
    assert failed.exit_code == 2
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


_AT_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count(), file=sys.stderr))
sys.argv = ["copyrightable", *sys.argv[1:]]
from copyrightable.cli import main
main()
"""


def test_the_console_program_leaves_its_last_collection_nothing_to_walk() -> None:
    """As a program that exits after its command, every object is frozen before exit
    (the output is the same: it was printed before)."""
    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, "evaluate", ZARYA, "--timestamp", "T"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == run_cli("evaluate", ZARYA, "--timestamp", "T").stdout
    frozen = int(done.stderr.split("frozen")[-1])
    assert frozen > 10_000  # the loaded law, the modules, the Result
