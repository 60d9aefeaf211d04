"""Topics: frequency, over time, by side/speaker/publisher, together, in context; the taxonomy."""

import streamlit as st

from components import charts, downloads, layout, taxonomy, views
from components.data import cached
from core import analysis

layout.page_setup("Topics")
st.title("Topics")
corpus = layout.require_corpus()
mentions, documents = corpus.topic_mentions, corpus.documents
tabs = st.tabs(["Frequency", "Over time", "By group", "Together", "In context", "Taxonomy"])
with tabs[0]:
    counts = cached("topic_counts", build=lambda: analysis.count_topics(mentions, documents))
    measure = views.select_topic_measure()
    figure = cached(
        "topic_counts_figure",
        measure,
        build=lambda: charts.topic_frequency_figure(counts, measure=measure),
    )
    downloads.render_chart(figure, counts, key="topics_frequency", name="Topic frequency")
    downloads.render_table(counts, key="topics_table", name="Topics")
with tabs[1]:
    freq = st.radio("Per", list(charts.FREQUENCY_LABELS), horizontal=True, key="topics_freq")
    over_time = cached(
        "topics_over_time",
        freq,
        build=lambda: analysis.count_topics_over_time(mentions, documents, freq=freq),
    )
    figure = cached(
        "topics_over_time_figure",
        freq,
        build=lambda: charts.topics_over_time_figure(over_time, freq=freq),
    )
    downloads.render_chart(figure, over_time, key="topics_time", name="Topics over time")
with tabs[2]:
    by = st.radio("Topic mentions by", analysis.TOPIC_GROUPS, horizontal=True, key="topics_by")
    grouped = cached(
        "topics_by",
        by,
        build=lambda: analysis.count_topics_by(mentions, corpus.statements, documents, by=by),
    )
    figure = cached(
        "topics_by_figure", by, build=lambda: charts.topics_by_group_figure(grouped, by=by)
    )
    downloads.render_chart(figure, grouped, key="topics_by_group", name=f"Topics by {by}")
with tabs[3]:
    pairs = cached("topic_pairs", build=lambda: analysis.count_topic_pairs(mentions))
    figure = cached("topic_pairs_figure", build=lambda: charts.topic_pairs_figure(pairs))
    downloads.render_chart(figure, pairs, key="topics_pairs", name="Topics mentioned together")
with tabs[4]:
    topic = st.selectbox("Topic", counts["topic"], key="topics_kwic_topic")
    phrase = st.text_input("…or any phrase", key="topics_kwic_phrase")
    lines = cached(
        "keyword_in_context",
        topic,
        phrase,
        build=lambda: analysis.keyword_in_context(
            analysis.context_spans(mentions, documents, topic=topic, phrase=phrase), documents
        ),
    )
    downloads.render_table(lines, key="topics_kwic", name="Keyword in context")
with tabs[5]:
    taxonomy.render_taxonomy_editor()
