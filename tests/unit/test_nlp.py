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
