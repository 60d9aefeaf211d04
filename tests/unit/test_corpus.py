"""Files in, one Corpus out: duplicates, problems and merging across documents."""

import pytest

from core import corpus, release
from core.schema import ACTORS, Corpus, build_frame

RELEASE_A = (
    "Valdoria and Kestria hold talks\n\n"
    "VALDORA CITY, March 4 -- Minister Ana Ruiz held talks with her Kestrian counterpart.\n"
)
RELEASE_B = "Ministry statement\n\nThe ministry said that the exercise will go ahead.\n"
JUNK = bytes(range(256)) * 8


def test_document_id_ignores_whitespace_layout_but_not_words():
    assert release.document_id("A  b\r\nc ") == release.document_id("A b c")
    assert release.document_id("A b c") != release.document_id("A b d")


def test_same_release_twice_is_one_document(blank_nlp):
    built = corpus.build_corpus(
        [("a.txt", RELEASE_A.encode()), ("copy of a.txt", RELEASE_A.encode())], blank_nlp
    )
    assert len(built.documents) == 1
    assert built.documents["filename"].tolist() == ["a.txt"]


def test_one_broken_file_never_sinks_the_batch(blank_nlp):
    built = corpus.build_corpus(
        [("a.txt", RELEASE_A.encode()), ("junk.txt", JUNK), ("b.txt", RELEASE_B.encode())],
        blank_nlp,
    )
    assert sorted(built.documents["filename"]) == ["a.txt", "b.txt"]
    assert [problem.filename for problem in built.problems] == ["junk.txt"]
    assert built.problems[0].message


def test_progress_is_reported_per_document(blank_nlp):
    seen = []
    corpus.build_corpus(
        [("a.txt", RELEASE_A.encode()), ("b.txt", RELEASE_B.encode())],
        blank_nlp,
        on_progress=lambda done, total, name: seen.append((done, total, name)),
    )
    assert seen == [(1, 2, "a.txt"), (2, 2, "b.txt")]


def test_documents_row_counts_words_and_keeps_text(blank_nlp):
    built = corpus.build_corpus([("b.txt", RELEASE_B.encode())], blank_nlp)
    row = built.documents.iloc[0]
    assert row["text"] == RELEASE_B
    assert row["n_words"] == len(RELEASE_B.split())


def _actor(actor_id, **fields):
    row = {
        "actor_id": actor_id,
        "name": actor_id,
        "kind": "person",
        "title": None,
        "role": None,
        "organization": None,
        "side": None,
        "aliases": [],
    }
    return row | fields


def test_actors_merge_across_documents():
    merged = corpus.merge_actor_rows(
        [
            _actor("ana-ruiz", aliases=["Minister Ruiz"], side="Valdoria"),
            _actor("ana-ruiz", aliases=["She", "Minister Ruiz"], title="Minister"),
            _actor("li-wei"),
        ]
    )
    assert [row["actor_id"] for row in merged] == ["ana-ruiz", "li-wei"]
    assert merged[0]["aliases"] == ["Minister Ruiz", "She"]
    assert (merged[0]["side"], merged[0]["title"]) == ("Valdoria", "Minister")


def test_concat_adds_only_new_documents(blank_nlp):
    stored = corpus.build_corpus([("a.txt", RELEASE_A.encode())], blank_nlp)
    added = corpus.build_corpus(
        [("a again.txt", RELEASE_A.encode()), ("b.txt", RELEASE_B.encode())], blank_nlp
    )
    both = corpus.concat_corpora(stored, added)
    assert sorted(both.documents["filename"]) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("table", ["statements", "entities", "topic_mentions"])
def test_concat_of_empty_corpora_is_valid(table):
    both = corpus.concat_corpora(Corpus(), Corpus())
    assert both.table(table).empty


def test_actor_frame_round_trip():
    frame = build_frame(ACTORS, corpus.merge_actor_rows([_actor("x", aliases=["X"])]))
    assert frame["aliases"].iloc[0] == ["X"]
