"""PLACEHOLDER (owned by the entities work): people, organisations, places, nationalities."""

from __future__ import annotations

from spacy.tokens import Doc

from core.schema import Actor, Entity


def extract_entities(doc: Doc, *, actors: tuple[Actor, ...]) -> list[Entity]:
    return []
