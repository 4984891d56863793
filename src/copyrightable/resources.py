"""Where the shipped law, templates and cases live.

In the repository they sit at the top level (`rules/`, `templates/`, `cases/`)
where reviewers expect them; pyproject.toml maps them into the package as
`copyrightable.law`, `copyrightable.templates` and `copyrightable.cases`, so an
installed tool finds the same files without a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _packaged(package: str, repo_folder: str) -> Path:
    try:
        found = Path(str(resources.files(package)))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _REPO_ROOT / repo_folder


def rules_dir() -> Path:
    return _packaged("copyrightable.law", "rules")


def templates_dir() -> Path:
    return _packaged("copyrightable.templates", "templates")


def cases_dir() -> Path:
    return _packaged("copyrightable.cases", "cases")
