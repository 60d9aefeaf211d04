"""The shared password in a real browser: a server started with a temporary secrets.toml.

Without the password every page (Home and a page opened by its URL) shows only the sign-in
form: no sidebar, no table, no chart, no download. With it, the app.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components import auth
from tests.e2e.conftest import IDLE, Server

pytestmark = pytest.mark.e2e

PASSWORD = "an invented shared password"
CONTENT = (
    "stSidebar",
    "stFileUploader",
    "stDataFrame",
    "stPlotlyChart",
    "stDownloadButton",
    "stMetric",
)


def only_the_sign_in(page: Page) -> None:
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    page.locator(IDLE).wait_for()
    for testid in CONTENT:
        assert page.get_by_test_id(testid).count() == 0, testid
    assert page.get_by_test_id("stException").count() == 0


def test_the_shared_password_guards_every_page(browser, tmp_path: Path, output_dir: Path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[{auth.SECTION}]\npassword_hash = "{auth.hash_password(PASSWORD)}"\n', encoding="utf-8"
    )
    server = Server(
        tmp_path / "workspaces",
        output_dir / "server-access.log",
        extra_args=("--secrets.files", str(secrets)),
    ).wait_healthy()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    try:
        page = context.new_page()
        page.goto(server.url)
        only_the_sign_in(page)
        page.screenshot(path=output_dir / "30-sign-in.png")

        page.get_by_label("Password", exact=True).fill("a wrong guess")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Wrong password.")).to_be_visible()
        only_the_sign_in(page)

        stranger = context.browser.new_context()
        try:
            direct = stranger.new_page()
            direct.goto(f"{server.url}/Documents")  # a page by its URL, another session
            only_the_sign_in(direct)
        finally:
            stranger.close()

        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_test_id("stFileUploader")).to_be_visible()
        page.locator(IDLE).wait_for()
        assert page.get_by_test_id("stSidebar").count() == 1
        assert page.get_by_test_id("stException").count() == 0
    finally:
        context.close()
        server.stop()
    assert PASSWORD not in server.log()
