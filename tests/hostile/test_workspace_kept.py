"""A corpus already stored stays as it was, table for table and byte for byte, after bad uploads."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from core import corpus, store
from tests import fixture_files as files
from tests.hostile.builders import CASES, PROBLEM

# every case that must fail, the big ones included (they are cheap to read: they fail early)
FAILING = [case for case in CASES if case.expect == PROBLEM]


def stored_tables(path: Path) -> dict[str, pa.Table]:
    """Every table of the workspace file, all rows, in a fixed order."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [row[0] for row in con.execute("SHOW TABLES").fetchall()]
        return {
            name: con.sql(f'SELECT * FROM "{name}" ORDER BY ALL').to_arrow_table() for name in names
        }


@pytest.fixture
def stored_workspace(tmp_path, blank_nlp, taxonomy) -> Path:
    """A workspace file holding two invented releases, closed."""
    path = tmp_path / "kept.duckdb"
    built = corpus.build_corpus(
        [("one.txt", files.txt_bytes()), ("two.txt", files.txt_bytes(files.OTHER_RELEASE))],
        blank_nlp,
        taxonomy=taxonomy,
    )
    with store.Workspace(path) as workspace:
        assert len(workspace.add(built).added) == 2
    return path


def upload(path: Path, uploaded: list[tuple[str, bytes]], nlp, taxonomy) -> store.AddReport:
    """What the app does with an upload: parse, then store in the open workspace."""
    built = corpus.build_corpus(uploaded, nlp, taxonomy=taxonomy)
    with store.Workspace(path) as workspace:
        return workspace.add(built)


def test_failed_uploads_leave_the_stored_corpus_byte_for_byte_unchanged(
    stored_workspace, blank_nlp, taxonomy
):
    tables_before = stored_tables(stored_workspace)
    bytes_before = stored_workspace.read_bytes()
    for case in FAILING:  # one upload per file, as an analyst retrying would
        report = upload(stored_workspace, [(case.filename, case.build())], blank_nlp, taxonomy)
        assert report.added == [], case.name
        assert report.failed == [], case.name
    assert stored_tables(stored_workspace) == tables_before
    assert stored_workspace.read_bytes() == bytes_before


def test_a_mixed_upload_adds_the_good_file_and_keeps_every_stored_row(
    stored_workspace, blank_nlp, taxonomy
):
    tables_before = stored_tables(stored_workspace)
    batch = [(case.filename, case.build()) for case in FAILING if not case.big]
    batch.append(("new.txt", files.txt_bytes(files.SAMPLE_RELEASE + "A third, new paragraph.\n")))
    report = upload(stored_workspace, batch, blank_nlp, taxonomy)
    assert len(report.added) == 1
    after = stored_tables(stored_workspace)
    new_id = report.added[0]
    for name, table in tables_before.items():
        if "doc_id" not in table.column_names:
            continue
        kept = after[name].filter(pa.compute.not_equal(after[name]["doc_id"], new_id))
        assert kept == table, name
