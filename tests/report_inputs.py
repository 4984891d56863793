"""Inputs shared by the report tests: the fictional laws, the comic, and the case files."""

from __future__ import annotations

from pathlib import Path

import yaml

from copyrightable.io.resources import cases_dir
from tools import REPO

PAIR_LAW = REPO / "tests" / "fixtures" / "law_pair"  # two jurisdictions that disagree
MIN_LAW = REPO / "tests" / "fixtures" / "law_min"  # one jurisdiction
COMIC = REPO / "tests" / "fixtures" / "report" / "comic.yaml"
FIXED = "2026-01-01T00:00:00Z"


def answered_case_files() -> list[Path]:
    """The case library's files that carry answers (facts-only cases cannot be evaluated)."""
    folder = cases_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("answers"), dict):
            found.append(path)
    return found
