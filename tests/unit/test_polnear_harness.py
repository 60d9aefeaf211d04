"""The PolNeAR harness's reading and scoring, on an invented article (no shared data needed)."""

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import polnear

TEXT = 'The mayor said that taxes will fall. "We are ready," Jones told reporters.'
ANN = "\n".join(
    [
        "T1\tSource 0 9\tThe mayor",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 36\tthat taxes will fall",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        'T5\tContent 38 51;52 53\t"We are ready,"',
        "T6\tSource 53 58\tJones",
        "T7\tCue 59 63\ttold",
        "T8\tAttribution 59 63\ttold",
        "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
    ]
)


def test_parse_brat_links_roles_and_keeps_discontinuous_parts():
    first, second = polnear.parse_brat(ANN)
    assert first == polnear.Attribution(((0, 9),), ((10, 14),), ((15, 36),))
    assert second.content == ((38, 51), (52, 53))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (20, 35, ((15, 35),)),  # "that" joins the content
        (38, 50, ((37, 52),)),  # quote marks and the comma inside them join
        (0, 9, ((0, 9),)),  # nothing to add
    ],
)
def test_content_mapped_to_polnear_conventions(start, end, expected):
    text = 'The mayor said that taxes will fall. "We are ready," Jones told reporters.'
    assert polnear.to_polnear_content(text, start, end) == expected


def test_typewriter_quote_marks_join_the_content():
    text = "''We are ready,'' Jones said."
    assert polnear.to_polnear_content(text, 2, 14) == ((0, 17),)


def test_gold_scored_against_itself_is_perfect_and_empty_is_zero():
    article = polnear.Article("a", TEXT, tuple(polnear.parse_brat(ANN)))
    perfect = polnear.score([article], [list(article.gold)])
    assert perfect["exact source"] == (1.0, 1.0, 1.0)
    assert perfect["overlap content"] == (1.0, 1.0, 1.0)
    assert perfect["speaker right"][0] == 1.0
    empty = polnear.score([article], [[]])
    assert empty["exact content"] == (0.0, 0.0, 0.0)


def test_overlap_counts_a_partial_span_but_exact_does_not():
    article = polnear.Article("a", TEXT, tuple(polnear.parse_brat(ANN)))
    partial = polnear.Attribution(((4, 9),), ((10, 14),), ((20, 36),))
    scores = polnear.score([article], [[partial]])
    assert scores["exact source"][2] == 0.0
    assert scores["overlap source"][0] == 1.0
    assert scores["overlap content"][1] == 0.5


def _statement(start, end, *, cue, speaker="Jones", speaker_span=(0, 5), mode="direct"):
    return {
        "start": start,
        "end": end,
        "mode": mode,
        "speaker": speaker,
        "speaker_start": speaker_span[0] if speaker_span else None,
        "speaker_end": speaker_span[1] if speaker_span else None,
        "cue_start": cue[0],
        "cue_end": cue[1],
    }


def test_quote_parts_become_one_attribution_with_parts():
    text = '"We won," Jones said, "and we stay." "It is done."'
    #       0123456789012345678901234567890123456789012345678
    interrupted = [
        _statement(1, 7, cue=(16, 20), speaker_span=(10, 15)),
        _statement(23, 34, cue=(16, 20), speaker_span=(10, 15)),
        _statement(38, 49, cue=(37, 37), speaker_span=None),  # a continuation: no cue words
    ]
    (joined,) = polnear.statement_attributions(text, interrupted)
    assert joined.source == ((10, 15),)
    assert joined.content == ((0, 9), (22, 36), (37, 50))


def test_a_continuation_of_another_speaker_or_an_indirect_statement_stays_apart():
    text = '"We won," Jones said. "It is done."'
    other = [
        _statement(1, 7, cue=(16, 20), speaker_span=(10, 15)),
        _statement(23, 33, cue=(22, 22), speaker="Smith", speaker_span=None),
    ]
    assert len(polnear.statement_attributions(text, other)) == 2
    indirect = [
        _statement(1, 7, cue=(16, 20), speaker_span=(10, 15), mode="indirect"),
        _statement(23, 33, cue=(22, 22), speaker_span=None),
    ]
    assert len(polnear.statement_attributions(text, indirect)) == 2


@pytest.mark.parametrize(
    ("text", "source", "cue", "expected"),
    [
        # before the cue: PolNeAR's source runs over the apposition to the comma before the cue
        ("Ann Lee, a former envoy, said no.", (0, 7), (25, 29), "Ann Lee, a former envoy,"),
        ("Ann Lee, a former envoy, also said no.", (0, 7), (30, 34), "Ann Lee, a former envoy,"),
        ("Ann Lee, 25, said no.", (0, 7), (13, 17), "Ann Lee, 25,"),
        # an adjunct between commas is no apposition: the source is the mention
        ("Ann Lee, speaking to veterans, said no.", (0, 7), (31, 35), "Ann Lee"),
        ("Ann Lee, at a later briefing, said no.", (0, 7), (30, 34), "Ann Lee"),
        ("Ann Lee, asked about taxes, said no.", (0, 7), (28, 32), "Ann Lee"),
        ("Ann Lee, however, said no.", (0, 7), (18, 22), "Ann Lee"),
        # after the cue: to the end of the apposition
        ('"No," said Ann Lee, a former envoy.', (11, 18), (6, 10), "Ann Lee, a former envoy"),
        # a relative pronoun is the source
        ("Ann Lee, who said no, left.", (0, 7), (13, 17), "who"),
        # nothing to add
        ("Ann Lee said no, and left.", (0, 7), (8, 12), "Ann Lee"),
        ('"No," said Ann Lee.', (11, 18), (6, 10), "Ann Lee"),
    ],
)
def test_source_mapped_to_polnear_conventions(text, source, cue, expected):
    ((start, end),) = polnear.to_polnear_source(text, (source,), (cue,))
    assert text[start:end] == expected


def test_reported_speech_stops_at_its_sentence_end_but_a_quote_does_not():
    text = 'Lee said taxes will fall. Rates will too. "We are ready. We act," Lee said.'
    assert polnear.to_polnear_content(text, 9, 40) == ((9, 24),)
    assert polnear.to_polnear_content(text, 43, 63) == ((42, 65),)


def test_reported_speech_ending_in_a_quote_keeps_the_closing_mark():
    text = 'Lee said taxes "will fall."'
    assert polnear.to_polnear_content(text, 9, 25) == ((9, 27),)


def test_a_parenthetical_attribution_splits_the_content():
    text = "The talks, he said, were useful."
    #       0123456789012345678901234567890
    inside = _statement(0, 30, cue=(14, 18), speaker_span=(11, 13), mode="indirect")
    (attribution,) = polnear.statement_attributions(text, [inside])
    assert attribution.content == ((0, 9), (20, 30))
