"""The per-document row counts: every stored document provably whole, damage reported."""

from __future__ import annotations

import pytest

from bench.store_speed import synthetic_corpus
from core import store
from core.store import Workspace


@pytest.fixture
def workspace(tmp_path):
    with Workspace(tmp_path / "counts.duckdb") as opened:
        yield opened


def raw(workspace: Workspace, sql: str, params: list | None = None) -> list:
    """SQL behind the store's back (what a damaged file would look like)."""
    return workspace._con.execute(sql, params or []).fetchall()


def test_a_stored_corpus_is_consistent_after_every_kind_of_write(workspace):
    corpus = synthetic_corpus(6)
    ids = list(corpus.documents["doc_id"])
    workspace.add(corpus)
    assert workspace.check() == []
    workspace.add(corpus, replace=True)
    assert workspace.check() == []
    retagged = workspace.load()
    retagged.topic_mentions = retagged.topic_mentions.iloc[::2].reset_index(drop=True)
    workspace.replace_topics(retagged)
    assert workspace.check() == []
    assert workspace.delete_documents(ids[:2]) == 2
    assert workspace.check() == []
    counted = raw(workspace, "SELECT doc_id FROM document_counts ORDER BY doc_id")
    assert [row[0] for row in counted] == sorted(ids[2:])


def test_counts_match_the_rows_written(workspace):
    corpus = synthetic_corpus(3)
    workspace.add(corpus)
    doc_id = corpus.documents["doc_id"][1]
    statements, entities, mentions, _ = raw(
        workspace,
        "SELECT statements, entities, topic_mentions, actor_rows FROM document_counts "
        "WHERE doc_id = ?",
        [doc_id],
    )[0]
    assert statements == int((corpus.statements["doc_id"] == doc_id).sum())
    assert entities == int((corpus.entities["doc_id"] == doc_id).sum())
    assert mentions == int((corpus.topic_mentions["doc_id"] == doc_id).sum())


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("DELETE FROM statements WHERE doc_id = ?", "statements rows, "),
        ("DELETE FROM entities WHERE doc_id = ?", "entities rows, "),
        ("DELETE FROM document_counts WHERE doc_id = ?", "has no row counts"),
        ("INSERT INTO documents SELECT * FROM documents WHERE doc_id = ?", "stored 2 times"),
        ("DELETE FROM documents WHERE doc_id = ?", "belong to no stored document"),
    ],
)
def test_damage_is_reported(workspace, damage, expected):
    corpus = synthetic_corpus(3)
    workspace.add(corpus)
    doc_id = corpus.documents["doc_id"][0]
    assert int((corpus.statements["doc_id"] == doc_id).sum()) > 0
    assert int((corpus.entities["doc_id"] == doc_id).sum()) > 0
    raw(workspace, damage, [doc_id])
    problems = workspace.check()
    assert any(expected in problem for problem in problems), problems
    assert all(
        doc_id in problem or "belong to no stored document" in problem for problem in problems
    )


def test_a_workspace_from_before_the_counts_gets_them_once(tmp_path):
    path = tmp_path / "old.duckdb"
    corpus = synthetic_corpus(4)
    with Workspace(path) as old:
        old.add(corpus)
        raw(old, "DROP TABLE document_counts")
    with Workspace(path) as reopened:
        assert reopened.check() == []
        assert len(raw(reopened, "SELECT * FROM document_counts")) == 4


def test_opening_a_damaged_workspace_logs_for_the_operator(tmp_path, caplog):
    path = tmp_path / "damaged.duckdb"
    corpus = synthetic_corpus(2)
    with Workspace(path) as first:
        first.add(corpus)
        raw(first, "DELETE FROM statements WHERE doc_id = ?", [corpus.documents["doc_id"][0]])
    with caplog.at_level("WARNING", logger=store.__name__), Workspace(path) as reopened:
        assert reopened.load().documents["doc_id"].tolist() == corpus.documents["doc_id"].tolist()
    assert any("statements rows" in record.getMessage() for record in caplog.records)
