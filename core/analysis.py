"""Aggregations behind the dashboard's charts and tables: frames in, frames out.

Every function is pure (no I/O, no streamlit), accepts empty frames and returns a frame with
fixed columns and dtypes, so a chart and its CSV download always see the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

FREQUENCIES = {"week": "W", "month": "M"}
TIMELINE_LANES = ("publisher", "side", "speaker")
TOPIC_GROUPS = ("publisher", "side", "speaker")
UNKNOWN = "Unknown"
JOINT_SIDE = "Joint (both sides)"  # the side shown for "both sides", who speak for no one side
UNKNOWN_SOURCE = "Unknown source"
NO_TOPIC = "(no topic)"
OTHER_PUBLISHERS = "Other publishers"
FIRST_LINE_CHARS = 160

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘/—–]|\s-\s|\n")
_STOP_WORDS = frozenset(STOP_WORDS) | {"’s", "'s"}


# ---------------------------------------------------------------- shared helpers


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` in order, cast to their dtypes, index 0..n-1."""
    if frame.empty:
        frame = pd.DataFrame({name: [] for name in columns})
    out = frame.loc[:, list(columns)].astype(columns)
    return out.reset_index(drop=True)


def document_dates(documents: pd.DataFrame) -> pd.Series:
    """Each document's date as datetime64: the event date, else the published date."""
    dates = documents["event_date"].where(documents["event_date"].notna(), documents["published"])
    return pd.to_datetime(dates.astype("object"), errors="coerce").astype("datetime64[us]")


def period_starts(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of the week (Monday) or month each date falls in.

    Raises:
        ValueError: ``freq`` is not "week" or "month".
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; expected one of {list(FREQUENCIES)}")
    stamps = pd.to_datetime(dates.astype("object"), errors="coerce").astype("datetime64[us]")
    return stamps.dt.to_period(FREQUENCIES[freq]).dt.start_time.astype("datetime64[us]")


def first_line(text: str | None, *, title: str | None = None) -> str:
    """The first non-empty line of ``text`` that is not the title, shortened for hover text."""
    title_text = title.strip() if isinstance(title, str) else ""  # None or pd.NA: no title
    text = text if isinstance(text, str) else ""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and line != title_text:
            if len(line) <= FIRST_LINE_CHARS:
                return line
            return line[: FIRST_LINE_CHARS - 1].rstrip() + "…"
    return ""


def _fill(series: pd.Series, value: str = UNKNOWN) -> pd.Series:
    return series.astype("string").fillna(value).replace("", value)


FINGERPRINT_TABLES = ("documents", "actors", "statements", "topic_mentions")


def corpus_fingerprint(tables: Iterable[pd.DataFrame]) -> str:
    """A digest of the tables' content (columns, values, row order): equal tables, equal digest.

    Cells pandas cannot hash (lists, dates kept as objects) are hashed by their ``repr``.
    """
    digest = hashlib.blake2b(digest_size=16)
    for frame in tables:
        digest.update(repr(list(frame.columns)).encode())
        hashable = frame.assign(
            **{name: frame[name].map(repr) for name in frame.columns if frame[name].dtype == object}
        )
        digest.update(pd.util.hash_pandas_object(hashable, index=False).to_numpy().tobytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- timeline

TIMELINE_COLUMNS = {
    "doc_id": "string",
    "lane": "string",
    "date": "datetime64[us]",
    "point": "string",
    "title": "string",
    "publisher": "string",
    "first_line": "string",
}


def build_timeline_points(
    documents: pd.DataFrame, statements: pd.DataFrame, *, lane: str, max_lanes: int = 25
) -> pd.DataFrame:
    """Points for the timeline: each release at its published date and, when the talks were
    on another day, at its event date; one lane per publisher, side or speaker.

    Args:
        documents: the documents table.
        statements: the statements table (lanes by speaker: a document sits in the lane of
            every speaker quoted in it).
        lane: "publisher", "side" (the publisher's country) or "speaker".
        max_lanes: keep the lanes with the most documents.

    Returns:
        doc_id, lane, date, point ("release" or "event"), title, publisher, first_line;
        sorted by lane then date.

    Raises:
        ValueError: ``lane`` is not one of ``TIMELINE_LANES``.
    """
    if lane not in TIMELINE_LANES:
        raise ValueError(f"unknown lane {lane!r}; expected one of {list(TIMELINE_LANES)}")
    kept = ["doc_id", "title", "publisher", "publisher_country", "published", "event_date"]
    base = documents[kept].assign(  # not the text: every lane's copy would carry it
        first_line=[
            first_line(text, title=title)
            for text, title in zip(documents["text"], documents["title"], strict=True)
        ],
        publisher=_fill(documents["publisher"]),
    )
    if lane == "speaker":
        speakers = statements.dropna(subset=["speaker"])[["doc_id", "speaker"]].drop_duplicates()
        base = base.merge(speakers.rename(columns={"speaker": "lane"}), on="doc_id")
    else:
        column = "publisher" if lane == "publisher" else "publisher_country"
        base = base.assign(lane=_fill(base[column]))
    top = base.groupby("lane")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    base = base[base["lane"].isin(top.index[:max_lanes])]
    points = pd.concat([_release_points(base), _event_points(base)], ignore_index=True)
    points = points.dropna(subset=["date"]).sort_values(["lane", "date", "point", "doc_id"])
    return _typed(points, TIMELINE_COLUMNS)


def _release_points(base: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(base["published"].astype("object"), errors="coerce")
    return base.assign(date=dates.astype("datetime64[us]"), point="release")


def _event_points(base: pd.DataFrame) -> pd.DataFrame:
    events = pd.to_datetime(base["event_date"].astype("object"), errors="coerce")
    published = pd.to_datetime(base["published"].astype("object"), errors="coerce")
    differs = events.notna() & (events != published)
    return base[differs].assign(date=events[differs].astype("datetime64[us]"), point="event")


def count_documents_per_period(
    documents: pd.DataFrame, *, freq: str, top: int = 12
) -> pd.DataFrame:
    """Releases per week or month and publisher (by the document's event, else published, date).

    Args:
        documents: the documents table.
        freq: "week" or "month".
        top: publishers shown by name (most dated releases first, ties alphabetical); the
            releases of the others are counted under ``OTHER_PUBLISHERS``.

    Returns:
        period (first day), publisher, documents; periods without releases are absent.
    """
    columns = {"period": "datetime64[us]", "publisher": "string", "documents": "int64"}
    frame = pd.DataFrame(
        {
            "period": period_starts(document_dates(documents), freq),
            "publisher": _fill(documents["publisher"]),
        }
    ).dropna(subset=["period"])
    named = (
        frame["publisher"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    )
    if len(named) > top:
        kept = frame["publisher"].isin(named.index[:top])
        frame = frame.assign(publisher=frame["publisher"].where(kept, OTHER_PUBLISHERS))
    counts = frame.groupby(["period", "publisher"]).size().rename("documents").reset_index()
    return _typed(counts, columns)


def count_statements_over_time(
    statements: pd.DataFrame,
    topic_mentions: pd.DataFrame,
    *,
    by: str,
    freq: str,
    top: int = 8,
) -> pd.DataFrame:
    """Statements per week or month for the ``top`` speakers or topics.

    Args:
        statements: the statements table (its ``date`` column dates each statement).
        topic_mentions: the topic mentions (by topic: a statement counts once per topic
            mentioned inside it).
        by: "speaker" or "topic".
        freq: "week" or "month".
        top: how many speakers or topics (the most frequent overall) to keep.

    Returns:
        period, group (the speaker or topic), statements.

    Raises:
        ValueError: ``by`` or ``freq`` is unknown.
    """
    if by not in ("speaker", "topic"):
        raise ValueError(f"unknown grouping {by!r}; expected 'speaker' or 'topic'")
    columns = {"period": "datetime64[us]", "group": "string", "statements": "int64"}
    if by == "speaker":
        rows = statements.dropna(subset=["speaker"]).rename(columns={"speaker": "group"})
    else:
        pairs = topic_mentions.dropna(subset=["stmt_id"])[["stmt_id", "topic"]].drop_duplicates()
        rows = statements.merge(pairs, on="stmt_id").rename(columns={"topic": "group"})
    rows = rows.assign(period=period_starts(rows["date"], freq)).dropna(subset=["period"])
    keep = rows["group"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    rows = rows[rows["group"].isin(keep.index[:top])]
    counts = rows.groupby(["period", "group"]).size().rename("statements").reset_index()
    return _typed(counts, columns)


# ---------------------------------------------------------------- who said what


def rank_speakers(statements: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Speakers by number of statements (unnamed speakers left out).

    Args:
        statements: the statements table.
        top: keep only this many speakers (all when None).

    Returns:
        speaker, side (the side they most often speak for), statements, documents;
        most statements first, ties by name.
    """
    columns = {"speaker": "string", "side": "string", "statements": "int64", "documents": "int64"}
    named = statements.dropna(subset=["speaker"])
    ranked = named.groupby("speaker").agg(
        statements=("stmt_id", "size"), documents=("doc_id", "nunique")
    )
    ranked = ranked.join(_most_common_side(named)).reset_index()
    joint = ranked["speaker"].isin(_joint_only_speakers(named)) & ranked["side"].isna()
    ranked["side"] = ranked["side"].astype("object").where(~joint, JOINT_SIDE)
    ranked = ranked.sort_values(["statements", "speaker"], ascending=[False, True], kind="stable")
    return _typed(ranked.head(top) if top is not None else ranked, columns)


def _joint_only_speakers(statements: pd.DataFrame) -> set[str]:
    """Speakers all of whose statements are joint ("both sides"): they speak for no one side."""
    is_joint = statements["mode"].eq("joint").groupby(statements["speaker"]).all()
    return set(is_joint[is_joint].index)


def _most_common_side(statements: pd.DataFrame) -> pd.Series:
    """Per speaker, the side they most often speak for (ties: the first alphabetically)."""
    sided = statements.dropna(subset=["side"])
    counts = sided.groupby(["speaker", "side"]).size().rename("count").reset_index()
    counts = counts.sort_values(["speaker", "count", "side"], ascending=[True, False, True])
    return counts.drop_duplicates("speaker").set_index("speaker")["side"]


STATEMENT_TABLE_COLUMNS = {
    "speaker": "string",
    "title": "string",
    "side": "string",
    "cue": "string",
    "mode": "string",
    "content": "string",
    "date": "object",
    "document": "string",
    "doc_id": "string",
    "stmt_id": "string",
}


def build_statements_table(
    statements: pd.DataFrame, documents: pd.DataFrame, actors: pd.DataFrame
) -> pd.DataFrame:
    """Who said what, one row per statement, with the speaker's title and the document title.

    Returns:
        speaker, title, side, cue, mode, content, date, document, doc_id, stmt_id;
        in date order, then document, then position in the document.
    """
    titles = actors[["actor_id", "title"]].drop_duplicates("actor_id")
    documents = documents[["doc_id", "title"]].rename(columns={"title": "document"})
    table = statements.merge(titles, on="actor_id", how="left").merge(
        documents, on="doc_id", how="left"
    )
    table = table.assign(sort_date=pd.to_datetime(table["date"].astype("object")))
    table = table.sort_values(["sort_date", "document", "start"], na_position="last")
    return _typed(table, STATEMENT_TABLE_COLUMNS)


def search_statements(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose speaker, content, cue or document contains ``query`` (any case, as written).

    An empty query returns the table unchanged.
    """
    query = query.strip()
    if not query:
        return table
    searched = ("speaker", "content", "cue", "document")
    hit = pd.Series(False, index=table.index)
    for column in searched:
        hit |= table[column].str.contains(query, case=False, regex=False).fillna(False)
    return table[hit].reset_index(drop=True)


def count_speaker_topics(
    statements: pd.DataFrame, topic_mentions: pd.DataFrame, *, top_speakers: int = 20
) -> pd.DataFrame:
    """How many of each speaker's statements mention each topic (the speaker × topic heatmap).

    Returns:
        speaker, topic, statements; only the ``top_speakers`` speakers with most statements.
    """
    columns = {"speaker": "string", "topic": "string", "statements": "int64"}
    keep = rank_speakers(statements, top=top_speakers)["speaker"]
    pairs = topic_mentions.dropna(subset=["stmt_id"])[["stmt_id", "topic"]].drop_duplicates()
    rows = statements[statements["speaker"].isin(keep)].merge(pairs, on="stmt_id")
    counts = rows.groupby(["speaker", "topic"]).size().rename("statements").reset_index()
    return _typed(counts, columns)


def filter_speaker(statements: pd.DataFrame, speaker: str | None) -> pd.DataFrame:
    """One speaker's statements (none when ``speaker`` is None)."""
    return statements[statements["speaker"] == speaker].reset_index(drop=True)


def tokenize_phrases(text: str) -> Iterator[list[str]]:
    """Lower-cased words of ``text``, in runs that punctuation does not break."""
    for chunk in _PHRASE_BREAK.split(text.lower()):
        words = _WORD.findall(chunk)
        if words:
            yield words


def _ngrams(words: list[str], size: int) -> list[str]:
    grams = zip(*(words[index:] for index in range(size)), strict=False)
    return [
        " ".join(gram)
        for gram in grams
        if gram[0] not in _STOP_WORDS and gram[-1] not in _STOP_WORDS
    ]


def phrase_counts(texts: Iterable[str], *, sizes: tuple[int, ...]) -> Counter[str]:
    """How often each n-gram of the given sizes occurs (none starts or ends with a stop word)."""
    if isinstance(texts, pd.Series):  # one conversion, not a slow element-wise walk
        texts = texts.to_numpy(dtype=object, na_value=None)
    # one pass over all texts: a line break ends a phrase as the end of a text does
    grams: list[str] = []
    for words in tokenize_phrases("\n".join(text or "" for text in texts)):
        for size in sizes:
            grams += _ngrams(words, size)
    return Counter(grams)


def count_phrases(
    texts: Iterable[str], *, sizes: tuple[int, ...] = (2, 3), top: int = 20, min_count: int = 2
) -> pd.DataFrame:
    """Recurring phrases: the most frequent n-grams of ``texts``.

    Args:
        texts: e.g. one speaker's statement contents.
        sizes: n-gram lengths in words.
        top: how many phrases to return.
        min_count: a phrase must occur at least this often.

    Returns:
        phrase, words (its length), count; most frequent first, ties alphabetical.
    """
    columns = {"phrase": "string", "words": "int64", "count": "int64"}
    counts = phrase_counts(texts, sizes=sizes)
    rows = [
        {"phrase": phrase, "words": len(phrase.split()), "count": count}
        for phrase, count in counts.items()
        if count >= min_count
    ]
    frame = pd.DataFrame(rows, columns=list(columns))
    frame = frame.sort_values(["count", "phrase"], ascending=[False, True]).head(top)
    return _typed(frame, columns)


# ---------------------------------------------------------------- topics


def count_topics(topic_mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Frequency per topic, raw and normalised by the number of documents in view.

    Returns:
        topic, mentions, documents (that mention it), mentions_per_document (mentions divided
        by all documents), share_of_documents (0..1); most mentioned first.
    """
    columns = {
        "topic": "string",
        "mentions": "int64",
        "documents": "int64",
        "mentions_per_document": "float64",
        "share_of_documents": "float64",
    }
    total = max(documents["doc_id"].nunique(), 1)
    counts = topic_mentions.groupby("topic").agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique")
    )
    counts = counts.reset_index().assign(
        mentions_per_document=lambda f: f["mentions"] / total,
        share_of_documents=lambda f: f["documents"] / total,
    )
    counts = counts.sort_values(["mentions", "topic"], ascending=[False, True])
    return _typed(counts, columns)


def count_topics_over_time(
    topic_mentions: pd.DataFrame, documents: pd.DataFrame, *, freq: str
) -> pd.DataFrame:
    """Per week or month: how many documents mention each topic, and how often.

    Returns:
        period, topic, documents, mentions.
    """
    columns = {
        "period": "datetime64[us]",
        "topic": "string",
        "documents": "int64",
        "mentions": "int64",
    }
    periods = pd.DataFrame(
        {"doc_id": documents["doc_id"], "period": period_starts(document_dates(documents), freq)}
    )
    rows = topic_mentions.merge(periods, on="doc_id").dropna(subset=["period"])
    counts = rows.groupby(["period", "topic"]).agg(
        documents=("doc_id", "nunique"), mentions=("doc_id", "size")
    )
    return _typed(counts.reset_index(), columns)


def count_topics_by(
    topic_mentions: pd.DataFrame,
    statements: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str,
    top_groups: int = 15,
) -> pd.DataFrame:
    """Topic mentions per side, speaker or publisher.

    By side or speaker only mentions inside a statement count (the side or speaker is the
    statement's); by publisher every mention counts.

    Returns:
        group (the side, speaker or publisher), topic, mentions; the ``top_groups`` groups
        with most mentions.

    Raises:
        ValueError: ``by`` is not one of ``TOPIC_GROUPS``.
    """
    if by not in TOPIC_GROUPS:
        raise ValueError(f"unknown grouping {by!r}; expected one of {list(TOPIC_GROUPS)}")
    columns = {"group": "string", "topic": "string", "mentions": "int64"}
    if by == "publisher":
        owners = documents[["doc_id", "publisher"]].assign(group=_fill(documents["publisher"]))
        rows = topic_mentions.merge(owners[["doc_id", "group"]], on="doc_id")
    else:
        owners = statements[["stmt_id", by]].dropna(subset=[by]).rename(columns={by: "group"})
        rows = topic_mentions.dropna(subset=["stmt_id"]).merge(owners, on="stmt_id")
    keep = rows["group"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    rows = rows[rows["group"].isin(keep.index[:top_groups])]
    counts = rows.groupby(["group", "topic"]).size().rename("mentions").reset_index()
    return _typed(counts, columns)


def count_topic_pairs(topic_mentions: pd.DataFrame) -> pd.DataFrame:
    """Co-occurrence: for each pair of topics, how many documents mention both.

    Returns:
        topic_a, topic_b (topic_a < topic_b), documents; most shared first.
    """
    columns = {"topic_a": "string", "topic_b": "string", "documents": "int64"}
    pairs = topic_mentions[["doc_id", "topic"]].drop_duplicates()
    joined = pairs.merge(pairs, on="doc_id", suffixes=("_a", "_b"))
    joined = joined[joined["topic_a"] < joined["topic_b"]]
    counts = joined.groupby(["topic_a", "topic_b"]).size().rename("documents").reset_index()
    counts = counts.sort_values(["documents", "topic_a", "topic_b"], ascending=[False, True, True])
    return _typed(counts, columns)


SPAN_COLUMNS = {"doc_id": "string", "start": "int64", "end": "int64"}


def topic_spans(topic_mentions: pd.DataFrame, topic: str) -> pd.DataFrame:
    """Where ``topic`` is mentioned: doc_id, start, end."""
    return _typed(topic_mentions[topic_mentions["topic"] == topic], SPAN_COLUMNS)


def phrase_spans(documents: pd.DataFrame, phrase: str) -> pd.DataFrame:
    """Where ``phrase`` occurs as whole words (any case, any whitespace between its words).

    Returns:
        doc_id, start, end; nothing for a blank phrase.
    """
    words = phrase.split()
    if not words:
        return _typed(pd.DataFrame(), SPAN_COLUMNS)
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)", re.IGNORECASE
    )
    rows = [
        {"doc_id": doc_id, "start": match.start(), "end": match.end()}
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
        for match in pattern.finditer(text or "")
    ]
    return _typed(pd.DataFrame(rows, columns=list(SPAN_COLUMNS)), SPAN_COLUMNS)


def context_spans(
    topic_mentions: pd.DataFrame, documents: pd.DataFrame, *, topic: str | None, phrase: str
) -> pd.DataFrame:
    """The spans to show in context: the typed phrase when there is one, else the topic's."""
    if phrase.strip():
        return phrase_spans(documents, phrase)
    return topic_spans(topic_mentions, topic or "")


def keyword_in_context(
    spans: pd.DataFrame, documents: pd.DataFrame, *, width: int = 60
) -> pd.DataFrame:
    """Keyword-in-context lines for spans of document text.

    Args:
        spans: doc_id, start, end (from ``topic_spans`` or ``phrase_spans``).
        documents: the documents the spans index into.
        width: characters of context on each side.

    Returns:
        left, match, right, date, document, doc_id, start; whitespace in the context
        collapsed; in date order, then document, then position.
    """
    columns = {
        "left": "string",
        "match": "string",
        "right": "string",
        "date": "object",
        "document": "string",
        "doc_id": "string",
        "start": "int64",
    }
    docs = documents[["doc_id", "title", "text"]].assign(date=_dates_as_objects(documents))
    rows = spans.merge(docs, on="doc_id")
    lines = [
        _context(text or "", start, end, width)
        for text, start, end in zip(rows["text"], rows["start"], rows["end"], strict=True)
    ]
    rows = rows.assign(
        document=rows["title"],
        left=[line[0] for line in lines],
        match=[line[1] for line in lines],
        right=[line[2] for line in lines],
        sort_date=pd.to_datetime(rows["date"].astype("object")),
    ).sort_values(["sort_date", "document", "start"], na_position="last")
    return _typed(rows, columns)


def _dates_as_objects(documents: pd.DataFrame) -> pd.Series:
    dates = document_dates(documents)
    return pd.Series(
        [None if pd.isna(value) else value.date() for value in dates],
        index=documents.index,
        dtype="object",
    )


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    left = text[max(start - width, 0) : start]
    if start - width > 0 and not text[start - width - 1].isspace():
        left = left.partition(" ")[2]  # the context starts inside a word: drop its tail
    right = text[end : end + width]
    if end + width < len(text) and not text[end + width].isspace():
        right = right.rpartition(" ")[0]
    return " ".join(left.split()), " ".join(text[start:end].split()), " ".join(right.split())


# ---------------------------------------------------------------- compare

PAIR_COLUMNS = {
    "doc_a": "string",
    "doc_b": "string",
    "date_a": "object",
    "date_b": "object",
    "side_a": "string",
    "side_b": "string",
    "publisher_a": "string",
    "publisher_b": "string",
    "title_a": "string",
    "title_b": "string",
    "filename_a": "string",
    "filename_b": "string",
    "shared_participants": "string",
    "label": "string",
}
READOUT_NAME_CHARS = 40  # a title naming a readout (no publisher known) is cut to this length
NUMBERED_READOUTS = ("First readout", "Second readout")


def pair_readouts(
    documents: pd.DataFrame, statements: pd.DataFrame, *, days: int = 1
) -> pd.DataFrame:
    """Readouts of the same meeting from two sides.

    Two documents pair when their dates (event, else published) are at most ``days`` apart
    and they name participants in common (the document's participants and its quoted
    persons): one is enough when both sides (publisher countries) are known and differ; two
    are needed when a side is not known, and two releases of one publisher never pair.

    Returns:
        doc_a, doc_b, date_a, date_b, side_a, side_b (the publisher country, else the
        publisher, else "Unknown source"), publisher_a, publisher_b, title_a, title_b,
        filename_a, filename_b, shared_participants ("; "-joined), label (one line for a
        picker: date, shared participants and the two ``readout_labels``); latest first.
    """
    people = _people_by_document(documents, statements)
    docs = documents.assign(
        date=_dates_as_objects(documents),
        side=_fill(documents["publisher_country"].fillna(documents["publisher"]), UNKNOWN_SOURCE),
    ).dropna(subset=["date"])
    fields = ["doc_id", "date", "side", "publisher", "publisher_country", "title", "filename"]
    records = sorted(docs[fields].to_dict("records"), key=lambda doc: doc["date"])
    rows = []
    for index, first in enumerate(records):
        for second in records[index + 1 :]:
            if (second["date"] - first["date"]).days > days:
                break  # sorted by date: no later document is close enough
            row = _pair_row(first, second, people)
            if row:
                rows.append(row)
    pairs = pd.DataFrame(rows, columns=[c for c in PAIR_COLUMNS if c != "label"])
    pairs = pairs.sort_values(["date_a", "doc_a", "doc_b"], ascending=[False, True, True])
    return _typed(pairs.assign(label=_pair_labels(pairs)), PAIR_COLUMNS)


def _people_by_document(documents: pd.DataFrame, statements: pd.DataFrame) -> dict[str, set]:
    people = {
        doc_id: set(participants or ())
        for doc_id, participants in zip(documents["doc_id"], documents["participants"], strict=True)
    }
    persons = statements[statements["speaker_kind"] == "person"].dropna(subset=["speaker"])
    for doc_id, speaker in zip(persons["doc_id"], persons["speaker"], strict=True):
        people.setdefault(doc_id, set()).add(speaker)
    return people


def _pair_row(first: dict, second: dict, people: dict[str, set]) -> dict | None:
    countries = (first["publisher_country"], second["publisher_country"])
    known = not any(pd.isna(country) for country in countries)
    if known and countries[0] == countries[1]:
        return None  # one side's two releases
    if not pd.isna(first["publisher"]) and first["publisher"] == second["publisher"]:
        return None
    shared = people.get(first["doc_id"], set()) & people.get(second["doc_id"], set())
    if len(shared) < (1 if known else 2):
        return None
    a, b = sorted((first, second), key=lambda doc: (str(doc["side"]), doc["doc_id"]))
    return {
        **{f"{key}_a": a[key] for key in ("date", "side", "publisher", "title", "filename")},
        **{f"{key}_b": b[key] for key in ("date", "side", "publisher", "title", "filename")},
        "doc_a": a["doc_id"],
        "doc_b": b["doc_id"],
        "shared_participants": "; ".join(sorted(shared)),
    }


def _pair_labels(pairs: pd.DataFrame) -> list[str]:
    labels: list[str] = []
    seen: Counter[str] = Counter()
    for pair in pairs.to_dict("records"):
        name_a, name_b = readout_labels(pair)
        label = f"{pair['date_a']}: {pair['shared_participants']} ({name_a} / {name_b})"
        seen[label] += 1
        labels.append(label if seen[label] == 1 else f"{label} #{seen[label]}")  # unique
    return labels


def statements_by_topic(
    statements: pd.DataFrame, topic_mentions: pd.DataFrame, doc_id: str
) -> pd.DataFrame:
    """One document's statements grouped by the topics they mention.

    A statement appears once per topic it mentions; one mentioning none appears under
    ``NO_TOPIC``.

    Returns:
        topic, speaker, content, cue, mode, stmt_id; by topic, then position in the text.
    """
    columns = {
        "topic": "string",
        "speaker": "string",
        "content": "string",
        "cue": "string",
        "mode": "string",
        "stmt_id": "string",
    }
    fields = ["stmt_id", "speaker", "content", "cue", "mode", "start"]
    own = statements.loc[statements["doc_id"] == doc_id, fields]
    # a statement's mentions are in its own document: the rest of the corpus need not be read
    mine = topic_mentions[topic_mentions["doc_id"] == doc_id]
    pairs = mine.dropna(subset=["stmt_id"])[["stmt_id", "topic"]].drop_duplicates()
    rows = own.merge(pairs, on="stmt_id", how="left")
    rows = rows.assign(topic=rows["topic"].fillna(NO_TOPIC), no_topic=rows["topic"].isna())
    rows = rows.sort_values(["no_topic", "topic", "start", "stmt_id"])
    return _typed(rows, columns)


def readout_labels(pair: Mapping[str, object]) -> tuple[str, str]:
    """Names for the two readouts of a pair (a row of ``pair_readouts``), never the same.

    Each readout is named by its side (publisher country, else publisher), else its publisher,
    else its title (shortened), else its file name. When the two first names are the same,
    both step down that list until they differ; when nothing tells them apart (or a field is
    missing from ``pair``), they are "First readout" and "Second readout".

    Returns:
        The names of readout a and readout b.
    """
    names = [_readout_names(pair, side) for side in "ab"]
    for level in range(max(len(found) for found in names)):
        a, b = (found[min(level, len(found) - 1)] for found in names)
        if a != b:
            return a, b
    return NUMBERED_READOUTS


def _readout_names(pair: Mapping[str, object], side: str) -> list[str]:
    """One readout's possible names, best first ([UNKNOWN_SOURCE] when it has none)."""
    values = [
        shorten_title(pair.get(f"side_{side}")),  # a publisher when it has no country
        shorten_title(pair.get(f"publisher_{side}")),  # "Harbour House, Office of the ..."
        shorten_title(pair.get(f"title_{side}")),
        pair.get(f"filename_{side}"),
    ]
    names = [
        " ".join(value.split())
        for value in values
        if isinstance(value, str) and value.strip() and value != UNKNOWN_SOURCE
    ]
    return list(dict.fromkeys(names)) or [UNKNOWN_SOURCE]


def shorten_title(title: object, limit: int = READOUT_NAME_CHARS) -> str:
    """A title cut to at most ``limit`` characters at a word boundary, "…" marking the cut
    ("" for a missing title)."""
    if not isinstance(title, str):
        return ""
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    words = cut.rpartition(" ")[0]
    # a first word longer than half the room is cut inside rather than dropped whole
    kept = words if len(words) >= limit // 2 else cut
    return kept.rstrip(" ,;:.-–—") + "…"


ALIGNED_COLUMNS = {
    "topic": "string",
    "readout": "string",
    "speaker": "string",
    "cue": "string",
    "content": "string",
    "stmt_id": "string",
}


def align_readouts(
    statements: pd.DataFrame, topic_mentions: pd.DataFrame, doc_a: str, doc_b: str
) -> pd.DataFrame:
    """Two readouts' statements side by side, topic by topic.

    Returns:
        topic, readout ("a" or "b"), speaker, cue, content, stmt_id: topics both raise
        first, then topics only one raises, then statements on no topic; within a topic,
        readout a then b, each in text order.
    """
    parts = [
        statements_by_topic(statements, topic_mentions, doc_id).assign(readout=side)
        for side, doc_id in (("a", doc_a), ("b", doc_b))
    ]
    rows = pd.concat(parts, ignore_index=True).reset_index(names="order")
    sides = rows.groupby("topic")["readout"].transform("nunique")
    rows = rows.assign(
        rank=(sides < 2).astype(int) + 2 * (rows["topic"] == NO_TOPIC).astype(int)
    ).sort_values(["rank", "topic", "readout", "order"])
    return _typed(rows, ALIGNED_COLUMNS)


def compare_pair_topics(
    topic_mentions: pd.DataFrame, doc_a: str, doc_b: str, *, label_a: str, label_b: str
) -> pd.DataFrame:
    """Which topics each of two readouts raises, and which only one of them does.

    Returns:
        topic, mentions_a, mentions_b, raised_by ("both", "only <label_a>", "only <label_b>");
        topics raised by one side only first.
    """
    columns = {
        "topic": "string",
        "mentions_a": "int64",
        "mentions_b": "int64",
        "raised_by": "string",
    }
    own = topic_mentions[topic_mentions["doc_id"].isin([doc_a, doc_b])]
    counts = pd.crosstab(own["topic"], own["doc_id"]).reindex(columns=[doc_a, doc_b], fill_value=0)
    counts.columns = ["mentions_a", "mentions_b"]
    counts = counts.reset_index()
    counts["raised_by"] = [
        "both" if a and b else f"only {label_a}" if a else f"only {label_b}"
        for a, b in zip(counts["mentions_a"], counts["mentions_b"], strict=True)
    ]
    counts = counts.assign(shared=counts["raised_by"] == "both")
    counts = counts.sort_values(["shared", "raised_by", "topic"])
    return _typed(counts, columns)


GROUP_COLUMNS = {"doc_id": "string", "group": "string"}


def group_by_publisher(documents: pd.DataFrame, publisher_a: str, publisher_b: str) -> pd.DataFrame:
    """Documents of two publishers: doc_id, group (the publisher)."""
    chosen = documents[documents["publisher"].isin([publisher_a, publisher_b])]
    return _typed(chosen.rename(columns={"publisher": "group"}), GROUP_COLUMNS)


def group_by_period(
    documents: pd.DataFrame,
    period_a: tuple[dt.date, ...],
    period_b: tuple[dt.date, ...],
) -> pd.DataFrame:
    """Documents dated in two periods (inclusive): doc_id, group ("<from> – <to>").

    A period is ``(from, to)``; ``(day,)`` (a range still being picked) is that one day and
    ``()`` is empty. A document in both (overlapping) periods belongs to both groups.
    """
    dates = document_dates(documents)
    parts = [documents.iloc[0:0].assign(group=pd.Series(dtype="string"))]
    for period in (period_a, period_b):
        if not period:
            continue
        start, end = period[0], period[-1]
        inside = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
        parts.append(documents[inside].assign(group=f"{start} – {end}"))
    return _typed(pd.concat(parts, ignore_index=True), GROUP_COLUMNS)


def split_date_span(documents: pd.DataFrame) -> tuple[tuple[dt.date, dt.date], ...]:
    """The documents' date span cut in two halves (default periods to compare); () if undated."""
    dates = document_dates(documents).dropna()
    if dates.empty:
        return ()
    first, last = dates.min().date(), dates.max().date()
    middle = first + (last - first) // 2
    return (first, middle), (min(middle + dt.timedelta(days=1), last), last)


def publisher_names(documents: pd.DataFrame) -> list[str]:
    """The publishers, most documents first, ties alphabetical."""
    counts = documents["publisher"].dropna().value_counts().sort_index()
    return [str(name) for name in counts.sort_values(ascending=False, kind="stable").index]


def document_title(documents: pd.DataFrame, doc_id: str) -> str:
    """A document's title ("Untitled" when it has none or is not in ``documents``)."""
    titles = documents.loc[documents["doc_id"] == doc_id, "title"].dropna()
    return str(titles.iloc[0]) if len(titles) and str(titles.iloc[0]).strip() else "Untitled"


def pair_choices(pairs: pd.DataFrame) -> dict[str, dict]:
    """Pairs from ``pair_readouts`` keyed by their label, for a picker (first label wins)."""
    choices: dict[str, dict] = {}
    for record in pairs.to_dict("records"):
        choices.setdefault(record["label"], record)
    return choices


def compare_topic_shares(topic_mentions: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Each topic's share of all topic mentions within each group.

    Args:
        topic_mentions: the mentions.
        groups: doc_id, group (from ``group_by_publisher`` or ``group_by_period``).

    Returns:
        group, topic, mentions, share (0..1 of the group's mentions); every topic present in
        either group appears for both groups (0 where absent).
    """
    columns = {"group": "string", "topic": "string", "mentions": "int64", "share": "float64"}
    rows = topic_mentions.merge(groups, on="doc_id")
    counts = pd.crosstab(rows["topic"], rows["group"]).stack().rename("mentions").reset_index()
    totals = counts.groupby("group")["mentions"].transform("sum")
    counts = counts.assign(share=counts["mentions"] / totals.where(totals > 0))
    counts = counts.sort_values(["group", "mentions", "topic"], ascending=[True, False, True])
    return _typed(counts, columns)


def distinctive_phrases(
    statements: pd.DataFrame,
    groups: pd.DataFrame,
    *,
    sizes: tuple[int, ...] = (1, 2),
    top: int = 12,
    min_count: int = 3,
    prior: float = 0.5,
) -> pd.DataFrame:
    """Phrases typical of one group's statements rather than the other's.

    The score is the log-odds ratio of a phrase's frequency in group A versus group B (each
    count smoothed by ``prior``) divided by its standard error, so a phrase said often and
    mostly by one group scores far from 0: positive means typical of A, negative of B.

    Args:
        statements: statements whose content is compared.
        groups: doc_id, group with exactly two groups (A is the first in sort order).
        sizes: phrase lengths in words.
        top: phrases kept per group.
        min_count: a phrase must occur at least this often in both groups together.
        prior: pseudo-count added to every phrase count.

    Returns:
        phrase, distinctive_of (the group), count_a, count_b, score; A's phrases first.
    """
    columns = {
        "phrase": "string",
        "distinctive_of": "string",
        "count_a": "int64",
        "count_b": "int64",
        "score": "float64",
    }
    labels = sorted(groups["group"].dropna().unique())
    if len(labels) != 2:
        return _typed(pd.DataFrame(), columns)
    texts = [_group_contents(statements, groups, label) for label in labels]
    counts = [phrase_counts(group_texts, sizes=sizes) for group_texts in texts]
    scored = pd.DataFrame(_log_odds_rows(counts[0], counts[1], prior, min_count))
    if scored.empty:
        return _typed(scored, columns)
    scored["distinctive_of"] = [labels[0] if s > 0 else labels[1] for s in scored["score"]]
    best_a = scored[scored["score"] > 0].sort_values(["score", "phrase"], ascending=[False, True])
    best_b = scored[scored["score"] < 0].sort_values(["score", "phrase"])
    return _typed(pd.concat([best_a.head(top), best_b.head(top)]), columns)


def _group_contents(statements: pd.DataFrame, groups: pd.DataFrame, label: str) -> pd.Series:
    members = groups.loc[groups["group"] == label, "doc_id"]
    return statements.loc[statements["doc_id"].isin(members), "content"].dropna()


def _log_odds_rows(
    counts_a: Counter[str], counts_b: Counter[str], prior: float, min_count: int
) -> list[dict]:
    vocabulary = set(counts_a) | set(counts_b)
    total_a, total_b = sum(counts_a.values()), sum(counts_b.values())
    prior_total = prior * len(vocabulary)
    rows = []
    for phrase in vocabulary:
        a, b = counts_a[phrase], counts_b[phrase]
        if a + b < min_count:
            continue
        odds_a = (a + prior) / (total_a + prior_total - a - prior)
        odds_b = (b + prior) / (total_b + prior_total - b - prior)
        spread = math.sqrt(1 / (a + prior) + 1 / (b + prior))
        score = (math.log(odds_a) - math.log(odds_b)) / spread
        rows.append({"phrase": phrase, "count_a": a, "count_b": b, "score": round(score, 6)})
    return rows
