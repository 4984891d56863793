"""The condition language: parsing, three-valued evaluation, compilation, wording.

One condition has three readings that must never drift apart:
- `compile_true` / `compile_false` turn it into durable-rules patterns that
  match exactly when the condition is definitely true / definitely false:
  this is what decides (a rule is unknown where neither matches);
- `evaluate` computes it in Python, to explain (the truth of each part of a
  condition in the trace), for `ask_if`, what-if and the interview's "can this
  question still change anything", and to check the engine's decision;
- `describe` says it in words for `rules show` and reports.

Negation is compiled as "definitely false" rather than the engine's `$not`,
which never fires as a first pattern, is not retroactive, and would turn an
unknown into a silent yes. A property test (tests/test_conditions.py) checks
the patterns against `evaluate` on random conditions and answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..io.errors import InputError, Location, did_you_mean
from ..io.yaml_files import where
from .model import (
    LOWER_BOUND_KEY,
    UNKNOWN,
    All,
    Any_,
    Condition,
    FindingRef,
    Leaf,
    LowerBound,
    Not,
    Question,
    QuestionType,
    Truth,
)
from .yaml_values import control_character, sequence, type_name

# Module constants: in Python 3.11 each `Truth.X` in a hot loop costs a descriptor call
# (some 0.1 us), and conditions, decisions and applicability test truths by the million.
_TRUE = Truth.TRUE
_FALSE = Truth.FALSE
_UNKNOWN_TRUTH = Truth.UNKNOWN


MAX_NUMBER = 10**15  # well inside the integers a float holds exactly (2**53)

NOT_APPLICABLE = "n/a"  # the question was not asked because its ask_if failed
# A question the interview has not asked yet. Unlike an answer of "unknown", it
# makes every leaf over it unknown, {known: q} and {unknown: q} included, so a
# condition that is true or false with pending questions stays so whatever
# they are answered (Kleene logic is monotone); the interview relies on this to
# skip questions that can no longer change a verdict. Not an id: never a choice.
PENDING = "(pending)"

VALUE_OPS = ("eq", "ne", "in", "includes", "lt", "lte", "gt", "gte")
STATE_OPS = ("known", "unknown")
CONNECTIVES = ("all", "any", "not")

_OPS_BY_TYPE: dict[QuestionType, set[str]] = {
    QuestionType.YES_NO: {"eq", "ne"},
    QuestionType.SINGLE: {"eq", "ne", "in"},
    QuestionType.MULTIPLE: {"includes"},
    QuestionType.NUMBER: {"eq", "ne", "lt", "lte", "gt", "gte"},
    QuestionType.DATE: {"eq", "ne", "lt", "lte", "gt", "gte"},
    QuestionType.TEXT: {"eq", "ne"},
}


# -------------------------------------------------------------------- parsing


def parse_condition(
    value: Any, location: Location, questions: Mapping[str, Question], findings: set[str] | None
) -> Condition:
    """Parse a located YAML value into a Condition, checking every id and type.

    `findings` is None where findings may not be used (a question's ask_if).
    """
    if not isinstance(value, dict) or len(value) == 0:
        raise InputError(
            f"condition is {type_name(value)}",
            where(value, default=location),
            "a mapping such as {q: id, eq: value}, {all: [...]}, "
            "{any: [...]}, {not: ...}, {finding: id}, {known: id}",
        )
    here = where(value, default=location)
    keys = set(value)
    for connective in CONNECTIVES:
        if connective in keys:
            if len(keys) != 1:
                extra = sorted(keys - {connective})
                raise InputError(
                    f"'{connective}' cannot be combined with {extra} in one condition",
                    here,
                    f"'{connective}' alone in its mapping",
                )
            body = value[connective]
            body_at = where(value, connective, location)
            if connective == "not":
                return Not(parse_condition(body, body_at, questions, findings))
            items = sequence(body, f"'{connective}'", body_at, allow_empty=False)
            parts = tuple(
                parse_condition(item, items.where(i), questions, findings)
                for i, item in enumerate(items)
            )
            return All(parts) if connective == "all" else Any_(parts)
    if "finding" in keys:
        if findings is None:
            raise InputError(
                "a question's ask_if cannot depend on a finding",
                here,
                "a condition on answers only",
            )
        if len(keys) != 1:
            raise InputError("'finding' takes no other keys", here, "{finding: id}")
        name = value["finding"]
        if not isinstance(name, str) or name not in findings:  # a list is unhashable
            raise InputError(
                f"unknown finding {name!r}{did_you_mean(name, findings)}",
                where(value, "finding", location),
                "a finding declared under 'findings:'",
            )
        return FindingRef(name, where(value, "finding", location))
    for state_op in STATE_OPS:
        if state_op in keys:
            if len(keys) != 1:
                raise InputError(
                    f"'{state_op}' takes no other keys", here, f"{{{state_op}: question_id}}"
                )
            question = _question(value[state_op], questions, where(value, state_op, location))
            if state_op == "unknown" and not question.unknown_allowed:
                raise InputError(
                    f"question {question.id!r} does not allow 'unknown', so "
                    "this test can never hold",
                    here,
                    "unknown_allowed: true on the question, or another test",
                )
            return Leaf(question.id, state_op, None, here)
    if "q" in keys:
        return _parse_leaf(value, here, questions)
    allowed = ["q", "finding", *STATE_OPS, *CONNECTIVES]
    odd = sorted(keys)[0]
    raise InputError(
        f"unknown condition key {odd!r}{did_you_mean(odd, allowed)}",
        here,
        "one of: " + ", ".join(allowed),
    )


def _question(name: Any, questions: Mapping[str, Question], location: Location) -> Question:
    if not isinstance(name, str) or name not in questions:
        raise InputError(
            f"unknown question {name!r}{did_you_mean(str(name), questions)}",
            location,
            "a question id from the questionnaire",
        )
    return questions[name]


def _parse_leaf(value: dict, here: Location, questions: Mapping[str, Question]) -> Leaf:
    ops = [key for key in value if key != "q"]
    if len(ops) != 1 or ops[0] not in VALUE_OPS:
        odd = next((op for op in ops if op not in VALUE_OPS), None)
        hint = did_you_mean(odd, VALUE_OPS) if odd else ""
        raise InputError(
            f"a test on a question needs exactly one operator, found {ops}{hint}",
            here,
            "one of: " + ", ".join(VALUE_OPS),
        )
    op = ops[0]
    question = _question(value["q"], questions, where(value, "q", here))
    allowed = _OPS_BY_TYPE[question.type]
    if op not in allowed:
        raise InputError(
            f"operator {op!r} does not apply to {question.type.value} question {question.id!r}",
            where(value, op, here),
            "one of: " + ", ".join(sorted(allowed)),
        )
    raw = value[op]
    at = where(value, op, here)
    if op == "in":
        items = sequence(raw, "'in'", at, allow_empty=False)
        normalised: Any = tuple(
            _operand(question, item, items.where(i)) for i, item in enumerate(items)
        )
    else:
        normalised = _operand(question, raw, at)
    return Leaf(question.id, op, normalised, here)


def _operand(question: Question, raw: Any, location: Location) -> Any:
    """Check a value a rule compares an answer with, and normalise it like an answer."""
    if raw == UNKNOWN:
        raise InputError(
            "compare with 'unknown' through {unknown: id}", location, "{unknown: question_id}"
        )
    if question.type is QuestionType.MULTIPLE:  # `includes` names one choice
        if not isinstance(raw, str) or raw not in question.choice_ids():
            raise InputError(
                f"{type_name(raw)} is not a choice of question {question.id!r}"
                f"{did_you_mean(str(raw), question.choice_ids())}",
                location,
                "one of: " + ", ".join(question.choice_ids()),
            )
        return raw
    return _normalised_or_error(question, raw, location)


def choice_hint(question: Question, raw: Any) -> str:
    """A did-you-mean for a mistyped choice (or the first mistyped one in a list)."""
    if question.type not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return ""
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if item not in question.choice_ids():
            return did_you_mean(str(item), question.choice_ids())
    return ""


def expected_for(question: Question) -> str:
    """What a question accepts, in words (for error messages)."""
    kinds = {
        QuestionType.YES_NO: "yes or no",
        QuestionType.SINGLE: "one of: " + ", ".join(question.choice_ids()),
        QuestionType.MULTIPLE: "a list of: " + ", ".join(question.choice_ids()),
        QuestionType.NUMBER: "a number",
        QuestionType.DATE: "a date written YYYY-MM-DD",
        QuestionType.TEXT: "text",
    }
    text = kinds[question.type]
    if question.unknown_allowed:
        text += ", or unknown"
    return text


def normalise_value(question: Question, raw: Any) -> Any:
    """One value of a question's type, in the form the engine and evaluator share.

    yes/no -> bool; single -> choice id; multiple -> sorted tuple of choice ids;
    number -> float; date -> ISO text; text -> str. Raises ValueError on mismatch.
    Normalising here matters because durable-rules compares loosely ("9" > 10).
    """
    kind = question.type
    if kind is QuestionType.YES_NO:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in {"yes", "no"}:
            return raw.lower() == "yes"
        raise ValueError(f"{type_name(raw)} is not yes or no")
    if kind is QuestionType.SINGLE:
        if not isinstance(raw, str) or raw not in question.choice_ids():
            raise ValueError(f"{type_name(raw)} is not an offered choice")
        return raw
    if kind is QuestionType.MULTIPLE:
        if not isinstance(raw, list):
            raise ValueError(f"{type_name(raw)} is not a list of choices")
        for item in raw:
            if not isinstance(item, str) or item not in question.choice_ids():
                raise ValueError(f"{type_name(item)} is not an offered choice")
        if len(set(raw)) != len(raw):
            raise ValueError("a choice is listed twice")
        return tuple(sorted(raw))
    if kind is QuestionType.NUMBER:
        if isinstance(raw, LowerBound):
            raw = raw.as_data()
        if isinstance(raw, Mapping):
            return _lower_bound(question, raw)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError(f"{type_name(raw)} is not a number")
        if isinstance(raw, int) and abs(raw) > MAX_NUMBER:  # before float(): it overflows
            raise ValueError(f"{type_name(raw)} is out of range")
        number = float(raw) + 0.0  # + 0.0 turns -0.0 into 0.0: one zero, one spelling
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("the number is not finite")
        if abs(number) > MAX_NUMBER:
            raise ValueError(f"{type_name(raw)} is out of range")
        if question.minimum is not None and number < question.minimum:
            raise ValueError(f"{type_name(raw)} is below the minimum {question.minimum:g}")
        if question.maximum is not None and number > question.maximum:
            raise ValueError(f"{type_name(raw)} is above the maximum {question.maximum:g}")
        return number
    if kind is QuestionType.DATE:
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw).isoformat()
            except ValueError:
                pass
        raise ValueError(f"{type_name(raw)} is not a date written YYYY-MM-DD")
    if not isinstance(raw, str):
        raise ValueError(f"{type_name(raw)} is not text")
    control = control_character(raw)
    if control:
        raise ValueError(f"the text contains the control character {control}")
    return raw


def _normalised_or_error(question: Question, raw: Any, location: Location) -> Any:
    """`raw` normalised as `question` reads it, or InputError naming what it accepts:
    one wording for an answer in an answers file and for a value a rule compares with."""
    try:
        return normalise_value(question, raw)
    except ValueError as problem:
        raise InputError(
            f"{problem} for question {question.id!r}{choice_hint(question, raw)}",
            location,
            expected_for(question),
        ) from None


def normalise_answer(question: Question, raw: Any, location: Location) -> Any:
    """One answer in normalised form, or InputError naming what the question accepts."""
    if raw == UNKNOWN or (isinstance(raw, str) and raw.lower() == UNKNOWN):
        if not question.unknown_allowed:
            raise InputError(
                f"question {question.id!r} cannot be answered 'unknown'",
                location,
                expected_for(question),
            )
        return UNKNOWN
    if raw is None:
        raise InputError(
            f"question {question.id!r} has no answer", location, expected_for(question)
        )
    return _normalised_or_error(question, raw, location)


def _lower_bound(question: Question, raw: Mapping[Any, Any]) -> LowerBound:
    """{at_least: N}: a number known only from below, checked like the number itself."""
    if list(raw) != [LOWER_BOUND_KEY]:
        keys = ", ".join(sorted(str(key) for key in raw)) or "none"
        raise ValueError(
            f"a mapping with keys {keys} is not a number or a lower bound {{{LOWER_BOUND_KEY}: N}}"
        )
    bound = raw[LOWER_BOUND_KEY]
    if bound == UNKNOWN or isinstance(bound, Mapping):
        raise ValueError(f"{type_name(bound)} is not a number for '{LOWER_BOUND_KEY}'")
    return LowerBound(normalise_value(question, bound))


# ----------------------------------------------------------------- evaluation

Values = Mapping[str, Any]  # question id -> normalised value, UNKNOWN or NOT_APPLICABLE
Findings = Mapping[str, Truth]


def evaluate(condition: Condition, values: Values, findings: Findings | None = None) -> Truth:
    """Kleene three-valued evaluation."""
    if isinstance(condition, Leaf):
        return _leaf_truth(condition, values.get(condition.question, NOT_APPLICABLE))
    if isinstance(condition, FindingRef):
        return (findings or {}).get(condition.finding, _FALSE)
    if isinstance(condition, Not):
        inner = evaluate(condition.part, values, findings)
        return {_TRUE: _FALSE, _FALSE: _TRUE}.get(inner, _UNKNOWN_TRUTH)
    parts = [evaluate(part, values, findings) for part in condition.parts]
    decisive, other = (_FALSE, _TRUE) if isinstance(condition, All) else (_TRUE, _FALSE)
    if decisive in parts:
        return decisive
    if _UNKNOWN_TRUTH in parts:
        return _UNKNOWN_TRUTH
    return other


def top_parts(condition: Condition) -> tuple[Condition, ...]:
    """A condition's parts at its top-level connective, as the trace explains a rule.

    Splitting at the top keeps a negated part whole ("not [edits: substantial]"),
    so a reader sees what held, not a leaf whose truth the negation reverses.
    """
    return condition.parts if isinstance(condition, All | Any_) else (condition,)


def relied_on(condition: Condition, values: Values, findings: Findings | None = None) -> set[str]:
    """The inputs (question and finding ids) a condition's truth rests on.

    An explanation states the facts a condition held or failed on, not every
    fact it read: `any` of "detailed prompts" or "more than one prompt" holds
    on the detailed prompts, and saying also that there was one prompt would
    give as a ground a fact that did not count. A true `any` rests on its true
    parts, a false `all` on its false parts; a true `all` and a false `any`
    rest on every part; a negation rests on what its part rests on. An open
    condition rests on every part: what is known and what is open both
    explain why it is open (each part, in turn, on what it rests on).
    """
    if isinstance(condition, Leaf):
        return {condition.question}
    if isinstance(condition, FindingRef):
        return {condition.finding}
    if isinstance(condition, Not):
        return relied_on(condition.part, values, findings)
    parts = condition.parts
    decisive = _FALSE if isinstance(condition, All) else _TRUE
    if evaluate(condition, values, findings) is decisive:
        parts = tuple(p for p in parts if evaluate(p, values, findings) is decisive)
    return set().union(*(relied_on(p, values, findings) for p in parts))


def _leaf_truth(leaf: Leaf, value: Any) -> Truth:
    if value == PENDING:
        return _UNKNOWN_TRUTH
    if leaf.op == "known":
        return _TRUE if value not in (UNKNOWN, NOT_APPLICABLE) else _FALSE
    if leaf.op == "unknown":
        return _TRUE if value == UNKNOWN else _FALSE
    if value == NOT_APPLICABLE:
        return _FALSE
    if value == UNKNOWN:
        return _UNKNOWN_TRUTH
    if isinstance(value, LowerBound):
        return _bound_truth(leaf.op, value.at_least, leaf.value)
    return _TRUE if _compare(leaf.op, value, leaf.value) else _FALSE


def _bound_truth(op: str, bound: float, operand: float) -> Truth:
    """A comparison with a number known to be at least `bound` (any larger value possible).

    gte/gt hold once the bound reaches the operand; lt/lte fail once it passes
    it; eq fails (and ne holds) once the operand lies below the bound; every
    other case could go either way.
    """
    if op in ("gte", "gt"):
        settled = bound >= operand if op == "gte" else bound > operand
        return _TRUE if settled else _UNKNOWN_TRUTH
    if op in ("lt", "lte"):
        settled = bound >= operand if op == "lt" else bound > operand
        return _FALSE if settled else _UNKNOWN_TRUTH
    if operand < bound:
        return _FALSE if op == "eq" else _TRUE
    return _UNKNOWN_TRUTH


def _compare(op: str, value: Any, operand: Any) -> bool:
    if op == "eq":
        return value == operand
    if op == "ne":
        return value != operand
    if op == "in":
        return value in operand
    if op == "includes":
        return operand in value
    if isinstance(value, str):  # dates compare as ordinals, like in the engine
        value, operand = _ordinal(value), _ordinal(operand)
    return {
        "lt": value < operand,
        "lte": value <= operand,
        "gt": value > operand,
        "gte": value >= operand,
    }[op]


def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def leaves(condition: Condition) -> Iterator[Leaf | FindingRef]:
    """Every leaf of a condition, in written order."""
    if isinstance(condition, Leaf | FindingRef):
        yield condition
    elif isinstance(condition, Not):
        yield from leaves(condition.part)
    else:
        for part in condition.parts:
            yield from leaves(part)


def questions_in(condition: Condition | None) -> set[str]:
    if condition is None:
        return set()
    return {leaf.question for leaf in leaves(condition) if isinstance(leaf, Leaf)}


def findings_in(condition: Condition) -> set[str]:
    return {leaf.finding for leaf in leaves(condition) if isinstance(leaf, FindingRef)}


# ---------------------------------------------------------------- compilation
#
# The fact asserted for one element carries, for each question q:
#   a_q   the normalised value (bool, choice id, number, date ordinal, text)
#   s_q   its state: "k" known, "u" unknown, "n" not applicable
#   c_q__CHOICE  for multiple-choice questions, whether CHOICE was ticked
#   b_q   for number questions, whether a_q is only a lower bound ({at_least: n})
# and, for each finding f established in an earlier stratum, f_f: "t"/"f"/"u".


def value_property(question_id: str) -> str:
    return f"a_{question_id}"


def state_property(question_id: str) -> str:
    return f"s_{question_id}"


def choice_property(question_id: str, choice: str) -> str:
    return f"c_{question_id}__{choice}"


def bound_property(question_id: str) -> str:
    return f"b_{question_id}"


def finding_property(finding_id: str) -> str:
    return f"f_{finding_id}"


def _known(question: str) -> dict:
    return {state_property(question): "k"}


def _and(*parts: dict) -> dict:
    return parts[0] if len(parts) == 1 else {"$and": list(parts)}


def _or(*parts: dict) -> dict:
    return parts[0] if len(parts) == 1 else {"$or": list(parts)}


def _engine_operand(value: Any) -> Any:
    """Dates travel to the engine as ordinals so that they compare as numbers."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _ordinal(value)
        except ValueError:
            return value
    return value


def _compare_pattern(op: str, question: str, operand: Any) -> dict:
    prop = value_property(question)
    operand = _engine_operand(operand)
    if op == "eq":
        return {prop: operand}
    engine_op = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}[op]
    return {engine_op: {prop: operand}}


_NEGATED = {"eq": "ne", "ne": "eq", "lt": "gte", "lte": "gt", "gt": "lte", "gte": "lt"}


def _leaf_pattern(leaf: Leaf, want: bool) -> dict:
    state = state_property(leaf.question)
    if leaf.op == "known":
        return {state: "k"} if want else {"$neq": {state: "k"}}
    if leaf.op == "unknown":
        return {state: "u"} if want else {"$neq": {state: "u"}}
    # A value property (a_q) is in the fact only when the answer is known, and a
    # test on a property a fact lacks never matches, so a value test needs no
    # "known" guard. A ticked-choice property (c_q__CHOICE) is false for unknown
    # answers too, so "not ticked" keeps its guard.
    if leaf.op == "includes":
        ticked = {choice_property(leaf.question, leaf.value): want}
        body = ticked if want else _and(_known(leaf.question), ticked)
    elif leaf.op == "in":
        if want:
            body = _or(*[_compare_pattern("eq", leaf.question, v) for v in leaf.value])
        else:
            body = _and(*[_compare_pattern("ne", leaf.question, v) for v in leaf.value])
    elif _is_number(leaf):
        op = leaf.op if want else _NEGATED[leaf.op]
        body = _number_pattern(op, leaf.question, leaf.value)
    else:
        op = leaf.op if want else _NEGATED[leaf.op]
        body = _compare_pattern(op, leaf.question, leaf.value)
    if want:
        return body
    return _or({state: "n"}, body)  # not applicable makes every value test false


def _is_number(leaf: Leaf) -> bool:
    """A comparison with a number question (operands are normalised: numbers are floats)."""
    return isinstance(leaf.value, float) and leaf.op in _NEGATED


def _number_pattern(op: str, question: str, operand: float) -> dict:
    """The value `a_q` definitely satisfies `op operand`, whether exact or a lower bound.

    A lower bound (b_q true) definitely satisfies gte/gt when the bound does
    (any larger value does too), ne when the operand lies below the bound, and
    never lt/lte/eq; an exact value satisfies what it satisfies.
    """
    exact = {bound_property(question): False}
    test = _compare_pattern(op, question, operand)
    if op in ("gte", "gt"):
        return test
    if op == "ne":
        return _or(_and(exact, test), _compare_pattern("gt", question, operand))
    return _and(exact, test)


def compile_true(condition: Condition) -> dict:
    """A durable-rules expression that matches exactly when the condition is TRUE."""
    return _compile(condition, True)


def compile_false(condition: Condition) -> dict:
    """A durable-rules expression that matches exactly when the condition is FALSE."""
    return _compile(condition, False)


def _compile(condition: Condition, want: bool) -> dict:
    if isinstance(condition, Leaf):
        return _leaf_pattern(condition, want)
    if isinstance(condition, FindingRef):
        return {finding_property(condition.finding): "t" if want else "f"}
    if isinstance(condition, Not):
        return _compile(condition.part, not want)
    parts = [_compile(part, want) for part in condition.parts]
    conjunctive = isinstance(condition, All) == want
    return _and(*parts) if conjunctive else _or(*parts)


def engine_properties(condition: Condition) -> set[str]:
    """The fact properties a compiled condition reads (facts are trimmed to these)."""
    names: set[str] = set()
    for leaf in leaves(condition):
        if isinstance(leaf, FindingRef):
            names.add(finding_property(leaf.finding))
            continue
        names.add(state_property(leaf.question))
        if leaf.op == "includes":
            names.add(choice_property(leaf.question, leaf.value))
        elif leaf.op not in STATE_OPS:
            names.add(value_property(leaf.question))
            if _is_number(leaf):
                names.add(bound_property(leaf.question))
    return names


# --------------------------------------------------------------------- words


def describe(
    condition: Condition,
    say_question: Callable[[str], str],
    say_value: Callable[[str, Any], str],
    say_finding: Callable[[str], str],
    lang: str = "en",
) -> str:
    """The condition in words, for a student reading `rules show`."""
    words = _WORDS[lang]
    if isinstance(condition, Leaf):
        name = say_question(condition.question)
        if condition.op in STATE_OPS:
            return words[condition.op].format(q=name)
        if condition.op == "in":
            shown = words["or"].join(say_value(condition.question, v) for v in condition.value)
        else:
            shown = say_value(condition.question, condition.value)
        return words[condition.op].format(q=name, v=shown)
    if isinstance(condition, FindingRef):
        return words["finding"].format(f=say_finding(condition.finding))
    if isinstance(condition, Not):
        inner = describe(condition.part, say_question, say_value, say_finding, lang)
        return words["not"].format(c=inner)
    joined = [
        describe(part, say_question, say_value, say_finding, lang) for part in condition.parts
    ]
    if len(joined) == 1:
        return joined[0]
    glue = words["and"] if isinstance(condition, All) else words["or"]
    return "(" + glue.join(joined) + ")"


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "eq": "{q}: {v}",
        "ne": "{q}: not {v}",
        "in": "{q}: {v}",
        "includes": "{q} includes {v}",
        "lt": "{q} < {v}",
        "lte": "{q} ≤ {v}",
        "gt": "{q} > {v}",
        "gte": "{q} ≥ {v}",
        "known": "{q} is known",
        "unknown": "{q} is unknown",
        "finding": "established: {f}",
        "not": "not [{c}]",
        "and": " and ",
        "or": " or ",
    },
    "zh": {
        "eq": "{q}：{v}",
        "ne": "{q}：非{v}",
        "in": "{q}：{v}",
        "includes": "{q}包括{v}",
        "lt": "{q} < {v}",
        "lte": "{q} ≤ {v}",
        "gt": "{q} > {v}",
        "gte": "{q} ≥ {v}",
        "known": "{q}已知",
        "unknown": "{q}未知",
        "finding": "已认定：{f}",
        "not": "并非［{c}］",
        "and": "且",
        "or": "或",
    },
}
