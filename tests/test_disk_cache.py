"""The on-disk cache: a command reads only the rule sets it applies, and never a stale law.

Every test runs the real loader on real rule files (copies, where a file is
changed) and, where the command line matters, the real command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import copyrightable
from copyrightable.io.disk_cache import ENVIRONMENT_VARIABLE, PACKAGE, code_key, template_cache
from copyrightable.io.resources import rules_dir
from copyrightable.law.loading import load_law, load_law_for
from tools import run_cli


@pytest.fixture
def cache(monkeypatch, tmp_path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(folder))
    return folder


@pytest.fixture
def rules(tmp_path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy, ignore=shutil.ignore_patterns("tests"))
    return copy


def test_a_command_reads_only_the_rule_sets_it_applies(cache) -> None:
    law = load_law_for(None, None)
    assert list(law.rulesets) == ["us", "cn"]
    assert law.available == ("cn", "eu", "in", "jp", "kr", "uk", "us")
    assert list(load_law_for(None, ["jp", "uk"]).rulesets) == ["uk", "jp"]
    everything = load_law()
    assert load_law_for(None, ["all"]) == everything  # the same data, whichever way it came
    assert law.rulesets["us"] == everything.rulesets["us"]


def test_the_second_read_comes_from_the_cache_and_equals_the_first(cache) -> None:
    first = load_law_for(None, ["all"])
    entries = list(cache.glob("law-*.pickle"))
    assert len(entries) == 1
    assert load_law_for(None, ["all"]) == first
    assert list(cache.glob("law-*.pickle")) == entries


def test_a_changed_rule_file_is_read_again(cache, rules) -> None:
    before = load_law_for(rules, ["us"]).rulesets["us"]
    path = rules / "us.yaml"
    path.write_text(path.read_text().replace('version: "', 'version: "changed-', 1))
    after = load_law_for(rules, ["us"]).rulesets["us"]
    assert after.version == "changed-" + before.version
    assert after.sha256 != before.sha256


def test_a_broken_rule_file_is_reported_not_served_from_the_cache(cache, rules) -> None:
    load_law_for(rules, ["us"])
    path = rules / "us.yaml"
    path.write_text(path.read_text().replace("  id: us\n", "  id: us\n  id: us\n", 1))
    done = run_cli("evaluate", "cases/zarya-of-the-dawn.yaml", "--rules", str(rules), "-j", "us")
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "us.yaml:" in done.stderr, done.stderr


def test_a_corrupt_entry_is_a_miss(cache) -> None:
    fresh = load_law_for(None, None)
    for entry in cache.glob("law-*.pickle"):
        entry.write_bytes(entry.read_bytes()[:1000])
    assert load_law_for(None, None) == fresh


def test_off_writes_nothing_and_an_unwritable_cache_costs_only_the_saving(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "off")
    assert template_cache() is None
    fresh = load_law_for(None, None)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(blocker / "cache"))
    assert load_law_for(None, None) == fresh
    assert template_cache() is None


def test_a_rule_file_named_otherwise_than_its_rule_set_is_still_found(cache, rules) -> None:
    (rules / "us.yaml").rename(rules / "united-states.yaml")
    law = load_law_for(rules, ["us"])
    assert "us" in law.rulesets  # read from every file, as before the shortcut


def test_the_command_gives_the_same_output_cold_and_cached(cache) -> None:
    def evaluated() -> tuple[str, str]:
        done = run_cli("evaluate", "cases/zarya-of-the-dawn.yaml", "-j", "all", "--timestamp", "T")
        assert done.returncode == 0, done.stderr
        as_json = run_cli(
            "evaluate", "cases/zarya-of-the-dawn.yaml", "-f", "json", "--timestamp", "T"
        )
        assert as_json.returncode == 0, as_json.stderr
        return done.stdout, as_json.stdout

    cold = evaluated()
    assert list(cache.glob("templates-*/*")), "the compiled templates were kept"
    assert evaluated() == cold
    assert [j["id"] for j in json.loads(cold[1])["jurisdictions"]] == ["us", "cn"]


def test_a_changed_module_anywhere_in_the_package_misses_the_cache(tmp_path) -> None:
    """The loader and the data types live in law/, not beside the cache in io/: a
    change to any module of the package must change the key the law is found by."""
    package = tmp_path / "copyrightable"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_key(package)
    assert code_key(package) == before  # the same code, the same key
    loader = package / "law" / "loading.py"
    loader.write_text(loader.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert code_key(package) != before
    assert Path(copyrightable.__file__).resolve().parent == PACKAGE  # the whole package
