"""The taxonomy editor (Topics page): add a topic or phrases, re-tag, keep it in the workspace."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import data, downloads, state
from core import corpus as corpus_builder
from core import topics
from core.schema import Corpus

KEY = "topics_taxonomy_"
PHRASE_HELP = "One phrase per line (or separated by commas); matched as whole words, any case."


def current_taxonomy() -> topics.Taxonomy:
    """The open workspace's taxonomy (its edited copy), else the shipped one."""
    workspace = data.get_workspace(state.get_workspace_name())
    return data.load_taxonomy(workspace.taxonomy_yaml())


def split_phrases(text: str) -> list[str]:
    """Phrases typed in a box: one per line or comma-separated, blanks dropped."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


def taxonomy_table(taxonomy: topics.Taxonomy) -> pd.DataFrame:
    """One row per topic: its phrases and patterns, joined for reading."""
    return pd.DataFrame(
        {
            "topic": [topic.name for topic in taxonomy.topics],
            "phrases": ["; ".join(topic.phrases) for topic in taxonomy.topics],
            "weak phrases": ["; ".join(topic.weak_phrases) for topic in taxonomy.topics],
            "patterns": [
                "; ".join((*topic.patterns, *topic.weak_patterns)) for topic in taxonomy.topics
            ],
        }
    )


def apply_taxonomy(full: Corpus, taxonomy: topics.Taxonomy) -> Corpus:
    """Re-tag the whole corpus under ``taxonomy``, store both, and make it the session's."""
    retagged = corpus_builder.retag_topics(full, taxonomy)
    workspace = data.get_workspace(state.get_workspace_name())
    workspace.save_taxonomy_yaml(topics.taxonomy_to_yaml(taxonomy))
    workspace.replace_topics(retagged)
    state.set_corpus(retagged)
    return retagged


def render_taxonomy_editor() -> None:
    """The current topics, and forms to add a topic or phrases; a change re-tags the corpus."""
    full = state.get_corpus()
    if full is None:
        return
    message = state.pop_flash()
    if message:
        st.success(message, icon=":material/check:")
    taxonomy = current_taxonomy()
    downloads.render_table(taxonomy_table(taxonomy), key=f"{KEY}topics", name="Taxonomy")
    new_topic, more_phrases = st.columns(2, gap="large")
    with new_topic:
        _render_add_topic(full, taxonomy)
    with more_phrases:
        _render_add_phrases(full, taxonomy)


def _render_add_topic(full: Corpus, taxonomy: topics.Taxonomy) -> None:
    with st.form(key=f"{KEY}add_topic", clear_on_submit=True):
        st.markdown("**Add a topic**")
        name = st.text_input("Topic name", key=f"{KEY}new_name")
        phrases = st.text_area("Phrases", key=f"{KEY}new_phrases", help=PHRASE_HELP, height=100)
        submitted = st.form_submit_button("Add topic and re-tag", key=f"{KEY}add_topic_submit")
    if submitted:
        _change(
            full,
            lambda: topics.add_topic(taxonomy, name, split_phrases(phrases)),
            f"Added the topic “{name.strip()}”",
        )


def _render_add_phrases(full: Corpus, taxonomy: topics.Taxonomy) -> None:
    with st.form(key=f"{KEY}add_phrases", clear_on_submit=True):
        st.markdown("**Add phrases to a topic**")
        topic = st.selectbox("Topic", taxonomy.names, key=f"{KEY}phrases_topic")
        phrases = st.text_area("Phrases", key=f"{KEY}more_phrases", help=PHRASE_HELP, height=100)
        submitted = st.form_submit_button("Add phrases and re-tag", key=f"{KEY}phrases_submit")
    if submitted:
        _change(
            full,
            lambda: topics.add_phrases(taxonomy, topic or "", split_phrases(phrases)),
            f"Added phrases to “{topic}”",
        )


def _change(full: Corpus, edit: Callable[[], topics.Taxonomy], done: str) -> None:
    """Run one taxonomy edit; say what is wrong, or re-tag and show the new tables."""
    try:
        taxonomy = edit()
    except ValueError as error:  # analyst-worded by core.topics: a bad name, phrase or pattern
        st.error(str(error), icon=":material/error:")
        return
    with st.spinner("Re-tagging the corpus..."):
        retagged = apply_taxonomy(full, taxonomy)
    state.set_flash(f"{done}: {len(retagged.topic_mentions)} topic mentions after re-tagging.")
    st.rerun()
