"""The app in a real browser: upload every format, visit every page, filter, download.

The tests of this module run in order in one browser tab (one analyst's session).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from components.layout import installed_pages
from tests.app.test_home import every_format_upload
from tests.e2e.conftest import IDLE

pytestmark = pytest.mark.e2e

TIMINGS: dict[str, float] = {}  # seconds, written to test-output/e2e/timings.json
CHOSEN: dict[str, str] = {}  # what the filter test picked, for the download test


@pytest.fixture(scope="module", autouse=True)
def record_timings(output_dir: Path):
    yield
    rounded = {name: round(seconds, 2) for name, seconds in TIMINGS.items()}
    (output_dir / "timings.json").write_text(json.dumps(rounded, indent=2))


SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const pending = document.querySelector(
        '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]');
    return app && app.dataset.testScriptState === "notRunning" && !pending;
}"""


def wait_idle(page: Page) -> None:
    """Wait until the script run is over and no element is still a placeholder."""
    page.locator(IDLE).wait_for()
    page.wait_for_function(SETTLED)


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def open_page(page: Page, label: str) -> float:
    """Click the page in the sidebar; return seconds until it has finished drawing."""
    started = time.perf_counter()
    sidebar(page).get_by_role("link", name=label, exact=True).click()
    heading = "Readout Lens" if label == "Home / Upload" else label
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    wait_idle(page)
    charts = page.get_by_test_id("stPlotlyChart")
    for index in range(charts.count()):
        charts.nth(index).locator(".main-svg").first.wait_for(state="attached")
    return time.perf_counter() - started


def screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to it."""
    viewport = page.viewport_size
    page.mouse.move(0, 0)  # no hover tooltips in the picture
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stSidebarContent]')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": viewport["width"], "height": min(max(height, 600), 12000)})
    wait_idle(page)
    page.screenshot(path=path)
    page.set_viewport_size(viewport)


def no_errors(page: Page) -> None:
    assert page.get_by_test_id("stException").count() == 0


def download(page: Page, button, folder: Path) -> Path:
    """Click a download button; return the saved file."""
    with page.expect_download(timeout=90_000) as started:
        button.click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    return target


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_upload_every_format(page: Page, output_dir: Path, tmp_path: Path):
    expect(page.get_by_role("heading", name="Readout Lens")).to_be_visible()
    paths = []
    for name, content, _mime in every_format_upload():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    started = time.perf_counter()
    page.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(paths)
    expect(page.get_by_text(re.compile(r"7 file\(s\) read, 8 new document"))).to_be_visible(
        timeout=180_000
    )
    expect(page.get_by_test_id("stMetric").first).to_be_visible()  # the run after the ingest
    wait_idle(page)
    TIMINGS["upload 7 files (every format)"] = time.perf_counter() - started
    no_errors(page)
    screenshot(page, output_dir / "00-home-uploaded.png")


def test_load_example_corpus(page: Page, output_dir: Path):
    button = page.get_by_role("button", name="Load example corpus")
    if button.is_disabled():
        pytest.fail("data/examples/ holds no example corpus")
    started = time.perf_counter()
    button.click()
    expect(page.get_by_text(re.compile(r"Example corpus: \d+ file\(s\) read"))).to_be_visible(
        timeout=300_000
    )
    expect(page.get_by_text("Delete documents")).to_be_visible()  # the run after the ingest
    wait_idle(page)
    TIMINGS["load example corpus"] = time.perf_counter() - started
    no_errors(page)
    screenshot(page, output_dir / "01-home-loaded.png")


@pytest.mark.parametrize(
    ("number", "path", "label"),
    [(number, path, label) for number, (path, label, _) in enumerate(installed_pages(), 2)],
)
def test_every_page_draws(page: Page, output_dir: Path, number: int, path: str, label: str):
    seconds = open_page(page, label)
    TIMINGS[f"page {label}"] = seconds
    no_errors(page)
    assert page.get_by_text("No releases are loaded yet").count() == 0
    slug = re.sub(r"\W+", "-", label.lower()).strip("-")
    screenshot(page, output_dir / f"{number:02d}-{slug}.png")


def test_filter_reaches_url_tables_and_other_pages(page: Page, output_dir: Path):
    open_page(page, "Home / Upload")
    everything = read_csv(
        download(page, page.get_by_role("button", name="CSV", exact=True).first, output_dir)
    )
    per_publisher = Counter(row["publisher"] for row in everything if row["publisher"])
    chosen, expected = per_publisher.most_common(1)[0]  # the fullest filtered view
    assert expected < len(everything)
    publishers = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="Publishers")
    publishers.click()
    page.keyboard.type(chosen)  # the option list is virtual: narrow it to the one we want
    page.get_by_role("option", name=chosen, exact=True).click()
    page.keyboard.press("Escape")
    if page.get_by_role("listbox").count():
        sidebar(page).get_by_role("heading", name="Filter").click()  # close the option list
    expect(page.get_by_role("listbox")).to_have_count(0)
    sidebar(page).get_by_role("button", name="Apply filter").click()
    expect(page.get_by_text(re.compile(r"Filter on: \d+ of \d+ documents"))).to_be_visible()
    wait_idle(page)
    assert query(page)["publisher"] == [chosen]
    note = page.get_by_text(re.compile(r"Filter on: \d+ of \d+ documents")).first.inner_text()
    kept, total = map(int, re.search(r"(\d+) of (\d+)", note).groups())
    assert (kept, total) == (expected, len(everything))

    documents_csv = download(
        page, page.get_by_role("button", name="CSV", exact=True).first, output_dir
    )
    rows = read_csv(documents_csv)
    assert len(rows) == kept
    assert {row["publisher"] for row in rows} == {chosen}

    open_page(page, "Timeline")
    assert query(page)["publisher"] == [chosen]  # the filter survives the page switch
    expect(page.get_by_text(f"Filter on: {kept} of {total} documents").first).to_be_visible()
    screenshot(page, output_dir / "20-timeline-filtered.png")
    CHOSEN["publisher"] = chosen


def test_chart_downloads(page: Page, output_dir: Path):
    expect(page.get_by_role("heading", name="Timeline", exact=True)).to_be_visible()
    timings = {}
    files = {}
    for label in ("PNG", "SVG", "HTML", "CSV"):
        started = time.perf_counter()
        files[label] = download(
            page, page.get_by_role("button", name=label, exact=True).first, output_dir
        )
        timings[label] = time.perf_counter() - started
    with Image.open(files["PNG"]) as image:
        image.load()
        assert image.width > 300
        assert image.height > 150
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 10, "the PNG is (nearly) one colour"
    svg = files["SVG"].read_text(encoding="utf-8")
    assert "<svg" in svg
    assert "#000001" not in svg  # the Streamlit template's placeholder colours
    html_text = files["HTML"].read_text(encoding="utf-8")
    assert "<html" in html_text.lower()
    assert "Plotly.newPlot" in html_text or "plotly" in html_text.lower()
    assert not re.search(r"<script[^>]*\bsrc=", html_text)  # plotly.js inlined: works offline
    assert len(html_text) > 1_000_000
    rows = read_csv(files["CSV"])
    assert rows
    chosen = CHOSEN.get("publisher")
    if chosen and "publisher" in rows[0]:
        assert {row["publisher"] for row in rows} == {chosen}
    for label, seconds in timings.items():
        TIMINGS[f"download {label}"] = seconds


def test_a_shared_link_reopens_the_stored_filtered_view(browser, server: str, page: Page):
    """A new session (another analyst's tab): the stored corpus at once, the link's filter."""
    chosen = CHOSEN["publisher"]
    shared = page.url  # the Timeline with ?publisher=...
    assert "publisher=" in shared
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        other = context.new_page()
        started = time.perf_counter()
        other.goto(shared)
        expect(other.get_by_role("heading", name="Timeline", exact=True)).to_be_visible()
        expect(
            other.get_by_text(re.compile(r"Filter on: \d+ of \d+ documents")).first
        ).to_be_visible()
        wait_idle(other)
        TIMINGS["open a shared filtered link (new session)"] = time.perf_counter() - started
        no_errors(other)
        publishers = sidebar(other).get_by_test_id("stMultiSelect").filter(has_text="Publishers")
        expect(publishers).to_contain_text(chosen)
        other.goto(server)
        expect(other.get_by_test_id("stMetric").first).to_be_visible()  # stored corpus, no upload
    finally:
        context.close()
