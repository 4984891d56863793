"""Build the durable-rules engine (vendor/durable-rules) with the package.

Everything else about the package is declared in pyproject.toml; a C
extension can only be declared here. Why the engine is built here rather than
installed from PyPI: see vendor/durable-rules/README.md (the released source
does not build on Python 3.13 and later).
"""

from __future__ import annotations

import sys

from setuptools import Extension, setup

ENGINE = "vendor/durable-rules"
CORE = ("json", "rete", "state", "events", "regex")

if sys.platform == "win32":
    flags: list[str] = []
else:
    flags = ["-std=c99", "-O2", "-w"]  # -w: the 2020 sources warn on current compilers
    if sys.platform == "darwin":
        flags.append("-fcommon")

setup(
    ext_modules=[
        Extension(
            "durable_rules_engine",
            sources=[
                f"{ENGINE}/compat/engine_module.c",
                *(f"{ENGINE}/src/rules/{name}.c" for name in CORE),
            ],
            include_dirs=[f"{ENGINE}/src/rules", f"{ENGINE}/src/rulespy"],
            define_macros=[("_GNU_SOURCE", None)],
            extra_compile_args=flags,
        )
    ]
)
