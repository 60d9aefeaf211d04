"""The parse as evidence for the statement rules (core/attribution/syntax.py), table-driven.

Each row is an invented sentence with what the rules alone give (blank English, no parser)
and what they give with the shipped pipeline's parse (pipelines/readout_en, in the
repository). A row is (speaker_text, speaker as written at speaker_start:speaker_end, cue,
content).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from core import nlp, statements
from core.attribution import syntax
from core.schema import Metadata


@pytest.fixture(scope="module")
def parsed_nlp() -> Language:
    """The shipped pipeline (in the repository, so never skipped)."""
    return nlp.load_pipeline(str(nlp.SHIPPED_PIPELINE))


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    return nlp.load_pipeline(nlp.BLANK)


def rows(pipeline: Language, text: str) -> list[tuple]:
    found = statements.extract_statements(pipeline(text), meta=Metadata())
    return [
        (
            s.speaker_text,
            text[s.speaker_start : s.speaker_end] if s.speaker_start is not None else None,
            s.cue,
            s.content,
        )
        for s in found.statements
    ]


CASES = [
    pytest.param(
        "Yesterday the Norland government announced new tariffs on imported steel.",
        [
            (
                "Yesterday the Norland government",
                "Yesterday the Norland government",
                "announced",
                "new tariffs on imported steel",
            )
        ],
        [
            (
                "the Norland government",
                "the Norland government",
                "announced",
                "new tariffs on imported steel",
            )
        ],
        id="fronted-adverb-is-not-the-subject",
    ),
    pytest.param(
        "The minister is stressing that the talks must continue.",
        [],  # "is" before a cue: the rules cannot tell a progressive from a passive
        [("The minister", "The minister", "stressing", "the talks must continue")],
        id="progressive-has-a-subject",
    ),
    pytest.param(
        "The defence ministry now says the exercise was routine.",
        [],
        [("The defence ministry", "The defence ministry", "says", "the exercise was routine")],
        id="adverb-between-subject-and-cue",
    ),
    pytest.param(
        "Local officials now say the bridge is safe.",
        [],
        [("Local officials", "Local officials", "say", "the bridge is safe")],
        id="unnamed-source-as-subject",
    ),
    pytest.param(
        "Federal and state officials said the plan was sound.",
        [("state officials", "state officials", "said", "the plan was sound")],
        [("state officials", "Federal and state officials", "said", "the plan was sound")],
        id="speaker-span-is-the-whole-subject",
    ),
    pytest.param(
        "Will Norland join the new missile deployment that Ostland has criticized?",
        [],  # nothing follows the cue: the rules find no content
        [("Ostland", "Ostland", "criticized", "the new missile deployment")],
        id="relative-pronoun-object-is-the-content",
    ),
    # negative cases: the parse changes nothing
    pytest.param(
        "The minister denied the report that the opposition criticized the plan.",
        [
            (
                "The minister",
                "The minister",
                "denied",
                "the report that the opposition criticized the plan",
            )
        ],
        [
            (
                "The minister",
                "The minister",
                "denied",
                "the report that the opposition criticized the plan",
            )
        ],
        id="noun-complement-clause-is-no-relative",
    ),
    pytest.param(
        "It was said that the talks would resume.",
        [],
        [],
        id="passive-has-no-speaker",
    ),
    pytest.param(
        "Secretary Lee and I shared the view that the alliance is strong.",
        [
            (
                "Secretary Lee and I",
                "Secretary Lee and I",
                "shared the view",
                "the alliance is strong",
            )
        ],
        [
            (
                "Secretary Lee and I",
                "Secretary Lee and I",
                "shared the view",
                "the alliance is strong",
            )
        ],
        id="coordinated-subject-kept-over-a-partial-parse",
    ),
    pytest.param(
        "Norland trade envoy Marta Kell and her deputy said the tariffs would fall.",
        [
            (
                "Norland trade envoy Marta Kell and her deputy",
                "Norland trade envoy Marta Kell and her deputy",
                "said",
                "the tariffs would fall",
            )
        ],
        [
            (
                "Norland trade envoy Marta Kell and her deputy",
                "Norland trade envoy Marta Kell and her deputy",
                "said",
                "the tariffs would fall",
            )
        ],
        id="long-coordinated-subject-unchanged",
    ),
]


@pytest.mark.parametrize(("text", "rules_only", "with_parse"), CASES)
def test_rules_alone(
    blank_nlp: Language, text: str, rules_only: list[tuple], with_parse: list[tuple]
) -> None:
    assert rows(blank_nlp, text) == rules_only


@pytest.mark.parametrize(("text", "rules_only", "with_parse"), CASES)
def test_with_parse(
    parsed_nlp: Language, text: str, rules_only: list[tuple], with_parse: list[tuple]
) -> None:
    assert rows(parsed_nlp, text) == with_parse


@pytest.mark.parametrize(
    ("text", "cue", "subject"),
    [
        (
            "Longtime envoy Ana Petrova said the talks went well.",
            "said",
            "Longtime envoy Ana Petrova",
        ),
        (
            "Veteran Democratic pollster Tom Reed told reporters that the race was close.",
            "told",
            "Veteran Democratic pollster Tom Reed",
        ),
        (  # the apposition after a comma is left out
            "Senator Ann Lee of Norland, a former envoy, said the talks went well.",
            "said",
            "Senator Ann Lee of Norland",
        ),
        ("The two sides exchanged views and agreed to meet again.", "agreed", "The two sides"),
        ("WASHINGTON -- President Hale said the plan was sound.", "said", "President Hale"),
        ("But Mr. Reed and Mr. Lee say the program is flawed.", "say", "Mr. Reed and Mr. Lee"),
        ("It was said that the talks would resume.", "said", None),
        ("A voter who said the plan was unfair left early.", "said", None),
    ],
)
def test_subject_phrase(parsed_nlp: Language, text: str, cue: str, subject: str | None) -> None:
    doc = parsed_nlp(text)
    start = text.index(cue)
    found = syntax.subject_phrase(doc, start, start + len(cue))
    written = text[found.start : found.end] if found is not None else None
    assert written == subject


def test_blank_doc_has_no_evidence(blank_nlp: Language) -> None:
    text = "The minister said the talks went well."
    doc = blank_nlp(text)
    assert not syntax.has_parse(doc)
    assert syntax.cue_verb(doc, 13, 17) is None
    assert syntax.subject_phrase(doc, 13, 17) is None
    assert syntax.subject_phrase(None, 13, 17) is None


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        (
            "The two ministers exchanged views on regional security and maritime cooperation.",
            ["two ministers", "views", "regional security and maritime cooperation"],
        ),
        (
            "The defence ministers agreed to hold a joint search and rescue exercise next year.",
            ["defence ministers", "joint search and rescue exercise", "next year"],
        ),
        (
            "The heads of state stressed peace and stability.",
            ["heads of state", "peace and stability"],
        ),
    ],
)
def test_noun_phrases(parsed_nlp: Language, text: str, phrases: list[str]) -> None:
    doc = parsed_nlp(text)
    assert [text[s.start : s.end] for s in syntax.noun_phrases(doc)] == phrases


def test_noun_phrases_leave_out_verbs(parsed_nlp: Language, blank_nlp: Language) -> None:
    """Key-phrase candidates like "exchanged views" or "strongly condemned" are no phrase."""
    text = "The ministers strongly condemned the attack and exchanged views on trade."
    found = [text[s.start : s.end] for s in syntax.noun_phrases(parsed_nlp(text))]
    assert not any(word in phrase for phrase in found for word in ("condemned", "exchanged"))
    assert syntax.noun_phrases(blank_nlp(text)) == []


def test_a_determiner_the_parser_hangs_on_the_verb_stays_with_the_speaker(
    blank_nlp: Language,
) -> None:
    """A parser may attach "Both" of "Both Ministers" to the verb (cc); the speaker is still
    both ministers, never the bare "Ministers" (a parse built by hand, so no model decides)."""
    from spacy.tokens import Doc

    words = ["Both", "Ministers", "briefly", "discussed", "regional", "security", "."]
    doc = Doc(
        blank_nlp.vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[3, 3, 3, 3, 5, 3, 3],
        deps=["cc", "nsubj", "advmod", "ROOT", "amod", "obj", "punct"],
        tags=["CC", "NNPS", "RB", "VBD", "JJ", "NN", "."],
        pos=["CCONJ", "PROPN", "ADV", "VERB", "ADJ", "NOUN", "PUNCT"],
    )
    assert syntax.subject_phrase(doc, 23, 32) == syntax.Span(5, 14)  # the parse: "Ministers"
    assert syntax.has_parse(doc)
    found = statements.extract_statements(doc, meta=Metadata()).statements
    assert [(s.speaker_text, s.speaker, s.mode) for s in found] == [
        ("Both Ministers", "both sides", "joint")
    ]


def test_a_finite_verb_hung_on_a_noun_is_no_part_of_its_phrase(blank_nlp: Language) -> None:
    """ "condemned the attack and exchanged views": a parser that makes "exchanged" an
    adjective of "views" (a parse built by hand) still gives "attack" and "views" apart."""
    from spacy.tokens import Doc

    doc = Doc(
        blank_nlp.vocab,
        words=["They", "condemned", "the", "attack", "and", "exchanged", "views", "."],
        spaces=[True, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 6, 6, 3, 1],
        deps=["nsubj", "ROOT", "det", "obj", "cc", "amod", "conj", "punct"],
        tags=["PRP", "VBD", "DT", "NN", "CC", "VBD", "NNS", "."],
        pos=["PRON", "VERB", "DET", "NOUN", "CCONJ", "VERB", "NOUN", "PUNCT"],
    )
    found = [doc.text[s.start : s.end] for s in syntax.noun_phrases(doc)]
    assert found == ["attack", "views"]


def test_a_name_word_the_parser_hangs_on_the_verb_stays_in_the_name(blank_nlp: Language) -> None:
    """ "Wang Yi welcomed ...": a parser that makes "Wang" an oblique of the verb and "Yi" the
    subject still gives the speaker as written, "Wang Yi" (a parse built by hand)."""
    from spacy.tokens import Doc

    doc = Doc(
        blank_nlp.vocab,
        words=["Wang", "Yi", "welcomed", "the", "visit", "."],
        spaces=[True, True, True, True, False, False],
        heads=[2, 2, 2, 4, 2, 2],
        deps=["obl", "nsubj", "ROOT", "det", "obj", "punct"],
        tags=["NNP", "NNP", "VBD", "DT", "NN", "."],
        pos=["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert syntax.subject_phrase(doc, 8, 16) == syntax.Span(5, 7)  # the parse: "Yi"
    found = statements.extract_statements(doc, meta=Metadata()).statements
    assert [(s.speaker_text, s.cue) for s in found] == [("Wang Yi", "welcomed")]


# A speech verb's subject headed by a common noun the source lists do not know is an unnamed
# source with the parse; rules alone find none. Rows: (text, with the parse).
UNNAMED_SOURCES = [
    pytest.param(
        "The actress said she was tired of the old parties.",
        [("The actress", "The actress", "said", "she was tired of the old parties")],
        id="common-noun-subject",
    ),
    pytest.param(
        "The retired farmer told the crowd that the harvest had failed.",
        [("The retired farmer", "The retired farmer", "told", "the harvest had failed")],
        id="recipient-cue",
    ),
    # negatives: a thing as subject of a cue that takes things; a pronoun; a passive
    pytest.param("The visit highlighted the strength of the ties.", [], id="object-cue"),
    pytest.param("It said the ties were strong.", [], id="pronoun-it"),
    pytest.param("The plan was announced on Monday.", [], id="passive"),
]


@pytest.mark.parametrize(("text", "with_parse"), UNNAMED_SOURCES)
def test_an_unnamed_common_noun_source_with_the_parse(
    parsed_nlp: Language, blank_nlp: Language, text: str, with_parse: list[tuple]
) -> None:
    assert rows(parsed_nlp, text) == with_parse
    assert rows(blank_nlp, text) == []


# A personal pronoun before a progressive cue ("He's predicting", "She is saying"): the rules
# cannot tell "is" from a passive's, the parse can. Rows: (text, with the parse).
PROGRESSIVE_PRONOUNS = [
    pytest.param(
        "Mr. Hale spoke first. He's predicting that the drills will stop.",
        [("He", "He", "predicting", "the drills will stop")],
        id="contracted-be",
    ),
    pytest.param(
        "Mr. Hale spoke first. She is saying that the drills must stop.",
        [("She", "She", "saying", "the drills must stop")],
        id="is-saying",
    ),
    # negatives: "it" is no speaker; a passive has none; "responding to" is no cue
    pytest.param("It is saying that the drills must stop.", [], id="it"),
    pytest.param("Mr. Hale spoke first. The drills were announced.", [], id="passive"),
    pytest.param(
        "Mr. Hale spoke first. They are responding to the storm with relief flights.",
        [],
        id="responding-to-is-no-cue",
    ),
]


@pytest.mark.parametrize(("text", "with_parse"), PROGRESSIVE_PRONOUNS)
def test_a_pronoun_before_a_progressive_cue_with_the_parse(
    parsed_nlp: Language, text: str, with_parse: list[tuple]
) -> None:
    assert rows(parsed_nlp, text) == with_parse


@pytest.mark.parametrize("pipeline", ["parsed", "blank"])
@pytest.mark.parametrize(
    "text",
    [
        "These are facts that no one can deny.",
        "Nobody said that the talks had failed.",
        "No country accepts that the border has moved.",
        "None of the delegates said the vote was close.",
    ],
)
def test_a_subject_that_names_nobody_makes_no_statement(pipeline, text, request):
    nlp_under_test = request.getfixturevalue(f"{pipeline}_nlp")
    assert rows(nlp_under_test, text) == []


@pytest.mark.parametrize("pipeline", ["parsed", "blank"])
def test_a_name_that_opens_with_no_still_speaks(pipeline, request):
    nlp_under_test = request.getfixturevalue(f"{pipeline}_nlp")
    found = rows(nlp_under_test, "Noor Haddad said the talks were useful.")
    assert [row[0] for row in found] == ["Noor Haddad"]
