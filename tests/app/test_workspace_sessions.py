"""Many sessions of one server at once: the workspace is created once and shared by all."""

from __future__ import annotations

import threading

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
