"""Words per second of ``core ingest`` against spaCy's bare tokenizer on the same text.

usage: python bench/ingest_speed.py [--repeat N] [--pipeline NAME]

The text is the dev corpus (../shared/corpus/dev) or, without it, the example corpus
(data/examples), repeated N times with a counter line so no two documents are identical
(identical releases would be de-duplicated). Prints one table: wall seconds, and CPU seconds
of this process (steadier on a shared machine; the pipeline's BLAS threads count in it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import DEV_CORPUS, ROOT

from core import corpus, nlp
from core.schema import TABLES


def load_texts(repeat: int) -> list[tuple[str, bytes]]:
    folder = DEV_CORPUS if DEV_CORPUS.exists() else ROOT / "data" / "examples"
    originals = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"})
    if not originals:
        raise SystemExit(f"skipped: no texts in {folder}")
    return [
        (f"{n:03d}_{p.name}", p.read_bytes() + f"\n\n(copy {n})\n".encode())
        for n in range(repeat)
        for p in originals
    ]


def time_tokenizer(texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of spaCy's bare tokenizer over the texts."""
    tokenizer = nlp.load_pipeline("blank").tokenizer
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in tokenizer.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def time_ingest(files: list[tuple[str, bytes]], pipeline_name: str | None) -> tuple[float, float]:
    """(wall, CPU) seconds of reading, parsing and writing Parquet (pipeline loaded before)."""
    pipeline = nlp.load_pipeline(pipeline_name)
    wall, cpu = time.perf_counter(), time.process_time()
    built = corpus.build_corpus(files, pipeline)
    with tempfile.TemporaryDirectory() as out:
        for name in TABLES:
            built.table(name).to_parquet(Path(out) / f"{name}.parquet", index=False)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--pipeline", default=None)
    args = parser.parse_args()
    files = load_texts(args.repeat)
    texts = [data.decode("utf-8") for _, data in files]
    words = sum(len(text.split()) for text in texts)
    tokenizer = time_tokenizer(texts)
    ingest = time_ingest(files, args.pipeline)
    label = nlp.choose_pipeline(args.pipeline)
    print(f"{len(files)} documents, {words:,} words; pipeline: {label}")
    print("| step | wall s | words/s | CPU s | words/CPU-s |")
    print("|---|---|---|---|---|")
    for step, (wall, cpu) in (
        ("spaCy bare tokenizer", tokenizer),
        ("core ingest (read, parse, extract, Parquet)", ingest),
    ):
        print(f"| {step} | {wall:.2f} | {words / wall:,.0f} | {cpu:.2f} | {words / cpu:,.0f} |")
    print(f"| ratio ingest / tokenizer (CPU) | | | | {tokenizer[1] / ingest[1]:.3f} |")


if __name__ == "__main__":
    main()
