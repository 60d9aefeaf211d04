"""Page sections that turn table rows into text for the analyst."""

from types import SimpleNamespace

import pandas as pd
import pytest

from components import views


@pytest.mark.parametrize(
    ("speaker", "cue", "content", "expected"),
    [
        ("Ana Ruiz", "said", "talks went well", "- **Ana Ruiz** said: talks went well"),
        (pd.NA, "said", "talks went well", "- **Unnamed speaker** said: talks went well"),
        (None, pd.NA, pd.NA, "- **Unnamed speaker** : "),
    ],
)
def test_statement_line_tolerates_missing_values(speaker, cue, content, expected):
    row = SimpleNamespace(speaker=speaker, cue=cue, content=content)
    assert views._statement_line(row) == expected


def test_statement_line_makes_markdown_inert():
    row = SimpleNamespace(speaker="[x](javascript:alert(1))", cue="said", content="**bold**")
    line = views._statement_line(row)
    assert "](" not in line.replace("\\](", "")
    assert "\\*\\*bold\\*\\*" in line
