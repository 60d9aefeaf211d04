"""The orthographic sentence rules of ``paragraph_sentences`` (they run before the parser).

Every token after the first is first marked as a sentence start, as a parser might; the
rules then forbid the starts English orthography rules out and leave the others alone.
"""

import pytest
import spacy
from spacy.tokens import Doc

from core import nlp

FORBIDDEN, KEPT = False, True


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


def marked(blank: spacy.language.Language, text: str) -> Doc:
    """``text`` with a sentence start marked at every token after the first."""
    doc = blank.make_doc(text)
    for token in doc[1:]:
        token.is_sent_start = True
    return doc


def start_at(doc: Doc, word: str, nth: int = 0) -> bool | None:
    """``is_sent_start`` of the ``nth`` token written ``word``."""
    return [token for token in doc if token.text == word][nth].is_sent_start


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # a quote mark against the word before it closes a quotation: never a start
        ('The envoy called the talks "useful." They ended at noon.', '"', 1, FORBIDDEN),
        ('The envoy called the talks "useful." They ended at noon.', "They", 0, KEPT),
        ('He said "yes" and left.', '"', 1, FORBIDDEN),
        ("The visit was “historic.” Talks went on.", "”", 0, FORBIDDEN),
        ("It was ‘fine.’ Then they left.", "’", 0, FORBIDDEN),
        ("We met today.'' It read well.", "''", 0, FORBIDDEN),
        ("They counted the members' votes.", "'", 0, FORBIDDEN),
        ('The statement closed with "peace."\nNext came questions.', "Next", 0, KEPT),
        # an opening quote mark after whitespace or a line break may start a sentence
        ('He left.  "We agree," she said.', '"', 0, KEPT),
        ('The statement read:\n"We agree."', '"', 0, KEPT),
        ("He left. “We agree,” she said.", "“", 0, KEPT),
        # ... but the word written against it is inside the quotation
        ('Her goals include "Stability first," she said.', "Stability", 0, FORBIDDEN),
        ('He left.  "We agree," she said.', "We", 0, FORBIDDEN),
        ("He left. “We agree,” she said.", "We", 0, FORBIDDEN),
        ('The word " peace " was spelt out.', "peace", 0, KEPT),  # no quote against it
        # an abbreviated title or rank is followed by a name, not a new sentence
        ("They met Capt. Lee Morrow at noon.", "Lee", 0, FORBIDDEN),
        ("Lt. Gen. Ardel Voss spoke first.", "Gen.", 0, FORBIDDEN),
        ("Lt. Gen. Ardel Voss spoke first.", "Ardel", 0, FORBIDDEN),
        ("REMARKS BY GEN. ARDEL VOSS", "ARDEL", 0, FORBIDDEN),
        ("They met John Smith Sr. Talks followed.", "Talks", 0, KEPT),  # a suffix may end one
        ("The talks were held in the U.S. Trade rose.", "Trade", 0, KEPT),
        ("Ask the sales rep. Carol knows.", "Carol", 0, KEPT),  # not a title before a name
        ("They met the Capt.\nLee spoke next.", "Lee", 0, KEPT),  # a line break starts one
        # line breaks and names
        ("Readout of the call\nThe two sides met.", "The", 0, KEPT),
        ("Readout of the call\nThe two sides met.", "\n", 0, FORBIDDEN),
        ("Minister Lucan Merriweather said it.", "Merriweather", 0, FORBIDDEN),
        ("He left. Lucan spoke.", "Lucan", 0, KEPT),
    ],
)
def test_orthography_forbids_or_keeps_a_start(blank, text, word, nth, expected):
    doc = nlp.paragraph_sentences(marked(blank, text))
    assert start_at(doc, word, nth) is expected


@pytest.mark.parametrize(
    "text",
    [
        'The envoy called the talks "useful." They ended at noon.',
        "They met Capt. Lee Morrow at noon.",
        "Readout\nMinister Lucan Merriweather said it.",
    ],
)
def test_the_first_token_keeps_its_start(blank, text):
    doc = blank.make_doc(text)
    doc[0].is_sent_start = True
    assert nlp.paragraph_sentences(doc)[0].is_sent_start is True


@pytest.mark.parametrize(
    "texts",
    [
        ["They met Capt", ". Lee spoke."],  # a title stem ends one doc, its period opens the next
        ['He said "', "Stability first."],  # an opening quote ends one doc
        ["Lucan", "Merriweather spoke."],  # capitalised words across two docs
        ["Talks ended.", '" They left.'],
        ["Readout\n", "The call", "", "x"],
    ],
)
def test_a_batch_gives_each_doc_the_starts_it_gets_alone(blank, texts):
    """``nlp.pipe`` sends batches through the rules at once; no rule reads across docs."""
    alone = [[t.is_sent_start for t in nlp.paragraph_sentences(marked(blank, x))] for x in texts]
    rules = nlp.SentenceRules()
    batched = [
        [t.is_sent_start for t in doc] for doc in rules.pipe(marked(blank, x) for x in texts)
    ]
    assert batched == alone


def test_a_name_split_over_two_docs_keeps_its_starts(blank):
    """The second doc's first word is the start of its doc, whatever ended the one before."""
    docs = list(nlp.SentenceRules().pipe([marked(blank, "They met Capt"), marked(blank, ". Lee")]))
    assert start_at(docs[1], "Lee") is KEPT
