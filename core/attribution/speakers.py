"""Speakers: every draft's subject resolved to an actor in text order, so that "He" and
"the Minister" find the last speaker or the person a narrating sentence is about.
"""

from __future__ import annotations

import re

from core import lexicon
from core.actors import (
    BOTH_SIDES,
    Resolver,
    Speaker,
    tokenize,
)
from core.attribution.drafts import Draft, subject_position
from core.attribution.layout import Block, Span, split_sentences
from core.attribution.nesting import Coverage, is_top_level
from core.attribution.quotes import find_quotes
from core.attribution.subjects import leading_mention


def resolve_speakers(text: str, drafts: list[Draft], resolver: Resolver) -> None:
    """Resolve every draft's subject in text order, so pronouns find the last speaker."""
    resolved: dict[int, Speaker] = {}
    turns = [d for d in drafts if d.in_turn]
    coverage = Coverage(drafts)
    for draft in sorted(drafts, key=subject_position):
        mention = draft.subject.mention
        turn = next((t for t in turns if t.content.start <= draft.cue.start < t.content.end), None)
        if mention is None:
            draft.speaker = _speaker_without_mention(draft, resolver, drafts)
        elif id(mention) in resolved:
            draft.speaker = resolved[id(mention)]
        else:
            draft.speaker = resolver.resolve(
                mention,
                turn_speaker=turn.speaker if turn else None,
                turn_start=turn.content.start if turn else None,
                prefer_first=draft.subject.relation == "turn",
            )
            resolved[id(mention)] = draft.speaker
        if mention is not None:
            draft.speaker_text = mention.text
            draft.speaker_span = draft.speaker_span or Span(mention.start, mention.end)
        if draft.speaker.kind == "collective" and draft.mode != "direct":
            draft.mode = "joint"
        if is_top_level(draft, drafts, coverage):
            resolver.note_speaker(
                subject_position(draft), draft.speaker, mention.title if mention else ""
            )
        elif (outer := _holder(draft, drafts)) is not None:
            scope = (outer.content.start, outer.content.end)
            resolver.note_inner_speaker(subject_position(draft), draft.speaker, scope)


def _holder(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The statement whose content holds this one: its container, else the smallest content
    around its cue."""
    if draft.container is not None:
        return draft.container
    around = [
        d for d in drafts if d is not draft and d.content.start <= draft.cue.start < d.content.end
    ]
    return min(around, key=lambda d: d.content.end - d.content.start, default=None)


def note_narration_subjects(
    text: str, blocks: list[Block], drafts: list[Draft], resolver: Resolver
) -> None:
    """The person each narrating sentence opens with, for "He"/"She" in what follows."""
    quotes = [q.inner for q in find_quotes(text, blocks)]
    spoken = Coverage.of_spans([(s.start, s.end) for s in [d.content for d in drafts] + quotes])
    named = {p.name for p in resolver.people}
    for block in blocks:
        if block.kind != "body":
            continue
        for sentence in split_sentences(text, block):
            if spoken.covered(sentence.start, (-1, -1)):
                continue
            mention = leading_mention(text, tokenize(text, sentence.start, sentence.end))
            if mention is None or mention.kind not in ("person", "title"):
                continue
            who = resolver.resolve(mention)
            bare = mention.kind == "person" and not mention.title and who.name not in named
            if not bare:  # "QUESTION: ..." or "Matt, on ...": a bare word names nobody
                resolver.note_subject(mention.start, who)


def resolve_forward(drafts: list[Draft]) -> None:
    """ "A ministry spokesperson announced ... said Hua Chunying": the speaker named next."""
    ordered = sorted(drafts, key=subject_position)
    for number, draft in enumerate(ordered):
        mention = draft.subject.mention
        if draft.speaker is None or draft.speaker.name is not None or mention is None:
            continue
        if mention.kind != "title" or not re.match(r"(?:a|an)\s", mention.text, re.IGNORECASE):
            continue
        later = [
            d.speaker for d in ordered[number + 1 :] if d.speaker and d.speaker.kind == "person"
        ]
        named = [who for who in later if who.name]
        if named:
            draft.speaker = named[0]


def _speaker_without_mention(draft: Draft, resolver: Resolver, drafts: list[Draft]) -> Speaker:
    if draft.subject.relation == "passive":
        return BOTH_SIDES
    previous = [d for d in drafts if d.cue.start < draft.cue.start and d.speaker is not None]
    quoted = [d for d in previous if d.mode == "direct" and draft.cue.start - d.content.end < 400]
    if quoted:  # `"A," X said. "B."`: B is X's too, named or not
        return max(quoted, key=lambda d: d.content.end).speaker or Speaker(None, "unknown")
    before = [who for pos, who, _ in resolver.speakers if pos < draft.cue.start]
    return before[-1] if before else Speaker(None, "unknown")


def speaks_for_own_side(draft: Draft) -> bool:
    """ "Wang said China opposes X": the country inside a speaker's words is the speaker.

    "Pryce said the Chinese side had asked ..." and "Dannet said that the Valdorian side
    hoped ...": a side named as a side reports its position in the talks, the speaker's own
    side included, and stays a statement.
    """
    holder = draft.container.speaker if draft.container is not None else None
    if draft.container is None or draft.speaker is None or draft.speaker.kind != "side":
        return False
    mention = draft.subject.mention
    if mention is not None and _names_a_side(mention.text):
        return False
    return holder is None or holder.side is None or holder.side == draft.speaker.side


def _names_a_side(words: str) -> bool:
    """ "the Chinese side": a side noun, not a bare country name."""
    nouns = lexicon.side_lexicon().side_nouns
    return words.split()[-1].lower() in {noun.lower() for noun in nouns}
