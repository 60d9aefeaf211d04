"""The development corpus (../shared/corpus/dev/*.txt) uploaded in a real browser.

Real releases have what invented ones lack (missing titles, odd dates, long texts): every
page must still draw without an error. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.layout import installed_pages
from tests.conftest import DEV_CORPUS, require_shared
from tests.e2e.test_browser import no_errors, open_page, screenshot, wait_idle

pytestmark = [pytest.mark.e2e, pytest.mark.shared]

TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def dev_files() -> list[Path]:
    files = sorted(require_shared(DEV_CORPUS).glob("*.txt"))
    if not files:
        pytest.skip(f"no .txt releases in {DEV_CORPUS}")
    return files


@pytest.fixture(scope="module", autouse=True)
def record_timings(output_dir: Path):
    yield
    rounded = {name: round(seconds, 2) for name, seconds in TIMINGS.items()}
    (output_dir / "timings-dev.json").write_text(json.dumps(rounded, indent=2))


def test_upload_the_dev_corpus(page: Page, dev_files: list[Path]):
    expect(page.get_by_role("heading", name="Readout Lens")).to_be_visible()
    started = time.perf_counter()
    page.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(dev_files)
    expect(page.get_by_text(re.compile(rf"{len(dev_files)} file\(s\) read"))).to_be_visible(
        timeout=600_000
    )
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    wait_idle(page)
    TIMINGS[f"upload {len(dev_files)} dev files"] = time.perf_counter() - started
    no_errors(page)


@pytest.mark.parametrize(
    ("number", "label"),
    [(number, label) for number, (_, label, _) in enumerate(installed_pages(), 30)],
)
def test_every_page_draws_with_the_dev_corpus(
    page: Page, output_dir: Path, dev_files: list[Path], number: int, label: str
):
    TIMINGS[f"page {label}"] = open_page(page, label)
    no_errors(page)
    slug = re.sub(r"\W+", "-", label.lower()).strip("-")
    screenshot(page, output_dir / f"{number:02d}-dev-{slug}.png")
