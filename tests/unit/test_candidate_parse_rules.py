"""Rules that stand without the parse a retrained parser may not give (blank English).

A subject opening the sentence after "But"/"And" with an apposition before the cue ("But Ann
Vale, senior fellow at X, said"), and a fronted "As experts have pointed out, A" whose
reported clause follows the comma: the shipped parser found these, a retrained one need not,
so the rules find them on their own. Sentences are invented. Rows: (text, expected
statements as (speaker as written, cue, content)).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from core import statements
from core.schema import Metadata


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


CASES = [
    pytest.param(
        "But Ann Vale, senior fellow at the Lisbon Institute, said the talks failed.",
        [("Ann Vale", "said", "the talks failed")],
        id="but-before-an-apposed-subject",
    ),
    pytest.param(
        "And Ann Vale, a senior fellow, said the talks failed.",
        [("Ann Vale", "said", "the talks failed")],
        id="and-before-an-apposed-subject",
    ),
    pytest.param(
        "Ann Vale, senior fellow at the Lisbon Institute, said the talks failed.",
        [("Ann Vale", "said", "the talks failed")],
        id="apposed-subject-opening-the-sentence",
    ),
    pytest.param(
        "As many experts have pointed out, the plan is legal.",
        [("many experts", "pointed out", "the plan is legal")],
        id="fronted-as-clause-reports-the-main-clause",
    ),
    pytest.param(
        "As many experts have pointed out that the plan is legal, the vote went ahead.",
        [("many experts", "pointed out", "the plan is legal")],
        id="fronted-as-clause-with-its-own-content",
    ),
    # negative: a word other than a conjunction before the name leaves it no opening subject
    pytest.param(
        "Then came Ann Vale, senior fellow at the Lisbon Institute, said the talks failed.",
        [],
        id="not-after-a-verb",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rules_alone(blank: Language, text: str, expected: list[tuple]) -> None:
    found = statements.extract_statements(blank(text), meta=Metadata()).statements
    rows = [(text[s.speaker_start : s.speaker_end], s.cue, s.content) for s in found]
    assert rows == expected
