"""Which day's law applies: `--as-of`, today, and the date a rule set is current to.

Dates are law, not metadata. A rule applies from its `effective` date to its
`until` (both included), while an authority it cites is in force (see
model.Rule.in_force). The day applied is the one asked for, or today, but
never later than the rule set's `law_as_of`: the rules say nothing reliable
about law after the date they were checked to, so a later day gets the law as
of `law_as_of`, and the Result says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..io.errors import InputError
from .model import Authority, Bilingual, RuleSet

REQUESTED, TODAY, BOUNDED = "requested", "today", "law_as_of"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class LawDate:
    """The day whose law was applied under one rule set, and why that day."""

    day: dt.date
    why: str  # requested | today | law_as_of (a later day was asked for, or is today)
    requested: dt.date | None  # what --as-of asked for, if anything
    not_in_force: tuple[str, ...]  # rules of the set that did not apply that day

    def explanation(self, law_as_of: dt.date) -> Bilingual:
        day = self.day.isoformat()
        if self.why == REQUESTED:
            return Bilingual(
                f"the law in force on {day}, the date asked for",
                f"适用{day}（所请求日期）有效的法律",
            )
        if self.why == TODAY:
            return Bilingual(f"the law in force today, {day}", f"适用今日（{day}）有效的法律")
        asked = f"the date asked for, {self.requested.isoformat()}," if self.requested else "today"
        asked_zh = f"所请求日期{self.requested.isoformat()}" if self.requested else "今日"
        return Bilingual(
            f"the law as of {law_as_of.isoformat()}, the date this rule set is current to: "
            f"{asked} is later, and the rules say nothing reliable about the law after it",
            f"适用{law_as_of.isoformat()}（本规则集所反映法律的截止日期）的法律："
            f"{asked_zh}晚于该日期，规则无法可靠反映其后的法律",
        )


def parse_as_of(text: str | None, what: str = "--as-of") -> dt.date | None:
    """A day written YYYY-MM-DD, or an InputError that says so in one line."""
    if text is None:
        return None
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(
        f"{what} {text!r} is not a date", None, "a date written YYYY-MM-DD, e.g. 2025-09-01"
    )


def applied_date(
    ruleset: RuleSet, requested: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, str]:
    """The day whose law applies under `ruleset`, and the reason (see LawDate.why)."""
    wanted = requested if requested is not None else (today or dt.date.today())
    if wanted > ruleset.law_as_of:
        return ruleset.law_as_of, BOUNDED
    return wanted, REQUESTED if requested is not None else TODAY


def in_force(
    ruleset: RuleSet,
    authorities: Mapping[str, Authority],
    requested: dt.date | None,
    today: dt.date | None = None,
) -> tuple[RuleSet, LawDate]:
    """The rule set as it stood on the day applied (rules not in force left out)."""
    day, why = applied_date(ruleset, requested, today)
    kept = tuple(rule for rule in ruleset.rules if rule.in_force(day, authorities))
    dropped = tuple(rule.id for rule in ruleset.rules if rule not in kept)
    chosen = ruleset if not dropped else dataclasses.replace(ruleset, rules=kept)
    return chosen, LawDate(day, why, requested, dropped)
