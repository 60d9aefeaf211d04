"""Every hostile-input case (tests/hostile/builders.py) through core: outcome, time, peak memory.

usage: python bench/hostile_report.py [--seconds-per-document S] [CASE ...]

Each case runs in a forked child (the language pipeline loaded once, before the fork) under a
time limit, as the tests do; the per-document budget is the app's (``READOUT_PARSE_SECONDS``,
else 60 s) unless given. Prints one line per case and a total; exit status 1 when a case did
not behave (a crash, a hang, an unclear problem, or the wrong outcome).
"""

from __future__ import annotations

import argparse
import os
import time

from common import ROOT  # noqa: F401  (puts the repository on sys.path)

from core import deadline, topics
from core import nlp as nlp_loader
from tests.hostile import harness
from tests.hostile.builders import CASES, CASES_BY_NAME


def describe(outcome: harness.Outcome) -> str:
    if outcome.kind == harness.PARSED:
        skipped = f", {len(outcome.problems)} skipped" if outcome.problems else ""
        return f"parsed {len(outcome.texts)} document(s){skipped}"
    if outcome.kind == harness.PROBLEM:
        first = outcome.problems[0][1] if outcome.problems else ""
        return f"problem: {first[:70]}"
    return outcome.kind


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds-per-document", type=float, default=None)
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    if args.seconds_per_document:
        os.environ[deadline.BUDGET_SETTING] = str(args.seconds_per_document)
    budget = deadline.budget_seconds()
    names = args.cases or [case.name for case in CASES]
    pipeline = nlp_loader.load_pipeline("blank")
    taxonomy = topics.load_taxonomy()
    started = time.perf_counter()
    print(f"{'case':24} {'input':>12}  {'outcome':78} {'time s':>7} {'peak MB':>8}")
    counts: dict[str, int] = {}
    failed = []
    for name in names:
        case = CASES_BY_NAME[name]
        size = len(case.build())
        limit = 2 * budget + harness.CASE_TIME_LIMIT
        (outcome,) = harness.run_isolated([name], pipeline, taxonomy, limit=limit)
        failures = harness.judge(case, outcome)
        counts[outcome.kind] = counts.get(outcome.kind, 0) + 1
        mark = "" if not failures else "  <-- " + failures[0][:60]
        failed += [name] if failures else []
        print(
            f"{name:24} {size:>12,}  {describe(outcome):78} {outcome.seconds:7.2f} "
            f"{outcome.peak_mb:8.0f}{mark}",
            flush=True,
        )
    total = time.perf_counter() - started
    outcomes = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    print(
        f"total: {len(names)} cases ({outcomes}); {len(names) - len(failed)} behaved, "
        f"{len(failed)} did not{': ' + ', '.join(failed) if failed else ''}; "
        f"{total:.0f} s; budget {budget:.0f} s per document"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
