"""Score the parser on the annotated example releases with the reference scorer.

usage: python bench/eval_examples.py [--pipeline NAME ...]

A proxy for text the rules were not tuned on: data/examples/gold.jsonl holds independent gold
annotations of 16 fictional releases (see data/examples/README.md). Runs ``core`` over exactly
those files, writes the predictions as JSONL (the ``python -m core parse`` contract) to
bench/out/ and scores them with ../shared/tools/score_gold.py, printing the same table as
bench/eval_gold.py. Skips cleanly when the scorer is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, SCORER, skip_without
from eval_gold import ROWS, _cell

from core import corpus, nlp, output, topics

EXAMPLES = ROOT / "data" / "examples"
EXAMPLES_GOLD = EXAMPLES / "gold.jsonl"


def gold_files(gold_path: Path) -> list[Path]:
    """The releases the gold file annotates, in its order."""
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    return [EXAMPLES / json.loads(line)["file"] for line in lines if line.strip()]


def predict(pipeline_name: str | None, paths: list[Path], out_path: Path) -> float:
    """Parse ``paths`` into ``out_path``; return seconds taken."""
    pipeline = nlp.load_pipeline(pipeline_name)
    taxonomy = topics.load_taxonomy()
    started = time.perf_counter()
    raws, problems = corpus.read_files((path.name, path.read_bytes()) for path in paths)
    _warn_if_text_changed(raws, paths)
    parsed, parse_problems = corpus.parse_documents(raws, pipeline, taxonomy=taxonomy)
    with out_path.open("w", encoding="utf-8") as handle:
        for item in parsed:
            handle.write(json.dumps(output.release_record(item), ensure_ascii=False) + "\n")
        for problem in problems + parse_problems:
            handle.write(json.dumps(output.problem_record(problem)) + "\n")
    return time.perf_counter() - started


def _warn_if_text_changed(raws, paths: list[Path]) -> None:
    """Gold offsets index the file's text; a reader that changes it makes them meaningless."""
    by_name = {path.name: path for path in paths}
    for raw in raws:
        if raw.text != by_name[raw.filename].read_text(encoding="utf-8"):
            print(f"warning: {raw.filename}: the reader's text differs from the file's text")


def score(gold_path: Path, pred_path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(pred_path), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def print_table(results: dict[str, dict], seconds: dict[str, float], n_docs: int) -> None:
    names = list(results)
    print(f"| measure | {' | '.join(names)} |")
    print(f"|---|{'---|' * len(names)}")
    for label, get in ROWS:
        cells = " | ".join(_cell(get(results[name])) for name in names)
        print(f"| {label} | {cells} |")
    counts = " | ".join(
        f"{results[n]['statements']['gold']}/{results[n]['statements']['pred']}" for n in names
    )
    print(f"| statements gold/pred | {counts} |")
    timing = " | ".join(f"{seconds[n]:.1f}" for n in names)
    print(f"| parse seconds ({n_docs} docs) | {timing} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", action="append", help="pipeline(s) to compare")
    args = parser.parse_args()
    skip_without(EXAMPLES_GOLD, SCORER)
    OUT.mkdir(parents=True, exist_ok=True)
    paths = gold_files(EXAMPLES_GOLD)
    results, seconds = {}, {}
    for name in args.pipeline or [None]:
        label = nlp.choose_pipeline(name)
        pred_path = OUT / f"examples_pred_{label.replace('/', '_')}.jsonl"
        seconds[label] = predict(name, paths, pred_path)
        results[label] = score(EXAMPLES_GOLD, pred_path)
    print_table(results, seconds, len(paths))


if __name__ == "__main__":
    main()
