"""Who said what: speakers ranked, the statements table, speaker × topic, one speaker's view."""

import streamlit as st

from components import charts, downloads, layout, state
from components.data import cached
from core import analysis

layout.page_setup("Who said what")
HEAT_SPEAKERS = 20  # rows of the speaker × topic heatmap
st.title("Who said what")
corpus = layout.require_corpus()

ranked = cached("speakers", build=lambda: analysis.rank_speakers(corpus.statements))
top = ranked.head(25)
sides = state.get_corpus().statements["side"]  # unfiltered: a side keeps its colour
figure = cached(
    "speakers_figure", build=lambda: charts.speakers_figure(top, colours=charts.side_colours(sides))
)
downloads.render_chart(figure, top, key="wsw_ranking", name="Speakers by statements")
if len(ranked) > len(top):
    st.caption(f"The {len(top)} speakers with most statements, of {len(ranked)}.")

st.subheader("Statements")
query = st.text_input("Search speaker, words, cue or document", key="wsw_search")
found = cached(
    "statements_table",
    query,
    build=lambda: analysis.search_statements(
        analysis.build_statements_table(corpus.statements, corpus.documents, corpus.actors), query
    ),
)
downloads.render_table(found, key="wsw_table", name="Statements")

heat = cached(
    "speaker_topics",
    build=lambda: analysis.count_speaker_topics(
        corpus.statements, corpus.topic_mentions, top_speakers=HEAT_SPEAKERS
    ),
)
figure = cached("speaker_topics_figure", build=lambda: charts.speaker_topic_figure(heat))
downloads.render_chart(figure, heat, key="wsw_speaker_topics", name="Speakers and topics")
if len(ranked) > HEAT_SPEAKERS:
    st.caption(f"The {HEAT_SPEAKERS} speakers with most statements, of {len(ranked)}.")

st.subheader("One speaker")
speaker = st.selectbox("Speaker", ranked["speaker"], key="wsw_speaker")
theirs = analysis.filter_speaker(corpus.statements, speaker)
over_time = cached(
    "speaker_over_time",
    speaker,
    build=lambda: analysis.count_statements_over_time(
        theirs, corpus.topic_mentions, by="speaker", freq="month"
    ),
)
figure = cached(
    "speaker_over_time_figure",
    speaker,
    build=lambda: charts.statements_over_time_figure(over_time, by="speaker", freq="month"),
)
downloads.render_chart(figure, over_time, key="wsw_speaker_time", name=f"Statements of {speaker}")
phrases = cached(
    "speaker_phrases", speaker, build=lambda: analysis.count_phrases(theirs["content"])
)
figure = cached(
    "speaker_phrases_figure",
    speaker,
    build=lambda: charts.phrases_figure(phrases, title=f"Recurring phrases of {speaker}"),
)
downloads.render_chart(figure, phrases, key="wsw_speaker_phrases", name=f"Phrases of {speaker}")
