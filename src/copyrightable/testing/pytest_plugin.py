"""Collect the YAML rule tests under rules/tests/ as pytest items.

One `pytest` then checks the code and the law together; a failing rule test
reports the test's name (which reads like a holding) and what differed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from ..law.loading import Law, load_law
from .rule_tests import RuleTest, load_rule_tests, make_evaluators, run_rule_test


@lru_cache(maxsize=4)
def _law_and_evaluators(folder: str) -> tuple[Law, dict[str, Any]]:
    law = load_law(Path(folder))
    return law, make_evaluators(law)


def _law_folder(path: Path) -> Path | None:
    """The law folder a rule test file belongs to: the parent of its `tests/` folder."""
    for parent in path.parents:
        if parent.name == "tests" and (parent.parent / "questionnaire.yaml").is_file():
            return parent.parent
    return None


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and _law_folder(file_path) is not None:
        return RuleTestFile.from_parent(parent, path=file_path)
    return None


class RuleTestFile(pytest.File):
    def collect(self) -> Any:
        folder = _law_folder(self.path)
        assert folder is not None
        law, _ = _law_and_evaluators(str(folder))
        for test in load_rule_tests(self.path, law):
            yield RuleTestItem.from_parent(self, name=test.name, test=test, folder=str(folder))


class RuleTestItem(pytest.Item):
    def __init__(self, *, test: RuleTest, folder: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test
        self.folder = folder

    def runtest(self) -> None:
        law, evaluators = _law_and_evaluators(self.folder)
        outcome = run_rule_test(self.test, law, evaluators)
        if not outcome.passed:
            raise RuleTestFailure(outcome.failures)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, RuleTestFailure):
            return "\n".join(
                [
                    f"{self.test.location}: {self.test.name}",
                    *(f"  {f}" for f in excinfo.value.failures),
                ]
            )
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, (self.test.location.line or 1) - 1, f"rule test: {self.name}"


class RuleTestFailure(Exception):
    def __init__(self, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.failures = failures
