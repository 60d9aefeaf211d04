"""Many analysts on one server: 8 browser sessions upload different files and filter at once.

One ``streamlit run`` serves one workspace folder; one Chromium holds 8 contexts (8 analysts)
driven concurrently with Playwright's async API (in a thread of its own, so it never meets the
sync API of the other browser tests). Every session uploads two releases of its own plus one
release that every session uploads. Afterwards the server is stopped and the workspace is read
directly: every document is stored exactly once and passes the store's consistency check.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from pathlib import Path

import pytest

from core import store
from tests.e2e.conftest import CHROMIUM_ARGS, IDLE, Server, chromium_path
from tests.e2e.releases import FORMATS, release_file, write_releases

pytestmark = pytest.mark.e2e

SESSIONS = 8
OWN_FILES = 2
COMMON_NUMBER = 999  # the release every session uploads
ERROR_TEXT = re.compile(r"Traceback|encountered an error|Exception|Error:", re.IGNORECASE)


def marker(session: int) -> str:
    return f"kestrel{session}q"  # an invented word, unique per session


def session_files(folder: Path, session: int) -> list[Path]:
    """Two releases of the session's own (its marker inside), in rotating formats, + the common."""
    numbers = [session * OWN_FILES + k for k in range(OWN_FILES)]
    fmts = [FORMATS[(session + k) % len(FORMATS)] for k in range(OWN_FILES)]
    paths = write_releases(folder / f"s{session}", numbers, marker(session), fmts)
    name, data = release_file(COMMON_NUMBER, "shared", "txt")
    (folder / f"s{session}" / name).write_bytes(data)
    return [*paths, folder / f"s{session}" / name]


async def one_analyst(browser, url: str, session: int, paths: list[Path], start) -> dict:
    """Open the app, wait for everyone, upload, filter on the own marker; report what was seen."""
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(240_000)
    page = await context.new_page()
    seen: dict = {"session": session}
    try:
        await page.goto(url)
        await expect(page.get_by_role("heading", name="Readout Lens")).to_be_visible()
        await page.locator(IDLE).wait_for()
        await asyncio.wait_for(start.wait(), 300)  # every session uploads at the same moment
        began = time.perf_counter()
        await (
            page.get_by_test_id("stFileUploader")
            .locator('input[type="file"]')
            .set_input_files(paths)
        )
        done = page.get_by_text(re.compile(rf"Upload: {len(paths)} file\(s\) read"))
        await expect(done).to_be_visible(timeout=300_000)
        await expect(page.get_by_test_id("stMetric").first).to_be_visible()
        await page.locator(IDLE).wait_for()
        seen["upload_s"] = time.perf_counter() - began
        seen["ingest"] = await done.inner_text()

        began = time.perf_counter()
        side = page.get_by_test_id("stSidebar")
        await side.get_by_label("Text contains").fill(marker(session))
        await side.get_by_role("button", name="Apply filter").click()
        note = page.get_by_text(re.compile(r"Filter on: \d+ of \d+ documents")).first
        await expect(note).to_be_visible()
        await page.locator(IDLE).wait_for()
        seen["filter_s"] = time.perf_counter() - began
        seen["filter_note"] = await note.inner_text()
        seen["exceptions"] = await page.get_by_test_id("stException").count()
        seen["errors"] = await page.get_by_test_id("stAlertContentError").all_inner_texts()
        seen["error_text"] = ERROR_TEXT.findall(await page.locator("body").inner_text())
    finally:
        await context.close()
    return seen


async def all_analysts(executable: str, url: str, files: dict[int, list[Path]]) -> list:
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=240_000)  # 8 sessions share 2 busy cores
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        start = asyncio.Barrier(SESSIONS)
        results = await asyncio.gather(
            *(
                one_analyst(browser, url, session, files[session], start)
                for session in range(SESSIONS)
            ),
            return_exceptions=True,
        )
        await browser.close()
    return results


def run_in_thread(coroutine) -> list:
    """asyncio.run in a fresh thread (the sync Playwright of other tests owns this one's loop)."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the test thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=900)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_eight_sessions_upload_and_filter_at_once(tmp_path: Path, output_dir: Path):
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests need it")
    folder = tmp_path / "workspaces"
    files = {session: session_files(tmp_path / "uploads", session) for session in range(SESSIONS)}
    server = Server(folder, output_dir / "server-many-users.log").wait_healthy()
    try:
        started = time.perf_counter()
        results = run_in_thread(all_analysts(executable, server.url, files))
        wall = time.perf_counter() - started
    finally:
        server.stop()
    failures = [result for result in results if isinstance(result, BaseException)]
    assert not failures, failures
    summary = {
        "sessions": SESSIONS,
        "wall_s": round(wall, 1),
        "upload_s": sorted(round(r["upload_s"], 1) for r in results),
        "filter_s": sorted(round(r["filter_s"], 1) for r in results),
    }
    (output_dir / "many-users.json").write_text(json.dumps([summary, *results], indent=2))
    for result in results:
        assert result["exceptions"] == 0, result
        assert result["errors"] == [], result
        assert result["error_text"] == [], result
        kept = int(re.search(r"Filter on: (\d+) of", result["filter_note"]).group(1))
        assert kept == OWN_FILES, result  # the session's own documents, each once
    log = server.log()
    assert "Traceback" not in log, log[-4000:]

    with store.Workspace(store.workspace_path(folder, "default")) as workspace:
        corpus = workspace.load()
        assert workspace.check() == []
    ids = list(corpus.documents["doc_id"])
    assert len(ids) == len(set(ids)) == SESSIONS * OWN_FILES + 1
    markers = [
        next((m for m in map(marker, range(SESSIONS)) if m in text), "shared")
        for text in corpus.documents["text"]
    ]
    assert sorted(markers) == sorted(
        ["shared"] + [marker(session) for session in range(SESSIONS) for _ in range(OWN_FILES)]
    )
    for table in ("statements", "entities", "topic_mentions"):
        frame = corpus.table(table)
        assert set(frame["doc_id"]) <= set(ids)
