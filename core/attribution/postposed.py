"""Cues that close their sentence: "..., Xi said.", "..., said Li.", `"...," General Li
said.`: the content is the clause before the comma.
"""

from __future__ import annotations

from functools import cache

from core import lexicon
from core.actors import (
    MAX_MENTION_TOKENS,
    Mention,
    Token,
    parse_mention,
)
from core.attribution.contents import recipient_length
from core.attribution.cues import Cue, find_cues
from core.attribution.drafts import Draft
from core.attribution.layout import Span, clause_start
from core.attribution.subjects import Subject, skip_back, subject_before, token_at


def find_postposed_drafts(
    text: str, sentence: Span, tokens: list[Token], cues: list[Cue]
) -> list[Draft]:
    """Statements whose cue closes the sentence: the content is the clause before."""
    drafts = []
    for cue in cues:
        if cue.content not in ("clause", "object", "recipient"):
            continue
        found = _postposed_subject(text, sentence, tokens, cue)
        if found is None:
            continue
        mention, comma = found
        content = Span(clause_start(text, sentence.start), comma)
        if len(text[content.start : content.end].split()) < 3:
            continue
        subject = Subject(mention, "postposed", connector=comma)
        drafts.append(Draft(cue=cue, subject=subject, content=content))
    return drafts


def _postposed_subject(
    text: str, sentence: Span, tokens: list[Token], cue: Cue
) -> tuple[Mention, int] | None:
    """The subject of a cue that closes its sentence, and the comma its content ends at."""
    index = token_at(tokens, cue.start)
    after = token_at(tokens, cue.end)
    if cue.content == "recipient":  # "..., an official told The Times on Monday."
        after += recipient_length(tokens[after:])
    if index >= len(tokens) or index == 0 or continues_clause(text, tokens, after):
        return None
    if adjunct_tail(tokens, after) is not None:
        found = _subject_then_cue(text, tokens, index)
        if found is not None:
            return found
    if _ends_clause(tokens[index - 1]):
        return _cue_then_subject(text, tokens, index, after)
    return None


def _subject_then_cue(text: str, tokens: list[Token], index: int) -> tuple[Mention, int] | None:
    """ "..., Xi said." / `"...," General Li said.`"""
    mention = subject_before(text, tokens, skip_back(tokens, index, 0), 0)
    if mention is None or mention.kind == "collective":
        return None
    first = token_at(tokens, mention.start)
    if first > 0 and _ends_clause(tokens[first - 1]):
        return mention, tokens[first - 1].start
    return None


_INVERTED_KINDS = ("person", "pronoun", "title", "organization", "org_anaphor")


def _cue_then_subject(
    text: str, tokens: list[Token], index: int, after: int
) -> tuple[Mention, int] | None:
    """ "..., said Li." / "..., said the ministry in a statement."."""
    # parse_mention refuses longer runs, so looking further only costs time (quote storms)
    limit = min(len(tokens), after + MAX_MENTION_TOKENS)
    end = after
    while end < limit and tokens[end].text not in {",", ".", ";"}:
        end += 1
    for stop in range(end, after, -1):  # "said Zhou on Tuesday": the name, then adjuncts
        # the cheap test first: only a run that ends the clause is worth parsing
        if adjunct_tail(tokens, stop) is None and stop != len(tokens):
            continue
        mention = parse_mention(text, tokens[after:stop])
        if mention is not None and mention.kind in _INVERTED_KINDS:
            return mention, tokens[index - 1].start
    return None


def _ends_clause(token: Token) -> bool:
    return token.text in {",", '"', "”"}


def continues_clause(text: str, tokens: list[Token], after: int) -> bool:
    """ "The talks, he said, were useful": the sentence goes on after the cue's comma (not
    with a quote, adjuncts only or another cue: ", adding that ...")."""
    if after + 1 >= len(tokens) or tokens[after].text != ",":
        return False
    following = tokens[after + 1]
    if following.text in {'"', "“", "'", "‘"} or adjunct_tail(tokens, after + 1) is not None:
        return False
    # only a cue starting at `following` counts, and no cue phrase is anywhere near this long
    window_end = tokens[min(len(tokens), after + 1 + MAX_MENTION_TOKENS) - 1].end
    return not any(
        c.start == following.start for c in find_cues(text, Span(following.start, window_end))
    )


def adjunct_tail(tokens: list[Token], index: int) -> int | None:
    """End of the words after a postposed cue when they are only adjuncts ("on Monday")."""
    words = _adjunct_words()
    cursor = index
    while cursor < len(tokens) and tokens[cursor].lower in words:
        cursor += 1
    if cursor == len(tokens) or tokens[cursor].text in {".", "!", "?", '"', "”"}:
        return cursor
    if tokens[cursor].text == "," and cursor + 1 < len(tokens):
        return cursor  # ", adding that ..." or another postposed cue follows
    return None


@cache  # asked for every run a postposed cue's subject may end at: built once
def _adjunct_words() -> frozenset[str]:
    return frozenset(lexicon.cue_lexicon().postposed_adjunct_words)
