"""The seed release (../shared/corpus/dev/000_...) parsed end to end with blank English.

Every statement was read off the text by hand: speaker, the words naming the speaker, cue,
mode, where the content starts and ends (character offsets, so no text of the release is
copied here), how many words it has, and who reports it.  Skips when ../shared is absent.
"""

from __future__ import annotations

import pytest

from core import release
from core.schema import RawDocument
from tests.conftest import SEED_RELEASE, require_shared

# (speaker, speaker_text, speaker_kind, cue, mode, start, end, words in content, reported_by)
EXPECTED = [
    # General Li reports Xi's words and runs on over the next sentence, which quotes Biden
    ("Li Zuocheng", "General Li", "person", "said", "indirect", 546, 1088, 91, None),
    (
        "Xi Jinping",
        "Chinese President Xi Jinping",
        "person",
        "stressed",
        "indirect",
        589,
        700,
        19,
        "Li Zuocheng",
    ),
    (
        "Joe Biden",
        "US President Biden",
        "person",
        "remarks",
        "direct",
        825,
        1088,
        48,
        "Li Zuocheng",
    ),
    # a curly-open, straight-close quote attributed after it
    ("Li Zuocheng", "General Li", "person", "said", "direct", 1093, 1292, 34, None),
    ("Li Zuocheng", "He", "person", "pointed out", "indirect", 1332, 1611, 37, None),
    ("Li Zuocheng", "General Li", "person", "stressed", "indirect", 1639, 1830, 30, None),
    # a two-sentence quote with "said Li" after it; "China urges" inside is Li's own voice
    ("Li Zuocheng", "Li", "person", "said", "direct", 1834, 2230, 60, None),
    ("both sides", "The two sides", "collective", "agreed", "joint", 2269, 2478, 32, None),
    (
        "both sides",
        "The two sides",
        "collective",
        "exchanged views on",
        "joint",
        2518,
        2584,
        11,
        None,
    ),
]


@pytest.fixture(scope="module")
def seed(blank_nlp, taxonomy):
    path = require_shared(SEED_RELEASE)
    text = path.read_text(encoding="utf-8")
    raw = RawDocument(filename=path.name, text=text)
    return text, release.parse_release(raw, blank_nlp(text), taxonomy=taxonomy)


def test_every_statement_of_the_seed_release(seed):
    _, parsed = seed
    found = [
        (
            row["speaker"],
            row["speaker_text"],
            row["speaker_kind"],
            row["cue"],
            row["mode"],
            row["start"],
            row["end"],
            len(row["content"].split()),
            row["reported_by"],
        )
        for row in parsed.statements
    ]
    assert found == EXPECTED


def test_seed_contents_and_speaker_spans_index_the_text(seed):
    text, parsed = seed
    for row in parsed.statements:
        assert text[row["start"] : row["end"]] == row["content"]
        assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker_text"]
        assert not row["content"].endswith((".", '"', "”"))


def test_seed_photo_caption_gives_no_statement(seed):
    text, parsed = seed
    caption_end = text.index("\n")
    assert all(row["start"] > caption_end for row in parsed.statements)


def test_seed_participants_and_actors(seed):
    _, parsed = seed
    assert parsed.document["participants"] == ["Li Zuocheng", "Mark Milley"]
    actors = {row["name"]: row for row in parsed.actors}
    assert set(actors) == {"Li Zuocheng", "Xi Jinping", "Joe Biden", "both sides"}
    assert actors["Li Zuocheng"]["title"] == "General"
    assert actors["Li Zuocheng"]["side"] == "China"
    assert set(actors["Li Zuocheng"]["aliases"]) == {"General Li", "He", "Li"}
    assert actors["both sides"]["kind"] == "collective"
