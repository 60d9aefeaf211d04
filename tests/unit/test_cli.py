"""The command line contract: one JSON object per input file, Parquet tables from ingest."""

import json
import subprocess
import sys

import pandas as pd

from core.schema import TABLES
from tests.conftest import ROOT

REQUIRED = {
    "file",
    "published",
    "event_date",
    "dateline_place",
    "publisher",
    "participants",
    "statements",
    "topics",
}


def run_core(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "core", "--pipeline", "blank", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_parse_prints_one_object_per_file_and_an_error_for_unreadable_ones(tmp_path):
    (tmp_path / "a.txt").write_text("The ministry said that talks went well.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# Note\n\nNothing here.\n", encoding="utf-8")
    result = run_core("parse", str(tmp_path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {record["file"]: record for record in records}
    assert set(by_file) == {"a.txt", "broken.txt", "b.md"}
    assert set(by_file["a.txt"]) >= REQUIRED
    assert set(by_file["broken.txt"]) == {"file", "error"}


def test_parse_statement_offsets_index_the_text(tmp_path):
    text = "VALDORA CITY, May 2 -- Minister Ana Ruiz said that the talks were candid.\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    record = json.loads(run_core("parse", str(path)).stdout)
    for statement in record["statements"]:
        assert text[statement["start"] : statement["end"]] == statement["content"]


def test_parse_missing_path_is_an_error_record(tmp_path):
    result = run_core("parse", str(tmp_path / "nope.txt"))
    assert json.loads(result.stdout) == {"file": "nope.txt", "error": "file not found"}


def test_ingest_writes_the_five_tables(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The ministry said that talks went well.\n")
    result = run_core("ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for table in TABLES:
        frame = pd.read_parquet(tmp_path / "out" / f"{table}.parquet")
        assert table != "documents" or len(frame) == 1
