"""Unlabelled text for ``spacy pretrain``: the training side of every source, never a test set.

The tok2vec layer learns to predict the first and last characters of each word from its
context (spaCy's ``PretrainCharacters``) before the supervised training starts. The text:

- the words of the treebank training documents (UD English EWT train, GUM train, re3d train,
  wikigold) as ``convert.training_docs`` builds them (re3d once, not repeated);
- PolNeAR's *train* articles (US political news, 624,000 words): the dev and test articles
  stay unseen, since ``bench/polnear.py`` scores the statement extractor on them.

Run from the repository root::

    .venv/bin/python training/scripts/pretrain_text.py ../shared training/corpus/pretrain.jsonl

Each line is ``{"text": ...}``: one treebank chunk, or a run of paragraphs of an article of at
most ``MAX_WORDS`` words (``spacy.JsonlCorpus`` skips longer texts). Nothing is written into
the repository: ``training/corpus`` is ignored by git.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.vocab import Vocab

from training.scripts import convert

MAX_WORDS = 300


def article_parts(text: str, max_words: int = MAX_WORDS) -> Iterator[str]:
    """Paragraph runs of at most ``max_words`` words (a longer paragraph alone)."""
    part: list[str] = []
    words = 0
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        size = len(paragraph.split())
        if part and words + size > max_words:
            yield "\n".join(part)
            part, words = [], 0
        part.append(paragraph)
        words += size
    if part:
        yield "\n".join(part)


def treebank_texts(treebanks: Path) -> Iterator[str]:
    docs = convert.training_docs(treebanks, Vocab())["train"]
    seen: set[str] = set()
    for doc in docs:
        if doc.text not in seen:  # re3d is repeated in the training data
            seen.add(doc.text)
            yield doc.text


def polnear_texts(polnear: Path) -> Iterator[str]:
    for path in sorted((polnear / "train" / "text").glob("*.txt")):
        yield from article_parts(path.read_text(encoding="utf-8"))


def main(shared: str, out_path: str) -> None:
    root = Path(shared)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    texts = 0
    words = 0
    with out.open("w", encoding="utf-8") as handle:
        sources = (
            treebank_texts(root / "treebanks"),
            polnear_texts(root / "benchmarks" / "polnear"),
        )
        for source in sources:
            for text in source:
                handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                texts += 1
                words += len(text.split())
    print(f"{out}: {texts} texts, {words} words")


if __name__ == "__main__":
    main(*sys.argv[1:3])
