"""Paths shared by the benchmarks; everything in ../shared is optional."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
DEV_GOLD = SHARED / "corpus" / "gold" / "dev.jsonl"
SCORER = SHARED / "tools" / "score_gold.py"
OUT = ROOT / "bench" / "out"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def skip_without(*paths: Path) -> None:
    """Exit cleanly (status 0) with a word when shared data is absent."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"skipped: not found: {', '.join(missing)}")
        raise SystemExit(0)
