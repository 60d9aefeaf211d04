"""The command line's output shape: one JSON object per file, as the gold GUIDELINES define."""

from __future__ import annotations

import datetime as dt

from core.schema import ParsedRelease, Problem

STATEMENT_FIELDS = (
    "speaker",
    "speaker_text",
    "speaker_kind",
    "cue",
    "mode",
    "content",
    "start",
    "end",
    "reported_by",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "confidence",
)


def release_record(parsed: ParsedRelease) -> dict:
    """A parsed release in the shape of ``gold/GUIDELINES.md`` (plus title and kind)."""
    document = parsed.document
    return {
        "file": document["filename"],
        "title": document["title"],
        "published": _iso(document["published"]),
        "event_date": _iso(document["event_date"]),
        "dateline_place": document["dateline_place"],
        "publisher": document["publisher"],
        "kind": document["kind"],
        "participants": list(document["participants"]),
        "statements": [
            {name: _plain(row[name]) for name in STATEMENT_FIELDS} for row in parsed.statements
        ],
        "topics": list(document["topics"]),
    }


def problem_record(problem: Problem) -> dict:
    return {"file": problem.filename, "error": problem.message}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _plain(value):
    return value.item() if hasattr(value, "item") else value
