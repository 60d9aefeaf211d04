"""Compare: two readouts of one meeting side by side; two publishers or periods by topic."""

import streamlit as st

from components import charts, downloads, layout, views
from core import analysis

layout.page_setup("Compare")
st.title("Compare")
corpus = layout.require_corpus()

st.subheader("Two readouts of the same meeting")
pair = views.select_pair(analysis.pair_readouts(corpus.documents, corpus.statements))
if pair:
    label_a, label_b = analysis.readout_labels(pair)
    compared = analysis.compare_pair_topics(
        corpus.topic_mentions, pair["doc_a"], pair["doc_b"], label_a=label_a, label_b=label_b
    )
    figure = charts.pair_topics_figure(compared, label_a=label_a, label_b=label_b)
    downloads.render_chart(figure, compared, key="compare_pair_topics", name="Topics compared")
    views.render_aligned_readouts(corpus, pair, (label_a, label_b))

st.subheader("Two publishers or two periods")
groups = views.select_groups(corpus.documents)
shares = analysis.compare_topic_shares(corpus.topic_mentions, groups)
figure = charts.topic_shares_figure(shares)
downloads.render_chart(figure, shares, key="compare_shares", name="Topic shares compared")
st.caption(
    "Distinctive phrases: the log-odds ratio of a phrase's frequency in one group's statements "
    "versus the other's, divided by its standard error — far from 0 means said often, and "
    "mostly by one group."
)
phrases = analysis.distinctive_phrases(corpus.statements, groups)
figure = charts.distinctive_phrases_figure(phrases)
downloads.render_chart(figure, phrases, key="compare_phrases", name="Distinctive phrases")
