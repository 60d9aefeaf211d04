"""Many sessions of one server at once: the workspace is created once and shared by all."""

from __future__ import annotations

import threading

import pytest

from components import data
from core import store


def test_sessions_opening_a_new_workspace_at_once_create_it_once(isolated_workspace):
    errors: list[BaseException] = []
    opened: list[store.Workspace] = []
    start = threading.Barrier(8)

    def session() -> None:
        try:
            start.wait(timeout=30)
            opened.append(data.get_workspace("shared"))
        except BaseException as error:  # collected, asserted in the test thread
            errors.append(error)

    threads = [threading.Thread(target=session) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    try:
        assert errors == []
        assert len(opened) == 8
        assert len({id(workspace) for workspace in opened}) == 1  # one connection per process
        assert store.list_workspaces(isolated_workspace) == ["shared"]
    finally:
        data.close_workspace("shared")


def test_uploads_are_stored_chunk_by_chunk(isolated_workspace, monkeypatch):
    """A crash while storing chunk 2 keeps chunk 1: each chunk is stored before the next is
    parsed (chunks of one file here, so the crash lands between files)."""
    from tests import fixture_files as files

    uploads = [
        ("one.txt", files.txt_bytes()),
        ("two.txt", files.txt_bytes(files.OTHER_RELEASE)),
        ("copy-of-one.txt", files.txt_bytes()),
    ]
    workspace = data.get_workspace("filewise")
    original = workspace.add
    calls: list[int] = []

    def add_then_crash(corpus, **kwargs):
        calls.append(len(corpus.documents))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies here
        return original(corpus, **kwargs)

    monkeypatch.setattr(workspace, "add", add_then_crash)
    monkeypatch.setattr(data, "FILES_PER_CHUNK", 1)
    try:
        with pytest.raises(KeyboardInterrupt):
            data.parse_and_store(uploads, workspace)
        assert calls == [1, 1]
        assert list(workspace.load().documents["filename"]) == ["one.txt"]
        monkeypatch.undo()
        problems, report = data.parse_and_store(uploads, workspace)
        assert problems == []
        assert (len(report.added), len(report.skipped)) == (1, 2)  # one and its copy
        assert workspace.check() == []
    finally:
        data.close_workspace("filewise")
