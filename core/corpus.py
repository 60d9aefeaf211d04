"""Files in, a Corpus out: the UI's and the command line's single entry point."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator

import pandas as pd
from spacy.language import Language

from core import ingest, metadata, release, topics
from core.schema import (
    ACTORS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    ParsedRelease,
    Problem,
    RawDocument,
    build_frame,
)

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]  # (done, total, filename)


def read_files(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[RawDocument], list[Problem]]:
    """Read every file; a file that cannot be read becomes a Problem and the rest go on."""
    raws: list[RawDocument] = []
    problems: list[Problem] = []
    for filename, data in files:
        documents, errors = ingest.read_upload_parts(filename, data)
        raws.extend(documents)
        problems.extend(Problem(error.filename, error.message) for error in errors)
    return raws, problems


def parse_documents(
    raws: list[RawDocument],
    nlp: Language,
    *,
    taxonomy: topics.Taxonomy,
    on_progress: ProgressCallback | None = None,
) -> tuple[list[ParsedRelease], list[Problem]]:
    """Parse read documents in batches; one that fails to parse is a Problem, not a crash."""
    parsed: list[ParsedRelease] = []
    problems: list[Problem] = []
    now = dt.datetime.now(dt.UTC)
    docs = nlp.pipe((raw.text for raw in raws), batch_size=release.PIPE_BATCH_SIZE)
    for number, (raw, doc) in enumerate(zip(raws, docs, strict=True), start=1):
        if on_progress:
            on_progress(number, len(raws), raw.filename)
        try:
            parsed.append(release.parse_release(raw, doc, taxonomy=taxonomy, ingested_at=now))
        except (ValueError, IndexError, KeyError, TypeError) as error:
            log.exception("parsing %s failed", raw.filename)
            problems.append(Problem(raw.filename, f"could not be parsed ({type(error).__name__})"))
    return parsed, problems


def build_corpus(
    files: Iterable[tuple[str, bytes]],
    nlp: Language,
    *,
    taxonomy: topics.Taxonomy | None = None,
    on_progress: ProgressCallback | None = None,
) -> Corpus:
    """Read and parse files into the five tables.

    Args:
        files: ``(filename, bytes)`` pairs, as uploaded.
        nlp: the language pipeline (see ``core.nlp.load_pipeline``).
        taxonomy: topic taxonomy; the shipped ``data/topics.yml`` when omitted.
        on_progress: called after each document with (done, total, filename).

    Returns:
        A Corpus with one document per distinct release and a Problem per unusable file.
    """
    taxonomy = taxonomy or topics.load_taxonomy()
    raws, problems = read_files(files)
    parsed, parse_problems = parse_documents(raws, nlp, taxonomy=taxonomy, on_progress=on_progress)
    corpus = corpus_from_parsed(parsed)
    corpus.problems = problems + parse_problems
    return corpus


def corpus_from_parsed(parsed: Iterable[ParsedRelease]) -> Corpus:
    """Frame parsed releases; a release seen twice (same doc_id) is kept once."""
    unique = list(_first_of_each_document(parsed))
    return Corpus(
        documents=build_frame(DOCUMENTS, [item.document for item in unique]),
        actors=build_frame(ACTORS, merge_actor_rows(row for item in unique for row in item.actors)),
        statements=build_frame(STATEMENTS, [row for item in unique for row in item.statements]),
        entities=build_frame(ENTITIES, [row for item in unique for row in item.entities]),
        topic_mentions=build_frame(
            TOPIC_MENTIONS, [row for item in unique for row in item.topic_mentions]
        ),
    )


def _first_of_each_document(parsed: Iterable[ParsedRelease]) -> Iterator[ParsedRelease]:
    seen: set[str] = set()
    for item in parsed:
        if item.document["doc_id"] not in seen:
            seen.add(item.document["doc_id"])
            yield item


def merge_actor_rows(rows: Iterable[dict]) -> list[dict]:
    """One row per actor_id across documents: aliases united, first known value of each field."""
    merged: dict[str, dict] = {}
    for row in rows:
        current = merged.setdefault(row["actor_id"], {**row, "aliases": []})
        for key, value in row.items():
            if key != "aliases" and current.get(key) in (None, "") and value:
                current[key] = value
        current["aliases"] = sorted(set(current["aliases"]) | set(row["aliases"]))
    return list(merged.values())


def concat_corpora(stored: Corpus, added: Corpus) -> Corpus:
    """The stored corpus plus new documents (documents already stored are not added again)."""
    new_ids = set(added.documents["doc_id"]) - set(stored.documents["doc_id"])

    def pick(name: str) -> pd.DataFrame:
        frame = added.table(name)
        if name == ACTORS:
            return frame
        return frame[frame["doc_id"].isin(new_ids)]

    documents = pd.concat([stored.documents, pick(DOCUMENTS)], ignore_index=True)
    actor_rows = merge_actor_rows(
        pd.concat([stored.actors, added.actors], ignore_index=True).to_dict("records")
    )
    return Corpus(
        documents=build_frame(DOCUMENTS, documents.to_dict("records")),
        actors=build_frame(ACTORS, actor_rows),
        statements=_stack(STATEMENTS, stored, pick(STATEMENTS)),
        entities=_stack(ENTITIES, stored, pick(ENTITIES)),
        topic_mentions=_stack(TOPIC_MENTIONS, stored, pick(TOPIC_MENTIONS)),
        problems=stored.problems + added.problems,
    )


def _stack(name: str, stored: Corpus, frame: pd.DataFrame) -> pd.DataFrame:
    rows = pd.concat([stored.table(name), frame], ignore_index=True).to_dict("records")
    return build_frame(name, rows)


def retag_topics(corpus: Corpus, taxonomy: topics.Taxonomy) -> Corpus:
    """The corpus with topic mentions and document topics recomputed under ``taxonomy``.

    Needs only the stored text and statement spans, not the language pipeline, so a taxonomy
    edit re-tags a large corpus in seconds.
    """
    mention_rows: list[dict] = []
    document_rows = corpus.documents.to_dict("records")
    for document in document_rows:
        raw = RawDocument(filename=document["filename"], text=document["text"])
        meta = metadata.extract_metadata(raw)
        mentions = topics.extract_topic_mentions(
            document["text"], taxonomy, skip_spans=meta.caption_spans
        )
        own = corpus.statements[corpus.statements["doc_id"] == document["doc_id"]]
        mention_rows.extend(
            release.topic_mention_rows(mentions, own.to_dict("records"), doc_id=document["doc_id"])
        )
        document["topics"] = topics.document_topics(
            mentions, taxonomy, text=document["text"], meta=meta
        )
    return Corpus(
        documents=build_frame(DOCUMENTS, document_rows),
        actors=corpus.actors,
        statements=corpus.statements,
        entities=corpus.entities,
        topic_mentions=build_frame(TOPIC_MENTIONS, mention_rows),
        problems=list(corpus.problems),
    )
