"""Session state: every key is a constant here, behind a typed accessor."""

from __future__ import annotations

import streamlit as st

from core.filtering import Filter
from core.schema import Corpus, Problem

CORPUS = "corpus"  # the whole stored corpus (unfiltered) of the open workspace
FILTER = "filter"  # the sidebar Filter value
WORKSPACE = "workspace_name"  # the name of the open workspace
PROBLEMS = "problems"  # problems met by the last ingest (list[Problem])
INGESTED = "ingested_uploads"  # (name, sha256) of uploads already stored this session
LAST_INGEST = "last_ingest"  # one-line summary of the last ingest
FILTER_GENERATION = "filter_generation"  # bumped to reset the filter widgets
UPLOADER_GENERATION = "uploader_generation"  # bumped to empty the uploader (workspace switch)
WORKSPACE_ERROR = "workspace_error"  # why the workspace could not be opened, for the analyst
FLASH = "flash"  # a message to show once after a callback (workspace created, renamed...)

DEFAULT_WORKSPACE = "default"


def get_corpus() -> Corpus | None:
    """The whole corpus of the open workspace (unfiltered); loaded from the store on first use."""
    corpus = st.session_state.get(CORPUS)
    if corpus is None:
        from components import data

        corpus = data.load_stored_corpus(get_workspace_name())
        if corpus is not None:
            st.session_state[CORPUS] = corpus
    if corpus is None or corpus.documents.empty:
        return None
    return corpus


def set_corpus(corpus: Corpus | None) -> None:
    """Replace the session's corpus (after an upload, an edit or a workspace switch)."""
    st.session_state[CORPUS] = corpus


def get_filter() -> Filter | None:
    """The session's filter, or None before the first page has read it from the URL."""
    return st.session_state.get(FILTER)


def set_filter(flt: Filter) -> None:
    """Store the analyst's filter for every page of this session."""
    st.session_state[FILTER] = flt


def get_workspace_name() -> str:
    """The name of the open workspace."""
    return st.session_state.setdefault(WORKSPACE, DEFAULT_WORKSPACE)


def set_workspace_name(name: str) -> None:
    """Switch to another workspace: its corpus is loaded on next use."""
    st.session_state[WORKSPACE] = name
    st.session_state[CORPUS] = None
    st.session_state[PROBLEMS] = []
    st.session_state[LAST_INGEST] = None
    st.session_state[WORKSPACE_ERROR] = None
    st.session_state[UPLOADER_GENERATION] = st.session_state.get(UPLOADER_GENERATION, 0) + 1


def get_problems() -> list[Problem]:
    """Problems met by the last ingest in this session."""
    return st.session_state.get(PROBLEMS, [])


def set_problems(problems: list[Problem]) -> None:
    """Remember the problems of the last ingest."""
    st.session_state[PROBLEMS] = problems


def get_ingested() -> set[tuple[str, str]]:
    """(file name, sha256) of the uploads already stored in this session."""
    return st.session_state.setdefault(INGESTED, set())


def get_last_ingest() -> str | None:
    """One-line summary of the last ingest, if any."""
    return st.session_state.get(LAST_INGEST)


def set_last_ingest(summary: str | None) -> None:
    """Remember the summary of the last ingest."""
    st.session_state[LAST_INGEST] = summary


def get_filter_generation() -> int:
    """A counter in the filter widgets' keys; bumping it resets them."""
    return st.session_state.get(FILTER_GENERATION, 0)


def bump_filter_generation() -> None:
    """Give the filter widgets fresh keys (after Clear)."""
    st.session_state[FILTER_GENERATION] = get_filter_generation() + 1


def get_workspace_error() -> str | None:
    """Why the open workspace could not be read (e.g. locked by another process)."""
    return st.session_state.get(WORKSPACE_ERROR)


def set_workspace_error(message: str | None) -> None:
    """Remember why the workspace could not be read."""
    st.session_state[WORKSPACE_ERROR] = message


def pop_flash() -> str | None:
    """The one-time message left by a callback, removed once read."""
    return st.session_state.pop(FLASH, None)


def set_flash(message: str) -> None:
    """Leave a message for the next run to show once."""
    st.session_state[FLASH] = message
