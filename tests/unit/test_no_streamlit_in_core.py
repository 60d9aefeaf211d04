"""The parsing core never imports streamlit (checked on the source, not at run time)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE_FILES = sorted((ROOT / "core").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a file imports (plain, from-, and nested imports)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            names.update(
                arg.value.split(".")[0]
                for arg in node.args[:1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return names


def test_core_has_files():
    assert len(CORE_FILES) >= 5


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.name)
def test_core_file_does_not_import_streamlit(path):
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import streamlit as st", True),
        ("from streamlit import cache_data", True),
        ("import streamlit.components.v1", True),
        ("def f():\n    import streamlit\n", True),
        ("__import__('streamlit')", True),
        ("import pandas as pd\nfrom core import schema", False),
        ("x = 'import streamlit'", False),
    ],
)
def test_the_check_itself(tmp_path, source, found):
    path = tmp_path / "module.py"
    path.write_text(source)
    assert ("streamlit" in imported_modules(path)) is found
