"""The example corpus (data/examples/): complete, indexed, fictional, and it fills every page."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from core import ingest, lexicon
from core.corpus import build_corpus
from core.schema import DOCUMENT_KINDS
from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
NOT_RELEASES = {"README.md", "index.csv", "gold.jsonl"}
INDEX_COLUMNS = ["file", "title", "publisher", "side", "published", "event_date", "pair_id", "kind"]
# Real places the invented geography must not be mistaken for.
REAL_GEOGRAPHY_TOPICS = {
    "Taiwan",
    "South China Sea",
    "East China Sea and Senkaku",
    "Korean Peninsula",
    "Russia and Ukraine",
    "Middle East",
}


def release_paths() -> list[Path]:
    return sorted(
        path for path in EXAMPLES.iterdir() if path.is_file() and path.name not in NOT_RELEASES
    )


def index_rows() -> list[dict[str, str]]:
    with (EXAMPLES / "index.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def example_corpus(blank_nlp, taxonomy):
    files = [(path.name, path.read_bytes()) for path in release_paths()]
    return build_corpus(files, blank_nlp, taxonomy=taxonomy)


def test_there_are_at_least_thirty_releases_in_several_formats():
    paths = release_paths()
    assert len(paths) >= 30
    assert {path.suffix for path in paths} >= {".txt", ".md", ".html"}


@pytest.mark.parametrize("path", release_paths(), ids=lambda path: path.name)
def test_every_release_reads_as_one_document(path):
    raws = ingest.read_upload(path.name, path.read_bytes())
    assert len(raws) == 1
    assert not raws[0].warnings
    assert 150 <= len(raws[0].text.split()) <= 650


def test_index_lists_every_release_and_nothing_else():
    rows = index_rows()
    listed = [row["file"] for row in rows]
    assert len(listed) == len(set(listed))
    assert set(listed) == {path.name for path in release_paths()}


def test_index_has_its_columns_and_known_kinds():
    with (EXAMPLES / "index.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == INDEX_COLUMNS
    for row in index_rows():
        assert row["kind"] in DOCUMENT_KINDS, row["file"]
        assert all(row[column] for column in ("title", "publisher", "side")), row["file"]


def test_index_dates_are_valid_and_span_more_than_a_year():
    rows = index_rows()
    published = [dt.date.fromisoformat(row["published"]) for row in rows]
    events = [dt.date.fromisoformat(row["event_date"]) for row in rows]
    assert all(event <= day for event, day in zip(events, published, strict=True))
    assert max(published) - min(published) > dt.timedelta(days=366)


def test_at_least_eight_pairs_each_of_two_releases_from_two_sides():
    rows = index_rows()
    sizes = Counter(row["pair_id"] for row in rows if row["pair_id"])
    assert len(sizes) >= 8
    assert set(sizes.values()) == {2}
    for pair_id in sizes:
        members = [row for row in rows if row["pair_id"] == pair_id]
        assert members[0]["side"] != members[1]["side"], pair_id
        # a two-day meeting may be dated by its first day on one side and its last on the other
        first, second = (dt.date.fromisoformat(row["event_date"]) for row in members)
        assert abs(first - second) <= dt.timedelta(days=1), pair_id


def test_no_real_country_is_named():
    shipped = lexicon._read_mapping(lexicon.DATA_DIR / "countries.yml")["countries"]
    real = {
        word
        for country in shipped
        for word in (
            country["name"],
            *(country.get("aliases") or ()),
            *(country.get("demonyms") or ()),
            country.get("capital"),
        )
        if word
    }
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(real))) + r")(?!\w)")
    for path in release_paths():
        assert not pattern.findall(path.read_text(encoding="utf-8")), path.name


def test_the_whole_corpus_parses_without_problems(example_corpus):
    assert example_corpus.problems == []
    assert len(example_corpus.documents) == len(release_paths())


def test_published_dates_are_read_from_the_texts(example_corpus):
    expected = {row["file"]: dt.date.fromisoformat(row["published"]) for row in index_rows()}
    documents = example_corpus.documents
    read = dict(zip(documents["filename"], documents["published"], strict=True))
    assert read == expected


def test_documents_cover_many_topics_and_no_real_geography(example_corpus):
    tagged = Counter(topic for topics in example_corpus.documents["topics"] for topic in topics)
    assert len(tagged) >= 12
    assert not REAL_GEOGRAPHY_TOPICS & set(tagged)


def test_most_documents_have_statements_from_both_sides(example_corpus):
    statements = example_corpus.statements
    with_statements = set(statements["doc_id"])
    share = len(with_statements) / len(example_corpus.documents)
    assert share >= 0.8, f"only {share:.0%} of the example releases have a statement"
    assert statements["side"].dropna().nunique() >= 2
