# ruff: noqa: E402  (numpy must see the thread setting before it loads)
"""Score a language pipeline on held-out treebank data and time it.

usage: python bench/pipeline_eval.py [--pipeline NAME_OR_PATH] [--treebanks DIR] [--write-meta]

The pipeline is loaded through ``core.nlp.load_pipeline`` (with the entity rules from data/),
default: the shipped ``pipelines/readout_en``. Held out from its training (see
``training/README.md``): UD English EWT test (+ Universal NER labels), GUM's official test
documents of the open genres (news separately), a fixed re3d split by document. Documents
are fed as released text: a line break before each paragraph. Prints one table:
TAG, POS, LEMMA, UAS, LAS, SENT F (and SENT F without line breaks), NER P/R/F over PERSON,
ORG and GPE-LOC (+ F per label, NORP included) and the speed of ``nlp.pipe`` on one process
over the set's documents, twice: the first pass meets each new word once (it enters the
vocabulary and the tokenizer's cache; EWT test adds ~4,000 words), the second runs on a warm
vocabulary, as a server that has parsed releases for a while does; beside the bare
tokenizer's on the same text, in words per CPU second of this process (the
machine is shared, so wall-clock time would measure the other jobs too). "One core" means
one thread: numpy's BLAS is held to one thread here (by default it starts one per core, and
their spinning counts in the process's CPU time: 6,800 words/CPU-s on two threads measured
9,200 on one, same pipeline). ``nlp.pipe`` runs with the pipeline's own batch size.
Skips cleanly without ../shared.
``--write-meta`` records the scores in the pipeline's meta.json and README.md.
``--profile`` prints the CPU time of each pipeline component on EWT test instead.
"""

from __future__ import annotations

import os

for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")  # before numpy loads: one core, one thread

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from common import SHARED, skip_without
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch

from core import nlp as core_nlp
from training.scripts import convert

TREEBANKS = SHARED / "treebanks"
TARGET_LABELS = ("PERSON", "ORG", "GPE-LOC")
ALL_LABELS = (*TARGET_LABELS, "NORP")
SYNTAX_SETS = ("EWT test", "GUM test", "GUM news test")
SPEED_COLUMNS = (
    "pipe words/CPU-s, first pass",
    "pipe words/CPU-s, second pass",
    "tokenizer words/CPU-s",
)
WARM_UP_DOCUMENTS = 20
COLUMNS = ("TAG", "POS", "LEMMA", "UAS", "LAS", "SENT F", "SENT F flat", "NER P", "NER R", "NER F")


def scored_spans(doc: Doc, labels: tuple[str, ...]) -> list[Span]:
    """Entities under the scored labels, GPE and LOC merged (the training data merge them)."""
    merged = {"GPE": "GPE-LOC", "LOC": "GPE-LOC"}
    spans = []
    for ent in doc.ents:
        label = merged.get(ent.label_, ent.label_)
        if label in labels:
            spans.append(Span(doc, ent.start, ent.end, label=label))
    return spans


def ner_scores(examples: list[Example]) -> dict[str, float]:
    """NER P/R/F over PERSON, ORG, GPE-LOC, and F per label (NORP included)."""
    target = Scorer.score_spans(
        examples, "ents", getter=lambda d, _: scored_spans(d, TARGET_LABELS)
    )
    every = Scorer.score_spans(examples, "ents", getter=lambda d, _: scored_spans(d, ALL_LABELS))
    result = {"NER P": target["ents_p"], "NER R": target["ents_r"], "NER F": target["ents_f"]}
    per_type = every["ents_per_type"] or {}
    gold_labels = {s.label_ for eg in examples for s in scored_spans(eg.reference, ALL_LABELS)}
    for label in ALL_LABELS:
        if label in gold_labels:  # no score for a label the gold data never use
            result[f"F {label}"] = per_type.get(label, {}).get("f", 0.0)
    return result


def syntax_scores(examples: list[Example]) -> dict[str, float]:
    """Token accuracies, attachment scores and sentence F of aligned examples."""
    scorer = Scorer()
    tags = scorer.score_token_attr(examples, "tag")["tag_acc"]
    pos = scorer.score_token_attr(examples, "pos")["pos_acc"]
    lemma = scorer.score_token_attr(examples, "lemma")["lemma_acc"]
    deps = Scorer.score_deps(
        examples, "dep", head_attr="head", has_annotation=lambda doc: doc.has_annotation("DEP")
    )
    sents = Scorer.score_spans(examples, "sents", has_annotation=lambda doc: True)
    return {
        "TAG": tags,
        "POS": pos,
        "LEMMA": lemma,
        "UAS": deps["dep_uas"],
        "LAS": deps["dep_las"],
        "SENT F": sents["sents_f"],
    }


def parse(nlp: Language, texts: list[str]) -> tuple[list[Doc], float]:
    """``nlp.pipe`` on one process; the docs and the CPU seconds it took.

    CPU time, not wall time: the machine is shared, and CPU seconds of this one process are
    what "words per second on one core" means when other jobs take turns on the core.
    """
    started = time.process_time()
    docs = list(nlp.pipe(texts))
    return docs, time.process_time() - started


def examples_of(preds: list[Doc], golds: list[Doc]) -> list[Example]:
    return [Example(pred, gold) for pred, gold in zip(preds, golds, strict=True)]


def sentence_f_flat(nlp: Language, documents: list, golds: list[Doc]) -> float:
    """Sentence F when the text has no line breaks (the parser's own segmentation)."""
    texts = [convert.document_text(doc, line_breaks=False) for doc in documents]
    preds, _ = parse(nlp, texts)
    return Scorer.score_spans(examples_of(preds, golds), "sents", has_annotation=lambda d: True)[
        "sents_f"
    ]


def score_set(nlp: Language, name: str, documents: list) -> dict[str, float]:
    """Every score of one held-out set, and its speed against the bare tokenizer."""
    golds = [convert.sentences_to_doc(nlp.vocab, doc) for doc in documents]
    texts = [convert.document_text(doc) for doc in documents]
    words = sum(len(gold) for gold in golds)
    preds, seconds = parse(nlp, texts)
    examples = examples_of(preds, golds)
    scores: dict[str, float] = {"words": words, "pipe words/CPU-s, first pass": words / seconds}
    if name in SYNTAX_SETS:
        scores.update(syntax_scores(examples))
        scores["SENT F flat"] = sentence_f_flat(nlp, documents, golds)
    scores.update(ner_scores(examples))
    scores["pipe words/CPU-s, second pass"] = words / parse(nlp, texts)[1]
    scores["tokenizer words/CPU-s"] = words / time_tokenizer(nlp, texts)
    return scores


def time_tokenizer(nlp: Language, texts: list[str]) -> float:
    started = time.process_time()
    for _ in nlp.tokenizer.pipe(texts, batch_size=nlp.batch_size):
        pass
    return time.process_time() - started


def profile_components(nlp: Language, texts: list[str]) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each component, batch by batch as ``nlp.pipe``."""
    seconds = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for batch in minibatch(texts, nlp.batch_size):
        started = time.process_time()
        docs = [nlp.make_doc(text) for text in batch]
        seconds["tokenizer"] += time.process_time() - started
        for name, component in nlp.pipeline:
            started = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=nlp.batch_size))
            else:
                docs = [component(doc) for doc in docs]
            seconds[name] += time.process_time() - started
    return seconds


def warm_up(nlp: Language, documents: list) -> None:
    """Run a few documents first: the timings measure steady throughput, not first-call setup."""
    list(nlp.pipe(convert.document_text(doc) for doc in documents[:WARM_UP_DOCUMENTS]))


def print_profile(nlp: Language, documents: list) -> None:
    texts = [convert.document_text(doc) for doc in documents]
    words = sum(len(sentence.tokens) for doc in documents for sentence in doc)
    seconds = profile_components(nlp, texts)
    total = sum(seconds.values())
    print("| component | CPU s | share | words/CPU-s alone |\n|---|---|---|---|")
    for name, spent in seconds.items():
        print(f"| {name} | {spent:.2f} | {100 * spent / total:.1f}% | {words / spent:,.0f} |")
    print(f"| all ({words:,} words) | {total:.2f} | 100% | {words / total:,.0f} |")


def without_rules(nlp: Language) -> Callable:
    """A context in which the entity rules are off (the statistical NER alone)."""
    rules = [
        name for name in (core_nlp.TITLED_NAMES, core_nlp.ENTITY_RULER) if name in nlp.pipe_names
    ]
    return nlp.select_pipes(disable=rules)


def fmt(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f}" if percent else f"{value:,.0f}"


def table(results: dict[str, dict[str, float]]) -> str:
    """The markdown table: one row per held-out set."""
    header = ["held out", "words", *COLUMNS, *(f"F {label}" for label in ALL_LABELS)]
    header += list(SPEED_COLUMNS)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, scores in results.items():
        cells = [name, fmt(scores["words"], percent=False)]
        cells += [fmt(scores.get(col)) for col in COLUMNS]
        cells += [fmt(scores.get(f"F {label}")) for label in ALL_LABELS]
        cells += [fmt(scores.get(key), percent=False) for key in SPEED_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rounded(results: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        name: {key: round(100 * v, 2) if v <= 1.0 else round(v) for key, v in scores.items()}
        for name, scores in results.items()
    }


def write_meta(pipeline: Path, results: dict[str, dict[str, float]], text: str) -> None:
    """Record the scores in the pipeline's meta.json and a README.md beside it."""
    meta_path = pipeline / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["readout_scores"] = {
        "measured_by": "bench/pipeline_eval.py: held-out sets, %, words/CPU-second, one process",
        "load_average": os.getloadavg()[0],
        "sets": rounded(results),
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    readme = [
        f"# {meta['name']} {meta['version']}",
        "",
        meta.get("description", ""),
        "",
        f"Licence: {meta.get('license', '')}. {meta.get('notes', '')}",
        "",
        "Scores on held-out data (`bench/pipeline_eval.py`):",
        "",
        text,
        "",
    ]
    (pipeline / "README.md").write_text("\n".join(readme), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", default=str(core_nlp.SHIPPED_PIPELINE))
    parser.add_argument("--treebanks", type=Path, default=TREEBANKS)
    parser.add_argument("--write-meta", action="store_true")
    parser.add_argument("--sets", nargs="*", default=None, help="only these held-out sets")
    parser.add_argument("--profile", action="store_true", help="CPU time per component")
    args = parser.parse_args()
    skip_without(args.treebanks)
    if args.pipeline != "blank" and not Path(args.pipeline).exists() and "/" in args.pipeline:
        print(f"skipped: no pipeline at {args.pipeline}")
        raise SystemExit(0)
    nlp = core_nlp.load_pipeline(args.pipeline)
    print(f"pipeline: {core_nlp.describe_pipeline(nlp)}; load average {os.getloadavg()[0]:.1f}")
    heldout = convert.heldout_documents(args.treebanks)
    warm_up(nlp, heldout["EWT test"])
    if args.profile:
        print_profile(nlp, heldout["EWT test"])
        return
    results = {}
    for name, documents in heldout.items():
        if args.sets and name not in args.sets:
            continue
        results[name] = score_set(nlp, name, documents)
        if name == "re3d test":
            with without_rules(nlp):
                results["re3d test, NER without rules"] = score_set(nlp, name, documents)
    text = table(results)
    print(text)
    if args.write_meta:
        write_meta(Path(args.pipeline), results, text)
        print(f"scores written to {args.pipeline}/meta.json and README.md")


if __name__ == "__main__":
    main()
