"""The one Filter: what it keeps in each table, and its URL round trip."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.filtering import (
    Filter,
    FilterChoices,
    apply_filter,
    date_span,
    filter_choices,
    filter_from_query,
    filter_to_query,
    rank_by_count,
)
from core.schema import MODES, TABLES, Corpus, validate_frame
from tests.app.conftest import build_small_corpus
from tests.unit.test_analysis import (
    document,
    documents,
    mention,
    mentions,
    statement,
    statements,
)

D = dt.date


@pytest.fixture(scope="module")
def corpus():
    return build_small_corpus()


def test_empty_filter_keeps_everything(corpus):
    shown = apply_filter(corpus, Filter())
    for table in TABLES:
        assert len(shown.table(table)) == len(corpus.table(table))


@pytest.mark.parametrize(
    ("flt", "speakers", "n_documents"),
    [
        (Filter(speakers=("Ilse Brandt",)), {"Ilse Brandt"}, 2),
        (Filter(speakers=("Ilse Brandt", "Jon Reyes")), {"Ilse Brandt", "Jon Reyes"}, 4),
        (Filter(sides=("Norland",)), {"Tomas Vell", "Jon Reyes"}, 4),
        (Filter(modes=("joint",)), {"both sides"}, 2),
        (
            Filter(modes=("direct", "mixed")),
            {"Sara Oduya", "Ilse Brandt", "Tomas Vell", "Jon Reyes"},
            5,
        ),
        (Filter(speakers=("Nobody",)), set(), 0),
    ],
)
def test_statement_filters_narrow_statements_and_documents(corpus, flt, speakers, n_documents):
    shown = apply_filter(corpus, flt)
    assert set(shown.statements["speaker"]) == speakers
    assert len(shown.documents) == n_documents
    # every kept statement's document is kept, and every kept document has a kept statement
    assert set(shown.statements["doc_id"]) == set(shown.documents["doc_id"])
    assert set(shown.actors["name"]) == speakers


def test_statement_filter_combines_with_and(corpus):
    shown = apply_filter(corpus, Filter(speakers=("Sara Oduya",), modes=("direct",)))
    assert list(shown.statements["content"]) == ["We will not accept unsafe intercepts"]


@pytest.mark.parametrize(
    ("flt", "titles"),
    [
        (
            Filter(date_from=dt.date(2024, 1, 1)),
            {
                "General Vell and Minister Oduya hold talks",
                "Spokesperson Brandt answers questions on the hotline",
            },
        ),
        (
            # the event date (11 Jan) counts, not the published date (12/13 Jan)
            Filter(date_from=dt.date(2023, 1, 11), date_to=dt.date(2023, 1, 11)),
            {
                "General Vell holds video call with Minister Oduya",
                "Minister Oduya speaks with General Vell",
            },
        ),
        (
            # no event date: the published date counts
            Filter(date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 6, 30)),
            {"Spokesperson Brandt on the Gulf of Serin"},
        ),
        (Filter(date_to=dt.date(2022, 12, 31)), set()),
        (
            Filter(publishers=("Norland News Agency",)),
            {"Admiral Reyes meets Estovian delegation", "Undated note on naval exercises"},
        ),
        (
            Filter(topics=("Sanctions",)),
            {
                "Spokesperson Brandt on the Gulf of Serin",
                "General Vell and Minister Oduya hold talks",
            },
        ),
        (
            Filter(text="HOTLINE"),
            {
                "Minister Oduya speaks with General Vell",
                "Spokesperson Brandt answers questions on the hotline",
            },
        ),
        (Filter(text="no such words anywhere"), set()),
    ],
)
def test_document_filters(corpus, flt, titles):
    shown = apply_filter(corpus, flt)
    assert set(shown.documents["title"]) == titles
    kept = set(shown.documents["doc_id"])
    for table in ("statements", "entities", "topic_mentions"):
        assert set(shown.table(table)["doc_id"]) <= kept


def test_undated_documents_drop_out_of_a_date_range(corpus):
    shown = apply_filter(corpus, Filter(date_from=dt.date(2000, 1, 1)))
    assert "Undated note on naval exercises" not in set(shown.documents["title"])
    assert len(shown.documents) == len(corpus.documents) - 1


def test_topic_filter_keeps_statements_about_the_topic_and_its_mentions(corpus):
    shown = apply_filter(corpus, Filter(topics=("Sanctions",)))
    assert set(shown.topic_mentions["topic"]) == {"Sanctions"}
    assert all("sanction" in content.lower() for content in shown.statements["content"])
    assert len(shown.statements) == 3


def test_text_filter_matches_statement_content(corpus):
    shown = apply_filter(corpus, Filter(text="patrols"))
    assert set(shown.statements["speaker"]) == {"Jon Reyes", "Sara Oduya"}


def test_filtered_frames_are_valid_tables(corpus):
    shown = apply_filter(corpus, Filter(speakers=("Tomas Vell",), topics=("Military dialogue",)))
    for table in TABLES:
        validate_frame(table, shown.table(table))
        assert list(shown.table(table).index) == list(range(len(shown.table(table))))


def test_filter_does_not_touch_the_input(corpus):
    before = {table: len(corpus.table(table)) for table in TABLES}
    apply_filter(corpus, Filter(speakers=("Ilse Brandt",), text="x"))
    assert before == {table: len(corpus.table(table)) for table in TABLES}


FULL = Filter(
    date_from=dt.date(2023, 1, 1),
    date_to=dt.date(2024, 6, 30),
    publishers=("Norland News Agency", "Estovia Foreign Ministry, Press Office"),
    sides=("Norland",),
    speakers=("Sara Oduya", "both sides"),
    topics=("Sanctions",),
    modes=("direct", "joint"),
    text="hot line",
)


@pytest.mark.parametrize("flt", [Filter(), FULL, Filter(text="a"), Filter(modes=("mixed",))])
def test_query_round_trip(flt):
    assert filter_from_query(filter_to_query(flt)) == flt


def test_query_is_short_and_only_holds_set_fields():
    assert filter_to_query(Filter()) == {}
    assert filter_to_query(Filter(speakers=("A", "B"), date_from=dt.date(2024, 2, 3))) == {
        "from": "2024-02-03",
        "speaker": "A|B",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Filter()),
        ({"doc": "abc", "unrelated": "x"}, Filter()),
        ({"from": "2024-13-40", "to": "yesterday"}, Filter()),
        ({"mode": "direct|shouted|joint"}, Filter(modes=("direct", "joint"))),
        ({"speaker": "|A||A| B |"}, Filter(speakers=("A", "B"))),
        ({"speaker": ["A", "B|C"]}, Filter(speakers=("B", "C"))),
        ({"q": "  phrase  "}, Filter(text="phrase")),
    ],
)
def test_query_parsing_is_forgiving(params, expected):
    assert filter_from_query(params) == expected


# ---------------------------------------------------------------- the filter's choices


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Bo Reyes", "Ann Vell", "Bo Reyes", "Cy Oduya", "Ann Vell", "Bo Reyes"],
         ("Bo Reyes", "Ann Vell", "Cy Oduya")),  # most statements first
        (["Zed Kalo", "Ann Vell", "Mia Tor", "Ann Vell"], ("Ann Vell", "Mia Tor", "Zed Kalo")),
        (["Ann Vell", None, "", "   ", pd.NA, "Ann Vell"], ("Ann Vell",)),  # blanks are no choice
        ([None, "  "], ()),
        ([], ()),
    ],
)  # fmt: skip
def test_rank_by_count(values, expected):
    assert rank_by_count(pd.Series(values, dtype="string")) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([document("a", published=D(2024, 3, 1)), document("b", published=D(2023, 7, 9))],
         (D(2023, 7, 9), D(2024, 3, 1))),
        ([document("a", published=D(2024, 3, 1), event_date=D(2024, 2, 28)),
          document("b", published=None)],
         (D(2024, 2, 28), D(2024, 2, 28))),  # the event date wins; undated ones are left out
        ([document("a", published=None)], None),
        ([], None),
    ],
)  # fmt: skip
def test_date_span(rows, expected):
    assert date_span(documents(*rows)) == expected


def test_filter_choices_rank_speakers_and_sort_the_rest():
    corpus = Corpus(
        documents=documents(
            document("a", publisher="Norland Agency", topics=["Trade"]),
            document("b", publisher="Estovia Ministry", published=D(2023, 5, 2)),
            document("c", publisher=None, published=None),
        ),
        statements=statements(
            statement("s1", "a", "Zed Kalo", side="Norland"),
            statement("s2", "b", "Ann Vell", side="Estovia"),
            statement("s3", "b", "Zed Kalo", side=None),
            statement("s4", "c", None, side="Norland"),
            statement("s5", "c", "Mia Tor", side="Estovia"),
        ),
        topic_mentions=mentions(mention("b", "Sanctions"), mention("a", "Trade")),
    )
    assert filter_choices(corpus) == FilterChoices(
        span=(D(2023, 5, 2), D(2024, 1, 10)),
        publishers=("Estovia Ministry", "Norland Agency"),
        sides=("Estovia", "Norland"),
        speakers=("Zed Kalo", "Ann Vell", "Mia Tor"),
        topics=("Sanctions", "Trade"),
        modes=MODES,
    )


def test_filter_choices_of_an_empty_corpus():
    assert filter_choices(Corpus()) == FilterChoices(None, (), (), (), (), MODES)


def test_filter_choices_ignore_the_filter_in_force(corpus):
    """Choices come from the whole corpus: narrowing the view must not hide other speakers."""
    choices = filter_choices(corpus)
    assert set(choices.speakers) == set(corpus.statements["speaker"].dropna())
    counts = corpus.statements["speaker"].value_counts()
    assert [counts[name] for name in choices.speakers] == sorted(counts, reverse=True)
