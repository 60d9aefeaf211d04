"""Command-line work on a workspace file: ``ingest ... --workspace FILE`` and ``check``.

A workspace is a DuckDB file that one process at a time may open. When the app (or another
command) holds it, these commands say so in one line and exit with code 2 instead of failing
with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from core import corpus, nlp, store

EXIT_PROBLEMS = 1
EXIT_UNAVAILABLE = 2


def open_workspace(path: str) -> store.Workspace | None:
    """The workspace at ``path``; None after printing why it cannot be opened."""
    try:
        return store.Workspace(Path(path))
    except store.WorkspaceError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def command_store(args: argparse.Namespace, files: Iterable[tuple[str, bytes]]) -> int:
    """Parse the files and store them in the workspace (each document in its own transaction)."""
    workspace = open_workspace(args.workspace)  # before the slow pipeline load: fail fast
    if workspace is None:
        return EXIT_UNAVAILABLE
    with workspace:
        built = corpus.build_corpus(files, nlp.load_pipeline(args.pipeline))
        report = workspace.add(built)
    for problem in [*built.problems, *report.failed]:
        print(f"problem: {problem.filename}: {problem.message}", file=sys.stderr)
    print(
        f"{len(report.added)} documents stored, {len(report.skipped)} already stored, "
        f"{len(built.problems) + len(report.failed)} problems -> {workspace.path}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if report.failed else 0


def command_check(args: argparse.Namespace) -> int:
    """Say whether every stored document is whole (exit 0) or list what is not (exit 1)."""
    workspace = open_workspace(args.workspace)
    if workspace is None:
        return EXIT_UNAVAILABLE
    with workspace:
        problems = workspace.check()
        count = len(workspace.document_ids())
    for problem in problems:
        print(f"problem: {problem}")
    verdict = "every document is whole" if not problems else f"{len(problems)} problem(s)"
    print(f"{workspace.path}: {count} documents, {verdict}.")
    return EXIT_PROBLEMS if problems else 0
