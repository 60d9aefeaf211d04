"""Home: open, create, rename and delete workspaces (one DuckDB file each)."""

from __future__ import annotations

import logging

import streamlit as st

from components import data, state
from core import store

log = logging.getLogger(__name__)

KEY = "home_ws_"


def render_workspaces() -> None:
    """The workspace controls, in an expander titled with the open workspace."""
    current = state.get_workspace_name()
    with st.expander(f"Workspace: {current}", icon=":material/folder_open:"):
        st.caption(f"Workspaces are stored in {data.workspace_dir()}")
        names = _names(current)
        open_column, new_column = st.columns(2)
        with open_column:
            st.selectbox("Open a workspace", names, index=names.index(current), key=f"{KEY}choice")
            st.button("Open", key=f"{KEY}open", on_click=_open)
        with new_column:
            st.text_input("New workspace name", key=f"{KEY}new_name")
            st.button("Create and open", key=f"{KEY}create", on_click=_create)
        rename_column, delete_column = st.columns(2)
        with rename_column:
            st.text_input(f"Rename “{current}” to", key=f"{KEY}rename_to")
            st.button("Rename", key=f"{KEY}rename", on_click=_rename)
        with delete_column:
            st.checkbox(f"Yes, delete “{current}” and everything stored in it", key=f"{KEY}confirm")
            st.button("Delete workspace", key=f"{KEY}delete", on_click=_delete, type="secondary")


def open_current() -> store.Workspace | None:
    """The open workspace; None, with the reason shown, when another process holds it."""
    try:
        workspace = data.get_workspace(state.get_workspace_name())
    except store.WorkspaceError as error:
        log.warning("workspace %s cannot be opened: %s", state.get_workspace_name(), error)
        state.set_workspace_error(str(error))
        st.error(f"Nothing was stored. {error}", icon=":material/lock:")
        return None
    state.set_workspace_error(None)
    return workspace


def render_flash() -> None:
    """Show (once) what the last workspace action did."""
    message = state.pop_flash()
    if message:
        st.info(message, icon=":material/info:")


def _names(current: str) -> list[str]:
    return sorted(set(data.list_workspaces()) | {current})


def _open() -> None:
    choice = st.session_state.get(f"{KEY}choice")
    if choice and choice != state.get_workspace_name():
        state.set_workspace_name(choice)
        state.set_flash(f"Opened workspace “{choice}”.")


def _create() -> None:
    name = (st.session_state.get(f"{KEY}new_name") or "").strip()
    if _run(lambda: data.create_workspace(name)):
        state.set_workspace_name(name)
        st.session_state[f"{KEY}new_name"] = ""
        state.set_flash(f"Created and opened workspace “{name}”.")


def _rename() -> None:
    old = state.get_workspace_name()
    new = (st.session_state.get(f"{KEY}rename_to") or "").strip()
    if _run(lambda: data.rename_workspace(old, new)):
        state.set_workspace_name(new)
        st.session_state[f"{KEY}rename_to"] = ""
        state.set_flash(f"Renamed workspace “{old}” to “{new}”.")


def _delete() -> None:
    name = state.get_workspace_name()
    if not st.session_state.get(f"{KEY}confirm"):
        state.set_flash("Tick the confirmation box to delete the workspace.")
        return
    if _run(lambda: data.delete_workspace(name)):
        st.session_state[f"{KEY}confirm"] = False
        remaining = data.list_workspaces()
        state.set_workspace_name(remaining[0] if remaining else state.DEFAULT_WORKSPACE)
        state.set_flash(f"Deleted workspace “{name}”.")


def _run(action) -> bool:
    """Run a workspace action; an analyst-worded refusal becomes the flash message."""
    try:
        action()
    except (ValueError, store.WorkspaceError) as error:
        state.set_flash(str(error))
        return False
    return True
