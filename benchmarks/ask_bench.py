"""How fast `copyrightable ask` answers: start to first question, answer to next question.

Drives the real program in a pseudo-terminal (arrow-key screens, as a person
sees them), answers every question of a scripted interview, and times from the
Enter that sends an answer to the moment the next question screen has been
drawn and listens for keys. Targets: first question under 1 s, median answer
to next question under 50 ms.

    .venv/bin/python benchmarks/ask_bench.py                  # the shipped rules
    .venv/bin/python benchmarks/ask_bench.py --rules tests/fixtures/law_min --runs 5
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

import pexpect

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")
KEYS_LINE = "Ctrl-C save & quit"  # the last thing a question screen draws
ENTER = "\r"


class Run:
    def __init__(self, rules: Path | None, folder: Path) -> None:
        args = ["-m", "copyrightable", "ask", "-o", str(folder / "bench.answers.yaml")]
        if rules is not None:
            args += ["--rules", str(rules)]
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        self.started = time.perf_counter()
        self.child = pexpect.spawn(sys.executable, args, cwd=str(REPO), env=env,
                                   encoding="utf-8", dimensions=(40, 120), timeout=30)
        self.child.delaybeforesend = None
        self.seen = ""

    def next_screen(self) -> tuple[str, float] | None:
        """Wait for the next question screen (or the review); return its text and when."""
        start = len(self.seen)
        while True:
            if "Enter change the answer" in self.seen[start:]:
                return "REVIEW", time.perf_counter()
            at = self.seen.find(KEYS_LINE, start)
            if at >= 0:
                screen = self.seen[start:at]
                self.seen = self.seen[:at] + "#" * len(KEYS_LINE)  # consumed
                return screen.split("✔")[-1], time.perf_counter()  # after the confirmations
            try:
                data = self.child.read_nonblocking(65536, 30)
            except (pexpect.EOF, pexpect.TIMEOUT):
                return None
            self.seen += ANSI.sub("", data)


def answer_for(screen: str, kinds: int) -> str:
    """A valid answer typed for whatever the screen asks."""
    if "Which kinds of material" in screen:
        return ("1" + "2" + ("5" if kinds >= 5 else "")) + ENTER
    if "Space or" in screen:  # several choices: tick the first
        return "1" + ENTER
    if "Type the answer" in screen:  # text, number or a name: a number fits them all
        return "1" + ENTER
    return ENTER  # one choice or yes/no: take the highlighted one


def interview(rules: Path | None) -> tuple[float, list[float], int]:
    kinds = 7 if rules is None else 2
    with tempfile.TemporaryDirectory() as folder:
        run = Run(rules, Path(folder))
        first = run.next_screen()
        assert first is not None, "no first question"
        screen, shown_at = first
        startup = shown_at - run.started
        run.child.send("Zarya of the Dawn" + ENTER)
        latencies: list[float] = []
        sent = time.perf_counter()
        while True:
            found = run.next_screen()
            assert found is not None, "the program stopped before the review"
            screen, shown_at = found
            latencies.append(shown_at - sent)
            if screen == "REVIEW":
                break
            keys = answer_for(screen, kinds)
            time.sleep(0.01)  # a person never types within 10 ms of a screen
            sent = time.perf_counter()
            run.child.send(keys)
        run.child.close(force=True)
        return startup, latencies, len(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=None,
                        help="rules folder (default: the shipped rules/)")
    parser.add_argument("--runs", type=int, default=3, help="interviews to run")
    options = parser.parse_args()
    startups: list[float] = []
    latencies: list[float] = []
    questions = 0
    for _ in range(options.runs):
        startup, lats, count = interview(options.rules)
        startups.append(startup)
        latencies.extend(lats)
        questions = count
    latencies.sort()
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    print(f"rules: {options.rules or 'rules/ (shipped)'}; {options.runs} interviews of "
          f"{questions} screens each")
    print(f"start to first question: median {statistics.median(startups) * 1000:.0f} ms "
          f"(max {max(startups) * 1000:.0f} ms; target < 1000 ms)")
    print(f"answer to next question: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"p90 {p90 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms "
          f"(target: median < 50 ms)")


if __name__ == "__main__":
    main()
