"""One release in, the rows of the five tables out: a pure function of the document.

``parse_release`` takes the text and an already-parsed ``Doc`` so that bulk ingestion can batch
``nlp.pipe`` (or map this over partitions with a distributed engine) and get the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from core import entities, metadata, statements, topics
from core.schema import Actor, Metadata, ParsedRelease, RawDocument, Statement

PIPE_BATCH_SIZE = 16


def document_id(text: str) -> str:
    """sha256 of the normalised text: the same release uploaded twice is one document."""
    normal = unicodedata.normalize("NFKC", text)
    normal = re.sub(r"\s+", " ", normal).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def actor_id(name: str) -> str:
    """A stable id for a canonical actor name, the same across documents."""
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", name).lower()).strip("-")
    return slug or "unknown"


def parse_release(
    raw: RawDocument,
    doc: Doc,
    *,
    taxonomy: topics.Taxonomy,
    ingested_at: dt.datetime | None = None,
) -> ParsedRelease:
    """Extract every table's rows from one release whose text ``doc`` was parsed from.

    Args:
        raw: what the reader found in the file.
        doc: ``nlp(raw.text)``; its text must equal ``raw.text`` (offsets index it).
        taxonomy: the topic taxonomy to tag with.
        ingested_at: when the release entered the corpus (UTC); now when omitted.

    Returns:
        The release's rows, keyed by table.
    """
    if doc.text != raw.text:
        raise ValueError("doc was not parsed from raw.text")
    meta = metadata.extract_metadata(raw)
    doc_id = document_id(raw.text)
    found = statements.extract_statements(doc, meta=meta)
    statement_rows = _statement_rows(found.statements, doc, doc_id=doc_id, meta=meta)
    mentions = topics.extract_topic_mentions(raw.text, taxonomy, skip_spans=meta.caption_spans)
    document = _document_row(raw, meta, doc_id=doc_id, ingested_at=ingested_at)
    document["topics"] = topics.document_topics(mentions, taxonomy, text=raw.text, meta=meta)
    document["participants"] = list(found.participants)
    return ParsedRelease(
        document=document,
        actors=tuple(_actor_row(actor) for actor in found.actors),
        statements=tuple(statement_rows),
        entities=tuple(_entity_rows(doc, found.actors, doc_id=doc_id)),
        topic_mentions=tuple(topic_mention_rows(mentions, statement_rows, doc_id=doc_id)),
    )


def parse_releases(
    raws: Iterable[RawDocument], nlp: Language, *, taxonomy: topics.Taxonomy
) -> Iterator[ParsedRelease]:
    """Parse many releases, batching ``nlp.pipe``; yields in input order."""
    raw_list = list(raws)
    docs = nlp.pipe((raw.text for raw in raw_list), batch_size=PIPE_BATCH_SIZE)
    for raw, doc in zip(raw_list, docs, strict=True):
        yield parse_release(raw, doc, taxonomy=taxonomy)


def _document_row(
    raw: RawDocument, meta: Metadata, *, doc_id: str, ingested_at: dt.datetime | None
) -> dict:
    return {
        "doc_id": doc_id,
        "title": meta.title or raw.title,
        "publisher": meta.publisher or raw.publisher,
        "publisher_country": meta.publisher_country,
        "published": meta.published or raw.published,
        "dateline_place": meta.dateline_place,
        "event_date": meta.event_date,
        "kind": meta.kind,
        "language": meta.language,
        "filename": raw.filename,
        "n_words": len(raw.text.split()),
        "text": raw.text,
        "ingested_at": ingested_at or dt.datetime.now(dt.UTC),
        "warnings": list(raw.warnings),
        "topics": [],
        "participants": [],
    }


def _statement_rows(
    found: Iterable[Statement], doc: Doc, *, doc_id: str, meta: Metadata
) -> list[dict]:
    sentence_starts = [sent.start_char for sent in doc.sents]
    date = meta.event_date or meta.published
    rows = []
    for number, statement in enumerate(sorted(found, key=lambda s: (s.start, s.end))):
        rows.append(
            {
                "stmt_id": f"{doc_id[:16]}-{number:04d}",
                "doc_id": doc_id,
                "actor_id": actor_id(statement.speaker) if statement.speaker else None,
                "speaker": statement.speaker,
                "speaker_text": statement.speaker_text,
                "speaker_kind": statement.speaker_kind,
                "side": statement.side,
                "cue": statement.cue,
                "mode": statement.mode,
                "content": statement.content,
                "start": statement.start,
                "end": statement.end,
                "speaker_start": statement.speaker_start,
                "speaker_end": statement.speaker_end,
                "cue_start": statement.cue_start,
                "cue_end": statement.cue_end,
                "sentence": _sentence_index(sentence_starts, statement.start),
                "reported_by": statement.reported_by,
                "confidence": statement.confidence,
                "date": date,
            }
        )
    return rows


def _sentence_index(sentence_starts: list[int], offset: int) -> int:
    index = 0
    for number, start in enumerate(sentence_starts):
        if start > offset:
            break
        index = number
    return index


def _actor_row(actor: Actor) -> dict:
    return {
        "actor_id": actor_id(actor.name),
        "name": actor.name,
        "kind": actor.kind,
        "title": actor.title,
        "role": actor.role,
        "organization": actor.organization,
        "side": actor.side,
        "aliases": sorted(set(actor.aliases)),
    }


def _entity_rows(doc: Doc, actors: Iterable[Actor], *, doc_id: str) -> Iterator[dict]:
    for entity in entities.extract_entities(doc, actors=tuple(actors)):
        yield {
            "doc_id": doc_id,
            "text": entity.text,
            "label": entity.label,
            "start": entity.start,
            "end": entity.end,
            "actor_id": actor_id(entity.actor) if entity.actor else None,
        }


def topic_mention_rows(mentions, statement_rows: list[dict], *, doc_id: str) -> Iterator[dict]:
    for mention in mentions:
        inside = [
            row["stmt_id"]
            for row in statement_rows
            if row["start"] <= mention.start and mention.end <= row["end"]
        ]
        # the innermost statement (nested speech) is the shortest one containing the mention
        inside.sort(key=lambda stmt_id: _span_length(statement_rows, stmt_id))
        yield {
            "doc_id": doc_id,
            "stmt_id": inside[0] if inside else None,
            "topic": mention.topic,
            "matched": mention.matched,
            "start": mention.start,
            "end": mention.end,
        }


def _span_length(statement_rows: list[dict], stmt_id: str) -> int:
    row = next(row for row in statement_rows if row["stmt_id"] == stmt_id)
    return row["end"] - row["start"]
