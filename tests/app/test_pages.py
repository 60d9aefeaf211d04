"""AppTest of the analysis pages: Timeline, Who said what, Topics, Compare."""

from __future__ import annotations

import base64
import dataclasses
import json
import time

import numpy as np
import pytest

from components import data, state
from components.layout import md_escape
from core.filtering import Filter
from tests.app.conftest import seeded_app

TIMELINE = "pages/1_Timeline.py"
WHO = "pages/2_Who_said_what.py"
TOPICS = "pages/3_Topics.py"
COMPARE = "pages/4_Compare.py"
PAGES = [TIMELINE, WHO, TOPICS, COMPARE]


def figures(at) -> list[dict]:
    """The plotly figures the page drew (their JSON spec)."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array) -> list:
    """A trace array from a figure spec (plotly sends numbers as base64 typed arrays)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


# a column only each table has (AppTest gives st.dataframe elements no key to find them by)
TABLE_MARKS = {
    "wsw_table": "document",
    "topics_table": "mentions_per_document",
    "topics_kwic": "match",
    "compare_statements_a": "topic",
}


def table(at, key: str, index: int = 0):
    """The frame behind the ``index``-th table drawn by ``render_table(..., key=key)``."""
    frames = [frame.value for frame in at.dataframe if TABLE_MARKS[key] in frame.value.columns]
    return frames[index]


def run(path: str, corpus=None, flt: Filter | None = None):
    at = seeded_app(path, corpus)
    if flt is not None:
        at.session_state[state.FILTER] = flt
    return at.run()


@pytest.mark.parametrize("path", PAGES)
def test_page_without_a_corpus_points_home(path):
    at = run(path)
    assert not at.exception
    assert "No releases are loaded yet" in at.info[0].value
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("path", PAGES)
def test_page_with_the_small_corpus(path, small_corpus):
    started = time.perf_counter()
    at = run(path, small_corpus)
    elapsed = time.perf_counter() - started
    assert not at.exception, at.exception
    specs = figures(at)
    assert any(spec["data"] for spec in specs), "no chart has data"
    for spec in specs:
        assert spec["data"] or spec["layout"]["annotations"], "a blank chart says nothing"
    print(f"{path}: {elapsed:.2f} s")  # shown with -s: the render time the report quotes


def test_timeline_lanes_follow_the_choice(small_corpus):
    at = run(TIMELINE, small_corpus)
    lanes = {lane for trace in figures(at)[0]["data"] for lane in trace["y"]}
    assert lanes == {
        "Estovia Foreign Ministry",
        "Norland Ministry of Defence",
        "Norland News Agency",
    }
    at.radio(key="timeline_lane").set_value("speaker").run()
    lanes = {lane for trace in figures(at)[0]["data"] for lane in trace["y"]}
    assert lanes == {"Tomas Vell", "Sara Oduya", "Ilse Brandt", "Jon Reyes", "both sides"}
    assert not at.exception


def test_timeline_points_carry_their_document(small_corpus):
    at = run(TIMELINE, small_corpus)
    doc_ids = {row[0] for trace in figures(at)[0]["data"] for row in trace["customdata"]}
    dated = small_corpus.documents.dropna(subset=["published"])["doc_id"]
    assert doc_ids == set(dated)
    assert "Click a point" in " ".join(caption.value for caption in at.caption)


def test_timeline_selected_point_links_to_the_reader(small_corpus):
    doc_id = small_corpus.documents["doc_id"].iloc[1]
    at = run(TIMELINE, small_corpus)
    # what st.plotly_chart(on_select="rerun") stores when the analyst clicks a point
    at.session_state["timeline_points_chart"] = {
        "selection": {"points": [{"customdata": [doc_id]}], "point_indices": [0]}
    }
    at.run()
    assert not at.exception
    link = next(link.proto for link in at.get("page_link") if "in the reader" in link.proto.label)
    assert link.label == "Open “Minister Oduya speaks with General Vell” in the reader"
    assert link.page == "Documents"
    assert link.query_string == f"doc={doc_id}"


def test_timeline_filter_narrows_the_points(small_corpus):
    at = run(TIMELINE, small_corpus, Filter(publishers=("Norland News Agency",)))
    lanes = {lane for trace in figures(at)[0]["data"] for lane in trace["y"]}
    assert lanes == {"Norland News Agency"}


def test_who_said_what_filter_narrows_the_table(small_corpus):
    at = run(WHO, small_corpus)
    assert len(table(at, "wsw_table")) == len(small_corpus.statements)
    at = run(WHO, small_corpus, Filter(speakers=("Ilse Brandt",)))
    assert not at.exception
    assert set(table(at, "wsw_table")["speaker"]) == {"Ilse Brandt"}
    assert len(table(at, "wsw_table")) == 3


def test_who_said_what_search_narrows_the_table(small_corpus):
    at = run(WHO, small_corpus)
    at.text_input(key="wsw_search").input("hotline").run()
    contents = list(table(at, "wsw_table")["content"])
    assert contents
    assert all("hotline" in content for content in contents)
    assert set(table(at, "wsw_table").columns) >= {
        "speaker", "title", "side", "cue", "mode", "content", "date", "document",
    }  # fmt: skip


def test_who_said_what_one_speaker(small_corpus):
    at = run(WHO, small_corpus)
    at.selectbox(key="wsw_speaker").set_value("Ilse Brandt").run()
    assert not at.exception
    over_time, phrases = figures(at)[-2:]
    assert [trace["name"] for trace in over_time["data"]] == ["Ilse Brandt"]
    assert sum(sum(values(trace["y"])) for trace in over_time["data"]) == 3
    # her three statements repeat no phrase: the chart says so instead of drawing nothing
    assert phrases["layout"]["annotations"][0]["text"] == "No phrase occurs more than once."


def test_topics_filter_narrows_the_table(small_corpus):
    at = run(TOPICS, small_corpus)
    assert set(table(at, "topics_table")["topic"]) == {
        "Gulf of Serin", "Maritime safety", "Military dialogue", "Sanctions",
    }  # fmt: skip
    at = run(TOPICS, small_corpus, Filter(topics=("Sanctions",)))
    assert set(table(at, "topics_table")["topic"]) == {"Sanctions"}


def test_topics_keyword_in_context(small_corpus):
    at = run(TOPICS, small_corpus)
    at.selectbox(key="topics_kwic_topic").set_value("Sanctions").run()
    assert set(table(at, "topics_kwic")["match"]) == {"sanctions"}
    at.text_input(key="topics_kwic_phrase").input("routine").run()
    lines = table(at, "topics_kwic")
    assert list(lines["match"].str.lower()) == ["routine", "routine"]  # in two documents


def test_taxonomy_editor_retags_and_persists(small_corpus):
    at = run(TOPICS, small_corpus)
    assert "Naval exercises" not in set(table(at, "topics_table")["topic"])
    at.text_input(key="topics_taxonomy_new_name").input("Naval exercises")
    at.text_area(key="topics_taxonomy_new_phrases").input("naval exercises, exercises")
    at.button(key="topics_taxonomy_add_topic_submit").click().run()
    assert not at.exception, at.exception
    assert "Naval exercises" in set(table(at, "topics_table")["topic"])
    assert any("Added the topic" in message.value for message in at.success)
    workspace = data.get_workspace(state.DEFAULT_WORKSPACE)
    assert "Naval exercises" in (workspace.taxonomy_yaml() or "")


def test_taxonomy_editor_says_what_is_wrong(small_corpus):
    at = run(TOPICS, small_corpus)
    at.text_input(key="topics_taxonomy_new_name").input("Empty topic")
    at.button(key="topics_taxonomy_add_topic_submit").click().run()
    assert not at.exception
    assert "at least one phrase" in at.error[0].value


def test_compare_pairs_the_two_readouts(small_corpus):
    at = run(COMPARE, small_corpus)
    assert not at.exception
    options = at.selectbox(key="compare_pair").options
    assert options == ["2023-01-11: Sara Oduya (Estovia / Norland)"]
    readout = table(at, "compare_statements_a")
    assert set(readout["speaker"]) == {"Sara Oduya", "both sides"}
    lines = " ".join(markdown.value for markdown in at.markdown)
    # the hotline only the Estovian readout reports; escaped for markdown
    assert "**both sides** agreed: to keep the hotline open" in lines
    assert "Not reported in this readout." in [caption.value for caption in at.caption]
    topics = figures(at)[0]["data"]
    assert [trace["name"] for trace in topics] == ["Estovia", "Norland"]


def publisher_less_readouts(corpus, *, same_title: bool):
    """``corpus`` with its paired readouts (the first two documents) stripped of publisher
    and country, and naming both officials, so they still pair."""
    documents = corpus.documents.copy()
    first_two = documents.index[:2]
    documents.loc[first_two, ["publisher", "publisher_country"]] = None
    documents["participants"] = [
        ["Sara Oduya", "Tomas Vell"] if index in first_two else names
        for index, names in zip(documents.index, documents["participants"], strict=True)
    ]
    if same_title:
        documents.loc[first_two, "title"] = "Readout of the call"
    return dataclasses.replace(corpus, documents=documents)


@pytest.mark.parametrize(
    ("same_title", "names"),
    [
        (False, ("General Vell holds video call with…", "Minister Oduya speaks with General Vell")),
        (True, ("release_00.txt", "release_01.txt")),
    ],
)
def test_compare_tells_publisher_less_readouts_apart(small_corpus, same_title, names):
    at = run(COMPARE, publisher_less_readouts(small_corpus, same_title=same_title))
    assert not at.exception
    options = at.selectbox(key="compare_pair").options
    assert len(options) == 1
    assert "Unknown source" not in options[0]
    assert options[0].endswith(f"({names[0]} / {names[1]})")
    headings = [subheader.value for subheader in at.subheader]
    assert [md_escape(name) in headings for name in names] == [True, True]
    assert "First readout" not in headings
    legend = [trace["name"] for trace in figures(at)[0]["data"]]  # the chart may shorten them
    assert len(set(legend)) == 2
    assert all(any(name.startswith(entry.rstrip("…")) for name in names) for entry in legend)


def test_compare_filter_can_leave_no_pair(small_corpus):
    at = run(COMPARE, small_corpus, Filter(publishers=("Estovia Foreign Ministry",)))
    assert not at.exception
    assert any("No two readouts" in info.value for info in at.info)


def test_compare_publishers_and_periods(small_corpus):
    at = run(COMPARE, small_corpus)
    shares = next(spec for spec in figures(at) if "Share" in spec["layout"]["title"]["text"])
    assert {trace["name"] for trace in shares["data"]} == {
        "Estovia Foreign Ministry", "Norland Ministry of Defence",
    }  # fmt: skip
    at.radio(key="compare_group_mode").set_value("periods").run()
    assert not at.exception
    shares = next(spec for spec in figures(at) if "Share" in spec["layout"]["title"]["text"])
    assert len(shares["data"]) == 2
