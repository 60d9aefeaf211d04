"""Timeline: releases and the events they report in lanes, volume and statements over time."""

import streamlit as st

from components import charts, downloads, layout, views
from components.data import cached
from core import analysis

layout.page_setup("Timeline")
st.title("Timeline")
corpus = layout.require_corpus()

lanes = analysis.TIMELINE_LANES
lane = st.radio("Lanes by", lanes, horizontal=True, key="timeline_lane", format_func=str.title)
points = cached(
    "timeline_points",
    lane,
    build=lambda: analysis.build_timeline_points(corpus.documents, corpus.statements, lane=lane),
)
figure = cached(
    "timeline_figure", lane, build=lambda: charts.timeline_figure(points, lane_label=lane.title())
)
selection = downloads.render_chart(
    figure, points, key="timeline_points", name=f"Timeline by {lane}", on_select="rerun"
)
views.render_reader_link(corpus.documents, selection)

st.subheader("Over time")
freq = st.radio("Per", list(charts.FREQUENCY_LABELS), horizontal=True, key="timeline_freq")
volume = cached(
    "volume", freq, build=lambda: analysis.count_documents_per_period(corpus.documents, freq=freq)
)
figure = cached("volume_figure", freq, build=lambda: charts.volume_figure(volume, freq=freq))
downloads.render_chart(figure, volume, key="timeline_volume", name="Releases over time")
if (volume["publisher"] == analysis.OTHER_PUBLISHERS).any():
    st.caption(
        f"The publishers with most releases; the rest are summed as “{analysis.OTHER_PUBLISHERS}”."
    )

by = st.radio("Statements by", ["speaker", "topic"], horizontal=True, key="timeline_by")
said = cached(
    "statements_over_time",
    by,
    freq,
    build=lambda: analysis.count_statements_over_time(
        corpus.statements, corpus.topic_mentions, by=by, freq=freq
    ),
)
figure = cached(
    "statements_over_time_figure",
    by,
    freq,
    build=lambda: charts.statements_over_time_figure(said, by=by, freq=freq),
)
downloads.render_chart(figure, said, key="timeline_statements", name=f"Statements by {by}")
