"""Documents: pick a release (also by ?doc=), read it highlighted, edit it, see its rows."""

from __future__ import annotations

import datetime as dt

import pytest

from components import state
from core import store
from core.schema import DOCUMENTS, STATEMENTS, Corpus, build_frame
from tests.app.conftest import seeded_app
from tests.unit.test_reader import ATTACKS, hostile_corpus

PAGE = "pages/5_Documents.py"


def reader_html(at) -> str:
    return at.get("html")[0].proto.body


def stored_app(corpus, folder):
    """An app whose default workspace already holds ``corpus`` (nothing seeded in session)."""
    workspace = store.Workspace(store.workspace_path(folder, "default"))
    workspace.add(corpus)
    workspace.close()
    return seeded_app(PAGE)


def test_empty_page_points_home():
    at = seeded_app(PAGE).run()
    assert not at.exception
    assert any("No releases are loaded yet" in info.value for info in at.info)


def test_loaded_page_shows_the_first_document_and_its_rows(small_corpus):
    at = seeded_app(PAGE, small_corpus).run()
    assert not at.exception
    chosen = at.selectbox(key="documents_doc").value
    document = small_corpus.documents.set_index("doc_id").loc[chosen]
    body = reader_html(at)
    assert document["title"] in body
    assert 'class="rl-speaker' in body
    assert 'class="rl-content' in body
    labels = [tab.label for tab in at.tabs]
    assert labels[0].startswith("Statements (")
    n_statements = (small_corpus.statements["doc_id"] == chosen).sum()
    assert labels[0] == f"Statements ({n_statements})"
    assert at.query_params["doc"] in (chosen, [chosen])
    buttons = [button.label for button in at.get("download_button")]
    assert buttons.count("CSV") == len(labels)
    assert buttons.count("XLSX") == len(labels)


def test_doc_query_parameter_opens_that_document(small_corpus):
    wanted = small_corpus.documents["doc_id"].iloc[4]
    at = seeded_app(PAGE, small_corpus)
    at.query_params["doc"] = wanted
    at.run()
    assert not at.exception
    assert at.selectbox(key="documents_doc").value == wanted
    assert small_corpus.documents["title"].iloc[4] in reader_html(at)


def test_picking_a_document_updates_the_url(small_corpus):
    at = seeded_app(PAGE, small_corpus).run()
    other = small_corpus.documents["doc_id"].iloc[5]
    at.selectbox(key="documents_doc").select(other).run()
    assert not at.exception
    assert at.query_params["doc"] in (other, [other])
    assert small_corpus.documents["title"].iloc[5] in reader_html(at)


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_release_is_shown_as_text(attack):
    at = seeded_app(PAGE, hostile_corpus(attack)).run()
    assert not at.exception
    body = reader_html(at)
    assert "<script" not in body
    assert "<img" not in body
    assert "&lt;script&gt;" in body or "&lt;img" in body


def test_metadata_edits_are_stored_and_kept(small_corpus, isolated_workspace):
    at = stored_app(small_corpus, isolated_workspace).run()
    doc_id = at.selectbox(key="documents_doc").value
    suffix = doc_id[:16]
    at.text_input(key=f"documents_title_{suffix}").input("Corrected title")
    at.text_input(key=f"documents_publisher_{suffix}").input("Corrected Publisher")
    at.date_input(key=f"documents_event_date_{suffix}").set_value(dt.date(2022, 2, 2))
    at.selectbox(key=f"documents_kind_{suffix}").select("statement")
    next(button for button in at.button if button.label == "Save metadata").click().run()
    assert not at.exception
    document = at.session_state[state.CORPUS].documents.set_index("doc_id").loc[doc_id]
    assert document["title"] == "Corrected title"
    assert document["publisher"] == "Corrected Publisher"
    assert document["event_date"] == dt.date(2022, 2, 2)
    assert document["kind"] == "statement"
    assert "Corrected title" in reader_html(at)
    # a new session reads the edits back from the workspace
    again = seeded_app(PAGE)
    again.query_params["doc"] = doc_id
    again.run()
    assert "Corrected title" in reader_html(again)


def test_statement_speaker_edit_is_stored(small_corpus, isolated_workspace):
    at = stored_app(small_corpus, isolated_workspace).run()
    doc_id = at.selectbox(key="documents_doc").value
    suffix = doc_id[:16]
    stmt_id = at.selectbox(key=f"documents_stmt_{suffix}").options[0]
    at.text_input(key=f"documents_speaker_{suffix}").input("Anna Kessler")
    next(button for button in at.button if button.label == "Save speaker").click().run()
    assert not at.exception
    statements = at.session_state[state.CORPUS].statements
    assert "Anna Kessler" in set(statements.loc[statements["doc_id"] == doc_id, "speaker"])
    assert stmt_id  # the picker offered the document's statements


def with_missing_values(corpus):
    """The corpus with the first document's title, publisher, dateline and first speaker unknown."""
    documents = corpus.documents.to_dict("records")
    documents[0].update(title=None, publisher=None, dateline_place=None, kind=None)
    statements = corpus.statements.to_dict("records")
    first = next(row for row in statements if row["doc_id"] == documents[0]["doc_id"])
    first.update(speaker=None, speaker_text=None, side=None, actor_id=None)
    return Corpus(
        documents=build_frame(DOCUMENTS, documents),
        actors=corpus.actors,
        statements=build_frame(STATEMENTS, statements),
        entities=corpus.entities,
        topic_mentions=corpus.topic_mentions,
    )


@pytest.mark.parametrize("path", [PAGE, "app.py"])
def test_missing_values_are_shown_as_blanks(small_corpus, path):
    corpus = with_missing_values(small_corpus)
    at = seeded_app(path, corpus)
    at.query_params["doc"] = corpus.documents["doc_id"].iloc[0]
    at.run()
    assert not at.exception
    if path == PAGE:
        assert "Untitled" in reader_html(at)
