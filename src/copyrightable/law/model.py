"""Plain data types for the law, the questionnaire and the answers. No I/O here.

The types are frozen so that a loaded rule set can be shared between
evaluations (and processes) without anyone changing the law under our feet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Union

from ..io.errors import Location


@dataclass(frozen=True)
class Bilingual:
    """Text a user may read, in English and Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}


class Verdict(StrEnum):
    PROTECTABLE = "protectable"
    PARTIALLY_PROTECTABLE = "partially_protectable"
    NOT_PROTECTABLE = "not_protectable"
    UNDETERMINED = "undetermined"


class Truth(StrEnum):
    """Three-valued logic: an unknown never silently becomes false."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


class Scope(StrEnum):
    WORK = "work"
    ELEMENT = "element"


UNKNOWN = "unknown"  # the answer a user gives when they do not know

LOWER_BOUND_KEY = "at_least"  # how an answers file writes a lower bound: {at_least: 30}


@dataclass(frozen=True)
class LowerBound:
    """A number answer known only from below ("more than 30 prompts": {at_least: 30}).

    Why a type of its own and not a guess: the count is not unknown (a rule
    asking "at least 10 prompts?" is answered yes), yet not exact (a rule
    asking "exactly 40?" stays unknown). Conditions over it are three-valued.
    """

    at_least: float

    def as_data(self) -> dict[str, int | float]:
        """The answers-file form, integral bounds written as integers."""
        bound = self.at_least
        return {LOWER_BOUND_KEY: int(bound) if bound.is_integer() else bound}


def plain_answer(value: Any) -> Any:
    """A normalised answer in JSON/YAML form: lists for choices, a mapping for a bound."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, LowerBound):
        return value.as_data()
    return value


# ---------------------------------------------------------------- authorities


@dataclass(frozen=True)
class Authority:
    id: str
    citation: str
    short: str
    kind: str
    weight: str
    jurisdiction: str
    date: dt.date
    verification: str
    url: str | None = None
    note: Bilingual | None = None
    # A Chinese report cites a Chinese authority by its Chinese name and caption.
    citation_zh: str | None = None
    short_zh: str | None = None
    location: Location | None = field(default=None, compare=False)
    effective: dt.date | None = None  # when it took effect, if not its date
    until: dt.date | None = None  # the last day it was law (repealed, superseded, vacated)

    def in_force(self, day: dt.date) -> bool:
        """Whether the authority was law on `day`: from `effective` (or its date) to `until`."""
        return (self.effective or self.date) <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Citation:
    """A reference to an authority with a pinpoint (page, section, paragraph).

    `pinpoint_zh` is the same locator as Chinese writing gives it (第三条第一款), for an
    authority cited in Chinese characters (Chinese, Japanese, Korean); a Chinese reader
    would otherwise read 《著作权法》, Art. 3.
    """

    authority: str
    pinpoint: str
    pinpoint_zh: str | None = None

    def pinpoint_in(self, lang: str) -> str:
        """The pinpoint a reader of `lang` sees: the Chinese one in zh, where given."""
        return self.pinpoint_zh if lang == "zh" and self.pinpoint_zh else self.pinpoint


@dataclass(frozen=True)
class Labelled:
    """A vocabulary entry: an id with a bilingual label."""

    id: str
    label: Bilingual


@dataclass(frozen=True)
class Doctrine:
    """A heading of `rules show`: the rules whose id's second part is one of `segments`."""

    id: str
    label: Bilingual
    about: Bilingual
    segments: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    element_kinds: tuple[Labelled, ...]
    contributions: tuple[Labelled, ...]
    material: tuple[Labelled, ...]
    authors: tuple[Labelled, ...]
    settledness: tuple[Labelled, ...]
    topics: tuple[Labelled, ...] = ()  # what case files are filed under, for study
    doctrines: tuple[Doctrine, ...] = ()  # how the rule book groups rules
    # contributions marked `scope: work`: said of the work as a whole, not of the element
    # whose verdict names them (the Result states them once, in the work's verdict)
    work_contributions: frozenset[str] = frozenset()

    def label(self, group: str, item_id: str) -> Bilingual:
        for entry in getattr(self, group):
            if entry.id == item_id:
                return entry.label
        raise KeyError(f"{group}:{item_id}")

    def label_or_none(self, group: str, item_id: str | None) -> dict[str, str] | None:
        """The bilingual label as a dict, or None where nothing was concluded."""
        return self.label(group, item_id).as_dict() if item_id else None

    def ids(self, group: str) -> list[str]:
        return [entry.id for entry in getattr(self, group)]


# ----------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Leaf:
    """A test on one answer: `{q: id, eq: value}` and friends."""

    question: str
    op: str  # eq ne in includes lt lte gt gte known unknown
    value: Any = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FindingRef:
    """`{finding: id}`: a derived fact of the rule set holds."""

    finding: str
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition = Union[Leaf, FindingRef, All, Any_, Not]  # noqa: UP007 (recursive alias)


# ---------------------------------------------------------------- questionnaire


ALL_JURISDICTIONS = "all"  # the key of help that holds in every jurisdiction


# The states a question's clauses are written for, by question type, each with the
# placeholders its text may hold and those it must hold (docs/rule-language.md, "states").
_PERSON = frozenset({"you", "your"})
QUESTION_STATES: dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    "yes_no": {"yes": (_PERSON, frozenset()), "no": (_PERSON, frozenset())},
    "single": {
        "answer": (_PERSON | {"choice"}, frozenset({"choice"})),
        "open": (_PERSON, frozenset()),
    },
    "multiple": {
        "answer": (_PERSON | {"choice"}, frozenset({"choice"})),
        "open": (_PERSON, frozenset()),
    },
    "number": {
        "answer": (_PERSON | {"n"}, frozenset({"n"})),
        "one": (_PERSON | {"n"}, frozenset()),
        "open": (_PERSON, frozenset()),
    },
}
OPTIONAL_STATES = frozenset({"one"})


@dataclass(frozen=True)
class KindWording:
    """How a question is put for one kind of element: its text, and some choices' labels."""

    kind: str
    text: Bilingual | None = None
    choices: tuple[tuple[str, Bilingual], ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    scope: Scope
    type: QuestionType
    text: Bilingual
    help: tuple[tuple[str, Bilingual], ...] | Bilingual  # (rule-set id or "all", text)
    cites: tuple[Citation, ...]
    choices: tuple[Labelled, ...] = ()
    unknown_allowed: bool = False
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    ask_if: Condition | None = None
    location: Location | None = field(default=None, compare=False)
    help_locations: tuple[Location, ...] = field(default=(), compare=False)  # per help key
    by_kind: tuple[KindWording, ...] = ()
    # What an answer states, as a clause: (state, text) with state yes/no, answer/open, or
    # answer/one/open (QUESTION_STATES); empty where none is written (prose falls back).
    states: tuple[tuple[str, Bilingual], ...] = ()

    def state(self, name: str) -> Bilingual | None:
        """The clause for one state of the answer ("yes", "answer", "open" …), if written."""
        return next((text for state, text in self.states if state == name), None)

    def for_kind(self, kind: str | None) -> Question:
        """The question as put for an element of this kind (text spoken of as text, say).

        The same question, the same answers and rules: only the words change, so
        that a text drafted with an LLM is asked about revising passages, not
        about retouching pixels.
        """
        wording = next((w for w in self.by_kind if w.kind == kind), None)
        if wording is None:
            return self
        labels = dict(wording.choices)
        return replace(
            self,
            text=wording.text or self.text,
            choices=tuple(Labelled(c.id, labels.get(c.id, c.label)) for c in self.choices),
        )

    def choice_ids(self) -> list[str]:
        return [choice.id for choice in self.choices]

    def help_parts(self, jurisdictions: Sequence[str] | None = None) -> list[tuple[str, Bilingual]]:
        """The help that concerns these jurisdictions: `all` first, then each in their order.

        Help is per jurisdiction because each forum's law is its own: a reader
        who asked only about the US should not be told what a Chinese court held.
        None means every jurisdiction, in file order.
        """
        parts = (
            [(ALL_JURISDICTIONS, self.help)]
            if isinstance(self.help, Bilingual)
            else list(self.help)
        )
        if jurisdictions is None:
            return sorted(parts, key=lambda item: item[0] != ALL_JURISDICTIONS)
        order = {ALL_JURISDICTIONS: -1, **{j: i for i, j in enumerate(jurisdictions)}}
        return sorted((item for item in parts if item[0] in order), key=lambda item: order[item[0]])


@dataclass(frozen=True)
class Questionnaire:
    version: str
    questions: tuple[Question, ...]
    source: str

    def by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def in_scope(self, scope: Scope) -> list[Question]:
        return [question for question in self.questions if question.scope is scope]


# ------------------------------------------------------------------ rule sets


@dataclass(frozen=True)
class Alternative:
    """What the other line of authority would conclude on the same facts."""

    verdict: Verdict
    because: Bilingual
    cites: tuple[Citation, ...]


@dataclass(frozen=True)
class Conclusion:
    findings: tuple[str, ...] = ()
    verdict: Verdict | None = None
    author: str | None = None
    protects: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    recommend: tuple[str, ...] = ()
    alternative: Alternative | None = None
    case_by_case: bool = False  # the authority states a test and a lean, not a rule
    rest_open: bool = False  # `excludes: []`: what is not protected is open (contested rules)


@dataclass(frozen=True)
class Rule:
    id: str
    statement: Bilingual
    when: Condition
    then: Conclusion
    settledness: str
    effective: dt.date
    cites: tuple[Citation, ...]
    overrides: tuple[str, ...] = ()
    notes: Bilingual | None = None
    location: Location | None = field(default=None, compare=False)
    until: dt.date | None = None  # the last day the rule applies, if it stopped applying

    def in_force(self, day: dt.date, authorities: Mapping[str, Authority]) -> bool:
        """Whether the rule applies on `day`.

        Dates are law, not metadata: the rule applies from `effective` to
        `until` (both included), and only while at least one authority it cites
        is in force (a rule resting only on repealed or not yet existing law
        does not apply).
        """
        if day < self.effective or (self.until is not None and day > self.until):
            return False
        return any(
            authorities[c.authority].in_force(day) for c in self.cites if c.authority in authorities
        )


@dataclass(frozen=True)
class Finding:
    id: str
    label: Bilingual
    # A conclusion the opinion states for its own sake (a term of protection, a
    # first owner) rather than one other rules build on: `rules check` does not
    # ask that a rule read it.
    reported: bool = False


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: Bilingual


class PresumptionKind(StrEnum):
    """What an unknown answer means for the opinion on the record (presumptions.py)."""

    NOT_SHOWN = "not_shown"  # a fact nobody showed is not assumed: the value that adds nothing
    PROVABLE = "provable"  # the facts stated are taken as provable: evidence is a risk
    EVIDENCE_MISSING = "evidence_missing"  # the user said the proof is missing: not assumed
    NONE = "none"  # no presumption: the fact stays unknown, the interview must ask it


@dataclass(frozen=True)
class PresumptionRule:
    """One reading of an unknown answer: its kind, the value taken, why, and the authority."""

    kind: PresumptionKind
    takes: Any  # normalised value; None for kind NONE
    why: Bilingual
    cites: tuple[Citation, ...]
    recommend: tuple[str, ...] = ()  # recommendations an opinion resting on it needs first


@dataclass(frozen=True)
class Presumption:
    """A rule set's presumption for one question, with its exception (`except:`), if any."""

    question: str
    rule: PresumptionRule
    exception_when: Condition | None = None  # over the answers as stated
    exception: PresumptionRule | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RuleSet:
    id: str
    name: Bilingual
    version: str
    law_as_of: dt.date
    findings: tuple[Finding, ...]
    recommendations: tuple[Recommendation, ...]
    rules: tuple[Rule, ...]
    source: str
    sha256: str
    presumptions: tuple[Presumption, ...] = ()  # what an unknown answer means on the record

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def finding_label(self, finding_id: str) -> Bilingual:
        for finding in self.findings:
            if finding.id == finding_id:
                return finding.label
        raise KeyError(finding_id)

    def recommendation(self, recommendation_id: str) -> Recommendation:
        for recommendation in self.recommendations:
            if recommendation.id == recommendation_id:
                return recommendation
        raise KeyError(recommendation_id)


# ------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Element:
    id: str
    kind: str
    label: str
    answers: dict[str, Any]


NOT_NEEDED = "not_needed"  # the interview skipped it: no answer could change any verdict
LEFT_BLANK = "left_blank"  # an optional question the user chose not to answer


@dataclass(frozen=True)
class InterviewRecord:
    """What `copyrightable ask` keeps in an answers file besides the answers (meta.interview).

    Scopes are keyed by element id, and None for the work. `set_aside` holds
    answers to questions that stopped applying when another answer changed:
    they are no answers of the work, but changing that answer back restores them.
    """

    complete: bool
    not_asked: dict[str | None, dict[str, str]]  # scope -> question id -> NOT_NEEDED | LEFT_BLANK
    set_aside: dict[str | None, dict[str, Any]]  # scope -> question id -> normalised answer


@dataclass(frozen=True)
class RuleValues:
    """Each element's values as the rules see them (n/a, unknown or the answer, the
    work's included: answers_file.applicable_values), as worked out for one questionnaire."""

    questionnaire: Questionnaire
    elements: dict[str, dict[str, Any]]  # element id -> its values


@dataclass(frozen=True)
class Answers:
    """Validated answers: values are normalised (yes/no -> bool, numbers -> float)."""

    meta: dict[str, Any]
    work: dict[str, Any]
    elements: tuple[Element, ...]
    source: str
    sha256: str
    interview: InterviewRecord | None = field(default=None, compare=False)
    # The Chinese of texts given in both languages (case files): keyed "meta.title",
    # "meta.notes", "meta.answered_by", "elements.<id>.label"; the fields above hold
    # the English. answer_language.localized() swaps them in for a Chinese rendering.
    translations: dict[str, str] = field(default_factory=dict, compare=False)
    # The values validation worked out to check the answers (answers_from_data), kept
    # so that evaluating them need not work them out again. Not an argument of
    # __init__: dataclasses.replace, which may change the answers, never carries it over.
    rule_values: RuleValues | None = field(default=None, init=False, compare=False, repr=False)

    def keep_rule_values(self, values: RuleValues) -> None:
        """Remember the values these very answers have under `values.questionnaire`."""
        object.__setattr__(self, "rule_values", values)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))
