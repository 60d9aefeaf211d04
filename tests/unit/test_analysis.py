"""core.analysis: small invented frames in, expected frames out (and the empty cases)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core import analysis
from core.schema import (
    ACTORS,
    DOCUMENTS,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    build_frame,
    empty_frame,
)

D = dt.date


def frame(columns: dict[str, str], rows: list[tuple]) -> pd.DataFrame:
    """An expected frame: column -> dtype, rows as tuples in column order."""
    data = pd.DataFrame.from_records(rows, columns=list(columns))
    if not rows:
        data = pd.DataFrame({name: [] for name in columns})
    return data.astype(columns)


def document(doc_id: str, **values) -> dict:
    row = {
        "doc_id": doc_id,
        "title": f"Title {doc_id}",
        "publisher": "Norland Agency",
        "publisher_country": "Norland",
        "published": D(2024, 1, 10),
        "dateline_place": None,
        "event_date": None,
        "kind": "readout",
        "language": "en",
        "filename": f"{doc_id}.txt",
        "n_words": 10,
        "text": f"Title {doc_id}\nThe first line of {doc_id}.\nMore text.",
        "ingested_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        "warnings": [],
        "topics": [],
        "participants": [],
    }
    row.update(values)
    return row


def statement(stmt_id: str, doc_id: str, speaker: str | None, **values) -> dict:
    row = {
        "stmt_id": stmt_id,
        "doc_id": doc_id,
        "actor_id": speaker.lower().replace(" ", "-") if speaker else None,
        "speaker": speaker,
        "speaker_text": speaker,
        "speaker_kind": "person",
        "side": "Norland",
        "cue": "said",
        "mode": "indirect",
        "content": "talks went well",
        "start": 0,
        "end": 5,
        "speaker_start": None,
        "speaker_end": None,
        "cue_start": None,
        "cue_end": None,
        "sentence": 0,
        "reported_by": None,
        "confidence": 0.9,
        "date": D(2024, 1, 10),
    }
    row.update(values)
    row["end"] = values.get("end", row["start"] + len(row["content"]))
    return row


def mention(doc_id: str, topic: str, stmt_id: str | None = None, start: int = 0) -> dict:
    return {
        "doc_id": doc_id,
        "stmt_id": stmt_id,
        "topic": topic,
        "matched": topic.lower(),
        "start": start,
        "end": start + len(topic),
    }


def documents(*rows: dict) -> pd.DataFrame:
    return build_frame(DOCUMENTS, list(rows))


def statements(*rows: dict) -> pd.DataFrame:
    return build_frame(STATEMENTS, list(rows))


def mentions(*rows: dict) -> pd.DataFrame:
    return build_frame(TOPIC_MENTIONS, list(rows))


EMPTY = Corpus()


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Title\n\n  The first   line.\nSecond", "Title", "The first line."),
        ("Only a body line", None, "Only a body line"),
        ("", "Title", ""),
        (None, None, ""),
        ("Title\nBody", pd.NA, "Title"),  # a document with no title (missing in the frame)
        (pd.NA, pd.NA, ""),
        ("T\n" + "word " * 60, "T", ("word " * 60)[:159].rstrip() + "…"),
    ],
)
def test_first_line(text, title, expected):
    assert analysis.first_line(text, title=title) == expected


@pytest.mark.parametrize(
    ("freq", "day", "expected"),
    [
        ("week", D(2024, 1, 10), pd.Timestamp(2024, 1, 8)),  # Wednesday -> Monday
        ("week", D(2024, 1, 8), pd.Timestamp(2024, 1, 8)),
        ("week", D(2024, 1, 14), pd.Timestamp(2024, 1, 8)),  # Sunday ends the week
        ("month", D(2024, 2, 29), pd.Timestamp(2024, 2, 1)),
    ],
)
def test_period_starts(freq, day, expected):
    assert analysis.period_starts(pd.Series([day, None], dtype="object"), freq).tolist()[0] == (
        expected
    )


def test_period_starts_keeps_missing_dates_missing():
    assert analysis.period_starts(pd.Series([None], dtype="object"), "month").isna().all()


def test_period_starts_rejects_unknown_frequency():
    with pytest.raises(ValueError, match="unknown frequency"):
        analysis.period_starts(pd.Series([D(2024, 1, 1)]), "day")


def test_document_dates_prefer_the_event_date():
    docs = documents(
        document("a", event_date=D(2024, 1, 9)),
        document("b"),
        document("c", published=None),
    )
    dates = analysis.document_dates(docs)
    assert dates.tolist()[:2] == [pd.Timestamp(2024, 1, 9), pd.Timestamp(2024, 1, 10)]
    assert pd.isna(dates.iloc[2])


# ---------------------------------------------------------------- timeline


def test_timeline_points_by_publisher_release_and_event():
    docs = documents(
        document("a", event_date=D(2024, 1, 9), publisher="B Agency"),
        document("b", event_date=D(2024, 1, 10), publisher="A Ministry"),
        document("c", published=None, event_date=None),  # undated: not on the axis
    )
    points = analysis.build_timeline_points(docs, empty_frame(STATEMENTS), lane="publisher")
    expected = frame(
        analysis.TIMELINE_COLUMNS,
        [
            ("b", "A Ministry", pd.Timestamp(2024, 1, 10), "release", "Title b", "A Ministry",
             "The first line of b."),
            ("a", "B Agency", pd.Timestamp(2024, 1, 9), "event", "Title a", "B Agency",
             "The first line of a."),
            ("a", "B Agency", pd.Timestamp(2024, 1, 10), "release", "Title a", "B Agency",
             "The first line of a."),
        ],
    )  # fmt: skip
    assert_frame_equal(points, expected)


def test_timeline_points_by_side_fill_unknown():
    docs = documents(document("a"), document("b", publisher_country=None))
    points = analysis.build_timeline_points(docs, empty_frame(STATEMENTS), lane="side")
    assert points["lane"].tolist() == ["Norland", "Unknown"]


def test_timeline_points_by_speaker_one_per_document_and_speaker():
    docs = documents(document("a"), document("b"))
    stmts = statements(
        statement("s1", "a", "Ann Vell"),
        statement("s2", "a", "Ann Vell"),
        statement("s3", "a", "Bo Reyes"),
        statement("s4", "b", None),  # unnamed: no lane
    )
    points = analysis.build_timeline_points(docs, stmts, lane="speaker")
    assert list(zip(points["lane"], points["doc_id"], strict=True)) == [
        ("Ann Vell", "a"),
        ("Bo Reyes", "a"),
    ]


def test_timeline_points_keep_the_busiest_lanes():
    docs = documents(
        document("a", publisher="Busy"), document("b", publisher="Busy"), document("c")
    )
    points = analysis.build_timeline_points(
        docs, empty_frame(STATEMENTS), lane="publisher", max_lanes=1
    )
    assert set(points["lane"]) == {"Busy"}


def test_timeline_points_empty_and_bad_lane():
    points = analysis.build_timeline_points(EMPTY.documents, EMPTY.statements, lane="speaker")
    assert_frame_equal(points, frame(analysis.TIMELINE_COLUMNS, []))
    with pytest.raises(ValueError, match="unknown lane"):
        analysis.build_timeline_points(EMPTY.documents, EMPTY.statements, lane="topic")


VOLUME = {"period": "datetime64[us]", "publisher": "string", "documents": "int64"}


@pytest.mark.parametrize(
    ("freq", "expected"),
    [
        (
            "week",
            [
                (pd.Timestamp(2024, 1, 8), "A", 2),
                (pd.Timestamp(2024, 1, 15), "A", 1),
                (pd.Timestamp(2024, 1, 15), "Unknown", 1),
            ],
        ),
        ("month", [(pd.Timestamp(2024, 1, 1), "A", 3), (pd.Timestamp(2024, 1, 1), "Unknown", 1)]),
    ],
)
def test_count_documents_per_period(freq, expected):
    docs = documents(
        document("a", publisher="A", published=D(2024, 1, 8)),
        document("b", publisher="A", published=D(2024, 1, 20), event_date=D(2024, 1, 14)),
        document("c", publisher="A", published=D(2024, 1, 15)),
        document("d", publisher=None, published=D(2024, 1, 16)),
        document("e", publisher="A", published=None),  # undated: not counted
    )
    volume = analysis.count_documents_per_period(docs, freq=freq)
    assert_frame_equal(volume, frame(VOLUME, expected))


def test_count_documents_per_period_sums_the_smaller_publishers():
    docs = documents(
        document("a", publisher="A", published=D(2024, 1, 8)),
        document("b", publisher="A", published=D(2024, 1, 9)),
        document("c", publisher="C", published=D(2024, 1, 10)),
        document("d", publisher="B", published=D(2024, 2, 11)),
        document("e", publisher="D", published=D(2024, 2, 12)),
        document("f", publisher="E", published=None),  # undated: no say in the ranking
        document("g", publisher="E", published=None),
    )
    volume = analysis.count_documents_per_period(docs, freq="month", top=2)
    other = analysis.OTHER_PUBLISHERS
    expected = [
        (pd.Timestamp(2024, 1, 1), "A", 2),
        (pd.Timestamp(2024, 1, 1), other, 1),
        (pd.Timestamp(2024, 2, 1), "B", 1),
        (pd.Timestamp(2024, 2, 1), other, 1),
    ]
    assert_frame_equal(volume, frame(VOLUME, expected))
    assert len(analysis.count_documents_per_period(docs, freq="month", top=4)) == 4


def test_count_documents_per_period_empty():
    volume = analysis.count_documents_per_period(EMPTY.documents, freq="week")
    assert_frame_equal(volume, frame(VOLUME, []))


OVER_TIME = {"period": "datetime64[us]", "group": "string", "statements": "int64"}


def _time_statements() -> pd.DataFrame:
    return statements(
        statement("s1", "a", "Ann Vell", date=D(2024, 1, 5)),
        statement("s2", "a", "Ann Vell", date=D(2024, 2, 5)),
        statement("s3", "a", "Bo Reyes", date=D(2024, 2, 6)),
        statement("s4", "a", "Cy Oduya", date=D(2024, 2, 6)),
        statement("s5", "a", None, date=D(2024, 2, 6)),
        statement("s6", "a", "Ann Vell", date=None),
    )


def test_count_statements_over_time_by_speaker_keeps_top():
    counts = analysis.count_statements_over_time(
        _time_statements(), EMPTY.topic_mentions, by="speaker", freq="month", top=2
    )
    expected = frame(
        OVER_TIME,
        [
            (pd.Timestamp(2024, 1, 1), "Ann Vell", 1),
            (pd.Timestamp(2024, 2, 1), "Ann Vell", 1),
            (pd.Timestamp(2024, 2, 1), "Bo Reyes", 1),
        ],
    )
    assert_frame_equal(counts, expected)


def test_count_statements_over_time_by_topic_counts_statements_once_per_topic():
    tags = mentions(
        mention("a", "Trade", "s1"),
        mention("a", "Trade", "s1", start=9),  # same statement, same topic: once
        mention("a", "Ports", "s1"),
        mention("a", "Trade", "s3"),
        mention("a", "Trade", None),  # outside any statement
    )
    counts = analysis.count_statements_over_time(_time_statements(), tags, by="topic", freq="month")
    expected = frame(
        OVER_TIME,
        [
            (pd.Timestamp(2024, 1, 1), "Ports", 1),
            (pd.Timestamp(2024, 1, 1), "Trade", 1),
            (pd.Timestamp(2024, 2, 1), "Trade", 1),
        ],
    )
    assert_frame_equal(counts, expected)


def test_count_statements_over_time_empty_and_bad_grouping():
    counts = analysis.count_statements_over_time(
        EMPTY.statements, EMPTY.topic_mentions, by="topic", freq="week"
    )
    assert_frame_equal(counts, frame(OVER_TIME, []))
    with pytest.raises(ValueError, match="unknown grouping"):
        analysis.count_statements_over_time(
            EMPTY.statements, EMPTY.topic_mentions, by="side", freq="week"
        )


# ---------------------------------------------------------------- who said what

RANKED = {"speaker": "string", "side": "string", "statements": "int64", "documents": "int64"}


def test_rank_speakers():
    stmts = statements(
        statement("s1", "a", "Bo Reyes", side="Estovia"),
        statement("s2", "b", "Bo Reyes", side="Estovia"),
        statement("s3", "b", "Bo Reyes", side="Norland"),
        statement("s4", "a", "Ann Vell", side=None),
        statement("s5", "a", "Cy Oduya"),
        statement("s6", "a", None),
    )
    expected = frame(
        RANKED,
        [("Bo Reyes", "Estovia", 3, 2), ("Ann Vell", None, 1, 1), ("Cy Oduya", "Norland", 1, 1)],
    )
    assert_frame_equal(analysis.rank_speakers(stmts), expected)


def test_rank_speakers_side_ties_go_to_the_first_alphabetically():
    stmts = statements(
        statement("s1", "a", "Bo Reyes", side="Norland"),
        statement("s2", "b", "Bo Reyes", side="Estovia"),
        statement("s3", "c", "Ann Vell", side="Norland"),
        statement("s4", "c", "Ann Vell", side="Norland"),
        statement("s5", "d", "Ann Vell", side="Estovia"),
    )
    ranked = analysis.rank_speakers(stmts)
    assert dict(zip(ranked["speaker"], ranked["side"], strict=True)) == {
        "Ann Vell": "Norland",
        "Bo Reyes": "Estovia",
    }


def test_rank_speakers_show_joint_statements_as_joint_not_unknown():
    stmts = statements(
        statement("s1", "a", "both sides", side=None, mode="joint"),
        statement("s2", "b", "both sides", side=None, mode="joint"),
        statement("s3", "a", "Ann Vell", side=None, mode="indirect"),
        statement("s4", "a", "Cy Oduya", side=None, mode="joint"),
        statement("s5", "b", "Cy Oduya", side=None, mode="direct"),
        statement("s6", "b", "Bo Reyes", side="Estovia", mode="joint"),
    )
    ranked = analysis.rank_speakers(stmts)
    assert dict(zip(ranked["speaker"], ranked["side"], strict=True)) == {
        "both sides": analysis.JOINT_SIDE,  # only joint statements: the two sides together
        "Ann Vell": pd.NA,  # no side known: left for the chart to call "Unknown"
        "Cy Oduya": pd.NA,  # not only joint
        "Bo Reyes": "Estovia",  # a known side stays
    }
    assert ranked["side"].dtype == "string"


def test_rank_speakers_empty():
    assert_frame_equal(analysis.rank_speakers(EMPTY.statements), frame(RANKED, []))


def _table_inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    docs = documents(document("a", title="Talks"), document("b", title="Call"))
    stmts = statements(
        statement("s2", "a", "Ann Vell", start=30, content="second", date=D(2024, 1, 9)),
        statement("s1", "a", "Ann Vell", start=3, content="first", date=D(2024, 1, 9)),
        statement("s3", "b", "Bo Reyes", cue="urged", mode="direct", content="lift it", date=None),
    )
    actors = build_frame(
        ACTORS,
        [
            {
                "actor_id": "ann-vell",
                "name": "Ann Vell",
                "kind": "person",
                "title": "Minister",
                "role": None,
                "organization": None,
                "side": "Norland",
                "aliases": [],
            }
        ],
    )
    return docs, stmts, actors


def test_build_statements_table():
    docs, stmts, actors = _table_inputs()
    table = analysis.build_statements_table(stmts, docs, actors)
    expected = frame(
        analysis.STATEMENT_TABLE_COLUMNS,
        [
            ("Ann Vell", "Minister", "Norland", "said", "indirect", "first", D(2024, 1, 9),
             "Talks", "a", "s1"),
            ("Ann Vell", "Minister", "Norland", "said", "indirect", "second", D(2024, 1, 9),
             "Talks", "a", "s2"),
            ("Bo Reyes", None, "Norland", "urged", "direct", "lift it", None, "Call", "b", "s3"),
        ],
    )  # fmt: skip
    assert_frame_equal(table, expected)


def test_build_statements_table_empty():
    table = analysis.build_statements_table(EMPTY.statements, EMPTY.documents, EMPTY.actors)
    assert_frame_equal(table, frame(analysis.STATEMENT_TABLE_COLUMNS, []))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["s1", "s2", "s3"]),
        ("  ", ["s1", "s2", "s3"]),
        ("FIRST", ["s1"]),  # content, any case
        ("reyes", ["s3"]),  # speaker
        ("urged", ["s3"]),  # cue
        ("talks", ["s1", "s2"]),  # document title
        ("l.ft", []),  # literal, not a regular expression
        ("nothing like it", []),
    ],
)
def test_search_statements(query, expected):
    docs, stmts, actors = _table_inputs()
    table = analysis.build_statements_table(stmts, docs, actors)
    assert analysis.search_statements(table, query)["stmt_id"].tolist() == expected


def test_count_speaker_topics():
    stmts = statements(
        statement("s1", "a", "Ann Vell"),
        statement("s2", "a", "Ann Vell"),
        statement("s3", "a", "Bo Reyes"),
        statement("s4", "a", "Cy Oduya"),
    )
    tags = mentions(
        mention("a", "Trade", "s1"),
        mention("a", "Trade", "s1", start=5),
        mention("a", "Trade", "s2"),
        mention("a", "Ports", "s3"),
        mention("a", "Ports", "s4"),
        mention("a", "Ports", None),
    )
    counts = analysis.count_speaker_topics(stmts, tags, top_speakers=2)
    expected = frame(
        {"speaker": "string", "topic": "string", "statements": "int64"},
        [("Ann Vell", "Trade", 2), ("Bo Reyes", "Ports", 1)],
    )
    assert_frame_equal(counts, expected)


def test_count_speaker_topics_empty():
    counts = analysis.count_speaker_topics(EMPTY.statements, EMPTY.topic_mentions)
    assert counts.empty
    assert list(counts.columns) == ["speaker", "topic", "statements"]


def test_filter_speaker():
    stmts = statements(statement("s1", "a", "Ann Vell"), statement("s2", "a", "Bo Reyes"))
    assert analysis.filter_speaker(stmts, "Bo Reyes")["stmt_id"].tolist() == ["s2"]
    assert analysis.filter_speaker(stmts, None).empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hotline, the open hotline.", [["the", "hotline"], ["the", "open", "hotline"]]),
        ("Norland’s navy (in 2024) patrols", [["norland’s", "navy"], ["in"], ["patrols"]]),
        ("one-China policy", [["one-china", "policy"]]),
        ("", []),
        ("2024 ...", []),
    ],
)
def test_tokenize_phrases(text, expected):
    assert list(analysis.tokenize_phrases(text)) == expected


PHRASES = {"phrase": "string", "words": "int64", "count": "int64"}


def test_count_phrases_skips_stop_word_edges_and_rare_phrases():
    texts = [
        "We keep the military hotline open.",
        "The military hotline works; military hotline talks resume.",
        "Open the military hotline",
    ]
    expected = frame(PHRASES, [("military hotline", 2, 4)])
    assert_frame_equal(analysis.count_phrases(texts, sizes=(2, 3), min_count=2), expected)


def test_count_phrases_top_and_ties():
    texts = ["lasting peace lasting peace border talks border talks naval drills"]
    phrases = analysis.count_phrases(texts, sizes=(2,), top=2, min_count=1)
    assert phrases["phrase"].tolist() == ["border talks", "lasting peace"]


def test_count_phrases_empty():
    assert_frame_equal(analysis.count_phrases([]), frame(PHRASES, []))
    assert_frame_equal(analysis.count_phrases(["the of and"]), frame(PHRASES, []))


# ---------------------------------------------------------------- topics

TOPIC_COUNTS = {
    "topic": "string",
    "mentions": "int64",
    "documents": "int64",
    "mentions_per_document": "float64",
    "share_of_documents": "float64",
}


def test_count_topics_raw_and_per_document():
    docs = documents(document("a"), document("b"), document("c"), document("d"))
    tags = mentions(
        mention("a", "Trade"), mention("a", "Trade", start=5), mention("b", "Trade"),
        mention("b", "Ports"),
    )  # fmt: skip
    expected = frame(TOPIC_COUNTS, [("Trade", 3, 2, 0.75, 0.5), ("Ports", 1, 1, 0.25, 0.25)])
    assert_frame_equal(analysis.count_topics(tags, docs), expected)


def test_count_topics_empty():
    assert_frame_equal(
        analysis.count_topics(EMPTY.topic_mentions, EMPTY.documents), frame(TOPIC_COUNTS, [])
    )


TOPICS_OVER_TIME = {
    "period": "datetime64[us]",
    "topic": "string",
    "documents": "int64",
    "mentions": "int64",
}


def test_count_topics_over_time():
    docs = documents(
        document("a", published=D(2024, 1, 3)),
        document("b", published=D(2024, 1, 30)),
        document("c", published=D(2024, 3, 1)),
        document("d", published=None),
    )
    tags = mentions(
        mention("a", "Trade"), mention("a", "Trade", start=3), mention("b", "Trade"),
        mention("c", "Ports"), mention("d", "Ports"),
    )  # fmt: skip
    expected = frame(
        TOPICS_OVER_TIME,
        [(pd.Timestamp(2024, 1, 1), "Trade", 2, 3), (pd.Timestamp(2024, 3, 1), "Ports", 1, 1)],
    )
    assert_frame_equal(analysis.count_topics_over_time(tags, docs, freq="month"), expected)


def test_count_topics_over_time_empty():
    counts = analysis.count_topics_over_time(EMPTY.topic_mentions, EMPTY.documents, freq="week")
    assert_frame_equal(counts, frame(TOPICS_OVER_TIME, []))


BY_GROUP = {"group": "string", "topic": "string", "mentions": "int64"}


def _group_inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    docs = documents(document("a", publisher="P1"), document("b", publisher=None))
    stmts = statements(
        statement("s1", "a", "Ann Vell", side="Norland"),
        statement("s2", "b", "Bo Reyes", side="Estovia"),
        statement("s3", "b", "Cy Oduya", side=None),
    )
    tags = mentions(
        mention("a", "Trade", "s1"),
        mention("a", "Ports", None),
        mention("b", "Trade", "s2"),
        mention("b", "Trade", "s3"),
    )
    return tags, stmts, docs


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("publisher", [("P1", "Ports", 1), ("P1", "Trade", 1), ("Unknown", "Trade", 2)]),
        ("side", [("Estovia", "Trade", 1), ("Norland", "Trade", 1)]),
        ("speaker", [("Ann Vell", "Trade", 1), ("Bo Reyes", "Trade", 1), ("Cy Oduya", "Trade", 1)]),
    ],
)
def test_count_topics_by(by, expected):
    counts = analysis.count_topics_by(*_group_inputs(), by=by)
    assert_frame_equal(counts, frame(BY_GROUP, expected))


def test_count_topics_by_keeps_top_groups_and_rejects_unknown():
    counts = analysis.count_topics_by(*_group_inputs(), by="publisher", top_groups=1)
    assert set(counts["group"]) == {"P1"}  # tie (2 each) broken alphabetically
    with pytest.raises(ValueError, match="unknown grouping"):
        analysis.count_topics_by(*_group_inputs(), by="cue")


def test_count_topics_by_empty():
    counts = analysis.count_topics_by(
        EMPTY.topic_mentions, EMPTY.statements, EMPTY.documents, by="side"
    )
    assert_frame_equal(counts, frame(BY_GROUP, []))


PAIRS = {"topic_a": "string", "topic_b": "string", "documents": "int64"}


def test_count_topic_pairs():
    tags = mentions(
        mention("a", "Trade"), mention("a", "Ports"), mention("a", "Ports", start=4),
        mention("b", "Trade"), mention("b", "Ports"), mention("b", "Arms"),
        mention("c", "Arms"),
    )  # fmt: skip
    expected = frame(PAIRS, [("Ports", "Trade", 2), ("Arms", "Ports", 1), ("Arms", "Trade", 1)])
    assert_frame_equal(analysis.count_topic_pairs(tags), expected)


def test_count_topic_pairs_none_when_no_document_has_two():
    tags = mentions(mention("a", "Trade"), mention("b", "Ports"))
    assert_frame_equal(analysis.count_topic_pairs(tags), frame(PAIRS, []))
    assert_frame_equal(analysis.count_topic_pairs(EMPTY.topic_mentions), frame(PAIRS, []))


KWIC = {
    "left": "string",
    "match": "string",
    "right": "string",
    "date": "object",
    "document": "string",
    "doc_id": "string",
    "start": "int64",
}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("hot line", [(4, 12), (29, 37)]),  # any case, any whitespace between words
        ("hotline", []),  # whole words only: not inside "Hotlines"
        ("  ", []),
        ("(hot", []),  # escaped, not a pattern
    ],
)
def test_phrase_spans(phrase, expected):
    docs = documents(document("a", text="The hot line works. Keep the Hot\nline. Hotlines."))
    spans = analysis.phrase_spans(docs, phrase)
    assert list(zip(spans["start"], spans["end"], strict=True)) == expected


def test_keyword_in_context_for_a_phrase():
    docs = documents(
        document(
            "a", title="Call", text="Both sides agreed to keep the hotline open at all times."
        ),
        document("b", title="Note", published=D(2023, 5, 1), text="The hotline."),
    )
    lines = analysis.keyword_in_context(analysis.phrase_spans(docs, "hotline"), docs, width=16)
    expected = frame(
        KWIC,
        [
            ("The", "hotline", ".", D(2023, 5, 1), "Note", "b", 4),
            ("to keep the", "hotline", "open at all", D(2024, 1, 10), "Call", "a", 30),
        ],
    )
    assert_frame_equal(lines, expected)


def test_keyword_in_context_for_a_topic():
    docs = documents(document("a", text="Talks on trade and ports."))
    tags = mentions(mention("a", "Trade", start=9), mention("a", "Ports", start=19))
    lines = analysis.keyword_in_context(analysis.topic_spans(tags, "Ports"), docs, width=10)
    assert (lines["left"].tolist(), lines["match"].tolist()) == (["trade and"], ["ports"])


def test_keyword_in_context_empty():
    docs = documents(document("a"))
    assert_frame_equal(
        analysis.keyword_in_context(analysis.phrase_spans(docs, "absent"), docs), frame(KWIC, [])
    )
    assert_frame_equal(
        analysis.keyword_in_context(analysis.topic_spans(EMPTY.topic_mentions, "x"), docs),
        frame(KWIC, []),
    )


# ---------------------------------------------------------------- compare


def _pair_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = documents(
        document("n1", publisher="Norland Agency", publisher_country="Norland",
                 event_date=D(2024, 1, 9), participants=["Ann Vell", "Bo Reyes"]),
        document("e1", publisher="Estovia Ministry", publisher_country="Estovia",
                 published=D(2024, 1, 10), participants=["Bo Reyes"]),
        document("e2", publisher="Estovia Ministry", publisher_country="Estovia",
                 published=D(2024, 1, 12), participants=["Ann Vell"]),  # 3 days off
        document("n2", publisher="Norland Post", publisher_country="Norland",
                 published=D(2024, 1, 10), participants=["Bo Reyes"]),  # same side as n1
        document("x1", publisher="Other Post", publisher_country=None,
                 published=D(2024, 1, 10)),  # side unknown, one person in common: no
        document("u1", publisher=None, publisher_country=None, published=D(2024, 1, 9),
                 participants=["Ann Vell", "Bo Reyes"]),  # side unknown, two in common
        document("u2", publisher="Estovia Ministry", publisher_country=None,
                 published=D(2024, 1, 9), participants=["Ann Vell", "Bo Reyes"]),
    )  # fmt: skip
    stmts = statements(statement("s1", "x1", "Ann Vell"), statement("s2", "x1", "the side"))
    return docs, stmts


def test_pair_readouts():
    pairs = analysis.pair_readouts(*_pair_inputs())
    found = list(zip(pairs["doc_a"], pairs["doc_b"], pairs["shared_participants"], strict=True))
    assert found == [
        ("e1", "n1", "Bo Reyes"),
        ("e1", "n2", "Bo Reyes"),
        ("n1", "u1", "Ann Vell; Bo Reyes"),
        ("u2", "n1", "Ann Vell; Bo Reyes"),  # u2's side: its publisher, "Estovia Ministry"
        ("u2", "u1", "Ann Vell; Bo Reyes"),
    ]  # not e1/x1, n2/u1 (one person in common, a side unknown), n1/n2 (one side), e2 (late)
    first = pairs.iloc[0]
    assert (first["side_a"], first["side_b"], first["date_a"], first["date_b"]) == (
        "Estovia",
        "Norland",
        D(2024, 1, 10),
        D(2024, 1, 9),
    )
    assert first["label"] == "2024-01-10: Bo Reyes (Estovia / Norland)"
    sides = dict(zip(pairs["doc_b"], pairs["side_b"], strict=True))
    assert sides["u1"] == "Unknown source"


def test_pair_readouts_wider_window():
    pairs = analysis.pair_readouts(*_pair_inputs(), days=3)
    assert ("e2", "n1") in set(zip(pairs["doc_a"], pairs["doc_b"], strict=True))


def test_pair_readouts_empty():
    pairs = analysis.pair_readouts(EMPTY.documents, EMPTY.statements)
    assert_frame_equal(pairs, frame(analysis.PAIR_COLUMNS, []))


def test_statements_by_topic():
    stmts = statements(
        statement("s1", "a", "Ann Vell", start=0, content="trade and ports"),
        statement("s2", "a", "Bo Reyes", start=20, content="weather"),
        statement("s3", "a", "Ann Vell", start=40, content="more trade"),
        statement("s4", "b", "Cy Oduya", content="other document"),
    )
    tags = mentions(
        mention("a", "Trade", "s1"), mention("a", "Ports", "s1"), mention("a", "Trade", "s3"),
        mention("a", "Trade", "s3", start=5), mention("b", "Trade", "s4"),
    )  # fmt: skip
    expected = frame(
        {"topic": "string", "speaker": "string", "content": "string", "cue": "string",
         "mode": "string", "stmt_id": "string"},
        [
            ("Ports", "Ann Vell", "trade and ports", "said", "indirect", "s1"),
            ("Trade", "Ann Vell", "trade and ports", "said", "indirect", "s1"),
            ("Trade", "Ann Vell", "more trade", "said", "indirect", "s3"),
            (analysis.NO_TOPIC, "Bo Reyes", "weather", "said", "indirect", "s2"),
        ],
    )  # fmt: skip
    assert_frame_equal(analysis.statements_by_topic(stmts, tags, "a"), expected)
    assert analysis.statements_by_topic(stmts, tags, "missing").empty


LONG_PUBLISHER = "Harbour House, Office of the President of the Federation of Kestria"


def readout_pair(**values) -> dict:
    """A pair row as ``pair_readouts`` gives it: two publisher-less releases unless told."""
    row = {f"{field}_{side}": None for field in ("publisher", "title", "filename") for side in "ab"}
    return {"side_a": "Unknown source", "side_b": "Unknown source", **row, **values}


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        # both sides known: the sides (publisher countries), as before
        (readout_pair(side_a="Estovia", side_b="Norland", publisher_a="E Post",
                      publisher_b="N Agency"), ("Estovia", "Norland")),
        # no country: the side is the publisher
        (readout_pair(side_a="E Post", side_b="Norland", publisher_a="E Post",
                      publisher_b="N Agency"), ("E Post", "Norland")),
        # a long publisher (standing in for its side) is shortened like a title
        (readout_pair(side_a=LONG_PUBLISHER, publisher_a=LONG_PUBLISHER, side_b="Norland"),
         ("Harbour House, Office of the President…", "Norland")),
        # no publisher: the title stands in, shortened
        (readout_pair(side_b="Norland", publisher_b="N Agency",
                      title_a="Foreign Minister Kalo holds a phone call with his counterpart",
                      filename_a="kalo.txt"),
         ("Foreign Minister Kalo holds a phone…", "Norland")),
        # neither has a publisher: their titles
        (readout_pair(title_a="Kalo speaks with Vell", title_b="Vell and Kalo talk",
                      filename_a="a.txt", filename_b="b.txt"),
         ("Kalo speaks with Vell", "Vell and Kalo talk")),
        # the same title: the file names tell them apart
        (readout_pair(title_a="Readout of the call", title_b="Readout  of the call",
                      filename_a="ministry-a.html", filename_b="embassy-b.html"),
         ("ministry-a.html", "embassy-b.html")),
        # no title either: the file names
        (readout_pair(title_a="  ", filename_a="a.txt", filename_b="b.txt"),
         ("a.txt", "b.txt")),
        # one side known, the other release has nothing at all
        (readout_pair(side_b="Norland"), ("Unknown source", "Norland")),
        # nothing tells them apart: numbered, never "Unknown source" twice
        (readout_pair(), ("First readout", "Second readout")),
        (readout_pair(title_a="Same", title_b="Same"), ("First readout", "Second readout")),
        ({"side_a": "Norland", "side_b": "Norland"}, ("First readout", "Second readout")),
        ({}, ("First readout", "Second readout")),
        # missing values as pandas gives them
        (readout_pair(title_a=pd.NA, filename_a=pd.NA, title_b="Talks", filename_b=pd.NA),
         ("Unknown source", "Talks")),
    ],
)  # fmt: skip
def test_readout_labels(pair, expected):
    labels = analysis.readout_labels(pair)
    assert labels == expected
    assert labels[0] != labels[1]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kalo speaks with Vell", "Kalo speaks with Vell"),
        ("  Kalo   speaks\nwith Vell ", "Kalo speaks with Vell"),
        ("x" * 40, "x" * 40),  # exactly the limit: kept whole
        ("Talks on trade, ports and fisheries between the two ministries",
         "Talks on trade, ports and fisheries…"),  # cut at a word, no dangling comma
        ("Readout: " + "y" * 60, "Readout: " + "y" * 30 + "…"),  # no word break: cut inside
        ("", ""),
        (None, ""),
        (pd.NA, ""),
    ],
)  # fmt: skip
def test_shorten_title(title, expected):
    short = analysis.shorten_title(title)
    assert short == expected
    assert len(short) <= analysis.READOUT_NAME_CHARS


def test_pair_readouts_names_publisher_less_readouts_by_title_then_file():
    common = {
        "publisher": None,
        "publisher_country": None,
        "participants": ["Ann Vell", "Bo Reyes"],
    }
    docs = documents(
        document("p1", title="Vell and Reyes hold talks", **common),
        document("p2", title="Reyes receives Vell", **common),
        document("q1", title=None, filename="call-note.txt", published=D(2024, 2, 1), **common),
        document("q2", title=None, filename="call-memo.txt", published=D(2024, 2, 1), **common),
    )
    pairs = analysis.pair_readouts(docs, EMPTY.statements)
    assert pairs["label"].tolist() == [
        "2024-02-01: Ann Vell; Bo Reyes (call-note.txt / call-memo.txt)",
        "2024-01-10: Ann Vell; Bo Reyes (Vell and Reyes hold talks / Reyes receives Vell)",
    ]
    assert not pairs["label"].str.contains("Unknown source").any()
    assert pairs["filename_a"].tolist() == ["call-note.txt", "p1.txt"]


def test_align_readouts_shared_topics_first():
    stmts = statements(
        statement("a1", "a", "Ann Vell", start=0, content="ports matter"),
        statement("a2", "a", "Ann Vell", start=20, content="trade too"),
        statement("a3", "a", "Ann Vell", start=40, content="hello"),
        statement("b1", "b", "Bo Reyes", start=0, content="arms first"),
        statement("b2", "b", "Bo Reyes", start=20, content="and trade"),
    )
    tags = mentions(
        mention("a", "Ports", "a1"), mention("a", "Trade", "a2"),
        mention("b", "Arms", "b1"), mention("b", "Trade", "b2"),
    )  # fmt: skip
    aligned = analysis.align_readouts(stmts, tags, "a", "b")
    expected = frame(
        analysis.ALIGNED_COLUMNS,
        [
            ("Trade", "a", "Ann Vell", "said", "trade too", "a2"),
            ("Trade", "b", "Bo Reyes", "said", "and trade", "b2"),
            ("Arms", "b", "Bo Reyes", "said", "arms first", "b1"),
            ("Ports", "a", "Ann Vell", "said", "ports matter", "a1"),
            (analysis.NO_TOPIC, "a", "Ann Vell", "said", "hello", "a3"),
        ],
    )
    assert_frame_equal(aligned, expected)


def test_align_readouts_empty():
    aligned = analysis.align_readouts(EMPTY.statements, EMPTY.topic_mentions, "a", "b")
    assert_frame_equal(aligned, frame(analysis.ALIGNED_COLUMNS, []))


PAIR_TOPICS = {
    "topic": "string",
    "mentions_a": "int64",
    "mentions_b": "int64",
    "raised_by": "string",
}


def test_compare_pair_topics():
    tags = mentions(
        mention("a", "Trade"), mention("a", "Trade", start=5), mention("b", "Trade"),
        mention("a", "Ports"), mention("b", "Arms"), mention("c", "Fish"),
    )  # fmt: skip
    compared = analysis.compare_pair_topics(tags, "a", "b", label_a="Norland", label_b="Estovia")
    expected = frame(
        PAIR_TOPICS,
        [("Arms", 0, 1, "only Estovia"), ("Ports", 1, 0, "only Norland"), ("Trade", 2, 1, "both")],
    )
    assert_frame_equal(compared, expected)


def test_compare_pair_topics_empty():
    compared = analysis.compare_pair_topics(
        EMPTY.topic_mentions, "a", "b", label_a="A", label_b="B"
    )
    assert_frame_equal(compared, frame(PAIR_TOPICS, []))


GROUPS = {"doc_id": "string", "group": "string"}


def test_group_by_publisher_and_period():
    docs = documents(
        document("a", publisher="P1", published=D(2024, 1, 1)),
        document("b", publisher="P2", published=D(2024, 2, 1)),
        document("c", publisher="P3", published=D(2024, 3, 1)),
    )
    assert_frame_equal(
        analysis.group_by_publisher(docs, "P1", "P2"), frame(GROUPS, [("a", "P1"), ("b", "P2")])
    )
    periods = analysis.group_by_period(
        docs, (D(2024, 1, 1), D(2024, 2, 1)), (D(2024, 2, 1), D(2024, 2, 28))
    )
    expected = frame(
        GROUPS,
        [
            ("a", "2024-01-01 – 2024-02-01"),
            ("b", "2024-01-01 – 2024-02-01"),
            ("b", "2024-02-01 – 2024-02-28"),
        ],
    )
    assert_frame_equal(periods, expected)


SHARES = {"group": "string", "topic": "string", "mentions": "int64", "share": "float64"}


def test_compare_topic_shares():
    tags = mentions(
        mention("a", "Trade"), mention("a", "Trade", start=5), mention("a", "Ports"),
        mention("a", "Arms"), mention("b", "Trade"), mention("c", "Fish"),
    )  # fmt: skip
    groups = frame(GROUPS, [("a", "P1"), ("b", "P2")])
    expected = frame(
        SHARES,
        [
            ("P1", "Trade", 2, 0.5), ("P1", "Arms", 1, 0.25), ("P1", "Ports", 1, 0.25),
            ("P2", "Trade", 1, 1.0), ("P2", "Arms", 0, 0.0), ("P2", "Ports", 0, 0.0),
        ],
    )  # fmt: skip
    assert_frame_equal(analysis.compare_topic_shares(tags, groups), expected)


def test_compare_topic_shares_empty():
    groups = frame(GROUPS, [("a", "P1")])
    assert_frame_equal(
        analysis.compare_topic_shares(EMPTY.topic_mentions, groups), frame(SHARES, [])
    )


DISTINCTIVE = {
    "phrase": "string",
    "distinctive_of": "string",
    "count_a": "int64",
    "count_b": "int64",
    "score": "float64",
}


def test_distinctive_phrases_sides_and_order():
    stmts = statements(
        statement("s1", "a", "Ann Vell", content="lawful patrols. lawful patrols. dialogue"),
        statement("s2", "a", "Ann Vell", content="lawful patrols and dialogue"),
        statement("s3", "b", "Bo Reyes", content="unsafe intercepts, unsafe intercepts, dialogue"),
        statement("s4", "b", "Bo Reyes", content="dialogue"),
    )
    groups = frame(GROUPS, [("a", "Norland"), ("b", "Estovia")])
    found = analysis.distinctive_phrases(stmts, groups, sizes=(2,), min_count=2)
    assert list(zip(found["phrase"], found["distinctive_of"], strict=True)) == [
        ("unsafe intercepts", "Estovia"),  # "Estovia" sorts first: group A
        ("lawful patrols", "Norland"),
    ]
    assert found["count_a"].tolist() == [2, 0]
    assert found["count_b"].tolist() == [0, 3]
    assert found["score"].iloc[0] > 0 > found["score"].iloc[1]


def test_distinctive_phrases_more_frequent_scores_further():
    stmts = statements(
        statement("s1", "a", "A", content="border talks. border talks. border talks. river"),
        statement("s2", "b", "B", content="fish. fish. fish. fish. river"),
    )
    groups = frame(GROUPS, [("a", "A"), ("b", "B")])
    found = analysis.distinctive_phrases(stmts, groups, sizes=(1,), min_count=1)
    score = dict(zip(found["phrase"], found["score"], strict=True))
    assert score["border"] > 0 > score["fish"]
    assert abs(score["river"]) < 1 < score["border"]  # as common in both: near 0
    assert abs(score["fish"]) > score["border"]  # said four times against three


@pytest.mark.parametrize(
    "groups",
    [
        [("a", "Only one")],
        [],
        [("a", "A"), ("b", "B"), ("c", "C")],
    ],
)
def test_distinctive_phrases_needs_two_groups(groups):
    stmts = statements(statement("s1", "a", "A", content="border talks border talks"))
    found = analysis.distinctive_phrases(stmts, frame(GROUPS, groups), min_count=1)
    assert_frame_equal(found, frame(DISTINCTIVE, []))


def test_distinctive_phrases_no_text():
    groups = frame(GROUPS, [("a", "A"), ("b", "B")])
    found = analysis.distinctive_phrases(EMPTY.statements, groups)
    assert_frame_equal(found, frame(DISTINCTIVE, []))


def test_rank_speakers_top():
    stmts = statements(
        statement("s1", "a", "Bo Reyes"), statement("s2", "a", "Bo Reyes"),
        statement("s3", "a", "Ann Vell"),
    )  # fmt: skip
    assert analysis.rank_speakers(stmts, top=1)["speaker"].tolist() == ["Bo Reyes"]


@pytest.mark.parametrize(
    ("topic", "phrase", "expected"),
    [
        ("Ports", "", [(19, 24)]),  # the topic's mentions
        ("Ports", "trade", [(9, 14)]),  # a typed phrase wins over the topic
        (None, "  ", []),
        ("Absent", "", []),
    ],
)
def test_context_spans(topic, phrase, expected):
    docs = documents(document("a", text="Talks on trade and ports."))
    tags = mentions(mention("a", "Trade", start=9), mention("a", "Ports", start=19))
    spans = analysis.context_spans(tags, docs, topic=topic, phrase=phrase)
    assert list(zip(spans["start"], spans["end"], strict=True)) == expected


def test_group_by_period_while_a_range_is_being_picked():
    docs = documents(document("a", published=D(2024, 1, 1)), document("b"))
    groups = analysis.group_by_period(docs, (D(2024, 1, 1),), ())
    assert_frame_equal(groups, frame(GROUPS, [("a", "2024-01-01 – 2024-01-01")]))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            [D(2024, 1, 1), D(2024, 1, 11)],
            ((D(2024, 1, 1), D(2024, 1, 6)), (D(2024, 1, 7), D(2024, 1, 11))),
        ),
        ([D(2024, 1, 1)], ((D(2024, 1, 1), D(2024, 1, 1)), (D(2024, 1, 1), D(2024, 1, 1)))),
        ([None], ()),
    ],
)
def test_split_date_span(dates, expected):
    docs = documents(*(document(f"d{i}", published=day) for i, day in enumerate(dates)))
    assert analysis.split_date_span(docs) == expected


def test_publisher_names_most_documents_first():
    docs = documents(
        document("a", publisher="Zeta"), document("b", publisher="Zeta"),
        document("c", publisher="Alpha"), document("d", publisher="Beta"),
        document("e", publisher=None),
    )  # fmt: skip
    assert analysis.publisher_names(docs) == ["Zeta", "Alpha", "Beta"]
    assert analysis.publisher_names(EMPTY.documents) == []


@pytest.mark.parametrize(
    ("doc_id", "expected"), [("a", "Talks"), ("b", "Untitled"), ("missing", "Untitled")]
)
def test_document_title(doc_id, expected):
    docs = documents(document("a", title="Talks"), document("b", title=None))
    assert analysis.document_title(docs, doc_id) == expected


def test_pair_labels_are_unique_and_pair_choices_key_by_them():
    docs = documents(
        document("n1", publisher_country="Norland", participants=["Ann Vell"]),
        document("e1", publisher_country="Estovia", publisher="E", participants=["Ann Vell"]),
        document("n2", publisher_country="Norland", publisher="N", participants=["Ann Vell"]),
    )
    pairs = analysis.pair_readouts(docs, EMPTY.statements)
    assert pairs["label"].tolist() == [
        "2024-01-10: Ann Vell (Estovia / Norland)",
        "2024-01-10: Ann Vell (Estovia / Norland) #2",
    ]
    choices = analysis.pair_choices(pairs)
    assert [choice["doc_b"] for choice in choices.values()] == ["n1", "n2"]
    assert analysis.pair_choices(analysis.pair_readouts(EMPTY.documents, EMPTY.statements)) == {}


# ---------------------------------------------------------------- fingerprint


def test_corpus_fingerprint_follows_the_content():
    stmts = statements(statement("s1", "a", "Bo Reyes"), statement("s2", "a", "Ann Vell"))
    docs = documents(document("a", topics=["Sanctions"]))
    same = analysis.corpus_fingerprint([docs.copy(), stmts.copy()])
    assert analysis.corpus_fingerprint([docs, stmts]) == same
    renamed = stmts.assign(speaker=["Bo Reyes", "Cy Oduya"])
    retopiced = docs.assign(topics=[["Hotline"]])
    assert analysis.corpus_fingerprint([docs, renamed]) != same
    assert analysis.corpus_fingerprint([retopiced, stmts]) != same
    assert analysis.corpus_fingerprint([docs, stmts.iloc[::-1]]) != same  # row order counts
    assert analysis.corpus_fingerprint([docs, stmts.iloc[:0]]) != same
