"""Root conftest: register the plugin that collects the YAML rule tests beside the rules."""

pytest_plugins = ["copyrightable.pytest_plugin"]
