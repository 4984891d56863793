"""How fast `copyrightable ask` answers: start to first question, answer to next question.

Drives the real program in a pseudo-terminal (the arrow-key screens a person
sees) through a whole interview, and times from the Enter that sends an
answer to the moment the next question screen has been drawn and listens for
keys. With the shipped rules it answers the facts of Zarya of the Dawn from
the case library; with other rules (or without the case) it takes the first
offered answer everywhere. Each selection of rule sets is timed in the same
run, so the figures compare on a loaded machine: by default two rule sets
(us, cn: the default) beside all seven. Targets: first question under 1 s;
median answer to next question under 50 ms, with seven rule sets too.

    .venv/bin/python benchmarks/ask_bench.py
    .venv/bin/python benchmarks/ask_bench.py --selection all --runs 5
    .venv/bin/python benchmarks/ask_bench.py --rules tests/fixtures/law_min --selection ""

Beside the terminal figures it prints the interview's own share, measured in
this process without a terminal: recording the answer, planning what is
still needed, building the next screen and writing the answers file's text.
On a loaded machine that share is the steadier figure to compare.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pexpect
import yaml

from copyrightable.law.loading import Law, load_law
from copyrightable.law.model import QuestionType

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")
KEYS_LINE = re.compile(r"Ctrl-C (?:save & )?quit")  # the key line: a screen is drawn
ENTER, HOME, DOWN, CLEAR = "\r", "\x1b[H", "\x1b[B", "\x15"
TITLE = "Zarya of the Dawn"


class Run:
    def __init__(self, rules: Path | None, folder: Path, selection: list[str]) -> None:
        args = ["-m", "copyrightable", "ask", "-o", str(folder / "bench.answers.yaml")]
        if rules is not None:
            args += ["--rules", str(rules)]
        for ruleset in selection:  # -j: no checklist at the start
            args += ["-j", ruleset]
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            sys.executable,
            args,
            cwd=str(folder),
            env=env,
            encoding="utf-8",
            dimensions=(40, 120),
            timeout=30,
        )
        self.child.delaybeforesend = None
        self.seen = ""
        self.mark = 0

    def next_screen(self) -> tuple[str, float]:
        """Wait for the next question screen (or the review); return its text and when."""
        while True:
            if "Review: every answer" in self.seen[self.mark :]:
                return "REVIEW", time.perf_counter()
            found = KEYS_LINE.search(self.seen, self.mark)
            if found:
                screen = self.seen[self.mark : found.start()]
                self.mark = found.end()
                start = screen.rfind(f"{TITLE} ›")
                return (
                    screen[start:] if start >= 0 else screen.split("✔")[-1],
                    time.perf_counter(),
                )
            try:
                data = self.child.read_nonblocking(65536, 30)
            except (pexpect.EOF, pexpect.TIMEOUT):
                raise SystemExit(f"the program stopped:\n{self.seen[-2000:]}") from None
            self.seen += ANSI.sub("", data)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Answerer:
    """Keys for each screen: from a case's answers where it has one, else the first choice."""

    def __init__(self, law: Law, case: dict[str, Any] | None) -> None:
        self.law = law
        self.answers = case["answers"] if case else None
        self.kinds = law.vocabulary.ids("element_kinds")

    def elements(self) -> list[dict[str, Any]]:
        if self.answers is None:
            return [
                {"kind": kind, "label": kind.capitalize(), "answers": {}} for kind in self.kinds[:2]
            ]
        by_kind = {e["kind"]: _english(e) for e in self.answers["elements"].values()}
        return [by_kind[kind] for kind in self.kinds if kind in by_kind]

    def keys(self, screen: str) -> str:
        if "Record the matter's details now?" in screen:
            return "2" + ENTER  # later: the details change no question
        if "Which jurisdictions should" in screen:
            return ENTER
        if "Which kinds of material" in screen:
            return "".join(str(self.kinds.index(e["kind"]) + 1) for e in self.elements()) + ENTER
        if "A short name for" in screen:
            label = next(
                e["label"]
                for e in self.elements()
                if squeeze(self.law.vocabulary.label("element_kinds", e["kind"]).en.split(" (")[0])
                in squeeze(screen)
            )
            return CLEAR + label + ENTER
        flat = squeeze(screen)
        matches = [q for q in self.law.questionnaire.questions if squeeze(q.text.en) in flat]
        question = max(matches, key=lambda q: len(q.text.en), default=None)
        value = self._value(question.id, screen) if question is not None else None
        if question is None or value is None:
            if "Space or" in screen:
                return "1" + ENTER
            return ("1" if "Type the answer" in screen else "") + ENTER
        if value == "unknown":
            return (CLEAR + "unknown" if question.type is QuestionType.NUMBER else "u") + ENTER
        if question.type is QuestionType.YES_NO:
            return ("y" if value else "n") + ENTER
        if question.type is QuestionType.SINGLE:
            return HOME + DOWN * question.choice_ids().index(value) + ENTER
        if question.type is QuestionType.MULTIPLE:
            return (
                "".join(HOME + DOWN * question.choice_ids().index(v) + " " for v in value) + ENTER
            )
        return CLEAR + str(value) + ENTER

    def _value(self, question_id: str, screen: str) -> Any:
        if self.answers is None:
            return None
        if question_id in self.answers["work"]:
            return self.answers["work"][question_id]
        for element in self.elements():
            if squeeze(f"› {element['label']}") in squeeze(screen):
                return element["answers"].get(question_id)
        return None


def _english(element: dict[str, Any]) -> dict[str, Any]:
    """An element of a case file with its label in English (labels may be {en, zh})."""
    label = element["label"]
    return {**element, "label": label["en"] if isinstance(label, dict) else label}


def interview(
    rules: Path | None, answerer: Answerer, selection: list[str]
) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        run = Run(rules, Path(folder), selection)
        _, shown_at = run.next_screen()
        startup = shown_at - run.started
        run.child.send(TITLE + ENTER)
        latencies: list[float] = []
        sent = time.perf_counter()
        while True:
            screen, shown_at = run.next_screen()
            latencies.append(shown_at - sent)
            if screen == "REVIEW":
                break
            keys = answerer.keys(screen)
            time.sleep(0.02)  # a person never answers within 20 ms of a screen
            sent = time.perf_counter()
            run.child.send(keys)
        run.child.close(force=True)
        return startup, latencies


def in_process(law: Law, case: dict[str, Any] | None, selection: list[str]) -> list[float]:
    """Answer to next screen without a terminal: the interview's own work, per answer."""
    from copyrightable.evaluation.evaluator import Evaluator
    from copyrightable.interview.next_question import Interview
    from copyrightable.interview.terminal_ui import screens
    from copyrightable.interview.terminal_ui.strings import Strings

    if case is None:
        return []
    answers = case["answers"]
    elements = list(answers["elements"].items())
    prepared = Evaluator(law, selection or None).prepared
    strings = Strings("en")
    times: list[float] = []
    interview = Interview(law, prepared)
    interview.answer(interview.next_step(), TITLE)  # type: ignore[arg-type]
    interview.answer(interview.next_step(), [e["kind"] for _, e in elements])  # type: ignore[arg-type]
    for part, (element_id, element) in zip(interview.parts, elements, strict=True):
        part.id, part.label, part.labelled = element_id, _english(element)["label"], True
    interview.answer(interview.next_step(), TITLE)  # type: ignore[arg-type]  # re-plan
    while (step := interview.next_step()) is not None:
        given = answers["work"] if step.element is None else answers["elements"][step.element]
        value = (given if step.element is None else given["answers"]).get(step.question, "unknown")
        started = time.perf_counter()
        interview.answer(step, value)
        following = interview.next_step()
        if following is not None:
            screens.build(interview, following, strings)
        interview.to_yaml("2026-01-01T00:00:00Z", "en")
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rules", type=Path, default=None, help="rules folder (default: the shipped rules/)"
    )
    parser.add_argument(
        "--case",
        type=Path,
        default=REPO / "cases" / "zarya-of-the-dawn.yaml",
        help="case file whose answers to give (shipped rules only)",
    )
    parser.add_argument("--runs", type=int, default=3, help="interviews to run per selection")
    parser.add_argument(
        "--selection",
        action="append",
        default=None,
        help="rule sets to ask about, comma-separated (`all` for every one); repeat to "
        "compare; default: us,cn and all; an empty one uses the configured default",
    )
    options = parser.parse_args()
    if options.rules is not None:
        options.rules = options.rules.resolve()  # the program runs in a scratch folder
    law = load_law(options.rules)
    case = None
    if options.rules is None and options.case.exists():
        case = yaml.safe_load(options.case.read_text(encoding="utf-8"))
    answerer = Answerer(law, case)
    selections = options.selection or (["us,cn", "all"] if options.rules is None else [""])
    print(
        f"rules: {options.rules or 'rules/ (shipped)'}; answers: "
        f"{options.case.name if case else 'first offered'}; {options.runs} interviews a selection"
    )
    for selection in selections:
        chosen = [j.strip() for j in selection.split(",") if j.strip()]
        startups: list[float] = []
        latencies: list[float] = []
        for _ in range(options.runs):
            startup, lats = interview(options.rules, answerer, chosen)
            startups.append(startup)
            latencies.extend(lats)
        latencies.sort()
        p90 = latencies[int(0.9 * (len(latencies) - 1))]
        count = len(law.rulesets) if chosen == ["all"] else len(chosen)
        label = f"-j {' -j '.join(chosen)}" if chosen else "the configured default"
        print(f"{label} ({count or '?'} rule sets), {len(latencies) // options.runs} screens:")
        print(
            f"  start to first question: median {statistics.median(startups) * 1000:.0f} ms "
            f"(max {max(startups) * 1000:.0f} ms; target < 1000 ms)"
        )
        print(
            f"  answer to next question: median {statistics.median(latencies) * 1000:.1f} ms, "
            f"p90 {p90 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms "
            f"(target: median <= 50 ms)"
        )
        own = sorted(t for _ in range(options.runs) for t in in_process(law, case, chosen))
        if own:
            print(
                f"  of which the interview (no terminal): median "
                f"{statistics.median(own) * 1000:.1f} ms, "
                f"p90 {own[int(0.9 * (len(own) - 1))] * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()
