"""Direct quotes: where quoted passages are, and the speaker a quote is attributed to
(`"...," General Li said`, `Hale said, "..."`, `X's remarks, "..."`, an unattributed quote
going on from the last speaker).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate, pairwise

from core import lexicon
from core.actors import Mention, Token, parse_mention, tokenize
from core.attribution.cues import Cue, find_cues, phrase_pattern
from core.attribution.drafts import Draft
from core.attribution.layout import Block, Span, clause_start
from core.attribution.postposed import adjunct_tail
from core.attribution.subjects import Subject, find_cue_subject, mention_before, token_at


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words: marks at ``open``/``close`` (close = end of text when unbalanced)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or where the unclosed quote stops
    closed: bool
    width: int = 1  # characters of each mark: 2 for a typewriter '' pair

    @property
    def inner(self) -> Span:
        return Span(self.open + self.width, self.close)

    @property
    def after(self) -> int:
        """The offset right after the closing mark."""
        return self.close + self.width if self.closed else self.close


# Double quote marks: curly, straight, and two apostrophes standing for one ('' ... '')
_MARK_RE = re.compile(r"''|[\"“”]")
_OPENING_MARK_RE = re.compile(r"''|[\"“]")
# The lead of a quote (its sentence up to the opening mark) searched for an attribution is at
# most this long: a release's sentences are far shorter, but a run-on "sentence" of thousands
# of quotes would otherwise be searched again for every quote in it (quadratic).
MAX_LEAD_CHARS = 1_000
_TWO_WORDS_RE = re.compile(r"\S\s+\S")  # what len(lead.split()) >= 2 says, without splitting
_SPACE_RE = re.compile(r"\s")


def find_quotes(text: str, blocks: list[Block]) -> list[Quote]:
    """Double-quoted passages in body blocks: curly or straight, unbalanced marks tolerated.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the press convention for quotes running over paragraphs); otherwise it
    stops at the paragraph's end.
    """
    body = [b for b in blocks if b.kind == "body"]
    block_at = _SpanIndex(body)
    quotes: list[Quote] = []
    opened: tuple[int, int] | None = None  # (offset, width) of the open mark
    for index, block in enumerate(body):
        for position, width in _quote_marks(text, block):
            role = _mark_role(text, position, width, opened is not None)
            if role == "open" and opened is None:
                opened = (position, width)
            elif role == "open" and position == block.start and _open_from_before(opened, block):
                continue  # a quote running over paragraphs reopens each one
            elif role == "open" and opened is not None:
                end = _block_end_before(text, block_at, opened[0])
                quotes.append(Quote(opened[0], end, closed=False, width=opened[1]))
                opened = (position, width)
            elif opened is not None:
                quotes.append(Quote(opened[0], position, closed=True, width=opened[1]))
                opened = None
        if opened is not None and not _next_opens_with_quote(text, body, index):
            quotes.append(Quote(opened[0], block.end, closed=False, width=opened[1]))
            opened = None
    return quotes + _single_quotes(text, body, quotes)


def _single_quotes(text: str, body: list[Block], doubles: list[Quote]) -> list[Quote]:
    """‘Single-quoted’ passages (British style) outside double quotes; apostrophes are not."""
    found = []
    inside_double = _Intervals((q.open, q.close) for q in doubles)
    for block in body:
        opened: int | None = None
        for match in re.finditer(r"[‘’]", text[block.start : block.end]):
            position = block.start + match.start()
            if inside_double.strictly_inside(position):
                continue
            after = text[position + 1 : position + 2]
            if text[position] == "‘":
                opened = position if opened is None else opened
            elif opened is not None and not after.isalpha():
                found.append(Quote(opened, position, closed=True))
                opened = None
    return found


def _quote_marks(text: str, block: Block) -> list[tuple[int, int]]:
    """(offset, width) of every double quote mark in a block."""
    return [(m.start(), len(m.group())) for m in _MARK_RE.finditer(text, block.start, block.end)]


def _mark_role(text: str, position: int, width: int, is_open: bool) -> str:
    mark = text[position]
    if mark == "“":
        return "open"
    if mark == "”":
        return "close"
    before = text[position - 1] if position > 0 else " "
    after = text[position + width] if position + width < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "close" if is_open else "open"


def _open_from_before(opened: tuple[int, int] | None, block: Block) -> bool:
    return opened is not None and opened[0] < block.start


def _block_end_before(text: str, block_at: _SpanIndex, position: int) -> int:
    block = block_at.holding(position)
    return block.end if block is not None else len(text)


def _next_opens_with_quote(text: str, body: list[Block], index: int) -> bool:
    return index + 1 < len(body) and _OPENING_MARK_RE.match(text, body[index + 1].start) is not None


def find_quote_drafts(
    text: str, quotes: list[Quote], sentences: list[Span]
) -> tuple[list[Draft], dict[int, Mention]]:
    """Direct (or mixed) statements from quotes with an attribution next to them."""
    drafts: list[Draft] = []
    used: dict[int, Mention] = {}
    sentence_at = _SpanIndex(sentences)
    for quote in quotes:
        sentence = sentence_at.holding(quote.open)
        if sentence is None:
            continue
        found = _attribution_after(text, quote) or _attribution_before(text, quote, sentence)
        found = found or _possessive_attribution(text, quote, sentence)
        if found is None:
            continue
        cue, mention = found
        relation = "possessive" if cue.content == "speech_noun" else "quote"
        start = quote.inner.start
        lead_start = clause_start(text, sentence.start)
        two_words = _TWO_WORDS_RE.search(text, lead_start, quote.open) is not None
        mixed = cue.start > quote.close and two_words
        if mixed:
            start = lead_start
        draft = Draft(cue=cue, subject=Subject(mention, relation), content=Span(start, quote.close))
        draft.mode = "mixed" if mixed else "direct"
        draft.confidence = 0.9
        drafts.append(draft)
        used[cue.start] = mention
    return drafts, used


def _attribution_after(text: str, quote: Quote) -> tuple[Cue, Mention] | None:
    """`"...," said X` / `"...," X said` / `"...," X told reporters`: the quote's speaker."""
    if not quote.closed:
        return None
    window = Span(quote.after, min(len(text), quote.after + 140))
    newline = text.find("\n", window.start, window.end)
    window = Span(window.start, newline if newline >= 0 else window.end)
    cue = _first_cue_after(text, window)
    if cue is None:
        return None
    tokens = tokenize(text, window.start, window.end)
    after = [t for t in tokens if t.start >= cue.end]
    lead = re.match(r"\s*[,.]?\s*", text[window.start : cue.start])
    head = window.start + (lead.end() if lead else 0)
    if head == cue.start:
        return _inverted_attribution(text, quote, cue, after)
    between = [t for t in tokens if head <= t.start and t.end <= cue.start]
    mention = (
        parse_mention(text, between)
        or _name_before_apposition(text, between)
        or _name_after_descriptor(text, between)
    )
    if mention is None or mention.kind == "collective":
        return None
    return (cue, mention) if _only_adjuncts_follow(text, quote, after, 0) else None


def _first_cue_after(text: str, window: Span) -> Cue | None:
    """The first cue of a clause or recipient in the window after a quote, looked for before
    the window's first double quote mark first: no cue's words hold a quote mark, so the
    cues before it are the same found there alone, and come before all others (a run of
    thousands of quotes is not searched 140 characters on for every quote in it)."""
    marks = [text.find(mark, window.start, window.end) for mark in _LEAD_BARRIERS]
    marks = [found for found in marks if found >= 0]
    spans = [Span(window.start, min(marks))] if marks and _cues_hold_no_barrier() else []
    for span in [*spans, window]:
        cues = [c for c in find_cues(text, span) if c.content in ("clause", "recipient")]
        if cues:
            return cues[0]
    return None


def _name_after_descriptor(text: str, tokens: list[Token]) -> Mention | None:
    """`"...," Trump lawyer Marc Kasowitz said`, `"...," campaign spokesman Brian Fallon said`:
    the name at the end of a descriptor of modifiers and role nouns (no preposition, verb or
    comma in it: not `the report by Ann Lee`)."""
    if len(tokens) < 3 or any(t.text in {",", ";", ":"} for t in tokens):
        return None
    for first in range(1, len(tokens)):
        if tokens[first - 1].lower in _NOT_IN_DESCRIPTOR:
            return None
        if not tokens[first].text[:1].isupper():
            continue
        mention = parse_mention(text, tokens[first:])
        if mention is not None and mention.kind == "person" and len(mention.name.split()) > 1:
            start = tokens[0].start  # the speaker as written, descriptor included
            return replace(mention, text=text[start : mention.end], start=start)
    return None


# Words that make the words before a name something other than its descriptor
_NOT_IN_DESCRIPTOR = frozenset(
    {
        "of",
        "by",
        "for",
        "on",
        "in",
        "to",
        "with",
        "from",
        "at",
        "and",
        "or",
        "who",
        "that",
        "which",
        "told",
        "said",
        "says",
        "as",
        "after",
        "before",
        "about",
    }
)


def _name_before_apposition(text: str, tokens: list[Token]) -> Mention | None:
    """`"...," Sarandon, 69, told MSNBC` / `"...," Ann Lee, founder of X, said`: the name
    before an apposition set off by commas (not a list: "Lee, Kim and Park said")."""
    commas = [i for i, t in enumerate(tokens) if t.text == ","]
    if len(commas) != 2 or commas[1] != len(tokens) - 1 or commas[0] == 0:
        return None
    if any(t.lower in {"and", "or", "&"} for t in tokens[commas[0] + 1 : commas[1]]):
        return None
    mention = parse_mention(text, tokens[: commas[0]])
    return mention if mention is not None and mention.kind == "person" else None


def _inverted_attribution(
    text: str, quote: Quote, cue: Cue, after: list[Token]
) -> tuple[Cue, Mention] | None:
    """`"...," said X, a spokesman for Y.`: the speaker follows the cue."""
    end = next((i for i, t in enumerate(after) if t.text in {",", ".", ";"}), len(after))
    mention = parse_mention(text, after[:end])
    if mention is not None and _only_adjuncts_follow(text, quote, after, end):
        return cue, mention
    return None


def _only_adjuncts_follow(text: str, quote: Quote, after: list[Token], index: int) -> bool:
    """Nothing after the attribution is a content of its own.

    A quote closing on a comma, "?" or "!" ends where its attribution starts, whatever follows
    ("..., he told CNN on Sunday"); after a full stop only adjuncts may follow.
    """
    if adjunct_tail(after, index) is not None:
        return True
    open_ended = text[quote.close - 1 : quote.close] in {",", "?", "!"}
    return open_ended and not (index < len(after) and after[index].lower == "that")


def _attribution_before(text: str, quote: Quote, sentence: Span) -> tuple[Cue, Mention] | None:
    lead = Span(_lead_start(text, sentence, quote), quote.open)
    cue_end = _before_trailing_punctuation(text, lead)
    cues = [
        c
        for c in find_cues(text, Span(_after_last_mark(text, lead), lead.end))
        if c.content == "clause" and (c.end == cue_end or _adjunct_between(text, c.end, quote.open))
    ]
    if not cues:
        return None
    tokens = tokenize(text, lead.start, cues[0].end)
    index = token_at(tokens, cues[0].start)
    subject = find_cue_subject(text, tokens, index, floor=0, previous=None)
    if subject is None or subject.mention is None or subject.mention.kind == "collective":
        return None
    return cues[0], subject.mention


def _before_trailing_punctuation(text: str, lead: Span) -> int:
    r"""Where the lead ends before a last comma or colon and white space (what the first match
    of ``[,:]?\s*$`` in it says, without trying the pattern at every character)."""
    words = text[lead.start : lead.end].rstrip()
    return lead.start + len(words) - (1 if words.endswith((",", ":")) else 0)


def _after_last_mark(text: str, lead: Span) -> int:
    """Where the cues that may attribute the quote after ``lead`` start: after the lead's
    last double quote mark. A cue before that mark has the mark between it and the quote, so
    it neither ends the lead nor has only an adjunct after it; no cue's words hold a quote
    mark, so the cues after the mark are the same found there alone (a run of thousands of
    quotes is not searched back 1,000 characters for every quote in it)."""
    last = max(text.rfind(mark, lead.start, lead.end) for mark in _LEAD_BARRIERS)
    return last + 1 if last >= 0 and _cues_hold_no_barrier() else lead.start


_LEAD_BARRIERS = ('"', "“", "”")  # the marks _ADJUNCT_RE allows nowhere


@cache
def _cues_hold_no_barrier() -> bool:
    """Whether no word of a cue phrase (``data/cues.yml``) holds a double quote mark."""
    cues = lexicon.cue_lexicon()
    phrases = [
        *(form for entry in cues.cues for form in entry.forms),
        *cues.cue_adverbs,
        *cues.discussion_verbs,
        *cues.discussion_nouns,
        *cues.discussion_prepositions,
        *cues.purpose_infinitives,
    ]
    return not any(mark in phrase for phrase in phrases for mark in _LEAD_BARRIERS)


_ADJUNCT_RE = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:in|on|at|during|to|via|through|over|after|before|with|from)\s"
    r"[^\"“”.;:]{1,60}[,:]\s*$"
)


def _adjunct_between(text: str, start: int, end: int) -> bool:
    """`said in a statement Tuesday, "..."`: only an adjunct between the cue and the quote."""
    return _ADJUNCT_RE.match(text[start:end]) is not None and not find_cues(text, Span(start, end))


def _possessive_attribution(text: str, quote: Quote, sentence: Span) -> tuple[Cue, Mention] | None:
    """ "President X's remarks on many occasions, that is, “...”": the possessor's words."""
    if len(text[quote.inner.start : quote.close].split()) < 5:
        return None
    nouns = "|".join(phrase_pattern(n) for n in lexicon.cue_lexicon().speech_nouns)
    pattern = re.compile(rf"[’']s\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})\b")
    found = list(pattern.finditer(text, _lead_start(text, sentence, quote), quote.open))
    if not found or quote.open - found[-1].end() > 120:
        return None
    noun = found[-1]
    tokens = tokenize(text, _lead_start(text, sentence, quote), noun.start())
    mention = mention_before(text, tokens, len(tokens), 0)
    if mention is None or mention.kind not in ("person", "title"):
        return None
    return Cue(noun.start("noun"), noun.end("noun"), "speech_noun"), mention


def find_continued_quote_drafts(
    text: str, quotes: list[Quote], sentences: list[Span], drafts: list[Draft]
) -> list[Draft]:
    """A sentence or paragraph that is all one unattributed quote: the last speaker goes on."""
    found = []
    covered = _Intervals((d.content.start, d.content.end) for d in drafts)
    starting_at: dict[int, Span] = {}
    for sentence in sentences:
        starting_at.setdefault(sentence.start, sentence)
    for quote in quotes:
        sentence = starting_at.get(quote.open)
        if sentence is None or not re.fullmatch(r"[\"”'.,!?\s]*", text[quote.close : sentence.end]):
            continue
        if covered.holds(quote.inner.start):
            continue
        cue = Cue(quote.open, quote.open, "continued")
        draft = Draft(cue=cue, subject=Subject(None, "continued"), content=quote.inner)
        draft.mode, draft.cue_text, draft.confidence = "direct", "said", 0.3
        found.append(draft)
    return found


def _lead_start(text: str, sentence: Span, quote: Quote) -> int:
    """Where the quote's lead starts: its sentence's start, or for a run-on sentence longer
    than ``MAX_LEAD_CHARS`` the first word that far back (never inside a word)."""
    if quote.open - sentence.start <= MAX_LEAD_CHARS:
        return sentence.start
    clip = quote.open - MAX_LEAD_CHARS
    space = _SPACE_RE.search(text, clip, quote.open)
    return space.end() if space else quote.open


class _SpanIndex:
    """The first span (sentence, block) holding an offset, found by bisection when the spans
    are in text order and disjoint (as the splitters give them), else by a scan."""

    def __init__(self, spans: list) -> None:
        self._spans = spans
        self._starts = [span.start for span in spans]
        self._ordered = all(a.end <= b.start for a, b in pairwise(spans))

    def holding(self, offset: int):  # -> the span type given
        if not self._ordered:
            return next((s for s in self._spans if s.start <= offset < s.end), None)
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._spans[index].end:
            return self._spans[index]
        return None


class _Intervals:
    """Does any of the (start, end) intervals hold an offset? Log time per question: intervals
    sorted by start, with the largest end so far."""

    def __init__(self, intervals) -> None:
        ordered = sorted(intervals)
        self._starts = [start for start, _ in ordered]
        self._max_ends = list(accumulate((end for _, end in ordered), max))

    def holds(self, offset: int) -> bool:
        """Some ``start <= offset < end``."""
        count = bisect_right(self._starts, offset)
        return count > 0 and self._max_ends[count - 1] > offset

    def strictly_inside(self, offset: int) -> bool:
        """Some ``start < offset < end``."""
        count = bisect_left(self._starts, offset)
        return count > 0 and self._max_ends[count - 1] > offset
