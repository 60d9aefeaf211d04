"""Every st.cache_* of the app: the pipeline, parsing by file hash, the workspaces."""

from __future__ import annotations

import csv
import functools
import hashlib
import itertools
import logging
import threading
import weakref
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TypeVar

import streamlit as st
from spacy.language import Language

from components import filters, state
from core import analysis, store, topics
from core import corpus as corpus_builder
from core import nlp as nlp_loader
from core.filtering import Filter, FilterChoices, apply_filter, filter_choices
from core.schema import Corpus, ParsedRelease, Problem, RawDocument

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "examples"
READABLE_EXTENSIONS = ("txt", "md", "html", "htm", "pdf", "docx", "eml", "zip")

FileProgress = Callable[[int, int, str], None]  # (files done, files total, file name)
_CREATING = threading.Lock()  # sessions opening a new workspace at once create it once


_LOADED: dict[str, Language] = {}  # the pipeline, once load_nlp has loaded it in this process


@st.cache_resource(show_spinner="Loading the language pipeline...")
def load_nlp() -> Language:
    """The language pipeline, once per server process."""
    nlp = nlp_loader.load_pipeline()
    _LOADED["nlp"] = nlp
    return nlp


def pipeline_description() -> str:
    """One line saying which pipeline parses the releases.

    Before the pipeline is loaded it is named by where it comes from, so no page waits for
    loading it just to say its name (uploads and the Home page's warm-up load it).
    """
    nlp = _LOADED.get("nlp")
    if nlp is not None:
        return nlp_loader.describe_pipeline(nlp)
    chosen = nlp_loader.choose_pipeline()
    label = "blank English + rules" if chosen == nlp_loader.BLANK else Path(chosen).name
    return f"{label} (loaded on first use)"


@st.cache_resource(show_spinner=False, max_entries=64)
def load_taxonomy(taxonomy_yaml: str | None) -> topics.Taxonomy:
    """The workspace's taxonomy (its edited YAML), else the shipped one; shared, not copied
    (a Taxonomy is frozen; copying it would compile its patterns again on every use)."""
    if not taxonomy_yaml:
        return topics.load_taxonomy()
    return topics.taxonomy_from_yaml(taxonomy_yaml)


FILES_PER_CHUNK = 16  # files parsed in one pipeline run and then stored in one call
PARSE_CACHE_ENTRIES = 5000  # files whose parse is kept per server process
FileParse = tuple[tuple[ParsedRelease, ...], tuple[Problem, ...]]  # one file's releases, problems


class ParseCache:
    """Parsed files by (name, content hash, taxonomy), shared by every session of the server.

    The same file uploaded again (another session, another workspace) is not parsed again.
    Values are shared, never copied: callers must not mutate them (nothing downstream does:
    framing copies the rows).
    """

    def __init__(self, max_entries: int = PARSE_CACHE_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[str, str, str], FileParse] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    @staticmethod
    def key(name: str, data: bytes, taxonomy_yaml: str | None) -> tuple[str, str, str]:
        taxonomy = hashlib.sha256((taxonomy_yaml or "").encode("utf-8")).hexdigest()
        return name, hashlib.sha256(data).hexdigest(), taxonomy

    def get(self, key: tuple[str, str, str]) -> FileParse | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, str], value: FileParse) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)


@st.cache_resource(show_spinner=False)
def parse_cache() -> ParseCache:
    """The server's cache of parsed files."""
    return ParseCache()


def parse_chunk(
    files: Sequence[tuple[str, bytes]],
    taxonomy_yaml: str | None,
    *,
    on_file: Callable[[int, str], None] | None = None,
) -> list[FileParse]:
    """Each file's parsed releases and problems, in order; the files not cached yet are parsed
    together (one ``nlp.pipe`` run over all their documents).

    Args:
        files: ``(name, bytes)`` pairs.
        taxonomy_yaml: the workspace's taxonomy (None: the shipped one).
        on_file: called with (files done, name) as each file is finished.
    """
    cache = parse_cache()
    keys = [ParseCache.key(name, data, taxonomy_yaml) for name, data in files]
    results: list[FileParse | None] = [cache.get(key) for key in keys]
    nlp = load_nlp()
    parsed: dict[int, list[ParsedRelease]] = {}
    problems: dict[int, list[Problem]] = {}
    admitted: list[tuple[int, RawDocument]] = []
    for number, (name, data) in enumerate(files):
        if results[number] is None:
            raws, errors = corpus_builder.read_file(name, data)
            accepted, too_long = corpus_builder.admit_documents(raws, nlp)
            parsed[number] = []
            problems[number] = [Problem(error.filename, error.message) for error in errors]
            problems[number] += too_long
            admitted += [(number, raw) for raw in accepted]
    outcomes = corpus_builder.parse_admitted(
        [raw for _, raw in admitted], nlp, taxonomy=load_taxonomy(taxonomy_yaml)
    )
    documents_of = Counter(number for number, _ in admitted)
    for number, (name, _) in enumerate(files):
        if results[number] is None:
            for _, outcome in itertools.islice(outcomes, documents_of[number]):
                target = problems if isinstance(outcome, Problem) else parsed
                target[number].append(outcome)
            results[number] = (tuple(parsed[number]), tuple(problems[number]))
            cache.put(keys[number], results[number])
        if on_file:
            on_file(number + 1, name)
    return [result for result in results if result is not None]


def parse_and_store(
    files: Sequence[tuple[str, bytes]],
    workspace: store.Workspace,
    *,
    on_progress: FileProgress | None = None,
) -> tuple[list[Problem], store.AddReport]:
    """Parse and store chunk by chunk (``FILES_PER_CHUNK`` files): the files of a chunk go
    through the pipeline together and into the workspace in one call, each document in its
    own transaction, so a crash mid-upload keeps every chunk stored before it.

    A release met again in a later file of the same upload is reported as already stored,
    as when it was uploaded before.

    Returns:
        The problems met reading or parsing, and what the store did (added, skipped, failed).
    """
    taxonomy_yaml = workspace.taxonomy_yaml()
    problems: list[Problem] = []
    report = store.AddReport()
    seen: set[str] = set()
    total = len(files)
    for first in range(0, total, FILES_PER_CHUNK):
        chunk = files[first : first + FILES_PER_CHUNK]
        if on_progress:
            on_progress(first, total, chunk[0][0])

        def show(done: int, name: str, first: int = first) -> None:
            if on_progress and first + done < total:
                on_progress(first + done, total, files[first + done][0])

        new: list[ParsedRelease] = []
        for parsed, file_problems in parse_chunk(chunk, taxonomy_yaml, on_file=show):
            problems.extend(file_problems)
            ids = {item.document["doc_id"] for item in parsed}
            report.skipped.extend(sorted(ids & seen))  # an earlier file of this upload has it
            new.extend(item for item in parsed if item.document["doc_id"] not in seen)
            seen |= ids
        if new:
            _merge_reports(report, workspace.add(corpus_builder.corpus_from_parsed(new)))
    if on_progress and files:
        on_progress(total, total, files[-1][0])
    return problems, report


def _merge_reports(into: store.AddReport, more: store.AddReport) -> None:
    into.added.extend(more.added)
    into.skipped.extend(more.skipped)
    into.failed.extend(more.failed)
    into.replaced.extend(more.replaced)


def example_files() -> list[tuple[str, bytes]]:
    """The example corpus shipped in data/examples/: the releases its index.csv lists."""
    index = EXAMPLES_DIR / "index.csv"
    if not index.is_file():
        return []
    with index.open(encoding="utf-8", newline="") as handle:
        names = sorted(row["file"] for row in csv.DictReader(handle))
    return [(name, (EXAMPLES_DIR / name).read_bytes()) for name in names]


@st.cache_resource(show_spinner=False)
def warm_up() -> bool:
    """Parse one example release, once per server process, so the first upload does not wait
    for what a first parse loads (word lists, compiled patterns, the date parser).

    Returns:
        True when it ran (False without an example corpus, or when it failed: logged only).
    """
    examples = example_files()[:1]
    if not examples:
        return False
    try:
        raws, _ = corpus_builder.read_files(examples)
        corpus_builder.parse_documents(raws, load_nlp(), taxonomy=load_taxonomy(None))
    except Exception:  # a warm-up must never break the page
        log.exception("warming up the parser failed")
        return False
    return True


# ------------------------------------------------------------------------------ workspaces


def workspace_dir() -> Path:
    """Where workspaces live (READOUT_WORKSPACE_DIR, read at call time)."""
    return Path(store.default_workspace_dir())


def list_workspaces() -> list[str]:
    """Names of the stored workspaces."""
    return store.list_workspaces(workspace_dir())


def workspace_path(name: str) -> Path:
    """The file of the workspace called ``name`` (created when it does not exist yet)."""
    directory = workspace_dir()
    if name in store.list_workspaces(directory):
        return store.workspace_path(directory, name)
    with _CREATING:  # another session may be creating it right now
        if name in store.list_workspaces(directory):
            return store.workspace_path(directory, name)
        return Path(store.create_workspace(directory, name))


@st.cache_resource(show_spinner=False)
def open_workspace_file(path: str) -> store.Workspace:
    """One Workspace per file per server process, shared by every session."""
    return store.Workspace(Path(path))


def get_workspace(name: str) -> store.Workspace:
    """The open Workspace called ``name``."""
    return open_workspace_file(str(workspace_path(name)))


def close_workspace(name: str) -> None:
    """Close a workspace's connection (before renaming or deleting its file)."""
    directory = workspace_dir()
    if name not in store.list_workspaces(directory):
        return
    path = str(workspace_path(name))
    open_workspace_file(path).close()
    open_workspace_file.clear(path)


def create_workspace(name: str) -> Path:
    """Create an empty workspace; ValueError (analyst-worded) for a bad or taken name."""
    return Path(store.create_workspace(workspace_dir(), name))


def rename_workspace(old: str, new: str) -> Path:
    """Rename a workspace (its connection is closed first)."""
    close_workspace(old)
    return Path(store.rename_workspace(workspace_dir(), old, new))


def delete_workspace(name: str) -> None:
    """Delete a workspace and its file (its connection is closed first)."""
    close_workspace(name)
    store.delete_workspace(workspace_dir(), name)


def load_stored_corpus(name: str) -> Corpus | None:
    """The stored corpus of a workspace; None (and the reason kept) when it cannot be opened."""
    from components import state  # state imports this module

    try:
        corpus = get_workspace(name).load()
    except store.WorkspaceError as error:
        log.warning("workspace %s cannot be opened: %s", name, error)
        state.set_workspace_error(str(error))
        return None
    state.set_workspace_error(None)  # e.g. the other process holding it has closed
    return corpus


T = TypeVar("T")

# ---------------------------------------------------------------- cached analyses

# id(corpus) -> (a weak reference to it, its fingerprint): each corpus object is hashed once.
# Corpora are never changed in place (every change is a new one through state.set_corpus).
_FINGERPRINTS: dict[int, tuple[weakref.ref, str]] = {}
_FINGERPRINTS_LOCK = threading.Lock()


def corpus_version() -> str:
    """A key for what the pages show: the whole corpus's content and the filter in force.

    Two sessions with the same corpus and filter share cached frames and figures; an upload,
    an edit or another filter gives another key.
    """
    return _version(state.get_corpus(), filters.current_filter())


def _version(full: Corpus | None, flt: Filter) -> str:
    return f"{_fingerprint(full) if full is not None else '-'}|{flt!r}"


def _fingerprint(corpus: Corpus) -> str:
    with _FINGERPRINTS_LOCK:
        known = _FINGERPRINTS.get(id(corpus))
        if known is not None and known[0]() is corpus:
            return known[1]
        for key in [key for key, (ref, _) in _FINGERPRINTS.items() if ref() is None]:
            del _FINGERPRINTS[key]  # corpora no session holds any more
        tables = [corpus.table(name) for name in analysis.FINGERPRINT_TABLES]
        fingerprint = analysis.corpus_fingerprint(tables)
        _FINGERPRINTS[id(corpus)] = (weakref.ref(corpus), fingerprint)
        return fingerprint


def cached(name: str, *params: Hashable, build: Callable[[], T]) -> T:
    """``build()``, computed once per (corpus version, ``name``, ``params``).

    ``build`` may only read the filtered corpus and ``params``: everything else it depends
    on must be among ``params``. The result is a copy (tables and figures are never shared).
    """
    return _cached(corpus_version(), name, params, _build=build)


@st.cache_data(max_entries=128, show_spinner=False)
def _cached(version: str, name: str, params: tuple, _build: Callable[[], T]) -> T:
    return _build()


def filter_corpus(corpus: Corpus, flt: Filter) -> Corpus:
    """``apply_filter(corpus, flt)``, computed once per (corpus content, filter) and shared by
    sessions; a rerun (any widget) reads it back instead of filtering again.

    The empty filter returns ``corpus`` itself: a cached copy of the whole corpus would only
    cost its pickling.
    """
    if flt.is_empty():
        return corpus
    return _cached_filtered(_version(corpus, flt), _build=lambda: apply_filter(corpus, flt))


# a filtered corpus can be nearly the whole one (~20 MB pickled at 1,100 releases): keep few
@st.cache_data(max_entries=8, show_spinner=False)
def _cached_filtered(version: str, _build: Callable[[], Corpus]) -> Corpus:
    return _build()


def load_filter_choices(corpus: Corpus) -> FilterChoices:
    """What the sidebar filter offers for ``corpus`` (the whole one), built once per corpus
    content: the same for every filter and every rerun."""
    choices = functools.partial(filter_choices, corpus)
    return _cached(_fingerprint(corpus), "filter_choices", (), _build=choices)
