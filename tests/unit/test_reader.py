"""The reader's highlight HTML: right spans, and nothing live from untrusted text."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from components.reader import Mark, document_html, document_marks, highlight_html
from core.schema import (
    DOCUMENTS,
    ENTITIES,
    STATEMENTS,
    TOPIC_MENTIONS,
    Corpus,
    build_frame,
)

ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
ALLOWED_TAGS = {"style", "div", "h3", "p", "span"}
ALLOWED_ATTRIBUTES = {"class", "title"}


class _Collector(HTMLParser):
    """Every tag, attribute and text node the browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)


def parse(markup: str) -> _Collector:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector


def hostile_corpus(attack: str) -> Corpus:
    """One document whose every field carries the attack."""
    speaker = f"Minister {attack}"
    cue = f"said {attack}"
    content = f"the talks {attack} went well"
    entity = f"Norland {attack}"
    text = f"{speaker} {cue} that {content}. {entity} agreed."
    doc_id = "d" * 64
    at = text.index
    statement = {
        "stmt_id": "s1",
        "doc_id": doc_id,
        "actor_id": "x",
        "speaker": speaker,
        "speaker_text": speaker,
        "speaker_kind": "person",
        "side": attack,
        "cue": cue,
        "mode": "indirect",
        "content": content,
        "start": at(content),
        "end": at(content) + len(content),
        "speaker_start": 0,
        "speaker_end": len(speaker),
        "cue_start": at(cue),
        "cue_end": at(cue) + len(cue),
        "sentence": 0,
        "reported_by": attack,
        "confidence": 0.5,
        "date": dt.date(2024, 1, 2),
    }
    document = {
        "doc_id": doc_id,
        "title": f"Title {attack}",
        "publisher": f"Publisher {attack}",
        "publisher_country": attack,
        "published": dt.date(2024, 1, 2),
        "dateline_place": attack,
        "event_date": None,
        "kind": attack,
        "language": "en",
        "filename": f"{attack}.txt",
        "n_words": 10,
        "text": text,
        "ingested_at": dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
        "warnings": [attack],
        "topics": [attack],
        "participants": [attack],
    }
    entity_row = {
        "doc_id": doc_id,
        "text": entity,
        "label": attack,
        "start": at(entity),
        "end": at(entity) + len(entity),
        "actor_id": None,
    }
    mention = {
        "doc_id": doc_id,
        "stmt_id": "s1",
        "topic": f"Topic {attack}",
        "matched": attack,
        "start": at(content) + len("the talks "),
        "end": at(content) + len("the talks ") + len(attack),
    }
    return Corpus(
        documents=build_frame(DOCUMENTS, [document]),
        statements=build_frame(STATEMENTS, [statement]),
        entities=build_frame(ENTITIES, [entity_row]),
        topic_mentions=build_frame(TOPIC_MENTIONS, [mention]),
    )


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_live_comes_out_of_any_field(attack):
    corpus = hostile_corpus(attack)
    document = corpus.documents.iloc[0].to_dict()
    marks = document_marks(corpus, document["doc_id"])
    assert {mark.kind for mark in marks} == {"content", "speaker", "cue", "entity", "topic"}
    markup = document_html(document, marks)
    seen = parse(markup)
    assert set(seen.tags) <= ALLOWED_TAGS, seen.tags
    assert seen.tags.count("style") == 1
    assert {name for name, _ in seen.attributes} <= ALLOWED_ATTRIBUTES
    assert not any(name.startswith("on") for name, _ in seen.attributes)
    classes = {value for name, value in seen.attributes if name == "class"}
    assert all(part.startswith("rl-") for value in classes for part in value.split())
    # the attack survives as visible text (escaped), in the text and the hover labels
    assert attack in "".join(seen.text)
    titles = " ".join(value or "" for name, value in seen.attributes if name == "title")
    assert attack in titles
    assert "<script" not in markup.lower().replace("&lt;script", "")
    assert "<img" not in markup.lower().replace("&lt;img", "")


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_whole_text_is_shown_once(attack):
    corpus = hostile_corpus(attack)
    document = corpus.documents.iloc[0].to_dict()
    markup = highlight_html(document["text"], document_marks(corpus, document["doc_id"]))
    assert "".join(parse(markup).text) == document["text"]


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], "Ann said hi."),
        (
            [Mark(0, 3, "speaker", "Ann")],
            '<span class="rl-speaker" title="Ann">Ann</span> said hi.',
        ),
        (
            # nested: a topic inside a statement gets both classes, the rest only one
            [Mark(9, 11, "content", "Ann"), Mark(10, 11, "topic", "T")],
            'Ann said <span class="rl-content" title="Ann">h</span>'
            '<span class="rl-content rl-topic" title="Ann | T">i</span>.',
        ),
        # unknown kinds, empty and out-of-range spans are ignored or clipped
        ([Mark(0, 3, 'evil" onclick="x', "a"), Mark(4, 4, "cue", "c")], "Ann said hi."),
        ([Mark(9, 99, "content", "c")], 'Ann said <span class="rl-content" title="c">hi.</span>'),
    ],
)
def test_highlight_spans(marks, expected):
    assert highlight_html("Ann said hi.", marks) == expected


def test_label_quotes_cannot_break_out_of_the_attribute():
    markup = highlight_html("abc", [Mark(0, 3, "entity", '" onmouseover="alert(1)')])
    seen = parse(markup)
    assert seen.attributes == [("class", "rl-entity"), ("title", '" onmouseover="alert(1)')]
