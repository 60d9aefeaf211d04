"""The table definitions: frames are built and validated the same way everywhere."""

import datetime as dt

import pandas as pd
import pytest

from core.schema import (
    COLUMNS,
    DOCUMENTS,
    STATEMENTS,
    TABLES,
    Corpus,
    SchemaError,
    build_frame,
    empty_frame,
    validate_frame,
)


@pytest.mark.parametrize("table", TABLES)
def test_empty_frame_has_the_tables_columns_and_validates(table):
    frame = empty_frame(table)
    assert list(frame.columns) == list(COLUMNS[table])
    assert validate_frame(table, frame) is frame


def _statement(**changes):
    row = {column: None for column in COLUMNS[STATEMENTS]}
    row.update(
        stmt_id="d-0000",
        doc_id="d",
        speaker="Jane Roe",
        speaker_kind="person",
        cue="said",
        mode="indirect",
        content="peace matters",
        start=10,
        end=23,
        sentence=0,
        confidence=0.9,
        date=dt.date(2024, 3, 4),
    )
    row.update(changes)
    return row


def test_build_frame_keeps_values_and_nullable_offsets():
    frame = build_frame(STATEMENTS, [_statement(), _statement(stmt_id="d-0001", cue_start=3)])
    assert frame["start"].tolist() == [10, 10]
    assert frame["cue_start"].isna().tolist() == [True, False]
    assert frame["date"].iloc[0] == dt.date(2024, 3, 4)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mode": "rumour"}, "unknown mode"),
        ({"start": 30, "end": 20}, "start after end"),
    ],
)
def test_validate_rejects_broken_statements(change, message):
    with pytest.raises(SchemaError, match=message):
        build_frame(STATEMENTS, [_statement(**change)])


def test_validate_rejects_missing_column_and_duplicate_documents():
    frame = empty_frame(DOCUMENTS).drop(columns=["title"])
    with pytest.raises(SchemaError, match="columns"):
        validate_frame(DOCUMENTS, frame)
    row = {c: None for c in COLUMNS[DOCUMENTS]} | {
        "doc_id": "x",
        "n_words": 1,
        "ingested_at": pd.Timestamp("2024-01-01", tz="UTC"),
    }
    with pytest.raises(SchemaError, match="duplicate"):
        build_frame(DOCUMENTS, [row, row])


def test_corpus_defaults_to_empty_valid_tables():
    corpus = Corpus()
    for table in TABLES:
        assert corpus.table(table).empty
        validate_frame(table, corpus.table(table))
