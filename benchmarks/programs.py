"""How to start the programs being timed: the installed console script, as a user would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def copyrightable() -> list[str]:
    script = Path(sys.executable).parent / "copyrightable"
    if script.is_file():
        return [str(script)]
    found = shutil.which("copyrightable")
    return [found] if found else [sys.executable, "-m", "copyrightable"]
