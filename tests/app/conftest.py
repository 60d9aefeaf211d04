"""AppTest fixtures shared by the app tests: an invented corpus and seeded apps.

``small_corpus`` is built from invented rows (fictional states and officials) whose offsets
index the document text, so the reader can highlight them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from core.schema import (
    ACTORS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    build_frame,
)
from tests.conftest import ROOT

APP_TIMEOUT = 60

# (speaker, title, side, kind)
SPEAKERS = {
    "Tomas Vell": ("General", "Norland", "person"),
    "Sara Oduya": ("Minister", "Estovia", "person"),
    "Ilse Brandt": ("Spokesperson", "Estovia", "person"),
    "Jon Reyes": ("Admiral", "Norland", "person"),
    "both sides": (None, None, "collective"),
}

# doc number -> (publisher, country, published, event date, title, [(speaker, cue, mode, content)],
#                [topic phrases])
DOCUMENT_SPECS = [
    (
        "Norland Ministry of Defence",
        "Norland",
        dt.date(2023, 1, 12),
        dt.date(2023, 1, 11),
        "General Vell holds video call with Minister Oduya",
        [
            ("Tomas Vell", "said", "indirect", "Norland values open military dialogue"),
            ("Sara Oduya", "stressed", "indirect", "maritime safety must come first"),
        ],
        ["maritime safety", "military dialogue"],
    ),
    (
        "Estovia Foreign Ministry",
        "Estovia",
        dt.date(2023, 1, 13),
        dt.date(2023, 1, 11),
        "Minister Oduya speaks with General Vell",
        [
            ("Sara Oduya", "said", "direct", "We will not accept unsafe intercepts"),
            ("both sides", "agreed", "joint", "to keep the hotline open"),
        ],
        ["maritime safety", "hotline"],
    ),
    (
        "Estovia Foreign Ministry",
        "Estovia",
        dt.date(2023, 6, 2),
        None,
        "Spokesperson Brandt on the Gulf of Serin",
        [
            ("Ilse Brandt", "said", "direct", "The sanctions are counterproductive"),
            ("Ilse Brandt", "urged", "indirect", "Norland to lift the sanctions"),
        ],
        ["sanctions", "Gulf of Serin"],
    ),
    (
        "Norland News Agency",
        "Norland",
        dt.date(2023, 9, 20),
        dt.date(2023, 9, 19),
        "Admiral Reyes meets Estovian delegation",
        [
            ("Jon Reyes", "pointed out", "mixed", 'the navy will keep "lawful patrols" going'),
            ("Sara Oduya", "said", "indirect", "patrols in the Gulf of Serin raise tension"),
        ],
        ["Gulf of Serin"],
    ),
    (
        "Norland Ministry of Defence",
        "Norland",
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 4),
        "General Vell and Minister Oduya hold talks",
        [
            ("Tomas Vell", "said", "direct", "Dialogue is better than confrontation"),
            ("both sides", "agreed", "joint", "to resume military dialogue"),
            ("Sara Oduya", "said", "indirect", "sanctions hurt both peoples"),
        ],
        ["military dialogue", "sanctions"],
    ),
    (
        "Estovia Foreign Ministry",
        "Estovia",
        dt.date(2024, 11, 30),
        dt.date(2024, 11, 29),
        "Spokesperson Brandt answers questions on the hotline",
        [
            ("Ilse Brandt", "noted", "indirect", "the hotline worked during the incident"),
        ],
        ["hotline"],
    ),
    (
        "Norland News Agency",
        "Norland",
        None,
        None,
        "Undated note on naval exercises",
        [
            ("Jon Reyes", "said", "direct", "Exercises are routine"),
        ],
        [],
    ),
]

TOPIC_OF = {
    "maritime safety": "Maritime safety",
    "military dialogue": "Military dialogue",
    "hotline": "Military dialogue",
    "sanctions": "Sanctions",
    "Gulf of Serin": "Gulf of Serin",
}


def _document_rows(number: int, spec: tuple) -> tuple[dict, list[dict], list[dict], list[dict]]:
    publisher, country, published, event, title, said, phrases = spec
    doc_id = f"doc{number:02d}" + "0" * 58
    text = f"{title}\n\n"
    statements, entities, mentions = [], [], []
    for index, (speaker, cue, mode, content) in enumerate(said):
        title_word = SPEAKERS[speaker][0]
        speaker_text = f"{title_word} {speaker.split()[-1]}" if title_word else speaker.capitalize()
        sentence = f"{speaker_text} {cue} that {content}. "
        base = len(text)
        text += sentence
        speaker_start = base
        cue_start = base + len(speaker_text) + 1
        start = cue_start + len(cue) + len(" that ")
        stmt_id = f"{doc_id[:16]}-{index:04d}"
        statements.append(
            {
                "stmt_id": stmt_id,
                "doc_id": doc_id,
                "actor_id": speaker.lower().replace(" ", "-"),
                "speaker": speaker,
                "speaker_text": speaker_text,
                "speaker_kind": SPEAKERS[speaker][2],
                "side": SPEAKERS[speaker][1],
                "cue": cue,
                "mode": mode,
                "content": content,
                "start": start,
                "end": start + len(content),
                "speaker_start": speaker_start,
                "speaker_end": speaker_start + len(speaker_text),
                "cue_start": cue_start,
                "cue_end": cue_start + len(cue),
                "sentence": index + 1,
                "reported_by": None,
                "confidence": 0.9,
                "date": event or published,
            }
        )
        if SPEAKERS[speaker][2] == "person":
            entities.append(
                {
                    "doc_id": doc_id,
                    "text": speaker_text,
                    "label": "PERSON",
                    "start": speaker_start,
                    "end": speaker_start + len(speaker_text),
                    "actor_id": speaker.lower().replace(" ", "-"),
                }
            )
    text += f"The talks covered {', '.join(phrases) or 'routine matters'}.\n"
    for phrase in phrases:
        for found in _find_all(text, phrase):
            inside = [row for row in statements if row["start"] <= found < row["end"]]
            mentions.append(
                {
                    "doc_id": doc_id,
                    "stmt_id": inside[0]["stmt_id"] if inside else None,
                    "topic": TOPIC_OF[phrase],
                    "matched": phrase,
                    "start": found,
                    "end": found + len(phrase),
                }
            )
    country_at = text.find(country)
    if country_at >= 0:
        entities.append(
            {
                "doc_id": doc_id,
                "text": country,
                "label": "GPE",
                "start": country_at,
                "end": country_at + len(country),
                "actor_id": None,
            }
        )
    document = {
        "doc_id": doc_id,
        "title": title,
        "publisher": publisher,
        "publisher_country": country,
        "published": published,
        "dateline_place": "NORHAVEN" if country == "Norland" else "ESTOPOL",
        "event_date": event,
        "kind": "readout",
        "language": "en",
        "filename": f"release_{number:02d}.txt",
        "n_words": len(text.split()),
        "text": text,
        "ingested_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        "warnings": [],
        "topics": sorted({TOPIC_OF[phrase] for phrase in phrases}),
        "participants": sorted({s for s, *_ in said if SPEAKERS[s][2] == "person"}),
    }
    return document, statements, entities, mentions


def _find_all(text: str, phrase: str) -> list[int]:
    found, at = [], text.find(phrase)
    while at >= 0:
        found.append(at)
        at = text.find(phrase, at + 1)
    return found


def build_small_corpus() -> Corpus:
    """The invented corpus: 7 documents (one undated), two sides, 5 speakers, 4 topics."""
    documents, statements, entities, mentions = [], [], [], []
    for number, spec in enumerate(DOCUMENT_SPECS):
        document, doc_statements, doc_entities, doc_mentions = _document_rows(number, spec)
        documents.append(document)
        statements += doc_statements
        entities += doc_entities
        mentions += doc_mentions
    actors = [
        {
            "actor_id": name.lower().replace(" ", "-"),
            "name": name,
            "kind": kind,
            "title": title,
            "role": None,
            "organization": None,
            "side": side,
            "aliases": [f"{title} {name.split()[-1]}"] if title else [],
        }
        for name, (title, side, kind) in SPEAKERS.items()
    ]
    return Corpus(
        documents=build_frame(DOCUMENTS, documents),
        actors=build_frame(ACTORS, actors),
        statements=build_frame(STATEMENTS, statements),
        entities=build_frame(ENTITIES, entities),
        topic_mentions=build_frame(TOPIC_MENTIONS, mentions),
    )


@pytest.fixture
def small_corpus() -> Corpus:
    """A fresh copy of the invented corpus (tests may not share mutations)."""
    return build_small_corpus()


@pytest.fixture(autouse=True)
def isolated_workspace(tmp_path, monkeypatch):
    """Every app test gets its own workspace folder, never the analyst's."""
    folder = tmp_path / "workspaces"
    monkeypatch.setenv("READOUT_WORKSPACE_DIR", str(folder))
    return folder


def seeded_app(path: str, corpus: Corpus | None = None, *, timeout: int = APP_TIMEOUT) -> AppTest:
    """An AppTest of ``path`` (relative to the repo root) with ``corpus`` already in session.

    The app is started from ``app.py`` and switched to ``path``, as in the browser, so that
    links to Home (``st.page_link("app.py")``) resolve.
    """
    from components import state

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if path != "app.py":
        at.switch_page(path)
    if corpus is not None:
        at.session_state[state.CORPUS] = corpus
    return at


@pytest.fixture
def app_factory() -> Callable[..., AppTest]:
    """``seeded_app`` as a fixture, for tests that prefer injection."""
    return seeded_app
