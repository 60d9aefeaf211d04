"""Compare: two readouts of one meeting side by side; two publishers or periods by topic."""

import streamlit as st

from components import charts, downloads, layout, views
from components.data import cached
from core import analysis

layout.page_setup("Compare")
st.title("Compare")
corpus = layout.require_corpus()

st.subheader("Two readouts of the same meeting")
pairs = cached(
    "readout_pairs", build=lambda: analysis.pair_readouts(corpus.documents, corpus.statements)
)
pair = views.select_pair(pairs)
if pair:
    label_a, label_b = analysis.readout_labels(pair)
    chosen = (pair["doc_a"], pair["doc_b"], label_a, label_b)
    compared = cached(
        "pair_topics",
        *chosen,
        build=lambda: analysis.compare_pair_topics(
            corpus.topic_mentions, pair["doc_a"], pair["doc_b"], label_a=label_a, label_b=label_b
        ),
    )
    figure = cached(
        "pair_topics_figure",
        *chosen,
        build=lambda: charts.pair_topics_figure(compared, label_a=label_a, label_b=label_b),
    )
    downloads.render_chart(figure, compared, key="compare_pair_topics", name="Topics compared")
    views.render_aligned_readouts(corpus, pair, (label_a, label_b))

st.subheader("Two publishers or two periods")
groups = views.select_groups(corpus.documents)
chosen_groups = analysis.corpus_fingerprint([groups])  # the chosen documents, hashed once
shares = cached(
    "topic_shares",
    chosen_groups,
    build=lambda: analysis.compare_topic_shares(corpus.topic_mentions, groups),
)
figure = cached(
    "topic_shares_figure", chosen_groups, build=lambda: charts.topic_shares_figure(shares)
)
downloads.render_chart(figure, shares, key="compare_shares", name="Topic shares compared")
st.caption(
    "Distinctive phrases: the log-odds ratio of a phrase's frequency in one group's statements "
    "versus the other's, divided by its standard error — far from 0 means said often, and "
    "mostly by one group."
)
phrases = cached(
    "distinctive_phrases",
    chosen_groups,
    build=lambda: analysis.distinctive_phrases(corpus.statements, groups),
)
figure = cached(
    "distinctive_phrases_figure",
    chosen_groups,
    build=lambda: charts.distinctive_phrases_figure(phrases),
)
downloads.render_chart(figure, phrases, key="compare_phrases", name="Distinctive phrases")
