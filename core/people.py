"""One name per person across a corpus.

Each release is parsed alone, so the same person can reach the corpus under two names: a
Saramundi transcript writes "OTHARI Senna" (given-family after the capitals rule: "Senna
Othari") while a Kestrian readout writes "Othari Senna"; a release that names a minister only
as "Rosken" gives the speaker "Rosken" beside "Rosken Tamas" from the other side's readout.
The dashboard counts, filters and pairs readouts by speaker, so these are merged when the
corpus is loaded:

- names with the same words in another order are one person, shown under the form most of
  their statements use;
- a one-word name is the one longer name in the corpus that contains the word, when exactly
  one does ("Austin" -> "Lloyd Austin"; "Li" stays "Li" beside "Li Zuocheng" and "Li Shangfu").

Both only between people whose sides agree (or one side is unknown). The merged names stay
in the actor's aliases. Statements whose speaker the analyst set by hand keep it.
"""

from __future__ import annotations

import pandas as pd

from core.schema import (
    ACTORS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    Corpus,
    build_frame,
    validate_frame,
)


def unify_people(corpus: Corpus, *, kept: set[str] | frozenset[str] = frozenset()) -> Corpus:
    """The corpus with each person under one name (see the module docstring).

    Args:
        corpus: the loaded corpus.
        kept: ids of statements whose speaker an analyst chose; they are not renamed.

    Returns:
        A new corpus (the same object when nothing is merged).
    """
    merges = person_merges(corpus.actors, corpus.statements)
    if not merges:
        return corpus
    return apply_merges(corpus, merges, kept=kept)


def person_merges(actors: pd.DataFrame, statements: pd.DataFrame) -> dict[str, str]:
    """``actor_id`` -> the ``actor_id`` of the name the person is shown under."""
    people = _people(actors, statements)
    merges: dict[str, str] = {}
    by_words: dict[frozenset[str], list[dict]] = {}
    for person in people:
        if len(person["words"]) > 1:
            by_words.setdefault(frozenset(person["words"]), []).append(person)
    for group in by_words.values():
        for shown, other in _reordered_pairs(group):
            merges[other["actor_id"]] = shown["actor_id"]
    longer = [p for p in people if len(p["words"]) > 1 and p["actor_id"] not in merges]
    for person in people:
        if len(person["words"]) != 1:
            continue
        holders = [
            p for p in longer if person["words"][0] in p["words"] and _sides_agree(p, person)
        ]
        if len(holders) == 1:
            merges[person["actor_id"]] = holders[0]["actor_id"]
    return merges


def _people(actors: pd.DataFrame, statements: pd.DataFrame) -> list[dict]:
    """Person actors with their name's lower-cased words and their number of statements."""
    counts = statements["actor_id"].value_counts(dropna=True).to_dict()
    rows = actors[(actors["kind"] == "person") & actors["name"].notna()]
    return [
        {
            "actor_id": row["actor_id"],
            "name": row["name"],
            "side": None if pd.isna(row["side"]) else row["side"],
            "words": tuple(row["name"].lower().split()),
            "statements": counts.get(row["actor_id"], 0),
        }
        for row in rows.to_dict("records")
    ]


def _reordered_pairs(group: list[dict]) -> list[tuple[dict, dict]]:
    """(shown, merged) for the names of one word set: the most quoted form is shown."""
    ranked = sorted(group, key=lambda p: (-p["statements"], p["name"]))
    shown = ranked[0]
    return [(shown, other) for other in ranked[1:] if _sides_agree(shown, other)]


def _sides_agree(first: dict, second: dict) -> bool:
    return first["side"] is None or second["side"] is None or first["side"] == second["side"]


def apply_merges(
    corpus: Corpus, merges: dict[str, str], *, kept: set[str] | frozenset[str] = frozenset()
) -> Corpus:
    """Rename merged people in every table and fold their actor rows into the shown one."""
    actors = corpus.actors
    name_of = dict(zip(actors["actor_id"], actors["name"], strict=True))
    side_of = dict(zip(actors["actor_id"], actors["side"], strict=True))
    renamed = {name_of[old]: name_of[new] for old, new in merges.items()}
    return Corpus(
        documents=_documents(corpus.documents, renamed),
        actors=build_frame(ACTORS, _actor_rows(actors, merges)),
        statements=_statements(corpus.statements, merges, name_of, side_of, renamed, kept),
        entities=_entities(corpus.entities, merges),
        topic_mentions=corpus.topic_mentions,
        problems=corpus.problems,
    )


def _statements(
    statements: pd.DataFrame,
    merges: dict[str, str],
    name_of: dict[str, str],
    side_of: dict[str, object],
    renamed: dict[str, str],
    kept: set[str] | frozenset[str],
) -> pd.DataFrame:
    statements = statements.copy()
    hit = statements["actor_id"].isin(list(merges)) & ~statements["stmt_id"].isin(list(kept))
    targets = statements.loc[hit, "actor_id"].map(merges)
    statements.loc[hit, "actor_id"] = targets.astype("string")
    statements.loc[hit, "speaker"] = targets.map(name_of).astype("string")
    sides = targets.map(side_of).astype("string")
    statements.loc[hit, "side"] = statements.loc[hit, "side"].fillna(sides)
    statements["reported_by"] = statements["reported_by"].replace(renamed)
    return validate_frame(STATEMENTS, statements)


def _entities(entities: pd.DataFrame, merges: dict[str, str]) -> pd.DataFrame:
    entities = entities.copy()
    entities["actor_id"] = entities["actor_id"].replace(merges)
    return validate_frame(ENTITIES, entities)


def _documents(documents: pd.DataFrame, renamed: dict[str, str]) -> pd.DataFrame:
    documents = documents.copy()
    documents["participants"] = [
        _renamed_list(names, renamed) for names in documents["participants"]
    ]
    return validate_frame(DOCUMENTS, documents)


def _renamed_list(names: object, renamed: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(renamed.get(name, name) for name in _listed(names)))


def _actor_rows(actors: pd.DataFrame, merges: dict[str, str]) -> list[dict]:
    rows = {row["actor_id"]: row for row in actors.to_dict("records")}
    for old, new in merges.items():
        merged, shown = rows.pop(old), rows[new]
        aliases = {*_listed(shown["aliases"]), *_listed(merged["aliases"]), merged["name"]}
        shown["aliases"] = sorted(aliases - {shown["name"]})
        for key in ("title", "role", "organization", "side"):
            if pd.isna(shown[key]) and not pd.isna(merged[key]):
                shown[key] = merged[key]
    return list(rows.values())


def _listed(values: object) -> list[str]:
    """A list cell as strings; a missing cell (None, NaN) as an empty list."""
    if values is None or (isinstance(values, float) and pd.isna(values)):
        return []
    return [str(v) for v in values]  # type: ignore[union-attr]
