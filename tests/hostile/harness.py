"""Run hostile cases through the core the way an upload goes, and judge the outcome.

``run_core`` reads and parses one case in this process. ``run_isolated`` runs each case in a
forked child with a time limit and reports the child's peak memory, so one case that hangs or
balloons cannot take the others (or the test run) with it. ``python -m tests.hostile.harness
NAME...`` prints one JSON outcome per case (used by the tests of the big cases).
"""

from __future__ import annotations

import json
import multiprocessing
import re
import resource
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field

from tests.hostile.builders import CASES_BY_NAME, PARSED, PROBLEM, Case

CRASH = "crash"
HANG = "hang"
CASE_TIME_LIMIT = 120.0  # seconds per file, far above the slowest case (a few seconds)
# what Python, not an analyst, would write
PYTHON_WORDS = re.compile(
    r"Traceback|Exception|Error\b|errno|\bline \d+|File \"|0x[0-9a-f]{6,}|<class |object at",
)


@dataclass
class Outcome:
    """What came of one case: parsed documents' texts, problems, or a crash or hang."""

    name: str
    kind: str  # PARSED, PROBLEM (nothing parsed, problems listed), CRASH or HANG
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    texts: list[str] = field(default_factory=list)
    filenames: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0
    detail: str = ""  # the traceback of a crash


def run_core(case: Case, data: bytes, nlp, taxonomy) -> Outcome:
    """Read and parse ``data`` as ``case.filename`` through core, as the app does."""
    from core import corpus

    started = time.perf_counter()
    try:
        raws, problems = corpus.read_files([(case.filename, data)])
        parsed, parse_problems = corpus.parse_documents(raws, nlp, taxonomy=taxonomy)
    except Exception:  # the outcome under test: any escape is a crash to report
        return Outcome(
            case.name, CRASH, seconds=time.perf_counter() - started, detail=traceback.format_exc()
        )
    problems = [(p.filename, p.message) for p in problems + parse_problems]
    return Outcome(
        case.name,
        PARSED if parsed else PROBLEM,
        problems=problems,
        texts=[item.document["text"] for item in parsed],
        filenames=[item.document["filename"] for item in parsed],
        seconds=time.perf_counter() - started,
    )


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with an outcome (empty when the case behaved)."""
    if outcome.kind in (CRASH, HANG):
        return [f"{outcome.kind}: {outcome.detail[-2000:]}"]
    failures = [
        f"unclear problem {p!r}" for p in outcome.problems if not is_analyst_worded(case, p)
    ]
    if case.expect == PROBLEM and outcome.kind != PROBLEM:
        failures.append(f"expected a problem, got a parse of {outcome.filenames}")
    if case.expect == PARSED and outcome.kind != PARSED:
        failures.append(f"expected a parse, got problems {outcome.problems}")
    if outcome.kind == PROBLEM and case.expect != PARSED:
        messages = " ".join(message.lower() for _, message in outcome.problems)
        if case.words and not any(word in messages for word in case.words):
            failures.append(f"problem does not say {case.words}: {outcome.problems}")
    if outcome.kind == PARSED and case.expect == PARSED:
        text = "\n".join(outcome.texts)
        failures += [
            f"{phrase!r} not in the text read" for phrase in case.words if phrase not in text
        ]
    text = "\n".join(outcome.texts)
    failures += [f"{phrase!r} is in the text read" for phrase in case.absent if phrase in text]
    return failures


def is_analyst_worded(case: Case, problem: tuple[str, str]) -> bool:
    """The problem names the file and says what is wrong in words, with no Python in it."""
    filename, message = problem
    return (
        filename.startswith(case.filename)
        and len(message.strip()) > 3
        and not PYTHON_WORDS.search(message)
    )


# ---------------------------------------------------------------- isolated runs


def _child(case_name: str, nlp, taxonomy, connection) -> None:
    case = CASES_BY_NAME[case_name]
    outcome = run_core(case, case.build(), nlp, taxonomy)
    outcome.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    connection.send(asdict(outcome))
    connection.close()


def run_isolated(
    names: list[str], nlp, taxonomy, *, limit: float = CASE_TIME_LIMIT
) -> list[Outcome]:
    """Each case in a forked child (the pipeline already loaded), killed after ``limit`` s."""
    context = multiprocessing.get_context("fork")
    outcomes = []
    for name in names:
        receive, send = context.Pipe(duplex=False)
        started = time.perf_counter()
        process = context.Process(target=_child, args=(name, nlp, taxonomy, send))
        process.start()
        send.close()
        if receive.poll(limit):
            try:
                outcome = Outcome(**receive.recv())
            except EOFError:
                outcome = Outcome(name, CRASH, detail=f"child exited with {process.exitcode}")
        else:
            process.kill()
            outcome = Outcome(name, HANG, detail=f"no answer in {limit:.0f} s")
        process.join()
        if outcome.kind == CRASH and not outcome.detail:
            outcome.detail = f"child exited with {process.exitcode}"
        outcome.seconds = outcome.seconds or time.perf_counter() - started
        outcomes.append(outcome)
    return outcomes


def main(names: list[str]) -> int:
    from core import nlp as nlp_loader
    from core import topics

    pipeline = nlp_loader.load_pipeline("blank")
    taxonomy = topics.load_taxonomy()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"baseline_mb": baseline}), flush=True)
    for outcome in run_isolated(names or list(CASES_BY_NAME), pipeline, taxonomy):
        record = asdict(outcome)
        record["texts"] = [text[:200] for text in outcome.texts]
        record["failures"] = judge(CASES_BY_NAME[outcome.name], outcome)
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
