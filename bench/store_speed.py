"""How fast the DuckDB workspace stores and loads a corpus of about 2,000 documents.

    .venv/bin/python -m bench.store_speed [--docs 2000]

The corpus is synthetic (invented words, fictional names), shaped like parsed releases:
each document has statements, entities, topic mentions and a few actors. ``synthetic_corpus``
is also what the store's tests use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from core.schema import ACTORS, DOCUMENTS, ENTITIES, STATEMENTS, TOPIC_MENTIONS, Corpus, build_frame

WORDS = [
    "accord",
    "harbour",
    "ministry",
    "corridor",
    "delegation",
    "council",
    "envoy",
    "treaty",
    "frontier",
    "convoy",
    "summit",
    "channel",
    "patrol",
    "charter",
    "exchange",
    "reserve",
    "pledge",
    "tariff",
    "grain",
    "signal",
]
SPEAKERS = (
    ("Arlen Vosk", "Veldora"),
    ("Mira Tallis", "Ostrava Isles"),
    ("Ilse Brann", "Veldora"),
    ("Teo Quarrin", "Ostrava Isles"),
    ("Ana Çelik-Ruud", "Veldora"),
)
TOPICS = ("maritime safety", "grain corridor", "military dialogue", "sanctions")
MODES = ("direct", "indirect", "mixed", "joint")


def synthetic_corpus(
    n_docs: int,
    *,
    seed: int = 0,
    statements_per_doc: int = 12,
    entities_per_doc: int = 25,
    mentions_per_doc: int = 8,
) -> Corpus:
    """A corpus of invented releases with every column filled (and some left empty)."""
    rng = random.Random(seed)
    documents, statements, entities, mentions = [], [], [], []
    for number in range(n_docs):
        doc_id = hashlib.sha256(f"{seed}-{number}".encode()).hexdigest()
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(300, 700)))
        documents.append(_document(rng, doc_id, number, text))
        statements += [_statement(rng, doc_id, k, documents[-1]) for k in range(statements_per_doc)]
        entities += [_entity(rng, doc_id, k) for k in range(entities_per_doc)]
        mentions += [_mention(rng, doc_id, k) for k in range(mentions_per_doc)]
    return Corpus(
        documents=build_frame(DOCUMENTS, documents),
        actors=build_frame(ACTORS, [_actor(name, side) for name, side in SPEAKERS]),
        statements=build_frame(STATEMENTS, statements),
        entities=build_frame(ENTITIES, entities),
        topic_mentions=build_frame(TOPIC_MENTIONS, mentions),
    )


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _document(rng: random.Random, doc_id: str, number: int, text: str) -> dict:
    published = dt.date(2023, 1, 1) + dt.timedelta(days=number % 700)
    return {
        "doc_id": doc_id,
        "title": f"Readout {number}: {rng.choice(WORDS)} talks",
        "publisher": rng.choice(["Veldora Ministry of Defence", "Ostrava Isles Foreign Office"]),
        "publisher_country": rng.choice(["Veldora", "Ostrava Isles", None]),
        "published": published,
        "dateline_place": rng.choice(["VELDRA", "PORT OSTRA", None]),
        "event_date": published - dt.timedelta(days=1) if number % 3 else None,
        "kind": rng.choice(["readout", "press release", "statement"]),
        "language": "en",
        "filename": f"release_{number:05d}.txt",
        "n_words": len(text.split()),
        "text": text,
        "ingested_at": dt.datetime(2025, 5, 1, 12, 0, number % 60, 123456, tzinfo=dt.UTC),
        "warnings": ["page 2 unreadable"] if number % 7 == 0 else [],
        "topics": sorted(rng.sample(TOPICS, 2)),
        "participants": [name for name, _ in rng.sample(SPEAKERS, 2)],
    }


def _statement(rng: random.Random, doc_id: str, k: int, document: dict) -> dict:
    name, side = rng.choice(SPEAKERS)
    start = k * 40
    return {
        "stmt_id": f"{doc_id[:16]}-{k:04d}",
        "doc_id": doc_id,
        "actor_id": slug(name) if k % 5 else None,
        "speaker": name if k % 5 else None,
        "speaker_text": "He" if k % 5 == 0 else name,
        "speaker_kind": "person" if k % 5 else "unknown",
        "side": side,
        "cue": rng.choice(["said", "stressed", "urged", "agreed"]),
        "mode": MODES[k % 4],
        "content": " ".join(rng.choice(WORDS) for _ in range(12)),
        "start": start,
        "end": start + 30,
        "speaker_start": start - 10 if k % 5 else None,
        "speaker_end": start - 2 if k % 5 else None,
        "cue_start": start - 1 if k % 2 else None,
        "cue_end": start if k % 2 else None,
        "sentence": k,
        "reported_by": rng.choice([None, None, "Arlen Vosk"]),
        "confidence": round(rng.random(), 3),
        "date": document["event_date"] or document["published"],
    }


def _entity(rng: random.Random, doc_id: str, k: int) -> dict:
    name, _ = rng.choice(SPEAKERS)
    return {
        "doc_id": doc_id,
        "text": name,
        "label": rng.choice(["PERSON", "ORG", "GPE"]),
        "start": k * 9,
        "end": k * 9 + 8,
        "actor_id": slug(name) if k % 2 else None,
    }


def _mention(rng: random.Random, doc_id: str, k: int) -> dict:
    return {
        "doc_id": doc_id,
        "stmt_id": f"{doc_id[:16]}-{k:04d}" if k % 2 else None,
        "topic": rng.choice(TOPICS),
        "matched": rng.choice(WORDS),
        "start": k * 50,
        "end": k * 50 + 6,
    }


def _actor(name: str, side: str) -> dict:
    return {
        "actor_id": slug(name),
        "name": name,
        "kind": "person",
        "title": "Minister",
        "role": None,
        "organization": f"{side} government",
        "side": side,
        "aliases": sorted({name.split()[-1], f"Minister {name.split()[-1]}"}),
    }


def timed(label: str, job: Callable[[], object]) -> object:
    """Run ``job``, print its wall and CPU time (the machine may be shared), return its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = job()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<34} {wall:6.2f} s wall  {cpu:6.2f} s CPU")
    return result


def reopen_and_load(path: Path) -> Corpus:
    from core.store import Workspace

    with Workspace(path) as workspace:
        return workspace.load()


def main() -> None:
    from core.store import Workspace

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.docs)
    rows = {name: len(corpus.table(name)) for name in ("statements", "entities", "topic_mentions")}
    print(f"synthetic corpus: {args.docs} documents, {rows}")
    print(
        f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cores"
    )
    first_id = corpus.documents["doc_id"][0]
    # storing links participants to actor ids with core.release, which imports spaCy (the app
    # and the CLI have it loaded already): timed on its own, not as part of the first add
    timed("import core.release (spaCy)", lambda: importlib.import_module("core.release"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        with Workspace(path) as workspace:
            timed(f"add {args.docs} documents", lambda: workspace.add(corpus))
            timed("add them again (all skipped)", lambda: workspace.add(corpus))
            loaded = timed("load #1", workspace.load)
            timed("load #2", workspace.load)
            timed(
                "edit a title + load",
                lambda: (
                    workspace.set_document_field(first_id, "title", "Edited"),
                    workspace.load(),
                ),
            )
            timed("replace_topics (all documents)", lambda: workspace.replace_topics(loaded))
            doomed = list(corpus.documents["doc_id"][:100])
            timed("delete 100 documents", lambda: workspace.delete_documents(doomed))
        timed("reopen + load", lambda: reopen_and_load(path))
        print(f"file size: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
