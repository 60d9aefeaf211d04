"""One name per person across a corpus (core/people.py), on invented frames."""

from __future__ import annotations

import datetime as dt

import pytest

from core.people import person_merges, unify_people
from core.release import actor_id
from core.schema import ACTORS, DOCUMENTS, ENTITIES, STATEMENTS, Corpus, build_frame


def corpus_of(speakers: list[tuple[str, str | None, str]]) -> Corpus:
    """(speaker name, side, doc_id) per statement; one actor row per distinct name."""
    actors, statements, entities = {}, [], []
    for number, (name, side, doc_id) in enumerate(speakers):
        actors.setdefault(
            name,
            {
                "actor_id": actor_id(name),
                "name": name,
                "kind": "person",
                "side": side,
                "aliases": [name.split()[-1]],
            },
        )
        statements.append(
            {
                "stmt_id": f"s{number}",
                "doc_id": doc_id,
                "actor_id": actor_id(name),
                "speaker": name,
                "speaker_kind": "person",
                "side": side,
                "mode": "indirect",
                "content": "the talks were useful",
                "start": 0,
                "end": 21,
                "sentence": 0,
                "reported_by": None,
                "confidence": 0.8,
                "date": dt.date(2025, 3, 1),
            }
        )
        entities.append(
            {
                "doc_id": doc_id,
                "text": name,
                "label": "PERSON",
                "start": 0,
                "end": len(name),
                "actor_id": actor_id(name),
            }
        )
    doc_ids = sorted({doc_id for _, _, doc_id in speakers})
    documents = [
        {
            "doc_id": doc_id,
            "title": doc_id,
            "n_words": 10,
            "text": "x",
            "participants": sorted({n for n, _, d in speakers if d == doc_id}),
        }
        for doc_id in doc_ids
    ]
    return Corpus(
        documents=build_frame(DOCUMENTS, documents),
        actors=build_frame(ACTORS, list(actors.values())),
        statements=build_frame(STATEMENTS, statements),
        entities=build_frame(ENTITIES, entities),
    )


@pytest.mark.parametrize(
    ("speakers", "merged"),
    [
        # the same words in another order: the form most statements use is shown
        (
            [
                ("Senna Othari", "Saramund", "a"),
                ("Senna Othari", "Saramund", "a"),
                ("Othari Senna", "Saramund", "b"),
            ],
            {"othari-senna": "senna-othari"},
        ),
        # a one-word name and the one longer name holding it
        ([("Rosken", None, "a"), ("Rosken Tamas", "Saramund", "b")], {"rosken": "rosken-tamas"}),
        # two longer names hold the word: no guess
        ([("Li", "China", "a"), ("Li Zuocheng", "China", "b"), ("Li Shangfu", "China", "c")], {}),
        # sides disagree: two people
        ([("Austin", "Kestria", "a"), ("Lloyd Austin", "Valdoria", "b")], {}),
        ([("Ada Quill", "Norland", "a"), ("Quill Ada", "Kestria", "b")], {}),
        # nothing to merge
        ([("Ada Quill", "Norland", "a"), ("Rowan Treadwell", "Kestria", "b")], {}),
    ],
)
def test_person_merges(speakers, merged):
    corpus = corpus_of(speakers)
    assert person_merges(corpus.actors, corpus.statements) == merged


def test_unify_renames_every_table_and_keeps_the_old_name_as_alias():
    corpus = corpus_of(
        [("Rosken", None, "a"), ("Rosken Tamas", "Saramund", "b"), ("Rowan Treadwell", None, "b")]
    )
    statements = corpus.statements.copy()
    statements.loc[2, "reported_by"] = "Rosken"
    corpus.statements = statements
    unified = unify_people(corpus)
    assert list(unified.statements["speaker"]) == [
        "Rosken Tamas",
        "Rosken Tamas",
        "Rowan Treadwell",
    ]
    assert unified.statements["side"].fillna("-").tolist() == ["Saramund", "Saramund", "-"]
    assert unified.statements["reported_by"].fillna("-").tolist() == ["-", "-", "Rosken Tamas"]
    assert list(unified.entities["actor_id"]) == ["rosken-tamas", "rosken-tamas", "rowan-treadwell"]
    assert list(unified.documents["participants"]) == [
        ["Rosken Tamas"],
        ["Rosken Tamas", "Rowan Treadwell"],
    ]
    actors = unified.actors.set_index("actor_id")
    assert list(actors.index) == ["rosken-tamas", "rowan-treadwell"]
    assert "Rosken" in actors.loc["rosken-tamas", "aliases"]
    assert unified.statements["speaker"].nunique() == 2
    # the input is left as it was
    assert list(corpus.statements["speaker"]) == ["Rosken", "Rosken Tamas", "Rowan Treadwell"]


def test_a_speaker_the_analyst_chose_is_kept():
    corpus = corpus_of([("Rosken", None, "a"), ("Rosken Tamas", "Saramund", "b")])
    unified = unify_people(corpus, kept={"s0"})
    assert list(unified.statements["speaker"]) == ["Rosken", "Rosken Tamas"]


def test_nothing_to_merge_returns_the_corpus_itself():
    corpus = corpus_of([("Ada Quill", "Norland", "a")])
    assert unify_people(corpus) is corpus


def test_organisations_and_sides_are_never_merged():
    corpus = corpus_of([("Kestria", None, "a"), ("Kestria Tamas", None, "b")])
    actors = corpus.actors.copy()
    actors.loc[0, "kind"] = "side"
    assert person_merges(actors, corpus.statements) == {}


def test_a_workspace_loads_each_person_under_one_name(tmp_path, blank_nlp):
    """Two invented releases: one names "Saramundi Defence Minister Rosken Tamas", the other
    only "Rosken"; the stored corpus is per release, the loaded one has one speaker."""
    from core.corpus import build_corpus
    from core.store import Workspace

    first = (
        "Saramundi Defence Minister Rosken Tamas met Kestrian Secretary Rowan Treadwell.\n\n"
        "Minister Rosken Tamas said that the two navies would exercise together.\n"
    )
    second = "Port Amsel, May 2 -- Rosken said the talks had been useful.\n"
    corpus = build_corpus([("a.txt", first.encode()), ("b.txt", second.encode())], blank_nlp)
    assert set(corpus.statements["speaker"]) >= {"Rosken", "Rosken Tamas"}
    with Workspace(tmp_path / "w.duckdb") as workspace:
        workspace.add(corpus)
        loaded = workspace.load()
    rosken = loaded.statements[loaded.statements["speaker"].str.startswith("Rosken")]
    assert set(rosken["speaker"]) == {"Rosken Tamas"}
    assert len(rosken) == 2
