"""The five tables, defined once, and the records the extractors hand between them.

Every frame that leaves ``core`` passes :func:`validate_frame`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

# ---------------------------------------------------------------- records between steps


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found in one file: the text, plus metadata the file format itself carries."""

    filename: str
    text: str
    source_format: str = "txt"  # txt md html pdf docx eml (zip members keep their own)
    title: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    """Document-level facts read from the text (offsets index the text as read)."""

    title: str | None = None
    published: dt.date | None = None
    dateline_place: str | None = None
    dateline_span: tuple[int, int] | None = None
    event_date: dt.date | None = None
    publisher: str | None = None
    publisher_country: str | None = None
    kind: str = "other"  # readout, press release, statement, transcript, other
    language: str = "en"
    body_start: int = 0  # where the body begins (after title / date lines)
    caption_spans: tuple[tuple[int, int], ...] = ()  # photo captions: never statements


@dataclass(frozen=True, slots=True)
class Actor:
    """One real speaker (person, side, collective or organisation)."""

    name: str  # canonical: "Li Zuocheng", "China", "both sides"
    kind: str = "person"  # person, side, collective, organization, unknown
    title: str | None = None  # "General"
    role: str | None = None  # "chief of the CMC Joint Staff Department"
    organization: str | None = None
    side: str | None = None  # country or organisation the actor speaks for
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what, with offsets into the document text."""

    speaker: str | None  # canonical name, None when it cannot be named
    speaker_text: str | None  # as written: "He", "General Li", "The two sides"
    speaker_kind: str  # person, side, collective, organization, unknown
    cue: str  # "said", "stressed", "according to"
    mode: str  # direct, indirect, mixed, joint
    content: str
    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    reported_by: str | None = None
    confidence: float = 0.5
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str  # PERSON ORG GPE LOC NORP ...
    start: int
    end: int
    actor: str | None = None  # canonical actor name where the entity is a known speaker


@dataclass(frozen=True, slots=True)
class TopicMention:
    topic: str
    matched: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be used, and why, in words for an analyst."""

    filename: str
    message: str


# ---------------------------------------------------------------- table definitions

DOCUMENTS = "documents"
ACTORS = "actors"
STATEMENTS = "statements"
ENTITIES = "entities"
TOPIC_MENTIONS = "topic_mentions"
TABLES = (DOCUMENTS, ACTORS, STATEMENTS, ENTITIES, TOPIC_MENTIONS)

# column -> pandas dtype ("object" holds dates, lists and other Python values)
COLUMNS: dict[str, dict[str, str]] = {
    DOCUMENTS: {
        "doc_id": "string",
        "title": "string",
        "publisher": "string",
        "publisher_country": "string",
        "published": "object",  # datetime.date or None
        "dateline_place": "string",
        "event_date": "object",
        "kind": "string",
        "language": "string",
        "filename": "string",
        "n_words": "int64",
        "text": "string",
        "ingested_at": "datetime64[us, UTC]",
        "warnings": "object",  # list[str]
        "topics": "object",  # list[str]: the document's topics
        "participants": "object",  # list[str]: canonical names of the people in the talks
    },
    ACTORS: {
        "actor_id": "string",
        "name": "string",
        "kind": "string",
        "title": "string",
        "role": "string",
        "organization": "string",
        "side": "string",
        "aliases": "object",  # list[str]
    },
    STATEMENTS: {
        "stmt_id": "string",
        "doc_id": "string",
        "actor_id": "string",
        "speaker": "string",
        "speaker_text": "string",
        "speaker_kind": "string",
        "side": "string",
        "cue": "string",
        "mode": "string",
        "content": "string",
        "start": "int64",
        "end": "int64",
        "speaker_start": "Int64",
        "speaker_end": "Int64",
        "cue_start": "Int64",
        "cue_end": "Int64",
        "sentence": "int64",  # index of the sentence the content starts in
        "reported_by": "string",
        "confidence": "float64",
        "date": "object",  # event date, else published date
    },
    ENTITIES: {
        "doc_id": "string",
        "text": "string",
        "label": "string",
        "start": "int64",
        "end": "int64",
        "actor_id": "string",
    },
    TOPIC_MENTIONS: {
        "doc_id": "string",
        "stmt_id": "string",
        "topic": "string",
        "matched": "string",
        "start": "int64",
        "end": "int64",
    },
}

MODES = ("direct", "indirect", "mixed", "joint")
SPEAKER_KINDS = ("person", "side", "collective", "organization", "unknown")
DOCUMENT_KINDS = ("readout", "press release", "statement", "transcript", "other")


class SchemaError(ValueError):
    """A frame does not match its table definition (a bug, not bad input)."""


def empty_frame(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in COLUMNS[table].items()})


def build_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts keyed by column) -> a validated frame of ``table``."""
    if not rows:
        return empty_frame(table)
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS[table]))
    for column, dtype in COLUMNS[table].items():
        if dtype != "object":
            frame[column] = frame[column].astype(dtype)
    return validate_frame(table, frame)


def validate_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check columns, dtypes and the table's invariants; return the frame unchanged.

    Raises:
        SchemaError: a column is missing, extra, of the wrong dtype, or an invariant fails.
    """
    expected = COLUMNS[table]
    if list(frame.columns) != list(expected):
        raise SchemaError(f"{table}: columns {list(frame.columns)} != {list(expected)}")
    for column, dtype in expected.items():
        if dtype != "object" and str(frame[column].dtype) != str(pd.Series(dtype=dtype).dtype):
            raise SchemaError(f"{table}.{column}: dtype {frame[column].dtype} != {dtype}")
    if table == STATEMENTS and len(frame):
        if (frame["start"] > frame["end"]).any():
            raise SchemaError("statements: start after end")
        if not frame["mode"].isin(MODES).all():
            raise SchemaError(f"statements: unknown mode in {set(frame['mode'])}")
    if table in (DOCUMENTS, ACTORS) and len(frame):
        key = "doc_id" if table == DOCUMENTS else "actor_id"
        if frame[key].duplicated().any():
            raise SchemaError(f"{table}: duplicate {key}")
    return frame


@dataclass
class Corpus:
    """The five tables plus the problems met while reading; what the UI works on."""

    documents: pd.DataFrame = field(default_factory=lambda: empty_frame(DOCUMENTS))
    actors: pd.DataFrame = field(default_factory=lambda: empty_frame(ACTORS))
    statements: pd.DataFrame = field(default_factory=lambda: empty_frame(STATEMENTS))
    entities: pd.DataFrame = field(default_factory=lambda: empty_frame(ENTITIES))
    topic_mentions: pd.DataFrame = field(default_factory=lambda: empty_frame(TOPIC_MENTIONS))
    problems: list[Problem] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class Attributions:
    """What the statement extractor found in one document."""

    statements: tuple[Statement, ...] = ()
    actors: tuple[Actor, ...] = ()  # every speaker it resolved, canonical names
    participants: tuple[str, ...] = ()  # the people taking part in the talks


@dataclass(frozen=True, slots=True)
class ParsedRelease:
    """Everything parsed from one release: the rows of the five tables, before framing."""

    document: dict
    actors: tuple[dict, ...]
    statements: tuple[dict, ...]
    entities: tuple[dict, ...]
    topic_mentions: tuple[dict, ...]
