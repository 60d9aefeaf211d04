"""The gold annotations of the example corpus (data/examples/gold.jsonl) are well formed.

They follow ../shared/corpus/gold/GUIDELINES.md: every content is the exact text between its
offsets, labels come from the guidelines' sets, one line per annotated release. The checker is
tested on invented records first (negative cases), then run over the real gold file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
GOLD = EXAMPLES / "gold.jsonl"

MODES = {"direct", "indirect", "mixed", "joint"}
SPEAKER_KINDS = {"person", "side", "collective", "organization", "unknown"}
TOPICS = {
    "Taiwan",
    "South China Sea",
    "East China Sea and Senkaku",
    "Korean Peninsula",
    "Russia and Ukraine",
    "Middle East",
    "Military-to-military relations",
    "Maritime and air safety",
    "Nuclear and arms control",
    "Trade and economy",
    "Sanctions and export controls",
    "Technology",
    "Climate and environment",
    "Human rights",
    "Alliances and Indo-Pacific",
    "Counterterrorism",
    "Public health and pandemic",
    "Counternarcotics",
    "Space",
    "Defense cooperation and exercises",
}
# The example world is invented: none of the real places these labels name occurs in it.
REAL_GEOGRAPHY_TOPICS = {
    "Taiwan",
    "South China Sea",
    "East China Sea and Senkaku",
    "Korean Peninsula",
    "Russia and Ukraine",
    "Middle East",
}
RECORD_KEYS = {
    "file",
    "published",
    "event_date",
    "dateline_place",
    "publisher",
    "participants",
    "statements",
    "topics",
}
STATEMENT_KEYS = {
    "speaker",
    "speaker_text",
    "speaker_kind",
    "cue",
    "mode",
    "content",
    "start",
    "end",
    "reported_by",
}
QUOTE_MARKS = "\"'“”‘’"


def record_problems(record: dict, text: str) -> list[str]:
    """What breaks the guidelines in one gold record (empty when it is well formed)."""
    problems = []
    if set(record) != RECORD_KEYS:
        problems.append(f"keys {sorted(set(record) ^ RECORD_KEYS)}")
    for field in ("published", "event_date"):
        problems += _date_problems(field, record.get(field))
    problems += [f"topic {t!r}" for t in record.get("topics", []) if t not in TOPICS]
    statements = record.get("statements", [])
    for n, statement in enumerate(statements):
        problems += [f"statement {n}: {p}" for p in statement_problems(statement, text)]
    problems += _nesting_problems(statements)
    return problems


def statement_problems(statement: dict, text: str) -> list[str]:
    """What breaks the guidelines in one statement of a release's ``text``."""
    if set(statement) != STATEMENT_KEYS:
        return [f"keys {sorted(set(statement) ^ STATEMENT_KEYS)}"]
    problems = []
    content, start, end = statement["content"], statement["start"], statement["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems.append(f"offsets {start}-{end}")
    elif text[start:end] != content:
        problems.append("content is not text[start:end]")
    if content != content.strip() or content.endswith("."):
        problems.append("content has surrounding space or a final period")
    if content[:1] in QUOTE_MARKS and content[-1:] in QUOTE_MARKS:
        problems.append("content keeps its surrounding quote marks")
    if statement["mode"] not in MODES:
        problems.append(f"mode {statement['mode']!r}")
    if statement["speaker_kind"] not in SPEAKER_KINDS:
        problems.append(f"speaker_kind {statement['speaker_kind']!r}")
    if not statement["speaker"] or not statement["cue"]:
        problems.append("no speaker or cue")
    if statement["mode"] == "joint" and statement["speaker"] != "both sides":
        problems.append("joint statement not spoken by 'both sides'")
    return problems


def _date_problems(field: str, value: object) -> list[str]:
    if value is None:
        return []
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return [f"{field} {value!r} is not YYYY-MM-DD"]
    return []


def _nesting_problems(statements: list[dict]) -> list[str]:
    """A reported statement lies inside a statement of the speaker who reports it."""
    problems = []
    for n, inner in enumerate(statements):
        reporter = inner.get("reported_by")
        if reporter is None:
            continue
        if not any(
            outer is not inner
            and outer.get("speaker") == reporter
            and outer.get("start", 0) <= inner.get("start", 0)
            and inner.get("end", 0) <= outer.get("end", 0)
            for outer in statements
        ):
            problems.append(f"statement {n}: no statement by {reporter!r} contains it")
    return problems


# ------------------------------------------------------------------ the checker on invented data

TEXT = 'The minister said that talks were useful. "We will meet again," she added.'


def _statement(**changes) -> dict:
    statement = {
        "speaker": "Ana Example",
        "speaker_text": "The minister",
        "speaker_kind": "person",
        "cue": "said",
        "mode": "indirect",
        "content": "talks were useful",
        "start": 23,
        "end": 40,
        "reported_by": None,
    }
    return statement | changes


def _record(*statements: dict, **changes) -> dict:
    record = {
        "file": "invented.txt",
        "published": "2024-01-02",
        "event_date": None,
        "dateline_place": None,
        "publisher": None,
        "participants": ["Ana Example"],
        "statements": list(statements),
        "topics": ["Trade and economy"],
    }
    return record | changes


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (_record(_statement()), []),
        (_record(_statement(content="We will meet again", start=43, end=61, mode="direct")), []),
        (_record(_statement(start=22, end=39)), ["statement 0: content is not text[start:end]"]),
        (_record(_statement(end=999)), ["statement 0: offsets 23-999"]),
        (
            _record(_statement(content="talks were useful.", end=41)),
            ["statement 0: content has surrounding space or a final period"],
        ),
        (
            _record(_statement(content='"We will meet again,"', start=42, end=63)),
            ["statement 0: content keeps its surrounding quote marks"],
        ),
        (_record(_statement(mode="quoted")), ["statement 0: mode 'quoted'"]),
        (_record(_statement(speaker_kind="human")), ["statement 0: speaker_kind 'human'"]),
        (
            _record(_statement(mode="joint")),
            ["statement 0: joint statement not spoken by 'both sides'"],
        ),
        (_record(_statement(), topics=["Fisheries"]), ["topic 'Fisheries'"]),
        (
            _record(_statement(), published="17 Jan 2024"),
            ["published '17 Jan 2024' is not YYYY-MM-DD"],
        ),
        (
            _record(_statement(reported_by="Bo Other")),
            ["statement 0: no statement by 'Bo Other' contains it"],
        ),
    ],
)
def test_record_problems(record, expected):
    assert record_problems(record, TEXT) == expected


# ------------------------------------------------------------------ the gold file itself


def gold_records() -> list[dict]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_gold_has_one_line_per_annotated_release():
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = [json.loads(line)["file"] for line in lines]
    assert len(lines) >= 16
    assert [name for name, count in Counter(files).items() if count > 1] == []
    assert all((EXAMPLES / name).is_file() for name in files)


@pytest.mark.parametrize("record", gold_records(), ids=lambda record: record["file"])
def test_gold_record_follows_the_guidelines(record):
    text = (EXAMPLES / record["file"]).read_text(encoding="utf-8")
    assert record_problems(record, text) == []
    assert record["statements"], "every annotated release has statements"
    assert not set(record["topics"]) & REAL_GEOGRAPHY_TOPICS


def test_gold_covers_pairs_and_every_kind_of_release():
    with (EXAMPLES / "index.csv").open(encoding="utf-8", newline="") as handle:
        index = {row["file"]: row for row in csv.DictReader(handle)}
    annotated = [index[record["file"]] for record in gold_records()]
    pairs = Counter(row["pair_id"] for row in annotated if row["pair_id"])
    assert sum(1 for count in pairs.values() if count == 2) >= 4
    assert {"readout", "statement", "transcript"} <= {row["kind"] for row in annotated}
    modes = {s["mode"] for record in gold_records() for s in record["statements"]}
    assert modes == MODES
