"""What a cue attributes: where the content starts after the cue (after "that", a
recipient, an attitude noun) and its trimmed final span.
"""

from __future__ import annotations

import re
from functools import cache

from core import lexicon
from core.actors import Token, is_name_word, source_heads, tokenize
from core.attribution.cues import Cue, find_cues, phrase_pattern
from core.attribution.layout import Span


def find_content_clause(text: str, cue: Cue, limit: int) -> Span | None:
    """Where the cue's content starts and (at most) ends (rule version: words after the cue).

    Skips the introducing "that", a recipient ("told President Xi", "thanked X for") and the
    attitude noun of "expressed concern over"; ``limit`` is the end of the clause.
    """
    if cue.content == "naming":
        return _naming(text, cue, limit)
    if cue.content == "recipient":
        start = _after_recipient(text, cue, limit)
    elif cue.content == "attitude":
        start = _after_attitude(text, cue, limit)
    else:
        start = _after_that(text, cue.end, limit)
    if start is None or (cue.that_only and not _that_or_quote(text, cue, start)):
        return None
    if cue.content == "clause" and _adjunct_only(text, cue, start):
        after = _after_adjunct(text, start, limit)  # "said in a statement Tuesday, “...”"
        if after is None and "," not in text[start:limit]:
            return None  # "said pleasantly into the phone", "wrote in a court filing"
        start = after if after is not None else _after_venue_comma(text, start, limit)
    while start < limit and text[start] in " \t\n\"“”'‘:,":
        start += 1
    return Span(start, limit) if start < limit else None


_NAMING_RE = re.compile(r"\s+(?:[\w’'.-]+\s+){1,6}?(?P<complement>[\"“]|''|an?\s)")


def _naming(text: str, cue: Cue, limit: int) -> Span | None:
    """ "called him a liar", "called the plan “a disaster,” adding ...": a quoted name ends at
    its closing mark; "called President Xi" (a phone call) is no statement."""
    match = _NAMING_RE.match(text, cue.end, limit)
    if match is None:
        return None
    start = cue.end + len(text[cue.end : limit]) - len(text[cue.end : limit].lstrip())
    quoted = re.match(r"[\"“]|''", match.group("complement"))
    if quoted:
        close = re.compile(r"[\"”]|''").search(text, match.end(), limit)
        limit = close.end() if close else limit
    return Span(start, limit)


_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "of", "to", "with", "during", "from", "into", "by", "through"}
)


def _adjunct_only(text: str, cue: Cue, start: int) -> bool:
    """What follows a reporting verb opens with a preposition and no "that": an adjunct."""
    if _that_or_quote(text, cue, start):
        return False
    first = re.match(r"[\s,]*(?:[a-z]+ly\s+)?([a-z]+)", text[start : start + 40])
    return first is not None and first.group(1) in _PREPOSITIONS


def _after_adjunct(text: str, start: int, limit: int) -> int | None:
    """Past an adjunct to the quote or "that" clause it introduces, if any follows."""
    found = re.compile(r"\s+that\b|[,:]\s*(?:that\b|(?=[\"“])|(?=''))").search(text, start, limit)
    return found.end() if found is not None and found.start() - start < 80 else None


def _after_venue_comma(text: str, start: int, limit: int) -> int:
    """ "said in his opening remarks, the talks ...": past the occasion and its comma (not
    "said with high attention to X, the UK side ...", where the phrase is content)."""
    venue = _venue_regex().match(text, start, limit)
    comma = re.compile(r"[^,;\"“”]{0,30}?,").match(text, venue.end(), limit) if venue else None
    return comma.end() if comma is not None else start


def _that_or_quote(text: str, cue: Cue, start: int) -> bool:
    """ "claimed that ...", "wrote: “...”": the content is introduced as speech."""
    introduced = text[cue.end : start]
    return bool(re.search(r"\bthat\s*$", introduced)) or bool(
        re.match(r"[\s,:]*(?:[\"“]|'')", text[start : start + 3])
    )


def _after_that(text: str, position: int, limit: int) -> int:
    position = _after_adverbials(text, position, limit)
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


def _after_adverbials(text: str, position: int, limit: int) -> int:
    """Past time words and adverbs between a cue and its content ("said Tuesday that")."""
    match = _adverbials_regex().match(text, position, limit)
    if match is None:
        return position
    if match.group("ly") and not re.match(r"\s*,?\s*that\b", text[match.end() : limit]):
        return position  # "said early voting ...": an adverb in -ly only before "that"
    return match.end()


@cache
def _adverbials_regex() -> re.Pattern[str]:
    found = lexicon.load_yaml("cues.yml").get("adverbials_before_content") or {}
    words = sorted((*found.get("phrases", ()), *found.get("words", ())), key=len, reverse=True)
    alternation = "|".join(phrase_pattern(w) for w in words)
    one = rf"(?:{alternation})(?![\w’'-])|(?P<ly>[a-z]+ly)(?![\w’'-])"
    return re.compile(rf"(?:\s*,?\s*(?:{one}))+", re.IGNORECASE)


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
    index = recipient_length(tokens)
    start = tokens[index].start if index < len(tokens) else limit
    return _after_that(text, _after_venue(text, start, limit), limit)


def recipient_length(tokens: list[Token]) -> int:
    """Tokens of the one told: "him", "President Xi", "the U.S. side", "reporters"."""
    if tokens and tokens[0].lower in {"him", "her", "them", "us", "me", "you"}:
        return 1
    index = 1 if tokens and tokens[0].lower in {"the", "his", "her", "a", "an", "their"} else 0
    while index < len(tokens) and _recipient_word(tokens[index]):
        index += 1
    return index


def _recipient_word(token: Token) -> bool:
    """Words of the person told ("President Xi", "U.S. side", "reporters")."""
    if is_name_word(token) or token.text[:1].isupper():
        return True
    return token.lower in source_heads().get("people", ()) or token.lower in {"side", "sides"}


def _after_venue(text: str, position: int, limit: int) -> int:
    """Past "at the ministry's monthly press briefing" after a recipient."""
    match = _venue_regex().match(text, position, limit)
    return match.end() if match else position


@cache
def _venue_regex() -> re.Pattern[str]:
    nouns = lexicon.load_yaml("cues.yml").get("venue_nouns") or ()
    alternation = "|".join(phrase_pattern(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(
        rf"\s*(?:at|in|during|after|on)\s+(?:[\w’'-]+\s+){{0,6}}?(?:{alternation})(?![\w-])"
    )


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
    alternation = "|".join(phrase_pattern(noun) for noun in nouns)
    return re.match(
        rf"\s+(?:(?:a|an|the|his|her|their|its|our|my|[\w’']+[’']s)\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?P<noun>{alternation})\b",
        text[position:limit],
    )


def _attitude_preposition(text: str, position: int, limit: int) -> re.Match[str] | None:
    preps = "|".join(phrase_pattern(p) for p in lexicon.cue_lexicon().attitude_prepositions)
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


def trim_content(text: str, span: Span, cue: Cue) -> Span | None:
    """The content without quote marks, final punctuation and logistics trailers."""
    start, end = span.start, span.end
    if cue.content in ("object", "discussion", "attitude", "purpose", "recipient"):
        end = _before_trailer(text, start, end)
    opens_quoted = _opens_quoted(text, start, end)
    while start < end and (text[start].isspace() or text[start] in '"“”‘'):
        start += 1
    if start < cue.start and not opens_quoted:
        start = _after_opening_conjunction(text, start, end)
    # no final period, no closing quote mark (the gold convention: 'realize a "Free and Open')
    while end > start and (text[end - 1].isspace() or text[end - 1] in '.,;:—–-"”'):
        end -= 1
    verb_object = cue.content in ("object", "discussion", "attitude", "recipient", "naming")
    if verb_object and not cue.text_in(text).endswith(" to"):
        end = _before_time(text, start, end)  # "welcomed the agreement | on Tuesday"
    if end - start < 2 or not re.search(r"\w", text[start:end]):
        return None
    return Span(start, end)


# A sentence-opening conjunction links to the sentence before; it is the narrator's, not the
# content's ("And the talks, he said, were useful", "But the plan fails, according to X").
_OPENING_CONJUNCTION = re.compile(r"(?:And|But|Yet)\s+(?=\w)")


def _opens_quoted(text: str, start: int, end: int) -> bool:
    """The span is a quote: a quotation mark right before it or opening it."""
    first = text[start:end].lstrip()[:1]
    return first in _QUOTE_MARKS or (start > 0 and text[start - 1] in _QUOTE_MARKS)


_QUOTE_MARKS = frozenset({'"', "“", "‘", "'"})


def _after_opening_conjunction(text: str, start: int, end: int) -> int:
    """Past "And"/"But" opening a content written before its cue (not inside a quote)."""
    match = _OPENING_CONJUNCTION.match(text, start, end)
    return match.end() if match is not None else start


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_AT_END = re.compile(
    rf"(?:,?\s+(?:on\s+)?{_DAYS}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|,?\s+(?:earlier\s+)?(?:yesterday|today|tonight)"
    r"|,?\s+(?:earlier\s+this|last|this)\s+(?:week|month|year|weekend|morning|afternoon|evening))$"
)


def _before_time(text: str, start: int, end: int) -> int:
    """The end before a time phrase closing a verb's object: it dates the verb, not the object."""
    match = _TIME_AT_END.search(text, start, end)
    return match.start() if match and match.start() > start else end


def _before_trailer(text: str, start: int, end: int) -> int:
    lowered = text[start:end].lower()
    for trailer in lexicon.cue_lexicon().content_trailers:
        at = lowered.find(" " + trailer)
        if at > 0:
            end = min(end, start + at)
    return end
