"""Charts and tables with their download buttons; bytes are built only when a button is clicked."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"
VIEW_ROWS = 1000  # rows a table shows on screen; its downloads always have every row


def render_chart(
    fig: go.Figure, data: pd.DataFrame, *, key: str, name: str, **chart_kwargs: Any
) -> Any:
    """Draw a chart with PNG, SVG, HTML and CSV (the rows it shows) downloads.

    Returns what ``st.plotly_chart`` returns (the selection state when ``on_select`` is set).
    """
    event = st.plotly_chart(fig, key=f"{key}_chart", **chart_kwargs)
    available, reason = _image_status()
    stem = file_stem(name)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.download_button(
        "PNG",
        lambda: _export().figure_png(fig),
        f"{stem}.png",
        "image/png",
        key=f"{key}_png",
        on_click="ignore",
        disabled=not available,
        help=reason or None,
    )
    row.download_button(
        "SVG",
        lambda: _export().figure_svg(fig),
        f"{stem}.svg",
        "image/svg+xml",
        key=f"{key}_svg",
        on_click="ignore",
        disabled=not available,
        help=reason or None,
    )
    row.download_button(
        "HTML",
        lambda: _export().figure_html(fig),
        f"{stem}.html",
        "text/html",
        key=f"{key}_html",
        on_click="ignore",
    )
    row.download_button(
        "CSV",
        lambda: _export().frame_csv(data),
        f"{stem}.csv",
        CSV_MIME,
        key=f"{key}_csv",
        on_click="ignore",
        help="The rows this chart shows.",
    )
    if not available:
        row.caption(reason)
    return event


def render_table(
    frame: pd.DataFrame,
    *,
    key: str,
    name: str,
    max_rows: int = VIEW_ROWS,
    **dataframe_kwargs: Any,
) -> Any:
    """Draw a table (its first ``max_rows`` rows) with CSV and XLSX downloads of all its rows.

    Returns what ``st.dataframe`` returns (the selection state when ``on_select`` is set; the
    selected row positions are those of ``frame``, whose first rows are the ones shown).
    """
    dataframe_kwargs.setdefault("hide_index", True)
    # sending every row of a large table to the browser is what makes such a page slow
    shown = frame.head(max_rows) if len(frame) > max_rows else frame
    event = st.dataframe(shown, key=f"{key}_table", **dataframe_kwargs)
    if len(shown) < len(frame):
        st.caption(
            f"Showing the first {len(shown):,} of {len(frame):,} rows; "
            "the CSV and XLSX downloads have all of them."
        )
    stem = file_stem(name)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.download_button(
        "CSV",
        lambda: _export().frame_csv(frame),
        f"{stem}.csv",
        CSV_MIME,
        key=f"{key}_csv",
        on_click="ignore",
    )
    row.download_button(
        "XLSX",
        lambda: _export().frame_xlsx(frame),
        f"{stem}.xlsx",
        XLSX_MIME,
        key=f"{key}_xlsx",
        on_click="ignore",
    )
    return event


def render_corpus_download(corpus: Any, *, key: str, name: str = "readout-lens-corpus") -> None:
    """One button: the whole corpus as a zip of Parquet and CSV files."""
    st.download_button(
        "Download the whole corpus (zip of Parquet and CSV)",
        lambda: _export().corpus_zip(corpus),
        f"{file_stem(name)}.zip",
        ZIP_MIME,
        key=f"{key}_zip",
        on_click="ignore",
        icon=":material/download:",
    )


def file_stem(name: str) -> str:
    """A safe file name stem for downloads ("Statements per speaker" -> statements-per-speaker)."""
    stem = re.sub(r"[^\w]+", "-", name.lower(), flags=re.ASCII).strip("-")
    return stem or "download"


def _image_status() -> tuple[bool, str]:
    try:
        export = _export()
    except ImportError:
        return False, "Chart export is not installed in this build."
    return export.image_export_status()


def _export():  # -> module components.export
    # imported on use: the export module (kaleido, plotly.io) is only needed for downloads
    from components import export

    return export
