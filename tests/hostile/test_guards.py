"""The guards that bound one document: the time budget, the pipeline's length, reader faults."""

from __future__ import annotations

import time

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from core import corpus, deadline, ingest, release
from core.schema import RawDocument
from tests import fixture_files as files


def busy(seconds: float) -> int:
    """Pure-Python work (no sleep: the budget must stop running bytecode)."""
    ends, count = time.monotonic() + seconds, 0
    while time.monotonic() < ends:
        count += 1
    return count


def test_time_budget_stops_work_that_runs_over():
    started = time.monotonic()
    with pytest.raises(deadline.BudgetExceeded), deadline.time_budget(0.2):
        busy(30)
    assert time.monotonic() - started < 10


def test_time_budget_lets_quick_work_finish_and_never_fires_later():
    with deadline.time_budget(0.3):
        busy(0.01)
    busy(0.6)  # the timer was cancelled: nothing is raised after the block


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", deadline.DEFAULT_SECONDS),
        ("12.5", 12.5),
        ("zero", deadline.DEFAULT_SECONDS),
        ("-3", deadline.DEFAULT_SECONDS),
    ],
)
def test_budget_setting(monkeypatch, setting, expected):
    monkeypatch.setenv(deadline.BUDGET_SETTING, setting)
    assert deadline.budget_seconds() == expected


def raw(name: str, text: str = files.SAMPLE_RELEASE) -> RawDocument:
    return RawDocument(filename=name, text=text)


def test_a_document_over_its_budget_is_a_problem_and_the_next_one_parses(
    monkeypatch, blank_nlp, taxonomy
):
    real = release.parse_release

    def slow_for_one(item, doc, **kwargs):
        if item.filename == "slow.txt":
            busy(30)
        return real(item, doc, **kwargs)

    monkeypatch.setattr(release, "parse_release", slow_for_one)
    parsed, problems = corpus.parse_documents(
        [raw("slow.txt"), raw("fine.txt", files.OTHER_RELEASE)],
        blank_nlp,
        taxonomy=taxonomy,
        seconds_per_document=3,
    )
    assert [item.document["filename"] for item in parsed] == ["fine.txt"]
    assert [problem.filename for problem in problems] == ["slow.txt"]
    assert "took too long to analyse" in problems[0].message


@Language.component("stall_on_marker")
def stall_on_marker(doc: Doc) -> Doc:
    """A pipeline step that hangs on one document (the marker), as a pathological input can."""
    if STALL_MARKER in doc.text:
        busy(30)
    return doc


STALL_MARKER = "STALL-HERE"


def test_a_stalled_pipeline_batch_loses_only_the_document_at_fault(taxonomy):
    stalling = spacy.blank("en")
    stalling.add_pipe("sentencizer")
    stalling.add_pipe("stall_on_marker")
    stalls = files.SAMPLE_RELEASE + "\n" + STALL_MARKER
    parsed, problems = corpus.parse_documents(
        [raw("one.txt"), raw("lines.txt", stalls), raw("two.txt", files.OTHER_RELEASE)],
        stalling,
        taxonomy=taxonomy,
        seconds_per_document=3,
    )
    assert [item.document["filename"] for item in parsed] == ["one.txt", "two.txt"]
    assert [(problem.filename, "too long" in problem.message) for problem in problems] == [
        ("lines.txt", True)
    ]


def test_text_longer_than_the_pipeline_takes_is_a_problem_in_words(blank_nlp, taxonomy):
    long_text = "word " * (blank_nlp.max_length // 5 + 10)
    parsed, problems = corpus.parse_documents(
        [raw("long.txt", long_text), raw("fine.txt")], blank_nlp, taxonomy=taxonomy
    )
    assert [item.document["filename"] for item in parsed] == ["fine.txt"]
    assert problems[0].filename == "long.txt"
    assert "too long to analyse" in problems[0].message
    assert "split it" in problems[0].message


def test_an_unexpected_reader_fault_is_a_problem_not_a_crash(monkeypatch):
    real = ingest.read_upload_parts

    def faulty(filename, data):
        if filename == "odd.docx":
            raise RecursionError("maximum recursion depth exceeded")
        return real(filename, data)

    monkeypatch.setattr(ingest, "read_upload_parts", faulty)
    raws, problems = corpus.read_files([("odd.docx", b"x"), ("ok.txt", files.txt_bytes())])
    assert [item.filename for item in raws] == ["ok.txt"]
    assert [problem.filename for problem in problems] == ["odd.docx"]
    assert "Recursion" not in problems[0].message
    assert "could not be read" in problems[0].message


def test_an_unexpected_parse_fault_is_a_problem_without_python_words(
    monkeypatch, blank_nlp, taxonomy
):
    def broken(item, doc, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'text'")

    monkeypatch.setattr(release, "parse_release", broken)
    parsed, problems = corpus.parse_documents([raw("a.txt")], blank_nlp, taxonomy=taxonomy)
    assert parsed == []
    assert problems[0].filename == "a.txt"
    assert "Error" not in problems[0].message
    assert "NoneType" not in problems[0].message


@pytest.mark.parametrize(
    ("text", "expected", "removed"),
    [
        ("said\x1b[31m that\x07", "said [31m that ", 2),
        ("tab\tnew\nline\r\n\fpage\v", "tab\tnew\nline\r\n\fpage\v", 0),
        ("\u202eright-to-left\u200f marks stay", "\u202eright-to-left\u200f marks stay", 0),
        ("nul\x00 and C1\x85\x9f", "nul  and C1  ", 3),
    ],
)
def test_control_characters_are_blanked_keeping_offsets(text, expected, removed):
    assert ingest.blank_control_characters(text) == (expected, removed)
    assert len(expected) == len(text)


def test_a_read_document_says_control_characters_were_blanked():
    text = files.SAMPLE_RELEASE + "bell\x07\n"
    (document,) = ingest.read_upload("a.txt", text.encode())
    assert "\x07" not in document.text
    assert len(document.text) == len(text)
    assert "blanked 1 control characters" in document.warnings


def test_a_failed_write_is_reported_in_words_without_the_database_error(
    tmp_path, monkeypatch, blank_nlp, taxonomy
):
    import duckdb

    from core import store

    def refuse(cursor, table, rows):
        raise duckdb.ConstraintException("Constraint Error: Duplicate key 'doc_id: 3f2a'")

    built = corpus.build_corpus([("a.txt", files.txt_bytes())], blank_nlp, taxonomy=taxonomy)
    monkeypatch.setattr(store, "_insert_rows", refuse)
    with store.Workspace(tmp_path / "w.duckdb") as workspace:
        report = workspace.add(built)
    (problem,) = report.failed
    assert problem.filename == "a.txt"
    assert "nothing from this document was stored" in problem.message
    assert "Constraint" not in problem.message
    assert "Exception" not in problem.message
