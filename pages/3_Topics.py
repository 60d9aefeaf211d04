"""Topics: frequency, over time, by side/speaker/publisher, together, in context; the taxonomy."""

import streamlit as st

from components import charts, downloads, layout, taxonomy, views
from core import analysis

layout.page_setup("Topics")
st.title("Topics")
corpus = layout.require_corpus()
mentions, documents = corpus.topic_mentions, corpus.documents
tabs = st.tabs(["Frequency", "Over time", "By group", "Together", "In context", "Taxonomy"])
with tabs[0]:
    counts = analysis.count_topics(mentions, documents)
    figure = charts.topic_frequency_figure(counts, measure=views.select_topic_measure())
    downloads.render_chart(figure, counts, key="topics_frequency", name="Topic frequency")
    downloads.render_table(counts, key="topics_table", name="Topics")
with tabs[1]:
    freq = st.radio("Per", list(charts.FREQUENCY_LABELS), horizontal=True, key="topics_freq")
    over_time = analysis.count_topics_over_time(mentions, documents, freq=freq)
    figure = charts.topics_over_time_figure(over_time, freq=freq)
    downloads.render_chart(figure, over_time, key="topics_time", name="Topics over time")
with tabs[2]:
    by = st.radio("Topic mentions by", analysis.TOPIC_GROUPS, horizontal=True, key="topics_by")
    grouped = analysis.count_topics_by(mentions, corpus.statements, documents, by=by)
    figure = charts.topics_by_group_figure(grouped, by=by)
    downloads.render_chart(figure, grouped, key="topics_by_group", name=f"Topics by {by}")
with tabs[3]:
    pairs = analysis.count_topic_pairs(mentions)
    figure = charts.topic_pairs_figure(pairs)
    downloads.render_chart(figure, pairs, key="topics_pairs", name="Topics mentioned together")
with tabs[4]:
    topic = st.selectbox("Topic", counts["topic"], key="topics_kwic_topic")
    phrase = st.text_input("…or any phrase", key="topics_kwic_phrase")
    spans = analysis.context_spans(mentions, documents, topic=topic, phrase=phrase)
    lines = analysis.keyword_in_context(spans, documents)
    downloads.render_table(lines, key="topics_kwic", name="Keyword in context")
with tabs[5]:
    taxonomy.render_taxonomy_editor()
