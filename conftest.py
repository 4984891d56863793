"""Root conftest: register the plugin that collects the YAML rule tests beside the rules."""

pytest_plugins = ["copyrightable.testing.pytest_plugin"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _default_jurisdictions(monkeypatch, tmp_path_factory):
    """Tests see the shipped default (us and cn), whatever the developer's own settings.

    They also keep their cache (disk_cache.py) apart from the developer's, one
    for the whole session, so a run neither reads nor leaves entries in ~/.cache.
    """
    monkeypatch.delenv("COPYRIGHTABLE_JURISDICTIONS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("COPYRIGHTABLE_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
