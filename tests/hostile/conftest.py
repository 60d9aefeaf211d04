"""Hostile-input tests: a short per-document time budget, so stalling cases end quickly."""

from __future__ import annotations

import pytest

from core import deadline

TEST_BUDGET_SECONDS = "5"  # the app's default is 60; the stalling cases would each take that


@pytest.fixture(autouse=True)
def short_budget(monkeypatch):
    monkeypatch.setenv(deadline.BUDGET_SETTING, TEST_BUDGET_SECONDS)


@pytest.fixture(autouse=True)
def isolated_workspace(tmp_path, monkeypatch):
    """Uploads go to a workspace folder of the test's own, never the analyst's."""
    folder = tmp_path / "workspaces"
    monkeypatch.setenv("READOUT_WORKSPACE_DIR", str(folder))
    return folder
