"""How to install an optional extra (pdf, docx), said so that it works where the user is.

The tool is installed from its source folder (README), so `pip install
'copyrightable[pdf]'` would reach for a package index, and a bare `pip` is
often not the one of the environment the tool runs in. The hint names this
interpreter's pip and the source folder instead.
"""

from __future__ import annotations

import sys


def install_hint(extra: str) -> str:
    """The command that adds `extra` to the environment this process runs in."""
    return f"{sys.executable} -m pip install '.[{extra}]' in the copyrightable source folder"
