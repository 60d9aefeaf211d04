"""The workspace: a DuckDB file holding one corpus, the analyst's edits and the taxonomy.

One :class:`Workspace` per process owns the file (DuckDB lets a single process open it; a second
one gets :class:`WorkspaceLockedError`). Writes are serialised by a lock and every document is
written with all its rows in one transaction, so a failed upload or a killed process leaves the
stored corpus exactly as it was. The same transaction records how many rows the document has in
each table; :meth:`Workspace.check` proves every stored document whole against those counts.
Analyst edits (a fixed date, publisher or speaker) live in their own tables and are re-applied
by :meth:`Workspace.load`, so they survive re-parsing and re-tagging.

All SQL is parameterised; table and column names come from :mod:`core.schema`, never from input.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from core.people import unify_people
from core.schema import (
    ACTORS,
    COLUMNS,
    DOCUMENT_KINDS,
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    Problem,
    SchemaError,
    build_frame,
    validate_frame,
)

log = logging.getLogger(__name__)

WORKSPACE_DIR_ENV = "READOUT_WORKSPACE_DIR"
WORKSPACE_SUFFIX = ".duckdb"
DEFAULT_WORKSPACE_NAME = "default"
SCHEMA_VERSION = "1"
EDITABLE_DOCUMENT_FIELDS = (
    "title",
    "publisher",
    "published",
    "event_date",
    "dateline_place",
    "kind",
)

# pandas "object" columns hold either dates or lists of strings; the store needs to know which
DATE_COLUMNS = frozenset({"published", "event_date", "date"})
LIST_COLUMNS = frozenset({"warnings", "topics", "participants", "aliases"})

ACTOR_ROWS = "actor_rows"  # actors as contributed by each stored document (merged on load)
# rows each stored document holds per table, written in the document's own transaction: a
# document whose rows do not add up to its counts was half-written (see Workspace.check)
DOCUMENT_COUNTS = "document_counts"
COUNTED_TABLES = (STATEMENTS, ENTITIES, TOPIC_MENTIONS, ACTOR_ROWS)
DOCUMENT_TABLES = (DOCUMENTS, STATEMENTS, ENTITIES, TOPIC_MENTIONS)
EDIT_TABLES = ("document_edits", "statement_edits")
_SEQ = "_seq"  # insertion order, so load() returns rows in the order they were added
_NAME_PATTERN = re.compile(r"^\w[\w .-]{0,63}$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STORE_ERRORS = (duckdb.Error, pa.ArrowException, SchemaError, ValueError, TypeError)

ProgressCallback = Callable[[int, int, str], None]  # (done, total, doc_id)


class WorkspaceError(Exception):
    """A workspace that cannot be opened or changed, worded for an analyst."""


class WorkspaceLockedError(WorkspaceError):
    """The workspace file is held by another process (DuckDB allows one)."""


@dataclass
class AddReport:
    """What :meth:`Workspace.add` did with each document of the corpus it was given."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored
    failed: list[Problem] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # stored before, rewritten (replace=True)


# ---------------------------------------------------------------- workspace files


def default_workspace_dir() -> Path:
    """Where workspaces live: ``$READOUT_WORKSPACE_DIR``, else ``~/.readout-lens/workspaces``.

    Read at call time so tests and deployments can point it elsewhere.
    """
    configured = os.environ.get(WORKSPACE_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".readout-lens" / "workspaces"


def workspace_path(directory: Path, name: str) -> Path:
    """The file of workspace ``name`` in ``directory``.

    Raises:
        ValueError: the name is empty, too long, or has characters a file name cannot carry.
    """
    clean = name.strip() if isinstance(name, str) else ""
    if not _NAME_PATTERN.fullmatch(clean) or clean.endswith("."):
        raise ValueError(
            f"{name!r} cannot be a workspace name: use 1 to 64 letters, digits, spaces, "
            "dots, dashes or underscores, starting with a letter or digit."
        )
    return Path(directory) / f"{clean}{WORKSPACE_SUFFIX}"


def list_workspaces(directory: Path) -> list[str]:
    """Names of the workspaces in ``directory`` (none when it does not exist), sorted."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    names = [path.stem for path in directory.glob(f"*{WORKSPACE_SUFFIX}") if path.is_file()]
    return sorted((name for name in names if _NAME_PATTERN.fullmatch(name)), key=str.casefold)


def create_workspace(directory: Path, name: str) -> Path:
    """Create an empty workspace and return its file.

    Raises:
        ValueError: the name is not allowed or a workspace of that name exists.
    """
    path = workspace_path(directory, name)
    _require_free_name(directory, path.stem)
    Workspace(path).close()
    return path


def rename_workspace(directory: Path, old: str, new: str) -> Path:
    """Rename a closed workspace; returns its new file.

    Raises:
        ValueError: no such workspace, a bad or taken new name, or the workspace is open here.
        WorkspaceLockedError: another process has it open.
    """
    source = _existing_workspace(directory, old)
    target = workspace_path(directory, new)
    if target.stem.casefold() != source.stem.casefold():
        _require_free_name(directory, target.stem)
    _require_closed(source)
    for suffix in ("", ".wal"):
        companion = Path(f"{source}{suffix}")
        if companion.exists():
            companion.rename(Path(f"{target}{suffix}"))
    return target


def delete_workspace(directory: Path, name: str) -> None:
    """Delete a closed workspace and everything stored in it.

    Raises:
        ValueError: no such workspace, or it is open in this process.
        WorkspaceLockedError: another process has it open.
    """
    path = _existing_workspace(directory, name)
    _require_closed(path)
    for suffix in ("", ".wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _existing_workspace(directory: Path, name: str) -> Path:
    path = workspace_path(directory, name)
    if not path.is_file():
        raise ValueError(f"There is no workspace called {name!r}.")
    return path


def _require_free_name(directory: Path, name: str) -> None:
    taken = {existing.casefold() for existing in list_workspaces(directory)}
    if name.casefold() in taken:
        raise ValueError(f"A workspace called {name!r} already exists; choose another name.")


def _require_closed(path: Path) -> None:
    if _registry.is_open(path):
        raise ValueError(
            f"Workspace {path.stem!r} is open; switch to another workspace first, then try again."
        )
    _connect(path).close()  # raises WorkspaceLockedError when another process holds it


# ---------------------------------------------------------------- the workspace


class _Registry:
    """Per-file write locks and open counts shared by every Workspace of this process."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[Path, threading.Lock] = {}
        self._open: dict[Path, int] = {}

    def acquire(self, path: Path) -> threading.Lock:
        with self._guard:
            self._open[path] = self._open.get(path, 0) + 1
            return self._locks.setdefault(path, threading.Lock())

    def release(self, path: Path) -> None:
        with self._guard:
            self._open[path] = self._open.get(path, 1) - 1

    def is_open(self, path: Path) -> bool:
        with self._guard:
            return self._open.get(path.resolve(), 0) > 0


_registry = _Registry()


class Workspace:
    """One corpus stored in a DuckDB file; thread-safe, one per process per file.

    Args:
        path: the workspace file (created, with its folder, when missing).

    Raises:
        WorkspaceLockedError: another process has the file open.
        WorkspaceError: the file is not a workspace, or is damaged.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser().resolve()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = _connect(self.path)
        self._closed = False
        self._lock = _registry.acquire(self.path)
        try:
            with self._lock:
                _create_tables(self._con)
        except duckdb.Error as error:
            self.close()
            raise WorkspaceError(f"{self.path.name} is not a usable workspace ({error}).") from None
        for problem in self.check():
            log.warning("workspace %s: %s", self.path, problem)

    # -------------------------------------------------------- reading

    def load(self) -> Corpus:
        """The stored corpus with the analyst's edits applied (rows in the order added) and each
        person under one name across releases (:func:`core.people.unify_people`)."""
        with self._cursor() as cursor, _transaction(cursor):  # one snapshot of every table
            frames = {table: _read_table(cursor, table) for table in DOCUMENT_TABLES}
            actor_rows = _read_actor_rows(cursor)
            document_edits = cursor.execute(
                "SELECT doc_id, field, value FROM document_edits ORDER BY edited_at"
            ).fetchall()
            speaker_edits = dict(
                cursor.execute(
                    "SELECT stmt_id, speaker FROM statement_edits ORDER BY edited_at"
                ).fetchall()
            )
        documents = apply_document_edits(frames[DOCUMENTS], document_edits)
        statements = apply_statement_dates(frames[STATEMENTS], documents, document_edits)
        statements = apply_speaker_edits(statements, speaker_edits)
        corpus = Corpus(
            documents=validate_frame(DOCUMENTS, documents),
            actors=build_frame(
                ACTORS, _actors_with_edited_speakers(actor_rows, statements, speaker_edits)
            ),
            statements=validate_frame(STATEMENTS, statements),
            entities=frames[ENTITIES],
            topic_mentions=frames[TOPIC_MENTIONS],
        )
        # each release is parsed alone: one person may be stored under two names
        return unify_people(corpus, kept=set(speaker_edits))

    def document_ids(self) -> list[str]:
        """The stored documents' ids, in the order they were added."""
        with self._cursor() as cursor:
            rows = cursor.execute(f"SELECT doc_id FROM documents ORDER BY {_SEQ}").fetchall()
        return [row[0] for row in rows]

    def taxonomy_yaml(self) -> str | None:
        """The workspace's own taxonomy (YAML text), or None when it uses the shipped one."""
        with self._cursor() as cursor:
            row = cursor.execute(
                "SELECT value FROM settings WHERE key = ?", ["taxonomy_yaml"]
            ).fetchone()
        return row[0] if row else None

    def check(self) -> list[str]:
        """What is inconsistent in the stored corpus (empty when every document is whole).

        A document is whole when it has its documents row, its row counts, and exactly the
        counted number of rows in every other table; rows of no stored document are reported too.
        """
        with self._cursor() as cursor, _transaction(cursor):
            return _consistency_problems(cursor)

    # -------------------------------------------------------- writing

    def add(
        self, corpus: Corpus, *, replace: bool = False, on_progress: ProgressCallback | None = None
    ) -> AddReport:
        """Store the corpus's documents, each with all its rows in one transaction.

        Args:
            corpus: parsed documents (``corpus.problems`` are not stored).
            replace: rewrite documents already stored (a re-parse) instead of skipping them;
                the analyst's edits are kept either way.
            on_progress: called after each document with (done, total, doc_id).

        Returns:
            Which documents were added, skipped as already stored, replaced, or failed. A failed
            document leaves nothing behind; the others are stored.
        """
        incoming = _IncomingRows(corpus)
        report = AddReport()
        with self._write() as cursor:
            stored = _stored_ids(cursor)
            seq = _next_seq(cursor)
            for number, doc_id in enumerate(incoming.doc_ids, start=1):
                if doc_id in stored and not replace:
                    report.skipped.append(doc_id)
                else:
                    seq = self._add_document(cursor, incoming, doc_id, seq, stored, report)
                if on_progress:
                    on_progress(number, len(incoming.doc_ids), doc_id)
        return report

    def delete_documents(self, doc_ids: list[str]) -> int:
        """Delete documents with all their rows and edits; returns how many were stored."""
        ids = sorted(set(doc_ids))
        if not ids:
            return 0
        with self._write() as cursor, _transaction(cursor):
            deleted = cursor.execute(
                "SELECT count(*) FROM documents WHERE list_contains(?, doc_id)", [ids]
            ).fetchone()[0]
            for table in (*DOCUMENT_TABLES, ACTOR_ROWS, DOCUMENT_COUNTS, *EDIT_TABLES):
                cursor.execute(f'DELETE FROM "{table}" WHERE list_contains(?, doc_id)', [ids])
        return int(deleted)

    def set_document_field(self, doc_id: str, field: str, value: Any) -> None:
        """Record an analyst's fix of a document's metadata, kept across re-parse and re-tag.

        Args:
            doc_id: a stored document.
            field: one of ``EDITABLE_DOCUMENT_FIELDS``.
            value: the new value (a date or ISO ``YYYY-MM-DD`` text for dates; None clears it).

        Raises:
            ValueError: unknown document or field, or a value the field cannot take.
        """
        text = _edit_text(field, value)
        with self._write() as cursor, _transaction(cursor):
            _require_row(cursor, "documents", "doc_id", doc_id, "document")
            cursor.execute(
                "DELETE FROM document_edits WHERE doc_id = ? AND field = ?", [doc_id, field]
            )
            cursor.execute(
                "INSERT INTO document_edits VALUES (?, ?, ?, current_timestamp)",
                [doc_id, field, text],
            )

    def set_statement_speaker(self, stmt_id: str, speaker: str | None) -> None:
        """Record an analyst's fix of who made a statement (None or "" clears the speaker).

        Raises:
            ValueError: the statement is not stored.
        """
        name = (speaker or "").strip() or None
        with self._write() as cursor, _transaction(cursor):
            doc_id = _require_row(cursor, "statements", "stmt_id", stmt_id, "statement")
            cursor.execute("DELETE FROM statement_edits WHERE stmt_id = ?", [stmt_id])
            cursor.execute(
                "INSERT INTO statement_edits VALUES (?, ?, ?, current_timestamp)",
                [stmt_id, doc_id, name],
            )

    def save_taxonomy_yaml(self, text: str) -> None:
        """Keep an edited taxonomy (YAML text) with the workspace.

        Raises:
            ValueError: the text is not valid YAML.
        """
        try:
            yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ValueError(f"The taxonomy is not valid YAML: {error}") from None
        with self._write() as cursor, _transaction(cursor):
            cursor.execute("DELETE FROM settings WHERE key = ?", ["taxonomy_yaml"])
            cursor.execute("INSERT INTO settings VALUES (?, ?)", ["taxonomy_yaml", text])

    def replace_topics(self, corpus: Corpus) -> None:
        """Store re-tagged topics for the corpus's documents (mentions and documents.topics).

        All documents change in one transaction; documents that are not stored are ignored.
        """
        documents = to_arrow(DOCUMENTS, corpus.documents.loc[:, ["doc_id", "topics"]])
        mentions = to_arrow(TOPIC_MENTIONS, corpus.topic_mentions)
        with self._write() as cursor, _transaction(cursor):
            ids = sorted(_stored_ids(cursor) & set(corpus.documents["doc_id"]))
            if not ids:
                return
            cursor.execute("DELETE FROM topic_mentions WHERE list_contains(?, doc_id)", [ids])
            mentions = mentions.filter(pc.is_in(mentions["doc_id"], pa.array(ids, pa.string())))
            _insert_rows(cursor, TOPIC_MENTIONS, _with_seq(mentions, _next_seq(cursor)))
            cursor.execute(
                f"UPDATE {DOCUMENT_COUNTS} SET topic_mentions = coalesce(("
                "SELECT count(*) FROM topic_mentions t WHERE t.doc_id = "
                f"{DOCUMENT_COUNTS}.doc_id), 0) WHERE list_contains(?, doc_id)",
                [ids],
            )
            new_topics = documents  # noqa: F841 (read by DuckDB below, by name)
            cursor.execute(
                "UPDATE documents SET topics = new_topics.topics FROM new_topics "
                "WHERE documents.doc_id = new_topics.doc_id"
            )

    def close(self) -> None:
        """Close the file (waits for a write in progress); the workspace cannot be used after."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._con.close()
        _registry.release(self.path)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------- internals

    def _add_document(
        self,
        cursor: duckdb.DuckDBPyConnection,
        incoming: _IncomingRows,
        doc_id: str,
        seq: int,
        stored: set[str],
        report: AddReport,
    ) -> int:
        """Write one document in one transaction; returns the next free ``_seq``."""
        tables = list(incoming.rows_of(doc_id))
        try:
            with _transaction(cursor):
                if doc_id in stored:
                    _delete_document_rows(cursor, doc_id)
                for table, rows in tables:
                    _insert_rows(cursor, table, _with_seq(rows, seq))
                _insert_counts(cursor, doc_id, {table: rows.num_rows for table, rows in tables})
        except _STORE_ERRORS:
            log.exception("storing document %s failed", doc_id)
            report.failed.append(Problem(incoming.filename(doc_id), WRITE_FAILURE))
        else:
            log.info("stored document %s (%s)", doc_id, incoming.filename(doc_id))
            (report.replaced if doc_id in stored else report.added).append(doc_id)
            stored.add(doc_id)
        return seq + max(rows.num_rows for _, rows in tables)

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._closed:
            raise WorkspaceError("This workspace has been closed; open it again.")
        cursor = self._con.cursor()  # a cursor per call: connections are not shared by threads
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock, self._cursor() as cursor:
            yield cursor


# ---------------------------------------------------------------- connection and tables


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise WorkspaceLockedError(_locked_message(path, str(error))) from None
        raise WorkspaceError(f"{path.name} cannot be opened as a workspace ({error}).") from None


def _locked_message(path: Path, detail: str) -> str:
    pid = re.search(r"PID (\d+)", detail)
    holder = f" (process {pid.group(1)})" if pid else ""
    return (
        f"This workspace is open in another Readout Lens process{holder}: {path}. "
        "Only one app or command can use a workspace at a time. Close the other app (or its "
        "terminal) and reload this page, or open a different workspace; to run a second app "
        f"side by side, start it with its own folder ({WORKSPACE_DIR_ENV}=/another/folder)."
    )


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in DOCUMENT_TABLES:
        _create_table(con, table, list(COLUMNS[table].items()))
    actor_columns = [("doc_id", "string"), *COLUMNS[ACTORS].items()]
    _create_table(con, ACTOR_ROWS, actor_columns, schema_table=ACTORS)
    con.execute(
        "CREATE TABLE IF NOT EXISTS document_edits "
        "(doc_id VARCHAR, field VARCHAR, value VARCHAR, edited_at TIMESTAMPTZ)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS statement_edits "
        "(stmt_id VARCHAR, doc_id VARCHAR, speaker VARCHAR, edited_at TIMESTAMPTZ)"
    )
    con.execute("CREATE TABLE IF NOT EXISTS settings (key VARCHAR, value VARCHAR)")
    if not con.execute("SELECT 1 FROM settings WHERE key = 'schema_version'").fetchone():
        con.execute("INSERT INTO settings VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    _create_counts_table(con)


def _create_counts_table(con: duckdb.DuckDBPyConnection) -> None:
    """The per-document row counts; a workspace made before them gets them from its rows, once."""
    existed = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [DOCUMENT_COUNTS]
    ).fetchone()[0]
    columns = ", ".join(f'"{table}" BIGINT' for table in COUNTED_TABLES)
    con.execute(f"CREATE TABLE IF NOT EXISTS {DOCUMENT_COUNTS} (doc_id VARCHAR, {columns})")
    if not existed:
        counts = ", ".join(_count_of(table) for table in COUNTED_TABLES)
        con.execute(f"INSERT INTO {DOCUMENT_COUNTS} SELECT d.doc_id, {counts} FROM documents d")


def _count_of(table: str) -> str:
    return f'(SELECT count(*) FROM "{table}" t WHERE t.doc_id = d.doc_id)'


def _insert_counts(cursor: duckdb.DuckDBPyConnection, doc_id: str, counts: dict[str, int]) -> None:
    values = [counts.get(table, 0) for table in COUNTED_TABLES]
    marks = ", ".join("?" for _ in COUNTED_TABLES)
    cursor.execute(f"INSERT INTO {DOCUMENT_COUNTS} VALUES (?, {marks})", [doc_id, *values])


def _consistency_problems(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    """Documents whose stored rows do not match their counts, and rows of no document."""
    problems = []
    found = ", ".join(f"coalesce(n{i}.n, 0)" for i in range(len(COUNTED_TABLES)))
    counted = ", ".join(f'c."{table}"' for table in COUNTED_TABLES)
    joins = " ".join(
        f'LEFT JOIN (SELECT doc_id, count(*) AS n FROM "{table}" GROUP BY doc_id) n{i} '
        f"ON n{i}.doc_id = d.doc_id"
        for i, table in enumerate(COUNTED_TABLES)
    )
    rows = cursor.execute(
        f"SELECT d.doc_id, d.copies, c.doc_id IS NOT NULL, {counted}, {found} "
        "FROM (SELECT doc_id, count(*) AS copies FROM documents GROUP BY doc_id) d "
        f"LEFT JOIN {DOCUMENT_COUNTS} c ON c.doc_id = d.doc_id {joins} ORDER BY d.doc_id"
    ).fetchall()
    width = len(COUNTED_TABLES)
    for doc_id, copies, has_counts, *numbers in rows:
        if copies != 1:
            problems.append(f"document {doc_id} is stored {copies} times")
        if not has_counts:
            problems.append(f"document {doc_id} has no row counts (it was not written whole)")
            continue
        for table, expected, stored in zip(
            COUNTED_TABLES, numbers[:width], numbers[width:], strict=True
        ):
            if expected != stored:
                problems.append(f"document {doc_id}: {stored} {table} rows, {expected} written")
    for table in (*COUNTED_TABLES, DOCUMENT_COUNTS):
        orphans = cursor.execute(
            f'SELECT count(*) FROM "{table}" WHERE doc_id NOT IN (SELECT doc_id FROM documents)'
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} {table} rows belong to no stored document")
    return problems


def _create_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[tuple[str, str]],
    *,
    schema_table: str | None = None,
) -> None:
    owner = schema_table or table
    spec = ", ".join(f'"{name}" {_sql_type(owner, name, dtype)}' for name, dtype in columns)
    con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({spec}, {_SEQ} BIGINT)')
    existing = {row[0] for row in con.execute(f'DESCRIBE "{table}"').fetchall()}
    for name, dtype in columns:
        if name not in existing:  # a column added to core.schema after the file was made
            sql_type = _sql_type(owner, name, dtype)
            con.execute(
                f'ALTER TABLE "{table}" ADD COLUMN "{name}" {sql_type} '
                f"DEFAULT {_column_default(owner, name, dtype)}"
            )


def _sql_type(table: str, column: str, dtype: str) -> str:
    if dtype == "object":
        if column in DATE_COLUMNS:
            return "DATE"
        if column in LIST_COLUMNS:
            return "VARCHAR[]"
        raise SchemaError(f"{table}.{column}: the store does not know this object column")
    types = {
        "string": "VARCHAR",
        "int64": "BIGINT",
        "Int64": "BIGINT",
        "float64": "DOUBLE",
        "datetime64[us, UTC]": "TIMESTAMPTZ",
    }
    if dtype not in types:
        raise SchemaError(f"{table}.{column}: the store does not know dtype {dtype}")
    return types[dtype]


def _column_default(table: str, column: str, dtype: str) -> str:
    if dtype == "int64":
        return "0"
    if dtype == "float64":
        return "0.0"
    if _sql_type(table, column, dtype) == "VARCHAR[]":
        return "[]"
    return "NULL"


@contextmanager
def _transaction(cursor: duckdb.DuckDBPyConnection) -> Iterator[None]:
    cursor.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        _rollback(cursor)
        raise
    cursor.execute("COMMIT")


def _rollback(cursor: duckdb.DuckDBPyConnection) -> None:
    try:
        cursor.execute("ROLLBACK")
    except duckdb.Error:
        # the original error is the one worth raising; DuckDB discards the transaction anyway
        log.exception("rollback failed")


def _stored_ids(cursor: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in cursor.execute("SELECT doc_id FROM documents").fetchall()}


def _next_seq(cursor: duckdb.DuckDBPyConnection) -> int:
    unions = " UNION ALL ".join(
        f'SELECT max({_SEQ}) AS s FROM "{table}"' for table in (*DOCUMENT_TABLES, ACTOR_ROWS)
    )
    return int(cursor.execute(f"SELECT coalesce(max(s), -1) + 1 FROM ({unions})").fetchone()[0])


def _with_seq(rows: pa.Table, start: int) -> pa.Table:
    return rows.append_column(_SEQ, pa.array(range(start, start + rows.num_rows), pa.int64()))


def _insert_rows(cursor: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append rows (an Arrow table with the table's columns and ``_seq``)."""
    if rows.num_rows == 0:
        return
    names = ", ".join(f'"{name}"' for name in rows.column_names)
    incoming_rows = rows  # noqa: F841 (DuckDB reads the local Arrow table by name)
    cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM incoming_rows')


def _delete_document_rows(cursor: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    for table in (*DOCUMENT_TABLES, ACTOR_ROWS, DOCUMENT_COUNTS):
        cursor.execute(f'DELETE FROM "{table}" WHERE doc_id = ?', [doc_id])


def _require_row(
    cursor: duckdb.DuckDBPyConnection, table: str, key: str, value: str, what: str
) -> str:
    row = cursor.execute(f'SELECT doc_id FROM "{table}" WHERE "{key}" = ?', [value]).fetchone()
    if row is None:
        raise ValueError(f"There is no stored {what} {value!r}.")
    return row[0]


# the error itself goes to the log (log.exception where it is caught); the analyst gets words
WRITE_FAILURE = "could not be saved in the workspace; nothing from this document was stored."


# ---------------------------------------------------------------- frames <-> Arrow


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table (how it is stored and exported as Parquet)."""
    return pa.schema(
        [(name, _arrow_type(table, name, dtype)) for name, dtype in COLUMNS[table].items()]
    )


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """A table's frame (or a subset of its columns) as Arrow, with dates and lists typed."""
    schema = arrow_schema(table)
    arrays = [
        pa.array(_plain_values(name, frame[name]), type=schema.field(name).type, from_pandas=True)
        for name in frame.columns
    ]
    return pa.table(arrays, names=list(frame.columns))


def from_arrow(table: str, rows: pa.Table) -> pd.DataFrame:
    """Arrow rows read from the store -> a validated frame of ``table``."""
    columns = {}
    for name, dtype in COLUMNS[table].items():
        column = rows[name]
        if dtype == "object":
            columns[name] = pd.Series(column.to_pylist(), dtype=object)
        else:
            columns[name] = column.to_pandas().astype(dtype)
    return validate_frame(table, pd.DataFrame(columns))


def _arrow_type(table: str, column: str, dtype: str) -> pa.DataType:
    sql_type = _sql_type(table, column, dtype)
    return {
        "DATE": pa.date32(),
        "VARCHAR[]": pa.list_(pa.string()),
        "VARCHAR": pa.string(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
    }[sql_type]


def _plain_values(column: str, values: pd.Series) -> Any:
    if column in DATE_COLUMNS:
        return [_as_date(value) for value in values]
    if column in LIST_COLUMNS:
        return [None if _is_missing(value) else [str(item) for item in value] for value in values]
    return values


def _as_date(value: Any) -> dt.date | None:
    if _is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return False
    return bool(pd.isna(value))


class _IncomingRows:
    """A corpus cut into per-document Arrow rows, ready to insert one document at a time."""

    def __init__(self, corpus: Corpus) -> None:
        for table in (*DOCUMENT_TABLES, ACTORS):
            validate_frame(table, corpus.table(table))
        self.doc_ids: list[str] = list(corpus.documents["doc_id"])
        self._filenames = dict(zip(self.doc_ids, corpus.documents["filename"], strict=True))
        self._tables = {table: to_arrow(table, corpus.table(table)) for table in DOCUMENT_TABLES}
        self._positions = {
            table: _positions_by_doc(corpus.table(table)["doc_id"]) for table in DOCUMENT_TABLES
        }
        self._actor_rows = _actor_rows_by_doc(corpus)

    def filename(self, doc_id: str) -> str:
        name = self._filenames.get(doc_id)
        return doc_id if pd.isna(name) else str(name)

    def rows_of(self, doc_id: str) -> Iterator[tuple[str, pa.Table]]:
        for table in DOCUMENT_TABLES:
            positions = self._positions[table].get(doc_id, [])
            yield table, self._tables[table].take(pa.array(positions, pa.int64()))
        yield ACTOR_ROWS, self._actor_rows(doc_id)


def _positions_by_doc(doc_ids: pd.Series) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for position, doc_id in enumerate(doc_ids):
        positions.setdefault(doc_id, []).append(position)
    return positions


def _actor_rows_by_doc(corpus: Corpus) -> Callable[[str], pa.Table]:
    """Each document's actors: those its statements, entities or participants refer to.

    Actors no document refers to travel with every document, so they stay while any does.
    """
    actors = to_arrow(ACTORS, corpus.actors)
    position_of = {key: number for number, key in enumerate(corpus.actors["actor_id"])}
    referred: dict[str, set[str]] = {}
    for doc_id, key in _actor_references(corpus):
        if key in position_of:
            referred.setdefault(doc_id, set()).add(key)
    loose = set(position_of) - set().union(*referred.values())

    def rows(doc_id: str) -> pa.Table:
        keys = sorted(referred.get(doc_id, set()) | loose, key=position_of.__getitem__)
        picked = actors.take(pa.array([position_of[key] for key in keys], pa.int64()))
        return picked.add_column(0, "doc_id", pa.array([doc_id] * len(keys), pa.string()))

    return rows


def _actor_references(corpus: Corpus) -> Iterator[tuple[str, str]]:
    from core.release import actor_id  # on use: it pulls in spaCy, which opening a file needs not

    for table in (STATEMENTS, ENTITIES):
        frame = corpus.table(table)
        for doc_id, key in zip(frame["doc_id"], frame["actor_id"], strict=True):
            if not pd.isna(key):
                yield doc_id, key
    documents = corpus.documents
    for doc_id, names in zip(documents["doc_id"], documents["participants"], strict=True):
        for name in [] if _is_missing(names) else names:
            yield doc_id, actor_id(name)


def _read_table(cursor: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    names = ", ".join(f'"{name}"' for name in COLUMNS[table])
    rows = cursor.sql(f'SELECT {names} FROM "{table}" ORDER BY {_SEQ}').to_arrow_table()
    return from_arrow(table, rows)


def _read_actor_rows(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = ", ".join(f'"{name}"' for name in COLUMNS[ACTORS])
    rows = cursor.sql(f'SELECT {names} FROM "{ACTOR_ROWS}" ORDER BY {_SEQ}').to_arrow_table()
    from core.corpus import merge_actor_rows  # on use: it pulls in spaCy

    return merge_actor_rows(rows.to_pylist())


# ---------------------------------------------------------------- analyst edits (pure)


def _edit_text(field: str, value: Any) -> str | None:
    """Check an edit and return how it is stored (text; ISO for dates; None clears)."""
    if field not in EDITABLE_DOCUMENT_FIELDS:
        raise ValueError(
            f"{field!r} cannot be edited; editable: {', '.join(EDITABLE_DOCUMENT_FIELDS)}."
        )
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field in DATE_COLUMNS:
        return _edited_date(value).isoformat()
    text = str(value).strip()
    if field == "kind" and text not in DOCUMENT_KINDS:
        raise ValueError(
            f"{text!r} is not a document kind; use one of {', '.join(DOCUMENT_KINDS)}."
        )
    return text


def _edited_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    try:
        parsed = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:  # a month or day that does not exist
        parsed = None
    if parsed is None:
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD.")
    return parsed


def apply_document_edits(
    documents: pd.DataFrame, edits: Iterable[tuple[str, str, str | None]]
) -> pd.DataFrame:
    """Documents with the analyst's (doc_id, field, stored text) edits applied, later ones win."""
    documents = documents.copy()
    row_of = {doc_id: number for number, doc_id in enumerate(documents["doc_id"])}
    for doc_id, field_name, text in edits:
        if doc_id in row_of and field_name in EDITABLE_DOCUMENT_FIELDS:
            value = dt.date.fromisoformat(text) if text and field_name in DATE_COLUMNS else text
            documents.iat[row_of[doc_id], documents.columns.get_loc(field_name)] = value
    return documents


def apply_statement_dates(
    statements: pd.DataFrame, documents: pd.DataFrame, edits: Iterable[tuple[str, str, Any]]
) -> pd.DataFrame:
    """Statements of documents whose dates were edited take the new event (else published) date."""
    redated = {doc_id for doc_id, field_name, _ in edits if field_name in DATE_COLUMNS}
    if not redated or statements.empty:
        return statements
    dates = {
        doc_id: event if event is not None else published
        for doc_id, event, published in zip(
            documents["doc_id"], documents["event_date"], documents["published"], strict=True
        )
        if doc_id in redated
    }
    statements = statements.copy()
    statements["date"] = pd.Series(
        [
            dates.get(doc_id, old)
            for doc_id, old in zip(statements["doc_id"], statements["date"], strict=True)
        ],
        index=statements.index,
        dtype=object,
    )
    return statements


def apply_speaker_edits(statements: pd.DataFrame, edits: dict[str, str | None]) -> pd.DataFrame:
    """Statements with the analyst's speakers; the actor id follows the new name."""
    hit = statements["stmt_id"].isin(list(edits))
    if not hit.any():
        return statements
    from core.release import actor_id  # on use: it pulls in spaCy

    statements = statements.copy()
    names = statements.loc[hit, "stmt_id"].map(edits)
    statements.loc[hit, "speaker"] = names.astype("string")
    ids = [actor_id(name) if isinstance(name, str) else None for name in names]
    statements.loc[hit, "actor_id"] = pd.array(ids, dtype="string")
    return statements


def _actors_with_edited_speakers(
    actor_rows: list[dict], statements: pd.DataFrame, edits: dict[str, str | None]
) -> list[dict]:
    """Actor rows plus a minimal row for any edited speaker the corpus had not met."""
    known = {row["actor_id"] for row in actor_rows}
    extra = []
    edited = statements[statements["stmt_id"].isin(list(edits))]
    for key, name, kind, side in zip(
        edited["actor_id"], edited["speaker"], edited["speaker_kind"], edited["side"], strict=True
    ):
        if isinstance(key, str) and key not in known:
            known.add(key)
            extra.append(_minimal_actor(key, name, kind, side))
    return actor_rows + extra


def _minimal_actor(key: str, name: str, kind: Any, side: Any) -> dict:
    return {
        "actor_id": key,
        "name": name,
        "kind": None if pd.isna(kind) else kind,
        "title": None,
        "role": None,
        "organization": None,
        "side": None if pd.isna(side) else side,
        "aliases": [],
    }
