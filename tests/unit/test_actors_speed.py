"""What keeps mention parsing and quote attribution linear on hostile text (a storm of quotes
and cues): each distinct run of words is parsed once wherever it stands, and a quote's cues are
looked for next to it, not 1,000 characters back. Counts, never timings; invented sentences."""

from __future__ import annotations

import re

import pytest

from core import actors
from core.actors import _one_spaced, _parse_here, parse_mention, tokenize
from core.attribution import quotes
from core.attribution.cues import find_cues
from core.attribution.layout import Span


@pytest.mark.parametrize(
    "words",
    [
        "Minister Ada Quill",
        "Minister  Ada Quill",
        "Minister\tAda\nQuill",
        "Minister\u00a0Ada Quill",
        " the Kestrian side ",
        "",
        "\u2003",
    ],
)
def test_spaces_are_collapsed_as_the_regex_does(words):
    assert _one_spaced(words) == re.sub(r"\s+", " ", words)


def count_parses(monkeypatch) -> list[int]:
    """Every start of a run parsed afresh (not taken from the cache) from now on."""
    calls: list[int] = []
    parse = actors._parse_here

    def counting(text, tokens):
        calls.append(tokens[0].start)
        return parse(text, tokens)

    monkeypatch.setattr(actors, "_parse_here", counting)
    actors._parse_mention_cached.cache_clear()
    return calls


def run_at(text: str, start: int, words: str) -> list:
    first = text.index(words, start)
    return tokenize(text, first, first + len(words))


@pytest.mark.parametrize(
    "phrase",
    ["Defence Minister Ada Quill", "the Kestrian side", "he", "Quill and Marlow", "the ministry"],
)
def test_a_phrase_repeated_is_parsed_once_and_found_where_it_stands(monkeypatch, phrase):
    text = f"Today {phrase} said it. Later {phrase} said it again. Also {phrase} said more."
    calls = count_parses(monkeypatch)
    found = []
    start = 0
    for _ in range(3):
        tokens = run_at(text, start, phrase)
        found.append(parse_mention(text, tokens))
        start = tokens[-1].end
    assert len(calls) == 1
    for mention in found:
        assert mention is not None
        assert text[mention.start : mention.end] == mention.text == phrase
    fresh = _parse_here(text, run_at(text, found[0].end, phrase))
    assert found[1] == fresh  # the cached parse, moved, is the parse made there
    assert found[1] is not found[2]  # each call gets its own object


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Minister Ada Quill", "Minister  Ada Quill"),  # other spacing
        ("the Kestrian side", "The Kestrian side"),  # other letters
        ("Quill", "-Quill"),  # another character before the run
    ],
)
def test_runs_differing_in_spacing_letters_or_what_precedes_are_parsed_apart(
    monkeypatch, first, second
):
    text = f"Then {first} said it. {second} said it."
    calls = count_parses(monkeypatch)
    tokens = run_at(text, 0, first)
    parse_mention(text, tokens)
    parse_mention(text, run_at(text, tokens[-1].end, second.lstrip("-")))
    assert len(calls) == 2


def test_the_runs_a_postposed_cue_tries_in_a_quote_storm_are_parsed_a_bounded_number_of_times(
    monkeypatch,
):
    calls = count_parses(monkeypatch)
    parsed = {}
    for repeats in (100, 400):
        calls.clear()
        text = '"said ' * repeats
        tokens = tokenize(text)
        for after in range(1, len(tokens) - 1, 2):  # as postposed.py tries them
            for stop in range(min(len(tokens), after + 64), after, -2):
                parse_mention(text, tokens[after:stop])
        parsed[repeats] = len(calls)
    assert parsed[100] == parsed[400] < 100  # the distinct runs, not one per run tried


def cues_in(text: str, span: Span) -> list:
    return find_cues(text, span)


LEADS = [
    'Quill said on Monday, "we will go on," and then Marlow said, ',
    '"Talks," Quill said. "Trade," Marlow stressed in a statement on Monday: ',
    "Quill said in a statement on Monday, ",
    "“Calm,” Quill said “and patient” and added, ",
    'She said "no" and ',
]


@pytest.mark.parametrize("lead", LEADS)
def test_the_cues_after_a_leads_last_quote_mark_are_those_found_in_the_whole_lead(lead):
    span = Span(0, len(lead))
    start = quotes._after_last_mark(lead, span)
    everything = [c for c in cues_in(lead, span) if c.start >= start]
    assert cues_in(lead, Span(start, span.end)) == everything


WINDOWS = [
    ' Quill said. "Next," Marlow said.',
    ', Marlow told reporters "later" and said',
    ' and then "Quill" said',
    " said Quill on Monday.",
    ' "Next," Marlow said.',
]


@pytest.mark.parametrize("window", WINDOWS)
def test_the_first_cue_after_a_quote_is_the_first_of_the_whole_window(window):
    span = Span(0, len(window))
    whole = [c for c in cues_in(window, span) if c.content in ("clause", "recipient")]
    assert quotes._first_cue_after(window, span) == (whole[0] if whole else None)


def test_cue_words_hold_no_quote_mark():
    assert quotes._cues_hold_no_barrier()


def test_a_quote_storm_is_searched_for_cues_a_bounded_length_per_quote(monkeypatch):
    searched: list[int] = []

    def recording(text, span):
        searched.append(span.end - span.start)
        return find_cues(text, span)

    monkeypatch.setattr(quotes, "find_cues", recording)
    text = '"said ' * 400
    sentence = Span(0, len(text))
    marks = [found.start() for found in re.finditer('"', text)]
    for opening, closing in zip(marks[::2], marks[1::2], strict=True):
        quote = quotes.Quote(opening, closing, closed=True)
        quotes._attribution_after(text, quote)
        quotes._attribution_before(text, quote, sentence)
    assert len(searched) >= 400
    assert max(searched) <= len("said ")  # the words between two marks, not 1,000 characters


@pytest.mark.parametrize(
    "lead",
    ["Quill said, ", "Quill said:\n", "Quill said", "", "  ", "Quill said ,  \t", "said,,", ","],
)
def test_a_leads_end_before_its_last_comma_is_what_the_pattern_finds(lead):
    found = re.search(r"[,:]?\s*$", lead)
    expected = found.start() if found else len(lead)
    assert quotes._before_trailing_punctuation(lead, Span(0, len(lead))) == expected
