"""Real-browser fixtures: the app served on a free 127.0.0.1 port, and a Chromium page.

Uses Debian chromium through Playwright's ``executable_path`` (never ``playwright install``).
Screenshots, downloads and the server log go to ``test-output/e2e/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

OUTPUT = ROOT / "test-output" / "e2e"
CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium-browser",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 90  # seconds; the first start imports spaCy on a busy machine
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def chromium_path() -> str | None:
    """Debian chromium, if installed (setup.sh and CI install it)."""
    configured = os.environ.get("BROWSER_PATH")
    for candidate in (configured, *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """test-output/e2e, emptied at the start of the run."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    return OUTPUT


def server_command(port: int) -> list[str]:
    """``streamlit run app.py`` headless on 127.0.0.1:``port``, no file watcher, no telemetry."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]


class Server:
    """One ``streamlit run app.py`` process on a free port, logging to ``log_path``."""

    def __init__(
        self,
        workspace_dir: Path,
        log_path: Path,
        *,
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [*server_command(self.port), *extra_args],
            cwd=ROOT,
            env={
                **os.environ,
                "READOUT_WORKSPACE_DIR": str(workspace_dir),
                "PYTHONUNBUFFERED": "1",
                **(env or {}),
            },
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = SERVER_START_TIMEOUT) -> Server:
        wait_healthy(self.url, self.process, timeout)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """Terminate (then kill) the server and close its log; safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory, output_dir) -> Iterator[str]:
    """``streamlit run app.py`` on a free 127.0.0.1 port with its own empty workspace folder."""
    running = Server(tmp_path_factory.mktemp("e2e-workspaces"), output_dir / "server.log")
    try:
        running.wait_healthy()
        yield running.url
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests need it")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # the first run loads the language pipeline
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser, server):
    """One tab on the app (module-scoped: the tests of a module are one analyst's session)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.goto(server)
    tab.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for()
    yield tab
    context.close()
