"""Every performance figure of copyrightable, in one command: python benchmarks/run_all.py

Prints medians over several runs and the ratios the targets are stated in
(docs/performance.md). A benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch_speed
import ceiling
import cold_start
import mechanisms
import rendering
import result_size
import throughput
from inputs import bench_law

from copyrightable.batch.workers import default_jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats per figure (median)")
    parser.add_argument("--answers", type=int, default=2000, help="answers per throughput run")
    parser.add_argument(
        "--batch-answers", type=int, default=12_000, help="answers in the --batch input"
    )
    parser.add_argument(
        "--memory-count",
        type=int,
        default=100_000,
        help="evaluations in the memory run (100,000 for the documented figure)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs and answers: a smoke test of the benchmarks",
    )
    args = parser.parse_args()
    if args.quick:
        args.runs, args.answers, args.batch_answers, args.memory_count = 2, 500, 2000, 5000
    bench = bench_law()
    jobs = default_jobs()
    print(f"copyrightable benchmarks: {bench.name}")
    print(
        f"machine: {jobs} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; medians of {args.runs} runs"
    )

    section("evaluation on one core (both rule sets, full explanation and Result)")
    speed = throughput.measure(bench, args.answers, args.runs)
    print(
        f"  {speed['answers']:,} answers, {speed['elements']:.1f} elements each; "
        f"rule sets: {speed['rulesets']}, rules: {speed['rules']}"
    )
    row(
        "copyrightable (Evaluator.evaluate)",
        f"{speed['whole']:,.0f} answers/s",
        verdict(speed["whole"] >= 600, "at least 600/s per core"),
    )
    row(
        "bare engine (durable-rules alone)",
        f"{speed['bare']:,.0f} answers/s",
        "same compiled rules, same facts",
    )
    row(
        "our layers' overhead",
        f"{speed['overhead']:.2f}x the bare time",
        verdict(speed["overhead"] <= 1.5, "within 1.5x"),
    )
    steps = throughput.stages(bench, min(args.answers, 500), args.runs)
    for name, meaning in (
        ("bare", "durable-rules alone"),
        ("engine use", "+ its facts built, findings read: the least any caller does"),
        ("decided", "+ the explanation of every rule, each element's decision"),
        ("whole", "+ presumptions, hypotheticals, the Result"),
    ):
        row(
            f"  stage: {name}",
            f"{steps[name + ' ms']:.3f} ms",
            f"{steps[name + ' x']:.2f}x bare; {meaning}",
        )

    section("size of a Result (compact JSON for batch lines)")
    size = result_size.measure(bench, min(args.answers, 500))
    if "zarya_json" in size:
        row(
            "evaluate zarya-of-the-dawn.yaml -f json",
            f"{size['zarya_json'] / 1024:,.0f} KB",
            verdict(size["zarya_json"] <= 50 * 1024, "at most 50 KB")
            + f"; {size['zarya_with_words'] / 1024:,.0f} KB with --with-words",
        )
    row(
        f"batch line, mean of {size['answers']:,.0f} variants",
        f"{size['line_mean'] / 1024:,.1f} KB",
        verdict(size["line_mean"] <= 25 * 1024, "at most 25 KB")
        + f"; largest {size['line_max'] / 1024:,.1f} KB",
    )
    row("the words file of a batch run", f"{size['words'] / 1024:,.0f} KB", "once per run")

    section("--batch on one worker against a plain loop of Evaluator.evaluate (CPU time)")
    cost = batch_speed.overhead(bench, min(args.answers, 1000), max(1, args.runs // 2 + 1))
    row(
        f"--jobs 1, {cost['answers']:,} answers",
        f"{cost['command']:,.0f} answers/s",
        f"the loop {cost['loop']:,.0f}/s: the command takes {cost['ratio']:.2f}x its time",
    )
    row("a run over one record", f"{cost['start']:.2f} s", "start, law, preparation, words file")

    section(f"--batch ({args.batch_answers:,} answers in JSONL, wall time)")
    batch = batch_speed.measure(bench, args.batch_answers, max(1, args.runs // 2 + 1), jobs)
    row("--jobs 1", f"{batch['one']:,.0f} answers/s", f"{batch['seconds_one']:.2f} s")
    row(
        f"--jobs {jobs}",
        f"{batch['all']:,.0f} answers/s",
        f"{batch['seconds_all']:.2f} s; " + verdict(batch["all"] >= 1000, "at least 1,000/s"),
    )
    machine = ceiling.measure(args.answers, max(1, args.runs // 2 + 1), jobs)
    row(
        f"this machine's ceiling ({jobs} loops at once)",
        f"{machine:.2f}x",
        "independent evaluation processes, no batch machinery",
    )
    row(
        "speed-up",
        f"{batch['speedup']:.2f}x",
        f"{batch['speedup'] / machine:.2f} of the ceiling; "
        + verdict(batch["speedup"] >= 0.9 * machine, "at least 0.9 of the ceiling"),
    )

    section("cold start (wall time from exec to exit)")
    cold = cold_start.measure(bench, max(args.runs, 10))
    row("python -c pass", f"{cold['python']:.3f} s", "1.0x")
    row(
        "copyrightable --help",
        f"{cold['help']:.3f} s",
        f"{cold['help'] / cold['python']:.1f}x python; "
        + verdict(cold["help"] < 0.3, "under 0.3 s"),
    )
    row(
        "copyrightable evaluate FILE",
        f"{cold['evaluate']:.3f} s",
        f"{cold['evaluate'] / cold['python']:.1f}x python; "
        + verdict(cold["evaluate"] <= 0.3, "at most 0.30 s"),
    )
    row(
        "copyrightable evaluate FILE -j all",
        f"{cold['evaluate_all']:.3f} s",
        f"{cold['evaluate_all'] / cold['python']:.1f}x python; "
        + verdict(cold["evaluate_all"] <= 0.4, "at most 0.40 s"),
    )

    section(f"memory (one process, {args.memory_count:,} evaluations)")
    memory = memory_run(args.memory_count)
    row("resident after 1,000 evaluations", f"{memory['after_1000']:.1f} MB", "")
    for mark, resident in memory["checkpoints"].items():
        if 1000 < int(mark) < memory["count"]:
            row(f"resident after {int(mark):,}", f"{resident:.1f} MB", "")
    grown = memory["after_all"] - memory["after_1000"]
    row(
        f"resident after {memory['count']:,}",
        f"{memory['after_all']:.1f} MB",
        f"{grown:+.1f} MB; "
        + verdict(grown <= 10, "within 10 MB")
        + f"; took {memory['seconds']:.0f} s ({memory['per_second']:,.0f}/s of CPU)",
    )

    section("what each speed mechanism buys (evaluations/s with it over without)")
    for name, figures in mechanisms.measure(
        min(args.answers, 300), max(1, args.runs // 2 + 1)
    ).items():
        row(
            name,
            f"{figures['buys']:.2f}x",
            f"{figures['with']:,.0f}/s with, {figures['without']:,.0f}/s without",
        )

    section("rendering one report")
    render = rendering.measure(bench, args.runs)
    print(f"  ({render['case']})")
    row("text (evaluate's terminal output)", f"{render['text'] * 1000:.1f} ms", "")
    row("Result JSON, indented", f"{render['json'] * 1000:.1f} ms", "")
    row("what-if search (report only)", f"{render['what_if'] * 1000:.0f} ms", "")
    html_ms = render["html"] * 1000
    row(
        "HTML report after evaluation",
        f"{html_ms:.1f} ms",
        verdict(html_ms <= 200, "within 200 ms"),
    )
    if isinstance(render.get("docx"), float):
        docx_ms = render["docx"] * 1000
        met = verdict(docx_ms <= 200, "within 200 ms")
        row("DOCX opinion after evaluation", f"{docx_ms:.0f} ms", met)
    else:
        row("DOCX opinion", "-", str(render.get("docx")))
    if isinstance(render["pdf"], float):
        pages = render["pages"]
        counted = (
            f"{pages} pages, {pages / render['pdf']:.1f} pages/s; "
            if pages
            else "pages not counted (no pdfinfo); "
        )
        fits = render["pdf"] <= 1.5 and (not pages or pages <= 4)
        row(
            "PDF opinion",
            f"{render['pdf']:.2f} s",
            counted + verdict(fits, "within 1.5 s, 4 pages"),
        )
    else:
        row("PDF report", "-", render["pdf"])


def memory_run(count: int) -> dict[str, Any]:
    """In a fresh process, so that nothing measured before counts."""
    script = Path(__file__).resolve().parent / "memory.py"
    done = subprocess.run(
        [sys.executable, str(script), str(count)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def section(title: str) -> None:
    print(f"\n{title}")


def row(label: str, figure: str, note: str) -> None:
    print(f"  {label:<38} {figure:>22}   {note}".rstrip())


def verdict(met: bool, target: str) -> str:
    return f"target {target}: {'met' if met else 'NOT met'}"


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(all figures in {time.perf_counter() - started:.0f} s)")
