"""Every hostile case through core and through ``python -m core parse``: a clear problem or a
correct parse, never a traceback, a hang or unbounded memory.

Small cases run here, each under an alarm; the big ones (50 MB, zip bombs, long texts) share one
subprocess that forks a child per case and reports its peak memory.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile import harness
from tests.hostile.builders import CASES, PARSED, PROBLEM, Case
from tests.hostile.conftest import TEST_BUDGET_SECONDS

SMALL = [case for case in CASES if not case.big]
BIG = [case for case in CASES if case.big]
MEMORY_CAP_MB = 2048
SUBPROCESS_TIMEOUT = 900  # seconds for all the cases of one subprocess; a hang ends it


def test_there_are_enough_cases_and_their_names_are_unique():
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({case.filename for case in CASES}) == len(CASES)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"no outcome in {harness.CASE_TIME_LIMIT:.0f} s")


@pytest.mark.parametrize("case", SMALL, ids=lambda case: case.name)
def test_core_gives_a_clear_problem_or_a_correct_parse(case: Case, blank_nlp, taxonomy):
    data = case.build()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(int(harness.CASE_TIME_LIMIT))
    try:
        outcome = harness.run_core(case, data, blank_nlp, taxonomy)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert harness.judge(case, outcome) == []


def _harness_env() -> dict[str, str]:
    return {**os.environ, "READOUT_PARSE_SECONDS": TEST_BUDGET_SECONDS, "PYTHONPATH": str(ROOT)}


def test_big_cases_in_their_own_processes_stay_bounded():
    completed = subprocess.run(
        [sys.executable, "-m", "tests.hostile.harness", *(case.name for case in BIG)],
        cwd=ROOT,
        env=_harness_env(),
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "Traceback" not in completed.stderr, completed.stderr[-3000:]
    records = [json.loads(line) for line in completed.stdout.splitlines()]
    outcomes = {record["name"]: record for record in records if "name" in record}
    assert set(outcomes) == {case.name for case in BIG}
    for name, outcome in outcomes.items():
        assert outcome["failures"] == [], name
        assert outcome["peak_mb"] < MEMORY_CAP_MB, (name, outcome["peak_mb"])


# ---------------------------------------------------------------- the command line


# The command line run as usual, then its own high-water mark read from /proc. Not rusage:
# Linux folds the parent's peak into a child's ru_maxrss at exec (subprocess uses vfork), so
# a long test process of 2.6 GB made every child look 2.6 GB.
_CLI_REPORTING_PEAK = (
    "import sys\n"
    "from core.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')]\n"
    "sys.stderr.write('PEAK_KB ' + peak[0].split()[1] + '\\n')\n"
    "sys.exit(code)\n"
)


def _run_measuring_peak(arguments: list[str], env: dict[str, str]):
    """Run ``python -m core ARGUMENTS``; return its result and its own peak RSS in MB."""
    completed = subprocess.run(
        [sys.executable, "-c", _CLI_REPORTING_PEAK, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )
    reported = [line for line in completed.stderr.splitlines() if line.startswith("PEAK_KB ")]
    peak_mb = int(reported[-1].split()[1]) / 1024 if reported else float("inf")
    return completed, peak_mb


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """``python -m core parse`` over every case's file (one process, all files)."""
    folder = tmp_path_factory.mktemp("hostile-files")
    for case in CASES:
        (folder / case.filename).write_bytes(case.build())
    arguments = ["--pipeline", "blank", "parse", str(folder)]
    env = {**os.environ, "READOUT_PARSE_SECONDS": TEST_BUDGET_SECONDS}
    completed, peak_mb = _run_measuring_peak(arguments, env)
    records = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    return completed, records, peak_mb


def test_cli_ends_cleanly_within_bounded_memory(cli_run):
    completed, records, peak_mb = cli_run
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "Traceback" not in completed.stderr, completed.stderr[-3000:]
    assert peak_mb < MEMORY_CAP_MB
    named = {Path(record["file"].split("/")[0]).name for record in records}
    assert {case.filename for case in CASES} <= named


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_cli_gives_a_clear_problem_or_a_parse(case: Case, cli_run):
    _completed, records, _peak = cli_run
    own = [
        r
        for r in records
        if r["file"] == case.filename or r["file"].startswith(case.filename + "/")
    ]
    errors = [(r["file"], r["error"]) for r in own if "error" in r]
    parses = [r for r in own if "error" not in r]
    assert own, f"no line for {case.filename}"
    for problem in errors:
        assert harness.is_analyst_worded(case, problem), problem
    if case.expect == PROBLEM:
        assert not parses
    if case.expect == PARSED:
        assert parses, errors
