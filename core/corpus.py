"""Files in, a Corpus out: the UI's and the command line's single entry point."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from core import deadline, ingest, metadata, release, topics
from core.errors import ParseError
from core.schema import (
    ACTORS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    ParsedRelease,
    Problem,
    RawDocument,
    build_frame,
)

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]  # (done, total, filename)
UNREADABLE = "could not be read (an unexpected fault in its format; the details are logged)"
UNPARSABLE = "could not be analysed (the details are logged)"


def read_files(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[RawDocument], list[Problem]]:
    """Read every file; a file that cannot be read becomes a Problem and the rest go on."""
    raws: list[RawDocument] = []
    problems: list[Problem] = []
    for filename, data in files:
        documents, errors = read_file(filename, data)
        raws.extend(documents)
        problems.extend(Problem(error.filename, error.message) for error in errors)
    return raws, problems


def read_file(filename: str, data: bytes) -> tuple[list[RawDocument], list[ParseError]]:
    """One file's documents and problems; a fault of a reader library is a problem, too."""
    try:
        return ingest.read_upload_parts(filename, data)
    except Exception:  # the batch boundary: any reader fault must not sink the other files
        log.exception("reading %s failed", filename)
        return [], [ParseError(filename, UNREADABLE)]


def parse_documents(
    raws: list[RawDocument],
    nlp: Language,
    *,
    taxonomy: topics.Taxonomy,
    on_progress: ProgressCallback | None = None,
    seconds_per_document: float | None = None,
) -> tuple[list[ParsedRelease], list[Problem]]:
    """Parse read documents in batches; one that fails to parse is a Problem, not a crash.

    Args:
        raws: the documents read.
        nlp: the language pipeline.
        taxonomy: the topic taxonomy to tag with.
        on_progress: called after each document with (done, total, filename).
        seconds_per_document: the time one document may take (``deadline.budget_seconds()``
            when omitted); a document still being parsed then is a Problem.

    Returns:
        The parsed releases and a Problem per document too long, too slow or failing to parse.
    """
    admitted, problems = admit_documents(raws, nlp)
    parsed: list[ParsedRelease] = []
    results = parse_admitted(
        admitted, nlp, taxonomy=taxonomy, seconds_per_document=seconds_per_document
    )
    for number, (raw, result) in enumerate(results, start=1):
        if on_progress:
            on_progress(number, len(admitted), raw.filename)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            parsed.append(result)
    return parsed, problems


def admit_documents(
    raws: list[RawDocument], nlp: Language
) -> tuple[list[RawDocument], list[Problem]]:
    """The documents short enough for the pipeline; a Problem for each of the others."""
    return _admit(raws, limit=min(ingest.MAX_TEXT_CHARS, nlp.max_length))


def parse_admitted(
    admitted: list[RawDocument],
    nlp: Language,
    *,
    taxonomy: topics.Taxonomy,
    seconds_per_document: float | None = None,
) -> Iterator[tuple[RawDocument, ParsedRelease | Problem]]:
    """Each admitted document with its parse, or the Problem it met, in input order.

    The pipeline runs over all of them in ``nlp.pipe`` batches, so a caller that stores as it
    goes (file by file, chunk by chunk) still gets batched parsing.
    """
    budget = seconds_per_document or deadline.budget_seconds()
    now = dt.datetime.now(dt.UTC)
    for raw, doc in _docs_in_time(admitted, nlp, budget):
        if doc is None:
            yield raw, Problem(raw.filename, _too_slow(budget))
            continue
        try:
            with deadline.time_budget(budget):
                result = release.parse_release(raw, doc, taxonomy=taxonomy, ingested_at=now)
        except deadline.BudgetExceeded:
            log.warning("parsing %s took over %s s", raw.filename, budget)
            yield raw, Problem(raw.filename, _too_slow(budget))
        except Exception:  # one document's fault must not sink the batch
            log.exception("parsing %s failed", raw.filename)
            yield raw, Problem(raw.filename, UNPARSABLE)
        else:
            yield raw, result


def _docs_in_time(
    raws: list[RawDocument], nlp: Language, budget: float
) -> Iterator[tuple[RawDocument, Doc | None]]:
    """Each document with its Doc, or None when the pipeline could not finish it in time.

    Batches go through ``nlp.pipe``; after a batch fails or runs out of time, the rest go one
    at a time, so only the document at fault is lost.
    """
    docs = nlp.pipe((raw.text for raw in raws), batch_size=release.PIPE_BATCH_SIZE)
    for index, raw in enumerate(raws):
        try:
            with deadline.time_budget(budget):
                doc = next(docs)
        except (deadline.BudgetExceeded, Exception):  # the generator is dead either way
            log.warning("the pipeline failed or stalled on a batch from %s", raw.filename)
            if index == len(raws) - 1:  # the batch was this document alone: no second try
                yield raw, None
                return
            yield from ((item, _doc_in_time(item, nlp, budget)) for item in raws[index:])
            return
        yield raw, doc


def _doc_in_time(raw: RawDocument, nlp: Language, budget: float) -> Doc | None:
    try:
        with deadline.time_budget(budget):
            return nlp(raw.text)
    except deadline.BudgetExceeded:
        log.warning("the pipeline took over %s s on %s", budget, raw.filename)
    except Exception:  # one document's fault must not sink the batch
        log.exception("the pipeline failed on %s", raw.filename)
    return None


def _admit(raws: list[RawDocument], *, limit: int) -> tuple[list[RawDocument], list[Problem]]:
    """The documents short enough for the pipeline; the others become Problems."""
    admitted = [raw for raw in raws if len(raw.text) <= limit]
    problems = [
        Problem(
            raw.filename,
            f"is too long to analyse ({len(raw.text):,} characters; the limit is {limit:,}); "
            "split it into smaller files",
        )
        for raw in raws
        if len(raw.text) > limit
    ]
    return admitted, problems


def _too_slow(seconds: float) -> str:
    return (
        f"took too long to analyse (over {seconds:.0f} seconds) and was skipped; its text may "
        "be unusual (very many short lines or quote marks) - split it or clean it up"
    )


def build_corpus(
    files: Iterable[tuple[str, bytes]],
    nlp: Language,
    *,
    taxonomy: topics.Taxonomy | None = None,
    on_progress: ProgressCallback | None = None,
) -> Corpus:
    """Read and parse files into the five tables.

    Args:
        files: ``(filename, bytes)`` pairs, as uploaded.
        nlp: the language pipeline (see ``core.nlp.load_pipeline``).
        taxonomy: topic taxonomy; the shipped ``data/topics.yml`` when omitted.
        on_progress: called after each document with (done, total, filename).

    Returns:
        A Corpus with one document per distinct release and a Problem per unusable file.
    """
    taxonomy = taxonomy or topics.load_taxonomy()
    raws, problems = read_files(files)
    parsed, parse_problems = parse_documents(raws, nlp, taxonomy=taxonomy, on_progress=on_progress)
    corpus = corpus_from_parsed(parsed)
    corpus.problems = problems + parse_problems
    return corpus


def corpus_from_parsed(parsed: Iterable[ParsedRelease]) -> Corpus:
    """Frame parsed releases; a release seen twice (same doc_id) is kept once."""
    unique = list(_first_of_each_document(parsed))
    return Corpus(
        documents=build_frame(DOCUMENTS, [item.document for item in unique]),
        actors=build_frame(ACTORS, merge_actor_rows(row for item in unique for row in item.actors)),
        statements=build_frame(STATEMENTS, [row for item in unique for row in item.statements]),
        entities=build_frame(ENTITIES, [row for item in unique for row in item.entities]),
        topic_mentions=build_frame(
            TOPIC_MENTIONS, [row for item in unique for row in item.topic_mentions]
        ),
    )


def _first_of_each_document(parsed: Iterable[ParsedRelease]) -> Iterator[ParsedRelease]:
    seen: set[str] = set()
    for item in parsed:
        if item.document["doc_id"] not in seen:
            seen.add(item.document["doc_id"])
            yield item


def merge_actor_rows(rows: Iterable[dict]) -> list[dict]:
    """One row per actor_id across documents: aliases united, first known value of each field."""
    merged: dict[str, dict] = {}
    for row in rows:
        current = merged.setdefault(row["actor_id"], {**row, "aliases": []})
        for key, value in row.items():
            if key != "aliases" and current.get(key) in (None, "") and value:
                current[key] = value
        current["aliases"] = sorted(set(current["aliases"]) | set(row["aliases"]))
    return list(merged.values())


def concat_corpora(stored: Corpus, added: Corpus) -> Corpus:
    """The stored corpus plus new documents (documents already stored are not added again)."""
    new_ids = set(added.documents["doc_id"]) - set(stored.documents["doc_id"])

    def pick(name: str) -> pd.DataFrame:
        frame = added.table(name)
        if name == ACTORS:
            return frame
        return frame[frame["doc_id"].isin(new_ids)]

    documents = pd.concat([stored.documents, pick(DOCUMENTS)], ignore_index=True)
    actor_rows = merge_actor_rows(
        pd.concat([stored.actors, added.actors], ignore_index=True).to_dict("records")
    )
    return Corpus(
        documents=build_frame(DOCUMENTS, documents.to_dict("records")),
        actors=build_frame(ACTORS, actor_rows),
        statements=_stack(STATEMENTS, stored, pick(STATEMENTS)),
        entities=_stack(ENTITIES, stored, pick(ENTITIES)),
        topic_mentions=_stack(TOPIC_MENTIONS, stored, pick(TOPIC_MENTIONS)),
        problems=stored.problems + added.problems,
    )


def _stack(name: str, stored: Corpus, frame: pd.DataFrame) -> pd.DataFrame:
    rows = pd.concat([stored.table(name), frame], ignore_index=True).to_dict("records")
    return build_frame(name, rows)


def retag_topics(corpus: Corpus, taxonomy: topics.Taxonomy) -> Corpus:
    """The corpus with topic mentions and document topics recomputed under ``taxonomy``.

    Needs only the stored text and statement spans, not the language pipeline, so a taxonomy
    edit re-tags a large corpus in seconds.
    """
    mention_rows: list[dict] = []
    document_rows = corpus.documents.to_dict("records")
    for document in document_rows:
        raw = RawDocument(filename=document["filename"], text=document["text"])
        meta = metadata.extract_metadata(raw)
        mentions = topics.extract_topic_mentions(
            document["text"], taxonomy, skip_spans=meta.caption_spans
        )
        own = corpus.statements[corpus.statements["doc_id"] == document["doc_id"]]
        mention_rows.extend(
            release.topic_mention_rows(mentions, own.to_dict("records"), doc_id=document["doc_id"])
        )
        document["topics"] = topics.document_topics(
            mentions, taxonomy, text=document["text"], meta=meta
        )
    return Corpus(
        documents=build_frame(DOCUMENTS, document_rows),
        actors=corpus.actors,
        statements=corpus.statements,
        entities=corpus.entities,
        topic_mentions=build_frame(TOPIC_MENTIONS, mention_rows),
        problems=list(corpus.problems),
    )
