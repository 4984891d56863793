"""The language an answers file is rendered in, and its texts in that language.

An answers file records the language it was answered in (`meta.language`), so
`evaluate` and `report` print in it unless `--lang` says otherwise: a Chinese
user who answered in Chinese should not have to repeat the choice on every
command. Case files give their title, element labels and notes in both
languages (`{en, zh}`); the loader keeps the English in the answers and the
Chinese aside (Answers.translations), and `localized` swaps the Chinese in
before a Chinese rendering, so no renderer has to know which texts were given
twice.
"""

from __future__ import annotations

import dataclasses

from ..law.model import Answers

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


def output_language(answers: Answers, requested: str | None) -> str:
    """`--lang` when given, else the answers file's `meta.language`, else English."""
    if requested is not None:
        return requested
    stated = answers.meta.get("language")
    return stated if stated in LANGUAGES else DEFAULT_LANGUAGE


def localized(answers: Answers, lang: str) -> Answers:
    """The answers with every bilingual text in `lang` (the same answers for English).

    The hash stays the one of the file as loaded: a translation is not a
    different answer, so the English and Chinese reports of one file name the
    same answers.
    """
    if lang != "zh" or not answers.translations:
        return answers
    chinese = answers.translations
    meta = dict(answers.meta)
    for key in ("title", "notes", "answered_by"):
        if f"meta.{key}" in chinese:
            meta[key] = chinese[f"meta.{key}"]
    elements = tuple(
        dataclasses.replace(
            element, label=chinese.get(f"elements.{element.id}.label", element.label)
        )
        for element in answers.elements
    )
    return dataclasses.replace(answers, meta=meta, elements=elements)
