"""Rule tests: YAML files beside the rules, in the style of OpenFisca's tests.

Each test states facts (an answers document) and what the law says about them
(verdicts, authors, rules that must or must not fire). They are run by
`copyrightable rules check` and collected by pytest (see pytest_plugin.py), so
one `pytest` checks both the code and the law.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answers.answers_file import answers_from_data
from ..evaluation.evaluator import Evaluator
from ..io.errors import CopyrightableError, InputError, Location, did_you_mean
from ..io.yaml_files import LocatedDict, load_yaml_file
from ..law import yaml_values
from ..law.loading import Law
from ..result.join import joined

_EXPECT_KEYS = (
    "work",
    "elements",
    "author",
    "settledness",
    "fired",
    "not_fired",
    "overridden",
    "undetermined_by",
    "protects",
    "work_protects",
    "excludes",
    "alternative",
    "assumes",
    "otherwise",
    "strict",
)
BOTH = "both"
READINGS = ("record", "strict")  # on the record (presumptions applied) or strictly
KINDS = ("verdict", "on_the_record")


@dataclass
class RuleTest:
    name: str
    file: Path
    location: Location
    ruleset_ids: list[str]
    answers: Any  # the located answers document
    answers_location: Location
    expect: dict[str, LocatedDict]  # ruleset id -> expectations
    source: dict[str, str] | None = None
    as_of: dt.date | None = None  # the day whose law applies (default: as evaluate does)
    reading: str = "record"  # "strict": every unknown stays unknown (no presumption)
    kind: str = "verdict"  # "on_the_record": also check every assumption both ways


@dataclass
class RuleTestOutcome:
    test: RuleTest
    failures: list[str] = field(default_factory=list)
    fired: dict[str, set[str]] = field(default_factory=dict)  # ruleset -> rules that fired
    result: dict[str, Any] | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def rule_test_files(law: Law) -> list[Path]:
    folder = law.folder / "tests"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def load_rule_tests(path: Path, law: Law) -> list[RuleTest]:
    """Parse one test file; the folder name says which rule set(s) it tests."""
    target = path.parent.name
    if target != BOTH and target not in law.rulesets:
        raise InputError(
            f"rule test folder {target!r} names no rule set"
            f"{did_you_mean(target, [*law.rulesets, BOTH])}",
            Location(str(path)),
            "tests/<rule set id>/ or tests/both/",
        )
    data = load_yaml_file(path)
    top = yaml_values.mapping(data, "rule test file", Location(str(path)), required=("tests",))
    items = yaml_values.sequence(top["tests"], "'tests'", top.where("tests"), allow_empty=False)
    tests = []
    names: set[str] = set()
    for index, item in enumerate(items):
        at = items.where(index)
        body = yaml_values.mapping(
            item,
            "rule test",
            at,
            required=("name", "expect"),
            optional=("answers", "answers_file", "source", "as_of", "reading", "kind"),
        )
        name = yaml_values.text(body["name"], "name", body.where("name"))
        if name in names:
            raise InputError(
                f"two tests are named {name!r}", body.where("name"), "a distinct name per test"
            )
        names.add(name)
        if ("answers" in body) == ("answers_file" in body):
            raise InputError("a rule test needs exactly one of 'answers' and 'answers_file'", at)
        if "answers" in body:
            answers, answers_at = body["answers"], body.where("answers")
        else:
            relative = yaml_values.text(
                body["answers_file"], "answers_file", body.where("answers_file")
            )
            answers_path = (path.parent / relative).resolve()
            answers_at = Location(str(answers_path))
            answers = _answers_part(load_yaml_file(answers_path), answers_at)
        ruleset_ids = list(law.rulesets) if target == BOTH else [target]
        expect_at = body.where("expect")
        if target == BOTH:
            per = yaml_values.mapping(body["expect"], "'expect'", expect_at, optional=ruleset_ids)
            expect = {
                rid: yaml_values.mapping(
                    per[rid], f"'expect.{rid}'", per.where(rid), optional=_EXPECT_KEYS
                )
                for rid in per
            }
            ruleset_ids = [rid for rid in ruleset_ids if rid in expect]
            if not ruleset_ids:
                raise InputError(
                    "'expect' names no rule set",
                    expect_at,
                    "expectations per rule set: " + ", ".join(law.rulesets),
                )
        else:
            expect = {
                target: yaml_values.mapping(
                    body["expect"], "'expect'", expect_at, optional=_EXPECT_KEYS
                )
            }
        source = None
        if "source" in body:
            src = yaml_values.mapping(
                body["source"], "'source'", body.where("source"), required=("authority", "pinpoint")
            )
            if not isinstance(src["authority"], str) or src["authority"] not in law.authorities:
                raise InputError(
                    f"unknown authority {src['authority']!r}"
                    f"{did_you_mean(str(src['authority']), law.authorities)}",
                    src.where("authority"),
                    "an id from authorities.yaml",
                )
            source = {"authority": src["authority"], "pinpoint": str(src["pinpoint"])}
        as_of = (
            yaml_values.date(body["as_of"], "as_of", body.where("as_of"))
            if "as_of" in body
            else None
        )
        reading = (
            yaml_values.one_of(body["reading"], "reading", body.where("reading"), READINGS)
            if "reading" in body
            else "record"
        )
        kind = (
            yaml_values.one_of(body["kind"], "kind", body.where("kind"), KINDS)
            if "kind" in body
            else "verdict"
        )
        tests.append(
            RuleTest(
                name,
                path,
                at,
                ruleset_ids,
                answers,
                answers_at,
                expect,
                source,
                as_of,
                reading,
                kind,
            )
        )
    return tests


def _answers_part(document: Any, location: Location) -> Any:
    """A case file carries its answers under `answers:`; a plain answers file is all answers."""
    if isinstance(document, dict) and "answers" in document and "meta" not in document:
        return document["answers"]
    return document


def run_rule_test(test: RuleTest, law: Law, evaluators: Mapping[str, Evaluator]) -> RuleTestOutcome:
    """Evaluate a test's answers under each rule set it names and compare."""
    outcome = RuleTestOutcome(test)
    answers = answers_from_data(test.answers, law, str(test.answers_location.file))
    for ruleset_id in test.ruleset_ids:
        key = ruleset_id if test.reading == "record" else f"{ruleset_id}:strict"
        evaluator = (
            evaluators[key]
            if test.as_of is None
            else Evaluator(law, [ruleset_id], test.as_of, presumptions=test.reading == "record")
        )
        result = joined(evaluator.evaluate(answers, generated_at="fixed"))
        outcome.result = result
        jurisdiction = result["jurisdictions"][0]
        fired = {
            entry["rule"]
            for element in jurisdiction["elements"]
            for entry in element["trace"]
            if entry["outcome"] == "fired"
        }
        outcome.fired[ruleset_id] = fired
        prefix = f"[{ruleset_id}] " if len(test.ruleset_ids) > 1 else ""
        for failure in _compare(
            test.expect[ruleset_id], jurisdiction, law, ruleset_id, fired, answers.elements
        ):
            outcome.failures.append(prefix + failure)
        if test.kind == "on_the_record":
            for failure in check_on_the_record(evaluators[ruleset_id], answers, result):
                outcome.failures.append(prefix + failure)
    return outcome


def _compare(
    expect: LocatedDict,
    jurisdiction: dict[str, Any],
    law: Law,
    ruleset_id: str,
    fired: set[str],
    elements: Any,
) -> Iterator[str]:
    by_id = {element["id"]: element for element in jurisdiction["elements"]}
    rule_ids = {rule.id for rule in law.rulesets[ruleset_id].rules}
    if "work" in expect and jurisdiction["verdict"]["verdict"] != expect["work"]:
        yield (
            f"work: expected {expect['work']}, got {jurisdiction['verdict']['verdict']} "
            f"(decided by {_deciders(jurisdiction)})"
        )
    for key, field_name in (
        ("elements", "verdict"),
        ("author", "author"),
        ("settledness", "settledness"),
    ):
        if key not in expect:
            continue
        wanted = yaml_values.mapping(expect[key], f"'{key}'", expect.where(key), optional=by_id)
        for element_id, value in wanted.items():
            got = by_id[element_id][field_name]
            if got != value:
                yield (
                    f"{element_id}: expected {field_name} {value}, got {got} "
                    f"(decided by {by_id[element_id]['deciding_rules'] or 'no rule'})"
                )
    if "work_protects" in expect:  # what the verdicts say of the work as a whole
        of_work = _ids(expect["work_protects"], "'work_protects'", expect.where("work_protects"))
        got_work = [entry["id"] for entry in jurisdiction["verdict"]["protects"]]
        missing_work = sorted(set(of_work) - set(got_work))
        if missing_work:
            yield f"work: expected protects to include {missing_work}, got {sorted(got_work)}"
    for key in ("fired", "not_fired"):
        if key not in expect:
            continue
        listed = yaml_values.sequence(expect[key], f"'{key}'", expect.where(key))
        for index, rule_id in enumerate(listed):
            if not isinstance(rule_id, str) or rule_id not in rule_ids:
                raise InputError(
                    f"unknown rule {rule_id!r}{did_you_mean(str(rule_id), rule_ids)}",
                    listed.where(index),
                    f"a rule id of rule set {ruleset_id!r}",
                )
            if key == "fired" and rule_id not in fired:
                yield f"expected rule {rule_id} to fire; it did not"
            if key == "not_fired" and rule_id in fired:
                yield f"expected rule {rule_id} not to fire; it fired"
    if "overridden" in expect:  # fired, and displaced by an exception that applies
        wanted = yaml_values.mapping(
            expect["overridden"], "'overridden'", expect.where("overridden"), optional=by_id
        )
        for element_id, listed in wanted.items():
            named = set(_ids(listed, f"'overridden.{element_id}'", wanted.where(element_id)))
            unknown = sorted(named - rule_ids)
            if unknown:
                raise InputError(
                    f"unknown rule {unknown[0]!r}{did_you_mean(unknown[0], rule_ids)}",
                    wanted.where(element_id),
                    f"a rule id of rule set {ruleset_id!r}",
                )
            missing = named - set(by_id[element_id]["overridden_rules"])
            if missing:
                yield (
                    f"{element_id}: expected {sorted(missing)} to fire and be overridden, "
                    f"got {sorted(by_id[element_id]['overridden_rules'])}"
                )
    for key, field_name in (("protects", "protects"), ("excludes", "excludes")):
        if key not in expect:
            continue
        wanted = yaml_values.mapping(expect[key], f"'{key}'", expect.where(key), optional=by_id)
        for element_id, items in wanted.items():
            got = {entry["id"] for entry in by_id[element_id][field_name]}
            items_named = _ids(items, f"'{key}.{element_id}'", wanted.where(element_id))
            said_of_work = [c for c in items_named if c in law.vocabulary.work_contributions]
            if key == "protects" and said_of_work:
                raise InputError(
                    f"{said_of_work[0]!r} is said of the work as a whole, "
                    f"not of element {element_id!r}",
                    wanted.where(element_id),
                    "it under 'work_protects'",
                )
            if not items_named and got:  # an empty list: the element names nothing there
                yield f"{element_id}: expected {key} to be empty, got {sorted(got)}"
            missing = set(items_named) - got
            if missing:
                yield (
                    f"{element_id}: expected {key} to include {sorted(missing)}, got {sorted(got)}"
                )
    if "undetermined_by" in expect:
        wanted = yaml_values.mapping(
            expect["undetermined_by"],
            "'undetermined_by'",
            expect.where("undetermined_by"),
            optional=by_id,
        )
        for element_id, questions in wanted.items():
            got = {entry["question"] for entry in by_id[element_id]["undetermined_by"]}
            missing = (
                set(_ids(questions, f"'undetermined_by.{element_id}'", wanted.where(element_id)))
                - got
            )
            if missing:
                yield (
                    f"{element_id}: expected the verdict to wait on {sorted(missing)}, "
                    f"got {sorted(got)}"
                )
    yield from _compare_record(expect, by_id)
    if "alternative" in expect:
        wanted = yaml_values.mapping(
            expect["alternative"], "'alternative'", expect.where("alternative"), optional=by_id
        )
        for element_id, verdict in wanted.items():
            got = [alt["verdict"] for alt in by_id[element_id]["alternatives"]]
            if verdict not in got:
                yield f"{element_id}: expected an alternative line concluding {verdict}, got {got}"


def _ids(value: Any, what: str, location: Location) -> list[str]:
    """A list of ids in a test's expectations (anything else is one clear error)."""
    items = yaml_values.sequence(value, what, location)
    return [
        yaml_values.identifier(item, f"{what} entry", items.where(index), dotted=True)
        for index, item in enumerate(items)
    ]


def _deciders(jurisdiction: dict[str, Any]) -> str:
    parts = [
        f"{e['id']}: {e['verdict']} by {e['deciding_rules'] or 'no rule'}"
        for e in jurisdiction["elements"]
    ]
    return "; ".join(parts)


def _compare_record(expect: LocatedDict, by_id: Mapping[str, Any]) -> Iterator[str]:
    """`assumes`, `otherwise` and `strict`: what a verdict on the record rests on."""
    if "assumes" in expect:
        wanted = yaml_values.mapping(
            expect["assumes"], "'assumes'", expect.where("assumes"), optional=by_id
        )
        for element_id, questions in wanted.items():
            got = {a["question"] for a in by_id[element_id]["assumptions"]}
            missing = (
                set(_ids(questions, f"'assumes.{element_id}'", wanted.where(element_id))) - got
            )
            if missing:
                yield (
                    f"{element_id}: expected the verdict to rest on assumptions about "
                    f"{sorted(missing)}, got {sorted(got)}"
                )
    if "otherwise" in expect:
        wanted = yaml_values.mapping(
            expect["otherwise"], "'otherwise'", expect.where("otherwise"), optional=by_id
        )
        for element_id, per_question in wanted.items():
            body = yaml_values.mapping(
                per_question,
                f"'otherwise.{element_id}'",
                wanted.where(element_id),
                optional=per_question if isinstance(per_question, dict) else (),
            )
            assumptions = {a["question"]: a for a in by_id[element_id]["assumptions"]}
            for question, verdict in body.items():
                if question not in assumptions:
                    yield f"{element_id}: expected an assumption about {question}; there is none"
                    continue
                otherwise = [o["verdict"] for o in assumptions[question]["otherwise"]]
                if verdict not in otherwise:
                    yield (
                        f"{element_id}: expected {verdict} if {question} went the other "
                        f"way, got {otherwise}"
                    )
    if "strict" in expect:
        wanted = yaml_values.mapping(
            expect["strict"], "'strict'", expect.where("strict"), optional=by_id
        )
        for element_id, verdict in wanted.items():
            got = by_id[element_id]["strict"]["verdict"]
            if got != verdict:
                yield f"{element_id}: expected the strict verdict {verdict}, got {got}"


def check_on_the_record(evaluator: Evaluator, answers: Any, result: Mapping[str, Any]) -> list[str]:
    """The assumption list's predictions, checked against the engine one fact at a time.

    For each assumption: stating the fact as the value taken gives the same
    verdict, and stating it as each other value gives the verdict listed under
    `otherwise`. For each stated answer a presumption covers: answering it
    "unknown" (where the questionnaire allows) gives the verdict the presumed
    value gives. Returns the disagreements, one line each.
    """
    from .record_check import record_disagreements  # imports whatif, which imports us

    return record_disagreements(evaluator, answers, result)


def make_evaluators(law: Law) -> dict[str, Evaluator]:
    """One Evaluator per rule set on the record, and one per rule set strictly ("id:strict")."""
    evaluators = {ruleset_id: Evaluator(law, [ruleset_id]) for ruleset_id in law.rulesets}
    evaluators.update(
        {
            f"{ruleset_id}:strict": Evaluator(law, [ruleset_id], presumptions=False)
            for ruleset_id in law.rulesets
        }
    )
    return evaluators


def run_all(law: Law) -> tuple[list[RuleTestOutcome], list[CopyrightableError]]:
    """Every rule test of the law folder; errors in test files are collected, not raised."""
    evaluators = make_evaluators(law)
    outcomes: list[RuleTestOutcome] = []
    errors: list[CopyrightableError] = []
    for path in rule_test_files(law):
        try:
            tests = load_rule_tests(path, law)
        except CopyrightableError as error:
            errors.append(error)
            continue
        for test in tests:
            try:
                outcomes.append(run_rule_test(test, law, evaluators))
            except CopyrightableError as error:
                if error.location is None:
                    error.location = test.location
                errors.append(error)
    return outcomes, errors
