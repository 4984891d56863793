"""How `--help` shows commands: one usage style, and option values named by their choices.

typer writes a required argument as `{answers_file}` and an optional one as
`[answers_file]`, so `report` and `evaluate` looked as if they took different
things. Every command here uses `Command`, which writes arguments the usual way
(`ANSWERS_FILE`, `[ANSWERS_FILE]`). The jurisdiction options show the ids they
take (`<us|cn>`) instead of `<list[str]>`; the ids come from the rule files'
names, so `--help` stays fast (no rule set is loaded) and a new rule set
appears without a code change.
"""

from __future__ import annotations

from typing import Any

import typer.core

from ..io.resources import rules_dir

# files of the rules folder that are not rule sets (loading.py loads them by name)
_NOT_RULE_SETS = frozenset({"authorities", "vocabulary", "questionnaire"})
_FIRST = ("us", "cn")  # the order the tool reports jurisdictions in


class Command(typer.core.TyperCommand):
    """A command whose usage line writes arguments as NAME (required) or [NAME]."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = (param.name or "argument").upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def shipped_rule_sets() -> list[str]:
    """The ids of the shipped rule sets, from their file names (us and cn first)."""
    try:
        stems = {p.stem for p in rules_dir().glob("*.yaml")} - _NOT_RULE_SETS
    except OSError:
        stems = set()
    return sorted(stems, key=lambda stem: (_FIRST.index(stem) if stem in _FIRST else 9, stem))


def choices_metavar(choices: list[str] | tuple[str, ...]) -> str:
    """`<us|cn>`: the values an option takes, as `--help` shows them."""
    return "<" + "|".join(choices) + ">" if choices else "<id>"
