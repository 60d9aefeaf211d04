"""The DuckDB workspace: round trips, one transaction per document, edits, locks and crashes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from bench.store_speed import synthetic_corpus
from core import store
from core.corpus import concat_corpora
from core.schema import (
    ACTORS,
    COLUMNS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TABLES,
    TOPIC_MENTIONS,
    Corpus,
    build_frame,
)
from core.store import Workspace, WorkspaceError, WorkspaceLockedError
from tests.conftest import ROOT

DOC_TABLES = (DOCUMENTS, STATEMENTS, ENTITIES, TOPIC_MENTIONS)
HOSTILE = "x'); DROP TABLE documents; --"


@pytest.fixture
def workspace(tmp_path):
    with Workspace(tmp_path / "test.duckdb") as opened:
        yield opened


def subset(corpus: Corpus, doc_ids: list[str]) -> Corpus:
    """The corpus restricted to some documents (actors kept whole), rows renumbered."""

    def pick(name: str) -> pd.DataFrame:
        frame = corpus.table(name)
        return frame[frame["doc_id"].isin(doc_ids)].reset_index(drop=True)

    return Corpus(
        documents=pick(DOCUMENTS),
        actors=corpus.actors,
        statements=pick(STATEMENTS),
        entities=pick(ENTITIES),
        topic_mentions=pick(TOPIC_MENTIONS),
    )


def assert_corpus_equal(actual: Corpus, expected: Corpus) -> None:
    for name in TABLES:
        assert_frame_equal(actual.table(name), expected.table(name), obj=name)


def run_python(code: str, *, env: dict | None = None, timeout: float = 60) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# ---------------------------------------------------------------- round trips


def test_round_trip_keeps_every_table_dtype_date_and_list(workspace):
    corpus = synthetic_corpus(12)
    report = workspace.add(corpus)
    loaded = workspace.load()
    assert report.added == list(corpus.documents["doc_id"])
    assert_corpus_equal(loaded, corpus)
    documents = loaded.documents
    assert all(isinstance(value, dt.date) for value in documents["published"])
    assert documents["event_date"].isna().any()  # None stays None
    assert all(value is None or type(value) is dt.date for value in documents["event_date"])
    assert all(
        isinstance(value, list)
        for column in ("warnings", "topics", "participants")
        for value in documents[column]
    )
    assert str(documents["ingested_at"].dtype) == "datetime64[us, UTC]"
    assert loaded.statements["speaker_start"].isna().any()  # nullable Int64 kept
    assert all(isinstance(value, list) for value in loaded.actors["aliases"])


def test_empty_workspace_loads_empty_tables(workspace):
    loaded = workspace.load()
    for name in TABLES:
        assert list(loaded.table(name).columns) == list(COLUMNS[name])
        assert loaded.table(name).empty


def test_awkward_values_round_trip(workspace):
    corpus = synthetic_corpus(2)
    documents = corpus.documents.copy()
    documents.loc[0, "title"] = HOSTILE
    documents.loc[1, "title"] = "Ünïcödé “quotes” — 和平 🕊"
    documents.at[0, "warnings"] = ["a; b", "", HOSTILE]
    documents.at[1, "participants"] = []
    corpus.documents = build_frame(DOCUMENTS, documents.to_dict("records"))
    workspace.add(corpus)
    assert_corpus_equal(workspace.load(), corpus)


def test_every_object_column_has_a_storage_type():
    for name in TABLES:
        schema = store.arrow_schema(name)
        assert schema.names == list(COLUMNS[name])


def test_workspace_reopens_with_its_corpus(tmp_path):
    corpus = synthetic_corpus(5)
    with Workspace(tmp_path / "w.duckdb") as first:
        first.add(corpus)
    with Workspace(tmp_path / "w.duckdb") as second:
        assert_corpus_equal(second.load(), corpus)


# ---------------------------------------------------------------- duplicates, batches, deletes


def test_same_release_twice_is_one_document(workspace):
    corpus = synthetic_corpus(3)
    workspace.add(corpus)
    again = workspace.add(corpus)
    assert again.added == []
    assert again.skipped == list(corpus.documents["doc_id"])
    assert_corpus_equal(workspace.load(), corpus)


def test_second_batch_appends_after_the_first(workspace):
    first, second = synthetic_corpus(3, seed=1), synthetic_corpus(4, seed=2)
    workspace.add(first)
    report = workspace.add(second)
    assert len(report.added) == 4
    assert_corpus_equal(workspace.load(), concat_corpora(first, second))


def test_delete_documents_removes_their_rows_only(workspace):
    corpus = synthetic_corpus(4)
    ids = list(corpus.documents["doc_id"])
    workspace.add(corpus)
    assert workspace.delete_documents([ids[1], ids[3], "not-stored"]) == 2
    assert_corpus_equal(workspace.load(), subset(corpus, [ids[0], ids[2]]))
    assert workspace.delete_documents([]) == 0
    assert workspace.delete_documents(["not-stored"]) == 0


def test_actors_go_with_the_last_document_that_mentions_them(workspace):
    corpus = synthetic_corpus(1)
    only = corpus.documents["doc_id"][0]
    workspace.add(corpus)
    workspace.delete_documents([only])
    assert workspace.load().actors.empty


def test_replace_rewrites_a_stored_document(workspace):
    corpus = synthetic_corpus(2)
    workspace.add(corpus)
    reparsed = subset(corpus, list(corpus.documents["doc_id"]))
    reparsed.statements = build_frame(
        STATEMENTS, reparsed.statements.assign(cue="underlined").to_dict("records")
    )
    report = workspace.add(reparsed, replace=True)
    assert report.replaced == list(corpus.documents["doc_id"])
    assert set(workspace.load().statements["cue"]) == {"underlined"}


def test_progress_is_reported_per_document(workspace):
    seen = []
    workspace.add(
        synthetic_corpus(3), on_progress=lambda done, total, _: seen.append((done, total))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


# ---------------------------------------------------------------- failures change nothing


def fail_on(monkeypatch, doc_id: str, table: str, error: BaseException) -> None:
    """Make writing ``table`` rows of one document raise, after its earlier rows were written."""
    original = store._insert_rows

    def insert(cursor, name, rows):
        if name == table and doc_id in rows.column("doc_id").to_pylist():
            raise error
        original(cursor, name, rows)

    monkeypatch.setattr(store, "_insert_rows", insert)


@pytest.mark.parametrize("table", [STATEMENTS, ENTITIES, TOPIC_MENTIONS, store.ACTOR_ROWS])
def test_a_document_failing_mid_write_leaves_nothing_behind(workspace, monkeypatch, table):
    before = synthetic_corpus(2, seed=7)
    workspace.add(before)
    stored_before = workspace.load()
    batch = synthetic_corpus(5, seed=8)
    ids = list(batch.documents["doc_id"])
    fail_on(monkeypatch, ids[2], table, duckdb.IOException("disk went away"))
    report = workspace.add(batch)
    assert report.added == [ids[0], ids[1], ids[3], ids[4]]
    assert [problem.filename for problem in report.failed] == ["release_00002.txt"]
    assert "nothing from this document was stored" in report.failed[0].message
    loaded = workspace.load()
    assert_corpus_equal(subset(loaded, list(before.documents["doc_id"])), stored_before)
    survivors = [ids[0], ids[1], ids[3], ids[4]]
    assert_corpus_equal(subset(loaded, survivors), subset(batch, survivors))
    for name in DOC_TABLES:
        assert ids[2] not in set(loaded.table(name)["doc_id"])


def test_an_unexpected_error_rolls_back_and_propagates(workspace, monkeypatch):
    batch = synthetic_corpus(5)
    ids = list(batch.documents["doc_id"])
    fail_on(monkeypatch, ids[2], ENTITIES, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        workspace.add(batch)
    assert_corpus_equal(workspace.load(), subset(batch, ids[:2]))
    monkeypatch.undo()
    assert workspace.add(batch).added == ids[2:]  # the workspace is still usable
    assert_corpus_equal(workspace.load(), batch)


WRITER = """
    import sys, time
    from pathlib import Path
    from bench.store_speed import synthetic_corpus
    from core import store

    original = store._insert_rows
    doomed = synthetic_corpus(6).documents["doc_id"][3]

    def insert(cursor, table, rows):
        original(cursor, table, rows)
        if table == "statements" and doomed in rows.column("doc_id").to_pylist():
            print("mid-write", flush=True)  # documents and statements rows written, not committed
            time.sleep(600)

    store._insert_rows = insert
    store.Workspace(Path(sys.argv[1])).add(synthetic_corpus(6))
"""


def test_workspace_reopens_after_a_writer_is_killed_mid_document(tmp_path):
    path = tmp_path / "killed.duckdb"
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "mid-write", writer.stderr.read()
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    corpus = synthetic_corpus(6)
    with Workspace(path) as reopened:
        assert_corpus_equal(reopened.load(), subset(corpus, list(corpus.documents["doc_id"][:3])))
        assert len(reopened.add(corpus).added) == 3


# ---------------------------------------------------------------- one process per file


OPENER = """
    import sys
    from pathlib import Path
    from core import store
    try:
        store.Workspace(Path(sys.argv[1])).close()
    except store.WorkspaceLockedError as error:
        print("locked:", error)
    else:
        print("opened")
"""


def open_elsewhere(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(OPENER), str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_a_second_process_gets_an_analyst_worded_lock_error(tmp_path):
    path = tmp_path / "held.duckdb"
    with Workspace(path):
        message = open_elsewhere(path)
        assert message.startswith("locked: This workspace is open in another Readout Lens process")
        assert f"(process {os.getpid()})" in message
        assert "Traceback" not in message
    assert open_elsewhere(path) == "opened"


def test_renaming_or_deleting_a_workspace_held_elsewhere_is_refused(tmp_path):
    store.create_workspace(tmp_path, "held")
    holder = run_python(
        """
        import sys, time
        from core import store
        workspace = store.Workspace(store.workspace_path(sys.argv[1], "held"))
        print("holding", flush=True)
        time.sleep(600)
        """.replace("sys.argv[1]", repr(str(tmp_path)))
    )
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        with pytest.raises(WorkspaceLockedError):
            store.rename_workspace(tmp_path, "held", "other")
        with pytest.raises(WorkspaceLockedError):
            store.delete_workspace(tmp_path, "held")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert store.list_workspaces(tmp_path) == ["held"]


def test_threads_share_one_workspace(workspace):
    batches = [synthetic_corpus(4, seed=seed) for seed in range(1, 5)]
    errors: list[BaseException] = []

    def write(corpus: Corpus) -> None:
        try:
            workspace.add(corpus)
            workspace.load()
        except BaseException as error:  # collected and re-raised in the test thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(workspace.load().documents) == 16


# ---------------------------------------------------------------- analyst edits


def test_document_edits_survive_reparse_and_retag(workspace):
    corpus = synthetic_corpus(3)
    doc_id = corpus.documents["doc_id"][1]
    workspace.add(corpus)
    workspace.set_document_field(doc_id, "title", HOSTILE)
    workspace.set_document_field(doc_id, "published", "2024-02-29")
    workspace.set_document_field(doc_id, "event_date", dt.date(2024, 2, 27))
    workspace.set_document_field(doc_id, "kind", "statement")
    workspace.set_document_field(doc_id, "dateline_place", None)
    workspace.add(corpus, replace=True)  # a re-parse
    retagged = workspace.load()
    retagged.documents["topics"] = [["retagged"]] * len(retagged.documents)
    workspace.replace_topics(retagged)
    document = workspace.load().documents.set_index("doc_id").loc[doc_id]
    assert document["title"] == HOSTILE
    assert document["published"] == dt.date(2024, 2, 29)
    assert document["event_date"] == dt.date(2024, 2, 27)
    assert document["kind"] == "statement"
    assert pd.isna(document["dateline_place"])
    assert document["topics"] == ["retagged"]


def test_edited_dates_move_the_documents_statements(workspace):
    corpus = synthetic_corpus(2)
    doc_id = corpus.documents["doc_id"][0]
    workspace.add(corpus)
    workspace.set_document_field(doc_id, "event_date", None)
    workspace.set_document_field(doc_id, "published", dt.datetime(2022, 5, 6, 7, 8))
    statements = workspace.load().statements
    assert set(statements.loc[statements["doc_id"] == doc_id, "date"]) == {dt.date(2022, 5, 6)}
    other = corpus.statements[corpus.statements["doc_id"] != doc_id]
    assert list(statements.loc[statements["doc_id"] != doc_id, "date"]) == list(other["date"])


def test_later_edit_of_a_field_wins(workspace):
    corpus = synthetic_corpus(1)
    doc_id = corpus.documents["doc_id"][0]
    workspace.add(corpus)
    workspace.set_document_field(doc_id, "publisher", "First fix")
    workspace.set_document_field(doc_id, "publisher", "  Second fix  ")
    assert workspace.load().documents["publisher"][0] == "Second fix"


def test_speaker_edit_renames_the_statement_and_its_actor(workspace):
    corpus = synthetic_corpus(2)
    stmt_id = corpus.statements["stmt_id"][0]  # "He", unresolved in the synthetic corpus
    workspace.add(corpus)
    workspace.set_statement_speaker(stmt_id, "Oren Valk")
    workspace.add(corpus, replace=True)
    loaded = workspace.load()
    statement = loaded.statements.set_index("stmt_id").loc[stmt_id]
    assert statement["speaker"] == "Oren Valk"
    assert statement["actor_id"] == "oren-valk"
    actor = loaded.actors.set_index("actor_id").loc["oren-valk"]
    assert actor["name"] == "Oren Valk"
    assert actor["aliases"] == []
    untouched = loaded.statements[loaded.statements["stmt_id"] != stmt_id].reset_index(drop=True)
    expected = corpus.statements[corpus.statements["stmt_id"] != stmt_id].reset_index(drop=True)
    assert_frame_equal(untouched, expected)


def test_speaker_edit_to_a_known_actor_adds_no_actor(workspace):
    corpus = synthetic_corpus(1)
    workspace.add(corpus)
    workspace.set_statement_speaker(corpus.statements["stmt_id"][0], "Mira Tallis")
    assert_frame_equal(workspace.load().actors, corpus.actors)


def test_deleting_a_document_forgets_its_edits(workspace):
    corpus = synthetic_corpus(1)
    doc_id = corpus.documents["doc_id"][0]
    workspace.add(corpus)
    workspace.set_document_field(doc_id, "title", "Fixed")
    workspace.set_statement_speaker(corpus.statements["stmt_id"][0], "Oren Valk")
    workspace.delete_documents([doc_id])
    workspace.add(corpus)
    assert_corpus_equal(workspace.load(), corpus)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "new text", "cannot be edited"),
        ("doc_id", "x", "cannot be edited"),
        (HOSTILE, "x", "cannot be edited"),
        ("published", "next Tuesday", "is not a date"),
        ("event_date", "2024-13-01", "is not a date"),
        ("event_date", 20240101, "is not a date"),
        ("kind", "tweet", "is not a document kind"),
    ],
)
def test_bad_document_edits_are_refused(workspace, field, value, message):
    corpus = synthetic_corpus(1)
    workspace.add(corpus)
    with pytest.raises(ValueError, match=message):
        workspace.set_document_field(corpus.documents["doc_id"][0], field, value)
    assert_corpus_equal(workspace.load(), corpus)


def test_edits_of_unknown_rows_are_refused(workspace):
    workspace.add(synthetic_corpus(1))
    with pytest.raises(ValueError, match="no stored document"):
        workspace.set_document_field(HOSTILE, "title", "x")
    with pytest.raises(ValueError, match="no stored statement"):
        workspace.set_statement_speaker(HOSTILE, "x")


# ---------------------------------------------------------------- taxonomy and topics


def test_taxonomy_yaml_is_kept_per_workspace(tmp_path):
    text = "topics:\n  Grain corridor:\n    phrases: [grain corridor, 'it''s grain']\n"
    with Workspace(tmp_path / "a.duckdb") as first, Workspace(tmp_path / "b.duckdb") as second:
        assert first.taxonomy_yaml() is None
        first.save_taxonomy_yaml("topics: {}\n")
        first.save_taxonomy_yaml(text)
        assert first.taxonomy_yaml() == text
        assert second.taxonomy_yaml() is None
    with Workspace(tmp_path / "a.duckdb") as reopened:
        assert reopened.taxonomy_yaml() == text


def test_invalid_taxonomy_yaml_is_refused(workspace):
    workspace.save_taxonomy_yaml("topics: {}\n")
    with pytest.raises(ValueError, match="not valid YAML"):
        workspace.save_taxonomy_yaml("topics: [unclosed\n")
    assert workspace.taxonomy_yaml() == "topics: {}\n"


def test_replace_topics_touches_only_the_given_stored_documents(workspace):
    corpus = synthetic_corpus(3)
    ids = list(corpus.documents["doc_id"])
    workspace.add(corpus)
    retagged = subset(corpus, ids[:1])
    retagged.documents["topics"] = [["nuclear"]]
    retagged.topic_mentions = build_frame(
        TOPIC_MENTIONS,
        [
            {
                "doc_id": ids[0],
                "stmt_id": None,
                "topic": "nuclear",
                "matched": "reactor",
                "start": 1,
                "end": 8,
            },
            {
                "doc_id": "not-stored",
                "stmt_id": None,
                "topic": "nuclear",
                "matched": "x",
                "start": 1,
                "end": 2,
            },
        ],
    )
    workspace.replace_topics(retagged)
    loaded = workspace.load()
    assert loaded.documents["topics"][0] == ["nuclear"]
    assert list(loaded.documents["topics"][1:]) == list(corpus.documents["topics"][1:])
    mentions = loaded.topic_mentions
    assert list(mentions.loc[mentions["doc_id"] == ids[0], "matched"]) == ["reactor"]
    assert "not-stored" not in set(mentions["doc_id"])
    others = corpus.topic_mentions[corpus.topic_mentions["doc_id"] != ids[0]]
    assert_frame_equal(
        mentions[mentions["doc_id"] != ids[0]].reset_index(drop=True),
        others.reset_index(drop=True),
    )


# ---------------------------------------------------------------- workspace files


def test_default_dir_is_read_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv(store.WORKSPACE_DIR_ENV, str(tmp_path / "here"))
    assert store.default_workspace_dir() == tmp_path / "here"
    monkeypatch.delenv(store.WORKSPACE_DIR_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store.default_workspace_dir() == tmp_path / ".readout-lens" / "workspaces"


@pytest.mark.parametrize("name", ["default", "Talks 2024", "north-sea_v2.1", "Ålesund"])
def test_good_workspace_names(tmp_path, name):
    path = store.create_workspace(tmp_path, name)
    assert path == tmp_path / f"{name}.duckdb"
    assert store.list_workspaces(tmp_path) == [name]


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "../escape",
        "a/b",
        "a\\b",
        ".hidden",
        "dots.",
        "x" * 65,
        "semi;colon",
        HOSTILE,
        None,
    ],
)
def test_bad_workspace_names(tmp_path, name):
    with pytest.raises(ValueError, match="cannot be a workspace name"):
        store.create_workspace(tmp_path, name)
    assert list(tmp_path.iterdir()) == []


def test_create_list_rename_delete(tmp_path):
    assert store.list_workspaces(tmp_path / "missing") == []
    store.create_workspace(tmp_path, "beta")
    store.create_workspace(tmp_path, "Alpha")
    (tmp_path / "notes.txt").write_text("not a workspace")
    assert store.list_workspaces(tmp_path) == ["Alpha", "beta"]
    with pytest.raises(ValueError, match="already exists"):
        store.create_workspace(tmp_path, "ALPHA")
    with Workspace(store.workspace_path(tmp_path, "beta")) as workspace:
        workspace.add(synthetic_corpus(2))
    renamed = store.rename_workspace(tmp_path, "beta", "gamma")
    assert store.list_workspaces(tmp_path) == ["Alpha", "gamma"]
    with Workspace(renamed) as workspace:
        assert len(workspace.load().documents) == 2
    with pytest.raises(ValueError, match="already exists"):
        store.rename_workspace(tmp_path, "gamma", "alpha")
    store.delete_workspace(tmp_path, "gamma")
    assert store.list_workspaces(tmp_path) == ["Alpha"]
    with pytest.raises(ValueError, match="no workspace called"):
        store.delete_workspace(tmp_path, "gamma")


def test_an_open_workspace_cannot_be_renamed_or_deleted(tmp_path):
    path = store.create_workspace(tmp_path, "open")
    with Workspace(path):
        with pytest.raises(ValueError, match="is open"):
            store.rename_workspace(tmp_path, "open", "other")
        with pytest.raises(ValueError, match="is open"):
            store.delete_workspace(tmp_path, "open")
    store.rename_workspace(tmp_path, "open", "Open")  # a change of case is a rename
    assert store.list_workspaces(tmp_path) == ["Open"]


def test_a_file_that_is_not_a_workspace_is_refused(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 1000)
    with pytest.raises(WorkspaceError, match=r"junk\.duckdb"):
        Workspace(path)


def test_a_closed_workspace_says_so(tmp_path):
    workspace = Workspace(tmp_path / "w.duckdb")
    workspace.close()
    workspace.close()  # twice is harmless
    with pytest.raises(WorkspaceError, match="closed"):
        workspace.load()


def test_a_workspace_missing_a_newer_column_gets_it(tmp_path):
    path = tmp_path / "old.duckdb"
    corpus = synthetic_corpus(2)
    with Workspace(path) as workspace:
        workspace.add(corpus)
    con = duckdb.connect(str(path))
    con.execute('ALTER TABLE documents DROP COLUMN "participants"')
    con.execute('ALTER TABLE statements DROP COLUMN "sentence"')
    con.close()
    with Workspace(path) as workspace:
        loaded = workspace.load()
    assert list(loaded.documents["participants"]) == [[], []]
    assert set(loaded.statements["sentence"]) == {0}
    assert_frame_equal(loaded.entities, corpus.entities)


def test_actor_rows_merge_like_the_corpus_does(workspace):
    corpus = synthetic_corpus(2, seed=3)
    later = synthetic_corpus(2, seed=4)
    actors = later.actors.copy()
    actors["title"] = "General"
    actors.at[0, "aliases"] = ["Another alias"]
    later.actors = build_frame(ACTORS, actors.to_dict("records"))
    workspace.add(corpus)
    workspace.add(later)
    assert_frame_equal(workspace.load().actors, concat_corpora(corpus, later).actors)
