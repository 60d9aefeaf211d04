"""Topic taxonomy, topic mentions and document topics (invented sentences, plus the dev set)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from core import topics
from core.schema import Metadata
from tests.conftest import DEV_CORPUS, SHARED, require_shared

GOLD_LABELS = (
    "Taiwan",
    "South China Sea",
    "East China Sea and Senkaku",
    "Korean Peninsula",
    "Russia and Ukraine",
    "Middle East",
    "Military-to-military relations",
    "Maritime and air safety",
    "Nuclear and arms control",
    "Trade and economy",
    "Sanctions and export controls",
    "Technology",
    "Climate and environment",
    "Human rights",
    "Alliances and Indo-Pacific",
    "Counterterrorism",
    "Public health and pandemic",
    "Counternarcotics",
    "Space",
    "Defense cooperation and exercises",
)

SMALL_YAML = """
topics:
- name: Fisheries
  about: fishing rights
  phrases: [fishing quota, trawler]
  patterns: ['catch limits?']
  weak_phrases: [boat]
- name: Energy
  phrases: [oil, gas pipeline]
stop_words: [the, of, and, "no", "on"]
"""


def mention_rows(text: str, taxonomy: topics.Taxonomy, **kwargs) -> list[tuple[str, str]]:
    return [(m.topic, m.matched) for m in topics.extract_topic_mentions(text, taxonomy, **kwargs)]


def tagged(text: str, taxonomy: topics.Taxonomy, meta: Metadata | None = None) -> list[str]:
    mentions = topics.extract_topic_mentions(text, taxonomy)
    return topics.document_topics(mentions, taxonomy, text=text, meta=meta or Metadata())


# ---------------------------------------------------------------- the shipped taxonomy


def test_shipped_taxonomy_has_every_gold_label(taxonomy):
    assert set(GOLD_LABELS) <= set(taxonomy.names)


def test_shipped_taxonomy_lists_the_analyst_phrases_for_taiwan(taxonomy):
    taiwan = taxonomy.topics[taxonomy.index("Taiwan")]
    for phrase in ("Taiwan", "one-China principle", "Taiwan independence", "Taiwan Strait"):
        assert phrase in taiwan.phrases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They discussed the Taiwan question.", [("Taiwan", "Taiwan question")]),
        ("He urged respect for the one-China principle.", [("Taiwan", "one-China principle")]),
        (
            "Both honour the three joint communiqués.",
            [("Taiwan", "three joint communiqués")],
        ),
        ("Ships sailed through the Taiwan Straits.", [("Taiwan", "Taiwan Straits")]),
        ("They spoke about the Ukrainian crisis.", [("Russia and Ukraine", "Ukrainian crisis")]),
        # a final plural is allowed
        (
            "They planned joint exercises.",
            [("Defense cooperation and exercises", "joint exercises")],
        ),
        # case does not matter for phrases ...
        ("CLIMATE CHANGE was raised.", [("Climate and environment", "CLIMATE CHANGE")]),
        # ... but does where the pattern says so: "who" is not the WHO, "said" has no "AI"
        ("The officials who met said little.", []),
        ("The WHO said so.", [("Public health and pandemic", "WHO")]),
        ("Rules for AI were agreed.", [("Technology", "AI")]),
        # whole words only
        ("The quadrant and the Iranians' neighbours.", [("Middle East", "Iranians")]),
        ("A squad of Quadrilateral", []),
        # curly and straight apostrophes, and a line break inside a phrase
        ("Boats near Ren’ai Reef.", [("South China Sea", "Ren’ai Reef")]),
        ("Tension in the South China\nSea rose.", [("South China Sea", "South China\nSea")]),
        # overlapping topics: the longer phrase is read ...
        (
            "They condemned North Korea's nuclear and missile programs.",
            [
                ("Korean Peninsula", "North Korea"),
                ("Korean Peninsula", "nuclear and missile programs"),
            ],
        ),
        # ... and a phrase listed under two topics counts for both
        (
            "Attempts to change the status quo in the East and South China Seas.",
            [
                ("South China Sea", "East and South China Seas"),
                ("East China Sea and Senkaku", "East and South China Seas"),
            ],
        ),
        ("The weather was fine.", []),
    ],
)
def test_mentions_in_invented_sentences(taxonomy, text, expected):
    assert sorted(mention_rows(text, taxonomy)) == sorted(expected)


def test_mention_offsets_index_the_text(taxonomy):
    text = "Minister Roe said Taiwan and fentanyl were discussed; Taiwan again."
    mentions = topics.extract_topic_mentions(text, taxonomy)
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    assert all(text[m.start : m.end] == m.matched for m in mentions)
    assert [m.matched for m in mentions] == ["Taiwan", "fentanyl", "Taiwan"]


def test_caption_spans_are_skipped(taxonomy):
    caption = "Ministers pose in front of a Taiwan map. (Photo by A. Person)"
    text = caption + "\n\nThe ministers discussed fisheries and Ukraine."
    rows = mention_rows(text, taxonomy, skip_spans=((0, len(caption)),))
    assert rows == [("Russia and Ukraine", "Ukraine")]


# ---------------------------------------------------------------- the document rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one strong phrase in the body is enough
        ("The two sides discussed Ukraine at length.", ["Russia and Ukraine"]),
        # a weak one alone is not; a second mention supports it
        ("The minister recalled a visit to Russia years ago.", []),
        ("Russia was named. Russia was named again.", ["Russia and Ukraine"]),
        ("Allies were thanked for their help.", []),
        # topics come out in taxonomy order, not text order
        (
            "They discussed fentanyl, then Taiwan, then the Korean Peninsula.",
            ["Taiwan", "Korean Peninsula", "Counternarcotics"],
        ),
        # a topic word inside the name of an office is not the topic
        ("An official of the Office of the Taiwan Affairs spoke to reporters.", []),
        ("The Taiwan Affairs Office spokesperson held a briefing on fisheries.", []),
        ("The Secretary of Homeland Security met the minister about fisheries.", []),
        ("The Minister for Climate Change and Energy opened the harbour.", []),
        ("Commanders of the U.S. Indo-Pacific Command toured the port.", []),
        # ... but the same word outside the title is
        (
            "The Taiwan Affairs Office said Taiwan independence is a dead end.",
            ["Taiwan"],
        ),
    ],
)
def test_document_topics(taxonomy, text, expected):
    assert tagged(text, taxonomy) == expected


def test_a_title_mention_alone_is_not_enough(taxonomy):
    text = "Ministers discuss Taiwan\n\nThe ministers met in Paris and discussed fisheries."
    assert tagged(text, taxonomy) == []


def test_a_title_mention_supports_a_weak_body_mention(taxonomy):
    text = "Ministers discuss Ukraine\n\nThe ministers spoke about Russia and fisheries."
    assert tagged(text, taxonomy) == ["Russia and Ukraine"]


def test_metadata_body_start_and_dateline_are_header(taxonomy):
    text = "TAIPEI, May 1 -- The ministers discussed fisheries and weather."
    assert tagged(text, taxonomy) == ["Taiwan"]
    meta = Metadata(dateline_place="TAIPEI", dateline_span=(0, 6))
    assert tagged(text, taxonomy, meta) == []
    assert (
        tagged("Taiwan talks\nFisheries were discussed.", taxonomy, Metadata(body_start=13)) == []
    )


def test_long_texts_need_more_than_one_passing_mention(taxonomy):
    filler = " ".join(["The delegations reviewed fisheries and harbour matters."] * 300)
    assert len(filler.split()) > 2000
    assert tagged(filler + " They mentioned Ukraine.", taxonomy) == []
    assert tagged(filler + " Ukraine. Ukraine.", taxonomy) == ["Russia and Ukraine"]


# ---------------------------------------------------------------- YAML and the editor


def test_yaml_round_trip_of_the_shipped_taxonomy(taxonomy):
    again = topics.taxonomy_from_yaml(topics.taxonomy_to_yaml(taxonomy))
    assert again == taxonomy
    assert again.names == taxonomy.names


def test_small_taxonomy_from_yaml():
    small = topics.taxonomy_from_yaml(SMALL_YAML)
    assert small.names == ("Fisheries", "Energy")
    assert small.stop_words == ("the", "of", "and", "no", "on")
    text = "A trawler broke the catch limit; the boat sank. Oil prices rose."
    assert mention_rows(text, small) == [
        ("Fisheries", "trawler"),
        ("Fisheries", "catch limit"),
        ("Fisheries", "boat"),
        ("Energy", "Oil"),
    ]
    assert topics.taxonomy_from_yaml(topics.taxonomy_to_yaml(small)) == small


def test_topics_may_be_written_as_a_mapping():
    small = topics.taxonomy_from_yaml(
        "topics:\n  Fisheries: [trawler]\n  Energy:\n    phrases: [oil]"
    )
    assert small.names == ("Fisheries", "Energy")
    assert mention_rows("oil and a trawler", small) == [("Energy", "oil"), ("Fisheries", "trawler")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("topics: [", "not valid YAML"),
        ("- just a list", "YAML mapping"),
        ("topics:\n- name: ''\n  phrases: [x]", "topic needs a name"),
        ("topics:\n- name: A\n  phrases: [x]\n- name: a\n  phrases: [y]", "two topics called"),
        ("topics:\n- name: A\n  patterns: ['(unclosed']", "not a valid regular expression"),
        ("topics:\n- name: A\n  patterns: ['x*']", "matches empty text"),
        ("topics:\n- name: A\n  phrases: {x: 1}", "list of words"),
        ("topics:\n- name: A\n  phrases: [no]", "quotes"),
    ],
)
def test_bad_taxonomy_yaml_is_explained(text, message):
    with pytest.raises(ValueError, match=message):
        topics.taxonomy_from_yaml(text)


def test_add_topic_returns_a_new_taxonomy(taxonomy):
    edited = topics.add_topic(taxonomy, " Fisheries ", ["fishing quota", "trawler", "trawler"])
    assert edited.names == (*taxonomy.names, "Fisheries")
    assert "Fisheries" not in taxonomy.names
    assert edited.topics[-1].phrases == ("fishing quota", "trawler")
    assert tagged("New fishing quotas were set.", edited) == ["Fisheries"]
    assert topics.taxonomy_from_yaml(topics.taxonomy_to_yaml(edited)) == edited


@pytest.mark.parametrize(
    ("name", "phrases", "patterns", "message"),
    [
        ("   ", ["x"], (), "topic needs a name"),
        ("Taiwan", ["x"], (), "two topics called"),
        ("Fisheries", ["  "], (), "at least one phrase"),
        ("Fisheries", [], ["[a-"], "not a valid regular expression"),
    ],
)
def test_add_topic_rejects_bad_input(taxonomy, name, phrases, patterns, message):
    with pytest.raises(ValueError, match=message):
        topics.add_topic(taxonomy, name, phrases, patterns=patterns)


def test_add_phrases_extends_one_topic(taxonomy):
    edited = topics.add_phrases(taxonomy, "Space", ["orbital debris", "Outer Space"])
    space = edited.topics[edited.index("Space")]
    assert space.phrases[-1] == "orbital debris"
    assert space.phrases.count("outer space") == 1  # already listed (case ignored)
    assert tagged("Orbital debris worries both.", edited) == ["Space"]
    assert tagged("Orbital debris worries both.", taxonomy) == []


def test_add_weak_phrases_and_patterns(taxonomy):
    edited = topics.add_phrases(taxonomy, "Space", ["rocket"], kind="weak_phrases")
    assert tagged("A rocket flew.", edited) == []
    assert tagged("A rocket flew. Another rocket flew.", edited) == ["Space"]
    edited = topics.add_phrases(edited, "Space", [r"moon ?base"], kind="patterns")
    assert tagged("A moonbase is planned.", edited) == ["Space"]


@pytest.mark.parametrize(
    ("topic", "phrases", "kind", "message"),
    [
        ("Fisheries", ["x"], "phrases", "no topic called"),
        ("Space", [""], "phrases", "at least one phrase"),
        ("Space", ["(a"], "patterns", "not a valid regular expression"),
        ("Space", ["x"], "words", "not one of"),
    ],
)
def test_add_phrases_rejects_bad_input(taxonomy, topic, phrases, kind, message):
    with pytest.raises(ValueError, match=message):
        topics.add_phrases(taxonomy, topic, phrases, kind=kind)


def test_taxonomy_is_frozen(taxonomy):
    with pytest.raises(AttributeError):
        taxonomy.topics = ()  # type: ignore[misc]
    assert replace(taxonomy) == taxonomy


# ---------------------------------------------------------------- key phrase suggestions


KEY_PHRASE_TEXTS = [
    "The ministers agreed on fishing quotas. Jane Doe said the fishing quotas were fair.",
    "New fishing quotas and port fees were announced by Jane Doe near the Taiwan Strait.",
    "Port fees rose. The fishing quotas stayed. Jane Doe toured the Taiwan Strait.",
]


def test_suggest_key_phrases_finds_uncovered_recurring_phrases(taxonomy):
    suggested = dict(topics.suggest_key_phrases(KEY_PHRASE_TEXTS, taxonomy))
    assert suggested["fishing quotas"] == 4
    assert suggested["port fees"] == 2
    assert "Taiwan Strait" not in suggested  # a topic covers it already
    assert "Jane Doe" not in suggested  # a name, not an issue
    assert "the fishing quotas" not in suggested  # starts with a stop word
    assert "fishing" not in suggested  # single words are not phrases


def test_suggest_key_phrases_ranks_and_limits(taxonomy):
    suggested = topics.suggest_key_phrases(KEY_PHRASE_TEXTS, taxonomy, top=1)
    assert suggested == [("fishing quotas", 4)]
    assert topics.suggest_key_phrases([], taxonomy) == []


# ---------------------------------------------------------------- the dev set (../shared)


@pytest.mark.shared
def test_dev_set_topic_f1(taxonomy):
    gold_path = require_shared(SHARED / "corpus" / "gold" / "dev.jsonl")
    true_pos = false_pos = false_neg = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (DEV_CORPUS / gold["file"]).read_text(encoding="utf-8")
        predicted = set(tagged(text, taxonomy))
        true_pos += len(predicted & set(gold["topics"]))
        false_pos += len(predicted - set(gold["topics"]))
        false_neg += len(set(gold["topics"]) - predicted)
    f1 = 2 * true_pos / (2 * true_pos + false_pos + false_neg)
    assert f1 >= 0.8
