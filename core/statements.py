"""Who said what: the statements of one release, their speakers and the people in the talks.

The extractor reads the text as an analyst does:

1. layout - paragraphs (hard-wrapped lines joined), the title, headings, captions and
   "X provided the following readout" lines set aside, datelines cut off, sentences;
2. containers - press-conference turns ("Mr. X, Minister for Foreign Affairs: ..."), direct
   quotes with their attribution (`"...," General Li said`), blocks introduced by "X said:";
3. cues - speech cues from ``data/cues.yml`` in every sentence; for each one its subject
   (:func:`find_cue_subject`: "General Li", "He", "The two sides", a coordinated cue's
   subject, a postposed "..., Wang said", "According to X") and its content
   (:func:`find_content_clause`: the "that" clause, the object, what follows "expressed
   concern over"), ending where a coordinated cue or a new speaker begins;
4. nesting - a statement inside another's content is reported by that speaker;
5. speakers - mentions resolved to canonical actors by :mod:`core.actors`.

Everything works on blank English (rules over tokens and regexes); the clause-finding steps
are small functions so a dependency parse (``core.nlp.has_parse``) can replace them later.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from core import lexicon
from core.actors import (
    BOTH_SIDES,
    Mention,
    Resolver,
    Speaker,
    Token,
    has_office_title,
    is_name_word,
    is_title_word,
    known_person_by_alias,
    organization_in,
    parse_mention,
    tokenize,
)
from core.schema import Actor, Attributions, Metadata, Statement

# ---------------------------------------------------------------- layout

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
    before = text[block[0] : block[1]]
    after = text[line[0] : line[1]]
    if _TERMINAL_RE.search(before) or _LIST_MARKER_RE.match(after):
        return False
    if after[:1].islower():
        return True
    if before.endswith((",", "—", "–")):
        return True
    if wrapped and previous[1] - previous[0] >= 60:
        return True
    return bool(_FUNCTION_WORD_END.search(before)) and (not first or len(before) > 40)


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
    pattern = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
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


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words: marks at ``open``/``close`` (close = end of text when unbalanced)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or where the unclosed quote stops
    closed: bool

    @property
    def inner(self) -> Span:
        return Span(self.open + 1, self.close)


def find_quotes(text: str, blocks: list[Block]) -> list[Quote]:
    """Double-quoted passages in body blocks: curly or straight, unbalanced marks tolerated.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the press convention for quotes running over paragraphs); otherwise it
    stops at the paragraph's end.
    """
    body = [b for b in blocks if b.kind == "body"]
    quotes: list[Quote] = []
    opened: int | None = None
    for index, block in enumerate(body):
        for position in _quote_marks(text, block):
            role = _mark_role(text, position, opened is not None)
            if role == "open" and opened is None:
                opened = position
            elif role == "open" and position == block.start and _open_from_before(opened, block):
                continue  # a quote running over paragraphs reopens each one
            elif role == "open":
                quotes.append(Quote(opened, _block_end_before(text, body, opened), closed=False))  # type: ignore[arg-type]
                opened = position
            elif opened is not None:
                quotes.append(Quote(opened, position, closed=True))
                opened = None
        if opened is not None and not _next_opens_with_quote(text, body, index):
            quotes.append(Quote(opened, block.end, closed=False))
            opened = None
    return quotes + _single_quotes(text, body, quotes)


def _single_quotes(text: str, body: list[Block], doubles: list[Quote]) -> list[Quote]:
    """‘Single-quoted’ passages (British style) outside double quotes; apostrophes are not."""
    found = []
    for block in body:
        opened: int | None = None
        for match in re.finditer(r"[‘’]", text[block.start : block.end]):
            position = block.start + match.start()
            if any(q.open < position < q.close for q in doubles):
                continue
            after = text[position + 1 : position + 2]
            if text[position] == "‘":
                opened = position if opened is None else opened
            elif opened is not None and not after.isalpha():
                found.append(Quote(opened, position, closed=True))
                opened = None
    return found


def _quote_marks(text: str, block: Block) -> list[int]:
    return [block.start + m.start() for m in re.finditer(r"[\"“”]", text[block.start : block.end])]


def _mark_role(text: str, position: int, is_open: bool) -> str:
    mark = text[position]
    if mark == "“":
        return "open"
    if mark == "”":
        return "close"
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "close" if is_open else "open"


def _open_from_before(opened: int | None, block: Block) -> bool:
    return opened is not None and opened < block.start


def _block_end_before(text: str, body: list[Block], position: int) -> int:
    for block in body:
        if block.start <= position < block.end:
            return block.end
    return len(text)


def _next_opens_with_quote(text: str, body: list[Block], index: int) -> bool:
    return index + 1 < len(body) and text[body[index + 1].start] in '"“'


# ---------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the text, with where its content may start."""

    start: int
    end: int  # end of the cue as written (adverbs and particles included)
    content: str  # clause, object, recipient, attitude, source, discussion, purpose, passive
    prepositions: tuple[str, ...] = ()

    def text_in(self, text: str) -> str:
        return re.sub(r"\s+", " ", text[self.start : self.end])


@cache
def _cue_regex() -> re.Pattern[str]:
    cues = lexicon.cue_lexicon()
    forms = sorted({form for entry in cues.cues for form in entry.forms}, key=len, reverse=True)
    adverbs = "|".join(re.escape(a) for a in sorted(cues.cue_adverbs, key=len, reverse=True))
    sources = [e for e in cues.cues if e.content == "source"]
    forms += [f[0].upper() + f[1:] for entry in sources for f in entry.forms]  # "According to"
    alternation = "|".join(_phrase(form) for form in forms)
    return re.compile(rf"(?<![\w’'-])(?:(?:{adverbs})\s+)?(?P<form>{alternation})(?![\w’'-])")


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(word) for word in words.split())


@cache
def _cue_entries() -> dict[str, lexicon.CueEntry]:
    table: dict[str, lexicon.CueEntry] = {}
    for entry in lexicon.cue_lexicon().cues:
        for form in entry.forms:
            table.setdefault(form, entry)
    return table


@cache
def _discussion_regex() -> re.Pattern[str]:
    cues = lexicon.cue_lexicon()
    verbs = "|".join(_phrase(v) for v in cues.discussion_verbs)
    nouns = "|".join(_phrase(n) for n in sorted(cues.discussion_nouns, key=len, reverse=True))
    preps = "|".join(_phrase(p) for p in cues.discussion_prepositions)
    modifiers = rf"(?:[\w,’'-]+\s+){{0,{cues.discussion_max_modifiers}}}?"
    return re.compile(
        rf"(?<![\w-])(?:{verbs})\s+{modifiers}(?:{nouns})\s+(?:{preps})(?![\w-])", re.IGNORECASE
    )


@cache
def _purpose_regex() -> re.Pattern[str]:
    cues = lexicon.cue_lexicon()
    verbs = "|".join(_phrase(v) for v in sorted(cues.purpose_infinitives, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])to\s+(?:{verbs})(?![\w-])")


@cache
def _passive_regex() -> re.Pattern[str]:
    cues = lexicon.cue_lexicon()
    verbs = "|".join(_phrase(v) for v in cues.passive)
    skip = "|".join(_phrase(w) for w in cues.skip_between)
    return re.compile(
        rf"\s(?P<cue>(?:was|were)\s+(?:(?:{skip}|briefly|also)\s+){{0,2}}(?:{verbs}))\s*[.]?\s*$"
    )


def find_cues(text: str, span: Span) -> list[Cue]:
    """Speech cues in a sentence, in text order, longest first where they overlap."""
    phrases = [
        Cue(match.start(), match.end(), "discussion")
        for match in _discussion_regex().finditer(text, span.start, span.end)
    ]
    phrases += [
        Cue(match.start(), match.end(), "purpose")
        for match in _purpose_regex().finditer(text, span.start, span.end)
    ]
    words = [
        _cue_from_match(text, match, span.end)
        for match in _cue_regex().finditer(text, span.start, span.end)
        if not any(c.start <= match.start() < c.end for c in phrases)
    ]
    return sorted(phrases + words, key=lambda cue: cue.start)


def _cue_from_match(text: str, match: re.Match[str], limit: int) -> Cue:
    form = re.sub(r"\s+", " ", match.group("form"))
    entry = _cue_entries().get(form) or _cue_entries()[form[0].lower() + form[1:]]
    end = match.end()
    particle = re.match(r"\s+(\w+)", text[end:limit])
    if particle and particle.group(1) in entry.particles and particle.group(1) != "that":
        end += particle.end()
    return Cue(match.start(), end, entry.content, entry.prepositions)


# ---------------------------------------------------------------- subjects


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a cue attributes to, and how the subject was found."""

    mention: Mention | None
    relation: str  # explicit, coordinated, appositive, postposed, source, purpose, passive
    connector: int | None = None  # where a coordinating "and"/"," before the cue starts
    sibling: bool = False  # an explicit subject after "and"/";": a new statement at its level


_CONNECTORS = (",", "and", ";", "as well as", "while", "whereas", "but", "to which", "which")


def _is_mention_token(token: Token) -> bool:
    if token.text in {",", "’s", "'s", "&", "(", ")", "-"} or token.text[:1].isupper():
        return True
    return token.lower in _mention_lower_words()


@cache
def _mention_lower_words() -> frozenset[str]:
    sides = lexicon.side_lexicon()
    words = {
        "the",
        "a",
        "an",
        "and",
        "of",
        "for",
        "his",
        "her",
        "their",
        "two",
        "three",
        "both",
        "he",
        "she",
        "they",
        "we",
        "i",
        "all",
    }
    for phrase in (*sides.collective_nouns, *sides.side_nouns, *sides.organization_anaphors):
        words.update(phrase.lower().split())
    titles = lexicon.title_lexicon()
    words.update(w.lower() for phrase in titles.office_heads for w in phrase.split() if w.islower())
    words.update({"defense", "defence", "foreign", "spokesperson", "spokesman", "spokeswoman"})
    return frozenset(words)


def _mention_before(
    text: str, tokens: list[Token], end_index: int, floor: int = 0
) -> Mention | None:
    """The longest valid mention ending just before ``tokens[end_index]``."""
    begin = end_index
    while begin > floor and _is_mention_token(tokens[begin - 1]):
        begin -= 1
        if tokens[begin].lower in {"he", "she", "they", "we", "i"} and not _after_and(
            tokens, begin
        ):
            break
    for first in range(begin, end_index):
        if tokens[first].text in {",", "and", "&", "’s", "'s", ")"}:
            continue
        mention = parse_mention(text, tokens[first:end_index])
        if mention is not None:
            return mention
    return None


def _after_and(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].lower == "and"


def _token_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (len(tokens) if none)."""
    return bisect.bisect_left(tokens, offset, key=lambda token: token.start)


def _skip_back(tokens: list[Token], index: int, floor: int) -> int:
    """Step back over adverbs and auxiliaries between a subject and its cue."""
    cues = lexicon.cue_lexicon()
    skippable = [w.split() for w in (*cues.skip_between, *cues.auxiliaries)]
    moved = True
    while moved and index > floor:
        moved = False
        for words in sorted(skippable, key=len, reverse=True):
            n = len(words)
            if index - n >= floor and [t.lower for t in tokens[index - n : index]] == words:
                index -= n
                moved = True
                break
        if not moved and index - 2 >= floor and _is_day_adjunct(tokens[index - 2 : index]):
            index -= 2
            moved = True
    return index


def _is_day_adjunct(pair: list[Token]) -> bool:
    days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    return pair[0].lower == "on" and pair[1].lower in days


def find_cue_subject(
    text: str, tokens: list[Token], cue_index: int, *, floor: int, previous: Subject | None
) -> Subject | None:
    """The subject of the cue at ``tokens[cue_index]`` (rule version: tokens before it).

    Args:
        text: the document text.
        tokens: the sentence's tokens.
        cue_index: index of the cue's first token (the cue's tokens must be in ``tokens``).
        floor: index of the sentence's (effective) first token.
        previous: the subject of the previous cue in the sentence, for coordinated cues.

    Returns:
        The subject, or None when the cue has none (narration, a noun use, a headline).
    """
    index = _skip_back(tokens, cue_index, floor)
    if index > floor and tokens[index - 1].lower in {
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
    }:
        return None
    if index > floor and tokens[index - 1].lower in {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "to",
    }:
        return None
    connector = _connector_before(tokens, index, floor)
    if connector is not None and previous is not None and previous.mention is not None:
        return Subject(previous.mention, "coordinated", connector=tokens[connector].start)
    comma = _comma_before(tokens, index, floor)
    if comma is not None:
        participle = _is_participle(text, tokens[cue_index])
        return _appositive_subject(text, tokens, comma, floor, participle=participle)
    mention = _mention_before(text, tokens, index, floor)
    if mention is None:
        return _leading_subject(text, tokens, index, floor, connector)
    start_index = _token_at(tokens, mention.start)
    sibling_at = _connector_before(tokens, start_index, floor)
    if sibling_at is not None:
        if tokens[sibling_at].text != "," and not _strong_mention(mention):
            return None  # "... Host Nations Support and confirmed": not a new speaker
        return Subject(mention, "explicit", connector=tokens[sibling_at].start, sibling=True)
    return Subject(mention, "explicit")


def _comma_before(tokens: list[Token], index: int, floor: int) -> int | None:
    """Index of a comma right before ``index`` (also `,”` closing an inserted quote)."""
    if index > floor and tokens[index - 1].text == ",":
        return index - 1
    if index - 1 > floor and tokens[index - 1].text in {"”", '"'} and tokens[index - 2].text == ",":
        return index - 2
    return None


def _is_participle(text: str, token: Token) -> bool:
    participles = lexicon.cue_lexicon().participles
    rest = text[token.start : token.start + 40].lower()
    return token.lower.endswith("ing") or any(rest.startswith(p) for p in participles)


def _leading_subject(
    text: str, tokens: list[Token], index: int, floor: int, connector: int | None
) -> Subject | None:
    """ "The two Ministers exchanged their views and reaffirmed X": the clause's subject."""
    if connector is None or tokens[connector].text == ",":
        return None
    mention = _leading_subject_mention(text, tokens[floor:connector])
    if mention is None:
        return None
    return Subject(mention, "coordinated", connector=tokens[connector].start)


def _strong_mention(mention: Mention) -> bool:
    """A mention that can start a new clause mid-sentence: titled, a pronoun, a collective."""
    if mention.kind != "person":
        return mention.kind != "organization" or bool(mention.title)
    return bool(mention.title) or len(mention.name.split()) == 1


def _connector_before(tokens: list[Token], index: int, floor: int) -> int | None:
    """Index where a coordinating connector ending at ``index`` starts, else None."""
    words = [t.lower for t in tokens[floor:index]]
    for connector in sorted(_CONNECTORS, key=len, reverse=True):
        parts = connector.split()
        n = len(parts)
        if len(words) >= n and words[-n:] == parts:
            at = index - n
            if at > floor and tokens[at - 1].text == "," and connector != ",":
                at -= 1
            if connector == "," and at == floor:
                return None
            return at
    return None


def _appositive_subject(
    text: str, tokens: list[Token], comma: int, floor: int, *, participle: bool
) -> Subject | None:
    """ "Wang, also a member of ..., said": the mention before an earlier comma.

    A participle right after the subject's comma ("Minister X, referring to ...") takes the
    mention just before that comma.
    """
    if participle:
        mention = _mention_before(text, tokens, comma, floor)
        if mention is not None and _starts_clause(tokens, mention, floor):
            return Subject(mention, "appositive", connector=tokens[comma].start)
    for earlier in range(comma - 1, floor, -1):
        if tokens[earlier].text != ",":
            continue
        mention = _mention_before(text, tokens, earlier, floor)
        if mention is not None and _starts_clause(tokens, mention, floor):
            return Subject(mention, "appositive", connector=tokens[comma].start)
    return None


def _starts_clause(tokens: list[Token], mention: Mention, floor: int) -> bool:
    index = _token_at(tokens, mention.start)
    return index < len(tokens) and (index == floor or tokens[index - 1].text == ",")


# ---------------------------------------------------------------- content


def find_content_clause(text: str, cue: Cue, limit: int) -> Span | None:
    """Where the cue's content starts and (at most) ends (rule version: words after the cue).

    Skips the introducing "that", a recipient ("told President Xi", "thanked X for") and the
    attitude noun of "expressed concern over"; ``limit`` is the end of the clause.
    """
    if cue.content == "recipient":
        start = _after_recipient(text, cue, limit)
    elif cue.content == "attitude":
        start = _after_attitude(text, cue, limit)
    else:
        start = _after_that(text, cue.end, limit)
    if start is None:
        return None
    while start < limit and text[start] in " \t\n\"“”'‘:,":
        start += 1
    return Span(start, limit) if start < limit else None


def _after_that(text: str, position: int, limit: int) -> int:
    rest = text[position:limit]
    match = re.match(r"\s*,?\s*that\b", rest)
    if match:
        return position + match.end()
    adjunct = re.match(
        r"\s+(?:in|at|on|during|to|via|through|over|after|with)\b[^,;\"“”]{0,60}?\s+that\b", rest
    )
    if adjunct and not find_cues(text, Span(position, position + adjunct.end() - 4)):
        return position + adjunct.end()
    return position


def _after_recipient(text: str, cue: Cue, limit: int) -> int | None:
    rest = text[cue.end : limit]
    prepositions = "|".join(cue.prepositions)
    if prepositions:
        match = re.match(rf"[^,;.]{{0,80}}?\s(?:{prepositions})\s", rest)
        return cue.end + match.end() if match else cue.end
    told_that = re.match(r"\s+[^,;.\"“”]{1,60}?\s+that\s", rest)
    if told_that:
        return cue.end + told_that.end()  # "told reporters that ..."
    tokens = tokenize(text, cue.end, limit)
    index = 0
    while index < len(tokens) and _recipient_word(tokens[index]):
        index += 1
    start = tokens[index].start if index < len(tokens) else limit
    return _after_that(text, start, limit)


def _recipient_word(token: Token) -> bool:
    """Words of the person told ("told President Xi", "told the U.S. side")."""
    return is_name_word(token) or token.lower in {"the", "his", "her"} or token.text[:1].isupper()


def _after_attitude(text: str, cue: Cue, limit: int) -> int | None:
    cues = lexicon.cue_lexicon()
    position = cue.end
    head = _attitude_head(text, position, limit)
    if head is None:
        verb = text[cue.start : cue.end].split()[-1].lower()
        if verb in cues.attitude_only_verbs or not _expressed_that(text, position, limit):
            return None  # "made the remarks", "offered assistance": not statements
        return _after_that(text, position, limit)
    after = position + head.end()
    recipient = re.match(r"\s+to\s+[^,;.]{1,60}?\s+(?:for|on)\s", text[after:limit])
    if recipient:
        return after + recipient.end()
    preposition = _attitude_preposition(text, after, limit)
    if preposition:
        return after + preposition.end()
    return position  # "expressed his support": the noun phrase is the content


def _attitude_head(text: str, position: int, limit: int) -> re.Match[str] | None:
    """ "his deepest condolences", "concern", "China's stance" right after the verb."""
    nouns = sorted(lexicon.cue_lexicon().attitude_nouns, key=len, reverse=True)
    alternation = "|".join(_phrase(noun) for noun in nouns)
    return re.match(
        rf"\s+(?:(?:a|an|the|his|her|their|its|our|my|[\w’']+[’']s)\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?P<noun>{alternation})\b",
        text[position:limit],
    )


def _attitude_preposition(text: str, position: int, limit: int) -> re.Match[str] | None:
    preps = "|".join(_phrase(p) for p in lexicon.cue_lexicon().attitude_prepositions)
    return re.match(rf"\s+(?:{preps})\s", text[position:limit])


def attitude_cue_end(text: str, cue: Cue, limit: int) -> int:
    """Where "expressed concern over" / "expressed his gratitude" ends as a cue phrase."""
    head = _attitude_head(text, cue.end, limit)
    if head is None:
        return cue.end
    after = cue.end + head.end()
    if re.match(r"\s+to\s+[^,;.]{1,60}?\s+(?:for|on)\s", text[after:limit]):
        return after  # "expressed his gratitude | to X for Y"
    preposition = _attitude_preposition(text, after, limit)
    return after + preposition.end() - 1 if preposition else after


def _expressed_that(text: str, position: int, limit: int) -> bool:
    return bool(re.match(r"\s*(?:,\s*)?that\b|\s+[\w’',-]+", text[position:limit]))


def _trim_content(text: str, span: Span, cue: Cue) -> Span | None:
    start, end = span.start, span.end
    if cue.content in ("object", "discussion", "attitude", "purpose", "recipient"):
        end = _before_trailer(text, start, end)
    while start < end and (text[start].isspace() or text[start] in '"“”‘'):
        start += 1
    # no final period, no closing quote mark (the gold convention: 'realize a "Free and Open')
    while end > start and (text[end - 1].isspace() or text[end - 1] in '.,;:—–-"”'):
        end -= 1
    if end - start < 2 or not re.search(r"\w", text[start:end]):
        return None
    return Span(start, end)


def _before_trailer(text: str, start: int, end: int) -> int:
    lowered = text[start:end].lower()
    for trailer in lexicon.cue_lexicon().content_trailers:
        at = lowered.find(" " + trailer)
        if at > 0:
            end = min(end, start + at)
    return end


# ---------------------------------------------------------------- statements in a sentence


@dataclass
class Draft:
    """A statement being built: cue, subject, content span, speaker once resolved."""

    cue: Cue
    subject: Subject
    content: Span
    container: Draft | None = None  # the statement this one is nested in
    speaker: Speaker | None = None
    mode: str = "indirect"
    cue_text: str = ""
    speaker_text: str | None = None
    speaker_span: Span | None = None
    runs_on: bool = False
    in_turn: bool = False
    confidence: float = 0.7


def extract_sentence_drafts(
    text: str,
    sentence: Span,
    *,
    quoted: tuple[Span, ...] = (),
    turns: tuple[Span, ...] = (),
    used: Mapping[int, Mention] | None = None,
) -> list[Draft]:
    """Statements of one sentence: cues, their subjects and their content spans.

    Args:
        text: the document text.
        sentence: the sentence (content starts after a dateline already).
        quoted: contents of direct quotes and speakers' turns: a country there is the
            quote's own voice, not a new speaker.
        turns: contents of press-conference turns: "we agreed" there is both sides.
        used: cues already used by a quote's attribution (start offset -> its speaker): they
            are not statements again, but a cue coordinated with them has their subject.
    """
    tokens = tokenize(text, sentence.start, sentence.end)
    used = used or {}
    cues = [c for c in find_cues(text, sentence) if c.content != "purpose"]
    postposed = _postposed_drafts(text, sentence, tokens, cues)
    drafts = list(postposed)
    previous: Subject | None = None
    for cue in cues:
        held = next((d for d in postposed if d.cue is cue), None)
        if held is not None or cue.start in used:
            previous = held.subject if held is not None else Subject(used[cue.start], "quote")
            continue
        limit = min(
            (
                d.subject.connector or sentence.end
                for d in postposed
                if (d.subject.connector or 0) > cue.start
            ),
            default=sentence.end,
        )
        draft = _draft_for_cue(text, sentence, tokens, cue, previous, limit)
        if draft is None:
            continue
        drafts.append(draft)
        previous = draft.subject
    drafts += _purpose_drafts(text, sentence, tokens, drafts)
    drafts += _passive_drafts(text, sentence)
    drafts += _impersonal_drafts(text, sentence)
    drafts = [d for d in drafts if _allowed(d, _within(d, quoted), _within(d, turns))]
    _assign_containers(drafts)
    _bound_contents(drafts)
    return [d for d in drafts if d.content.end > d.content.start]


def _within(draft: Draft, spans: tuple[Span, ...]) -> bool:
    return any(span.start <= draft.cue.start < span.end for span in spans)


def _allowed(draft: Draft, inside_quote: bool, in_turn: bool) -> bool:
    mention = draft.subject.mention
    if mention is None:
        return draft.subject.relation == "passive"
    if mention.kind == "pronoun" and mention.name == "we":
        return in_turn  # a minister's "we agreed" in a press conference: both sides
    return not (inside_quote and mention.kind in ("side", "organization"))


def _draft_for_cue(
    text: str, sentence: Span, tokens: list[Token], cue: Cue, previous: Subject | None, limit: int
) -> Draft | None:
    index = _token_at(tokens, cue.start)
    if index >= len(tokens):
        return None
    if cue.content == "source":
        return _source_draft(text, sentence, tokens, cue, index)
    subject = find_cue_subject(text, tokens, index, floor=0, previous=previous)
    if subject is None:
        return None
    content = find_content_clause(text, cue, limit)
    if content is None:
        return None
    paired = re.match(r"and\s+[a-z]+ed\s+", text[content.start : content.end])
    if paired and cue.content in ("object", "discussion"):
        # "reviewed and encouraged X": one cue of two verbs, one content
        cue = replace(cue, end=content.start + paired.end() - 1)
        content = Span(content.start + paired.end(), content.end)
    if cue.content == "attitude":
        end = min(content.start, attitude_cue_end(text, cue, limit))
        while end > cue.end and text[end - 1].isspace():
            end -= 1
        cue = replace(cue, end=max(cue.end, end))
    return Draft(cue=cue, subject=subject, content=content)


def _source_draft(
    text: str, sentence: Span, tokens: list[Token], cue: Cue, index: int
) -> Draft | None:
    """ "According to X, ..." and "..., according to X"."""
    end = index + 1
    while end < len(tokens) and tokens[end].text not in {",", ".", ";", '"', "“", "”"}:
        end += 1
    mention = parse_mention(text, tokens[index + 2 : end]) if index + 2 <= end else None
    if mention is None or mention.kind == "unknown":
        return None
    subject = Subject(mention, "source")
    if cue.start <= sentence.start + 1 or text[sentence.start : cue.start].strip() in {
        "",
        '"',
        "“",
    }:
        content_start = tokens[end].end if end < len(tokens) else sentence.end
        return Draft(cue=cue, subject=subject, content=Span(content_start, sentence.end))
    comma = text.rfind(",", sentence.start, cue.start)
    if comma < 0:
        return None
    return Draft(cue=cue, subject=subject, content=Span(sentence.start, comma))


# -- postposed cues: "..., Xi said." / "..., said Li." / `"...," General Li said.`


def _postposed_drafts(
    text: str, sentence: Span, tokens: list[Token], cues: list[Cue]
) -> list[Draft]:
    drafts = []
    for cue in cues:
        if cue.content not in ("clause", "object"):
            continue
        found = _postposed_subject(text, sentence, tokens, cue)
        if found is None:
            continue
        mention, comma = found
        content = Span(_clause_start(text, sentence.start), comma)
        if len(text[content.start : content.end].split()) < 3:
            continue
        subject = Subject(mention, "postposed", connector=comma)
        drafts.append(Draft(cue=cue, subject=subject, content=content))
    return drafts


def _postposed_subject(
    text: str, sentence: Span, tokens: list[Token], cue: Cue
) -> tuple[Mention, int] | None:
    """The subject of a cue that closes its sentence, and the comma its content ends at."""
    index = _token_at(tokens, cue.start)
    after = _token_at(tokens, cue.end)
    if index >= len(tokens) or index == 0:
        return None
    if _adjunct_tail(tokens, after) is not None:
        found = _subject_then_cue(text, tokens, index)
        if found is not None:
            return found
    if _ends_clause(tokens[index - 1]):
        return _cue_then_subject(text, tokens, index, after)
    return None


def _subject_then_cue(text: str, tokens: list[Token], index: int) -> tuple[Mention, int] | None:
    """ "..., Xi said." / `"...," General Li said.`"""
    mention = _mention_before(text, tokens, _skip_back(tokens, index, 0), 0)
    if mention is None or mention.kind == "collective":
        return None
    first = _token_at(tokens, mention.start)
    if first > 0 and _ends_clause(tokens[first - 1]):
        return mention, tokens[first - 1].start
    return None


_INVERTED_KINDS = ("person", "pronoun", "title", "organization", "org_anaphor")


def _cue_then_subject(
    text: str, tokens: list[Token], index: int, after: int
) -> tuple[Mention, int] | None:
    """ "..., said Li." / "..., said the ministry in a statement."."""
    end = after
    while end < len(tokens) and tokens[end].text not in {",", ".", ";"}:
        end += 1
    for stop in range(end, after, -1):  # "said Zhou on Tuesday": the name, then adjuncts
        mention = parse_mention(text, tokens[after:stop])
        if mention is None or mention.kind not in _INVERTED_KINDS:
            continue
        if _adjunct_tail(tokens, stop) is not None or stop == len(tokens):
            return mention, tokens[index - 1].start
    return None


def _ends_clause(token: Token) -> bool:
    return token.text in {",", '"', "”"}


def _adjunct_tail(tokens: list[Token], index: int) -> int | None:
    """End of the words after a postposed cue when they are only adjuncts ("on Monday")."""
    words = set(lexicon.cue_lexicon().postposed_adjunct_words)
    cursor = index
    while cursor < len(tokens) and tokens[cursor].lower in words:
        cursor += 1
    if cursor == len(tokens) or tokens[cursor].text in {".", "!", "?", '"', "”"}:
        return cursor
    if tokens[cursor].text == "," and cursor + 1 < len(tokens):
        return cursor  # ", adding that ..." or another postposed cue follows
    return None


def _clause_start(text: str, start: int) -> int:
    while start < len(text) and text[start] in ' "“‘':
        start += 1
    return start


# -- purpose infinitives and agentless passives


def _purpose_drafts(
    text: str, sentence: Span, tokens: list[Token], drafts: list[Draft]
) -> list[Draft]:
    """ "X spoke with Y to discuss Z": Z is X's statement (cue "to discuss")."""
    found = []
    cues = lexicon.cue_lexicon()
    meeting = re.compile(rf"\b(?:{'|'.join(_phrase(v) for v in cues.meeting_verbs)})\b")
    for match in _purpose_regex().finditer(text, sentence.start, sentence.end):
        if any(
            d.cue.start <= match.start() < d.content.end and d.cue.start < match.start()
            for d in drafts
        ):
            continue
        verb = meeting.search(text, sentence.start, match.start())
        if verb is None:
            continue
        subject_tokens = [t for t in tokens if t.end <= verb.start()]
        mention = _leading_subject_mention(text, subject_tokens)
        if mention is None:
            continue
        cue = Cue(match.start(), match.end(), "purpose")
        found.append(
            Draft(
                cue=cue,
                subject=Subject(mention, "purpose"),
                content=Span(match.end(), sentence.end),
            )
        )
    return found


def leading_mention(text: str, tokens: list[Token]) -> Mention | None:
    """The mention a clause opens with, after a fronted "During the call," (rule version)."""
    starts = [0] + [i + 1 for i, t in enumerate(tokens[:12]) if t.text == ","]
    for begin in starts[:3]:
        end = begin
        while end < len(tokens) and _is_mention_token(tokens[end]) and tokens[end].text != ",":
            end += 1
        for stop in range(end, begin, -1):
            mention = parse_mention(text, tokens[begin:stop])
            if mention is not None:
                return mention
    return None


def _leading_subject_mention(text: str, tokens: list[Token]) -> Mention | None:
    """The person or pair a clause opens with ("Yesterday, Secretary X spoke ...")."""
    mention = leading_mention(text, tokens)
    return (
        mention
        if mention is not None and mention.kind in ("person", "collective", "title")
        else None
    )


def _passive_drafts(text: str, sentence: Span) -> list[Draft]:
    """ "Other issues ... were also briefly discussed.": a joint statement without an agent."""
    match = _passive_regex().search(text, sentence.start, sentence.end)
    if match is None:
        return []
    content = Span(_clause_start(text, sentence.start), match.start())
    if len(text[content.start : content.end].split()) < 2:
        return []
    cue = Cue(match.start("cue"), match.end("cue"), "passive")
    return [Draft(cue=cue, subject=Subject(None, "passive"), content=content)]


@cache
def _impersonal_regex() -> re.Pattern[str]:
    verbs = "|".join(_phrase(v) for v in lexicon.cue_lexicon().impersonal)
    return re.compile(rf"\b(?P<cue>[Ii]t\s+was\s+(?:also\s+)?(?:{verbs}))\s+that\s+")


def _impersonal_drafts(text: str, sentence: Span) -> list[Draft]:
    """ "It was agreed that X": a joint statement without an agent."""
    found = []
    for match in _impersonal_regex().finditer(text, sentence.start, sentence.end):
        cue = Cue(match.start("cue"), match.end("cue"), "passive")
        content = Span(match.end(), sentence.end)
        found.append(Draft(cue=cue, subject=Subject(None, "passive"), content=content))
    return found


# -- nesting inside a sentence and where each content stops


def _assign_containers(drafts: list[Draft]) -> None:
    drafts.sort(key=lambda d: d.cue.start)
    for number, draft in enumerate(drafts):
        earlier = drafts[:number]
        relation = draft.subject.relation
        if relation == "postposed":
            continue
        holders = [d for d in earlier + drafts[number + 1 :] if d.subject.relation == "postposed"]
        holder = next(
            (d for d in holders if d.content.start <= draft.cue.start < d.content.end), None
        )
        if relation == "coordinated" and earlier:
            draft.container = _last_with_subject(earlier, draft.subject.mention) or holder
        elif relation == "explicit" and not draft.subject.sibling and earlier:
            draft.container = (
                earlier[-1] if earlier[-1].content.start <= draft.cue.start else holder
            )
        elif draft.subject.sibling and earlier:
            draft.container = earlier[-1].container or holder
        else:
            draft.container = holder
        if draft.container is None:
            draft.container = holder


def _last_with_subject(drafts: list[Draft], mention: Mention | None) -> Draft | None:
    for draft in reversed(drafts):
        if draft.subject.mention is mention:
            return draft.container
    return None


def _bound_contents(drafts: list[Draft]) -> None:
    """A content stops where a later statement at its own level begins (its connector)."""
    for draft in sorted(drafts, key=_depth):
        end = draft.content.end
        for later in drafts:
            if later.cue.start <= draft.cue.start or later is draft:
                continue
            same_level = later.container is draft.container
            if (
                same_level
                and later.subject.connector is not None
                and later.subject.relation != "postposed"
            ):
                end = min(end, later.subject.connector)
        if draft.container is not None:
            end = min(end, draft.container.content.end)
        draft.content = Span(draft.content.start, max(draft.content.start, end))


def _depth(draft: Draft) -> int:
    depth, holder = 0, draft.container
    while holder is not None:
        depth, holder = depth + 1, holder.container
    return depth


# ---------------------------------------------------------------- containers: turns, quotes


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


def find_label(text: str, block: Block) -> Label | None:
    """A speaker label: "Mr. X, Minister for Foreign Affairs: ...", "President Obama. ..."."""
    words = text[block.start : block.end]
    question = _QUESTION_RE.match(words)
    if question is not None:  # "Q:", "Q." or "Q   " before a reporter's question
        return Label(None, block.start, block.start + 1, block.start + question.end())
    match = _LABEL_RE.match(words)
    if match is not None:
        label = match.group("label").strip()
        end = block.start + match.start("label") + len(label)
        if label.lower().strip(". ") in lexicon.title_lexicon().generic_labels:
            return Label(None, block.start, end, block.start + match.end())
        mention = _label_mention(text, block.start, end)
        if mention is not None or _looks_like_label(label):
            return Label(mention, block.start, end, block.start + match.end())
    dotted = _DOT_LABEL_RE.match(words)
    if dotted is not None:
        end = block.start + len(dotted.group("label"))
        mention = _label_mention(text, block.start, end)
        # "President Obama. I am ...": a titled name, its period not an abbreviation's
        named = mention is not None and mention.kind == "person" and bool(mention.title)
        named = named and is_name_word(tokenize(text, block.start, end)[-1])
        if named and len(words) > dotted.end() + 20:
            return Label(mention, block.start, end, block.start + dotted.end())
    return None


def _looks_like_label(label: str) -> bool:
    """A short run of capitalised words ("NHK, Kobayashi"): someone's turn, even unnamed."""
    words = [w for w in re.split(r"[\s,]+", label) if w]
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in {"of", "for", "the"} for w in words)


def _label_mention(text: str, start: int, end: int) -> Mention | None:
    if re.search(r"[a-z]{2,}", text[start:end]) and not re.search(r"[A-Z]", text[start:end]):
        return None
    mention = parse_mention(text, tokenize(text, start, end))
    if mention is None or mention.kind not in ("person", "title"):
        return None  # "THE PRESIDENT:" is a title label, resolved like "the President"
    lower_words = [w for w in text[start:end].split() if w[:1].islower()]
    if any(w.lower() not in {"of", "for", "the", "and", "on", "to"} for w in lower_words):
        return None
    return mention


def _turn_drafts(text: str, blocks: list[Block]) -> list[Draft]:
    """One direct statement per paragraph of each named speaker's turn."""
    drafts: list[Draft] = []
    current: Label | None = None
    for block in blocks:
        if block.kind != "body":
            current = None if block.kind == "heading" else current
            continue
        label = find_label(text, block)
        if label is not None:
            current = label
            start = label.body
        elif current is None:
            continue
        else:
            start = block.start
        if current.mention is None or start >= block.end:
            continue
        draft = _direct_draft(text, current.mention, Span(start, block.end), "turn")
        if draft is not None:
            draft.speaker_span = Span(current.start, current.end)
            draft.in_turn = True
            drafts.append(draft)
    return drafts


def _direct_draft(text: str, mention: Mention, content: Span, relation: str) -> Draft | None:
    cue = Cue(content.start, content.start, "turn")
    draft = Draft(cue=cue, subject=Subject(mention, relation), content=content)
    draft.mode = "direct"
    draft.cue_text = "said"
    draft.confidence = 0.85
    return draft


def _quote_drafts(
    text: str, quotes: list[Quote], sentences: list[Span]
) -> tuple[list[Draft], dict[int, Mention]]:
    """Direct (or mixed) statements from quotes with an attribution next to them."""
    drafts: list[Draft] = []
    used: dict[int, Mention] = {}
    for quote in quotes:
        sentence = next((s for s in sentences if s.start <= quote.open < s.end), None)
        if sentence is None:
            continue
        found = _attribution_after(text, quote) or _attribution_before(text, quote, sentence)
        found = found or _possessive_attribution(text, quote, sentence)
        if found is None:
            continue
        cue, mention = found
        relation = "possessive" if cue.content == "speech_noun" else "quote"
        start = quote.inner.start
        lead = text[_clause_start(text, sentence.start) : quote.open]
        mixed = cue.start > quote.close and len(lead.split()) >= 2
        if mixed:
            start = _clause_start(text, sentence.start)
        draft = Draft(cue=cue, subject=Subject(mention, relation), content=Span(start, quote.close))
        draft.mode = "mixed" if mixed else "direct"
        draft.confidence = 0.9
        drafts.append(draft)
        used[cue.start] = mention
    return drafts, used


def _attribution_after(text: str, quote: Quote) -> tuple[Cue, Mention] | None:
    if not quote.closed:
        return None
    window = Span(quote.close + 1, min(len(text), quote.close + 140))
    newline = text.find("\n", window.start, window.end)
    window = Span(window.start, newline if newline >= 0 else window.end)
    cues = [c for c in find_cues(text, window) if c.content == "clause"]
    if not cues:
        return None
    cue = cues[0]
    between = text[window.start : cue.start]
    tokens = tokenize(text, window.start, window.end)
    if re.fullmatch(r"\s*[,.]?\s*", between):
        after = [t for t in tokens if t.start >= cue.end]
        end = next((i for i, t in enumerate(after) if t.text in {",", ".", ";"}), len(after))
        mention = parse_mention(text, after[:end])
        if mention is not None and _adjunct_tail(after, end) is not None:
            return cue, mention
        return None
    stripped = re.match(r"\s*[,.]?\s*", between)
    head = window.start + (stripped.end() if stripped else 0)
    mention_tokens = [t for t in tokens if head <= t.start and t.end <= cue.start]
    mention = parse_mention(text, mention_tokens)
    after = [t for t in tokens if t.start >= cue.end]
    if mention is not None and mention.kind != "collective" and _adjunct_tail(after, 0) is not None:
        return cue, mention
    return None


def _attribution_before(text: str, quote: Quote, sentence: Span) -> tuple[Cue, Mention] | None:
    lead = Span(sentence.start, quote.open)
    tail = re.search(r"[,:]?\s*$", text[lead.start : lead.end])
    cue_end = lead.start + (tail.start() if tail else len(text[lead.start : lead.end]))
    cues = [c for c in find_cues(text, lead) if c.content == "clause" and c.end == cue_end]
    if not cues:
        return None
    tokens = tokenize(text, lead.start, cues[0].end)
    index = _token_at(tokens, cues[0].start)
    subject = find_cue_subject(text, tokens, index, floor=0, previous=None)
    if subject is None or subject.mention is None or subject.mention.kind == "collective":
        return None
    return cues[0], subject.mention


def _possessive_attribution(text: str, quote: Quote, sentence: Span) -> tuple[Cue, Mention] | None:
    """ "President X's remarks on many occasions, that is, “...”": the possessor's words."""
    if len(text[quote.inner.start : quote.close].split()) < 5:
        return None
    nouns = "|".join(_phrase(n) for n in lexicon.cue_lexicon().speech_nouns)
    pattern = re.compile(rf"[’']s\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})\b")
    found = list(pattern.finditer(text, sentence.start, quote.open))
    if not found or quote.open - found[-1].end() > 120:
        return None
    noun = found[-1]
    tokens = tokenize(text, sentence.start, noun.start())
    mention = _mention_before(text, tokens, len(tokens), 0)
    if mention is None or mention.kind not in ("person", "title"):
        return None
    return Cue(noun.start("noun"), noun.end("noun"), "speech_noun"), mention


def _intro_drafts(text: str, blocks: list[Block]) -> list[Draft]:
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
        cue_index = _token_at(tokens, cues[-1].start)
        subject = find_cue_subject(text, tokens, cue_index, floor=0, previous=None)
        if subject is None or subject.mention is None:
            continue
        end = _intro_end(text, body, index, subject.mention)
        draft = _direct_draft(text, subject.mention, Span(body[index + 1].start, end), "intro")
        if draft is not None:
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


def _continued_quote_drafts(
    text: str, quotes: list[Quote], sentences: list[Span], drafts: list[Draft]
) -> list[Draft]:
    """A sentence or paragraph that is all one unattributed quote: the last speaker goes on."""
    found = []
    covered = [(d.content.start, d.content.end) for d in drafts]
    for quote in quotes:
        sentence = next((s for s in sentences if s.start == quote.open), None)
        if sentence is None or not re.fullmatch(r"[\"”.,!?\s]*", text[quote.close : sentence.end]):
            continue
        if any(a <= quote.open + 1 < b for a, b in covered):
            continue
        cue = Cue(quote.open, quote.open, "continued")
        draft = Draft(cue=cue, subject=Subject(None, "continued"), content=quote.inner)
        draft.mode, draft.cue_text, draft.confidence = "direct", "said", 0.3
        found.append(draft)
    return found


# ---------------------------------------------------------------- the release


def extract_statements(doc: Doc, *, meta: Metadata) -> Attributions:
    """Statements, resolved speakers and participants of one release.

    Args:
        doc: the release parsed by any pipeline (blank English is enough); offsets index
            ``doc.text``.
        meta: the release's metadata; its body start, captions and dateline are used when
            known.

    Returns:
        Statements in text order, the actors who made them and the people in the talks.
    """
    text = doc.text
    blocks = split_blocks(text, meta)
    drafts = _find_drafts(text, blocks)
    captions = tuple((b.start, b.end) for b in blocks if b.kind == "caption") + meta.caption_spans
    resolver = Resolver.for_text(text, captions=captions)
    _note_narration_subjects(text, blocks, drafts, resolver)
    _resolve_speakers(text, drafts, resolver)
    _resolve_forward(drafts)
    _nest(drafts)
    drafts = [d for d in drafts if not _speaks_for_own_side(d)]
    quoted_by_others = [d.content for d in drafts if d.mode == "direct"]
    found = [_statement(text, d, quoted_by_others) for d in drafts]
    statements = [s for s in found if s is not None]
    return Attributions(
        statements=tuple(sorted(statements, key=lambda s: (s.start, s.end))),
        actors=tuple(_actors([d for d, s in zip(drafts, found, strict=True) if s is not None])),
        participants=tuple(_participants(text, blocks, resolver, drafts)),
    )


def _find_drafts(text: str, blocks: list[Block]) -> list[Draft]:
    turn_drafts = _turn_drafts(text, blocks)
    body = [b for b in blocks if b.kind == "body"]
    sentences = {b: split_sentences(text, b) for b in body}
    all_sentences = [s for b in body for s in sentences[b]]
    quotes = find_quotes(text, blocks)
    quote_drafts, used = _quote_drafts(text, quotes, all_sentences)
    containers = turn_drafts + quote_drafts + _intro_drafts(text, blocks)
    containers += _continued_quote_drafts(text, quotes, all_sentences, containers)
    drafts = list(containers)
    quoted = tuple(c.content for c in containers)
    turns = tuple(c.content for c in turn_drafts)
    for block in body:
        block_drafts = []
        for sentence in sentences[block]:
            if _is_logistics(text, sentence):
                continue  # "X provided the following readout:", "The overview is as follows."
            sentence = _without_label(text, sentence, turn_drafts)
            found = extract_sentence_drafts(text, sentence, quoted=quoted, turns=turns, used=used)
            block_drafts += [d for d in found if not _duplicate(d, containers)]
        _run_on(text, block_drafts, sentences[block], containers)
        drafts += block_drafts
    return drafts


def _is_logistics(text: str, sentence: Span) -> bool:
    lowered = text[sentence.start : sentence.end].lower()
    return any(phrase in lowered for phrase in lexicon.cue_lexicon().logistics)


def _without_label(text: str, sentence: Span, turns: list[Draft]) -> Span:
    for turn in turns:
        label = turn.speaker_span
        labelled_here = label is not None and turn.content.start - label.end < 30
        if labelled_here and label.start <= sentence.start < turn.content.start:  # type: ignore[union-attr]
            return Span(turn.content.start, max(turn.content.start, sentence.end))
    return sentence


def _duplicate(draft: Draft, containers: list[Draft]) -> bool:
    return any(c.cue.start == draft.cue.start and c.cue.end == draft.cue.end for c in containers)


def _run_on(text: str, drafts: list[Draft], sentences: list[Span], containers: list[Draft]) -> None:
    """A reported clause runs on over the following uncued sentences of its paragraph."""
    for draft in drafts:
        if draft.container is not None or not _takes_clause(text, draft):
            continue
        if any(c.content.start <= draft.cue.start < c.content.end for c in containers):
            continue
        end = draft.content.end
        own = next((s for s in sentences if s.start <= end <= s.end), None)
        if own is None or any(end <= d.cue.start < own.end for d in drafts if d is not draft):
            continue  # the content stops before another statement of its sentence
        following = [s for s in sentences if s.start >= draft.content.end]
        for sentence in following:
            inner = [
                d for d in drafts if d is not draft and sentence.start <= d.cue.start < sentence.end
            ]
            if inner and _speaks_for_side(draft, inner):
                for side_draft in inner:
                    drafts.remove(side_draft)  # "China appreciates ..." goes on the speaker's words
            elif inner:
                break
            if any(
                sentence.start <= c.content.start < sentence.end
                for c in containers
                if c.subject.relation != "possessive"  # "X's remarks, “...”" is inside the words
            ):
                break
            end = sentence.end
        draft.content = Span(draft.content.start, end)
        draft.runs_on = end > draft.content.start


def _speaks_for_side(draft: Draft, inner: list[Draft]) -> bool:
    """Sentences whose only statements have a country as subject continue a person's words."""
    mention = draft.subject.mention
    if mention is None or mention.kind not in ("person", "pronoun", "title"):
        return False
    return all(d.subject.mention is not None and d.subject.mention.kind == "side" for d in inner)


def _takes_clause(text: str, draft: Draft) -> bool:
    if draft.subject.relation in ("postposed", "source", "passive", "purpose"):
        return False
    if draft.cue.content == "clause":
        return True
    return bool(
        re.search(r"\bthat\s*$", text[max(0, draft.content.start - 6) : draft.content.start])
    )


# ---------------------------------------------------------------- speakers and nesting


def _resolve_speakers(text: str, drafts: list[Draft], resolver: Resolver) -> None:
    """Resolve every draft's subject in text order, so pronouns find the last speaker."""
    resolved: dict[int, Speaker] = {}
    turns = [d for d in drafts if d.in_turn]
    for draft in sorted(drafts, key=_subject_position):
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
                prefer_first=draft.subject.relation == "turn",
            )
            resolved[id(mention)] = draft.speaker
        if mention is not None:
            draft.speaker_text = mention.text
            draft.speaker_span = draft.speaker_span or Span(mention.start, mention.end)
        if draft.speaker.kind == "collective" and draft.mode != "direct":
            draft.mode = "joint"
        if _is_top_level(draft, drafts):
            resolver.note_speaker(
                _subject_position(draft), draft.speaker, mention.title if mention else ""
            )


def _note_narration_subjects(
    text: str, blocks: list[Block], drafts: list[Draft], resolver: Resolver
) -> None:
    """The person each narrating sentence opens with, for "He"/"She" in what follows."""
    quotes = [q.inner for q in find_quotes(text, blocks)]
    spoken = [d.content for d in drafts] + quotes
    for block in blocks:
        if block.kind != "body":
            continue
        for sentence in split_sentences(text, block):
            if any(s.start <= sentence.start < s.end for s in spoken):
                continue
            mention = leading_mention(text, tokenize(text, sentence.start, sentence.end))
            if mention is not None and mention.kind in ("person", "title"):
                resolver.note_subject(mention.start, resolver.resolve(mention))


def _resolve_forward(drafts: list[Draft]) -> None:
    """ "A ministry spokesperson announced ... said Hua Chunying": the speaker named next."""
    ordered = sorted(drafts, key=_subject_position)
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


def _subject_position(draft: Draft) -> int:
    mention = draft.subject.mention
    return mention.start if mention is not None else draft.cue.start


def _speaker_without_mention(draft: Draft, resolver: Resolver, drafts: list[Draft]) -> Speaker:
    if draft.subject.relation == "passive":
        return BOTH_SIDES
    previous = [d for d in drafts if d.cue.start < draft.cue.start and d.speaker is not None]
    quoted = [d for d in previous if d.mode == "direct" and draft.cue.start - d.content.end < 400]
    if quoted:  # `"A," X said. "B."`: B is X's too, named or not
        return max(quoted, key=lambda d: d.content.end).speaker or Speaker(None, "unknown")
    before = [who for pos, who, _ in resolver.speakers if pos < draft.cue.start]
    return before[-1] if before else Speaker(None, "unknown")


def _is_top_level(draft: Draft, drafts: list[Draft]) -> bool:
    if draft.container is not None:
        return False
    return not any(
        other is not draft
        and other.content.start <= draft.cue.start < other.content.end
        and not (
            other.content.start == draft.content.start and other.content.end == draft.content.end
        )
        for other in drafts
    )


def _speaks_for_own_side(draft: Draft) -> bool:
    """ "Wang said China opposes X": the country inside a speaker's words is the speaker."""
    return (
        draft.container is not None and draft.speaker is not None and draft.speaker.kind == "side"
    )


def _nest(drafts: list[Draft]) -> None:
    """A statement inside another's content is reported by that statement's speaker."""
    for draft in drafts:
        if draft.container is not None:
            continue
        holders = [
            other
            for other in drafts
            if other is not draft
            and other.content.start <= draft.cue.start < other.content.end
            and draft.content.end <= other.content.end + 2
            and (other.content.end - other.content.start)
            > (draft.content.end - draft.content.start)
        ]
        if holders:
            draft.container = min(holders, key=lambda d: d.content.end - d.content.start)


# ---------------------------------------------------------------- output records


def _statement(text: str, draft: Draft, quoted_by_others: list[Span]) -> Statement | None:
    span = _trim_content(text, draft.content, draft.cue)
    speaker = draft.speaker or Speaker(None, "unknown")
    if span is None:
        return None
    mode = draft.mode
    if mode == "indirect" and _quoted_words(text, span, quoted_by_others) >= 5:
        mode = "mixed"  # the speaker's own words quoted inside reported speech
    container = draft.container
    reported_by = container.speaker.name if container is not None and container.speaker else None
    if (
        reported_by is not None
        and reported_by == speaker.name
        and not (container and container.in_turn)
    ):
        reported_by = None
    speaker_span = draft.speaker_span
    return Statement(
        speaker=speaker.name,
        speaker_text=draft.speaker_text,
        speaker_kind=speaker.kind,
        cue=draft.cue_text or _cue_text(text, draft.cue),
        mode=mode,
        content=text[span.start : span.end],
        start=span.start,
        end=span.end,
        speaker_start=speaker_span.start if speaker_span else None,
        speaker_end=speaker_span.end if speaker_span else None,
        cue_start=draft.cue.start,
        cue_end=draft.cue.end,
        reported_by=reported_by,
        confidence=_confidence(draft),
        side=speaker.side,
    )


def _cue_text(text: str, cue: Cue) -> str:
    written = re.sub(r"^(?:also|further)\s+", "", cue.text_in(text))
    return written[:1].lower() + written[1:]  # "According to" opening a sentence


def _quoted_words(text: str, span: Span, quoted_by_others: list[Span]) -> int:
    pattern = re.compile(r"[\"“]([^\"“”]+)(?:[\"”]|$)")
    counts = [
        len(match.group(1).split())
        for match in pattern.finditer(text, span.start, span.end)
        if not any(o.start <= match.start(1) < o.end for o in quoted_by_others)
    ]
    return max(counts, default=0)


def _confidence(draft: Draft) -> float:
    mention = draft.subject.mention
    if draft.speaker is None or draft.speaker.name is None:
        return 0.3
    if draft.subject.relation in ("quote", "turn", "intro"):
        return 0.9
    if mention is not None and mention.kind == "pronoun":
        return 0.7
    if draft.subject.relation in ("coordinated", "appositive", "purpose", "continued"):
        return 0.6 if draft.subject.relation != "continued" else 0.3
    return 0.8


def _actors(drafts: list[Draft]) -> list[Actor]:
    """One actor per named speaker, with every way the release wrote them."""
    by_name: dict[str, tuple[Speaker, list[str]]] = {}
    for draft in drafts:
        who = draft.speaker
        if who is None or who.name is None:
            continue
        best, aliases = by_name.get(who.name, (who, []))
        if draft.speaker_text and draft.speaker_text not in aliases:
            aliases.append(draft.speaker_text)
        if _detail(who) > _detail(best):
            best = who
        by_name[who.name] = (best, aliases)
    return [
        Actor(
            name=name,
            kind=best.kind,
            title=_clean_title(best.title),
            role=best.role,
            organization=organization_in(f"{best.title or ''} {best.role or ''}"),
            side=best.side,
            aliases=tuple(aliases),
        )
        for name, (best, aliases) in by_name.items()
    ]


def _detail(speaker: Speaker) -> int:
    return sum(bool(value) for value in (speaker.title, speaker.role, speaker.side))


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip(" ,")
    if title.isupper():  # "DEFENSE MINISTER" from a transcript label
        title = " ".join(
            w if w in {"of", "for", "the"} else w.capitalize() for w in title.lower().split()
        )
    return title or None


def _participants(
    text: str, blocks: list[Block], resolver: Resolver, drafts: list[Draft]
) -> list[str]:
    """The people in the talks: those the meeting sentence names, then the speakers.

    Spokespersons who only relay the readout count only when nobody else speaks.
    """
    names = _meeting_names(text, blocks, resolver)
    ordered = sorted(drafts, key=_subject_position)
    speakers = [
        d.speaker
        for d in ordered
        if d.speaker and d.speaker.kind == "person" and d.speaker.name and d.container is None
    ]
    if len(names) < 2:
        names += [who.name for who in speakers if not _relays(who.title) and who.name]
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
                if who.name and not _relays(who.title)
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
        end = index
        while end < len(tokens) and _name_run_token(tokens, index, end):
            end += 1
        next_index = max(end, index + 1)
        for stop in range(end, index, -1):
            mention = parse_mention(text, tokens[index:stop])
            if mention is not None and mention.kind == "person" and _named_person_evidence(mention):
                found.append(resolver.resolve(mention))
                next_index = stop
                break
        index = next_index
    return found


_SUBORDINATE_WORDS = frozenset(
    {"as", "following", "after", "between", "during", "since", "which", "where", "when"}
)


def _name_run_token(tokens: list[Token], start: int, index: int) -> bool:
    if tokens[index].text[:1].isupper() or is_title_word(tokens[index]):
        return True  # "Pentagon spokesman Navy Capt. X": lower-case title words belong too
    return index > start and tokens[index].lower in {"of", "for", "the"}


def _named_person_evidence(mention: Mention) -> bool:
    """An office or rank ("Secretary Blinken") or a known official, not "On April"."""
    return has_office_title(mention.title) or known_person_by_alias(mention.name) is not None


def _relays(title: str | None) -> bool:
    """Spokespersons and press secretaries relay what others said."""
    return bool(title) and bool(re.search(r"spokes|press secretary", title or "", re.IGNORECASE))
