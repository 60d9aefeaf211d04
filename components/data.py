"""Every st.cache_* of the app: the pipeline, parsing by file hash, the workspaces."""

from __future__ import annotations

import csv
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import streamlit as st
from spacy.language import Language

from core import corpus as corpus_builder
from core import nlp as nlp_loader
from core import store, topics
from core.schema import Corpus, ParsedRelease, Problem

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "examples"
READABLE_EXTENSIONS = ("txt", "md", "html", "htm", "pdf", "docx", "eml", "zip")

FileProgress = Callable[[int, int, str], None]  # (files done, files total, file name)
_CREATING = threading.Lock()  # sessions opening a new workspace at once create it once


@st.cache_resource(show_spinner="Loading the language pipeline...")
def load_nlp() -> Language:
    """The language pipeline, once per server process."""
    return nlp_loader.load_pipeline()


def pipeline_description() -> str:
    """One line saying which pipeline parses the releases."""
    return nlp_loader.describe_pipeline(load_nlp())


@st.cache_data(show_spinner=False)
def load_taxonomy(taxonomy_yaml: str | None) -> topics.Taxonomy:
    """The workspace's taxonomy (its edited YAML), else the shipped one."""
    if not taxonomy_yaml:
        return topics.load_taxonomy()
    return topics.taxonomy_from_yaml(taxonomy_yaml)


@st.cache_data(show_spinner=False, max_entries=5000)
def parse_file(
    name: str, data: bytes, taxonomy_yaml: str | None
) -> tuple[list[ParsedRelease], list[Problem]]:
    """Read and parse one uploaded file; cached by its name and bytes."""
    raws, problems = corpus_builder.read_files([(name, data)])
    parsed, parse_problems = corpus_builder.parse_documents(
        raws, load_nlp(), taxonomy=load_taxonomy(taxonomy_yaml)
    )
    return parsed, problems + parse_problems


def parse_files(
    files: Iterable[tuple[str, bytes]],
    *,
    taxonomy_yaml: str | None = None,
    on_progress: FileProgress | None = None,
) -> Corpus:
    """Parse many files (each cached by hash) into one Corpus, reporting progress per file."""
    files = list(files)
    parsed: list[ParsedRelease] = []
    problems: list[Problem] = []
    for number, (name, data) in enumerate(files, start=1):
        if on_progress:
            on_progress(number - 1, len(files), name)
        file_parsed, file_problems = parse_file(name, data, taxonomy_yaml)
        parsed.extend(file_parsed)
        problems.extend(file_problems)
    if on_progress and files:
        on_progress(len(files), len(files), files[-1][0])
    result = corpus_builder.corpus_from_parsed(parsed)
    result.problems = problems
    return result


def parse_and_store(
    files: Sequence[tuple[str, bytes]],
    workspace: store.Workspace,
    *,
    on_progress: FileProgress | None = None,
) -> tuple[list[Problem], store.AddReport]:
    """Parse and store file by file, so a crash mid-upload keeps every file stored before it.

    Returns:
        The problems met reading or parsing, and what the store did (added, skipped, failed).
    """
    taxonomy_yaml = workspace.taxonomy_yaml()
    problems: list[Problem] = []
    report = store.AddReport()
    for number, (name, data) in enumerate(files, start=1):
        if on_progress:
            on_progress(number - 1, len(files), name)
        parsed, file_problems = parse_file(name, data, taxonomy_yaml)
        problems.extend(file_problems)
        if parsed:
            _merge_reports(report, workspace.add(corpus_builder.corpus_from_parsed(parsed)))
    if on_progress and files:
        on_progress(len(files), len(files), files[-1][0])
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
