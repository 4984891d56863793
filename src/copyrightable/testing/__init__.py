"""Checking the law: static checks, YAML rule tests, the pytest plugin."""
