"""Who said what: speakers ranked, the statements table, speaker × topic, one speaker's view."""

import streamlit as st

from components import charts, downloads, layout
from core import analysis

layout.page_setup("Who said what")
st.title("Who said what")
corpus = layout.require_corpus()

ranked = analysis.rank_speakers(corpus.statements, top=25)
figure = charts.speakers_figure(ranked)
downloads.render_chart(figure, ranked, key="wsw_ranking", name="Speakers by statements")

st.subheader("Statements")
query = st.text_input("Search speaker, words, cue or document", key="wsw_search")
table = analysis.build_statements_table(corpus.statements, corpus.documents, corpus.actors)
downloads.render_table(analysis.search_statements(table, query), key="wsw_table", name="Statements")

heat = analysis.count_speaker_topics(corpus.statements, corpus.topic_mentions)
figure = charts.speaker_topic_figure(heat)
downloads.render_chart(figure, heat, key="wsw_speaker_topics", name="Speakers and topics")

st.subheader("One speaker")
speaker = st.selectbox(
    "Speaker", analysis.rank_speakers(corpus.statements)["speaker"], key="wsw_speaker"
)
theirs = analysis.filter_speaker(corpus.statements, speaker)
over_time = analysis.count_statements_over_time(
    theirs, corpus.topic_mentions, by="speaker", freq="month"
)
figure = charts.statements_over_time_figure(over_time, by="speaker", freq="month")
downloads.render_chart(figure, over_time, key="wsw_speaker_time", name=f"Statements of {speaker}")
phrases = analysis.count_phrases(theirs["content"])
figure = charts.phrases_figure(phrases, title=f"Recurring phrases of {speaker}")
downloads.render_chart(figure, phrases, key="wsw_speaker_phrases", name=f"Phrases of {speaker}")
