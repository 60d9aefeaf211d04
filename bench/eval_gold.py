"""Score the parser on the readout dev corpus with the reference scorer.

usage: python bench/eval_gold.py [--pipeline NAME ...] [--side-by-side] [--errors]

Runs ``core`` over ../shared/corpus/dev/*.txt, writes the predictions as JSONL (the
``python -m core parse`` contract) and scores them against gold/dev.jsonl with
../shared/tools/score_gold.py. Several --pipeline values print their scores side by side;
--side-by-side prints one table of the rules alone (blank English) beside the rules with the
shipped pipeline's parse (pipelines/readout_en). --errors also prints every statement error
of each run, matched as the scorer matches: a gold statement missed, a predicted one extra, or
matched with the wrong speaker (file, offset, gold and predicted speaker, cue, content head).
Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

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


@cache
def _scorer() -> ModuleType:
    """The reference scorer as a module: its overlap and name normalisation decide matches."""
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class StatementError:
    """One statement the scorer counts against a run."""

    kind: str  # missed (gold, unmatched), extra (predicted, unmatched), speaker (matched, wrong)
    file: str
    start: int
    gold_speaker: str | None
    predicted_speaker: str | None
    cue: str | None
    content: str


def find_statement_errors(
    gold_path: Path, pred_path: Path, min_overlap: float = 0.5
) -> list[StatementError]:
    """Missed, extra and wrongly attributed statements, matched greedily one-to-one by the
    scorer's overlap (best first), speakers compared after the scorer's normalisation."""
    scorer = _scorer()
    gold, pred = scorer.load(gold_path), scorer.load(pred_path)
    errors: list[StatementError] = []
    for name, document in gold.items():
        wanted = [s for s in document.get("statements", []) if s.get("start") is not None]
        found = [
            s
            for s in (pred.get(name, {}).get("statements") or [])
            if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
        ]
        pairs = _matched_pairs(scorer, wanted, found, min_overlap)
        for i, j in pairs.items():
            g, p = wanted[i], found[j]
            expected = scorer.norm_name(g.get("speaker"))
            if not expected or expected != scorer.norm_name(p.get("speaker")):
                errors.append(_error("speaker", name, g, p))
        errors += [_error("missed", name, g, None) for i, g in enumerate(wanted) if i not in pairs]
        used = set(pairs.values())
        errors += [_error("extra", name, None, p) for j, p in enumerate(found) if j not in used]
    return sorted(errors, key=lambda e: (e.file, e.start, e.kind))


def _matched_pairs(scorer: ModuleType, wanted: list, found: list, min_overlap: float) -> dict:
    """Gold index -> predicted index, greedily by overlap as the scorer pairs them."""
    scored = sorted(
        ((scorer.overlap(g, p), i, j) for i, g in enumerate(wanted) for j, p in enumerate(found)),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for share, i, j in scored:
        if share >= min_overlap and i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _error(kind: str, name: str, gold: dict | None, pred: dict | None) -> StatementError:
    shown = gold if gold is not None else pred
    return StatementError(
        kind=kind,
        file=name,
        start=int(shown["start"]),
        gold_speaker=gold.get("speaker") if gold is not None else None,
        predicted_speaker=pred.get("speaker") if pred is not None else None,
        cue=shown.get("cue"),
        content=" ".join(str(shown.get("content") or "").split())[:70],
    )


def print_errors(label: str, errors: list[StatementError]) -> None:
    """One line an error, grouped under a count per kind."""
    counts = {kind: sum(e.kind == kind for e in errors) for kind in ("missed", "extra", "speaker")}
    print(
        f"\n## errors: {label}: {counts['missed']} missed, {counts['extra']} extra, "
        f"{counts['speaker']} wrong speaker\n"
    )
    for e in errors:
        print(
            f"{e.kind:<7}  {e.file}  @{e.start}  gold: {e.gold_speaker or '-'}  "
            f"pred: {e.predicted_speaker or '-'}  cue: {e.cue or '-'}  | {e.content}"
        )


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


def evaluate(
    runs: dict[str, str | None],
    paths: list[Path],
    gold_path: Path,
    prefix: str,
    *,
    with_errors: bool = False,
    after_predict: Callable[[], None] | None = None,
) -> None:
    """Parse ``paths`` with each run's pipeline, score against ``gold_path``, print one table.

    ``runs`` maps a column label to a pipeline name; ``with_errors`` also lists every missed,
    extra and misattributed statement of each run.
    """
    results, seconds, errors = {}, {}, {}
    for label, name in runs.items():
        source = nlp.choose_pipeline(name)
        pred_path = OUT / f"{prefix}_pred_{source.replace('/', '_')}.jsonl"
        seconds[label] = predict(name, paths, pred_path)
        if after_predict:
            after_predict()
        results[label] = score(gold_path, pred_path)
        if with_errors:
            errors[label] = find_statement_errors(gold_path, pred_path)
    print_table(results, seconds, len(paths))
    for label, found in errors.items():
        print_errors(label, found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", action="append", help="pipeline(s) to compare")
    parser.add_argument(
        "--side-by-side", action="store_true", help="rules alone beside rules with the parse"
    )
    parser.add_argument(
        "--errors", action="store_true", help="also print every missed, extra, misattributed"
    )
    args = parser.parse_args()
    skip_without(DEV_CORPUS, DEV_GOLD, SCORER)
    OUT.mkdir(parents=True, exist_ok=True)
    paths = sorted(DEV_CORPUS.glob("*.txt"))
    if args.side_by_side:
        runs = dict(SIDE_BY_SIDE)
    else:
        runs = {nlp.choose_pipeline(name): name for name in args.pipeline or [None]}
    evaluate(runs, paths, DEV_GOLD, "dev", with_errors=args.errors)


if __name__ == "__main__":
    main()
