"""The durable-rules engine builds and loads where Python no longer defines PyEval_CallObject.

Python 3.13 removed PyEval_CallObject from the C API, so durable-rules 2.0.28's
released source no longer compiles there. The package builds the engine itself
(setup.py, vendor/durable-rules) through compat/engine_module.c, which defines
the old name as PyObject_CallObject where Python does not. This machine has an
older Python, so the test removes the name the way 3.13's headers do, builds
the engine exactly as setup.py does (same sources and flags, plus
-Werror=implicit-function-declaration, the default of GCC 14 and clang 16),
and then evaluates real answers with the engine it built, in a fresh process.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENGINE = REPO / "vendor" / "durable-rules"
CORE = ("json", "rete", "state", "events", "regex")
AS_3_13 = """\
#include <Python.h>
#undef PyEval_CallObject  /* Python 3.13's headers no longer define it */
#include "{target}"
"""

pytestmark = pytest.mark.slow


def _compiler() -> list[str]:
    cc = shlex.split(sysconfig.get_config_var("CC") or "cc")
    if shutil.which(cc[0]) is None:
        if os.environ.get("COPYRIGHTABLE_REQUIRE_ALL_TOOLS") == "1":
            pytest.fail(f"no C compiler ({cc[0]})")
        pytest.skip(f"no C compiler ({cc[0]})")
    return cc


def _build(tmp_path: Path, target: Path) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "as_3_13.c"
    source.write_text(AS_3_13.format(target=target), encoding="utf-8")
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    # setup.py passes -w (the 2020 sources warn a lot); -w would also silence the
    # promoted warning, so here only the other warnings are turned off.
    command = [
        *_compiler(),
        "-shared",
        "-fPIC",
        "-std=c99",
        "-O2",
        "-D_GNU_SOURCE",
        "-Wno-all",
        "-Wno-extra",
        "-Wno-unused-result",
        "-Wno-format",
        "-Werror=implicit-function-declaration",
        f"-I{ENGINE / 'src' / 'rules'}",
        f"-I{ENGINE / 'src' / 'rulespy'}",
        f"-I{ENGINE / 'compat'}",
        f"-I{sysconfig.get_paths()['include']}",
        str(source),
        *(str(ENGINE / "src" / "rules" / f"{n}.c") for n in CORE),
        "-o",
        str(tmp_path / f"durable_rules_engine{suffix}"),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_the_released_binding_does_not_compile_without_pyeval_callobject(tmp_path: Path) -> None:
    """What a Python 3.13 user meets with `pip install durable-rules==2.0.28`."""
    done = _build(tmp_path, ENGINE / "src" / "rulespy" / "rules.c")
    assert done.returncode != 0
    assert "PyEval_CallObject" in done.stderr


def test_the_engine_built_as_for_3_13_loads_and_decides(tmp_path: Path) -> None:
    done = _build(tmp_path, ENGINE / "compat" / "engine_module.c")
    assert done.returncode == 0, done.stderr[-2000:]
    built = next(tmp_path.glob("durable_rules_engine*"))
    symbols = subprocess.run(
        ["nm", "-D", "--undefined-only", str(built)], capture_output=True, text=True, timeout=60
    )
    if symbols.returncode == 0:  # nm is binutils; where it exists, read the symbol table
        assert "PyObject_CallObject" in symbols.stdout
        assert "PyEval_CallObject" not in symbols.stdout
    check = f"""
import sys
if sys.argv[1:] == ["built"]:
    sys.path.insert(0, {str(tmp_path)!r})
    import durable_rules_engine
    assert durable_rules_engine.__file__ == {str(built)!r}, durable_rules_engine.__file__
from copyrightable.cases.library import case_answers
from copyrightable.evaluation.evaluator import Evaluator
from copyrightable.law.loading import load_law
law = load_law()
result = Evaluator(law).evaluate(case_answers({str(REPO / "cases" / "zarya-of-the-dawn.yaml")!r},
                                              law), "fixed")
print(sorted((j["id"], j["verdict"]["verdict"]) for j in result["jurisdictions"]))
"""
    fresh = subprocess.run(
        [sys.executable, "-c", check, "built"], capture_output=True, text=True, timeout=120
    )
    assert fresh.returncode == 0, fresh.stderr[-2000:]
    installed = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120
    )
    assert fresh.stdout == installed.stdout and "partially_protectable" in fresh.stdout
