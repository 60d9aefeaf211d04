"""Hostile releases in a real browser: nothing a document says becomes a live element.

Uploads an HTML page and a text file full of ``<script>``, ``<img onerror>``, ``<iframe>``,
``javascript:`` links and event handlers, one of them under a file name made of HTML, visits
every page, and checks the DOM: no element or attribute came from document text and no alert
fired. Runs on its own server and workspace so the other browser tests' counts stay theirs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.layout import installed_pages
from tests.conftest import ROOT
from tests.e2e.conftest import SERVER_START_TIMEOUT, free_port, wait_healthy
from tests.e2e.test_browser import no_errors, open_page, wait_idle
from tests.hostile.builders import CASES_BY_NAME, HTML_FILENAME

pytestmark = pytest.mark.e2e

UPLOADED = ["html-hostile", "html-in-filename", "md-hostile", "eml-hostile-html"]

# everything a payload in the documents could have turned into
INJECTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
            const value = el.getAttribute(attr) || '';
            const handler = attr.startsWith('on') && /alert\\(/.test(value);
            if (handler) found.push(`${el.tagName} ${attr}`);
            if (/^\\s*javascript:/i.test(value)) found.push(`${el.tagName} ${attr}=javascript:`);
        }
    }
    for (const el of document.querySelectorAll('script')) {
        if (/alert\\(/.test(el.textContent)) found.push('SCRIPT alert');
    }
    for (const el of document.querySelectorAll('iframe')) {
        const src = el.getAttribute('src') || '';
        if (src.includes('example.invalid') || src.startsWith('javascript')) found.push('IFRAME');
    }
    for (const el of document.querySelectorAll('img[src="x"], svg[onload], b[onmouseover]')) {
        found.push(el.outerHTML.slice(0, 80));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, output_dir) -> Iterator[str]:
    """The app on its own port and empty workspace folder."""
    port = free_port()
    env = {
        **os.environ,
        "READOUT_WORKSPACE_DIR": str(tmp_path_factory.mktemp("hostile-workspaces")),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = (output_dir / "hostile-server.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, SERVER_START_TIMEOUT)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def hostile_page(browser, hostile_server) -> Iterator[tuple[Page, list[str]]]:
    """A tab on the app, with every dialog (alert) it opens recorded and dismissed."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(60_000)
    tab = context.new_page()
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    tab.goto(hostile_server)
    tab.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for()
    yield tab, dialogs
    context.close()


def assert_nothing_injected(page: Page, dialogs: list[str], where: str) -> None:
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload) run if it exists
    assert page.evaluate(INJECTED) == [], where
    assert dialogs == [], where
    no_errors(page)


def test_upload_of_hostile_releases(hostile_page, tmp_path: Path):
    page, dialogs = hostile_page
    paths = []
    for name in UPLOADED:
        case = CASES_BY_NAME[name]
        (tmp_path / case.filename).write_bytes(case.build())
        paths.append(tmp_path / case.filename)
    page.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(paths)
    expect(page.get_by_text("4 file(s) read, 4 new document(s)")).to_be_visible(timeout=180_000)
    wait_idle(page)
    # the file name made of HTML is shown as text (in the uploader's list), not as elements
    expect(page.get_by_text(HTML_FILENAME).first).to_be_attached()
    assert_nothing_injected(page, dialogs, "Home after the upload")


@pytest.mark.parametrize("label", [label for _, label, _ in installed_pages()])
def test_no_page_renders_document_text_as_html(hostile_page, label: str):
    page, dialogs = hostile_page
    open_page(page, label)
    assert_nothing_injected(page, dialogs, label)


def test_the_check_sees_an_injection_when_there_is_one(hostile_page):
    """The control: the same checks catch a payload that really is live (the module's last)."""
    page, dialogs = hostile_page
    page.evaluate(
        "() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(99)>')"
    )
    page.wait_for_timeout(500)
    assert page.evaluate(INJECTED)
    assert dialogs == ["99"]
