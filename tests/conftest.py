"""Shared test paths and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
SEED_RELEASE = DEV_CORPUS / "000_li-zuocheng-milley-full.txt"


@pytest.fixture(scope="session")
def blank_nlp():
    from core.nlp import load_pipeline

    return load_pipeline("blank")


@pytest.fixture(scope="session")
def taxonomy():
    from core.topics import load_taxonomy

    return load_taxonomy()


def require_shared(path: Path) -> Path:
    """Skip (cleanly, with a reason) when a ../shared file is absent."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
