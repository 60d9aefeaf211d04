"""The language pipeline, loaded by name through one function.

Order (issue 4): the pipeline named by ``READOUT_PIPELINE``, else an installed
``en_core_web_*`` package, else the pipeline this project ships (``pipelines/``), else blank
English with rule-based sentences. Extractors work on any of them: they use the parse when
the pipeline has one and fall back to rules when it has not.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PIPELINE = ROOT / "pipelines" / "readout_en"
PIPELINE_SETTING = "READOUT_PIPELINE"
BLANK = "blank"
PRETRAINED_PREFERENCE = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: releases put headings and datelines on lines."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


def choose_pipeline(name: str | None = None) -> str:
    """The pipeline to load: the given name, the setting, a pretrained one, ours, or blank."""
    if name:
        return name
    setting = os.environ.get(PIPELINE_SETTING, "").strip()
    if setting:
        return setting
    for package in PRETRAINED_PREFERENCE:
        if importlib.util.find_spec(package) is not None:
            return package
    if (SHIPPED_PIPELINE / "meta.json").exists():
        return str(SHIPPED_PIPELINE)
    return BLANK


def create_blank_pipeline() -> Language:
    """Blank English with rule-based sentences: the floor every extractor must work on."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_sentences")
    return nlp


def load_pipeline(name: str | None = None) -> Language:
    """Load the language pipeline by name (see :func:`choose_pipeline` for the order).

    Args:
        name: a package name, a path to a pipeline directory, or ``"blank"``.

    Returns:
        A spaCy ``Language`` whose ``meta["readout_source"]`` says what was loaded.
    """
    chosen = choose_pipeline(name)
    nlp = create_blank_pipeline() if chosen == BLANK else spacy.load(chosen)
    if "paragraph_sentences" not in nlp.pipe_names and chosen != BLANK:
        # before the parser: a parsed doc refuses new sentence starts, the parser keeps preset ones
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe("paragraph_sentences", **where)
    nlp.meta["readout_source"] = chosen
    return nlp


def describe_pipeline(nlp: Language) -> str:
    """One line for the analyst: which pipeline runs and what it has."""
    source = nlp.meta.get("readout_source", nlp.meta.get("name", "?"))
    label = "blank English + rules" if source == BLANK else f"{nlp.meta.get('name', source)}"
    version = nlp.meta.get("version", "")
    parts = ", ".join(name for name in nlp.pipe_names) or "tokenizer only"
    return f"{label} {version}".strip() + f" ({parts})"


def has_parse(doc: Doc) -> bool:
    """True when the doc carries a dependency parse (not just rule-based sentences)."""
    return doc.has_annotation("DEP")
