"""Load the law (authorities, vocabulary, questionnaire, rule sets) strictly.

Everything is cross-checked at load time: a rule may only cite an authority
that exists, test a question that exists with a value that question accepts,
and name contributions, material and authors from the vocabulary. A law bundle
that loads is therefore internally consistent; `static_checks.py` then looks for the
subtler defects (cycles, rules that can never fire, unused questions).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.disk_cache import cached
from ..io.errors import InputError, Location, RuleSetError, did_you_mean
from ..io.resources import rules_dir
from ..io.yaml_files import LocatedDict, display_path, load_yaml_file, read_text
from . import clause_book, yaml_values
from .citations import parse_citations
from .conditions import MAX_NUMBER, normalise_value, parse_condition
from .jurisdictions import choose
from .model import (
    ALL_JURISDICTIONS,
    OPTIONAL_STATES,
    QUESTION_STATES,
    Alternative,
    Authority,
    Bilingual,
    Conclusion,
    Doctrine,
    Finding,
    KindWording,
    Labelled,
    Question,
    Questionnaire,
    QuestionType,
    Recommendation,
    Rule,
    RuleSet,
    Scope,
    Verdict,
    Vocabulary,
)
from .presumptions import load_presumptions

AUTHORITY_KINDS = (
    "statute",
    "regulation",
    "guidance",
    "decision",
    "administrative_decision",
    "standard",
    "pending_case",
)
WEIGHTS = ("binding", "persuasive", "none")
JURISDICTIONS = ("us", "cn", "uk", "eu", "jp", "kr", "in", "hk", "other")
VERIFICATION = ("V", "S")
ELEMENT_KIND_QUESTION = "element_kind"
NO_AUTHOR = "none"  # the author a verdict rule names where nobody is the author
_SHARED_FILES = ("authorities.yaml", "vocabulary.yaml", "questionnaire.yaml")  # every rule set's


@dataclass(frozen=True)
class Law:
    """Everything the engine and the reports need to know about the law."""

    folder: Path
    authorities: Mapping[str, Authority]
    vocabulary: Vocabulary
    questionnaire: Questionnaire
    rulesets: Mapping[str, RuleSet]  # those loaded: every one, or those a command applies
    available: tuple[str, ...] = ()  # every rule set of the folder, loaded or not

    def questions(self) -> dict[str, Question]:
        """The questions an answers file may answer."""
        return self.questionnaire.by_id()

    def all_questions(self) -> dict[str, Question]:
        """Those plus the built-in `element_kind`, which conditions may test."""
        questions = self.questionnaire.by_id()
        questions[ELEMENT_KIND_QUESTION] = element_kind_question(self.vocabulary)
        return questions

    def ruleset(self, ruleset_id: str) -> RuleSet:
        if ruleset_id not in self.rulesets:
            raise InputError(
                f"unknown jurisdiction {ruleset_id!r}{did_you_mean(ruleset_id, self.rulesets)}",
                expected="one of: " + ", ".join(self.rulesets),
            )
        return self.rulesets[ruleset_id]


def load_law(folder: Path | None = None) -> Law:
    """Load and cross-check every file of the law folder (`rules check`, `cases check`)."""
    return _in_use(_load(folder, None))


def _in_use(law: Law) -> Law:
    """The law loaded, its clauses now those the sentences state answers with."""
    clause_book.use(law.all_questions().values())
    return law


def load_law_for(folder: Path | None, jurisdictions: Sequence[str] | None) -> Law:
    """The law a command on these jurisdictions needs: only the rule sets it applies.

    `jurisdictions` is what `-j` asked for (None: the configured default, see
    jurisdictions.py). Only the rule sets chosen are read, from the files named
    after them (`us.yaml` for `us`), so a command on two rule sets does not pay
    for parsing seven; the authorities, vocabulary and questionnaire, which
    every rule set needs, are always read. The Law's `available` still names
    every rule set of the folder. Where a chosen file holds a rule set of
    another id, every file is read instead, so the answer never depends on
    the shortcut. The loaded law is remembered between runs (disk_cache.py),
    keyed by the bytes of the files it was read from.
    """
    chosen = () if jurisdictions is None else tuple(jurisdictions)
    shown = display_path(Path(folder) if folder is not None else rules_dir())
    stems = sorted(p.stem for p in shown.glob("*.yaml") if p.name not in _SHARED_FILES)
    try:
        names = choose(stems, chosen or None)
    except InputError:
        names = []  # reported by the full read, against the rule sets' ids
    paths = [shown / name for name in _SHARED_FILES] + [shown / f"{n}.yaml" for n in names]
    if not names or not shown.is_dir() or not all(path.is_file() for path in paths):
        return _in_use(_load(folder, chosen))  # nothing to key on: the read reports what is wrong
    try:
        parts = [str(shown).encode(), "/".join(stems).encode(), "/".join(names).encode()]
        parts += [path.read_bytes() for path in paths]
    except OSError:
        return _in_use(_load(folder, chosen))
    return _in_use(cached(parts, lambda: _load(folder, chosen)))


def _load(folder: Path | None, jurisdictions: Sequence[str] | None) -> Law:
    """Every rule set (`jurisdictions` None), or those chosen by `jurisdictions` (() = default)."""
    folder = display_path(Path(folder) if folder is not None else rules_dir())
    if not folder.is_dir():
        there = folder.exists() or folder.is_symlink()
        raise InputError(
            "not a folder" if there else "rules folder not found",
            Location(str(folder)),
            "a folder with questionnaire.yaml, authorities.yaml, "
            "vocabulary.yaml and one YAML file per jurisdiction",
        )
    files = {
        path.stem: path for path in sorted(folder.glob("*.yaml")) if path.name not in _SHARED_FILES
    }
    authorities = load_authorities(folder / "authorities.yaml")
    vocabulary = load_vocabulary(folder / "vocabulary.yaml")
    questionnaire = load_questionnaire(folder / "questionnaire.yaml", authorities, vocabulary)
    if jurisdictions is not None and files:
        try:  # -j, else the environment, the config, the default
            names = choose(files, jurisdictions or None)
        except InputError:
            names = []  # reported by the full read below, against the rule sets' ids
        chosen: dict[str, RuleSet] = {}
        for ruleset_id in names:
            ruleset = load_ruleset(files[ruleset_id], authorities, vocabulary, questionnaire)
            if ruleset.id != ruleset_id:
                break  # a file not named after its rule set: read them all
            chosen[ruleset_id] = ruleset
        if names and len(chosen) == len(names):
            check_help_keys(questionnaire, files)
            return Law(folder, authorities, vocabulary, questionnaire, chosen, tuple(files))
    rulesets = {}
    for path in files.values():
        ruleset = load_ruleset(path, authorities, vocabulary, questionnaire)
        if ruleset.id in rulesets:
            raise RuleSetError(
                f"rule set id {ruleset.id!r} is used by two files",
                Location(str(path)),
                "one file per rule set id",
            )
        rulesets[ruleset.id] = ruleset
    if not rulesets:
        raise RuleSetError(
            "no rule set found",
            Location(str(folder)),
            "at least one jurisdiction file such as us.yaml",
        )
    check_help_keys(questionnaire, rulesets)
    return Law(folder, authorities, vocabulary, questionnaire, rulesets, tuple(rulesets))


# ---------------------------------------------------------------- authorities


def load_authorities(path: Path) -> dict[str, Authority]:
    data = load_yaml_file(path)
    top = yaml_values.mapping(
        data, "authorities file", Location(str(path)), required=("authorities",)
    )
    entries = yaml_values.sequence(
        top["authorities"], "'authorities'", top.where("authorities"), allow_empty=False
    )
    found: dict[str, Authority] = {}
    for index, entry in enumerate(entries):
        at = entries.where(index)
        body = yaml_values.mapping(
            entry,
            "authority",
            at,
            required=(
                "id",
                "citation",
                "short",
                "kind",
                "weight",
                "jurisdiction",
                "date",
                "verification",
            ),
            optional=("url", "note", "citation_zh", "short_zh", "effective", "until"),
        )
        authority_id = yaml_values.identifier(body["id"], "authority id", body.where("id"))
        if authority_id in found:
            raise RuleSetError(
                f"duplicate authority id {authority_id!r}", body.where("id"), "each authority once"
            )
        url = body.get("url")
        if url is not None:
            url = yaml_values.text(url, "url", body.where("url"))
            if not url.startswith(("https://", "http://")):
                raise RuleSetError(
                    f"url {url!r} is not a web address", body.where("url"), "an http(s) URL"
                )
        found[authority_id] = Authority(
            id=authority_id,
            citation=yaml_values.text(body["citation"], "citation", body.where("citation")),
            short=yaml_values.text(body["short"], "short", body.where("short")),
            kind=yaml_values.one_of(body["kind"], "kind", body.where("kind"), AUTHORITY_KINDS),
            weight=yaml_values.one_of(body["weight"], "weight", body.where("weight"), WEIGHTS),
            jurisdiction=yaml_values.one_of(
                body["jurisdiction"], "jurisdiction", body.where("jurisdiction"), JURISDICTIONS
            ),
            date=yaml_values.date(body["date"], "date", body.where("date")),
            verification=yaml_values.one_of(
                body["verification"], "verification", body.where("verification"), VERIFICATION
            ),
            url=url,
            note=(
                yaml_values.bilingual(body["note"], "note", body.where("note"))
                if "note" in body
                else None
            ),
            citation_zh=(
                yaml_values.text(body["citation_zh"], "citation_zh", body.where("citation_zh"))
                if "citation_zh" in body
                else None
            ),
            short_zh=(
                yaml_values.text(body["short_zh"], "short_zh", body.where("short_zh"))
                if "short_zh" in body
                else None
            ),
            location=at,
            **_in_force_dates(body, "date"),
        )
    return found


def _in_force_dates(body: LocatedDict, start_key: str) -> dict[str, dt.date | None]:
    """The optional `effective` and `until` of an authority or a rule, checked in order.

    `until` is the last day the law applies; it may not come before the day
    it starts to (the rule's `effective`, or the authority's `effective` or date).
    """
    found: dict[str, dt.date | None] = {}
    for key in ("effective", "until"):
        if key in body and start_key != key:
            found[key] = yaml_values.date(body[key], key, body.where(key))
    start_at = "effective" if "effective" in found else start_key
    start = found.get(start_at) or yaml_values.date(
        body[start_key], start_key, body.where(start_key)
    )
    until = found.get("until")
    if until is not None and until < start:
        raise RuleSetError(
            f"until {until.isoformat()} is before {start_at} {start.isoformat()}",
            body.where("until"),
            f"a last day on or after the {start_at} date",
        )
    return found


# ----------------------------------------------------------------- vocabulary

_VOCABULARY_GROUPS = ("element_kinds", "contributions", "material", "authors", "settledness")
# A contribution's `scope`: said of the element whose verdict names it (the default),
# or of the work as a whole (the larger human-authored work that holds the element).
_SCOPES = ("element", "work")


def load_vocabulary(path: Path) -> Vocabulary:
    data = load_yaml_file(path)
    top = yaml_values.mapping(
        data,
        "vocabulary file",
        Location(str(path)),
        required=_VOCABULARY_GROUPS,
        optional=("topics", "doctrines"),
    )
    groups: dict[str, tuple[Labelled, ...]] = {}
    work_level: set[str] = set()
    for group in (*_VOCABULARY_GROUPS, *(g for g in ("topics",) if g in top)):
        entries = yaml_values.sequence(
            top[group], f"'{group}'", top.where(group), allow_empty=False
        )
        parsed = []
        for index, entry in enumerate(entries):
            body = yaml_values.mapping(
                entry,
                f"{group} entry",
                entries.where(index),
                required=("id", "label"),
                optional=("scope",) if group == "contributions" else (),
            )
            parsed.append(
                Labelled(
                    yaml_values.identifier(body["id"], "id", body.where("id")),
                    yaml_values.bilingual(body["label"], "label", body.where("label")),
                )
            )
            if "scope" in body and (
                yaml_values.one_of(body["scope"], "scope", body.where("scope"), _SCOPES) == "work"
            ):
                work_level.add(parsed[-1].id)
        yaml_values.unique_ids([(p.id, entries.where(i)) for i, p in enumerate(parsed)], group)
        groups[group] = tuple(parsed)
    doctrines = _doctrines(top["doctrines"], top.where("doctrines")) if "doctrines" in top else ()
    return Vocabulary(**groups, doctrines=doctrines, work_contributions=frozenset(work_level))


def _doctrines(value: Any, location: Location) -> tuple[Doctrine, ...]:
    """The rule book's headings; a segment under two headings would list a rule twice."""
    entries = yaml_values.sequence(value, "'doctrines'", location, allow_empty=False)
    parsed: list[Doctrine] = []
    owner: dict[str, str] = {}
    for index, entry in enumerate(entries):
        at = entries.where(index)
        body = yaml_values.mapping(
            entry, "doctrines entry", at, required=("id", "label", "about", "segments")
        )
        doctrine_id = yaml_values.identifier(body["id"], "id", body.where("id"))
        items = yaml_values.sequence(
            body["segments"], "'segments'", body.where("segments"), allow_empty=False
        )
        segments = []
        for i, item in enumerate(items):
            segment = yaml_values.identifier(item, "segment", items.where(i))
            if segment in owner:
                raise InputError(
                    f"segment {segment!r} is already under doctrine {owner[segment]!r}",
                    items.where(i),
                    "each id segment under one doctrine",
                )
            owner[segment] = doctrine_id
            segments.append(segment)
        parsed.append(
            Doctrine(
                doctrine_id,
                yaml_values.bilingual(body["label"], "label", body.where("label")),
                yaml_values.bilingual(body["about"], "about", body.where("about")),
                tuple(segments),
            )
        )
    yaml_values.unique_ids([(d.id, entries.where(i)) for i, d in enumerate(parsed)], "doctrines")
    return tuple(parsed)


# -------------------------------------------------------------- questionnaire

_QUESTION_KEYS_REQUIRED = ("id", "scope", "type", "text", "help", "cites")
_QUESTION_KEYS_OPTIONAL = (
    "choices",
    "unknown_allowed",
    "required",
    "min",
    "max",
    "default",
    "ask_if",
    "by_kind",
    "states",
)


def element_kind_question(vocabulary: Vocabulary) -> Question:
    """The built-in question every element answers: what kind of element it is."""
    return Question(
        id=ELEMENT_KIND_QUESTION,
        scope=Scope.ELEMENT,
        type=QuestionType.SINGLE,
        text=Bilingual("What kind of element is this?", "这一组成部分属于哪一类？"),
        help=Bilingual(
            "Verdicts are given element by element, as the Copyright Office "
            "decides them (text, images, their arrangement).",
            "结论按组成部分分别作出（文字、图像、编排）。",
        ),
        cites=(),
        choices=vocabulary.element_kinds,
        # built in, so its clauses are too (every other question's are in questionnaire.yaml)
        states=(
            (
                "answer",
                Bilingual("the element is classed as {choice}", "本组成部分的类型为{choice}"),
            ),
            ("open", Bilingual("what kind of element it is", "本组成部分的类型")),
        ),
    )


def _by_kind(
    body: LocatedDict, question: Question, vocabulary: Vocabulary
) -> tuple[KindWording, ...]:
    """`by_kind: {text: {text: {en, zh}, choices: {minor: {en, zh}}}}`: wording per element kind."""
    if "by_kind" not in body:
        return ()
    at = body.where("by_kind")
    if question.scope is not Scope.ELEMENT:
        raise RuleSetError(
            f"work question {question.id!r} has wording by element kind",
            at,
            "by_kind on element questions only",
        )
    kinds = list(body["by_kind"]) if isinstance(body["by_kind"], dict) else []
    entries = yaml_values.mapping(body["by_kind"], "'by_kind'", at, optional=kinds)
    known = vocabulary.ids("element_kinds")
    found = []
    for kind in entries:
        where = entries.where(kind)
        if kind not in known:
            raise RuleSetError(
                f"by_kind names element kind {kind!r}{did_you_mean(kind, known)}",
                where,
                "one of: " + ", ".join(known),
            )
        entry = yaml_values.mapping(
            entries[kind], f"by_kind.{kind}", where, optional=("text", "choices")
        )
        if not entry:
            raise RuleSetError(f"by_kind.{kind} changes nothing", where, "'text' or 'choices'")
        text = (
            yaml_values.bilingual(entry["text"], f"by_kind.{kind}.text", entry.where("text"))
            if "text" in entry
            else None
        )
        labels: list[tuple[str, Bilingual]] = []
        if "choices" in entry:
            ids = question.choice_ids()
            names = list(entry["choices"]) if isinstance(entry["choices"], dict) else []
            choices = yaml_values.mapping(
                entry["choices"], f"by_kind.{kind}.choices", entry.where("choices"), optional=names
            )
            for choice_id in choices:
                if choice_id not in ids:
                    raise RuleSetError(
                        f"by_kind.{kind} relabels unknown choice {choice_id!r}"
                        f"{did_you_mean(str(choice_id), ids)}",
                        choices.where(choice_id),
                        "a choice id of the question",
                    )
                labels.append(
                    (
                        choice_id,
                        yaml_values.bilingual(
                            choices[choice_id], "label", choices.where(choice_id)
                        ),
                    )
                )
        found.append(KindWording(kind, text, tuple(labels)))
    return tuple(found)


def _states(body: LocatedDict, question: Question) -> tuple[tuple[str, Bilingual], ...]:
    """`states: {yes: {en, zh}, no: {en, zh}}` (or answer/open, answer/one/open): the
    clause each answer states, checked here so that a typo never reaches an opinion.

    YAML reads a bare `yes:`/`no:` key as a boolean; it is taken as the word written.
    """
    if "states" not in body:
        return ()
    at = body.where("states")
    kinds = QUESTION_STATES.get(question.type.value)
    if kinds is None:
        raise RuleSetError(
            f"a {question.type.value} question takes no states",
            at,
            "states on yes_no, single, multiple or number questions",
        )
    raw = body["states"]
    if not isinstance(raw, dict):
        raise RuleSetError(f"states is {yaml_values.type_name(raw)}", at, "a mapping")
    found: dict[str, Bilingual] = {}
    for key, value in raw.items():
        where = raw.where(key) if isinstance(raw, LocatedDict) else at
        name = {True: "yes", False: "no"}.get(key, key) if isinstance(key, bool) else key
        if name not in kinds:
            raise RuleSetError(
                f"unknown state {name!r} for a {question.type.value} question"
                f"{did_you_mean(str(name), list(kinds))}",
                where,
                "one of: " + ", ".join(kinds),
            )
        text = yaml_values.bilingual_line(value, f"states.{name}", where)
        allowed, needed = kinds[name]
        for lang in ("en", "zh"):
            _check_placeholders(text.get(lang), f"states.{name}.{lang}", where, allowed, needed)
        found[str(name)] = text
    missing = [k for k in kinds if k not in found and k not in OPTIONAL_STATES]
    if missing:
        raise RuleSetError(
            f"states of question {question.id!r} lack {', '.join(map(repr, missing))}",
            at,
            "every one of: " + ", ".join(k for k in kinds if k not in OPTIONAL_STATES),
        )
    return tuple((k, found[k]) for k in kinds if k in found)


def _check_placeholders(
    text: str, what: str, where: Location, allowed: frozenset[str], needed: frozenset[str]
) -> None:
    """Only `{you}`-style placeholders this state allows, and those it needs."""
    shown = " ".join("{" + p + "}" for p in sorted(allowed))
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as problem:
        raise RuleSetError(f"{what}: {problem}", where, f"placeholders {shown} only") from None
    used = set()
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in allowed or spec or conversion:
            raise RuleSetError(
                f"{what} has placeholder {{{field}}}", where, f"placeholders {shown} only"
            )
        used.add(field)
    for field in sorted(needed - used):
        raise RuleSetError(f"{what} does not say {{{field}}}", where, f"a {{{field}}} in the text")


def load_questionnaire(
    path: Path, authorities: Mapping[str, Authority], vocabulary: Vocabulary
) -> Questionnaire:
    data = load_yaml_file(path)
    top = yaml_values.mapping(
        data, "questionnaire file", Location(str(path)), required=("questionnaire", "questions")
    )
    header = yaml_values.mapping(
        top["questionnaire"], "'questionnaire'", top.where("questionnaire"), required=("version",)
    )
    version = _version(header["version"], header.where("version"))
    entries = yaml_values.sequence(
        top["questions"], "'questions'", top.where("questions"), allow_empty=False
    )
    # First pass: the questions without their ask_if, so conditions can refer forward.
    bodies: list[LocatedDict] = []
    questions: dict[str, Question] = {ELEMENT_KIND_QUESTION: element_kind_question(vocabulary)}
    for index, entry in enumerate(entries):
        body = yaml_values.mapping(
            entry,
            "question",
            entries.where(index),
            required=_QUESTION_KEYS_REQUIRED,
            optional=_QUESTION_KEYS_OPTIONAL,
        )
        question = _question_without_condition(body, authorities)
        question = _replace(
            question,
            by_kind=_by_kind(body, question, vocabulary),
            states=_states(body, question),
        )
        if question.id in questions:
            raise RuleSetError(
                f"duplicate question id {question.id!r}", body.where("id"), "each question id once"
            )
        questions[question.id] = question
        bodies.append(body)
    # Second pass: ask_if conditions, which may name any question.
    final = []
    for body in bodies:
        question = questions[body["id"]]
        if "ask_if" in body:
            condition = parse_condition(body["ask_if"], body.where("ask_if"), questions, None)
            question = _replace(question, ask_if=condition)
            questions[question.id] = question
        final.append(question)
    _check_ask_if_scopes(final, questions)
    return Questionnaire(version, tuple(final), str(path))


def _replace(question: Question, **changes: Any) -> Question:
    from dataclasses import replace

    return replace(question, **changes)


def _question_without_condition(
    body: LocatedDict, authorities: Mapping[str, Authority]
) -> Question:
    question_id = yaml_values.identifier(body["id"], "question id", body.where("id"))
    if "__" in question_id:
        raise RuleSetError(
            f"question id {question_id!r} contains '__'",
            body.where("id"),
            "single underscores only",
        )
    kind = QuestionType(
        yaml_values.one_of(
            body["type"], "type", body.where("type"), [t.value for t in QuestionType]
        )
    )
    choices: tuple[Labelled, ...] = ()
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        if "choices" not in body:
            raise RuleSetError(
                f"{kind.value} question {question_id!r} has no choices",
                body.where(),
                "a 'choices' list",
            )
        entries = yaml_values.sequence(
            body["choices"], "'choices'", body.where("choices"), allow_empty=False
        )
        parsed = []
        for index, entry in enumerate(entries):
            choice = yaml_values.mapping(
                entry, "choice", entries.where(index), required=("id", "label")
            )
            choice_id = yaml_values.identifier(choice["id"], "choice id", choice.where("id"))
            if choice_id == "unknown":
                raise RuleSetError(
                    "'unknown' cannot be a choice id",
                    choice.where("id"),
                    "unknown_allowed: true on the question instead",
                )
            parsed.append(
                Labelled(
                    choice_id,
                    yaml_values.bilingual(choice["label"], "label", choice.where("label")),
                )
            )
        yaml_values.unique_ids([(c.id, entries.where(i)) for i, c in enumerate(parsed)], "choice")
        choices = tuple(parsed)
    elif "choices" in body:
        raise RuleSetError(
            f"a {kind.value} question takes no choices",
            body.where("choices"),
            "choices only on single or multiple questions",
        )
    help_parts, help_locations = _help(body["help"], body.where("help"))
    minimum = maximum = None
    for bound in ("min", "max"):
        if bound in body:
            if kind is not QuestionType.NUMBER:
                raise RuleSetError(f"'{bound}' applies to number questions only", body.where(bound))
            value = body[bound]
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not -MAX_NUMBER <= value <= MAX_NUMBER
            ):
                raise RuleSetError(
                    f"'{bound}' is {yaml_values.type_name(value)}",
                    body.where(bound),
                    f"a number between {-MAX_NUMBER:g} and {MAX_NUMBER:g}",
                )
            if bound == "min":
                minimum = float(value)
            else:
                maximum = float(value)
    question = Question(
        id=question_id,
        scope=Scope(
            yaml_values.one_of(
                body["scope"], "scope", body.where("scope"), [s.value for s in Scope]
            )
        ),
        type=kind,
        text=yaml_values.bilingual(body["text"], "text", body.where("text")),
        help=help_parts,
        help_locations=help_locations,
        cites=parse_citations(body["cites"], body.where("cites"), authorities, allow_empty=False),
        choices=choices,
        unknown_allowed=_flag(body, "unknown_allowed", False),
        required=_flag(body, "required", True),
        minimum=minimum,
        maximum=maximum,
        location=body.where(),
    )
    if "default" in body:
        try:
            default = normalise_value(question, body["default"])
        except ValueError as problem:
            raise RuleSetError(f"default: {problem}", body.where("default")) from None
        question = _replace(question, default=default)
    return question


def _help(
    value: Any, location: Location
) -> tuple[tuple[tuple[str, Bilingual], ...], tuple[Location, ...]]:
    """`help: {all: {en, zh}, us: {en, zh}, ...}`; a bare `{en, zh}` is short for `all`.

    The keys are rule-set ids (checked once the rule sets are loaded) or `all`,
    so that each forum's explanation is shown only to a reader asking about it.
    """
    keys = list(value) if isinstance(value, dict) else []
    body = yaml_values.mapping(value, "help", location, optional=keys)
    if not body:
        raise RuleSetError(
            "help is empty",
            location,
            f"'{ALL_JURISDICTIONS}' or rule-set ids, each with {{en, zh}}",
        )
    if set(body) & {"en", "zh"}:
        if set(body) - {"en", "zh"}:
            raise RuleSetError(
                "help mixes {en, zh} text with per-jurisdiction keys",
                location,
                f"either {{en, zh}} or keys such as '{ALL_JURISDICTIONS}', 'us'",
            )
        return ((ALL_JURISDICTIONS, yaml_values.bilingual(body, "help", location)),), (location,)
    parts, where = [], []
    for key in body:
        at = body.where(key)
        name = yaml_values.identifier(key, "help key", at)
        parts.append((name, yaml_values.bilingual(body[key], f"help.{name}", at)))
        where.append(at)
    return tuple(parts), tuple(where)


def check_help_keys(questionnaire: Questionnaire, ruleset_ids: Collection[str]) -> None:
    """Every help key names a loaded rule set or `all`: a typo would hide help from everyone."""
    allowed = [ALL_JURISDICTIONS, *ruleset_ids]
    for question in questionnaire.questions:
        if isinstance(question.help, Bilingual):
            continue
        for (key, _), at in zip(question.help, question.help_locations, strict=True):
            if key not in allowed:
                raise RuleSetError(
                    f"help of question {question.id!r} is keyed {key!r}, which "
                    f"is no rule set{did_you_mean(key, allowed)}",
                    at,
                    "one of: " + ", ".join(allowed),
                )


def _decides(rule: Rule) -> str:
    """What a rule's `overrides` can displace: a verdict, an author, or nothing."""
    if rule.then.verdict is not None:
        return "a verdict rule"
    if rule.then.author is not None:
        return "an author rule"
    return "a rule with no verdict or author"


def _flag(body: LocatedDict, key: str, default: bool) -> bool:
    if key not in body:
        return default
    value = body[key]
    if not isinstance(value, bool):
        raise RuleSetError(
            f"'{key}' is {yaml_values.type_name(value)}", body.where(key), "yes or no"
        )
    return value


def _check_ask_if_scopes(final: list[Question], questions: Mapping[str, Question]) -> None:
    """An ask_if may only look at answers given before the question is asked.

    The interview asks work questions first, then each element's questions in
    file order; a condition on a later answer could never be decided in time,
    and a work question cannot depend on an element (which element's answer?).
    """
    from .conditions import questions_in

    position = {question.id: index for index, question in enumerate(final)}
    for question in final:
        for name in sorted(questions_in(question.ask_if)):
            other = questions[name]
            if question.scope is Scope.WORK and other.scope is Scope.ELEMENT:
                raise RuleSetError(
                    f"work question {question.id!r} is asked only if element "
                    f"question {name!r} holds",
                    question.location,
                    "a work question's ask_if to test work questions",
                )
            if name == ELEMENT_KIND_QUESTION or other.scope is not question.scope:
                continue
            if position[name] >= position[question.id]:
                raise RuleSetError(
                    f"question {question.id!r} is asked only if {name!r} holds, "
                    "but that question comes later",
                    question.location,
                    "ask_if to test questions listed earlier",
                )


# ------------------------------------------------------------------ rule sets

_RULE_REQUIRED = ("id", "statement", "when", "then", "settledness", "effective", "cites")
_RULE_OPTIONAL = ("overrides", "notes", "until")
_THEN_KEYS = (
    "findings",
    "verdict",
    "author",
    "protects",
    "excludes",
    "recommend",
    "alternative",
    "case_by_case",
)


def _version(value: Any, location: Location) -> str:
    """A version is text: an unquoted `1.10` would be read as the number 1.1."""
    if not isinstance(value, str):
        raise InputError(
            f"version is {yaml_values.type_name(value)}",
            location,
            'text in quotes, e.g. version: "2026.11.27"',
        )
    return yaml_values.line(value, "version", location)


def load_ruleset(
    path: Path,
    authorities: Mapping[str, Authority],
    vocabulary: Vocabulary,
    questionnaire: Questionnaire,
) -> RuleSet:
    sha256 = hashlib.sha256(read_text(path).encode("utf-8")).hexdigest()
    data = load_yaml_file(path)
    top = yaml_values.mapping(
        data,
        "rule set file",
        Location(str(path)),
        required=("ruleset", "rules"),
        optional=("findings", "recommendations", "presumptions"),
    )
    header = yaml_values.mapping(
        top["ruleset"],
        "'ruleset'",
        top.where("ruleset"),
        required=("id", "name", "version", "law_as_of"),
    )
    ruleset_id = yaml_values.identifier(header["id"], "rule set id", header.where("id"))
    findings = _labelled_list(top, "findings", "label", Finding, flags=("reported",))
    recommendations = _labelled_list(top, "recommendations", "text", Recommendation)
    finding_ids = {finding.id for finding in findings}
    questions = questionnaire.by_id()
    questions[ELEMENT_KIND_QUESTION] = element_kind_question(vocabulary)
    for index, finding in enumerate(findings):
        if finding.id in questions:  # an explanation names what a condition read by its id
            raise RuleSetError(
                f"finding id {finding.id!r} is also a question's id",
                top["findings"].where(index),
                "a finding id no question uses",
            )
    entries = yaml_values.sequence(top["rules"], "'rules'", top.where("rules"), allow_empty=False)
    rules: list[Rule] = []
    for index, entry in enumerate(entries):
        body = yaml_values.mapping(
            entry, "rule", entries.where(index), required=_RULE_REQUIRED, optional=_RULE_OPTIONAL
        )
        rule_id = yaml_values.identifier(body["id"], "rule id", body.where("id"), dotted=True)
        rules.append(
            Rule(
                id=rule_id,
                statement=yaml_values.bilingual(
                    body["statement"], "statement", body.where("statement")
                ),
                when=parse_condition(body["when"], body.where("when"), questions, finding_ids),
                then=_conclusion(
                    body["then"],
                    body.where("then"),
                    vocabulary,
                    finding_ids,
                    {r.id for r in recommendations},
                    authorities,
                ),
                settledness=yaml_values.one_of(
                    body["settledness"],
                    "settledness",
                    body.where("settledness"),
                    vocabulary.ids("settledness"),
                ),
                effective=yaml_values.date(body["effective"], "effective", body.where("effective")),
                cites=parse_citations(body["cites"], body.where("cites"), authorities),
                overrides=tuple(_id_list(body, "overrides")),
                notes=(
                    yaml_values.bilingual(body["notes"], "notes", body.where("notes"))
                    if "notes" in body
                    else None
                ),
                location=entries.where(index),
                until=_in_force_dates(body, "effective").get("until"),
            )
        )
    yaml_values.unique_ids([(rule.id, rule.location) for rule in rules], "rule")  # type: ignore[misc]
    for rule in rules:
        _check_exclusion_named(rule)
    known_rules = {rule.id for rule in rules}
    for rule in rules:
        for target in rule.overrides:
            if target not in known_rules:
                raise RuleSetError(
                    f"rule {rule.id!r} overrides unknown rule {target!r}"
                    f"{did_you_mean(target, known_rules)}",
                    rule.location,
                    "a rule id of the same rule set",
                )
            if target == rule.id:
                raise RuleSetError(f"rule {rule.id!r} overrides itself", rule.location)
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        for target in rule.overrides:
            if _decides(rule) != _decides(by_id[target]):
                raise RuleSetError(
                    f"rule {rule.id!r} ({_decides(rule)}) overrides rule {target!r} "
                    f"({_decides(by_id[target])})",
                    rule.location,
                    "an exception to a verdict rule that concludes a verdict, and one to "
                    "an author rule that concludes an author",
                )
    presumptions = load_presumptions(
        top, rules, questions, authorities, {r.id for r in recommendations}
    )
    return RuleSet(
        id=ruleset_id,
        name=yaml_values.bilingual(header["name"], "name", header.where("name")),
        version=_version(header["version"], header.where("version")),
        law_as_of=yaml_values.date(header["law_as_of"], "law_as_of", header.where("law_as_of")),
        findings=findings,
        recommendations=recommendations,
        rules=tuple(rules),
        source=str(path),
        sha256=sha256,
        presumptions=presumptions,
    )


def _labelled_list(
    top: LocatedDict, key: str, text_key: str, make: Any, flags: tuple[str, ...] = ()
) -> tuple:
    if key not in top:
        return ()
    entries = yaml_values.sequence(top[key], f"'{key}'", top.where(key))
    parsed = []
    for index, entry in enumerate(entries):
        body = yaml_values.mapping(
            entry, f"{key} entry", entries.where(index), required=("id", text_key), optional=flags
        )
        item_id = yaml_values.identifier(body["id"], "id", body.where("id"))
        if "__" in item_id:
            raise RuleSetError(
                f"id {item_id!r} contains '__'", body.where("id"), "single underscores only"
            )
        parsed.append(
            make(
                item_id,
                yaml_values.bilingual(body[text_key], text_key, body.where(text_key)),
                **{flag: _flag(body, flag, False) for flag in flags},
            )
        )
    yaml_values.unique_ids([(p.id, entries.where(i)) for i, p in enumerate(parsed)], key)
    return tuple(parsed)


def _id_list(body: LocatedDict, key: str) -> list[str]:
    if key not in body:
        return []
    items = yaml_values.sequence(body[key], f"'{key}'", body.where(key), allow_empty=False)
    return [
        yaml_values.identifier(item, f"'{key}' entry", items.where(i), dotted=True)
        for i, item in enumerate(items)
    ]


def _conclusion(
    value: Any,
    location: Location,
    vocabulary: Vocabulary,
    findings: set[str],
    recommendations: set[str],
    authorities: Mapping[str, Authority],
) -> Conclusion:
    body = yaml_values.mapping(value, "'then'", location, optional=_THEN_KEYS)
    if not body:
        raise RuleSetError(
            "'then' concludes nothing", location, "at least one of: " + ", ".join(_THEN_KEYS)
        )

    def ids_from(key: str, allowed: set[str] | list[str], what: str) -> tuple[str, ...]:
        chosen = _id_list(body, key)
        for item in chosen:
            if item not in allowed:
                raise RuleSetError(
                    f"unknown {what} {item!r}{did_you_mean(item, allowed)}",
                    body.where(key),
                    f"a {what} declared in the data",
                )
        return tuple(chosen)

    verdict = None
    if "verdict" in body:
        verdict = Verdict(
            yaml_values.one_of(
                body["verdict"], "verdict", body.where("verdict"), [v.value for v in Verdict]
            )
        )
    author = None
    if "author" in body:
        author = yaml_values.one_of(
            body["author"], "author", body.where("author"), vocabulary.ids("authors")
        )
    alternative = None
    if "alternative" in body:
        alt = yaml_values.mapping(
            body["alternative"],
            "'alternative'",
            body.where("alternative"),
            required=("verdict", "because", "cites"),
        )
        alternative = Alternative(
            verdict=Verdict(
                yaml_values.one_of(
                    alt["verdict"], "verdict", alt.where("verdict"), [v.value for v in Verdict]
                )
            ),
            because=yaml_values.bilingual(alt["because"], "because", alt.where("because")),
            cites=parse_citations(alt["cites"], alt.where("cites"), authorities),
        )
        if verdict is None:
            raise RuleSetError(
                "an 'alternative' needs a 'verdict' beside it", body.where("alternative")
            )
    # `excludes: []`, written out: the rule excludes nothing because the law on the
    # rest is open (checked with the rule's settledness, _check_exclusion_named).
    rest_open = isinstance(body.get("excludes"), list) and not body["excludes"]
    conclusion = Conclusion(
        findings=ids_from("findings", findings, "finding"),
        verdict=verdict,
        author=author,
        protects=ids_from("protects", vocabulary.ids("contributions"), "contribution"),
        excludes=() if rest_open else ids_from("excludes", vocabulary.ids("material"), "material"),
        recommend=ids_from("recommend", recommendations, "recommendation"),
        alternative=alternative,
        case_by_case=_case_by_case(body, verdict),
        rest_open=rest_open,
    )
    if verdict is None and (conclusion.protects or conclusion.excludes):
        raise RuleSetError(
            "'protects' and 'excludes' go with a 'verdict'",
            location,
            "a verdict in the same 'then' (an author rule names only the 'author')",
        )
    if verdict is None and author == NO_AUTHOR:
        raise RuleSetError(
            "an author rule names the author of what is protected, so it cannot be 'none'",
            location,
            "a person's role such as human_user, or `author: none` beside a verdict",
        )
    if verdict is Verdict.PARTIALLY_PROTECTABLE and not conclusion.protects:
        raise RuleSetError(
            "a partially_protectable verdict must name what it protects",
            location,
            "'protects' (and 'excludes')",
        )
    if conclusion.protects and vocabulary.work_contributions.issuperset(conclusion.protects):
        raise RuleSetError(
            f"'protects' names only what is said of the work as a whole "
            f"({', '.join(conclusion.protects)}), nothing in the element itself",
            location,
            "beside it, a contribution of the element (such as human_expression)",
        )
    return conclusion


def _check_exclusion_named(rule: Rule) -> None:
    """A partially protectable verdict names what it excludes, unless the law on the rest is open.

    A rule names as excluded only what its authorities exclude. Where they leave
    the rest open (a floor of protection is certain, the status of the remainder
    is not), the rule says so in so many words, `excludes: []`, and is graded
    `contested`, and its statement says the rest is open. A missing `excludes`
    is a slip, and an empty one on a settled rule or another verdict is too.
    """
    then = rule.then
    if then.rest_open and (
        then.verdict is not Verdict.PARTIALLY_PROTECTABLE or rule.settledness != "contested"
    ):
        raise RuleSetError(
            f"rule {rule.id!r}: 'excludes: []' (the rest left open) is for a contested "
            "partially_protectable verdict",
            rule.location,
            "a list of what is excluded, or settledness 'contested' with a "
            "partially_protectable verdict",
        )
    if then.verdict is Verdict.PARTIALLY_PROTECTABLE and not then.excludes and not then.rest_open:
        raise RuleSetError(
            f"rule {rule.id!r}: a partially_protectable verdict must name what it excludes",
            rule.location,
            "'excludes', or 'excludes: []' with settledness 'contested' where the law "
            "leaves the rest open",
        )


def _case_by_case(body: LocatedDict, verdict: Verdict | None) -> bool:
    """`case_by_case: true`: the verdict follows an authority's lean, not a settled rule."""
    if "case_by_case" not in body:
        return False
    flag = body["case_by_case"]
    if not isinstance(flag, bool):
        raise RuleSetError(
            f"'case_by_case' is {yaml_values.type_name(flag)}",
            body.where("case_by_case"),
            "true or false",
        )
    if flag and verdict in (None, Verdict.UNDETERMINED):
        raise RuleSetError(
            "'case_by_case' marks the lean of a verdict",
            body.where("case_by_case"),
            "a protectable, partially_protectable or not_protectable verdict beside it",
        )
    return flag
