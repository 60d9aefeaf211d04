"""``python -m core ingest --workspace`` and ``check``: stored documents, and a clear word when
the workspace is held by another process (DuckDB allows one) instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.store_speed import synthetic_corpus
from core import store
from tests import fixture_files as files
from tests.conftest import ROOT


def run_core(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", "--pipeline", "blank", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def release_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "releases"
    folder.mkdir(parents=True)
    (folder / "one.txt").write_bytes(files.txt_bytes())
    (folder / "two.txt").write_bytes(files.txt_bytes(files.OTHER_RELEASE))
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_ingest_into_a_workspace_then_check(tmp_path):
    path = tmp_path / "cli.duckdb"
    stored = run_core("ingest", str(release_folder(tmp_path)), "--workspace", str(path))
    assert stored.returncode == 0, stored.stderr
    assert "2 documents stored, 0 already stored, 1 problems" in stored.stderr
    assert "problem: empty.txt" in stored.stderr
    again = run_core("ingest", str(release_folder(tmp_path / "again")), "--workspace", str(path))
    assert "0 documents stored, 2 already stored" in again.stderr
    checked = run_core("check", "--workspace", str(path))
    assert checked.returncode == 0
    assert checked.stdout.strip().endswith("2 documents, every document is whole.")
    with store.Workspace(path) as workspace:
        assert len(workspace.load().documents) == 2


def test_a_workspace_held_by_another_process_is_a_clear_message(tmp_path):
    path = tmp_path / "held.duckdb"
    folder = release_folder(tmp_path)
    with store.Workspace(path):  # this test process holds it; the commands run in others
        for args in (
            ("ingest", str(folder), "--workspace", str(path)),
            ("check", "--workspace", str(path)),
        ):
            result = run_core(*args)
            assert result.returncode == 2, (args, result.stderr)
            assert result.stderr.startswith(
                "error: This workspace is open in another Readout Lens process"
            ), result.stderr
            assert f"(process {os.getpid()})" in result.stderr
            assert "READOUT_WORKSPACE_DIR" in result.stderr  # what to do
            assert "Traceback" not in result.stderr
    assert run_core("check", "--workspace", str(path)).returncode == 0


def test_check_reports_a_damaged_workspace(tmp_path):
    path = tmp_path / "damaged.duckdb"
    with store.Workspace(path) as workspace:
        workspace.add(synthetic_corpus(3))
        workspace._con.execute("DELETE FROM entities")  # behind the store's back
    checked = run_core("check", "--workspace", str(path))
    assert checked.returncode == 1
    assert "entities rows" in checked.stdout


def test_a_file_that_is_not_a_workspace_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    result = run_core("check", "--workspace", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert path.read_text() == "these are my notes, not a database"
