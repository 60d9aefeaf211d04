"""Sections of the analysis pages that need more than one widget: pickers, links, readouts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, downloads
from components.data import cached
from components.layout import as_text, md_escape
from core import analysis
from core.schema import Corpus

KEY = "compare_"
READER_PAGE = "pages/5_Documents.py"


def render_reader_link(documents: pd.DataFrame, event: object) -> None:
    """A link to the reader for the point selected on a chart (a hint while none is)."""
    doc_id = charts.selected_doc_id(event)
    if not doc_id:
        st.caption("Click a point to open its release in the reader.")
        return
    title = md_escape(analysis.document_title(documents, doc_id))
    st.page_link(
        READER_PAGE,
        label=f"Open “{title}” in the reader",
        icon=":material/article:",
        query_params={"doc": doc_id},
    )


def select_topic_measure() -> str:
    """Raw mentions, documents mentioning, or mentions per document."""
    return st.radio(
        "Measure",
        list(charts.TOPIC_MEASURES),
        horizontal=True,
        key="topics_measure",
        format_func=charts.TOPIC_MEASURES.get,
    )


def select_pair(pairs: pd.DataFrame) -> dict | None:
    """Pick one meeting reported by two sides (None, with a hint, when there is none)."""
    choices = analysis.pair_choices(pairs)
    if not choices:
        st.info(
            "No two readouts of the same meeting were found: that needs releases from two "
            "sides dated at most a day apart that name a participant in common. "
            "Widen the filter or load readouts from both sides.",
            icon=":material/info:",
        )
        return None
    label = st.selectbox(f"Meeting ({len(choices)} found)", list(choices), key=f"{KEY}pair")
    return choices[label]


def render_aligned_readouts(corpus: Corpus, pair: dict, labels: tuple[str, str]) -> None:
    """The two readouts side by side, topic by topic: what each side reports on it."""
    aligned = cached(
        "aligned_readouts",
        pair["doc_a"],
        pair["doc_b"],
        build=lambda: analysis.align_readouts(
            corpus.statements, corpus.topic_mentions, pair["doc_a"], pair["doc_b"]
        ),
    )
    for column, side, label in zip(st.columns(2, gap="large"), "ab", labels, strict=True):
        with column:
            _render_readout_header(pair, side, label)
    if aligned.empty:
        st.info("No statements were found in either readout.")
        return
    for topic, rows in aligned.groupby("topic", sort=False):
        st.markdown(f"**{md_escape(topic)}**")
        for column, side in zip(st.columns(2, gap="large"), "ab", strict=True):
            said = rows[rows["readout"] == side]
            if said.empty:
                column.caption("Not reported in this readout.")
            else:
                column.markdown("\n".join(_statement_line(row) for row in said.itertuples()))
    with st.expander("The same as tables (CSV, XLSX)", icon=":material/table:"):
        for side, label in zip("ab", labels, strict=True):
            downloads.render_table(
                aligned[aligned["readout"] == side].drop(columns=["readout"]),
                key=f"{KEY}statements_{side}",
                name=f"Statements by topic {label}",
            )


def _render_readout_header(pair: dict, side: str, label: str) -> None:
    st.subheader(md_escape(label))
    title = pair.get(f"title_{side}")
    named = isinstance(title, str) and title.strip()
    # a release without a title is told by its file name
    fields = ("publisher", "date", "title") if named else ("publisher", "date", "filename")
    facts = [pair.get(f"{field}_{side}") for field in fields]
    st.caption(" · ".join(md_escape(str(fact)) for fact in facts if pd.notna(fact)))
    st.page_link(
        READER_PAGE,
        label="Open in the reader",
        icon=":material/article:",
        query_params={"doc": pair[f"doc_{side}"]},
    )


def _statement_line(row: object) -> str:
    speaker = md_escape(as_text(getattr(row, "speaker", None), "Unnamed speaker"))
    cue, content = md_escape(as_text(row.cue)), md_escape(as_text(row.content))
    return f"- **{speaker}** {cue}: {content}"


def select_groups(documents: pd.DataFrame) -> pd.DataFrame:
    """Pick two publishers or two periods; returns doc_id, group for the chosen documents."""
    mode = st.radio(
        "Compare two", ["publishers", "periods"], horizontal=True, key=f"{KEY}group_mode"
    )
    first, second = st.columns(2)
    if mode == "publishers":
        names = analysis.publisher_names(documents)
        one = first.selectbox("First publisher", names, index=0, key=f"{KEY}publisher_a")
        other = second.selectbox(
            "Second publisher", names, index=min(1, len(names) - 1), key=f"{KEY}publisher_b"
        )
        if one == other:
            st.warning("Pick two different publishers.")
        return analysis.group_by_publisher(documents, one or "", other or "")
    halves = analysis.split_date_span(documents)
    if not halves:
        st.info("None of the documents is dated, so periods cannot be compared.")
        return analysis.group_by_publisher(documents, "", "")
    one = first.date_input("First period", value=halves[0], key=f"{KEY}period_a")
    other = second.date_input("Second period", value=halves[1], key=f"{KEY}period_b")
    return analysis.group_by_period(documents, tuple(one), tuple(other))
