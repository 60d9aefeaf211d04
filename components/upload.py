"""Home: turning uploads, pasted text and the example corpus into stored documents."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from components import data, downloads, state, workspaces
from components.layout import as_text, md_escape
from core.filtering import document_dates
from core.schema import Corpus, Problem

UPLOADER_KEY = "home_uploader"
PASTE_KEY = "home_paste"


def uploader_key() -> str:
    """The uploader's key; a new workspace gets a fresh, empty uploader."""
    generation = st.session_state.get(state.UPLOADER_GENERATION, 0)
    return UPLOADER_KEY if generation == 0 else f"{UPLOADER_KEY}_{generation}"


def select_uploads() -> list[tuple[str, bytes]]:
    """The drag-and-drop box; returns the dropped files as (name, bytes)."""
    files = st.file_uploader(
        "Drop releases here (txt, md, html, pdf, docx, eml, or a zip of them)",
        type=list(data.READABLE_EXTENSIONS),
        accept_multiple_files=True,
        key=uploader_key(),
    )
    return [(file.name, file.getvalue()) for file in files or []]


def select_pasted() -> list[tuple[str, bytes]]:
    """The paste box; returns the pasted release as one text file when submitted."""
    with st.form(key=f"{PASTE_KEY}_form", clear_on_submit=True):
        text = st.text_area(
            "Or paste the text of a release",
            key=f"{PASTE_KEY}_text",
            height=150,
            placeholder="Title\n\nBEIJING, May 4 -- The minister said that ...",
        )
        submitted = st.form_submit_button("Add pasted text")
    if not submitted or not text.strip():
        return []
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return [(f"pasted-{digest}.txt", text.encode("utf-8"))]


def ingest(files: Sequence[tuple[str, bytes]], *, source: str = "upload") -> None:
    """Parse the files not stored yet in this session, store them, and refresh the corpus."""
    seen = state.get_ingested()
    new = [(name, content) for name, content in files if _signature(name, content) not in seen]
    if not new:
        return
    workspace = workspaces.open_current()
    if workspace is None:  # held by another process: the reason is shown, nothing is lost
        return
    progress = st.progress(0.0, text="Preparing…")

    def show(done: int, total: int, name: str) -> None:
        verb = "Parsed" if done == total else "Parsing"
        step = done if done == total else done + 1
        progress.progress(done / total, text=f"{verb} {step} of {total}: {md_escape(name)}")

    problems, report = data.parse_and_store(new, workspace, on_progress=show)
    progress.empty()
    seen.update(_signature(name, content) for name, content in new)
    state.set_corpus(workspace.load())
    state.set_problems(problems + list(report.failed))
    state.set_last_ingest(
        f"{source.capitalize()}: {len(new)} file(s) read, {len(report.added)} new document(s) "
        f"stored, {len(report.skipped)} already stored, "
        f"{len(problems) + len(report.failed)} problem(s)."
    )
    st.rerun()  # the sidebar (filter choices, date span) was drawn from the old corpus


def _signature(name: str, content: bytes) -> tuple[str, str]:
    return name, hashlib.sha256(content).hexdigest()


def render_example_button() -> None:
    """ "Load example corpus", or a plain note when none is installed."""
    examples = data.example_files()
    clicked = st.button(
        "Load example corpus",
        key="home_examples",
        icon=":material/auto_stories:",
        disabled=not examples,
        help=f"{len(examples)} invented releases from data/examples/." if examples else None,
    )
    if not examples:
        st.caption("There is no example corpus in this installation (data/examples/ is empty).")
    if clicked:
        ingest(examples, source="example corpus")


def render_last_ingest() -> None:
    """The summary line of the last ingest and the problems it met."""
    summary = state.get_last_ingest()
    if summary:
        st.success(summary, icon=":material/check_circle:")
    render_problems(state.get_problems())


def render_problems(problems: Iterable[Problem]) -> None:
    """Files that could not be used: a warning and a table (file, what went wrong)."""
    problems = list(problems)
    if not problems:
        return
    st.warning(
        f"{len(problems)} file(s) could not be used. They were skipped; everything else "
        "was stored.",
        icon=":material/warning:",
    )
    frame = pd.DataFrame(
        [{"file": problem.filename, "what went wrong": problem.message} for problem in problems]
    )
    st.dataframe(frame, hide_index=True, key="home_problems")


def corpus_summary(corpus: Corpus) -> dict[str, str]:
    """The numbers the Home page shows: documents, date span, publishers, speakers, ..."""
    dates = sorted(day for day in document_dates(corpus.documents) if isinstance(day, dt.date))
    span = f"{dates[0]:%b %Y} – {dates[-1]:%b %Y}" if dates else "no dates"
    topics = set(corpus.topic_mentions["topic"].dropna())
    return {
        "Documents": str(len(corpus.documents)),
        "Date span": span,
        "Publishers": str(corpus.documents["publisher"].dropna().nunique()),
        "Speakers": str(corpus.statements["speaker"].dropna().nunique()),
        "Statements": str(len(corpus.statements)),
        "Topics": str(len(topics)),
    }


def render_summary(corpus: Corpus) -> None:
    """The whole corpus in numbers, and its download (a zip of Parquet and CSV)."""
    summary = corpus_summary(corpus)
    widths = [2.6 if label == "Date span" else 1 for label in summary]
    for column, (label, value) in zip(st.columns(widths), summary.items(), strict=True):
        column.metric(label, value)
    downloads.render_corpus_download(corpus, key="home_corpus")


def render_documents(shown: Corpus) -> None:
    """The documents the filter keeps, one row each, with CSV and XLSX downloads."""
    downloads.render_table(
        document_overview(shown), key="home_documents", name="documents", height=320
    )


def document_overview(corpus: Corpus) -> pd.DataFrame:
    """One row per document: what an analyst scans to check an upload."""
    documents = corpus.documents
    counts = corpus.statements.groupby("doc_id").size()
    overview = pd.DataFrame(
        {
            "title": documents["title"],
            "publisher": documents["publisher"],
            "date": document_dates(documents),
            "kind": documents["kind"],
            "statements": documents["doc_id"].map(counts).fillna(0).astype(int),
            "topics": documents["topics"].map(_join),
            "filename": documents["filename"],
            "doc_id": documents["doc_id"],
        }
    )
    return overview.sort_values("date", key=_date_key, na_position="last").reset_index(drop=True)


def render_delete_documents(corpus: Corpus) -> None:
    """Pick documents and delete them from the workspace."""
    titles = dict(zip(corpus.documents["doc_id"], _labels(corpus.documents), strict=True))
    with st.form(key="home_delete_form", border=False):
        chosen = st.multiselect(
            "Documents to delete",
            options=list(titles),
            format_func=titles.get,
            key="home_delete_docs",
        )
        if st.form_submit_button("Delete selected documents", icon=":material/delete:") and chosen:
            workspace = data.get_workspace(state.get_workspace_name())
            removed = workspace.delete_documents(list(chosen))
            state.set_corpus(workspace.load())
            state.set_last_ingest(f"Deleted {removed} document(s).")
            st.rerun()


def _labels(documents: pd.DataFrame) -> list[str]:
    return [
        f"{as_text(title) or as_text(filename, 'Untitled')} ({str(doc_id)[:8]})"
        for title, filename, doc_id in zip(
            documents["title"], documents["filename"], documents["doc_id"], strict=True
        )
    ]


def _join(values: object) -> str:
    if values is None or isinstance(values, float):
        return ""
    return "; ".join(str(value) for value in values)


def _date_key(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, errors="coerce")
