"""Where the shipped law, templates and cases live.

In the repository they sit at the top level (`rules/`, `templates/`, `cases/`)
where reviewers expect them. pyproject.toml ships them inside the installed
package as `_rules`, `_templates` and `_cases` (underscored, so they can never
shadow a module such as `loading.py`). An installed copy finds them beside this
file; a checkout or an editable install finds the top-level folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The top-level package's folder, found from the package itself rather than from
# this file, so the lookup holds wherever in the package this module is placed.
_PACKAGE = Path(sys.modules[__name__.partition(".")[0]].__path__[0]).resolve()
_REPO_ROOT = _PACKAGE.parents[1]  # src/copyrightable -> the checkout


def _data(installed_name: str, repo_folder: str) -> Path:
    installed = _PACKAGE / installed_name
    if installed.is_dir():
        return installed
    return _REPO_ROOT / repo_folder


def rules_dir() -> Path:
    return _data("_rules", "rules")


def templates_dir() -> Path:
    return _data("_templates", "templates")


def cases_dir() -> Path:
    return _data("_cases", "cases")
