"""Entities on the blank pipeline (gazetteer, titles, actors) and over a statistical NER."""

from __future__ import annotations

import itertools

import pytest
from spacy.tokens import Doc, Span

from core import entities
from core.schema import Actor
from tests.conftest import DEV_CORPUS, require_shared

BLINKEN = Actor(
    "Antony Blinken",
    title="Secretary",
    aliases=("Secretary Blinken", "the Secretary", "He", "U.S. Secretary of State Blinken"),
)
PARK = Actor("Park Jin", aliases=("Foreign Minister Park", "Park"))
ZHANG = Actor("Zhang Wei", aliases=("General Zhang",))
CHINA = Actor("China", kind="side", aliases=("the Chinese side",))
MINISTRY = Actor("Ministry of Fisheries", kind="organization", aliases=("the Ministry",))
BOTH = Actor("both sides", kind="collective", aliases=("The two sides",))


def rows(nlp, text: str, actors: tuple[Actor, ...] = ()) -> list[tuple[str, str, str | None]]:
    found = entities.extract_entities(nlp(text), actors=actors)
    return [(e.text, e.label, e.actor) for e in found]


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # gazetteer: countries, demonyms, capitals; titles before names
        (
            "Chinese President Xi Jinping met Japanese Prime Minister Taro Sato in Beijing.",
            (),
            [
                ("Chinese", "NORP", None),
                ("Xi Jinping", "PERSON", None),
                ("Japanese", "NORP", None),
                ("Taro Sato", "PERSON", None),
                ("Beijing", "GPE", None),
            ],
        ),
        # actors' names and aliases carry the canonical name; pronouns are not entities
        (
            "Secretary Blinken spoke with Foreign Minister Park. He said Blinken agreed.",
            (BLINKEN, PARK),
            [
                ("Blinken", "PERSON", "Antony Blinken"),
                ("Park", "PERSON", "Park Jin"),
                ("Blinken", "PERSON", "Antony Blinken"),
            ],
        ),
        # a lowercase word that equals a name is not the person
        ("They walked in the park and met nobody.", (PARK,), []),
        # a country side links its country, not its demonym; collectives are not entities
        (
            "China and the Chinese side agreed. The two sides met.",
            (CHINA, BOTH),
            [("China", "GPE", "China"), ("Chinese", "NORP", None)],
        ),
        # organisations: gazetteer, "Ministry of ...", "... Command", and an actor
        (
            "The U.S. Department of Defense and the Ministry of Fisheries met the Eastern "
            "Fleet Command.",
            (MINISTRY,),
            [
                ("U.S. Department of Defense", "ORG", None),
                ("Ministry of Fisheries", "ORG", "Ministry of Fisheries"),
                ("Eastern Fleet Command", "ORG", None),
            ],
        ),
        # overlapping matches: the longer name wins
        (
            "North Korea fired at the Korean Peninsula; the People’s Republic of China objected.",
            (),
            [
                ("North Korea", "GPE", None),
                ("Korean Peninsula", "LOC", None),
                ("People’s Republic of China", "GPE", None),
            ],
        ),
        # an office's name stops where a known person begins
        (
            "Director of the Office of the Maritime Affairs Commission Zhang Wei arrived.",
            (ZHANG,),
            [
                ("Office of the Maritime Affairs Commission", "ORG", None),
                ("Zhang Wei", "PERSON", "Zhang Wei"),
            ],
        ),
        # a surname after a title links to the one actor it fits
        (
            "General Zhang and General Zhao spoke.",
            (ZHANG,),
            [("Zhang", "PERSON", "Zhang Wei"), ("Zhao", "PERSON", None)],
        ),
        # titles are not names: "General Assembly", "Minister General Wei"
        (
            "The General Assembly heard Defense Minister General Wei Fenghe.",
            (),
            [("General Assembly", "ORG", None), ("Wei Fenghe", "PERSON", None)],
        ),
        # datelines; an upper-case speaker label is not a place
        (
            "LONDON, March 3 -- STAFF (THROUGH TRANSLATOR): welcome.",
            (),
            [("LONDON", "GPE", None)],
        ),
        ("MOSCOW/KYIV, May 2 -- talks.", (), [("MOSCOW", "GPE", None), ("KYIV", "GPE", None)]),
        # possessives end the name
        (
            "President Biden’s call with Premier Li.",
            (),
            [("Biden", "PERSON", None), ("Li", "PERSON", None)],
        ),
        ("Nothing here is named.", (), []),
    ],
)
def test_entities_on_the_blank_pipeline(blank_nlp, text, actors, expected):
    assert rows(blank_nlp, text, actors) == expected


def ner_doc(nlp, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_statistical_entities_fill_gaps_and_rules_win_overlaps(blank_nlp):
    words = ["Jane", "Roe", "of", "Acme", "Corp", "flew", "to", "Paris", "on", "Monday"]
    doc = ner_doc(blank_nlp, words, [(0, 2, "PER"), (3, 5, "ORG"), (6, 8, "ORG"), (9, 10, "DATE")])
    found = [(e.text, e.label) for e in entities.extract_entities(doc, actors=())]
    # "to Paris" (a wrong NER span) loses to the gazetteer's "Paris"
    assert found == [
        ("Jane Roe", "PERSON"),
        ("Acme Corp", "ORG"),
        ("Paris", "GPE"),
        ("Monday", "DATE"),
    ]


def test_statistical_entities_lose_line_breaks_and_lone_heading_words(blank_nlp):
    """A statistical NER trained with line breaks may take them in ("Affairs\n\n"), or tag
    a lone title or heading word; names stay on one line and are more than such a word."""
    words = [
        "Foreign",
        "Affairs",
        "\n\n",
        "Both",
        "Ministers",
        "met",
        "Jane",
        "Roe",
        "of",
        "the",
        "Bureau",
        "and",
        "Q",
        "Harbour",
        "House",
        "\n",
        "staff",
        ".",
    ]
    doc = ner_doc(
        blank_nlp,
        words,
        [
            (1, 3, "PERSON"),
            (4, 5, "ORG"),
            (6, 8, "PERSON"),
            (10, 11, "ORG"),
            (12, 13, "GPE"),
            (13, 16, "ORG"),
        ],
    )
    found = [(e.text, e.label) for e in entities.extract_entities(doc, actors=())]
    assert found == [("Jane Roe", "PERSON"), ("Harbour House", "ORG")]
    assert all("\n" not in text for text, _ in found)


def test_statistical_person_links_to_actor(blank_nlp):
    doc = ner_doc(blank_nlp, ["Blinken", "arrived", "."], [(0, 1, "PERSON")])
    assert [(e.text, e.actor) for e in entities.extract_entities(doc, actors=(BLINKEN,))] == [
        ("Blinken", "Antony Blinken")
    ]


def test_offsets_index_the_text_and_do_not_overlap(blank_nlp):
    text = (
        "WASHINGTON, May 5 -- U.S. Secretary of State Antony Blinken met Chinese Foreign "
        "Minister Wang Yi and NATO officials in Brussels to discuss the South China Sea."
    )
    found = entities.extract_entities(blank_nlp(text), actors=(BLINKEN,))
    assert all(text[e.start : e.end] == e.text for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert {e.label for e in found} == {"GPE", "PERSON", "NORP", "ORG", "LOC"}


@pytest.mark.shared
def test_dev_releases_give_sorted_non_overlapping_entities(blank_nlp):
    require_shared(DEV_CORPUS)
    for path in sorted(DEV_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = entities.extract_entities(blank_nlp(text), actors=())
        assert found, path.name
        assert all(text[e.start : e.end] == e.text for e in found)
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country word that is also a given name, beside another name word, is a person's
        ("Chad Harris said nothing about the vote.", []),
        ("Georgia Lane arrived in Lisbon.", [("Lisbon", "GPE")]),
        ("The crowd cheered for Michael Jordan.", []),
        ("Reporters asked Ana Ruiz and Israel Brandt about it.", []),
        # after a title the whole name is the person's, the country word included
        ("Defence Minister Israel Katz arrived.", [("Israel Katz", "PERSON")]),
        # negative cases: possessives, articles, prepositions and lists keep the place
        ("Jordan's King Abdullah spoke.", [("Jordan", "GPE"), ("Abdullah", "PERSON")]),
        ("Aid reached the Chad government.", [("Chad", "GPE")]),
        ("Talks held in Georgia, then Armenia.", [("Georgia", "GPE"), ("Armenia", "GPE")]),
        ("Israel and Jordan signed the deal.", [("Israel", "GPE"), ("Jordan", "GPE")]),
        ("He met the President of Chad Mahamat Ousmane.", [("Chad", "GPE")]),
        ("Sudan, Chad and Niger agreed.", [("Sudan", "GPE"), ("Chad", "GPE"), ("Niger", "GPE")]),
        ("Kestria Welcomes Jordan Foreign Minister", [("Kestria", "GPE"), ("Jordan", "GPE")]),
        ("Israel Defense Forces withdrew.", [("Israel", "GPE")]),
    ],
)
def test_a_country_named_like_a_person_is_no_place_inside_a_name(blank_nlp, text, expected):
    assert [(found, label) for found, label, _ in rows(blank_nlp, text)] == expected
