"""What one screen shows: a step of the interview turned into words, in one language.

Both faces (arrow keys and plain lines) draw the same `Screen`, so they can
never disagree about a question, its choices, its help or its default.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ...law.conditions import NOT_APPLICABLE
from ...law.model import (
    LOWER_BOUND_KEY,
    UNKNOWN,
    Bilingual,
    Labelled,
    Question,
    QuestionType,
    Scope,
)
from ...render.pinpoints import cited
from ..next_question import DETAILS, ELEMENTS, Interview, Status, Step, StepKind
from .strings import Strings


@dataclass(frozen=True)
class Screen:
    step: Step | None  # None for the menus after the interview (save format, file name)
    question: Question
    context: str  # where we are: "Zarya of the Dawn › The images (Image or artwork)"
    progress: str
    current: Any  # what Enter keeps: the answer given before, else the suggestion
    min_choices: int = 0
    help_text: str = ""
    lang: str = "en"
    menu: bool = False  # a choice after the interview: no help, no going back
    element: str = ""  # the element's name, for the scrollback ("" for the work)

    def text(self) -> str:
        return self.question.text.get(self.lang)

    @property
    def takes_note(self) -> bool:
        """Whether `#` writes a note on this answer: only a question of the questionnaire."""
        return not self.menu and self.step is not None and self.step.kind is StepKind.QUESTION

    def scrollback_text(self) -> str:
        """The question as the scrollback keeps it: with its element, so that the same
        question asked of the text and of the images reads as two answers, not one."""
        if not self.element:
            return self.text()
        return Strings(self.lang)("scrollback_element", element=self.element, text=self.text())

    def choices(self) -> list[tuple[Any, str]]:
        """The numbered items of a yes/no or choice question, "I don't know" last."""
        question = self.question
        if question.type is QuestionType.YES_NO:
            items: list[tuple[Any, str]] = [(True, self._word("yes")), (False, self._word("no"))]
        else:
            items = [(choice.id, choice.label.get(self.lang)) for choice in question.choices]
        if question.unknown_allowed and question.type is not QuestionType.MULTIPLE:
            items.append((UNKNOWN, self._word("unknown")))
        return items

    def _word(self, key: str) -> str:
        return Strings(self.lang)(key)


def pseudo_question(
    qid: str,
    kind: QuestionType,
    text: str,
    help_text: str = "",
    choices: tuple[Labelled, ...] = (),
    default: Any = None,
    required: bool = True,
) -> Question:
    """A question of the interview itself (title, elements, menus), not of the law."""
    return Question(
        id=qid,
        scope=Scope.WORK,
        type=kind,
        text=Bilingual(text, text),
        help=Bilingual(help_text, help_text),
        cites=(),
        choices=choices,
        required=required,
        default=default,
    )


def build(interview: Interview, step: Step, strings: Strings) -> Screen:
    """The screen for one step, with the current answer preselected."""
    lang = strings.lang
    plan = interview.plan()
    done = sum(1 for _, status in plan.steps if status in (Status.ANSWERED, Status.LEFT_BLANK))
    left = len(plan.pending())
    if step.kind is StepKind.DETAIL:  # the matter's details: outside the count, all optional
        progress = strings("progress_details")
    elif plan.status(step) is not Status.PENDING:  # back, or a change from the review
        progress = strings("progress_editing", done=done)
    elif not interview.elements_chosen:
        # the questions depend on the elements: no count would be honest yet
        progress = strings("progress_start", done=done)
    elif left > 1:
        # an upper bound: answers only ever close questions (ask_if and verdicts are
        # monotone in what is known), so the count never grows while answering
        progress = strings("progress", done=done, left=left)
    else:
        progress = strings("progress_last", done=done)
    current = interview.value(step)
    min_choices = 0
    if step.kind is StepKind.TITLE:
        question = pseudo_question(
            "title", QuestionType.TEXT, strings("title_question"), strings("title_help")
        )
    elif step.kind is StepKind.ELEMENTS:
        question = pseudo_question(
            "elements",
            QuestionType.MULTIPLE,
            strings("elements_question"),
            strings("elements_help"),
            interview.law.vocabulary.element_kinds,
        )
        min_choices = 1
    elif step.kind is StepKind.LABEL:
        part = interview.part(step.element)  # type: ignore[arg-type]
        kind = interview.short_kind_label(part.kind, lang)
        question = pseudo_question(
            "label",
            QuestionType.TEXT,
            strings("label_question", kind=kind),
            strings("label_help"),
            default=part.label,
        )
    elif step.kind is StepKind.DETAIL:
        question = pseudo_question(
            str(step.question),
            QuestionType.TEXT,
            strings(f"detail_{step.question}"),
            strings("details_help"),
            required=False,
        )
        if isinstance(current, list | tuple):
            current = strings("detail_sep").join(current)
    else:
        question = interview.question(step)
        shown = interview.relevance.choices(question, current)
        if shown != question.choices:
            question = replace(question, choices=shown)
    if current is None and question.default is not None:
        current = question.default
    element = (
        element_name(interview, step.element, lang)
        if step.kind is StepKind.QUESTION and step.element is not None
        else ""
    )
    return Screen(
        step=step,
        question=question,
        context=context(interview, step, strings),
        progress=progress,
        current=current,
        min_choices=min_choices,
        help_text=help_text(interview, question, lang),
        lang=lang,
        element=element,
    )


def context(interview: Interview, step: Step, strings: Strings) -> str:
    title = interview.title or "copyrightable ask"
    if step.kind is StepKind.QUESTION and step.element is None:
        return f"{title} › {strings('work_scope')}"
    if step.element is not None:
        return f"{title} › {element_name(interview, step.element, strings.lang)}"
    return title


def element_name(interview: Interview, element_id: str, lang: str) -> str:
    part = interview.part(element_id)
    kind = interview.short_kind_label(part.kind, lang)
    return part.label if part.label == kind else f"{part.label} ({kind})"


def help_text(interview: Interview, question: Question, lang: str) -> str:
    """The question's help and authorities, for the jurisdictions asked about only."""
    relevant = interview.relevance
    paragraphs = []
    for name, text in relevant.help(question):
        if not text.get(lang):
            continue
        if name is None:
            paragraphs.append(text.get(lang))
        else:
            paragraphs.append(
                Strings(lang)("help_jurisdiction", name=name.get(lang), text=text.get(lang))
            )
    lines = [Strings(lang)("help_heading"), *paragraphs] if paragraphs else []
    cites = relevant.cites(question)
    if cites:
        lines.append("")
        lines.append(Strings(lang)("authorities"))
        for cite in cites:
            authority = interview.law.authorities[cite.authority]
            chinese = lang == "zh" and authority.citation_zh  # 《…》第三条, as Chinese cites
            title = authority.citation_zh if chinese else authority.citation
            lines.append(f"  • {cited(str(title), vars(cite), lang)}")
    return "\n".join(lines)


def describe(question: Question, value: Any, strings: Strings) -> str:
    """An answer in words, as the review and the confirmations show it."""
    lang = strings.lang
    if value is None or value == NOT_APPLICABLE:
        return ""
    if value == UNKNOWN:
        return strings("unknown")
    if question.type is QuestionType.YES_NO:
        return strings("yes") if value else strings("no")
    if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        labels = {choice.id: choice.label.get(lang) for choice in question.choices}
        chosen = [value] if isinstance(value, str) else list(value)
        if not chosen:
            return strings("none")
        return strings("list_sep").join(labels.get(item, item) for item in chosen)
    if question.type is QuestionType.NUMBER and isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, list | tuple):  # names of contributors, AI tools
        return strings("detail_sep").join(str(item) for item in value)
    bound = getattr(value, "at_least", None)  # a lower bound ("more than 30")
    if bound is None and isinstance(value, dict):
        bound = value.get(LOWER_BOUND_KEY)
    if question.type is QuestionType.NUMBER and isinstance(bound, float | int):
        return strings("at_least", n=f"{bound:g}")
    return str(value)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review: a step with its answer, or a heading (step None)."""

    step: Step | None
    label: str
    value: str = ""
    editable: bool = True
    action: str = ""  # "evaluate" | "add" for the two rows that are not answers


def review_rows(interview: Interview, strings: Strings) -> list[ReviewRow]:
    lang = strings.lang
    rows = [ReviewRow(None, strings("review_evaluate"), action="evaluate")]
    rows.append(
        ReviewRow(Step(StepKind.TITLE), strings("review_title_entry"), interview.title or "")
    )
    kinds = strings("list_sep").join(
        element_name(interview, part.id, lang) for part in interview.parts
    )
    rows.append(ReviewRow(ELEMENTS, strings("review_elements_entry"), kinds))
    if len(interview.law.rulesets) > 1:
        rows.append(
            ReviewRow(
                None,
                strings("review_jurisdictions", names=jurisdiction_names(interview, lang)),
                action="jurisdictions",
            )
        )
    plan = interview.plan()
    heading: str | None = None
    for step, status in plan.steps:
        if step.kind is StepKind.LABEL:
            part = interview.part(step.element)  # type: ignore[arg-type]
            kind = interview.short_kind_label(part.kind, lang)
            rows.append(ReviewRow(step, strings("review_label_entry", kind=kind), part.label))
            continue
        if step.kind is not StepKind.QUESTION:
            continue
        if not interview.relevance.shows(step.question):  # type: ignore[arg-type]
            continue  # only other jurisdictions read it: kept in the file, never shown
        scope = (
            strings("work_scope")
            if step.element is None
            else element_name(interview, step.element, lang)
        )
        if scope != heading:
            rows.append(ReviewRow(None, scope, editable=False))
            heading = scope
        question = interview.question(step)
        if status is Status.ANSWERED:
            shown = describe(question, interview.value(step), strings)
        else:
            shown = strings(
                "bracketed",
                text=strings(
                    {
                        Status.NOT_NEEDED: "review_not_needed",
                        Status.LEFT_BLANK: "review_left_blank",
                        Status.PENDING: "review_pending",
                    }[status]
                ),
            )
        note = interview.note(step)
        if note:
            shown = strings("review_note", value=shown, note=note)
        rows.append(
            ReviewRow(
                step,
                question.text.get(lang),
                shown,
                editable=status is not Status.NOT_NEEDED or interview.can_answer_anyway(step),
            )
        )
    rows.append(ReviewRow(None, strings("review_details"), editable=False))
    for detail in DETAILS:
        value = describe(
            pseudo_question("detail", QuestionType.TEXT, ""), interview.value(detail), strings
        )
        rows.append(
            ReviewRow(
                detail,
                strings(f"review_detail_{detail.question}"),
                value or strings("bracketed", text=strings("review_not_stated")),
            )
        )
    rows.append(ReviewRow(None, strings("review_add"), action="add"))
    return rows


def jurisdiction_names(interview: Interview, lang: str) -> str:
    """The rule sets asked about, by name ("United States; China")."""
    return Strings(lang)("list_sep").join(
        interview.law.rulesets[j].name.get(lang) for j in interview.jurisdictions
    )
