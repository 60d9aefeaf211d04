"""Subjects the parse must not share: parses built by hand, so no model decides these tests.

A retrained parser (UD tokenization) coordinates a subordinate "and as agreed by A and B"
with the main verb: the rules must not give the cue the main verb's subject, whichever way
the parser hangs it. Sentences are invented.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from core import statements
from core.attribution import syntax
from core.schema import Metadata
from tests.unit.hand_parse import parsed_doc


def build(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A parsed Doc; no space before "." and ","."""
    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ","} for i in range(len(words))]
    return parsed_doc(words, heads, deps, tags, spaces)


def _cue(doc: Doc, word: str) -> syntax.SpacyToken:
    return next(t for t in doc if t.text == word)


# (words, heads, deps, tags, the cue word, its subject or None)
SHARED = [
    pytest.param(
        ["Ramos", "will", "visit", "Lisbon", "and", "as", "agreed", "by", "Norland", "."],
        [2, 2, 2, 2, 6, 6, 2, 8, 6, 2],
        ["nsubj", "aux", "ROOT", "obj", "cc", "mark", "conj", "case", "obl", "punct"],
        ["NNP", "MD", "VB", "NNP", "CC", "IN", "VBN", "IN", "NNP", "."],
        "agreed",
        None,
        id="marked-and-agent",
    ),
    pytest.param(
        ["Ramos", "will", "visit", "Lisbon", "as", "agreed", "."],
        [2, 2, 2, 2, 5, 2, 2],
        ["nsubj", "aux", "ROOT", "obj", "mark", "conj", "punct"],
        ["NNP", "MD", "VB", "NNP", "IN", "VBN", "."],
        "agreed",
        None,
        id="marked",
    ),
    pytest.param(
        ["Ramos", "visited", "Lisbon", ",", "agreed", "by", "Norland", "."],
        [1, 1, 1, 4, 1, 6, 4, 1],
        ["nsubj", "ROOT", "obj", "punct", "conj", "case", "obl", "punct"],
        ["NNP", "VBD", "NNP", ",", "VBN", "IN", "NNP", "."],
        "agreed",
        None,
        id="agent",
    ),
    # still shared: a plain coordinated verb, a perfect with "by" for a date, an infinitive
    pytest.param(
        ["Ramos", "visited", "Lisbon", "and", "agreed", "to", "return", "."],
        [1, 1, 1, 4, 1, 6, 4, 1],
        ["nsubj", "ROOT", "obj", "cc", "conj", "mark", "xcomp", "punct"],
        ["NNP", "VBD", "NNP", "CC", "VBD", "TO", "VB", "."],
        "agreed",
        "Ramos",
        id="coordinated",
    ),
    pytest.param(
        ["Ramos", "decided", "to", "announce", "it", "."],
        [1, 1, 3, 1, 3, 1],
        ["nsubj", "ROOT", "mark", "xcomp", "obj", "punct"],
        ["NNP", "VBD", "TO", "VB", "PRP", "."],
        "announce",
        "Ramos",
        id="infinitive",
    ),
    pytest.param(
        ["Ramos", "has", "visited", "Lisbon", "and", "agreed", "by", "May", "."],
        [2, 2, 2, 2, 5, 2, 7, 5, 2],
        ["nsubj", "aux", "ROOT", "obj", "cc", "conj", "case", "obl", "punct"],
        ["NNP", "VBZ", "VBN", "NNP", "CC", "VBD", "IN", "NNP", "."],
        "agreed",
        "Ramos",
        id="past-tense-with-by",
    ),
]


@pytest.mark.parametrize(("words", "heads", "deps", "tags", "cue", "subject"), SHARED)
def test_a_clause_of_its_own_shares_no_subject(
    words: list[str],
    heads: list[int],
    deps: list[str],
    tags: list[str],
    cue: str,
    subject: str | None,
) -> None:
    doc = build(words, heads, deps, tags)
    found = syntax.subject_token(_cue(doc, cue))
    assert (found.text if found is not None else None) == subject


# "A ministry spokesperson announced that Ramos will visit Lisbon. Ramos will visit Lisbon "as
# agreed upon by Norland and Kestria," said Ana Duarte.": "agreed" hangs on "visit" as its
# conjunct (the retrained parser's reading). Rows: word, head, label, tag, space after.
QUOTED_RELEASE = [
    ("A", 2, "det", "DT", True),
    ("ministry", 2, "compound", "NN", True),
    ("spokesperson", 3, "nsubj", "NN", True),
    ("announced", 3, "ROOT", "VBD", True),
    ("that", 7, "mark", "IN", True),
    ("Ramos", 7, "nsubj", "NNP", True),
    ("will", 7, "aux", "MD", True),
    ("visit", 3, "ccomp", "VB", True),
    ("Lisbon", 7, "obj", "NNP", False),
    (".", 3, "punct", ".", True),
    ("Ramos", 12, "nsubj", "NNP", True),
    ("will", 12, "aux", "MD", True),
    ("visit", 24, "ccomp", "VB", True),
    ("Lisbon", 12, "obj", "NNP", True),
    ('"', 16, "punct", "``", False),
    ("as", 16, "mark", "IN", True),
    ("agreed", 12, "conj", "VBN", True),
    ("upon", 19, "case", "IN", True),
    ("by", 19, "case", "IN", True),
    ("Norland", 16, "obl", "NNP", True),
    ("and", 21, "cc", "CC", True),
    ("Kestria", 19, "conj", "NNP", False),
    (",", 12, "punct", ",", False),
    ('"', 12, "punct", "''", True),
    ("said", 24, "ROOT", "VBD", True),
    ("Ana", 26, "compound", "NNP", True),
    ("Duarte", 24, "nsubj", "NNP", False),
    (".", 24, "punct", ".", False),
]


def _from_rows(rows: list[tuple[str, int, str, str, bool]]) -> Doc:
    words, heads, deps, tags, spaces = (list(column) for column in zip(*rows, strict=True))
    return parsed_doc(words, heads, deps, tags, spaces)


def test_a_passive_inside_a_quote_is_no_statement_of_the_main_subject() -> None:
    """The quote is Ana Duarte's; "agreed upon by Norland and Kestria" is not Ramos's
    statement, so the spokesperson named next is Ana Duarte."""
    doc = _from_rows(QUOTED_RELEASE)
    assert doc.text.endswith('Lisbon "as agreed upon by Norland and Kestria," said Ana Duarte.')
    found = statements.extract_statements(doc, meta=Metadata()).statements
    rows = [(s.speaker, s.speaker_text, s.cue) for s in found]
    assert ("Ramos", "Ramos", "agreed upon") not in rows
    assert all(s.speaker == "Ana Duarte" for s in found)
    assert [s.cue for s in found] == ["announced", "said"]
