"""Download bytes: charts as PNG, SVG and HTML; tables as CSV and XLSX; the corpus as a zip.

No streamlit here: the download buttons (``components.downloads``) call these only when clicked.

PNG and SVG are drawn by kaleido in Debian's Chromium through ONE persistent kaleido server per
process; the server is not safe for concurrent callers, so every call holds a lock. Exports use an
explicit template: importing Streamlit's plotly element makes "streamlit" the default template,
whose colours are placeholders (#000001, ...) that only the browser app resolves, so a figure built
in the app would otherwise come out black in a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import threading
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core import store
from core.schema import TABLES, Corpus

EXPORT_TEMPLATE = "plotly_white"
DEFAULT_SIZE = (1100, 600)  # pixels, for figures that do not set their own width/height
IMAGE_TIMEOUT_S = 90.0  # the first image also starts Chromium (about 3 s on a quiet machine)
LIST_SEPARATOR = "; "
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell

# Streamlit's placeholder colours (streamlit/elements/lib/streamlit_plotly_theme.py)
_PLACEHOLDER = re.compile(r"#0000[0-9]{2}")
_CATEGORY, _SEQUENTIAL, _DIVERGING = range(1, 11), range(11, 21), range(21, 31)
_FIXED_COLOURS = {  # increasing, decreasing, total, greys, background (as plotly_white draws them)
    32: "#3D9970",
    33: "#FF4136",
    34: "#4499FF",
    36: "#506784",
    37: "#2a3f5f",
    38: "#FFFFFF",
    39: "#EBF0F8",
    40: "#C8D4E3",
}
_FALLBACK_COLOUR = "#506784"

_KALEIDO_LOCK = threading.Lock()
T = TypeVar("T")


class ImageExportError(RuntimeError):
    """A chart could not be drawn as PNG or SVG; the message says why, for an analyst."""


# ---------------------------------------------------------------- charts


def export_copy(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` with the explicit export template and real colours.

    Placeholder colours that the Streamlit template baked into traces are replaced by the export
    template's own colours (category i -> colourway i, scales -> the template's scales).
    """
    spec = go.Figure(fig).to_dict()
    spec.get("layout", {}).pop("template", None)
    spec = _replace_placeholders(spec, _placeholder_colours(), colour_key=False)
    copy = go.Figure(spec)
    copy.update_layout(template=EXPORT_TEMPLATE)
    return copy


def figure_png(fig: go.Figure, *, scale: float = 2) -> bytes:
    """The chart as PNG (``scale`` 2 gives a sharp image for slides).

    Raises:
        ImageExportError: Chromium is missing or could not draw the image.
    """
    return _render_image(export_copy(fig), "png", scale=scale)


def figure_svg(fig: go.Figure) -> bytes:
    """The chart as SVG.

    Raises:
        ImageExportError: Chromium is missing or could not draw the image.
    """
    return _render_image(export_copy(fig), "svg", scale=1)


def figure_html(fig: go.Figure) -> bytes:
    """The chart as one standalone HTML file with plotly.js inlined (opens offline)."""
    html = export_copy(fig).to_html(
        include_plotlyjs=True, full_html=True, config={"displaylogo": False}
    )
    return html.encode("utf-8")


def image_export_status() -> tuple[bool, str]:
    """Whether PNG/SVG export can work here, and, when not, why in an analyst's words."""
    configured = os.environ.get("BROWSER_PATH")
    if _browser_path() is not None:
        return True, ""
    if configured:
        return False, (
            f"Charts cannot be saved as PNG or SVG: BROWSER_PATH is set to {configured}, "
            "which is not a Chromium or Chrome program. HTML and data downloads still work."
        )
    return False, (
        "Chromium is not installed, so charts cannot be saved as PNG or SVG "
        "(HTML and data downloads still work). Install it with: apt-get install chromium"
    )


def stop_image_server() -> None:
    """Stop this process's kaleido server and its Chromium (it also stops at exit)."""
    import kaleido

    with _KALEIDO_LOCK:
        if _server_running():
            kaleido.stop_sync_server(silence_warnings=True)
        _end_browsers(_KALEIDO_BROWSERS)
        _KALEIDO_BROWSERS.clear()


# Chromium processes the export server started (found by comparing the Chromium processes
# below this one before and after its first image): kaleido's own shutdown sometimes leaves
# one running.
_KALEIDO_BROWSERS: set[int] = set()
BROWSER_EXIT_WAIT_S = 5.0


def _browser_children() -> set[int]:
    """Chromium processes below this one, at any depth (kaleido starts Chromium through a
    wrapper process), read from /proc (Linux; an empty set elsewhere)."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended while we looked
            continue
        pid = int(stat.parent.name)
        names[pid] = text[text.index("(") + 1 : text.rindex(")")]
        children.setdefault(int(text[text.rindex(")") + 2 :].split()[1]), []).append(pid)
    found, todo = set(), [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if "chrom" in names[child].lower():
                found.add(child)
    return found


def _end_browsers(pids: set[int]) -> None:
    """Ask the given browser processes to stop; kill those still there after a short wait."""
    import signal

    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        alive = [pid for pid in pids if _alive(pid)]
        for pid in alive:
            with contextlib.suppress(OSError):  # already gone
                os.kill(pid, signal_number)
        ends = time.monotonic() + BROWSER_EXIT_WAIT_S
        while time.monotonic() < ends and any(_alive(pid) for pid in alive):
            time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap our own child if it has ended
        if waited == pid:
            return False
    except ChildProcessError:  # not our child (or already reaped)
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _render_image(fig: go.Figure, image_format: str, *, scale: float) -> bytes:
    available, reason = image_export_status()
    if not available:
        raise ImageExportError(reason)
    import kaleido  # on use: only image downloads need it

    layout = fig.layout
    width = layout.width or DEFAULT_SIZE[0]
    height = layout.height or DEFAULT_SIZE[1]
    with _KALEIDO_LOCK, warnings.catch_warnings():
        # plotly always passes default headers, which the persistent server ignores
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        starting = not _server_running()
        before = _browser_children() if starting else set()
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # no-op when running
        try:
            return _watched(
                lambda: fig.to_image(format=image_format, width=width, height=height, scale=scale)
            )
        finally:
            if starting:
                _KALEIDO_BROWSERS.update(_browser_children() - before)


def _watched(job: Callable[[], T]) -> T:
    """Run ``job`` while watching the kaleido server, which would otherwise hang forever when
    Chromium cannot start or dies (its callers wait on a queue nobody serves)."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = job()
        except Exception as error:  # handed to the waiting thread below
            outcome["error"] = error

    worker = threading.Thread(target=work, name="chart-image-export", daemon=True)
    worker.start()
    deadline = time.monotonic() + IMAGE_TIMEOUT_S
    while worker.is_alive():
        worker.join(timeout=0.1)
        if worker.is_alive() and not _server_thread_alive():
            _forget_dead_server()
            raise ImageExportError(
                "Chromium could not be started to draw the chart (it may be damaged or missing "
                "system libraries). HTML and data downloads still work."
            )
        if worker.is_alive() and time.monotonic() > deadline:
            raise ImageExportError("Drawing the chart took too long; try again.")
    if "error" in outcome:
        raise ImageExportError(
            f"The chart could not be drawn ({type(outcome['error']).__name__})."
        ) from outcome["error"]
    return outcome["value"]


def _server() -> Any:
    import kaleido

    return getattr(kaleido, "_global_server", None)


def _server_running() -> bool:
    server = _server()
    return bool(server is not None and server.is_running())


def _server_thread_alive() -> bool:
    thread = getattr(_server(), "_thread", None)
    return thread is None or thread.is_alive()


def _forget_dead_server() -> None:
    import kaleido

    kaleido.stop_sync_server(silence_warnings=True)  # the thread is dead: this returns at once


def _browser_path() -> str | None:
    """The Chromium kaleido would start (BROWSER_PATH first, then PATH), read at call time."""
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    if found and Path(found).is_file() and os.access(found, os.X_OK):
        return str(found)
    return None


def _placeholder_colours() -> dict[int, str]:
    layout = pio.templates[EXPORT_TEMPLATE].layout
    colourway = list(layout.colorway)
    colours = {n: colourway[i % len(colourway)] for i, n in enumerate(_CATEGORY)}
    colours |= _scale_colours(layout.colorscale.sequential, _SEQUENTIAL)
    colours |= _scale_colours(layout.colorscale.diverging, _DIVERGING)
    return colours | _FIXED_COLOURS


def _scale_colours(scale: Any, numbers: range) -> dict[int, str]:
    """The scale's stop nearest to each evenly spaced placeholder position."""
    stops = [(float(position), colour) for position, colour in scale]
    last = len(numbers) - 1
    return {
        n: min(stops, key=lambda stop, p=i / last: abs(stop[0] - p))[1]
        for i, n in enumerate(numbers)
    }


def _replace_placeholders(value: Any, colours: dict[int, str], *, colour_key: bool) -> Any:
    """Swap placeholder colours, only under colour keys (color, colorscale, bgcolor, ...)."""
    if isinstance(value, dict):
        return {
            key: _replace_placeholders(
                item, colours, colour_key=colour_key or "color" in str(key).lower()
            )
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_replace_placeholders(item, colours, colour_key=colour_key) for item in value]
    if isinstance(value, np.ndarray) and value.dtype == object and colour_key:
        return [_replace_placeholders(item, colours, colour_key=True) for item in value]
    if colour_key and isinstance(value, str) and _PLACEHOLDER.fullmatch(value):
        return colours.get(int(value[1:]), _FALLBACK_COLOUR)
    return value


# ---------------------------------------------------------------- tables


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as flat text cells: lists joined with "; ", dates and times as ISO text."""
    plain = frame.copy()
    for column in plain.columns:
        values = plain[column]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            plain[column] = pd.Series(
                [None if pd.isna(v) else v.isoformat() for v in values],
                index=values.index,
                dtype=object,
            )
        elif values.dtype == object:
            plain[column] = values.map(_plain_cell).astype(object)
    return plain


def frame_csv(frame: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV (lists joined with "; ", dates ISO)."""
    return plain_frame(frame).to_csv(index=False).encode("utf-8")


def frame_xlsx(frame: pd.DataFrame, *, sheet: str = "data") -> bytes:
    """The rows as an Excel workbook; text stays text (a cell starting "=" is not a formula).

    Raises:
        ValueError: more rows than a worksheet holds.
    """
    if len(frame) > XLSX_MAX_ROWS:
        raise ValueError(
            f"{len(frame):,} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS:,} at most); "
            "download CSV instead, or filter first."
        )
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.append([_xlsx_cell(worksheet, str(column)) for column in frame.columns])
    for row in plain_frame(frame).itertuples(index=False, name=None):
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def corpus_zip(corpus: Corpus) -> bytes:
    """Every table of the corpus as ``<table>.parquet`` and ``<table>.csv`` in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            frame = corpus.table(table)
            parquet = io.BytesIO()
            pq.write_table(store.to_arrow(table, frame), parquet)
            # Parquet is compressed already
            archive.writestr(f"{table}.parquet", parquet.getvalue(), zipfile.ZIP_STORED)
            archive.writestr(f"{table}.csv", frame_csv(frame))
    return buffer.getvalue()


def _plain_cell(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dt.date):  # datetime and pd.Timestamp too
        return value.isoformat()
    return value


def _xlsx_cell(worksheet: Any, value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL]
        if not text.startswith("="):
            return text
        cell = WriteOnlyCell(worksheet, value=text)
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        return cell
    return value
