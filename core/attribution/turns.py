"""Press-conference turns ("Mr. X, Minister for Foreign Affairs: ...", "THE PRESIDENT:",
"Q:") and blocks introduced by "X said:" followed by the speaker's paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import lexicon
from core.actors import (
    MAX_NAME_WORDS,
    Mention,
    NamedPerson,
    has_office_title,
    is_relay_title,
    parse_mention,
    tokenize,
)
from core.attribution.cues import find_cues
from core.attribution.drafts import Draft, direct_draft
from core.attribution.layout import Block, Span, split_sentences
from core.attribution.subjects import find_cue_subject, token_at

_LABEL_RE = re.compile(
    r"^(?P<label>[^:\n]{1,90}?)\s*(?P<via>\((?:through|via)\s+(?:translator|interpreter)\))?\s*:\s*",
    re.IGNORECASE,
)


_QUESTION_RE = re.compile(r"Q(?:[:.]\s*|\s{2,}|\t+)(?=\S)")


_DOT_LABEL_RE = re.compile(r"^(?P<label>(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+)\.\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Label:
    """A press-conference speaker label at the start of a paragraph."""

    mention: Mention | None  # None for "STAFF:", "Q:" and other unnamed turns
    start: int
    end: int  # end of the label's words (speaker_text)
    body: int  # where the turn's words start
    question: bool = False  # a reporter's turn ("Q:", "Reuters reporter:", "Daily Courier:")


def find_label(
    text: str,
    block: Block,
    names: frozenset[str] = frozenset(),
    answerer: NamedPerson | None = None,
) -> Label | None:
    """A speaker label: "Mr. X, Minister for Foreign Affairs: ...", "President Obama. ...".

    Args:
        text: the document text.
        block: the paragraph.
        names: lower-case words of the full names the release gives: a label of one bare name
            ("Sanders:") must be one of them ("BYLINE:", "Grandkids:" are not people).
        answerer: who answers after an "A:" label (see :func:`release_answerer`).
    """
    words = text[block.start : block.end]
    answer = _ANSWER_RE.match(words)
    if answer is not None and answer.group("label").lower() in _answer_labels():
        end = block.start + len(answer.group("label"))
        if answerer is None:
            return Label(None, block.start, end, block.start + answer.end())
        written = text[block.start : end]
        mention = Mention(
            written, block.start, end, "person", name=answerer.written, title=answerer.title
        )
        return Label(mention, block.start, end, block.start + answer.end())
    question = _QUESTION_RE.match(words)
    if question is not None:  # "Q:", "Q." or "Q   " before a reporter's question
        return Label(None, block.start, block.start + 1, block.start + question.end(), True)
    match = _LABEL_RE.match(words)
    if match is not None:
        label = match.group("label").strip()
        end = block.start + match.start("label") + len(label)
        generic = lexicon.title_lexicon().generic_labels
        last = label.split()[-1].lower().strip(". ") if label.split() else ""
        if label.lower().strip(". ") in generic or last in generic:  # "Reuters reporter:"
            asks = bool({label.lower().strip(". "), last} & set(_question_labels()))
            return Label(None, block.start, end, block.start + match.end(), asks)
        mention = _label_mention(text, block.start, end, names)
        if mention is not None or _looks_like_label(label):
            return Label(mention, block.start, end, block.start + match.end(), mention is None)
    return _dot_label(text, block, names)


_ANSWER_RE = re.compile(r"(?P<label>[A-Za-z]{1,6})\s*:\s*(?=\S)")


def _answer_labels() -> tuple[str, ...]:
    return tuple(lexicon.load_yaml("titles.yml").get("answer_labels") or ())


def release_answerer(text: str, people: tuple[NamedPerson, ...]) -> NamedPerson | None:
    """Who answers the questions of a "Q: ... A: ..." transcript: the spokesperson the release
    names (its heading: "Foreign Ministry Spokesperson X's Regular Press Conference"), else
    the person its first lines name."""
    relay = next((p for p in people if is_relay_title(p.title)), None)
    if relay is not None:
        return relay
    first_lines = text[: text.find("\n\n") if "\n\n" in text[:400] else 400]
    return next((p for p in people if p.end <= len(first_lines)), None)


def _question_labels() -> tuple[str, ...]:
    return tuple(lexicon.load_yaml("titles.yml").get("question_labels") or ())


def _dot_label(text: str, block: Block, names: frozenset[str]) -> Label | None:
    """ "President Obama. I am ...": a titled name, its period not an abbreviation's."""
    dotted = _DOT_LABEL_RE.match(text[block.start : block.end])
    if dotted is None or block.end - block.start <= dotted.end() + 20:
        return None
    end = block.start + len(dotted.group("label"))
    mention = _label_mention(text, block.start, end, names)
    if mention is None or mention.kind != "person" or not mention.title:
        return None
    last = tokenize(text, block.start, end + 1)[-1].text
    if len(last) > 1 and last.endswith("."):
        return None  # "Former Florida Gov. Jeb Bush said ...": the period is the title's
    return Label(mention, block.start, end, block.start + dotted.end())


def _looks_like_label(label: str) -> bool:
    """A short run of capitalised words ("NHK, Kobayashi"): someone's turn, even unnamed."""
    words = [w for w in re.split(r"[\s,]+", label) if w]
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in {"of", "for", "the"} for w in words)


def _label_mention(text: str, start: int, end: int, names: frozenset[str]) -> Mention | None:
    if re.search(r"[a-z]{2,}", text[start:end]) and not re.search(r"[A-Z]", text[start:end]):
        return None
    mention = parse_mention(text, tokenize(text, start, end))
    if mention is None or mention.kind not in ("person", "title"):
        return None  # "THE PRESIDENT:" is a title label, resolved like "the President"
    weak_title = not mention.title or not has_office_title(mention.title)  # "Peace Efforts:"
    honorific = re.match(r"(?:mr|ms|mrs|dr|madam)\b", text[start:end], re.IGNORECASE)
    bare = mention.kind == "person" and weak_title and len(mention.name.split()) == 1
    bare = bare and honorific is None  # "MR MILLER:" is a person's turn
    if bare and mention.name.lower() not in names:
        return None
    untitled = mention.kind == "person" and not mention.title
    if untitled and len(mention.name.split()) > MAX_NAME_WORDS:
        return None  # "Veto Power Impedes Peace Efforts:": a run-in heading, not a speaker
    lower_words = [w for w in text[start:end].split() if w[:1].islower()]
    if any(w.lower() not in {"of", "for", "the", "and", "on", "to"} for w in lower_words):
        return None
    return mention


def find_turn_drafts(
    text: str, blocks: list[Block], people: tuple[NamedPerson, ...] = ()
) -> list[Draft]:
    """One direct statement per paragraph of opening remarks, one per answer.

    A turn goes on over unlabelled paragraphs until a heading, another label, or a paragraph
    that names its speaker (narration: "Spokesperson X thanked the reporters."). A named turn
    after a question (an unnamed turn: "Q:", "Reuters reporter:") is an answer: one statement
    over all its paragraphs.

    Args:
        text: the document text.
        blocks: its paragraphs.
        people: the people the release names in full (a one-word label must be one of them).
    """
    names = frozenset(word for person in people for word in person.words)
    answerer = release_answerer(text, people)
    drafts: list[Draft] = []
    current: Label | None = None
    questioned = answering = False
    for block in blocks:
        if block.kind != "body":
            current = None if block.kind == "heading" else current
            continue
        label = find_label(text, block, names, answerer)
        if label is not None:
            questioned = questioned or label.question
            current, answering, start = label, questioned, label.body
        elif current is None or _narrates(text, block, current):
            current = None
            continue
        else:
            start = block.start
        if current.mention is None or start >= block.end:
            continue
        if answering and label is None and drafts and drafts[-1].speaker_span == _span(current):
            drafts[-1].content = Span(drafts[-1].content.start, block.end)
            continue
        drafts.append(_turn_draft(text, current, current.mention, Span(start, block.end)))
    return drafts


def _turn_draft(text: str, label: Label, mention: Mention, content: Span) -> Draft:
    draft = direct_draft(text, mention, content, "turn")
    draft.speaker_span = _span(label)
    draft.in_turn = True
    return draft


def _span(label: Label) -> Span:
    return Span(label.start, label.end)


def _narrates(text: str, block: Block, label: Label) -> bool:
    """A paragraph that names the turn's speaker is the release's narration, not the turn."""
    if label.mention is None or not label.mention.name:
        return False
    words = {w for w in re.findall(r"[\w’'-]+", text[block.start : block.end])}
    return any(len(w) > 2 and w in words for w in label.mention.name.split())


def find_intro_drafts(text: str, blocks: list[Block]) -> list[Draft]:
    """ "Foreign Secretary X said:" followed by the paragraphs of what X said."""
    drafts = []
    body = [b for b in blocks if b.kind == "body"]
    for index, block in enumerate(body[:-1]):
        if not text[block.start : block.end].rstrip().endswith(":"):
            continue
        last = split_sentences(text, block)[-1]
        cue_end = text.rindex(":", last.start, last.end)
        cues = [c for c in find_cues(text, Span(last.start, cue_end)) if c.content == "clause"]
        if not cues or text[cues[-1].end : cue_end].strip():
            continue
        tokens = tokenize(text, last.start, cues[-1].end)
        cue_index = token_at(tokens, cues[-1].start)
        subject = find_cue_subject(text, tokens, cue_index, floor=0, previous=None)
        if subject is None or subject.mention is None:
            continue
        end = _intro_end(text, body, index, subject.mention)
        draft = direct_draft(text, subject.mention, Span(body[index + 1].start, end), "intro")
        draft.cue = cues[-1]
        draft.cue_text = cues[-1].text_in(text)
        drafts.append(draft)
    return drafts


def _intro_end(text: str, body: list[Block], index: int, mention: Mention) -> int:
    end = body[index + 1].end
    name_words = {w.lower() for w in (mention.name or mention.title).split()}
    for block in body[index + 2 :]:
        words = text[block.start : block.end]
        mentions_speaker = any(w.lower().strip(".,’'s") in name_words for w in words.split())
        first_person = re.search(r"\b(?:I|we|We|our|Our|us|my|My)\b", words)
        if mentions_speaker or not first_person or text[body[index + 1].start] in '"“':
            break
        end = block.end
    return end
