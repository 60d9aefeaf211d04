"""The pipeline loader and its rule-based sentence starts."""

import pytest

from core import nlp


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Title line\nBEIJING, May 4 -- He said so.",
            ["Title line\n", "BEIJING, May 4 -- He said so."],
        ),
        ("One.\n\nTwo", ["One.\n\n", "Two"]),
        ("no break here at all", ["no break here at all"]),
        ("a\nb\nc", ["a\n", "b\n", "c"]),
    ],
)
def test_a_line_break_starts_a_sentence_and_stays_with_the_one_it_ends(blank_nlp, text, sentences):
    assert [sentence.text_with_ws for sentence in blank_nlp(text).sents] == sentences


def test_many_short_lines_each_become_a_sentence(blank_nlp):
    doc = blank_nlp("line\n" * 5000)
    assert len(list(doc.sents)) == 5000


def test_blank_is_chosen_by_name_and_described():
    assert nlp.choose_pipeline("blank") == nlp.BLANK
    described = nlp.describe_pipeline(nlp.load_pipeline("blank"))
    assert described.startswith("blank English + rules")
    assert "paragraph_sentences" in described


def test_the_setting_names_the_pipeline(monkeypatch):
    monkeypatch.setenv(nlp.PIPELINE_SETTING, "my_pipeline")
    assert nlp.choose_pipeline() == "my_pipeline"
    assert nlp.choose_pipeline("blank") == "blank"  # an explicit name wins


@pytest.mark.parametrize(
    ("text", "preset", "kept_inside"),
    [
        ("Minister Lucan Merriweather said it.", 2, True),  # a parser's wrong start in a name
        ("Both Ministers discussed trade.", 1, True),
        ("He left. Lucan spoke.", 3, False),  # after a full stop a capital may start one
        ("Readout\nLucan Merriweather said it.", 3, True),
    ],
)
def test_no_sentence_starts_between_two_capitalised_words(text, preset, kept_inside):
    """paragraph_sentences runs before the parser and presets "no start" inside a name; a
    start after punctuation or a line break is left alone."""
    blank = nlp.spacy.blank("en")
    doc = blank.make_doc(text)
    doc[preset].is_sent_start = True
    doc = nlp.paragraph_sentences(doc)
    assert doc[preset].is_sent_start is (not kept_inside)


def test_a_line_break_between_capitalised_words_still_starts_a_sentence(blank_nlp):
    doc = blank_nlp("READOUT OF THE CALL\nSecretary Austin spoke with Minister Lee.")
    assert [s.text.strip() for s in doc.sents][1] == "Secretary Austin spoke with Minister Lee."


def test_entities_lose_line_breaks_and_lone_titles():
    """EntityEdges (after the NER) trims line-break tokens an entity took in and drops an
    entity that is one title word."""
    from spacy.tokens import Span

    blank = nlp.spacy.blank("en")
    doc = blank.make_doc("Office of Foreign Affairs\n\nSgt Near Sinjar met Jane Roe and Ministers")
    doc.ents = [
        Span(doc, 3, 5, label="ORG"),  # "Affairs\n\n"
        Span(doc, 5, 6, label="PERSON"),  # "Sgt"
        Span(doc, 7, 8, label="GPE"),  # "Sinjar"
        Span(doc, 9, 11, label="PERSON"),
        Span(doc, 12, 13, label="ORG"),  # "Ministers"
    ]
    doc = nlp.EntityEdges(["sgt", "minister"])(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Affairs", "ORG"),
        ("Sinjar", "GPE"),
        ("Jane Roe", "PERSON"),
    ]


def test_the_shipped_pipeline_trims_entity_edges():
    loaded = nlp.load_pipeline(str(nlp.SHIPPED_PIPELINE))
    names = loaded.pipe_names
    assert names.index(nlp.ENTITY_EDGES) == names.index("ner") + 1
