"""Score the parser on the readout dev corpus with the reference scorer.

usage: python bench/eval_gold.py [--pipeline NAME ...] [--side-by-side]

Runs ``core`` over ../shared/corpus/dev/*.txt, writes the predictions as JSONL (the
``python -m core parse`` contract) and scores them against gold/dev.jsonl with
../shared/tools/score_gold.py. Several --pipeline values print their scores side by side;
--side-by-side prints one table of the rules alone (blank English) beside the rules with the
shipped pipeline's parse (pipelines/readout_en). Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import DEV_CORPUS, DEV_GOLD, OUT, SCORER, skip_without

from core import corpus, nlp, output, topics


def predict(pipeline_name: str | None, paths: list[Path], out_path: Path) -> float:
    """Parse ``paths`` into ``out_path`` (the ``python -m core parse`` shape); return seconds."""
    pipeline = nlp.load_pipeline(pipeline_name)
    taxonomy = topics.load_taxonomy()
    started = time.perf_counter()
    raws, problems = corpus.read_files((path.name, path.read_bytes()) for path in paths)
    parsed, parse_problems = corpus.parse_documents(raws, pipeline, taxonomy=taxonomy)
    with out_path.open("w", encoding="utf-8") as handle:
        for item in parsed:
            handle.write(json.dumps(output.release_record(item), ensure_ascii=False) + "\n")
        for problem in problems + parse_problems:
            handle.write(json.dumps(output.problem_record(problem)) + "\n")
    return time.perf_counter() - started


def score(gold_path: Path, pred_path: Path) -> dict:
    """The reference scorer's JSON result."""
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(pred_path), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


ROWS = [
    ("statements P", lambda s: s["statements"]["P"]),
    ("statements R", lambda s: s["statements"]["R"]),
    ("statement F1 (target 0.85)", lambda s: s["statements"]["F1"]),
    ("speaker right, of matched", lambda s: s["speaker_accuracy_of_matched"]),
    ("attributed F1 (target 0.80)", lambda s: s["attributed"]["F1"]),
    ("recall: direct", lambda s: s["recall_by_mode"].get("direct")),
    ("recall: indirect", lambda s: s["recall_by_mode"].get("indirect")),
    ("recall: mixed", lambda s: s["recall_by_mode"].get("mixed")),
    ("recall: joint", lambda s: s["recall_by_mode"].get("joint")),
    ("topics P", lambda s: s["topics"]["P"]),
    ("topics R", lambda s: s["topics"]["R"]),
    ("topics F1 (target 0.80)", lambda s: s["topics"]["F1"]),
    ("published accuracy (0.90)", lambda s: s["fields"]["published"]["accuracy"]),
    ("published invented", lambda s: s["fields"]["published"]["extra_when_gold_empty"]),
    ("event date accuracy (0.90)", lambda s: s["fields"]["event_date"]["accuracy"]),
    ("event date invented", lambda s: s["fields"]["event_date"]["extra_when_gold_empty"]),
    ("dateline accuracy", lambda s: s["fields"]["dateline_place"]["accuracy"]),
    ("dateline invented", lambda s: s["fields"]["dateline_place"]["extra_when_gold_empty"]),
]


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


def _cell(value) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


SIDE_BY_SIDE = {
    "rules only (blank)": nlp.BLANK,
    "with parse (readout_en)": str(nlp.SHIPPED_PIPELINE),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", action="append", help="pipeline(s) to compare")
    parser.add_argument(
        "--side-by-side", action="store_true", help="rules alone beside rules with the parse"
    )
    args = parser.parse_args()
    skip_without(DEV_CORPUS, DEV_GOLD, SCORER)
    OUT.mkdir(parents=True, exist_ok=True)
    paths = sorted(DEV_CORPUS.glob("*.txt"))
    if args.side_by_side:
        runs = dict(SIDE_BY_SIDE)
    else:
        runs = {nlp.choose_pipeline(name): name for name in args.pipeline or [None]}
    results, seconds = {}, {}
    for label, name in runs.items():
        source = nlp.choose_pipeline(name)
        pred_path = OUT / f"dev_pred_{Path(source).name}.jsonl"
        seconds[label] = predict(name, paths, pred_path)
        results[label] = score(DEV_GOLD, pred_path)
    print_table(results, seconds, len(paths))


if __name__ == "__main__":
    main()
