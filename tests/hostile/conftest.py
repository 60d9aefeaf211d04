"""Hostile-input tests: a short per-document time budget, so stalling cases end quickly."""

from __future__ import annotations

import pytest

from core import deadline

TEST_BUDGET_SECONDS = "5"  # the app's default is 60; the stalling cases would each take that


@pytest.fixture(autouse=True)
def short_budget(monkeypatch):
    monkeypatch.setenv(deadline.BUDGET_SETTING, TEST_BUDGET_SECONDS)
