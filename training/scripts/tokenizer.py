"""Tokenization conventions of UD English that spaCy's English defaults do not follow.

The held-out scores count a word the tokenizer cuts differently from the treebank as wrong in
every column (tag, head, label), so these conventions are part of the pipeline's accuracy:

- a run of sentence punctuation or of a repeated symbol is one token: "!!!", "??", ".?",
  "**", "____", "=====", "<<", ">>" (spaCy cuts every mark apart);
- "e-mail" and its forms are one word.

Measured on UD English EWT *train* (204,577 words; the test set was not used to choose the
rules): words cut differently from the treebank 2,548 -> 2,148. Keeping digits joined by a
hyphen whole ("713-853-3989") was tried: EWT also splits many ("1-2"), 2,204.
A training config applies them with ``[initialize.before_init] @callbacks =
"readout_adjust_tokenizer.v1"`` (and ``spacy train --code training/scripts/tokenizer.py``);
the trained pipeline then stores them in its ``tokenizer`` file, so the app needs no code for
them. Applied to an already trained pipeline (``main`` below) they cost accuracy: the model
never saw "!!!" as one token.

Usage::

    python training/scripts/tokenizer.py PIPELINE_DIR      # rewrite its tokenizer in place
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

PUNCTUATION_RUNS = (
    r"[!?][.!?]+",  # "!!!", "??", "?!", "!."
    r"\.+[!?][.!?]*",  # ".?", "..!"
    r"\*{2,}",
    r"_{2,}",
    r"={2,}",
    r"<{2,}",
    r">{2,}",
)
WHOLE_WORDS = ("e-mail", "e-mails", "E-mail", "E-mails", "E-Mail", "E-Mails", "E-MAIL")


def adjust_tokenizer(nlp: Language) -> None:
    """Give ``nlp``'s tokenizer the conventions above (in place)."""
    prefixes = [*PUNCTUATION_RUNS, *nlp.Defaults.prefixes]
    suffixes = [*PUNCTUATION_RUNS, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for word in WHOLE_WORDS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@spacy.registry.callbacks("readout_adjust_tokenizer.v1")
def create_adjust_tokenizer() -> Callable[[Language], Language]:
    """``[initialize.before_init]`` callback: the rules are in place before training, and
    ``nlp.to_disk`` stores them in the pipeline's ``tokenizer`` file (loading needs no code)."""

    def before_init(nlp: Language) -> Language:
        adjust_tokenizer(nlp)
        return nlp

    return before_init


def main() -> None:
    pipeline = Path(sys.argv[1])
    nlp = spacy.load(pipeline)
    adjust_tokenizer(nlp)
    nlp.tokenizer.to_disk(pipeline / "tokenizer")
    print(f"tokenizer rules written to {pipeline / 'tokenizer'}")


if __name__ == "__main__":
    main()
