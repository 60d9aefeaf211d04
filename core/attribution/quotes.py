"""Direct quotes: where quoted passages are, and the speaker a quote is attributed to
(`"...," General Li said`, `Hale said, "..."`, `X's remarks, "..."`, an unattributed quote
going on from the last speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def find_quotes(text: str, blocks: list[Block]) -> list[Quote]:
    """Double-quoted passages in body blocks: curly or straight, unbalanced marks tolerated.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the press convention for quotes running over paragraphs); otherwise it
    stops at the paragraph's end.
    """
    body = [b for b in blocks if b.kind == "body"]
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
                end = _block_end_before(text, body, opened[0])
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


def _block_end_before(text: str, body: list[Block], position: int) -> int:
    for block in body:
        if block.start <= position < block.end:
            return block.end
    return len(text)


def _next_opens_with_quote(text: str, body: list[Block], index: int) -> bool:
    return index + 1 < len(body) and bool(re.match(r"''|[\"“]", text[body[index + 1].start :]))


def find_quote_drafts(
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
        lead = text[clause_start(text, sentence.start) : quote.open]
        mixed = cue.start > quote.close and len(lead.split()) >= 2
        if mixed:
            start = clause_start(text, sentence.start)
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
    cues = [c for c in find_cues(text, window) if c.content in ("clause", "recipient")]
    if not cues:
        return None
    cue = cues[0]
    tokens = tokenize(text, window.start, window.end)
    after = [t for t in tokens if t.start >= cue.end]
    lead = re.match(r"\s*[,.]?\s*", text[window.start : cue.start])
    head = window.start + (lead.end() if lead else 0)
    if head == cue.start:
        return _inverted_attribution(text, quote, cue, after)
    mention = parse_mention(text, [t for t in tokens if head <= t.start and t.end <= cue.start])
    if mention is None or mention.kind == "collective":
        return None
    return (cue, mention) if _only_adjuncts_follow(text, quote, after, 0) else None


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
    lead = Span(sentence.start, quote.open)
    tail = re.search(r"[,:]?\s*$", text[lead.start : lead.end])
    cue_end = lead.start + (tail.start() if tail else len(text[lead.start : lead.end]))
    cues = [
        c
        for c in find_cues(text, lead)
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
    found = list(pattern.finditer(text, sentence.start, quote.open))
    if not found or quote.open - found[-1].end() > 120:
        return None
    noun = found[-1]
    tokens = tokenize(text, sentence.start, noun.start())
    mention = mention_before(text, tokens, len(tokens), 0)
    if mention is None or mention.kind not in ("person", "title"):
        return None
    return Cue(noun.start("noun"), noun.end("noun"), "speech_noun"), mention


def find_continued_quote_drafts(
    text: str, quotes: list[Quote], sentences: list[Span], drafts: list[Draft]
) -> list[Draft]:
    """A sentence or paragraph that is all one unattributed quote: the last speaker goes on."""
    found = []
    covered = [(d.content.start, d.content.end) for d in drafts]
    for quote in quotes:
        sentence = next((s for s in sentences if s.start == quote.open), None)
        if sentence is None or not re.fullmatch(r"[\"”'.,!?\s]*", text[quote.close : sentence.end]):
            continue
        if any(a <= quote.inner.start < b for a, b in covered):
            continue
        cue = Cue(quote.open, quote.open, "continued")
        draft = Draft(cue=cue, subject=Subject(None, "continued"), content=quote.inner)
        draft.mode, draft.cue_text, draft.confidence = "direct", "said", 0.3
        found.append(draft)
    return found
