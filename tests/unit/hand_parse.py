"""Parsed Docs built by hand for tests, so that no model decides what a rule sees.

The coarse part of speech follows the fine tag (``POS_OF_TAG``), as a tagger trained on UD
English would set it.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab  # with its lexical attributes (lower case forms)

POS_OF_TAG = {
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "NN": "NOUN",
    "NNS": "NOUN",
    "MD": "AUX",
    "VB": "VERB",
    "VBD": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBG": "VERB",
    "VBZ": "VERB",
    "CC": "CCONJ",
    "IN": "ADP",
    "TO": "PART",
    "DT": "DET",
    "JJ": "ADJ",
    "PRP": "PRON",
    "PRP$": "PRON",
    "RB": "ADV",
    "WDT": "PRON",
    "HYPH": "PUNCT",
    ".": "PUNCT",
    ",": "PUNCT",
    "''": "PUNCT",
    "``": "PUNCT",
}


def parsed_doc(
    words: list[str], heads: list[int], deps: list[str], tags: list[str], spaces: list[bool]
) -> Doc:
    """A Doc with the given words, heads (absolute indices), labels and tags."""
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[POS_OF_TAG[tag] for tag in tags],
    )
