"""PLACEHOLDER (owned by the metadata work): title, dates, dateline, publisher from the text."""

from __future__ import annotations

from core.schema import Metadata, RawDocument


def extract_metadata(raw: RawDocument) -> Metadata:
    """Document-level facts read from the text."""
    return Metadata(title=raw.title, published=raw.published, publisher=raw.publisher)
