"""components.charts: what each figure draws, its empty state, its template, its colours."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components import charts

PLACEHOLDER = "#000001"  # what Streamlit's template puts in colorway: exports come out black


@pytest.fixture
def placeholder_default_template():
    """Make plotly's default template carry placeholder colours, as importing streamlit does."""
    pio.templates["placeholder"] = go.layout.Template(
        layout={"colorway": [PLACEHOLDER] * 10, "colorscale": {"sequential": [[0, PLACEHOLDER]]}}
    )
    previous = pio.templates.default
    pio.templates.default = "placeholder"
    yield
    pio.templates.default = previous


def ts(day: str) -> pd.Timestamp:
    return pd.Timestamp(day)


POINTS = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d2"],
        "lane": ["Norland", "Norland", "Estovia"],
        "date": [ts("2024-01-09"), ts("2024-01-10"), ts("2024-02-01")],
        "point": ["event", "release", "release"],
        "title": ["Talks <b>held</b>", "Talks <b>held</b>", "Call"],
        "publisher": ["Norland Agency", "Norland Agency", "Estovia Ministry"],
        "first_line": ["<script>alert(1)</script> opening line", "same", "The call."],
    }
).astype({"date": "datetime64[us]"})
VOLUME = pd.DataFrame(
    {
        "period": [ts("2024-01-01"), ts("2024-01-01"), ts("2024-02-01")],
        "publisher": ["A", "B", "A"],
        "documents": [2, 1, 4],
    }
)
OVER_TIME = pd.DataFrame(
    {
        "period": [ts("2024-01-01"), ts("2024-02-01")],
        "group": ["Trade", "Trade"],
        "statements": [1, 3],
    }
)
RANKED = pd.DataFrame(
    {
        "speaker": ["Ann Vell", "Bo Reyes", "Cy Oduya"],
        "side": ["Norland", "Estovia", None],
        "statements": [5, 3, 1],
        "documents": [2, 2, 1],
    }
)
SPEAKER_TOPICS = pd.DataFrame(
    {"speaker": ["Ann Vell", "Ann Vell", "Bo Reyes"], "topic": ["Trade", "Ports", "Trade"],
     "statements": [2, 1, 4]}
)  # fmt: skip
PHRASES = pd.DataFrame(
    {"phrase": ["military hotline", "lawful patrols"], "words": [2, 2], "count": [4, 2]}
)
TOPICS = pd.DataFrame(
    {
        "topic": ["Trade", "Ports"],
        "mentions": [3, 5],
        "documents": [3, 1],
        "mentions_per_document": [0.75, 1.25],
        "share_of_documents": [0.75, 0.25],
    }
)
TOPICS_OVER_TIME = pd.DataFrame(
    {"period": [ts("2024-01-01"), ts("2024-01-01")], "topic": ["Trade", "Ports"],
     "documents": [2, 1], "mentions": [3, 1]}
)  # fmt: skip
BY_GROUP = pd.DataFrame(
    {"group": ["Norland", "Estovia"], "topic": ["Trade", "Trade"], "mentions": [2, 1]}
)
PAIRS = pd.DataFrame({"topic_a": ["Ports"], "topic_b": ["Trade"], "documents": [2]})
PAIR_TOPICS = pd.DataFrame(
    {"topic": ["Arms", "Trade"], "mentions_a": [0, 2], "mentions_b": [1, 1],
     "raised_by": ["only Estovia", "both"]}
)  # fmt: skip
SHARES = pd.DataFrame(
    {"group": ["P1", "P1", "P2", "P2"], "topic": ["Trade", "Ports", "Trade", "Ports"],
     "mentions": [3, 1, 0, 2], "share": [0.75, 0.25, 0.0, 1.0]}
)  # fmt: skip
DISTINCTIVE = pd.DataFrame(
    {"phrase": ["unsafe intercepts", "lawful patrols"], "distinctive_of": ["Estovia", "Norland"],
     "count_a": [2, 0], "count_b": [0, 3], "score": [1.2, -1.5]}
)  # fmt: skip

# builder, its frame, keyword arguments
BUILDERS = [
    (charts.timeline_figure, POINTS, {"lane_label": "Side"}),
    (charts.volume_figure, VOLUME, {"freq": "month"}),
    (charts.statements_over_time_figure, OVER_TIME, {"by": "topic", "freq": "week"}),
    (charts.speakers_figure, RANKED, {}),
    (charts.speaker_topic_figure, SPEAKER_TOPICS, {}),
    (charts.phrases_figure, PHRASES, {"title": "Recurring phrases"}),
    (charts.topic_frequency_figure, TOPICS, {"measure": "mentions_per_document"}),
    (charts.topics_over_time_figure, TOPICS_OVER_TIME, {"freq": "month"}),
    (charts.topics_by_group_figure, BY_GROUP, {"by": "side"}),
    (charts.topic_pairs_figure, PAIRS, {}),
    (charts.pair_topics_figure, PAIR_TOPICS, {"label_a": "Norland", "label_b": "Estovia"}),
    (charts.topic_shares_figure, SHARES, {}),
    (charts.distinctive_phrases_figure, DISTINCTIVE, {}),
]
IDS = [builder.__name__ for builder, _, _ in BUILDERS]


@pytest.mark.parametrize(("builder", "data", "kwargs"), BUILDERS, ids=IDS)
def test_every_builder_draws_with_a_title_and_honours_the_template(builder, data, kwargs):
    fig = builder(data, template="plotly_white", **kwargs)
    assert fig.data, "no traces"
    assert fig.layout.title.text
    assert fig.layout.template == pio.templates["plotly_white"]
    assert not fig.layout.annotations


@pytest.mark.parametrize(("builder", "data", "kwargs"), BUILDERS, ids=IDS)
def test_every_builder_has_an_empty_state_message(builder, data, kwargs):
    fig = builder(data.iloc[0:0], template="plotly_white", **kwargs)
    assert not fig.data
    assert fig.layout.annotations[0].text.startswith(("No ", "Neither", "Too little"))
    assert fig.layout.template == pio.templates["plotly_white"]


@pytest.mark.parametrize(("builder", "data", "kwargs"), BUILDERS, ids=IDS)
def test_trace_colours_never_come_from_the_default_template(
    builder, data, kwargs, placeholder_default_template
):
    fig = builder(data, **kwargs)
    for trace in fig.data:
        if isinstance(trace, go.Heatmap):
            assert trace.colorscale, "heatmap without an explicit colour scale"
            assert PLACEHOLDER not in str(trace.colorscale)
        else:
            assert trace.marker.color in charts.PALETTE


def test_timeline_points_carry_doc_id_and_escaped_hover():
    fig = charts.timeline_figure(POINTS, lane_label="Side")
    customdata = [row for trace in fig.data for row in trace.customdata]
    assert {row[0] for row in customdata} == {"d1", "d2"}
    hover = " ".join(str(value) for row in customdata for value in row)
    assert "<script>" not in hover
    assert "&lt;script&gt;" in hover
    assert "<b>held</b>" not in hover
    assert "Talks &lt;b&gt;held&lt;/b&gt;" in hover
    symbols = {trace.name: trace.marker.symbol for trace in fig.data}
    assert symbols == {"Event reported": "diamond", "Release published": "circle"}
    assert fig.layout.yaxis.title.text == "Side"
    assert list(fig.layout.yaxis.categoryarray) == ["Norland", "Estovia"]  # px: first on top


def test_timeline_cuts_long_lane_labels():
    long_name = "Office of the President of the Federation of Somewhere Far Away"
    fig = charts.timeline_figure(POINTS.assign(lane=long_name), lane_label="Publisher")
    assert {lane for trace in fig.data for lane in trace.y} == {charts.short_label(long_name)}
    assert charts.short_label(long_name).endswith("…")
    assert len(charts.short_label(long_name)) == charts.LABEL_CHARS
    assert charts.short_label("<i>x</i>") == "&lt;i&gt;x&lt;/i&gt;"


def test_volume_figure_stacks_publishers():
    fig = charts.volume_figure(VOLUME, freq="month")
    per_publisher = {trace.name: list(trace.y) for trace in fig.data}
    assert per_publisher == {"A": [2, 4], "B": [1]}
    assert fig.layout.barmode == "relative"  # stacked
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    assert fig.layout.xaxis.title.text == "Month"


def test_speakers_figure_keeps_the_ranking_order():
    fig = charts.speakers_figure(RANKED)
    assert list(fig.layout.yaxis.categoryarray) == ["Cy Oduya", "Bo Reyes", "Ann Vell"]  # top last
    assert sorted(trace.name for trace in fig.data) == ["Estovia", "Norland", "Unknown"]


def test_unknown_and_both_sides_are_grey_and_move_no_side_colour():
    pair = charts._colour_map(pd.Series(["China", "United States"]))
    with_neutral = charts._colour_map(
        pd.Series(["China", "United States", "Joint (both sides)", "Unknown", None])
    )
    assert with_neutral["China"] == pair["China"] != pair["United States"]
    assert with_neutral["United States"] == pair["United States"]
    assert with_neutral["Unknown"] == charts.PALETTE[-1]  # grey, never a side's colour
    assert with_neutral["Joint (both sides)"] not in charts.NAMED_PALETTE


def test_speakers_keep_their_side_colour_when_the_filter_drops_a_side():
    colours = charts.side_colours(pd.Series(["Estovia", "Norland", "Atlantis", None]))
    everyone = charts.speakers_figure(RANKED, colours=colours)
    norland_only = RANKED[RANKED["side"] == "Norland"]
    filtered = charts.speakers_figure(norland_only, colours=colours)
    assert {t.name: t.marker.color for t in everyone.data}["Norland"] == colours["Norland"]
    assert [t.marker.color for t in filtered.data] == [colours["Norland"]]
    assert colours["Norland"] != charts._colour_map(norland_only["side"])["Norland"]  # it moved
    strangers = RANKED.assign(side="Nowhere")  # a side the colours lack: the chart's own
    assert (
        charts.speakers_figure(strangers, colours=colours).data[0].marker.color
        == (charts.NAMED_PALETTE[0])
    )


def test_colours_are_distinct_until_the_palette_runs_out():
    names = pd.Series([f"Side {n}" for n in range(len(charts.NAMED_PALETTE))])
    assert sorted(charts._colour_map(names).values()) == sorted(charts.NAMED_PALETTE)
    more = charts._colour_map(pd.Series([*names, "One more"]))
    assert set(more.values()) == set(charts.NAMED_PALETTE)  # the tenth reuses a colour


def test_speaker_topic_heatmap_fills_missing_cells_with_zero():
    heatmap = charts.speaker_topic_figure(SPEAKER_TOPICS).data[0]
    assert list(heatmap.x) == ["Ports", "Trade"]
    assert list(heatmap.y) == ["Bo Reyes", "Ann Vell"]
    assert heatmap.z.tolist() == [[0, 4], [1, 2]]
    assert [list(row) for row in heatmap.text] == [["", "4"], ["1", "2"]]  # zero cells blank


@pytest.mark.parametrize(("documents", "dtick"), [([20, 1, 4], None), ([2, 1, 4], 1)])
def test_small_counts_get_whole_number_ticks(documents, dtick):
    fig = charts.volume_figure(VOLUME.assign(documents=documents), freq="month")
    assert fig.layout.yaxis.dtick == dtick  # the highest stack: 21 or 4


def test_long_legend_names_are_cut_but_hover_keeps_them():
    long_name = "Harbour House, Office of the President of the Federation of Somewhere"
    fig = charts.volume_figure(VOLUME.assign(publisher=long_name), freq="month")
    assert fig.data[0].name == charts.short_label(long_name, limit=charts.LEGEND_CHARS)
    assert fig.data[0].customdata[0][0] == charts.hover_text(long_name)


def test_topic_pairs_heatmap_is_symmetric():
    heatmap = charts.topic_pairs_figure(PAIRS).data[0]
    assert list(heatmap.x) == ["Ports", "Trade"]
    assert list(heatmap.y) == ["Trade", "Ports"]  # read top-down alphabetically
    assert heatmap.z.tolist() == [[2, 0], [0, 2]]


@pytest.mark.parametrize(
    ("measure", "expected_order", "expected_x"),
    [
        ("mentions", ["Ports", "Trade"], [5, 3]),
        ("documents", ["Trade", "Ports"], [3, 1]),
        ("mentions_per_document", ["Ports", "Trade"], [1.25, 0.75]),
    ],
)
def test_topic_frequency_measures(measure, expected_order, expected_x):
    fig = charts.topic_frequency_figure(TOPICS, measure=measure)
    assert list(fig.data[0].y) == expected_order
    assert list(fig.data[0].x) == expected_x
    assert list(fig.layout.yaxis.categoryarray) == expected_order[::-1]  # the largest on top


def test_pair_topics_figure_one_bar_per_side():
    fig = charts.pair_topics_figure(PAIR_TOPICS, label_a="Norland", label_b="Estovia")
    assert [(trace.name, list(trace.x)) for trace in fig.data] == [
        ("Norland", [0, 2]),
        ("Estovia", [1, 1]),
    ]
    assert [trace.marker.color for trace in fig.data] == list(charts.PAIR_COLOURS)


def test_topic_shares_figure_as_percent():
    fig = charts.topic_shares_figure(SHARES)
    assert {trace.name: list(trace.x) for trace in fig.data} == {
        "P1": [0.75, 0.25],
        "P2": [0.0, 1.0],
    }
    assert fig.layout.xaxis.tickformat == ".0%"


def test_distinctive_phrases_colour_by_direction_and_axis_names_groups():
    fig = charts.distinctive_phrases_figure(DISTINCTIVE)
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert colours == {"Estovia": charts.PAIR_COLOURS[0], "Norland": charts.PAIR_COLOURS[1]}
    assert fig.layout.xaxis.title.text == "← typical of Norland · typical of Estovia →"
    assert list(fig.layout.yaxis.categoryarray) == ["lawful patrols", "unsafe intercepts"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a & b", "a &amp; b"),
        (None, ""),
        (pd.NA, ""),
        (float("nan"), ""),
        ("word " * 20, "word word word word word word word word word word word word word word"
         "<br>word word word word word word"),
    ],
)  # fmt: skip
def test_hover_text(value, expected):
    assert charts.hover_text(value) == expected


def test_empty_figure_escapes_its_message():
    fig = charts.empty_figure("No <b>rows</b>", template="plotly_white")
    assert fig.layout.annotations[0].text == "No &lt;b&gt;rows&lt;/b&gt;"


def test_export_copy_is_not_black():
    """A figure built on screen and its plotly_white copy share real (non-placeholder) colours."""
    fig = charts.volume_figure(VOLUME, freq="week", template="plotly_white")
    html = fig.to_html(include_plotlyjs=False)
    assert PLACEHOLDER not in html
    assert any(colour in html for colour in charts.PALETTE)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"points": [{"customdata": ["d2", "Call"]}]}}, "d2"),
        ({"selection": {"points": [{"x": 1}, {"customdata": ["d1"]}]}}, "d1"),
        ({"selection": {"points": []}}, None),
        ({}, None),
        (None, None),
        ("not a selection", None),
    ],
)
def test_selected_doc_id(event, expected):
    assert charts.selected_doc_id(event) == expected


def test_time_axis_of_a_single_day_is_padded_to_days_not_hours():
    one_day = POINTS[POINTS["doc_id"] == "d2"]
    fig = charts.timeline_figure(one_day, lane_label="Side")
    low, high = (pd.Timestamp(value) for value in fig.layout.xaxis.range)
    assert high - low == 2 * charts.MIN_DATE_SPAN
    assert fig.layout.xaxis.tickformat == "%Y-%m-%d"


def test_time_axis_spanning_weeks_is_left_to_plotly():
    fig = charts.timeline_figure(POINTS, lane_label="Side")
    assert fig.layout.xaxis.range is None
