"""Download bytes: PNG/SVG through one kaleido server, standalone HTML, CSV, XLSX, corpus zip."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal
from PIL import Image

from bench.store_speed import synthetic_corpus
from components import export
from core import store
from core.schema import TABLES, Corpus
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"#0000[0-9]{2}\b")


def descendants(pid: int) -> list[tuple[int, str, str]]:
    """(pid, name, state) of every live process below ``pid`` (from /proc)."""
    parents: dict[int, list[int]] = {}
    info: dict[int, tuple[str, str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        state, ppid = text[text.rindex(")") + 2 :].split()[:2]
        child = int(stat.parent.name)
        parents.setdefault(int(ppid), []).append(child)
        info[child] = (name, state)
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append((child, *info[child]))
            todo.append(child)
    return [entry for entry in found if entry[2] != "Z"]


@pytest.fixture(scope="session")
def image_server():
    """One kaleido server (and Chromium) for the whole test session, stopped at the end."""
    available, reason = export.image_export_status()
    if not available:
        pytest.skip(reason)
    # browsers other session fixtures started (the e2e tests' Playwright) are not ours to check
    before = {p[0] for p in descendants(os.getpid())}
    yield
    export.stop_image_server()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        left = [
            p for p in descendants(os.getpid()) if "chrom" in p[1].lower() and p[0] not in before
        ]
        if not left:
            break
        time.sleep(0.2)
    assert left == [], f"Chromium still running after the server stopped: {left}"


@pytest.fixture
def streamlit_template():
    """The default template as the app has it: importing Streamlit's plotly element sets it."""
    before = pio.templates.default
    import streamlit  # noqa: F401
    from streamlit.elements import plotly_chart  # noqa: F401
    from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

    configure_streamlit_plotly_theme()  # again, in case a test reset the default since
    assert pio.templates.default == "streamlit"
    yield
    pio.templates.default = before


def bars() -> go.Figure:
    frame = pd.DataFrame(
        {"speaker": ["Arlen Vosk", "Mira Tallis", "Ilse Brann"], "n": [5, 3, 4]}
    ).assign(side=["Veldora", "Ostrava Isles", "Veldora"])
    return px.bar(frame, x="speaker", y="n", color="side", title="Statements per speaker")


def heatmap() -> go.Figure:
    return px.imshow(np.arange(12).reshape(3, 4), title="Speaker × topic")


def decode_png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def assert_real_picture(image: Image.Image) -> None:
    pixels = np.asarray(image).reshape(-1, 3)
    colours = {tuple(p) for p in pixels[:: max(1, len(pixels) // 20000)]}
    assert len(colours) > 5, "the image is (nearly) one colour"
    dark = (pixels.max(axis=1) < 40).mean()
    assert dark < 0.2, f"{dark:.0%} of the image is black"
    assert tuple(pixels[0]) == (255, 255, 255)  # plotly_white's paper


# ---------------------------------------------------------------- the export copy


@pytest.mark.usefixtures("streamlit_template")
@pytest.mark.parametrize("build", [bars, heatmap], ids=["discrete", "continuous"])
def test_export_copy_has_real_colours_and_the_export_template(build):
    fig = build()
    assert PLACEHOLDER.search(fig.to_json())  # what the Streamlit template bakes in
    copy = export.export_copy(fig)
    assert not PLACEHOLDER.search(copy.to_json())
    assert copy.layout.template == pio.templates[export.EXPORT_TEMPLATE]
    assert [trace.type for trace in copy.data] == [trace.type for trace in fig.data]
    assert PLACEHOLDER.search(fig.to_json())  # the on-screen figure is left as it was


def test_export_copy_keeps_explicit_colours_and_data():
    fig = go.Figure(go.Bar(x=["#000005", "b"], y=[1, 2], marker={"color": ["#123456", "red"]}))
    copy = export.export_copy(fig)
    assert list(copy.data[0].x) == ["#000005", "b"]  # a label that looks like a placeholder
    assert list(copy.data[0].marker.color) == ["#123456", "red"]


# ---------------------------------------------------------------- PNG and SVG


@pytest.mark.usefixtures("image_server", "streamlit_template")
def test_png_of_a_figure_built_under_the_streamlit_template_is_not_black():
    image = decode_png(export.figure_png(bars()))
    assert image.size == (2 * export.DEFAULT_SIZE[0], 2 * export.DEFAULT_SIZE[1])
    assert_real_picture(image)
    assert_real_picture(decode_png(export.figure_png(heatmap(), scale=1)))


@pytest.mark.usefixtures("image_server")
def test_png_keeps_the_figure_size_and_scale():
    fig = bars().update_layout(width=500, height=300)
    assert decode_png(export.figure_png(fig, scale=1)).size == (500, 300)
    assert decode_png(export.figure_png(fig)).size == (1000, 600)


@pytest.mark.usefixtures("image_server")
def test_svg_is_an_svg_document():
    svg = export.figure_svg(bars())
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"Arlen Vosk" in svg
    assert not PLACEHOLDER.search(svg.decode())


@pytest.mark.usefixtures("image_server")
def test_concurrent_downloads_each_get_their_own_image():
    sizes = [(300 + 40 * n, 200 + 20 * n) for n in range(4)]
    results: dict[int, bytes] = {}

    def draw(n: int) -> None:
        width, height = sizes[n]
        fig = bars().update_layout(width=width, height=height)
        results[n] = export.figure_png(fig, scale=1) if n % 2 else export.figure_svg(fig)

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for n, (width, height) in enumerate(sizes):
        if n % 2:
            assert decode_png(results[n]).size == (width, height)
        else:
            root = ElementTree.fromstring(results[n])
            assert (root.get("width"), root.get("height")) == (str(width), str(height))


# ---------------------------------------------------------------- without Chromium


def test_missing_chromium_is_said_plainly_and_html_still_works(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    available, reason = export.image_export_status()
    assert not available
    assert "BROWSER_PATH" in reason
    assert "/nowhere/chromium" in reason
    assert "HTML and data downloads still work" in reason
    started = time.monotonic()
    with pytest.raises(export.ImageExportError, match="PNG or SVG"):
        export.figure_png(bars())
    with pytest.raises(export.ImageExportError, match="PNG or SVG"):
        export.figure_svg(bars())
    assert time.monotonic() - started < 5
    assert export.figure_html(bars()).lower().startswith(b"<!doctype html>")
    assert export.frame_csv(pd.DataFrame({"a": [1]})) == b"a\n1\n"


def test_no_chromium_anywhere_names_the_install_command(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(export, "_browser_path", lambda: None)
    available, reason = export.image_export_status()
    assert not available
    assert reason.startswith("Chromium is not installed")
    assert "apt-get install chromium" in reason


BROKEN_BROWSER = """
    import time
    import plotly.graph_objects as go
    from components import export
    started = time.monotonic()
    try:
        export.figure_png(go.Figure(go.Bar(y=[1, 2])))
    except export.ImageExportError as error:
        print(f"refused after {time.monotonic() - started:.0f} s: {error}")
"""


def test_a_browser_that_cannot_start_gives_an_error_not_a_hang(tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(BROKEN_BROWSER)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BROWSER_PATH": str(broken)},
        capture_output=True,
        text=True,
        timeout=150,
        check=True,
    )
    assert "refused after" in result.stdout, result.stderr
    assert "Chromium could not be started" in result.stdout


# ---------------------------------------------------------------- HTML


def test_html_is_standalone_and_offline():
    html = export.figure_html(bars()).decode("utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert html.rstrip().endswith("</html>")
    assert "Plotly.newPlot" in html
    assert len(html) > 1_000_000  # plotly.js itself is inside
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?https?:", html, flags=re.IGNORECASE)
    assert "Arlen Vosk" in html


@pytest.mark.usefixtures("streamlit_template")
def test_html_of_a_streamlit_template_figure_has_real_colours():
    html = export.figure_html(bars()).decode("utf-8")
    payload = html[html.index("Plotly.newPlot") :]
    assert not PLACEHOLDER.search(payload)
    assert "#636efa" in payload


# ---------------------------------------------------------------- CSV and XLSX


def awkward_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "speaker": pd.array(["Arlen Vosk", 'Mira "the envoy" Tallis', None], dtype="string"),
            "content": ["one, two\nthree", '=HYPERLINK("http://x")', "Ünïcödé — 和平"],
            "topics": [["grain corridor", "sanctions"], [], None],
            "date": [dt.date(2024, 2, 29), None, dt.date(2023, 1, 1)],
            "ingested_at": pd.to_datetime(
                ["2025-05-01T12:00:00Z", None, "2025-05-02T08:30:00Z"], utc=True
            ),
            "start": pd.array([1, None, 3], dtype="Int64"),
            "confidence": [0.5, float("nan"), 1.0],
        }
    )


EXPECTED_TEXT = {
    "speaker": ["Arlen Vosk", 'Mira "the envoy" Tallis', None],
    "content": ["one, two\nthree", '=HYPERLINK("http://x")', "Ünïcödé — 和平"],
    "topics": ["grain corridor; sanctions", None, None],
    "date": ["2024-02-29", None, "2023-01-01"],
    "ingested_at": ["2025-05-01T12:00:00+00:00", None, "2025-05-02T08:30:00+00:00"],
}


def text_column(values: pd.Series) -> list:
    return [None if pd.isna(value) or value == "" else value for value in values]


def test_csv_round_trips_with_lists_joined_and_dates_iso():
    back = pd.read_csv(io.BytesIO(export.frame_csv(awkward_frame())), keep_default_na=False)
    assert list(back.columns) == list(awkward_frame().columns)
    for column, expected in EXPECTED_TEXT.items():
        assert text_column(back[column]) == expected, column
    numbers = pd.read_csv(io.BytesIO(export.frame_csv(awkward_frame())))
    assert text_column(numbers["start"]) == [1, None, 3]
    assert text_column(numbers["confidence"]) == [0.5, None, 1.0]


def test_xlsx_round_trips_and_keeps_text_as_text():
    data = export.frame_xlsx(awkward_frame())
    back = pd.read_excel(io.BytesIO(data))
    for column, expected in EXPECTED_TEXT.items():
        assert text_column(back[column]) == expected, column
    assert text_column(back["start"]) == [1, None, 3]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["B3"].value.startswith("=HYPERLINK")
    assert sheet["B3"].data_type == "s"  # not a formula


def test_xlsx_drops_control_characters_and_caps_cell_length():
    frame = pd.DataFrame({"text": ["bell\x07 and null\x00 gone", "x" * 40_000]})
    back = pd.read_excel(io.BytesIO(export.frame_xlsx(frame)))
    assert list(back["text"].str.len()) == [len("bell and null gone"), export.XLSX_MAX_CELL]
    assert back["text"][0] == "bell and null gone"


def test_xlsx_refuses_more_rows_than_a_sheet_holds(monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 3)
    with pytest.raises(ValueError, match="do not fit in one Excel sheet"):
        export.frame_xlsx(pd.DataFrame({"a": range(4)}))


def test_empty_tables_export():
    empty = Corpus().statements
    assert export.frame_csv(empty).decode().strip().split(",")[:2] == ["stmt_id", "doc_id"]
    assert list(pd.read_excel(io.BytesIO(export.frame_xlsx(empty))).columns)[:2] == [
        "stmt_id",
        "doc_id",
    ]


# ---------------------------------------------------------------- the corpus zip


@pytest.mark.parametrize("corpus", [synthetic_corpus(6), Corpus()], ids=["filled", "empty"])
def test_corpus_zip_holds_every_table_as_parquet_and_csv(corpus):
    archive = zipfile.ZipFile(io.BytesIO(export.corpus_zip(corpus)))
    assert archive.testzip() is None
    expected = {f"{table}.{suffix}" for table in TABLES for suffix in ("parquet", "csv")}
    assert set(archive.namelist()) == expected
    for table in TABLES:
        frame = corpus.table(table)
        parquet = pq.read_table(io.BytesIO(archive.read(f"{table}.parquet")))
        assert_frame_equal(store.from_arrow(table, parquet), frame, obj=table)
        csv = pd.read_csv(io.BytesIO(archive.read(f"{table}.csv")), dtype=str)
        assert list(csv.columns) == list(frame.columns)
        assert len(csv) == len(frame)
        if "doc_id" in frame:
            assert list(csv["doc_id"]) == list(frame["doc_id"])


def test_browsers_left_running_are_ended():
    """stop_image_server ends the Chromium processes kaleido left behind: TERM, then KILL."""
    import subprocess
    import sys

    stubborn = subprocess.Popen(  # ignores TERM, as a hung browser may
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
        ]
    )
    polite = subprocess.Popen(["sleep", "60"])
    time.sleep(0.3)
    export._end_browsers({stubborn.pid, polite.pid})
    assert stubborn.poll() is not None
    assert polite.poll() is not None
