"""Score the parser on the annotated example releases with the reference scorer.

usage: python bench/eval_examples.py [--pipeline NAME ...] [--errors]

A proxy for text the rules were not tuned on: data/examples/gold.jsonl holds independent gold
annotations of 16 fictional releases (see data/examples/README.md). Runs ``core`` over exactly
those files, writes the predictions as JSONL (the ``python -m core parse`` contract) to
bench/out/ and scores them with ../shared/tools/score_gold.py, printing the same table as
bench/eval_gold.py; --errors also prints every missed, extra and misattributed statement as
bench/eval_gold.py --errors does. Skips cleanly when the scorer is absent.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import OUT, ROOT, SCORER, skip_without
from eval_gold import evaluate

from core import corpus, nlp

EXAMPLES = ROOT / "data" / "examples"
EXAMPLES_GOLD = EXAMPLES / "gold.jsonl"


def gold_files(gold_path: Path) -> list[Path]:
    """The releases the gold file annotates, in its order."""
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    return [EXAMPLES / json.loads(line)["file"] for line in lines if line.strip()]


def _warn_if_text_changed(paths: list[Path]) -> None:
    """Gold offsets index the file's text; a reader that changes it makes them meaningless."""
    raws, _ = corpus.read_files((path.name, path.read_bytes()) for path in paths)
    by_name = {path.name: path for path in paths}
    for raw in raws:
        if raw.text != by_name[raw.filename].read_text(encoding="utf-8"):
            print(f"warning: {raw.filename}: the reader's text differs from the file's text")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", action="append", help="pipeline(s) to compare")
    parser.add_argument(
        "--errors", action="store_true", help="also print every missed, extra, misattributed"
    )
    args = parser.parse_args()
    skip_without(EXAMPLES_GOLD, SCORER)
    OUT.mkdir(parents=True, exist_ok=True)
    paths = gold_files(EXAMPLES_GOLD)
    runs = {nlp.choose_pipeline(name): name for name in args.pipeline or [None]}
    evaluate(
        runs,
        paths,
        EXAMPLES_GOLD,
        "examples",
        with_errors=args.errors,
        after_predict=lambda: _warn_if_text_changed(paths),
    )


if __name__ == "__main__":
    main()
