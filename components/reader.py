"""The Documents page: a release with its speakers, cues, statements, entities and topics marked.

The highlight HTML is built by :func:`highlight_html` only from ``html.escape``d parts and fixed
class names, and shown with ``st.html`` (never ``unsafe_allow_html``): uploaded text is untrusted.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import data, downloads, state
from components.layout import as_text
from core.schema import DOCUMENT_KINDS, Corpus

DOC_PARAM = "doc"  # ?doc=<doc_id> opens a document (links from the Timeline)
KEY = "documents_"

# mark kind -> legend label; class names come only from this table, never from the data
MARK_KINDS = {
    "content": "statement",
    "speaker": "speaker",
    "cue": "cue",
    "entity": "entity",
    "topic": "topic",
}

READER_CSS = """
.rl-doc {font-family: "Source Serif 4", Georgia, serif; line-height: 1.65; color: #1f2933;}
.rl-title {font-family: "Source Sans 3", sans-serif; font-size: 1.35rem; margin: 0 0 .2rem 0;}
.rl-meta {font-family: "Source Sans 3", sans-serif; color: #52606d; margin: 0 0 .6rem 0;}
.rl-legend span {margin-right: .6rem; padding: 0 .3rem; font-family: "Source Sans 3", sans-serif;
  font-size: .85rem;}
.rl-text {white-space: pre-wrap; max-width: 60rem; font-size: 1.02rem;}
.rl-content {background: #fff3bf;}
.rl-topic {background: #d3f9d8; box-shadow: inset 0 -2px 0 #2f9e44;}
.rl-entity {border-bottom: 2px dotted #5c7cfa;}
.rl-speaker {color: #1864ab; font-weight: 700;}
.rl-cue {color: #c92a2a; font-style: italic; font-weight: 600;}
"""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span of the document text."""

    start: int
    end: int
    kind: str  # a key of MARK_KINDS
    label: str  # shown on hover


def document_marks(corpus: Corpus, doc_id: str) -> list[Mark]:
    """Every span to highlight in one document: statements, speakers, cues, entities, topics."""
    marks: list[Mark] = []
    statements = corpus.statements[corpus.statements["doc_id"] == doc_id]
    for row in statements.itertuples(index=False):
        who = as_text(row.speaker) or as_text(row.speaker_text, "unknown")
        marks.append(Mark(row.start, row.end, "content", f"{who} — {row.cue} ({row.mode})"))
        if not pd.isna(row.speaker_start) and not pd.isna(row.speaker_end):
            marks.append(
                Mark(int(row.speaker_start), int(row.speaker_end), "speaker", f"speaker: {who}")
            )
        if not pd.isna(row.cue_start) and not pd.isna(row.cue_end):
            marks.append(Mark(int(row.cue_start), int(row.cue_end), "cue", f"cue: {row.cue}"))
    entities = corpus.entities[corpus.entities["doc_id"] == doc_id]
    for row in entities.itertuples(index=False):
        marks.append(Mark(row.start, row.end, "entity", f"{row.label}: {row.text}"))
    mentions = corpus.topic_mentions[corpus.topic_mentions["doc_id"] == doc_id]
    for row in mentions.itertuples(index=False):
        marks.append(Mark(row.start, row.end, "topic", f"topic: {row.topic}"))
    return marks


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """The text with marks as ``<span>``s; every piece of text and every label is escaped.

    Overlapping and nested marks are flattened: each stretch of text where the same marks are
    active becomes one span carrying all their classes and labels.
    """
    marks = [mark for mark in marks if mark.kind in MARK_KINDS and mark.start < mark.end]
    cuts = {0, len(text)}
    for mark in marks:
        cuts.update((max(0, min(mark.start, len(text))), max(0, min(mark.end, len(text)))))
    points = sorted(cuts)
    pieces: list[str] = []
    for start, end in itertools.pairwise(points):
        active = [mark for mark in marks if mark.start <= start and end <= mark.end]
        pieces.append(_piece(text[start:end], active))
    return "".join(pieces)


def _piece(text: str, active: list[Mark]) -> str:
    if not active:
        return html.escape(text)
    kinds = sorted({mark.kind for mark in active}, key=list(MARK_KINDS).index)
    classes = " ".join(f"rl-{kind}" for kind in kinds)
    label = " | ".join(dict.fromkeys(mark.label for mark in active))
    return (
        f'<span class="{classes}" title="{html.escape(label, quote=True)}">'
        f"{html.escape(text)}</span>"
    )


def document_html(document: dict, marks: Iterable[Mark]) -> str:
    """The whole reader block: title, metadata line, legend and highlighted text (all escaped)."""
    meta = " · ".join(
        html.escape(text)
        for text in (
            as_text(document.get("publisher")),
            _day(document.get("published")),
            as_text(document.get("dateline_place")),
            as_text(document.get("kind")),
        )
        if text
    )
    legend = "".join(
        f'<span class="rl-{kind}">{html.escape(label)}</span>' for kind, label in MARK_KINDS.items()
    )
    return (
        f"<style>{READER_CSS}</style>"
        '<div class="rl-doc">'
        f'<h3 class="rl-title">{html.escape(as_text(document.get("title"), "Untitled"))}</h3>'
        f'<p class="rl-meta">{meta}</p>'
        f'<div class="rl-legend">{legend}</div>'
        f'<div class="rl-text">{highlight_html(as_text(document.get("text")), marks)}</div>'
        "</div>"
    )


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


# ------------------------------------------------------------------------------ streamlit side


def select_document(full: Corpus, shown: Corpus) -> str | None:
    """The document picker over the filtered corpus; ``?doc=<doc_id>`` preselects one."""
    wanted = st.query_params.get(DOC_PARAM)
    options = list(_by_date(shown.documents)["doc_id"])
    if not options:
        return None
    if wanted in set(full.documents["doc_id"]) and wanted not in options:
        st.info("The linked document is hidden by the filter; clear the filter to read it.")
    titles = dict(zip(full.documents["doc_id"], full.documents["title"], strict=True))
    key = f"{KEY}doc"
    if wanted in options and st.session_state.get(key) != wanted:
        st.session_state[key] = wanted
    elif st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    chosen = st.selectbox(
        "Document",
        options,
        format_func=lambda doc_id: f"{as_text(titles.get(doc_id), 'Untitled')} · {doc_id[:8]}",
        key=key,
        on_change=_remember_document,
    )
    st.query_params[DOC_PARAM] = chosen
    return chosen


def _remember_document() -> None:
    st.query_params[DOC_PARAM] = st.session_state[f"{KEY}doc"]


def _by_date(documents: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(
        documents["event_date"].where(documents["event_date"].notna(), documents["published"]),
        errors="coerce",
    )
    return documents.assign(_date=dates).sort_values("_date", na_position="last")


def render_document(corpus: Corpus, doc_id: str) -> None:
    """The highlighted release."""
    document = _document(corpus, doc_id)
    st.html(document_html(document, document_marks(corpus, doc_id)))


def _document(corpus: Corpus, doc_id: str) -> dict:
    rows = corpus.documents[corpus.documents["doc_id"] == doc_id]
    return rows.iloc[0].to_dict()


def render_metadata_editor(corpus: Corpus, doc_id: str) -> None:
    """Fix the document's metadata; the edits are kept across re-parses."""
    document = _document(corpus, doc_id)
    suffix = doc_id[:16]
    with st.form(key=f"{KEY}meta_form_{suffix}"):
        st.text_input("Title", value=as_text(document["title"]), key=f"{KEY}title_{suffix}")
        st.text_input(
            "Publisher", value=as_text(document["publisher"]), key=f"{KEY}publisher_{suffix}"
        )
        left, right = st.columns(2)
        left.date_input(
            "Published",
            value=_date_or_none(document["published"]),
            key=f"{KEY}published_{suffix}",
            min_value=dt.date(1900, 1, 1),
        )
        right.date_input(
            "Event date",
            value=_date_or_none(document["event_date"]),
            key=f"{KEY}event_date_{suffix}",
            min_value=dt.date(1900, 1, 1),
        )
        st.text_input(
            "Dateline",
            value=as_text(document["dateline_place"]),
            key=f"{KEY}dateline_place_{suffix}",
        )
        kinds = list(DOCUMENT_KINDS)
        kind = as_text(document["kind"], "other")
        kind = kind if kind in kinds else "other"
        st.selectbox("Kind", kinds, index=kinds.index(kind), key=f"{KEY}kind_{suffix}")
        st.form_submit_button("Save metadata", on_click=_save_metadata, args=(doc_id,))


EDITABLE_FIELDS = ("title", "publisher", "published", "event_date", "dateline_place", "kind")


def _save_metadata(doc_id: str) -> None:
    corpus = state.get_corpus()
    if corpus is None:
        return
    document = _document(corpus, doc_id)
    workspace = data.get_workspace(state.get_workspace_name())
    changed = []
    for field in EDITABLE_FIELDS:
        value = st.session_state.get(f"{KEY}{field}_{doc_id[:16]}")
        value = value.strip() or None if isinstance(value, str) else value
        if value != _normal(document[field]):
            workspace.set_document_field(doc_id, field, value)
            changed.append(field.replace("_", " "))
    if changed:
        state.set_corpus(workspace.load())
        state.set_flash(f"Saved: {', '.join(changed)}.")
    else:
        state.set_flash("Nothing changed.")


def _normal(value: object) -> object:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return value.strip() or None if isinstance(value, str) else value


def _date_or_none(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def render_speaker_editor(corpus: Corpus, doc_id: str) -> None:
    """Correct who made a statement; the correction is kept across re-parses."""
    statements = corpus.statements[corpus.statements["doc_id"] == doc_id]
    if statements.empty:
        st.caption("No statements were found in this document.")
        return
    labels = {
        row.stmt_id: f"{as_text(row.speaker) or as_text(row.speaker_text, '?')} "
        f"{as_text(row.cue)}: {as_text(row.content)[:90]}"
        for row in statements.itertuples(index=False)
    }
    suffix = doc_id[:16]
    with st.form(key=f"{KEY}speaker_form_{suffix}"):
        st.selectbox("Statement", list(labels), format_func=labels.get, key=f"{KEY}stmt_{suffix}")
        st.text_input("Speaker (full name)", key=f"{KEY}speaker_{suffix}")
        st.form_submit_button("Save speaker", on_click=_save_speaker, args=(doc_id,))


def _save_speaker(doc_id: str) -> None:
    suffix = doc_id[:16]
    stmt_id = st.session_state.get(f"{KEY}stmt_{suffix}")
    speaker = (st.session_state.get(f"{KEY}speaker_{suffix}") or "").strip()
    if not stmt_id or not speaker:
        state.set_flash("Pick a statement and type the speaker's name.")
        return
    workspace = data.get_workspace(state.get_workspace_name())
    workspace.set_statement_speaker(stmt_id, speaker)
    state.set_corpus(workspace.load())
    st.session_state[f"{KEY}speaker_{suffix}"] = ""
    state.set_flash(f"Saved: the statement is now attributed to {speaker}.")


def render_flash() -> None:
    """Show once what the last save did."""
    message = state.pop_flash()
    if message:
        st.toast(message, icon=":material/check:")


def render_document_tables(corpus: Corpus, doc_id: str) -> None:
    """The document's rows in each table, each with CSV and XLSX downloads."""
    statements = corpus.statements[corpus.statements["doc_id"] == doc_id]
    actor_ids = set(statements["actor_id"].dropna())
    frames = {
        "Statements": statements.drop(columns=["doc_id"]),
        "Entities": corpus.entities[corpus.entities["doc_id"] == doc_id].drop(columns=["doc_id"]),
        "Topic mentions": corpus.topic_mentions[corpus.topic_mentions["doc_id"] == doc_id].drop(
            columns=["doc_id"]
        ),
        "Actors": corpus.actors[corpus.actors["actor_id"].isin(actor_ids)],
        "Document": _document_fields(corpus, doc_id),
    }
    tabs = st.tabs([f"{name} ({len(frame)})" for name, frame in frames.items()])
    for tab, (name, frame) in zip(tabs, frames.items(), strict=True):
        with tab:
            key = name.lower().replace(" ", "_")
            downloads.render_table(frame, key=f"{KEY}{key}", name=f"{doc_id[:8]}-{key}")


def _document_fields(corpus: Corpus, doc_id: str) -> pd.DataFrame:
    document = corpus.documents[corpus.documents["doc_id"] == doc_id].drop(columns=["text"])
    row = document.iloc[0]
    return pd.DataFrame(
        {"field": list(document.columns), "value": [_cell(row[column]) for column in document]}
    )


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return "" if value is None or (not hasattr(value, "__len__") and pd.isna(value)) else str(value)
