"""Which rule sets a command applies: `-j` options, `-j all`, and the default.

Seven rule sets ship, but most users advise on the same two or three, and a
report on seven is long; so the default stays the United States and China, as
before the other rule sets existed, and a user changes it the conventional
ways, in this order of precedence:

1. `-j/--jurisdiction` on the command line (repeatable; `all` for every one);
2. the environment variable COPYRIGHTABLE_JURISDICTIONS (`uk,jp` or `all`);
3. a config file, `$XDG_CONFIG_HOME/copyrightable/config.toml` (by default
   `~/.config/copyrightable/config.toml`), with `jurisdictions = ["us", "uk"]`;
4. us and cn (those of them the rules folder has; every rule set if neither).

Rule sets are always presented in one order (us, cn, then the others in the
order below), so output does not depend on the order the options were typed.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..io.errors import InputError, Location, did_you_mean

ALL = "all"
ENVIRONMENT_VARIABLE = "COPYRIGHTABLE_JURISDICTIONS"
DEFAULT = ("us", "cn")
PRESENTATION_ORDER = ("us", "cn", "uk", "eu", "jp", "kr", "in", "hk")
# where a case in the library was decided: the rule-set ids, a few more, and "other"
CASE_JURISDICTIONS = ("us", "cn", "uk", "eu", "jp", "nl", "other")


def presentation_key(ruleset_id: str) -> tuple[int, str]:
    """US, China, then the other shipped jurisdictions; unknown ones last, by id."""
    if ruleset_id in PRESENTATION_ORDER:
        return (PRESENTATION_ORDER.index(ruleset_id), ruleset_id)
    return (len(PRESENTATION_ORDER), ruleset_id)


def in_presentation_order(ruleset_ids: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(ruleset_ids), key=presentation_key)


def config_file() -> Path:
    """The user's config file (XDG base directory convention)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "copyrightable" / "config.toml"


def choose(
    available: Mapping[str, object] | Sequence[str],
    requested: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    config: Path | None = None,
) -> list[str]:
    """The rule set ids to apply, validated against `available`, in presentation order."""
    known = list(available)
    if requested:
        return _expand(requested, known, "--jurisdiction", None)
    env = os.environ if environ is None else environ
    raw = env.get(ENVIRONMENT_VARIABLE, "").strip()
    if raw:
        names = [part.strip() for part in raw.split(",") if part.strip()]
        return _expand(names, known, ENVIRONMENT_VARIABLE, None)
    path = config_file() if config is None else config
    from_file = _read_config(path)
    if from_file is not None:
        return _expand(from_file, known, "jurisdictions", Location(str(path)))
    defaults = [j for j in DEFAULT if j in known]
    return defaults or in_presentation_order(known)


def _expand(
    names: Sequence[str], known: list[str], where: str, location: Location | None
) -> list[str]:
    chosen: list[str] = []
    for name in names:
        if name == ALL:
            chosen.extend(known)
            continue
        if name not in known:
            raise InputError(
                f"{where}: unknown jurisdiction {name!r}{did_you_mean(name, known)}",
                location,
                "one of: " + ", ".join([*in_presentation_order(known), ALL]),
            )
        chosen.append(name)
    if not chosen:
        raise InputError(
            f"{where}: no jurisdiction given",
            location,
            "one of: " + ", ".join([*in_presentation_order(known), ALL]),
        )
    return in_presentation_order(chosen)


def _read_config(path: Path) -> list[str] | None:
    """`jurisdictions = [...]` from the config file; None when there is no file or no key."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(
            f"cannot read the config file: {problem.__class__.__name__}",
            Location(str(path)),
            "a readable UTF-8 TOML file",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        line = getattr(problem, "lineno", None)
        raise InputError(
            f"not valid TOML ({str(problem).split(' (at')[0]})",
            Location(str(path), line),
            'TOML such as: jurisdictions = ["us", "uk"]',
        ) from None
    value = data.get("jurisdictions")
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(
            "'jurisdictions' is not a list of rule set ids",
            Location(str(path)),
            'jurisdictions = ["us", "uk"] or jurisdictions = "all"',
        )
    return value
