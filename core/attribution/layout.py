"""Layout of a release: paragraphs (hard-wrapped lines joined, classified as body, title,
heading, caption or front matter, list markers and datelines cut off) and sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.schema import Metadata

_TERMINAL_RE = re.compile(r"[.!?:;…][\"”’')\]]*\s*$")


_LIST_MARKER_RE = re.compile(r"\s*(?:[•\-*·▪]\s*)?(?:\(?\d{1,2}[.)]\s+|\(\d{1,2}\)\s*|[•\-*·▪]\s+)")


_CAPTION_RE = re.compile(
    r"\((?:[^()]*[/ ])?Photos?\b[^()]*\)|\bPhoto(?:s)? by\b|^\s*Photo\s*:", re.I
)


_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*"  # BEIJING, MOSCOW/WASHINGTON, NEW DELHI
    r"(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"  # , July 8 / , March 7, 2017
    r"\s*(?:\([A-Za-z. ]+\)\s*)?"  # (Xinhua)
    r"(?:--|—|–|-)\s+"
)


_FUNCTION_WORD_END = re.compile(
    r"\b(?:of|the|and|to|a|an|in|on|for|with|by|from|at|our|their|his|its|that|as|or|"
    r"between|into|than|is|are|was|were|be|will|would)\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (or heading) of the release: hard-wrapped lines joined."""

    start: int
    end: int
    kind: str  # body, title, heading, caption, front


@dataclass(frozen=True, slots=True)
class Span:
    """A range of character offsets into the document text."""

    start: int
    end: int


def split_blocks(text: str, meta: Metadata) -> list[Block]:
    """Paragraphs of the release, classified; list markers and datelines are cut off.

    Args:
        text: the release text.
        meta: its metadata (body start, caption spans and dateline when known).

    Returns:
        Blocks in text order.
    """
    lines = _lines(text)
    joined = _join_wrapped_lines(text, lines)
    blocks = []
    for number, (start, end) in enumerate(joined):
        start = _skip_prefixes(text, start, end, meta)
        kind = _block_kind(
            text, start, end, number=number, last=number == len(joined) - 1, meta=meta
        )
        blocks.append(Block(start, end, kind))
    return blocks


def _lines(text: str) -> list[tuple[int, int]]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            lines.append((start, end))
    return lines


def _join_wrapped_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the next when the sentence obviously runs on (hard-wrapped text)."""
    wrapped = _hard_wrapped(text, lines)
    joined: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None
    for line in lines:
        if (
            joined
            and previous is not None
            and _continues(
                text, joined[-1], previous, line, first=len(joined) == 1, wrapped=wrapped
            )
        ):
            joined[-1] = (joined[-1][0], line[1])
        else:
            joined.append(line)
        previous = line
    return joined


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Most long lines stop without punctuation: the text was wrapped at a fixed width."""
    long_lines = [text[a:b] for a, b in lines if b - a >= 60]
    open_ended = [line for line in long_lines if not _TERMINAL_RE.search(line)]
    return len(open_ended) >= 3 and len(open_ended) >= 0.5 * len(long_lines)


def _continues(
    text: str,
    block: tuple[int, int],
    previous: tuple[int, int],
    line: tuple[int, int],
    *,
    first: bool,
    wrapped: bool,
) -> bool:
    # only the block's end decides (a tail, not the whole block: 100,000 joined lines would
    # copy and scan the growing block once per line)
    before = text[max(block[0], block[1] - _TAIL) : block[1]]
    after = text[line[0] : line[1]]
    if _TERMINAL_RE.search(before) or _LIST_MARKER_RE.match(after):
        return False
    if after[:1].islower():
        return True
    if before.endswith((",", "—", "–")):
        return True
    if wrapped and previous[1] - previous[0] >= 60:
        return True
    long_enough = block[1] - block[0] > 40
    return bool(_FUNCTION_WORD_END.search(before)) and (not first or long_enough)


_TAIL = 200


def _skip_prefixes(text: str, start: int, end: int, meta: Metadata) -> int:
    marker = _LIST_MARKER_RE.match(text, start, end)
    if marker:
        start = marker.end()
    if meta.dateline_span and start <= meta.dateline_span[0] < end:
        start = max(start, meta.dateline_span[1])
        while start < end and text[start] in " -—–":
            start += 1
        return start
    dateline = _DATELINE_RE.match(text[start:end])
    return start + dateline.end() if dateline else start


def _block_kind(text: str, start: int, end: int, *, number: int, last: bool, meta: Metadata) -> str:
    words = text[start:end]
    if any(a < end and start < b for a, b in meta.caption_spans):
        return "caption"
    if _CAPTION_RE.search(words) and len(words.split()) <= 80:
        return "caption"  # a photo credit marks a caption paragraph, not a long body
    if end <= meta.body_start:
        return "front"
    terminal = bool(_TERMINAL_RE.search(words))
    n_words = len(words.split())
    if number == 0 and not terminal and n_words <= 40:
        return "title"
    if not terminal and n_words <= 12 and not (last and n_words >= 8):
        return "heading"  # short and unpunctuated; a long one is a paragraph (or cut off)
    return "body"


_ABBREVIATION_BEFORE_PERIOD = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Adm|Maj|Sgt|Cmdr|Brig|Rep|Sen|Gov|Amb|Prof|St|Jr|Sr"
    r"|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Hon|Messrs|vs|etc|Inc|Co|Ltd|Corp)"
    r"|\b[A-Z]|(?:\b[A-Za-z]\.){1,}[A-Za-z])$"
)


def split_sentences(text: str, block: Block) -> list[Span]:
    """Sentences of a block: a period, "!" or "?" (and closing quotes) before a capital."""
    spans = []
    start = block.start
    pattern = re.compile(r"[.!?]+[\"”’')]*\s+(?=(?:''|[\"“‘'(])?[A-Z0-9])")
    for match in pattern.finditer(text, block.start, block.end):
        period = match.start()
        if text[period] == "." and _ABBREVIATION_BEFORE_PERIOD.search(text[start:period]):
            continue
        boundary = match.end()
        while boundary > match.start() and text[boundary - 1].isspace():
            boundary -= 1
        spans.append(Span(start, boundary))
        start = match.end()
    if start < block.end:
        spans.append(Span(start, block.end))
    return spans


def clause_start(text: str, start: int) -> int:
    """The first offset after spaces and opening quote marks."""
    while start < len(text) and text[start] in ' "“‘':
        start += 1
    return start
