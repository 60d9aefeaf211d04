"""What every page starts with: page config, the sidebar (navigation, filter, About line)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from components import auth, data, filters, logs, state
from core.schema import Corpus

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Readout Lens"
PAGES = (
    ("app.py", "Home / Upload", ":material/home:"),
    ("pages/1_Timeline.py", "Timeline", ":material/timeline:"),
    ("pages/2_Who_said_what.py", "Who said what", ":material/record_voice_over:"),
    ("pages/3_Topics.py", "Topics", ":material/sell:"),
    ("pages/4_Compare.py", "Compare", ":material/compare:"),
    ("pages/5_Documents.py", "Documents", ":material/article:"),
)


def page_setup(title: str) -> None:
    """Configure the page, let in only who may (auth), draw the sidebar: filter, About line."""
    st.set_page_config(page_title=f"{title} · {APP_NAME}", layout="wide")
    logs.configure_logging()
    auth.require_access()  # first: nothing of the workspace is read or drawn without access
    corpus = state.get_corpus()
    error = state.get_workspace_error()
    if error:
        st.error(error, icon=":material/lock:")
    with st.sidebar:
        render_navigation()
    filters.render_filter(corpus)
    with st.sidebar:
        st.divider()
        st.caption(f"Workspace: **{state.get_workspace_name()}**")
        st.caption(f"About: parsing with {data.pipeline_description()}")


def require_corpus() -> Corpus:
    """The filtered corpus; without one, a hint and a link to Home, and the page stops."""
    corpus = state.get_corpus()
    if corpus is None:
        st.info("No releases are loaded yet. Upload files or load the example corpus on Home.")
        st.page_link("app.py", label="Go to Home / Upload", icon=":material/upload:")
        st.stop()
    shown = filtered(corpus)
    if shown.documents.empty:
        st.stop()
    return shown


def filtered(corpus: Corpus) -> Corpus:
    """The corpus narrowed by the sidebar filter, with a note saying how much is shown."""
    shown = data.filter_corpus(corpus, filters.current_filter())  # cached per corpus + filter
    render_filter_note(corpus, shown)
    if shown.documents.empty:
        st.warning("No documents match the filter. Widen it or clear it in the sidebar.")
    return shown


def installed_pages() -> list[tuple[str, str, str]]:
    """(path, label, icon) of Home and of every analysis page present in pages/."""
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def render_navigation() -> None:
    """The page list at the top of the sidebar (Streamlit's own list is off in config.toml)."""
    for path, label, icon in installed_pages():
        st.page_link(path, label=label, icon=icon)


def render_page_links() -> None:
    """Links to the analysis pages that are installed."""
    pages = installed_pages()[1:]
    if not pages:
        return
    st.subheader("Explore")
    for column, (path, label, icon) in zip(st.columns(len(pages)), pages, strict=True):
        column.page_link(path, label=label, icon=icon)


def render_filter_note(full: Corpus, shown: Corpus) -> None:
    """One line saying how much of the corpus the filter shows."""
    total, kept = len(full.documents), len(shown.documents)
    if kept < total or len(shown.statements) < len(full.statements):
        st.caption(
            f"Filter on: {kept} of {total} documents, "
            f"{len(shown.statements)} of {len(full.statements)} statements."
        )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Untrusted text made inert for Streamlit markdown (no links, images, directives, HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def as_text(value: object, default: str = "") -> str:
    """A cell as display text: missing values (None, NA, NaN) become ``default``."""
    if value is None or (isinstance(value, float) and value != value):
        return default
    try:
        if value is pd.NA:
            return default
    except TypeError:
        pass
    text = str(value)
    return text if text.strip() else default
