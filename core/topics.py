"""PLACEHOLDER (owned by the topics work): taxonomy, topic mentions, document topics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.schema import Metadata, TopicMention


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[str, ...] = ()


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    return Taxonomy()


def extract_topic_mentions(
    text: str, taxonomy: Taxonomy, *, skip_spans: tuple[tuple[int, int], ...] = ()
) -> list[TopicMention]:
    return []


def document_topics(
    mentions: list[TopicMention], taxonomy: Taxonomy, *, text: str, meta: Metadata
) -> list[str]:
    return []
