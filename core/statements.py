"""PLACEHOLDER (owned by the statements work): who said what."""

from __future__ import annotations

from spacy.tokens import Doc

from core.schema import Attributions, Metadata


def extract_statements(doc: Doc, *, meta: Metadata) -> Attributions:
    """Statements, resolved speakers and participants of one release."""
    return Attributions()
