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
