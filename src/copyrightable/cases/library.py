"""The case library: real decisions and events as case files, checked against the rules.

A case file (cases/<id>.yaml, format in docs/cases.md) holds the facts of one
decision in prose, the questionnaire answers that encode them, and what the
decision actually held. Students read the facts, see the rules reason, and
compare; `cases check` keeps the rules honest against the real outcomes. A
disagreement is never silent: either the case file documents it (what the
rules say, and why they differ) or the check fails.

The module is named `caselib` rather than `cases` because the shipped case
files are installed as the data package `copyrightable.cases` (pyproject.toml);
a module of the same name would shadow that folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..answers.answers_file import answers_from_data
from ..answers.language import localized
from ..evaluation.evaluator import Evaluator
from ..io.errors import InputError, Location, did_you_mean
from ..io.resources import cases_dir
from ..io.yaml_files import LocatedDict, LocatedList, display_path, iter_yaml_files, load_yaml_file
from ..law import yaml_values
from ..law.jurisdictions import CASE_JURISDICTIONS, choose
from ..law.loading import Law
from ..law.model import UNKNOWN, Answers, Bilingual, Verdict
from ..reasoning.decision import combine_verdicts
from ..result.join import joined

CASE_KINDS = ("decision", "registration", "pending", "event")
VERIFICATION = ("V", "S")
SOURCE_TYPES = ("primary", "secondary", "lead")
CASE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SOURCE_MARK = re.compile(r"\[(\d+)\]")
_URL = re.compile(r"^https?://\S+$")

_CASE_KEYS = (
    "id",
    "title",
    "forum",
    "date",
    "citation",
    "jurisdiction",
    "kind",
    "sources",
    "verification",
)
_CASE_OPTIONAL = ("date_note", "authority", "topics")
_TOP_KEYS = ("case", "facts", "outcome", "notes")
_TOP_OPTIONAL = ("answers", "known_divergence", "answer_sources")
_READING = "reading"  # answer_sources key: not stated; the questionnaire takes no "unknown"


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class Source:
    url: str
    type: str  # primary | secondary | lead (a mirror or forum: only a lead to check)
    note: str | None = None
    note_zh: str | None = None  # the note in Chinese, when the file gives it as {en, zh}


@dataclass(frozen=True)
class ElementHolding:
    """What was held (or what the rules say) for one element of the work."""

    element: str
    verdict: Verdict
    author: str | None = None  # None: the decision did not say


@dataclass(frozen=True)
class Holding:
    ruling: bool  # was there a ruling on copyrightability / authorship?
    pending: bool
    summary: Bilingual
    elements: tuple[ElementHolding, ...] = ()
    verdict: Verdict | None = None  # the work as a whole, for facts-only files

    def element(self, element_id: str) -> ElementHolding | None:
        return next((e for e in self.elements if e.element == element_id), None)

    def work_verdict(self) -> Verdict | None:
        if self.elements:
            return combine_verdicts([e.verdict for e in self.elements])
        return self.verdict


@dataclass(frozen=True)
class Divergence:
    """A documented disagreement: what the rules are known to say, and why."""

    rules_say: tuple[ElementHolding, ...]
    explanation: Bilingual


@dataclass(frozen=True)
class Case:
    id: str
    title: Bilingual
    forum: Bilingual
    date: dt.date
    citation: str
    jurisdiction: str
    kind: str
    sources: tuple[Source, ...]
    verification: str
    facts: Bilingual
    holding: Holding
    notes: Bilingual
    path: str
    answers: Answers | None = None
    divergence: Divergence | None = None
    date_note: Bilingual | None = None
    citation_zh: str | None = None  # the citation in Chinese, when the file gives {en, zh}
    authority: str | None = None
    topics: tuple[str, ...] = ()  # ids from the vocabulary's `topics`, for `cases list --topic`
    answer_sources: dict[str, tuple[str, ...]] | None = None  # "work.q" / "element.q" -> marks

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def facts_only(self) -> bool:
        return self.answers is None


# ---------------------------------------------------------------- loading


def load_case(path: Path | str, law: Law) -> Case:
    """Read and validate one case file; every mistake is one InputError with file:line."""
    path = Path(path)
    display = str(path)
    top = yaml_values.mapping(
        load_yaml_file(path),
        "case file",
        Location(display),
        required=_TOP_KEYS,
        optional=_TOP_OPTIONAL,
    )
    head = yaml_values.mapping(
        top["case"], "'case'", top.where("case"), required=_CASE_KEYS, optional=_CASE_OPTIONAL
    )
    case_id = head["id"]
    if not isinstance(case_id, str) or not CASE_ID_PATTERN.match(case_id):
        raise InputError(
            f"case id is {yaml_values.type_name(case_id)}",
            head.where("id"),
            "lower-case words joined by '-'",
        )
    if case_id != path.stem:
        raise InputError(
            f"case id {case_id!r} differs from the file name {path.name!r}",
            head.where("id"),
            f"id: {path.stem} (the file name without .yaml)",
        )
    sources = _sources(head["sources"], head.where("sources"))
    authority = None
    if "authority" in head:
        authority = yaml_values.text(head["authority"], "authority", head.where("authority"))
        if authority not in law.authorities:
            raise InputError(
                f"unknown authority {authority!r}{did_you_mean(authority, law.authorities)}",
                head.where("authority"),
                "an id from rules/authorities.yaml",
            )
    topics = _topics(head["topics"], head.where("topics"), law) if "topics" in head else ()
    facts = yaml_values.bilingual(top["facts"], "'facts'", top.where("facts"))
    _check_sourced(facts, top["facts"], head["sources"])
    answers = None
    if "answers" in top:
        answers = answers_from_data(top["answers"], law, display)
    answer_sources = None
    if "answer_sources" in top:
        if answers is None:
            raise InputError(
                "'answer_sources' without 'answers'",
                top.where("answer_sources"),
                "an 'answers:' block whose answers it sources",
            )
        answer_sources = _answer_sources(
            top["answer_sources"], top.where("answer_sources"), answers, len(sources), law
        )
    citation, citation_zh = yaml_values.line_or_bilingual(
        head["citation"], "citation", head.where("citation")
    )
    holding = _holding(top["outcome"], top.where("outcome"), answers, law)
    divergence = None
    if "known_divergence" in top:
        divergence = _divergence(
            top["known_divergence"], top.where("known_divergence"), answers, holding, law
        )
    return Case(
        id=case_id,
        title=yaml_values.bilingual_line(head["title"], "title", head.where("title")),
        forum=yaml_values.bilingual(head["forum"], "forum", head.where("forum")),
        date=yaml_values.date(head["date"], "date", head.where("date")),
        date_note=(
            yaml_values.bilingual(head["date_note"], "date_note", head.where("date_note"))
            if "date_note" in head
            else None
        ),
        citation=citation,
        citation_zh=citation_zh,
        authority=authority,
        topics=topics,
        jurisdiction=yaml_values.one_of(
            head["jurisdiction"],
            "jurisdiction",
            head.where("jurisdiction"),
            case_jurisdictions(law),
        ),
        kind=yaml_values.one_of(head["kind"], "kind", head.where("kind"), CASE_KINDS),
        sources=sources,
        verification=yaml_values.one_of(
            head["verification"], "verification", head.where("verification"), VERIFICATION
        ),
        facts=facts,
        answers=answers,
        holding=holding,
        divergence=divergence,
        notes=yaml_values.bilingual(top["notes"], "'notes'", top.where("notes")),
        path=display,
        answer_sources=answer_sources,
    )


def localized_case(case: Case, lang: str) -> Case:
    """The case with its texts given in both languages in `lang`: the citation, the source
    notes, and the answers' title and element labels, which the reasoning prints.

    A case is read in either language, so its one-language texts (facts, notes) are
    already Bilingual; these are the texts of an answers file, which holds one string.
    """
    if lang != "zh":
        return case
    sources = tuple(
        dataclasses.replace(source, note=source.note_zh or source.note) for source in case.sources
    )
    answers = localized(case.answers, lang) if case.answers is not None else None
    citation = case.citation_zh or case.citation
    return dataclasses.replace(case, sources=sources, answers=answers, citation=citation)


def case_jurisdictions(law: Law) -> tuple[str, ...]:
    """Where a case may be decided: the usual places, and any jurisdiction with a rule set."""
    return CASE_JURISDICTIONS + tuple(j for j in law.rulesets if j not in CASE_JURISDICTIONS)


def load_cases(folder: Path | str, law: Law) -> list[Case]:
    """Every case file of a folder, sorted by date then id (stable output)."""
    folder = display_path(Path(folder))
    if not folder.is_dir():
        raise InputError(
            "cases folder not found", Location(str(folder)), "a folder of case files (cases/*.yaml)"
        )
    cases = [load_case(path, law) for path in iter_yaml_files(folder)]
    return sorted(cases, key=lambda case: (case.date, case.id))


def find_case(folder: Path | str, reference: str, law: Law) -> Case:
    """A case by id (`zarya-of-the-dawn`), by a unique start or part of its id (`zarya`,
    `butterfly`), or by path (`cases/zarya-of-the-dawn.yaml`).

    Students remember a case by a name, not by its slug, so a unique prefix (then a
    unique part) is enough; an ambiguous one names the candidates, and a miss
    suggests the nearest id.
    """
    as_path = Path(reference)
    if as_path.suffix in {".yaml", ".yml"}:
        return load_case(as_path, law)
    folder = display_path(Path(folder))
    path = folder / f"{reference}.yaml"
    if path.is_file():
        return load_case(path, law)
    known = [p.stem for p in iter_yaml_files(folder)] if folder.is_dir() else []
    wanted = reference.strip().lower()
    for matches in (
        [k for k in known if k.startswith(wanted)],
        [k for k in known if wanted and wanted in k],
    ):
        if len(matches) == 1:
            return load_case(folder / f"{matches[0]}.yaml", law)
        if len(matches) > 1:
            raise InputError(
                f"case {reference!r} is ambiguous: it matches " + ", ".join(matches),
                _library_location(folder),
                "more of the id, e.g. " + matches[0],
            )
    raise InputError(
        f"no case {reference!r}{_nearest_case(wanted, known)}",
        _library_location(folder),
        "a case id or its start; `copyrightable cases list` shows them",
    )


def _nearest_case(wanted: str, known: Sequence[str]) -> str:
    """A did-you-mean for a whole id, or for a mistyped start (`zaria` -> zarya-of-the-dawn)."""
    whole = did_you_mean(wanted, known)
    if whole or not wanted:
        return whole
    starts: dict[str, str] = {}
    for case_id in known:
        starts.setdefault(case_id[: len(wanted)], case_id)
    close = difflib.get_close_matches(wanted, sorted(starts), n=1, cutoff=0.6)
    return f' (did you mean "{starts[close[0]]}"?)' if close else ""


def _library_location(folder: Path) -> Location | None:
    """The folder, for a folder the user named; nothing for the shipped library, whose
    installed path says nothing to a reader."""
    return None if folder.resolve() == cases_dir().resolve() else Location(str(folder))


def case_answers(path: Path | str, law: Law) -> Answers:
    """The answers of a case file, after validating the whole file (for evaluate/report)."""
    case = load_case(path, law)
    if case.answers is None:
        raise InputError(
            "this case file has facts but no answers (a facts-only case)",
            Location(case.path),
            "a case file with an 'answers:' block",
        )
    return case.answers


def _sources(value: Any, location: Location) -> tuple[Source, ...]:
    items = yaml_values.sequence(value, "'sources'", location, allow_empty=False)
    sources = []
    for index, item in enumerate(items):
        at = items.where(index)
        body = yaml_values.mapping(
            item, f"source {index + 1}", at, required=("url", "type"), optional=("note",)
        )
        url = yaml_values.text(body["url"], "url", body.where("url"))
        if not _URL.match(url):
            raise InputError(
                f"source url {url!r} is not a web address",
                body.where("url"),
                "a URL starting with http:// or https://",
            )
        kind = yaml_values.one_of(body["type"], "source type", body.where("type"), SOURCE_TYPES)
        note = note_zh = None
        if "note" in body:
            note, note_zh = yaml_values.line_or_bilingual(body["note"], "note", body.where("note"))
        sources.append(Source(url, kind, note, note_zh))
    return tuple(sources)


def _topics(value: Any, location: Location, law: Law) -> tuple[str, ...]:
    """Topics from the vocabulary, each once: a typo would silently drop a case from a filter."""
    items = yaml_values.sequence(value, "'topics'", location, allow_empty=False)
    known = law.vocabulary.ids("topics")
    chosen: list[str] = []
    for index, item in enumerate(items):
        at = items.where(index)
        if not isinstance(item, str) or item not in known:
            shown = item if isinstance(item, str) else yaml_values.type_name(item)
            raise InputError(
                f"unknown topic {shown!r}"
                f"{did_you_mean(str(item), known) if isinstance(item, str) else ''}",
                at,
                "one of: " + ", ".join(known) + " (rules/vocabulary.yaml)",
            )
        if item in chosen:
            raise InputError(f"topic {item!r} is listed twice", at, "each topic once")
        chosen.append(item)
    return tuple(chosen)


def _answer_sources(
    value: Any, location: Location, answers: Answers, count: int, law: Law
) -> dict[str, tuple[str, ...]]:
    """`answer_sources:` where each stated answer comes from, checked both ways.

    Keys are the facts' source marks ("[2]") or `reading` (the sources are
    silent but the questionnaire takes no "unknown": the reading of silence,
    not shown so not assumed). Values list answers as `question` (the work's)
    or `element.question`. Every answer other than "unknown" must be listed,
    and an unknown answer never is: silence has no source.
    """
    body = yaml_values.mapping(
        value,
        "'answer_sources'",
        location,
        optional=[*(f"[{n}]" for n in range(1, count + 1)), _READING],
    )
    stated = {q: v for q, v in answers.work.items()}
    for element in answers.elements:
        stated.update({f"{element.id}.{q}": v for q, v in element.answers.items()})
    found: dict[str, list[str]] = {}
    for mark, items in body.items():
        listed = yaml_values.sequence(
            items, f"'answer_sources.{mark}'", body.where(mark), allow_empty=False
        )
        for index, item in enumerate(listed):
            at = listed.where(index)
            if not isinstance(item, str) or item not in stated:
                raise InputError(
                    f"answer_sources lists {item!r}, which is no answer of this "
                    f"file{did_you_mean(str(item), stated)}",
                    at,
                    "a work question id, or element.question",
                )
            if stated[item] == UNKNOWN:
                raise InputError(
                    f"answer_sources lists {item!r}, which is answered unknown",
                    at,
                    "only stated answers: an unknown has no source",
                )
            question = law.questions()[item.rsplit(".", 1)[-1]]
            if mark == _READING and question.unknown_allowed:
                raise InputError(
                    f"answer_sources lists {item!r} under 'reading', but question "
                    f"{question.id!r} takes 'unknown'",
                    at,
                    "a source mark [n], or the answer 'unknown' if the sources are silent",
                )
            found.setdefault(item, []).append(mark)
    missing = [key for key, v in stated.items() if v != UNKNOWN and key not in found]
    if missing:
        raise InputError(
            f"answer {missing[0]!r} names no source in 'answer_sources'",
            location,
            "each stated answer under a source mark [n], or under 'reading'",
        )
    return {key: tuple(marks) for key, marks in found.items()}


def _check_sourced(facts: Bilingual, body: LocatedDict, sources: LocatedList) -> None:
    """Every paragraph of the facts names its source as [n]; every source is used."""
    count = len(sources)
    used: set[int] = set()
    for lang in ("en", "zh"):
        at = body.where(lang)
        for paragraph in _paragraphs(facts.get(lang)):
            marks = [int(n) for n in _SOURCE_MARK.findall(paragraph)]
            if not marks:
                shown = paragraph if len(paragraph) <= 50 else paragraph[:47] + "..."
                raise InputError(
                    f"a paragraph of facts.{lang} names no source: {shown!r}",
                    at,
                    f"a source mark [n] (n from 1 to {count}) in each paragraph",
                )
            for mark in marks:
                if not 1 <= mark <= count:
                    raise InputError(
                        f"facts.{lang} cites source [{mark}], but 'sources' lists {count}",
                        at,
                        f"[n] with n from 1 to {count}",
                    )
            used.update(marks)
    unused = sorted(set(range(1, count + 1)) - used)
    if unused:
        raise InputError(
            f"source [{unused[0]}] is never cited in the facts",
            sources.where(unused[0] - 1),
            "each source cited as [n] in at least one paragraph, or removed",
        )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _holding(value: Any, location: Location, answers: Answers | None, law: Law) -> Holding:
    body = yaml_values.mapping(
        value,
        "'outcome'",
        location,
        required=("ruling", "summary"),
        optional=("pending", "elements", "verdict"),
    )
    ruling = _flag(body, "ruling")
    pending = _flag(body, "pending") if "pending" in body else False
    if ruling and pending:
        raise InputError(
            "an outcome cannot be both a ruling and pending",
            body.where("pending"),
            "ruling: false with pending: true (no ruling yet)",
        )
    summary = yaml_values.bilingual(body["summary"], "outcome summary", body.where("summary"))
    elements: tuple[ElementHolding, ...] = ()
    verdict = None
    if "elements" in body:
        if not ruling:
            raise InputError(
                "outcome elements given without a ruling",
                body.where("elements"),
                "ruling: true, or no 'elements' (no verdict was given)",
            )
        if answers is None:
            raise InputError(
                "outcome elements need the case's answers (their element ids)",
                body.where("elements"),
                "an 'answers:' block, or a work-level 'verdict:' instead",
            )
        elements = _element_holdings(
            body["elements"], body.where("elements"), answers, law, "outcome elements"
        )
    elif ruling and answers is not None:
        raise InputError(
            "a ruling with answers must say what was held for each element it decided",
            body.location,
            "an 'elements:' mapping under 'outcome'",
        )
    if "verdict" in body:
        if answers is not None or not ruling:
            raise InputError(
                "a work-level 'verdict' is only for facts-only files with a ruling",
                body.where("verdict"),
                "per-element verdicts under 'elements:' when there are answers",
            )
        verdict = Verdict(
            yaml_values.one_of(
                body["verdict"], "verdict", body.where("verdict"), [v.value for v in Verdict]
            )
        )
    return Holding(ruling, pending, summary, elements, verdict)


def _flag(body: LocatedDict, key: str) -> bool:
    value = body[key]
    if not isinstance(value, bool):
        raise InputError(
            f"{key!r} is {yaml_values.type_name(value)}", body.where(key), "true or false"
        )
    return value


def _element_holdings(
    value: Any, location: Location, answers: Answers, law: Law, what: str
) -> tuple[ElementHolding, ...]:
    known = [element.id for element in answers.elements]
    body = yaml_values.mapping(value, f"'{what}'", location, optional=known)
    if not body:
        raise InputError(f"{what} are empty", location, "at least one element of the answers")
    verdicts = [v.value for v in Verdict]
    authors = law.vocabulary.ids("authors")
    holdings = []
    for element_id, raw in body.items():
        at = body.where(element_id)
        item = yaml_values.mapping(
            raw, f"{what} {element_id!r}", at, required=("verdict",), optional=("author",)
        )
        verdict = Verdict(
            yaml_values.one_of(item["verdict"], "verdict", item.where("verdict"), verdicts)
        )
        author = (
            yaml_values.one_of(item["author"], "author", item.where("author"), authors)
            if "author" in item
            else None
        )
        holdings.append(ElementHolding(element_id, verdict, author))
    return tuple(holdings)


def _divergence(
    value: Any, location: Location, answers: Answers | None, holding: Holding, law: Law
) -> Divergence:
    body = yaml_values.mapping(
        value, "'known_divergence'", location, required=("rules_say", "en", "zh")
    )
    if answers is None or not holding.ruling:
        raise InputError(
            "a known divergence needs answers and a ruling to diverge from",
            location,
            "no 'known_divergence' in this file",
        )
    rules_say = _element_holdings(
        body["rules_say"], body.where("rules_say"), answers, law, "known_divergence rules_say"
    )
    for item in rules_say:
        if holding.element(item.element) is None:
            raise InputError(
                f"element {item.element!r} has no actual outcome to diverge from",
                body.where("rules_say"),
                "an element listed under outcome elements",
            )
    explanation = Bilingual(
        en=yaml_values.text(body["en"], "known_divergence.en", body.where("en")),
        zh=yaml_values.text(body["zh"], "known_divergence.zh", body.where("zh")),
    )
    return Divergence(rules_say, explanation)


# ---------------------------------------------------------------- comparing


class Status(StrEnum):
    AGREES = "agrees"
    DOCUMENTED = "documented_divergence"
    FAILS = "fails"
    PENDING = "pending"
    NO_RULING = "no_ruling"
    FACTS_ONLY = "facts_only"
    NO_RULES = "no_rules"  # a ruling in a jurisdiction that has no rule set yet

    @property
    def failed(self) -> bool:
        return self is Status.FAILS


@dataclass(frozen=True)
class ElementComparison:
    element: str
    label: str
    actual: ElementHolding
    rules: ElementHolding
    deciding: tuple[str, ...]

    @property
    def verdict_agrees(self) -> bool:
        return self.actual.verdict is self.rules.verdict

    @property
    def author_agrees(self) -> bool:
        return self.actual.author is None or self.actual.author == self.rules.author

    @property
    def agrees(self) -> bool:
        return self.verdict_agrees and self.author_agrees


@dataclass(frozen=True)
class CaseCheck:
    """One case evaluated under its own jurisdiction's rules and compared with the holding."""

    case: Case
    status: Status
    home: str | None  # the rule set that decides the comparison
    result: Mapping[str, Any] | None  # the Result document (every rule set asked for)
    comparisons: tuple[ElementComparison, ...] = ()
    stale: bool = False  # FAILS: a documented divergence that no longer occurs
    undocumented: tuple[str, ...] = ()  # FAILS: elements whose disagreement is not as documented

    def rules_verdict(self, jurisdiction: str | None = None) -> Verdict | None:
        """The rules' verdict for the work, over the elements the holding decided."""
        wanted = jurisdiction or self.home
        if self.result is None or wanted is None:
            return None
        for entry in self.result["jurisdictions"]:
            if entry["id"] == wanted:
                decided = {e.element for e in self.case.holding.elements}
                verdicts = [
                    Verdict(e["verdict"])
                    for e in entry["elements"]
                    if not decided or e["id"] in decided
                ]
                return combine_verdicts(verdicts)
        return None


class CaseEvaluator:
    """Evaluates cases, preparing each choice of rule sets once for the whole library."""

    def __init__(self, law: Law, timestamp: str = "1970-01-01T00:00:00Z") -> None:
        self.law = law
        self.timestamp = timestamp  # fixed: case output is reproducible byte for byte
        self._evaluators: dict[tuple[str, ...], Evaluator] = {}

    def home(self, case: Case) -> str | None:
        return case.jurisdiction if case.jurisdiction in self.law.rulesets else None

    def result(
        self, case: Case, jurisdictions: Sequence[str] | None = None
    ) -> dict[str, Any] | None:
        """The Result for a case under the rule sets asked for (the default ones by default)."""
        if case.answers is None:
            return None
        key = tuple(jurisdictions or ())
        for jurisdiction in key:
            self.law.ruleset(jurisdiction)  # an unknown id is one clear error
        if key not in self._evaluators:
            self._evaluators[key] = Evaluator(self.law, list(key) or None)
        return joined(self._evaluators[key].evaluate(case.answers, self.timestamp, None))

    def default_with(self, home: str | None) -> list[str]:
        """The default rule sets, plus the case's own, which its check compares against."""
        chosen = choose(self.law.rulesets)
        return choose(self.law.rulesets, [*chosen, home]) if home and home not in chosen else chosen

    def check(self, case: Case) -> CaseCheck:
        home = self.home(case)
        if case.answers is None:
            return CaseCheck(case, Status.FACTS_ONLY, home, None)
        result = self.result(case, self.default_with(home))
        if case.holding.pending:
            return CaseCheck(case, Status.PENDING, home, result)
        if not case.holding.ruling:
            return CaseCheck(case, Status.NO_RULING, home, result)
        if home is None:
            return CaseCheck(case, Status.NO_RULES, None, result)
        assert result is not None
        comparisons = tuple(_compare(case, result, home))
        divergent = tuple(c.element for c in comparisons if not c.agrees)
        return _judge(case, home, result, comparisons, divergent)


def _compare(case: Case, result: Mapping[str, Any], home: str) -> Iterable[ElementComparison]:
    entry = next(j for j in result["jurisdictions"] if j["id"] == home)
    by_id = {element["id"]: element for element in entry["elements"]}
    for actual in case.holding.elements:
        found = by_id[actual.element]
        rules = ElementHolding(actual.element, Verdict(found["verdict"]), found["author"])
        yield ElementComparison(
            actual.element, found["label"], actual, rules, tuple(found["deciding_rules"])
        )


def _judge(
    case: Case,
    home: str,
    result: Mapping[str, Any],
    comparisons: tuple[ElementComparison, ...],
    divergent: tuple[str, ...],
) -> CaseCheck:
    documented = case.divergence
    if not divergent:
        if documented is None:
            return CaseCheck(case, Status.AGREES, home, result, comparisons)
        return CaseCheck(case, Status.FAILS, home, result, comparisons, stale=True)
    if documented is None:
        return CaseCheck(case, Status.FAILS, home, result, comparisons, undocumented=divergent)
    expected = {item.element: item for item in documented.rules_say}
    by_element = {c.element: c for c in comparisons}
    mismatch = []
    for element in sorted(set(expected) | set(divergent)):
        said = expected.get(element)
        now = by_element[element].rules
        if (
            said is None
            or said.verdict is not now.verdict
            or (said.author is not None and said.author != now.author)
        ):
            mismatch.append(element)
    if mismatch:
        return CaseCheck(
            case, Status.FAILS, home, result, comparisons, undocumented=tuple(mismatch)
        )
    return CaseCheck(case, Status.DOCUMENTED, home, result, comparisons)


def filter_cases(
    cases: Iterable[Case],
    jurisdictions: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    topics: Sequence[str] | None = None,
) -> list[Case]:
    """The cases that pass every filter given; several topics mean any of them."""
    chosen = []
    for case in cases:
        if jurisdictions and case.jurisdiction not in jurisdictions:
            continue
        if years and not years[0] <= case.year <= years[1]:
            continue
        if topics and not set(topics) & set(case.topics):
            continue
        chosen.append(case)
    return chosen


def parse_years(text: str) -> tuple[int, int]:
    """`2023` or `2019-2023` (inclusive); InputError otherwise."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not match:
        raise InputError(
            f"--year {text!r} is not a year or a range",
            expected="a year such as 2023, or a range such as 2019-2023",
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise InputError(
            f"--year {text!r} ends before it starts", expected="a range such as 2019-2023"
        )
    return first, last


def check_jurisdictions(
    values: Sequence[str] | None, allowed: Sequence[str], option: str
) -> list[str]:
    """Validate a repeatable jurisdiction option against the ids it may take."""
    chosen = list(values or [])
    for value in chosen:
        if value not in allowed:
            raise InputError(
                f"{option} {value!r} is not known{did_you_mean(value, allowed)}",
                expected="one of: " + ", ".join(allowed),
            )
    return chosen


def check_topics(values: Sequence[str] | None, law: Law) -> list[str]:
    """Validate a repeatable --topic option; `selection-arrangement` is taken for the id
    `selection_arrangement`, as people type ids with either."""
    known = law.vocabulary.ids("topics")
    chosen = []
    for value in values or []:
        topic = value.strip().lower().replace("-", "_")
        if topic not in known:
            raise InputError(
                f"--topic {value!r} is not known{did_you_mean(topic, known)}",
                expected="one of: " + ", ".join(known),
            )
        chosen.append(topic)
    return chosen


@dataclass(frozen=True)
class ListRow:
    """One entry of `cases list`: the case's names and ids and verdicts; the template words them."""

    id: str
    title: Bilingual
    citation: str
    forum: Bilingual
    kind: str
    topics: tuple[str, ...]
    jurisdiction: str
    year: int
    status: Status
    home: str | None
    ruling: bool
    actual: str | None  # the actual verdict for the work (over the elements ruled on)
    rules: tuple[tuple[str, str], ...]  # (rule set, verdict) pairs to show


def list_row(check: CaseCheck) -> ListRow:
    case = check.case
    actual = case.holding.work_verdict() if case.holding.ruling else None
    rules: list[tuple[str, str]] = []
    if check.result is not None:
        if check.home is not None and check.status is not Status.NO_RULING:
            verdict = check.rules_verdict()
            if verdict is not None:
                rules.append((check.home, verdict.value))
        else:
            rules.extend(
                (entry["id"], entry["verdict"]["verdict"])
                for entry in check.result["jurisdictions"]
            )
    return ListRow(
        case.id,
        case.title,
        case.citation,
        case.forum,
        case.kind,
        case.topics,
        case.jurisdiction,
        case.year,
        check.status,
        check.home,
        case.holding.ruling,
        actual.value if actual else None,
        tuple(rules),
    )


@dataclass(frozen=True)
class RecordCounts:
    """How much of the library's record is unknown, and how often that leaves a verdict open.

    The unknown answers are facts the sources do not state; their number must
    never fall by filling in guesses, so `cases check` prints it.
    """

    answers: int
    unknown: int
    verdicts: int  # element verdicts, every rule set, every case with answers
    undetermined: int  # of them, undetermined on the record
    strict_undetermined: int  # of them, undetermined with nothing presumed


def record_counts(checks: Iterable[CaseCheck]) -> RecordCounts:
    answers = unknown = verdicts = undetermined = strict_undetermined = 0
    for check in checks:
        case = check.case
        if case.answers is None or check.result is None:
            continue
        stated = [
            *case.answers.work.values(),
            *(v for element in case.answers.elements for v in element.answers.values()),
        ]
        answers += len(stated)
        unknown += sum(1 for value in stated if value == UNKNOWN)
        for jurisdiction in check.result["jurisdictions"]:
            for element in jurisdiction["elements"]:
                verdicts += 1
                undetermined += element["verdict"] == Verdict.UNDETERMINED.value
                strict_undetermined += element["strict"]["verdict"] == Verdict.UNDETERMINED.value
    return RecordCounts(answers, unknown, verdicts, undetermined, strict_undetermined)
