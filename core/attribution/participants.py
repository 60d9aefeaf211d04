"""The people in the talks: those the meeting sentence names, then the speakers."""

from __future__ import annotations

import re

from core.actors import (
    Mention,
    Resolver,
    Speaker,
    Token,
    has_office_title,
    is_name_word,
    is_title_word,
    known_name_words,
    known_person_by_alias,
    parse_mention,
    tokenize,
)
from core.attribution.drafts import Draft, subject_position
from core.attribution.layout import Block, Span, split_sentences


def find_participants(
    text: str, blocks: list[Block], resolver: Resolver, drafts: list[Draft]
) -> list[str]:
    """The people in the talks: those the meeting sentence names, then the speakers.

    Spokespersons who only relay the readout count only when nobody else speaks.
    """
    names = _meeting_names(text, blocks, resolver)
    ordered = sorted(drafts, key=subject_position)
    speakers = [
        d.speaker
        for d in ordered
        if d.speaker and d.speaker.kind == "person" and d.speaker.name and d.container is None
    ]
    if len(names) < 2:
        names += [who.name for who in speakers if not relays(who.title) and who.name]
    if not names:
        names = [who.name for who in speakers if who.name]
    return list(dict.fromkeys(names))[:4]


_MEETING_RE = re.compile(
    r"\b(?:met|meets|meet|held|holds|hold|spoke|speaks|talked|talks|call|called|conversation|"
    r"teleconference|telecon|meeting|visit|visiting|hosted|hosts|received|receives)\b"
)


def _meeting_names(text: str, blocks: list[Block], resolver: Resolver) -> list[str]:
    for block in (b for b in blocks if b.kind == "body"):
        for sentence in split_sentences(text, block):
            if not _MEETING_RE.search(text, sentence.start, sentence.end):
                continue
            names = [
                who.name
                for who in _persons_in(text, sentence, resolver)
                if who.name and not relays(who.title)
            ]
            if names:
                return list(dict.fromkeys(names))
    return []


def _persons_in(text: str, sentence: Span, resolver: Resolver) -> list[Speaker]:
    """People a sentence names with a title or in full ("Secretary Blinken", "Li Zuocheng").

    After two people, a subordinate word ("as a follow-up to the call between ...") ends the
    list: the people named after it are not in these talks.
    """
    tokens = tokenize(text, sentence.start, sentence.end)
    found: list[Speaker] = []
    index = 0
    while index < len(tokens):
        if len(found) >= 2 and tokens[index].lower in _SUBORDINATE_WORDS:
            break
        if len(found) >= _MOST_PEOPLE:
            break  # more names than any talks have: a list, not the participants
        end = index  # the run is cut at the longest mention: every step stays bounded
        while (
            end < len(tokens)
            and end - index < _LONGEST_PERSON
            and _name_run_token(tokens, index, end)
        ):
            end += 1
        next_index = max(end, index + 1)
        if not _may_name_official(tokens[index:end]):
            index = next_index  # no office word and no known name: nobody to find here
            continue
        for stop in range(end, index, -1):
            if not is_name_word(tokens[stop - 1]):
                continue  # a person's mention, or a list of them, ends with a name
            people = _named_people(parse_mention(text, tokens[index:stop]))
            if people:
                found += [resolver.resolve(person) for person in people]
                next_index = stop
                break
        index = next_index
    return found


_MOST_PEOPLE = 12
# Tokens of the longest titled name ("Member of the Political Bureau of the CPC Central
# Committee and Director of the Office of the Central Foreign Affairs Commission Wang Yi": 22)
_LONGEST_PERSON = 32


def _named_people(mention: Mention | None) -> list[Mention]:
    """The titled or known people a mention names: itself, or the people of a list."""
    if mention is None:
        return []
    people = list(mention.parts) if mention.kind == "collective" else [mention]
    return [m for m in people if m.kind == "person" and _named_person_evidence(m)]


_SUBORDINATE_WORDS = frozenset(
    {"as", "following", "after", "between", "during", "since", "which", "where", "when"}
)


def _name_run_token(tokens: list[Token], start: int, index: int) -> bool:
    if tokens[index].text[:1].isupper() or is_title_word(tokens[index]):
        return True  # "Pentagon spokesman Navy Capt. X": lower-case title words belong too
    return index > start and tokens[index].lower in {"of", "for", "the"}


def _may_name_official(tokens: list[Token]) -> bool:
    """Whether the words hold an office or rank word or a word of a known official's name
    (what :func:`_named_person_evidence` needs), checked before parsing every span."""
    return any(has_office_title(t.text) or t.lower in known_name_words() for t in tokens)


def _named_person_evidence(mention: Mention) -> bool:
    """An office or rank ("Secretary Blinken") or a known official, not "On April"."""
    return has_office_title(mention.title) or known_person_by_alias(mention.name) is not None


def relays(title: str | None) -> bool:
    """Spokespersons and press secretaries relay what others said."""
    return bool(title) and bool(re.search(r"spokes|press secretary", title or "", re.IGNORECASE))
