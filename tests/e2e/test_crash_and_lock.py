"""Crashes and a second app on one workspace, in real servers and a real browser.

1. App A holds the workspace; app B, started on the same folder, says so in plain words (and
   refuses an upload without an error) instead of crashing.
2. App A is killed with SIGKILL in the middle of a 60-release upload. App B then opens the
   workspace: it holds every document whose write A had committed (A logs each commit), no
   other document, and every document is whole (``Workspace.check``). Uploading the same 60
   again stores exactly the missing ones.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core import store
from tests.e2e.conftest import IDLE, Server
from tests.e2e.releases import write_releases

pytestmark = pytest.mark.e2e

RELEASES = 60
KILL_AFTER = 8  # committed documents before the kill
STORED = re.compile(r"stored document ([0-9a-f]{64}) \((release-\d+\.\w+)\)")
LOCKED = "This workspace is open in another Readout Lens process"


def open_app(browser, url: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name="Readout Lens")).to_be_visible()
    page.locator(IDLE).wait_for()
    return page


def no_exception(page: Page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()


def committed(server: Server) -> dict[str, str]:
    """doc_id -> file name of every document the server logged as committed."""
    return {doc_id: name for doc_id, name in STORED.findall(server.log())}


def wait_for_commits(server: Server, count: int, timeout: float = 600) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = committed(server)
        if len(done) >= count:
            return done
        time.sleep(0.05)
    raise TimeoutError(f"only {len(committed(server))} documents committed in {timeout} s")


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def test_second_app_is_told_then_a_killed_upload_loses_nothing_whole(
    browser, tmp_path: Path, output_dir: Path
):
    folder = tmp_path / "workspaces"
    first = Server(folder, output_dir / "server-killed.log").wait_healthy()
    second = None
    try:
        holder = open_app(browser, first.url)  # its first run opens (and creates) the workspace
        assert store.list_workspaces(folder) == ["default"]

        second = Server(folder, output_dir / "server-second.log").wait_healthy()
        other = open_app(browser, second.url)
        expect(other.get_by_text(LOCKED).first).to_be_visible()
        expect(other.get_by_text("READOUT_WORKSPACE_DIR").first).to_be_visible()  # what to do
        paths = write_releases(tmp_path / "uploads", list(range(RELEASES)), "crash", ["txt", "md"])
        uploader = other.get_by_test_id("stFileUploader").locator('input[type="file"]')
        uploader.set_input_files(paths[:1])
        expect(other.get_by_text(re.compile(r"^Nothing was stored\. " + LOCKED))).to_be_visible()
        other.locator(IDLE).wait_for()
        no_exception(other)

        holder.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(paths)
        wait_for_commits(first, KILL_AFTER)
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait(timeout=30)
        logged = committed(first)
        assert KILL_AFTER <= len(logged) < RELEASES, "the kill did not land mid-upload"

        other.reload()  # the second app now gets the workspace
        expect(other.get_by_test_id("stMetric").first).to_be_visible()
        other.locator(IDLE).wait_for()
        no_exception(other)
        assert other.get_by_text(LOCKED).count() == 0
        shown = int(metric(other, "Documents"))
        # the analyst uploads the same 60 again: what was stored is skipped, the rest lands
        uploader.set_input_files(paths)
        resumed = other.get_by_text(re.compile(rf"Upload: {RELEASES} file\(s\) read"))
        expect(resumed).to_be_visible(timeout=600_000)
        other.locator(IDLE).wait_for()
        no_exception(other)
        resumed_text = resumed.inner_text()
    finally:
        first.stop()
        if second is not None:
            second.stop()

    survived = len(committed(first))
    assert survived <= shown <= survived + 1  # at most the commit the log had not yet shown
    assert f"{RELEASES - shown} new document(s) stored, {shown} already stored" in resumed_text
    with store.Workspace(store.workspace_path(folder, "default")) as workspace:
        assert workspace.check() == []
        documents = workspace.load().documents
    stored = dict(zip(documents["doc_id"], documents["filename"], strict=True))
    assert set(logged) <= set(stored)  # every committed write survived
    assert sorted(stored.values()) == sorted(path.name for path in paths)  # each exactly once
