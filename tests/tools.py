"""Shared test helpers for system tools and for running the real command line.

A test that needs a system tool (chromium, pdftotext, fonts) skips on a laptop
that lacks it, but CI sets COPYRIGHTABLE_REQUIRE_ALL_TOOLS=1 so that a missing
tool fails the run instead of silently skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_LAW = REPO / "tests" / "fixtures" / "law_min"


def require_tool(name: str) -> str:
    """The path of an executable, or skip (fail under COPYRIGHTABLE_REQUIRE_ALL_TOOLS=1)."""
    found = shutil.which(name)
    if found:
        return found
    message = f"system tool {name!r} is not installed"
    if os.environ.get("COPYRIGHTABLE_REQUIRE_ALL_TOOLS") == "1":
        pytest.fail(message + " (COPYRIGHTABLE_REQUIRE_ALL_TOOLS=1)")
    pytest.skip(message)


def run_cli(
    *args: str, input_text: str | None = None, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real `copyrightable` command in a child process, as a user would."""
    env = {**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning:copyrightable"}
    return subprocess.run(
        [sys.executable, "-m", "copyrightable", *args],
        capture_output=True,
        text=True,
        input=input_text,
        cwd=cwd or REPO,
        timeout=timeout,
        env=env,
    )
