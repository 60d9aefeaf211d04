"""The one filter every page applies: a value, a pure function over the corpus, a URL encoding.

Rules (the same on every page and every download):

- Document filters keep a document when its date (event date, else published) is in the range,
  its publisher is selected, it is tagged with a selected topic, and its title or text contains
  the free text.
- Statement filters (speakers, sides, modes) keep statements; a statement also needs its
  document kept, to mention a selected topic (when topics are chosen), and to contain the free
  text in its content or speaker (when text is given). As soon as a statement filter is set,
  only documents with at least one kept statement remain.
- Entities and topic mentions follow their documents; topic mentions keep only selected topics.
  Actors are those who speak in the kept statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

import pandas as pd

from core.schema import (
    ACTORS,
    DOCUMENTS,
    ENTITIES,
    MODES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    validate_frame,
)

# URL query keys, one per Filter field; short so a shared link stays readable
QUERY_KEYS: dict[str, str] = {
    "date_from": "from",
    "date_to": "to",
    "publishers": "publisher",
    "sides": "side",
    "speakers": "speaker",
    "topics": "topic",
    "modes": "mode",
    "text": "q",
}
LIST_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class Filter:
    """What the analyst chose in the sidebar; empty fields do not filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    publishers: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    text: str = ""

    def is_empty(self) -> bool:
        """True when the filter keeps everything."""
        return self == Filter()

    def has_statement_filter(self) -> bool:
        """True when speakers, sides or modes narrow the statements."""
        return bool(self.speakers or self.sides or self.modes)


def apply_filter(corpus: Corpus, flt: Filter) -> Corpus:
    """The corpus narrowed by ``flt`` (see the module docstring for the rules).

    Args:
        corpus: the whole corpus.
        flt: the analyst's filter.

    Returns:
        A new Corpus whose five tables hold only the kept rows (problems unchanged).
    """
    if flt.is_empty():
        return corpus
    documents = filter_documents(corpus, flt)
    statements = filter_statements(corpus, flt, doc_ids=set(documents["doc_id"]))
    if flt.has_statement_filter():
        documents = documents[documents["doc_id"].isin(set(statements["doc_id"]))]
    doc_ids = set(documents["doc_id"])
    entities = corpus.entities[corpus.entities["doc_id"].isin(doc_ids)]
    mentions = corpus.topic_mentions[corpus.topic_mentions["doc_id"].isin(doc_ids)]
    if flt.topics:
        mentions = mentions[mentions["topic"].isin(flt.topics)]
    actors = corpus.actors[corpus.actors["actor_id"].isin(set(statements["actor_id"].dropna()))]
    return Corpus(
        documents=_frame(DOCUMENTS, documents),
        actors=_frame(ACTORS, actors),
        statements=_frame(STATEMENTS, statements),
        entities=_frame(ENTITIES, entities),
        topic_mentions=_frame(TOPIC_MENTIONS, mentions),
        problems=list(corpus.problems),
    )


def filter_documents(corpus: Corpus, flt: Filter) -> pd.DataFrame:
    """The documents kept by the filter's document-level fields."""
    documents = corpus.documents
    keep = pd.Series(True, index=documents.index)
    if flt.date_from or flt.date_to:
        keep &= _in_range(document_dates(documents), flt.date_from, flt.date_to)
    if flt.publishers:
        keep &= documents["publisher"].isin(flt.publishers).fillna(False).astype(bool)
    if flt.topics:
        tagged = set(
            corpus.topic_mentions.loc[corpus.topic_mentions["topic"].isin(flt.topics)]["doc_id"]
        )
        keep &= documents["doc_id"].isin(tagged) | documents["topics"].map(
            lambda topics: _overlaps(topics, flt.topics)
        ).astype(bool)
    if flt.text:
        keep &= _contains(documents["title"], flt.text) | _contains(documents["text"], flt.text)
    return documents[keep]


def filter_statements(corpus: Corpus, flt: Filter, *, doc_ids: set[str]) -> pd.DataFrame:
    """The statements kept by the filter, among those of ``doc_ids``."""
    statements = corpus.statements
    keep = statements["doc_id"].isin(doc_ids)
    if flt.speakers:
        keep &= statements["speaker"].isin(flt.speakers).fillna(False).astype(bool)
    if flt.sides:
        keep &= statements["side"].isin(flt.sides).fillna(False).astype(bool)
    if flt.modes:
        keep &= statements["mode"].isin(flt.modes).fillna(False).astype(bool)
    if flt.topics:
        mentions = corpus.topic_mentions
        about = set(mentions.loc[mentions["topic"].isin(flt.topics), "stmt_id"].dropna())
        keep &= statements["stmt_id"].isin(about)
    if flt.text:
        keep &= _contains(statements["content"], flt.text) | _contains(
            statements["speaker"], flt.text
        )
    return statements[keep]


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the sidebar filter offers for one corpus (one tuple per multi-choice field)."""

    span: tuple[dt.date, dt.date] | None  # first and last document date; None when undated
    publishers: tuple[str, ...]
    sides: tuple[str, ...]
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    modes: tuple[str, ...]


def filter_choices(corpus: Corpus) -> FilterChoices:
    """The values the filter can choose from in ``corpus``.

    Args:
        corpus: the whole corpus (not a filtered one: the choices must not shrink as the
            analyst narrows the view).

    Returns:
        Publishers, sides (those statements are attributed to: the filter narrows statements
        by side) and topics (tagged or mentioned) alphabetically; speakers with the most
        statements first (ties alphabetical), so the likely picks head a long list; all modes.
        Missing and blank values are left out.
    """
    topic_lists = corpus.documents["topics"].dropna()
    tagged = {str(topic) for topics in topic_lists for topic in topics}
    return FilterChoices(
        span=date_span(corpus.documents),
        publishers=tuple(sorted(_counts(corpus.documents["publisher"]))),
        sides=tuple(sorted(_counts(corpus.statements["side"]))),
        speakers=rank_by_count(corpus.statements["speaker"]),
        topics=tuple(sorted(set(_counts(corpus.topic_mentions["topic"])) | tagged)),
        modes=MODES,
    )


def rank_by_count(column: pd.Series) -> tuple[str, ...]:
    """The column's distinct non-blank values, most frequent first, ties alphabetical."""
    counts = _counts(column)
    return tuple(sorted(counts, key=lambda value: (-counts[value], value)))


def date_span(documents: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last document date (event, else published); None when none is dated."""
    days = [_day(day) for day in document_dates(documents).dropna() if isinstance(day, dt.date)]
    return (min(days), max(days)) if days else None


def _counts(column: pd.Series) -> dict[str, int]:
    # value_counts first: the strings are made from the distinct values, not from every row
    counts: dict[str, int] = {}
    for value, count in column.dropna().value_counts().items():
        text = str(value)
        if text.strip():
            counts[text] = counts.get(text, 0) + int(count)
    return counts


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def document_dates(documents: pd.DataFrame) -> pd.Series:
    """Each document's date for filtering and plotting: the event date, else the published date."""
    return documents["event_date"].where(documents["event_date"].notna(), documents["published"])


def filter_to_query(flt: Filter) -> dict[str, str]:
    """The filter as URL query parameters (only the fields that are set).

    Args:
        flt: the filter to encode.

    Returns:
        ``{query key: value}``; dates ISO, lists joined with ``|``.
    """
    query: dict[str, str] = {}
    for item in fields(Filter):
        value = getattr(flt, item.name)
        if not value:
            continue
        if isinstance(value, dt.date):
            query[QUERY_KEYS[item.name]] = value.isoformat()
        elif isinstance(value, tuple):
            query[QUERY_KEYS[item.name]] = LIST_SEPARATOR.join(value)
        else:
            query[QUERY_KEYS[item.name]] = str(value)
    return query


def filter_from_query(params: Mapping[str, str | list[str]]) -> Filter:
    """Read a filter back from URL query parameters; unknown or malformed values are ignored.

    Args:
        params: the query parameters (a value may be a string or a list of strings).

    Returns:
        The Filter the parameters describe (an empty Filter for an unrelated URL).
    """
    return Filter(
        date_from=_parse_date(_one(params, "date_from")),
        date_to=_parse_date(_one(params, "date_to")),
        publishers=_split(_one(params, "publishers")),
        sides=_split(_one(params, "sides")),
        speakers=_split(_one(params, "speakers")),
        topics=_split(_one(params, "topics")),
        modes=tuple(mode for mode in _split(_one(params, "modes")) if mode in MODES),
        text=_one(params, "text").strip(),
    )


def _one(params: Mapping[str, str | list[str]], name: str) -> str:
    value = params.get(QUERY_KEYS[name], "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value)


def _split(value: str) -> tuple[str, ...]:
    parts = (part.strip() for part in value.split(LIST_SEPARATOR))
    return tuple(dict.fromkeys(part for part in parts if part))


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


def _in_range(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> pd.Series:
    def inside(value: object) -> bool:
        if not isinstance(value, dt.date):
            return False
        day = value.date() if isinstance(value, dt.datetime) else value
        return (start is None or day >= start) and (end is None or day <= end)

    return dates.map(inside).astype(bool)


def _overlaps(values: object, wanted: Iterable[str]) -> bool:
    if values is None or isinstance(values, str | float):
        return False
    return bool(set(values) & set(wanted))


def _contains(column: pd.Series, text: str) -> pd.Series:
    return column.str.contains(text, case=False, regex=False).fillna(False).astype(bool)


def _frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    return validate_frame(table, frame.reset_index(drop=True))
