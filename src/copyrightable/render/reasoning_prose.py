"""The sentences of a reasoning step: the answer given, the rule, the authority.

A step of the trace records, per condition, the value a rule tested and the facts
it read. Printed as it stands ("✓ not [established: …]", "Did you keep records
…: yes [unknown, stated]") it reads like the engine, not like an opinion: the
value tested looks like the answer, and a question's text repeats inside one
condition. Here a step becomes what a lawyer would write: what the user actually
answered (each fact once, as the clause its question's `states` give in
questionnaire.yaml, looked up in `clause_book`), what was taken on
the record and why, the rule as its statement, and the authority with its
pinpoint; a step that could not be decided says which answer is missing.

Every text output uses these functions (evaluate, the report's reasoning, cases
show), so the same step reads the same everywhere. Two voices: `you` for an
opinion ("You stated that …"), `record` for a case file, which speaks of the
parties ("The record states that the user …").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from ..law import clause_book
from ..law.model import Bilingual
from .pinpoints import cited

Voice = Literal["you", "record"]

_PERSON: dict[tuple[str, str], dict[str, str]] = {
    ("en", "you"): {"you": "you", "your": "your"},
    ("en", "record"): {"you": "the user", "your": "the user's"},
    ("zh", "you"): {"you": "您", "your": "您的"},
    ("zh", "record"): {"you": "用户", "your": "用户的"},
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "stated_you": "You stated that {}.",
        "stated_record": "The record states that {}.",
        "taken": "On the record, it is taken that {}, because {}.",
        "established": "Established: {}.",
        "not_established": "Not established: {}.",
        "unknown": "It is not known {}, so this rule could not be decided: {}",
        "unknown_finding": "A finding it needs is still open, so this rule could not be "
        "decided: {}",
        "does_not_apply": "So this rule does not apply: {}",
        "overridden": "An exception displaces this rule here.",
        "open": "whether {}",
        "fallback": "the answer to “{}” is {}",
        "and": " and ",
        "that": ", that ",
    },
    "zh": {
        "stated_you": "您表示：{}。",
        "stated_record": "记录表明：{}。",
        "taken": "依现有记录，视为{}，因为{}。",
        "established": "已认定：{}。",
        "not_established": "未认定：{}。",
        "unknown": "{}不详，因此无法判断本规则是否适用：{}",
        "unknown_finding": "本规则所需的认定尚无结论，因此无法判断：{}",
        "does_not_apply": "因此本规则不适用：{}",
        "overridden": "此处本规则被例外规则排除。",
        "open": "{}",
        "fallback": "对“{}”的回答为{}",
        "and": "；",
        "that": "；",
    },
}

# Why an unknown answer was taken as it was, by presumption kind (presumptions.py).
_BECAUSE: dict[str, dict[str, str]] = {
    "en": {
        "provable": "a process that is described is taken as provable",
        "not_shown": "what is not shown is not assumed",
        "evidence_missing": "the evidence was said to be missing",
    },
    "zh": {
        "provable": "所陈述的创作过程推定可以证明",
        "not_shown": "未表明的事实不予推定",
        "evidence_missing": "已表明证据缺失",
    },
}
_BECAUSE_OTHER = {
    "en": "the rules read an unanswered question so",
    "zh": "规则如此理解未回答的问题",
}

NOT_APPLICABLE = "n/a"
UNKNOWN = "unknown"


def _lcfirst(text: str) -> str:
    """ "Detailed: many …" → "detailed: many …", but "AI-generated" and "US" stay."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def ucfirst(text: str) -> str:
    """A clause opening a sentence or a list item: "you kept …" → "You kept …"."""
    return text[:1].upper() + text[1:]


def _bare(text: str) -> str:
    """A statement or question without its closing punctuation."""
    return text.rstrip().rstrip(".。?？")


def _words(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    return "" if value is None else str(value)


def fact_clause(fact: Mapping[str, Any], lang: str, voice: Voice = "you") -> str | None:
    """The clause a known answer states, or None for an answer that does not arise (n/a)."""
    answer = fact.get("answer")
    if answer == NOT_APPLICABLE:
        return None
    question = str(fact["question"])
    label = _words(fact.get("answer_label"), lang)
    text = fact.get("text")
    if isinstance(answer, bool):
        said = clause(question, "yes" if answer else "no", text)
        if said is not None:
            return _fill(said.get(lang), lang, voice)
    said = clause(question, "answer", text)
    if said is not None:
        one = clause(question, "one", text) if label == "1" else None
        return _fill((one or said).get(lang), lang, voice, _choice_words(label, lang), label)
    return _WORDS[lang]["fallback"].format(
        _person_text(_bare(_words(fact["text"], lang)), lang, voice), label
    )


def _fill(text: str, lang: str, voice: Voice, choice: str = "", n: str = "") -> str:
    return text.format(choice=choice, n=n, **_PERSON[(lang, voice)])


def _choice_words(label: str, lang: str) -> str:
    """An answer's label inside a clause: "AI-generated outputs and human-made material"."""
    if lang == "zh":
        return "、".join(label.split("; "))
    parts = [_lcfirst(part) for part in label.split("; ")]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def assumption_clause(assumption: Mapping[str, Any], lang: str, voice: Voice = "you") -> str:
    """What an assumption takes to be the case, as a clause ("you kept records …")."""
    fact = {
        "question": assumption["question"],
        "answer": assumption.get("value"),
        "answer_label": assumption.get("value_label"),
        "text": assumption.get("text"),
    }
    return fact_clause(fact, lang, voice) or _words(assumption.get("text"), lang)


def open_clause(fact: Mapping[str, Any], lang: str, voice: Voice = "you") -> str:
    """What is not known, as a reader is told it: "whether you kept records …"."""
    question = str(fact.get("question", ""))
    yes = clause(question, "yes", fact.get("text"))
    if lang == "en" and yes is not None:
        return "whether " + _fill(yes.en, "en", voice)
    unknown = clause(question, "open", fact.get("text"))
    if unknown is not None:
        text = _fill(unknown.get(lang), lang, voice)
        return (
            text
            if lang == "zh"
            or text.startswith(("whether", "how", "what", "who", "which", "in which"))
            else "whether " + text
        )
    shown = _person_text(_bare(_words(fact.get("text"), lang)), lang, voice)
    return f"“{shown}”" if lang == "zh" else f"the answer to “{shown}”"


def _person_text(text: str, lang: str, voice: Voice) -> str:
    """A question's own words in the step's voice (used only where no clause is written)."""
    if voice == "you":
        return text
    if lang == "zh":
        return text.replace("您", "用户")
    from .study_text import reword  # the case views' pronoun pairs, applied the same way

    pairs = [
        ("Did you", "Did the user"),
        ("did you", "did the user"),
        ("Can you", "Can the user"),
        ("your", "the user's"),
        ("Your", "The user's"),
        ("you", "the user"),
    ]
    return reword(text, pairs)


def _finding_truth(fact: Mapping[str, Any], element: Mapping[str, Any] | None) -> str:
    for derived in (element or {}).get("derived", ()):
        if derived.get("finding") == fact.get("finding"):
            return str(derived.get("truth"))
    label = _words(fact.get("answer_label"), "en")
    return {"established": "true", "not established": "false"}.get(label, "unknown")


def _kinds(element: Mapping[str, Any] | None) -> dict[str, str]:
    return {
        str(a["question"]): str(a.get("kind", ""))
        for a in (element or {}).get("assumptions", ())
        if "question" in a
    }


def _listed(clauses: Sequence[str], lang: str) -> str:
    """ "A, that B and that C" (en, after "that") or "A；B；C" (zh)."""
    words = _WORDS[lang]
    if lang == "zh" or len(clauses) == 1:
        return words["that"].join(clauses)
    return words["that"].join(clauses[:-1]) + " and that " + clauses[-1]


def relied_facts(condition: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The facts a condition's truth rests on: those it read but does not rest on are
    marked `"relied_on": false` (result-schema.md) and are no ground of anything."""
    return [f for f in condition.get("facts", ()) if f.get("relied_on") is not False]


def facts_sentences(
    conditions: Iterable[Mapping[str, Any]],
    element: Mapping[str, Any] | None,
    lang: str,
    voice: Voice = "you",
) -> tuple[list[str], list[str]]:
    """(sentences stating the facts these conditions read, each once; what is unknown)."""
    words = _WORDS[lang]
    kinds = _kinds(element)
    stated: list[str] = []
    taken: dict[str, list[str]] = {}
    established: list[str] = []
    not_established: list[str] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for condition in conditions:
        for fact in relied_facts(condition):
            key = str(fact.get("question") or "finding:" + str(fact.get("finding")))
            if key in seen:
                continue
            seen.add(key)
            if "finding" in fact and "question" not in fact:
                label = _words(fact.get("text"), lang)
                truth = _finding_truth(fact, element)
                if truth == "true":
                    established.append(label)
                elif truth == "false":
                    not_established.append(label)
                else:
                    unknown.append(words["open"].format(label))
                continue
            if fact.get("answer") == UNKNOWN:
                unknown.append(open_clause(fact, lang, voice))
                continue
            clause = fact_clause(fact, lang, voice)
            if clause is None:
                continue
            if fact.get("source") == "presumed":
                taken.setdefault(kinds.get(str(fact["question"]), ""), []).append(clause)
            else:
                stated.append(clause)
    sentences = []
    if stated:
        sentences.append(words[f"stated_{voice}"].format(_listed(stated, lang)))
    for kind, clauses in taken.items():
        because = _BECAUSE[lang].get(kind, _BECAUSE_OTHER[lang])
        sentences.append(words["taken"].format(_listed(clauses, lang), because))
    separator = "；" if lang == "zh" else "; "
    if established:
        sentences.append(words["established"].format(separator.join(established)))
    if not_established:
        sentences.append(words["not_established"].format(separator.join(not_established)))
    return sentences, unknown


def cite_text(
    cites: Iterable[Mapping[str, Any]], authorities: Mapping[str, Mapping[str, Any]], lang: str
) -> str:
    """ "17 U.S.C., §102(a); Compendium (Third), §306": short name and pinpoint, in order."""
    shown = []
    for cite in cites:
        authority = authorities.get(str(cite["authority"]), {})
        short = (authority.get("short_zh") if lang == "zh" else None) or authority.get("short")
        shown.append(cited(str(short or cite["authority"]), cite, lang))
    return ("；" if lang == "zh" else "; ").join(shown)


def rule_sentence(
    step: Mapping[str, Any],
    authorities: Mapping[str, Mapping[str, Any]],
    lang: str,
    lower: bool = False,
) -> str:
    """The rule as its statement, its authority in parentheses, as one sentence."""
    statement = _bare(_words(step.get("statement"), lang))
    if lower and lang == "en":
        statement = _lcfirst(statement)
    cites = cite_text(step.get("cites", ()), authorities, lang)
    if lang == "zh":
        return f"{statement}（{cites}）。" if cites else f"{statement}。"
    return f"{statement} ({cites})." if cites else f"{statement}."


def step_sentences(
    step: Mapping[str, Any],
    element: Mapping[str, Any] | None,
    authorities: Mapping[str, Mapping[str, Any]],
    lang: str,
    voice: Voice = "you",
) -> list[str]:
    """The sentences of one step: the facts it read, then the rule and its authority.

    A rule that applied states the facts it rested on; one that did not apply
    (listed where it would have reached another verdict) states the facts that
    failed; one that could not be decided names what is unknown.
    """
    words = _WORDS[lang]
    outcome = step.get("outcome")
    conditions = step.get("conditions", ())
    if outcome == "not_fired":
        failed = [c for c in conditions if c.get("truth") == "false"]
        sentences, _unknown = facts_sentences(failed, element, lang, voice)
        return [
            *sentences,
            words["does_not_apply"].format(rule_sentence(step, authorities, lang, True)),
        ]
    if outcome == "unknown":
        relevant = [c for c in conditions if c.get("truth") in ("true", "unknown")]
        sentences, unknown = facts_sentences(relevant, element, lang, voice)
        rule = rule_sentence(step, authorities, lang, True)
        if unknown:
            return [*sentences, words["unknown"].format(_listed_or(unknown, lang), rule)]
        return [*sentences, words["unknown_finding"].format(rule)]
    held = [c for c in conditions if c.get("truth") == "true"]
    sentences, _unknown = facts_sentences(held, element, lang, voice)
    sentences.append(rule_sentence(step, authorities, lang))
    if step.get("overridden"):
        sentences.append(words["overridden"])
    return sentences


def _listed_or(items: Sequence[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def step_text(
    step: Mapping[str, Any],
    element: Mapping[str, Any] | None,
    authorities: Mapping[str, Mapping[str, Any]],
    lang: str,
    voice: Voice = "you",
) -> str:
    """One step as a paragraph (see `step_sentences`)."""
    return ("" if lang == "zh" else " ").join(
        step_sentences(step, element, authorities, lang, voice)
    )


def facts_text(
    conditions: Iterable[Mapping[str, Any]],
    element: Mapping[str, Any] | None,
    lang: str,
    voice: Voice = "you",
) -> str:
    """The facts some conditions read, as sentences (what failed, for a rule not reached)."""
    sentences, unknown = facts_sentences(conditions, element, lang, voice)
    if unknown:
        sentences.append(
            ("{}不详。" if lang == "zh" else "It is not known {}.").format(
                _listed_or(unknown, lang)
            )
        )
    return ("" if lang == "zh" else " ").join(sentences)


# ------------------------------------------------------------ which steps concern an element


def verdict_step(element: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The step an element's verdict rests on: its first deciding rule that concludes a
    verdict. An author rule decides too, but who the author is, not whether the
    element is protected; a rule set may list it before the verdict rules."""
    for step in element.get("trace", ()):
        if step.get("decisive") and (step.get("concludes") or {}).get("verdict"):
            return step
    return None


def _reads(step: Mapping[str, Any], findings: set[str]) -> list[Mapping[str, Any]]:
    """The conditions of a step whose truth rests on one of these findings."""
    return [
        c
        for c in step.get("conditions", ())
        if any(f.get("finding") in findings for f in relied_facts(c))
    ]


def _on_findings_only(condition: Mapping[str, Any]) -> bool:
    return all("finding" in f and "question" not in f for f in relied_facts(condition))


def concerning(element: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The steps that applied (or could not be decided) and concern this element.

    A step concerns the element unless (a) every question it read does not arise
    for the element (n/a) and it read no finding, or (b) it only establishes
    findings that no concerning step relies on: evidence rules under a text
    element made without AI prove a process nobody needs. A finding is relied on
    by a step that applied or could not be decided, or by one it kept from
    applying (a condition reading only findings, it among them, failed).
    """
    trace = [s for s in element.get("trace", ()) if s.get("outcome") != "not_fired"]
    everything = list(element.get("trace", ()))
    kept: dict[str, bool] = {}

    def keeps(step: Mapping[str, Any], visiting: frozenset[str]) -> bool:
        rule = str(step["rule"])
        if rule in kept:
            return kept[rule]
        facts = [f for c in step.get("conditions", ()) for f in c.get("facts", ())]
        questions = [f for f in facts if "question" in f]
        findings_read = [f for f in facts if "finding" in f and "question" not in f]
        if (
            questions
            and not findings_read
            and all(f.get("answer") == NOT_APPLICABLE for f in questions)
        ):
            kept[rule] = False
            return False
        concludes = step.get("concludes") or {}
        made = set(concludes.get("findings") or ())
        if concludes.get("verdict") or concludes.get("author") or not made:
            kept[rule] = True
            return True
        result = False
        for reader in everything:
            if reader is step or str(reader["rule"]) in visiting:
                continue
            conditions = _reads(reader, made)
            if not conditions:
                continue
            if reader.get("outcome") == "not_fired":
                # Kept from applying by the finding: a failed condition on findings alone.
                # One that also reads answers may have failed on them instead (an
                # `any` of own content or proved edits fails on the answers).
                if any(c.get("truth") == "false" and _on_findings_only(c) for c in conditions):
                    result = True
            elif keeps(reader, visiting | {rule}):
                result = True
            if result:
                break
        kept[rule] = result
        return result

    return [s for s in trace if keeps(s, frozenset())]


def not_concerning(element: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The steps that applied but do not concern this element (shown only on request)."""
    shown = {str(s["rule"]) for s in concerning(element)}
    return [
        s
        for s in element.get("trace", ())
        if s.get("outcome") != "not_fired" and str(s["rule"]) not in shown
    ]


# ------------------------------------------------------------ a rule's condition, in words

_OPS: dict[str, dict[str, str]] = {
    "en": {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least"},
    "zh": {"lt": "少于", "lte": "不超过", "gt": "多于", "gte": "至少"},
}


def condition_words(
    condition: Any,
    labels: Any,
    lang: str,
    voice: Voice = "record",
    nested: bool = False,
) -> str:
    """A rule's condition as a reader says it, with no answers yet: "an AI tool was used
    in making the element and not established: …", never "not [ … ]".

    `labels` gives `question(id)` (the Question), `finding(id)` (its label, one
    language) and `value(question, value)` (a choice's label).
    """
    from ..law.model import All, Any_, FindingRef, Leaf, Not, QuestionType

    zh = lang == "zh"
    if isinstance(condition, FindingRef):
        return ("已认定：" if zh else "established: ") + labels.finding(condition.finding)
    if isinstance(condition, Not):
        inner = condition.part
        if isinstance(inner, FindingRef):
            return ("未认定：" if zh else "not established: ") + labels.finding(inner.finding)
        if isinstance(inner, Leaf):
            flipped = _flipped(inner)
            if flipped is not None:
                return condition_words(flipped, labels, lang, voice, nested)
        said = condition_words(inner, labels, lang, voice, True)
        return f"并非{said}" if zh else f"it is not the case that {said}"
    if isinstance(condition, All | Any_):
        parts = [condition_words(p, labels, lang, voice, True) for p in condition.parts]
        if len(parts) == 1:
            return parts[0]
        if isinstance(condition, All):
            if zh:
                joined = "，且".join(parts)
                return f"（{joined}）" if nested else joined
            if nested:
                return "(" + " and ".join(parts) + ")"
            return "; ".join(parts[:-1]) + "; and " + parts[-1]
        if zh:
            joined = "，或".join(parts)
            return f"（{joined}）" if nested else joined
        if nested:
            return "(either " + " or ".join(parts) + ")"
        return "; or ".join(parts)
    leaf: Leaf = condition
    question = labels.question(leaf.question)
    fact = {"question": leaf.question, "text": question.text.as_dict()}
    if leaf.op in ("known", "unknown"):
        subject = open_clause(fact, lang, voice)
        if zh:
            return subject + ("已知" if leaf.op == "known" else "不详")
        return f"it is {'known' if leaf.op == 'known' else 'not known'} {subject}"
    if question.type is QuestionType.YES_NO and leaf.op in ("eq", "ne"):
        value = bool(leaf.value) if leaf.op == "eq" else not bool(leaf.value)
        return fact_clause({**fact, "answer": value}, lang, voice) or ""
    if leaf.op in _OPS[lang]:
        shown = f"{leaf.value:g}" if isinstance(leaf.value, float) else str(leaf.value)
        subject = open_clause(fact, lang, voice)
        return (
            f"{subject}{_OPS[lang][leaf.op]}{shown}"
            if zh
            else (f"{subject}: {_OPS[lang][leaf.op]} {shown}")
        )
    values = leaf.value if isinstance(leaf.value, list | tuple) else [leaf.value]
    shown = ("或" if zh else " or ").join(labels.value(leaf.question, v) for v in values)
    if leaf.op == "ne":
        shown = f"{shown}以外的情形" if zh else f"anything but {_lcfirst(shown)}"
    label = {"en": shown, "zh": shown}
    return fact_clause({**fact, "answer": "?", "answer_label": label}, lang, voice) or ""


def _flipped(leaf: Any) -> Any:
    """`not {q: x, eq: yes}` as `{q: x, eq: no}`: a yes/no question negated by its answer."""
    if leaf.op in ("eq", "ne") and isinstance(leaf.value, bool):
        return type(leaf)(leaf.question, "ne" if leaf.op == "eq" else "eq", leaf.value)
    return None


def clause(question_id: str, state: str, text: Any = None) -> Bilingual | None:
    """The clause for one state of an answer; before any law was loaded (a Result read from
    a file, say), the shipped rules are loaded first, from the cache: loading fills the book."""
    if clause_book.is_empty():
        from ..law.loading import load_law_for

        load_law_for(None, None)
    return clause_book.clause(question_id, state, text)
