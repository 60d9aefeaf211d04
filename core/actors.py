"""Speaker mentions and their resolution to canonical actors.

A *mention* is the words that name a speaker where a cue attributes something to them:
"General Li", "Chinese President Xi Jinping", "He", "the two sides", "the Chinese side",
"the Russian Defense Ministry", "the Secretary".  :func:`parse_mention` classifies one;
:func:`index_people` finds the people a release names in full, with their titles and sides;
:class:`Resolver` turns mentions into canonical actors ("General Li" -> "Li Zuocheng", "He"
-> the last person who spoke, "the Secretary" -> the one introduced with that title).

Everything here is rules over tokens and the lexicons in ``data/`` (titles, sides, countries,
people): it works on any spaCy pipeline, including blank English.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise

from core import lexicon

# ---------------------------------------------------------------- tokens

_WORD = r"[A-Za-z0-9\u00C0-\u024F][\w\u00C0-\u024F]*(?:(?:-|[’'](?![sS]\b))[\w\u00C0-\u024F]+)*"
_TOKEN_RE = re.compile(
    rf"(?:[A-Za-z]\.){{2,}}(?:-{_WORD})*"  # U.S., H.E., a.m., U.S.-Japan
    rf"|{_WORD}\.?"  # a word, maybe with its abbreviation period (decided below)
    r"|[’'][sS]\b"  # possessive
    r"|\S"  # any other character: punctuation, quote marks
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its character offsets in the document text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens, keeping offsets into ``text``.

    A period stays on a word only when the word is a known abbreviation ("Gen.", "Jr.") or an
    initial ("J."); "U.S." and other dotted acronyms are one token; "’s" is its own token.
    """
    stop = len(text) if end is None else end
    if 0 <= start <= stop <= len(text):
        cut = _cut_from_whole(_whole_text_tokens(text), start, stop)
        if cut is not None:
            return cut
    return _scan_tokens(text, start, stop)


@lru_cache(maxsize=2)
def _whole_text_tokens(text: str) -> tuple[list[Token], list[int]]:
    """The tokens of all of ``text`` and their starts: a release is tokenised once, and the
    sentences, windows and phrases its steps ask for are cut from that (same tokens)."""
    tokens = _scan_tokens(text, 0, len(text))
    return tokens, [token.start for token in tokens]


def _cut_from_whole(
    whole: tuple[list[Token], list[int]], start: int, stop: int
) -> list[Token] | None:
    """The whole text's tokens inside ``[start, stop)``; None when a token straddles either
    edge (a scan of the part alone would split it differently)."""
    tokens, starts = whole
    first = bisect_left(starts, start)
    last = bisect_left(starts, stop, first)
    if first > 0 and tokens[first - 1].end > start:
        return None
    if last > first and tokens[last - 1].end > stop:
        return None
    return tokens[first:last]


def _scan_tokens(text: str, start: int, stop: int) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text, start, stop):
        word = match.group()
        begin = match.start()
        if word.endswith(".") and len(word) > 1 and not _keeps_period(word):
            tokens.append(Token(word[:-1], begin, match.end() - 1))
            tokens.append(Token(".", match.end() - 1, match.end()))
        else:
            tokens.append(Token(word, begin, match.end()))
    return tokens


def _keeps_period(word: str) -> bool:
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}(?:-.*)?", word):
        return True
    if re.fullmatch(r"[A-Z]\.", word):
        return True
    return word.lower() in _abbreviations() or word in _title_abbreviations()


@cache
def _suffixes() -> frozenset[str]:
    """Name suffixes ("Jr.", "III"), lower case."""
    return frozenset(w.lower() for w in lexicon.title_lexicon().name_suffixes)


@cache
def _abbreviations() -> frozenset[str]:
    """Words whose period is part of them ("Sept.", "No."), lower case."""
    return frozenset(w.lower() for w in lexicon.title_lexicon().abbreviations)


@cache
def not_name_words() -> frozenset[str]:
    """Capitalised words that are never part of a name ("The", "During", "March"), lower case."""
    return frozenset(w.lower() for w in lexicon.title_lexicon().not_name_words)


@cache
def _title_abbreviations() -> frozenset[str]:
    titles = lexicon.title_lexicon()
    words = (w for phrase in (*titles.honorifics, *titles.ranks) for w in phrase.split())
    return frozenset(word for word in words if word.endswith("."))


# ---------------------------------------------------------------- word classes (from data/)

PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_TITLE_FILLERS = frozenset({"and", "of", "for", "the", "to", "on", "his", "her", "their", "its"})


@cache
def _title_vocabulary() -> frozenset[str]:
    """Every word that can be part of a title, lower case ("minister", "defense", "gen.")."""
    titles = lexicon.title_lexicon()
    words = set(titles.title_words)
    for phrase in (*titles.honorifics, *titles.ranks, *titles.office_heads):
        words.update(word.lower() for word in phrase.split())
    return frozenset(words)


@cache
def _honorific_words() -> frozenset[str]:
    titles = lexicon.title_lexicon()
    return frozenset(w.lower() for phrase in titles.honorifics for w in phrase.split()) - {"the"}


@cache
def _country_words() -> frozenset[str]:
    """Lower-case words that belong to country names, short aliases and demonyms.

    Official long names ("Islamic Republic of Iran", "State of Israel") add no words: their
    own ("Islamic", "State") are no country's, and a long name is read whole
    (``_country_from``). Title words of short aliases stay title words.
    """
    words: set[str] = set()
    for country in lexicon.countries():
        for phrase in (country.name, *country.demonyms):
            words.update(word.lower() for word in phrase.split())
        for phrase in country.aliases:
            if " of " not in phrase:
                words.update(
                    w.lower() for w in phrase.split() if w.lower() not in _title_vocabulary()
                )
    return frozenset(words - {"the"})


@cache
def _organization_words() -> frozenset[str]:
    sides = lexicon.side_lexicon()
    words: set[str] = set()
    for phrase in sides.organization_heads:
        words.update(word.lower() for word in phrase.split())
    for organization in lexicon.organizations():
        for phrase in (organization.name, *organization.aliases):
            words.update(word.lower() for word in phrase.split() if word.lower() != "the")
    return frozenset(words)


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a person's name ("Li", "MOTEGI", "J.", "III")."""
    return _is_name_text(token.text)


@lru_cache(maxsize=8192)  # the same words recur in every span a caller tries
def _is_name_text(text: str) -> bool:
    lower = text.lower()
    if lower in _suffixes() or re.fullmatch(r"[A-Z]\.", text):
        return True
    if not text[:1].isupper() or not re.fullmatch(r"[\w’'\-\u00C0-\u024F]+", text):
        return False
    if any(char.isdigit() for char in text) or re.search(r"[’'](?:ll|ve|re|m|d|t)$", lower):
        return False  # digits, contractions ("We'll", "I'm")
    return not (
        lower in not_name_words()
        or lower in _title_vocabulary()
        or _hyphenated_title(lower)
        or (lower in _country_words() and lower not in lexicon.country_name_words())
        or lower in _organization_words()
    )


def is_title_word(token: Token) -> bool:
    return _is_title_text(token.text)


@lru_cache(maxsize=8192)  # asked for every word of every span a caller tries
def _is_title_text(text: str) -> bool:
    lower = text.lower()
    return lower in _title_vocabulary() or _hyphenated_title(lower)


def _hyphenated_title(lower: str) -> bool:
    """ "Vice-Minister", "Deputy-Director": title words joined by hyphens."""
    parts = lower.split("-")
    return len(parts) > 1 and all(part in _title_vocabulary() for part in parts)


_SPACES_RE = re.compile(r"\s+")
_LEADING_THE_RE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE_RE = re.compile(r"'s$")


def _one_spaced(words: str) -> str:
    """``words`` with each run of white space made one space; a text that has only single
    spaces is returned as it is, not rebuilt (mentions are tried over long runs of words)."""
    # every white space character but the space is unprintable (str.isprintable), so a
    # printable text without two spaces together has nothing to change
    if words.isprintable() and "  " not in words:
        return words
    return _SPACES_RE.sub(" ", words)


def nationality_of(words: str) -> str | None:
    """The country a nationality word or country name stands for ("Chinese" -> "China")."""
    table = lexicon.country_by_word()
    cleaned = _LEADING_THE_RE.sub("", words.strip().replace("’", "'"))
    cleaned = _TRAILING_POSSESSIVE_RE.sub("", cleaned)
    return table.get(_one_spaced(cleaned.lower()))


# ---------------------------------------------------------------- sides written around a name

# Before a country's name that is also a given name, these make it the country: "President
# of Chad Mahamat Deby" (but "Chad Harris", "Defense Minister Israel Katz" are names).
_PLACE_BEFORE_NAME = frozenset({"of", "in", "the"})
# Endings that make a nationality word of a place's name ("Corvenna" -> "Corvennan",
# "Saramund" -> "Saramundi"), longest first; also after the name's last letter is dropped.
_DEMONYM_ENDINGS = ("ian", "ese", "ish", "an", "ic", "i", "n")


def _country_before_name(tokens: list[Token], index: int) -> bool:
    """A country name that is also a given name ("Chad", "Jordan") opening a run of name
    words is the country after "of", "in" or "the" ("President of Chad Mahamat Deby")."""
    token = tokens[index]
    return (
        index > 0
        and token.lower in lexicon.country_name_words()
        and tokens[index - 1].lower in _PLACE_BEFORE_NAME
        and nationality_of(token.text) is not None
    )


def country_word_in_name(text: str, start: int) -> bool:
    """Whether the country word that is also a given name (``name_words``: "Chad", "Jordan")
    written at ``start`` is part of a person's name: next to another name word on its line
    ("Chad Harris", "Michael Jordan", "Georgia Lane"), and not after "of", "in" or "the"
    ("President of Chad Mahamat Deby", "the Chad government"); "Jordan's King" is the place.
    """
    tokens, starts = _whole_text_tokens(text)
    index = bisect_left(starts, start)
    if index == len(tokens) or tokens[index].start != start:
        return False
    if tokens[index].lower not in lexicon.country_name_words():
        return False
    before = tokens[index - 1] if index > 0 and _same_line(text, tokens, index - 1, index) else None
    if before is not None and before.lower in _PLACE_BEFORE_NAME:
        return False
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    after = after if after is not None and _same_line(text, tokens, index, index + 1) else None
    return any(t is not None and _beside_name(t) for t in (before, after))


def _beside_name(token: Token) -> bool:
    """A name word that makes a country word beside it part of a name: not a headline's verb
    ("Jordan Hosts"), not another country ("Chad Sudan")."""
    return (
        is_name_word(token)
        and token.lower not in lexicon.headline_verbs()
        and nationality_of(token.text) is None
    )


def _joined(tokens: list[Token]) -> str:
    """The tokens as written, one space where the text had any ("People's Republic of China")."""
    parts = [tokens[0].text]
    for before, token in pairwise(tokens):
        parts.append((" " if token.start > before.end else "") + token.text)
    return "".join(parts)


@cache
def _country_tokens() -> frozenset[str]:
    """Lower-case tokens of every country name, alias and demonym ("people", "'s", "of")."""
    return frozenset(
        token.lower
        for phrase in lexicon.country_by_word()
        for token in _scan_tokens(phrase, 0, len(phrase))
    )


@cache
def _max_country_tokens() -> int:
    phrases = lexicon.country_by_word()
    return max((len(_scan_tokens(p, 0, len(p))) for p in phrases), default=1)


def _country_from(tokens: list[Token], start: int) -> tuple[str | None, int]:
    """The country named by the longest run of tokens opening at ``start`` ("South Korean",
    "the Republic of Estonia"), and the index after that run (``start`` when none)."""
    found: tuple[str | None, int] = (None, start)
    for stop in range(start + 1, min(len(tokens), start + _max_country_tokens()) + 1):
        if tokens[stop - 1].lower.replace("’", "'") not in _country_tokens():
            break
        country = nationality_of(_joined(tokens[start:stop]))
        if country:
            found = (country, stop)
    return found


def _country_to(tokens: list[Token], end: int) -> tuple[str | None, int]:
    """The country named by the longest run of tokens closing before ``end``, and the
    index where that run starts (``end`` when none)."""
    found: tuple[str | None, int] = (None, end)
    for start in range(end - 1, max(0, end - _max_country_tokens()) - 1, -1):
        if tokens[start].lower.replace("’", "'") not in _country_tokens():
            break
        country = nationality_of(_joined(tokens[start:end]))
        if country:
            found = (country, start)
    return found


@cache
def _all_demonyms() -> frozenset[str]:
    return frozenset(d.lower() for c in lexicon.countries() for d in c.demonyms)


def _bare_name(tokens: list[Token]) -> list[Token]:
    """The tokens of a country's name ("Georgia"), none for a nationality word ("Georgian";
    "US" is both)."""
    words = [t for t in tokens if t.lower != "the"]
    return words if words and _joined(words).lower() not in _all_demonyms() else []


@cache
def _local_title_re() -> re.Pattern[str]:
    titles = lexicon.subnational_titles()
    return re.compile(rf"(?<![\w.])(?:{lexicon.phrase_regex(titles)})(?![\w])", re.IGNORECASE)


def _is_local_title(tokens: list[Token]) -> bool:
    """A state, local or legislative office ("Gov.", "State Senator", "Labour MP")."""
    return bool(tokens) and _local_title_re().search(_joined(tokens)) is not None


def _is_national_title(tokens: list[Token]) -> bool:
    """An office or rank of a state ("Defence Minister", "Ambassador", "General"), not a
    local, legislative, company or spokesperson's one."""
    national = any(t.lower in _state_office_words() for t in tokens)
    return national and not _is_local_title(tokens)


@cache
def _state_office_words() -> frozenset[str]:
    """The head words of the office heads and ranks of ``data/titles.yml`` ("minister" of
    "Prime Minister", "admiral" of "Rear Admiral", not "state" of "State Councilor") that
    only states give: not the one-word titles of ``non_state_titles`` in
    ``data/countries.yml`` nor the one-word relay titles (a company has a "spokeswoman" and
    a "Director" too)."""
    titles = lexicon.title_lexicon()
    heads = {phrase.split()[-1].lower() for phrase in (*titles.office_heads, *titles.ranks)}
    shared = {title.lower() for title in (*lexicon.non_state_titles(), *_relay_words())}
    return frozenset(heads - shared - _TITLE_FILLERS)


def _unlisted_nationality(word: str, text: str) -> str | None:
    """The place an unlisted nationality word names when ``text`` itself uses that place as
    one ("Norland" or "Norlandic" where the release says "in Norland" or "Norland's";
    "Corvennan" where it says "the Corvenna side")."""
    if not word[:1].isupper() or not _could_be_place(word):
        return None
    stems = _places_in(text)
    if word in stems:
        return stems[word]
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            place = stems.get(word[: -len(ending)])
            if place:
                return place
    return None


@lru_cache(maxsize=4096)
def _could_be_place(word: str) -> bool:
    """A capitalised word that may name an unlisted state: no title, party, month, body,
    known country or known person's word."""
    lower = word.lower()
    return (
        len(word) >= 4
        and re.fullmatch(r"[A-Z][a-z\u00C0-\u024F][\w\u00C0-\u024F-]*", word) is not None
        and lower not in lexicon.not_nationalities()
        and lower not in _title_vocabulary()
        and lower not in not_name_words()
        and lower not in _country_words()
        and lower not in _organization_words()
        and lower not in _known_place_words()
        and lower not in known_name_words()
        and body_by_alias(word) is None
    )


@cache
def _also_provinces() -> frozenset[str]:
    """Countries whose name is also a state's or province's (``subnational_places``:
    "Georgia")."""
    provinces = {place.lower() for place in lexicon.subnational_places()}
    return frozenset(
        country.name
        for country in lexicon.countries()
        if any(name.lower() in provinces for name in (country.name, *country.aliases))
    )


@cache
def _known_place_words() -> frozenset[str]:
    """Words of the regions, cities, capitals and provinces the lexicons know (not states)."""
    phrases = (
        *lexicon.locations(),
        *lexicon.places(),
        *lexicon.subnational_places(),
        *(c.capital or "" for c in lexicon.countries()),
    )
    return frozenset(word.lower() for phrase in phrases for word in phrase.split())


# A release uses a word as a place: "in/of/to/from/with Norland" (one capitalised word),
# "Norland's", "the Norland side", a dateline "PORT AMSEL, Corvenna".
_PLACE_CONTEXTS = (
    re.compile(
        r"(?:\b(?P<before>[\w’'-]+)\s+)?\b(?P<preposition>in|of|to|from|with)\s+"
        r"(?P<place>[A-Z][\w-]+)\b(?![’'-]|\s+[A-Z])"
    ),
    re.compile(r"\b(?P<place>[A-Z][\w-]+)[’']s\b"),
    re.compile(r"\b[Tt]he\s+(?P<place>[A-Z][\w-]+)\s+side\b"),
    re.compile(r"^[ \t]*[A-Z][A-Z .'’-]+,[ \t]+(?P<place>[A-Z][a-z][\w-]+)\b(?![ \t]+\d)", re.M),
)
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*\.?(?:[ \t]+[A-Z][\w’'-]*\.?)+")


@lru_cache(maxsize=8)  # one release at a time, asked for each nationality word in it
def _places_in(text: str) -> dict[str, str]:
    """Words ``text`` uses as places, by their own spelling and without their last letter
    (the stems a nationality word is made of)."""
    named = _person_words(text)
    places: set[str] = set()
    for pattern in _PLACE_CONTEXTS:
        for found in pattern.finditer(text):
            word = found.group("place")
            if _portfolio(found):
                continue  # "Minister of Justice": a portfolio, not a place
            if word not in named and _could_be_place(word):
                places.add(word)
    stems: dict[str, str] = {}
    for place in sorted(places):
        stems.setdefault(place, place)
        stems.setdefault(place[:-1], place)
    return stems


def _portfolio(found: re.Match[str]) -> bool:
    before = found.groupdict().get("before")
    if not before or found.groupdict().get("preposition") != "of":
        return False
    return before.lower() in _title_vocabulary()


def _person_words(text: str) -> frozenset[str]:
    """Words of runs of two or more name words side by side ("Ada Quill"): people's."""
    words: set[str] = set()
    for run in _NAME_RUN.finditer(text):
        named: list[str] = []
        for word in [*(re.sub(r"[’']s$", "", w) for w in run.group().split()), ""]:
            if word and _is_name_text(word):
                named.append(word)
                continue
            if len(named) >= 2:
                words.update(named)
            named = []
    return frozenset(words)


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """Words naming a speaker, classified.

    kind: person (a name, maybe titled), title (a title without a name: "the Secretary"),
    pronoun, collective ("the two sides", "Mattis and Inada"), side ("the Chinese side",
    "The United States"), organization ("the Russian Defense Ministry", "the Clinton
    campaign"), org_anaphor ("the ministry", "the statement"), group (people or a document
    that cannot be named: "Democratic party officials", "a new poll", "24 percent").
    """

    text: str
    start: int
    end: int
    kind: str
    name: str = ""  # name words as written: "Li Zuocheng", "Li", "MOTEGI Toshimitsu"
    title: str = ""  # title words as written: "General", "Secretary of Defense"
    side: str | None = None  # country from a nationality word or country name
    parts: tuple[Mention, ...] = ()


def parse_mention(text: str, tokens: list[Token]) -> Mention | None:
    """Classify the tokens of a would-be speaker mention; None when they name no speaker.

    Args:
        text: the document text the tokens index.
        tokens: the mention's tokens (no trailing punctuation).

    Returns:
        The mention, or None ("the new era", "In response").
    """
    if not tokens or len(tokens) > MAX_MENTION_TOKENS:
        return None  # a run this long is no speaker; callers try shorter ones (stays linear)
    run = _Run(text, tokens)
    found, start, movable = _parse_mention_cached(text, run)
    if run.start != start:  # the same words parsed elsewhere
        found = _moved(found, run.start - start) if movable else _parse_here(text, tokens)
    return replace(found) if found is not None else None  # a fresh object: callers use `is`


# The longest speaker mention: a list of three titled names, or "Member of the Political
# Bureau of the CPC Central Committee and Director of the Office of ... Wang Yi", is ~25 tokens.
MAX_MENTION_TOKENS = 64


@lru_cache(maxsize=4096)  # a postposed cue's subject is tried over up to 64 runs: a storm of
# cues repeats the same runs, each parsed once
def _parse_mention_cached(text: str, run: _Run) -> tuple[Mention | None, int, bool]:
    """The parse of the first run seen with ``run``'s words, where that run starts, and
    whether the parse holds for the same words elsewhere (not when it reads the text after
    them: a parenthesis left open at their end)."""
    tokens = list(run.tokens)
    stripped = _strip_edges(tokens)
    movable = not stripped or _trailing_parenthetical(stripped) is None
    return _parse_here(text, tokens), run.start, movable


def _parse_here(text: str, tokens: list[Token]) -> Mention | None:
    tokens = _strip_edges(tokens)
    if not tokens:
        return None
    tail = _trailing_parenthetical(tokens)
    if tail is not None:  # "Sen. Ann Lee (D-Mo.)": the name, its span over the parenthesis
        mention = _parse_unbracketed(text, _strip_edges(tokens[:tail]))
        return extended_over_parenthesis(text, mention) if mention is not None else None
    return _parse_unbracketed(text, tokens)


def _parse_unbracketed(text: str, tokens: list[Token]) -> Mention | None:
    """A mention without a closing parenthesis (parsed once: no recursion over "(")."""
    if not tokens:
        return None
    parts = _split_coordination(text, tokens)
    if len(parts) >= 2:
        combined = _parse_parts(text, tokens, parts)
        if combined is not None:
            return combined
    single = _parse_single(text, parts[0] if len(parts) == 1 else tokens)
    if single is None or single.kind == "unknown":
        return None
    return single


def _trailing_parenthetical(tokens: list[Token]) -> int | None:
    """Index of the "(" of a parenthesis closing the tokens (or left open at their end)."""
    if "(" not in [token.text for token in tokens]:
        return None  # the common case, decided in one pass
    opening = max((i for i, t in enumerate(tokens) if t.text == "("), default=None)
    if opening is None or opening == 0 or any(t.text == ")" for t in tokens[opening + 1 : -1]):
        return None
    return opening if tokens[-1].text == ")" or all(t.text != ")" for t in tokens) else None


def extended_over_parenthesis(text: str, mention: Mention) -> Mention:
    """The mention with the parenthesis right after it ("Sen. Ann Lee (D-Mo.)")."""
    found = re.compile(r"\s*\([^()\n]{1,40}\)").match(text, mention.end)
    if found is None:
        return mention
    return replace(mention, text=text[mention.start : found.end()], end=found.end())


def _parse_parts(text: str, tokens: list[Token], parts: list[list[Token]]) -> Mention | None:
    """A list of speakers ("Mattis and Inada") or a name with its title in apposition."""
    start, end = tokens[0].start, tokens[-1].end
    written = text[start:end]
    mentions = [_parse_single(text, part) for part in parts]
    if any(m is None for m in mentions):
        return None
    found = [m for m in mentions if m is not None]
    kinds = [m.kind for m in found]
    has_and = any(t.lower in {"and", "&"} for t in tokens)
    if kinds[-1] == "person" and all(_bare_title(m) for m in found[:-1]):
        # "Politburo Member and Director of the Office ... Yang Jiechi": one person's titles
        person = found[-1]
        titles = text[start : person.start] + person.title
        return Mention(
            written,
            start,
            end,
            "person",
            name=person.name,
            title=titles.strip().strip(",").strip(),
            side=person.side or next((m.side for m in found if m.side), None),
        )
    if not has_and and len(found) == 2 and sorted(kinds) == ["person", "title"]:
        person = next(m for m in found if m.kind == "person")
        title = next(m for m in found if m.kind == "title")
        title_words = person.title or title.title
        side = person.side or title.side
        return Mention(
            written, start, end, "person", name=person.name, title=title_words, side=side
        )
    if not has_and:
        return None
    if all(kind in ("person", "title", "pronoun") for kind in kinds) or all(
        kind == "side" for kind in kinds
    ):
        return Mention(written, start, end, "collective", parts=tuple(found))
    if all(kind in ("organization", "side") for kind in kinds):
        return _bodies_of_sides(written, start, end, found)
    return None


def _bodies_of_sides(written: str, start: int, end: int, found: list[Mention]) -> Mention:
    """ "The Kestrian Department of the Treasury and the Department of State": bodies of one
    country (a nationality distributes over the bodies after it that name none) speak for
    it; bodies of two countries speak jointly."""
    sides: list[str | None] = []
    for mention in found:
        own = _side_in(mention.text) or (mention.side if mention.kind == "side" else None)
        sides.append(own or (sides[-1] if sides else None) or mention.side)
    named = set(sides)
    if len(named) == 1 and None not in named:
        return Mention(written, start, end, "side", side=sides[0])
    return Mention(written, start, end, "collective", parts=tuple(found))


def _strip_edges(tokens: list[Token]) -> list[Token]:
    begin, end = 0, len(tokens)
    while begin < end and tokens[begin].lower in {",", "and", "&", "(", ")", "of", "-", "—"}:
        begin += 1
    while end > begin and tokens[end - 1].lower in {",", "and", "&", "(", "-", "—", "of"}:
        end -= 1
    return tokens[begin:end]


def _bare_title(mention: Mention) -> bool:
    """A title with no determiner and no name ("Politburo Member"), not "the Secretary"."""
    return mention.kind == "title" and not re.match(r"(?:the|a|an)\s", mention.text, re.I)


def _may_join(tokens: list[Token]) -> bool:
    """Whether some token may be "and", "&" or a comma (a test over the words as one text)."""
    words = " ".join([token.text for token in tokens]).lower()
    return "and" in words or "&" in words or "," in words


def _split_coordination(text: str, tokens: list[Token]) -> list[list[Token]]:
    if not _may_join(tokens):
        return [list(tokens)] if tokens else []  # nothing joins: no title spans to look up
    protected = sorted(_compound_title_spans(text, tokens[0].start, tokens[-1].end))
    parts: list[list[Token]] = [[]]
    span = 0  # one sweep over tokens and spans, both in text order: linear
    for token in tokens:
        while span < len(protected) and protected[span][1] <= token.start:
            span += 1
        inside = span < len(protected) and protected[span][0] <= token.start
        if token.text == "," and inside:
            continue  # "Minister of Land, Infrastructure, Transport and Tourism X": one title
        if token.lower in {"and", "&", ","} and not inside:
            if parts[-1]:
                parts.append([])
            continue
        parts[-1].append(token)
    return [part for part in parts if part]


def _compound_title_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans whose "and" or comma joins no two speakers: compound titles and country names
    ("Minister of Science and Technology", "Trinidad and Tobago")."""
    spans = []
    for pattern in (*_compound_title_patterns(), _joined_country_re()):
        spans += [m.span() for m in pattern.finditer(text, start, end)]
    return spans


@cache
def _joined_country_re() -> re.Pattern[str]:
    """The gazetteer's names, aliases and demonyms with "and" or "&" inside ("Bosnia and
    Herzegovina", "Saint Vincent and the Grenadines"): one country, not two speakers."""
    phrases = [
        phrase
        for country in lexicon.countries()
        for phrase in (country.name, *country.aliases, *country.demonyms)
        if {"and", "&"} & set(phrase.lower().split())
    ]
    return re.compile(rf"(?<![\w.])(?:{lexicon.phrase_regex(phrases)})(?![\w])", re.IGNORECASE)


@cache
def _compound_title_patterns() -> tuple[re.Pattern[str], ...]:
    """ "Science and Technology": titles whose "and" or comma joins no two speakers."""
    return tuple(
        re.compile(r"\s+".join(re.escape(word) for word in phrase.split()), re.IGNORECASE)
        for phrase in lexicon.title_lexicon().compound_titles
    )


class _Run:
    """A run of a document's tokens as a cache key: equal to another run with the same
    words, as written, at the same distances from its first (wherever in the document),
    after the same character.

    A run's parse reads nothing of the text outside the run but what belongs to the whole
    document (the places it names) and the character before it (where a country's name may
    start), so two such runs parse alike, offsets apart: a text repeating one phrase (a storm
    of quotes and cues) parses it once.
    """

    __slots__ = ("hashed", "key", "start", "texts", "tokens")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.tokens = tokens  # read only when the run is parsed, right away
        self.texts = tuple([token.text for token in tokens])
        self.start = start = tokens[0].start
        offsets = tuple([token.start - start for token in tokens])
        written = text[self.start - 1 if self.start else 0 : tokens[-1].end]
        self.key = (written, self.start == 0, self.texts, offsets)
        self.hashed = hash(self.key)

    def __hash__(self) -> int:
        return self.hashed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Run) and self.key == other.key


_SEPARATORS = frozenset({",", ";", ":"})


def _parse_single(text: str, tokens: list[Token]) -> Mention | None:
    run = _Run(text, tokens)
    found, start = _parse_single_cached(text, run)
    return _moved(found, run.start - start)


def _moved(mention: Mention | None, by: int) -> Mention | None:
    """The mention ``by`` characters further on (the same words found elsewhere)."""
    if mention is None or by == 0:
        return mention
    parts = tuple(_moved(part, by) for part in mention.parts)
    return replace(mention, start=mention.start + by, end=mention.end + by, parts=parts)


@lru_cache(maxsize=4096)  # callers try many spans over the same words: parse each part once
def _parse_single_cached(text: str, run: _Run) -> tuple[Mention | None, int]:
    """The parse of the first run seen with ``run``'s words, and where that run starts."""
    return _parse_run(text, run), run.start


def _parse_run(text: str, run: _Run) -> Mention | None:
    if not _SEPARATORS.isdisjoint(run.texts):
        return None  # commas separate speakers or an apposition: see _parse_parts
    tokens = tuple(run.tokens)
    start, end = tokens[0].start, tokens[-1].end
    written = text[start:end]
    lower = _one_spaced(written.lower())
    if tokens[-1].lower in _event_words():
        return None  # "the Biden-Yoon Summit underscored the bonds": an event reports no one
    for parse in (_as_pronoun, _as_collective, _as_side, _as_organization):
        found = parse(written, lower, start, end)
        if found is not None:
            return found
    head = tokens[-1]
    office = head.lower in _office_and_rank_words()  # "Official Spokesperson": a title
    if head.text[:1].isupper() and head.lower in source_heads().get("people", ()) and not office:
        return _as_group(text, tokens)  # "Republicans", "Democrats": people, not a name
    return _as_person(text, tokens) or _as_group(text, tokens)


def _as_pronoun(written: str, lower: str, start: int, end: int) -> Mention | None:
    if lower in PRONOUNS:
        return Mention(written, start, end, "pronoun", name=lower)
    return None


def _as_collective(written: str, lower: str, start: int, end: int) -> Mention | None:
    if _collective_re().fullmatch(lower):
        return Mention(written, start, end, "collective")
    return None


@cache
def _collective_re() -> re.Pattern[str]:
    sides = lexicon.side_lexicon()
    determiners = "|".join(
        re.escape(d) for d in sorted(sides.collective_determiners, key=len)[::-1]
    )
    nouns = "|".join(re.escape(n) for n in sorted(sides.collective_nouns, key=len)[::-1])
    bare = "|".join(re.escape(b) for b in sides.collective_bare if b not in PRONOUNS)
    modifier = r"(?:[a-z\-]+ ){0,2}"
    return re.compile(rf"(?:(?:{determiners}) (?:two |three )?{modifier}(?:{nouns})|{bare})")


@cache
def _side_re() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in lexicon.side_lexicon().side_nouns)
    return re.compile(rf"(?:the )?(.+?) (?:{nouns})")


@cache
def _side_of_re() -> re.Pattern[str]:
    """A side noun with its country after "of" ("the government of Costa Rica", "the side
    of Kestria"), lower case."""
    nouns = "|".join(re.escape(n.lower()) for n in lexicon.side_lexicon().side_nouns)
    return re.compile(rf"(?:the )?(?:{nouns}) of (.+)")


def _side_named(lower: str) -> str | None:
    """The country a side phrase names: "the Chinese side", "the government of Japan"."""
    match = _side_re().fullmatch(lower)
    if match and nationality_of(match.group(1)):
        return nationality_of(match.group(1))
    match = _side_of_re().fullmatch(lower)
    if match and _strip_article(match.group(1)) not in _demonym_words():
        return nationality_of(match.group(1))  # a country's name, not "the side of Chinese"
    return None


def _as_side(written: str, lower: str, start: int, end: int) -> Mention | None:
    side = _side_named(lower)
    if side:
        return Mention(written, start, end, "side", side=side)
    country = nationality_of(written)
    if country and nationality_of(written) and lower not in _demonym_words():
        return Mention(written, start, end, "side", side=country)
    capital = lexicon.capital_countries().get(written)
    if capital:
        return Mention(written, start, end, "side", side=capital)
    return None


@cache
def _demonym_words() -> frozenset[str]:
    names = {c.name.lower() for c in lexicon.countries()}
    names |= {a.lower() for c in lexicon.countries() for a in c.aliases}
    return frozenset(
        d.lower() for c in lexicon.countries() for d in c.demonyms if d.lower() not in names
    )


_OWNED_DOCUMENTS = ("statement", "readout", "release")  # "press release" ends with "release"
_OWNER_PATTERN = r"(.+?)\s*[’']s\s+(?:statement|readout|release|press release)"


def _as_organization(written: str, lower: str, start: int, end: int) -> Mention | None:
    # the cheap test first: the pattern can only match a text ending in one of its nouns
    owned = written.endswith(_OWNED_DOCUMENTS)
    owner = owned and re.fullmatch(_OWNER_PATTERN, written)
    if owner:  # "the ministry's statement said": the ministry said
        found = _as_organization(owner.group(1), owner.group(1).lower(), start, end)
        return replace(found, text=written) if found is not None else None
    issuer = _issued_by_re().fullmatch(written)
    if issuer:  # "a statement issued by the Ministry of National Defence": the ministry said
        body = issuer.group(1)
        found = _as_organization(body, body.lower(), start + issuer.start(1), end)
        return replace(found, text=written, start=start) if found is not None else None
    sides = lexicon.side_lexicon()
    if lower in sides.organization_anaphors:
        return Mention(written, start, end, "org_anaphor", name=lower)
    body = body_by_alias(written)
    if body is not None:
        return Mention(written, start, end, "organization", name=body.name, side=body.side)
    words = lower.split()
    heads = _organization_heads()
    if words and (words[-1] in heads or lower in heads) and written[:1].isupper():
        if lower.startswith(("a ", "an ")):
            return None
        return Mention(written, start, end, "organization", name=_strip_article(written))
    if words and words[-1] in heads and words[0] == "the" and len(words) > 2:
        return Mention(written, start, end, "organization", name=_strip_article(written))
    if _head_of_re().fullmatch(written):  # "the Department of the Treasury"
        name = _strip_article(written)
        return Mention(written, start, end, "organization", name=name, side=_side_in(name))
    return None


@cache
def _issued_by_re() -> re.Pattern[str]:
    data = lexicon.load_yaml("sides.yml")
    documents = "|".join(
        re.escape(d) for d in sorted(data.get("issued_documents") or (), key=len)[::-1]
    )
    verbs = "|".join(re.escape(v) for v in sorted(data.get("issuing_verbs") or (), key=len)[::-1])
    return re.compile(
        rf"(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,2}}?(?:{documents})\s+(?:{verbs})\s+(.+)",
        re.IGNORECASE,
    )


@cache
def _head_of_re() -> re.Pattern[str]:
    """A capitalised head with its "of ..." complement ("Ministry of National Defence")."""
    heads = "|".join(
        re.escape(h) for h in lexicon.side_lexicon().organization_heads if h[:1].isupper()
    )
    word = r"[A-Z][\w’'-]*"
    return re.compile(
        rf"(?:[Tt]he\s+)?(?:{word}\s+)*(?:{heads})\s+(?:of|for)\s+(?:the\s+)?"
        rf"{word}(?:\s+(?:and\s+|of\s+|of\s+the\s+)?{word})*"
    )


@cache
def _organization_heads() -> frozenset[str]:
    return frozenset(h.lower() for h in lexicon.side_lexicon().organization_heads)


def _strip_article(written: str) -> str:
    return re.sub(r"^(?:the|The|a|an)\s+", "", written.strip())


@cache
def _body_table() -> dict[str, lexicon.Body]:
    table: dict[str, lexicon.Body] = {}
    for body in lexicon.side_lexicon().bodies:
        for alias in (body.name, *body.aliases):
            table.setdefault(_normal(alias), body)
    return table


_LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+")


def _normal(words: str) -> str:
    words = words.lower().replace("’", "'")
    words = _LEADING_ARTICLE_RE.sub("", words.strip())
    return _one_spaced(words)


def body_by_alias(written: str) -> lexicon.Body | None:
    """The speaking body a phrase names ("the Pentagon" -> U.S. Department of Defense)."""
    return _body_table().get(_normal(written))


_SKIPPED_BEFORE_NAME = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "’s", "'s", ".", "(", ")", "-"}
)


def _as_person(text: str, tokens: list[Token]) -> Mention | None:
    """Determiners, nationality and organisation words, titles, then name words at the end."""
    start, end = tokens[0].start, tokens[-1].end
    written = text[start:end]
    name_at = len(tokens)
    while name_at > 0 and is_name_word(tokens[name_at - 1]):
        name_at -= 1
        particles = name_at  # "von der" before "Leyen", "bin" before "Farhan"
        while (
            particles > 0 and name_at - particles < 3 and tokens[particles - 1].text in _particles()
        ):
            particles -= 1
        if particles < name_at and particles > 0 and is_name_word(tokens[particles - 1]):
            name_at = particles
        elif particles < name_at and (particles == 0 or is_title_word(tokens[particles - 1])):
            name_at = particles  # "President von der Leyen"
            break
    if name_at == len(tokens) and len(tokens) >= 2 and _surname_after_honorific(tokens):
        name_at -= 1  # "Mr. King", "Ms. Bishop": a family name that is a title word
    if name_at < len(tokens) - 1 and _country_before_name(tokens, name_at):
        name_at += 1  # "President of Chad Mahamat Deby": Chad is the country
    name_tokens = tokens[name_at:]
    if name_tokens and name_tokens[0].lower in _suffixes():
        return None
    found = _title_and_side(tokens[:name_at], text)
    if found is None:
        return None
    title_tokens, side = found
    substantive = [
        t
        for t in title_tokens
        if (is_title_word(t) or t.lower in _organization_words()) and t.lower not in _TITLE_FILLERS
    ]
    if title_tokens and not substantive:
        return None  # "Little Relief for Refugees": capitalised words and "for", no title
    title = _title_text(text, title_tokens)
    officeless = not _has_office_or_rank(title_tokens)
    honored = any(t.lower in _honorific_words() for t in tokens[:name_at])
    article = tokens[0].text == "The" or (tokens[0].text == "the" and not honored)
    article = article and not title_tokens  # "the Democratic candidate X" is a person
    body_head = name_tokens and name_tokens[-1].lower in source_heads().get("organizations", ())
    if name_tokens and officeless and (article or body_head or _publication(name_tokens[-1])):
        # "The Latest", "the FBI", "Marenic Daily": a publication or a body, not a person
        return Mention(written, start, end, "organization", name=_strip_article(written))
    if name_tokens:
        name = text[name_tokens[0].start : name_tokens[-1].end]
        return Mention(written, start, end, "person", name=name, title=title, side=side)
    if title and _has_office_or_rank(title_tokens):
        return Mention(written, start, end, "title", title=title, side=side)
    return None


def _surname_after_honorific(tokens: list[Token]) -> bool:
    """ "Mr. King": an honorific then a title word that is a family name after "Mr."
    (``surname_titles``); "Mr. President" stays the President, addressed."""
    honorific = tokens[-2].lower.rstrip(".") in {"mr", "ms", "mrs", "dr", "madam", "madame"}
    return honorific and tokens[-1].text in _surname_titles()


@cache
def _surname_titles() -> frozenset[str]:
    return frozenset(lexicon.load_yaml("titles.yml").get("surname_titles") or ())


@cache
def _event_words() -> frozenset[str]:
    """Last words of events' names ("Summit", "Dialogue"), lower-cased (data/titles.yml)."""
    words = lexicon.load_yaml("titles.yml").get("event_words") or ()
    return frozenset(str(word).lower() for word in words)


def _publication(token: Token) -> bool:
    """The last word of a news outlet's name ("Herald", "Times", "News")."""
    words = lexicon.load_yaml("titles.yml").get("publication_words") or ()
    return token.text in words


def _title_and_side(tokens: list[Token], text: str = "") -> tuple[list[Token], str | None] | None:
    """The title words and the side of the words before a name; None when one is neither.

    A capitalised word before a title word qualifies the title ("Florida Gov.", "Clinton
    campaign chairman"); before a state's office or rank it is the side when ``text`` uses
    it as a place ("Norland Defence Minister" where the release says "in Norland").
    """
    side = None
    bare: list[Token] = []  # the country's bare name ("Georgia"), not a nationality word
    title_tokens: list[Token] = []
    title_after: list[bool] | None = None  # built when first needed: most spans fail before
    number = 0
    while number < len(tokens):
        token = tokens[number]
        lower = token.lower
        country, stop = (
            _country_from(tokens, number) if lower not in _SKIPPED_BEFORE_NAME else (None, number)
        )
        if country:  # "Chinese", "South Korean", "Republic of Estonia"
            if side is None:
                side, bare = country, _bare_name(tokens[number:stop])
            number = stop
            continue
        number += 1
        if lower in _SKIPPED_BEFORE_NAME or lower == "of":
            continue  # "of" joins a title to its country; alone it makes no office
        if number == len(tokens) and lower in _country_words() and lower not in _TITLE_FILLERS:
            continue  # "The New York", "United Technologies": a place's or firm's first word
        if is_title_word(token) or lower in _organization_words():
            title_tokens.append(token)
            continue
        leftover = lower in _country_words()  # "Islamic" of "Islamic State", "Costa" alone
        if leftover and not _substantive_title_after(tokens, number):
            continue  # "the American Federation of Teachers"
        qualifier = leftover or is_name_word(token) or re.fullmatch(r"(?:[A-Z]\.){2,}", token.text)
        if qualifier and title_after is None:
            title_after = _title_word_after(tokens)
        if qualifier and title_after is not None and title_after[number - 1]:
            place = _unlisted_nationality(token.text, text) if text and side is None else None
            if place and _is_national_title(tokens[number:]):
                side = place  # "Norland Defence Minister" in a release about Norland
                continue
            title_tokens.append(token)  # "Florida Gov.", "F.B.I. director"
            continue
        return None
    if bare and _is_local_title(title_tokens):
        # "Georgia Gov.", "New Mexico Senator": a state's office, not a country's
        side, title_tokens = None, sorted(bare + title_tokens, key=lambda t: t.start)
    return title_tokens, side


def _substantive_title_after(tokens: list[Token], start: int) -> bool:
    """A title word other than "of", "and", "the" ... at or after ``start``."""
    return any(is_title_word(t) and t.lower not in _TITLE_FILLERS for t in tokens[start:])


def _trimmed(title_tokens: list[Token]) -> list[Token]:
    """Title tokens without the joining words left at either end ("Minister of Defence of"
    before "the Republic of Estonia")."""
    begin, end = 0, len(title_tokens)
    while begin < end and title_tokens[begin].lower in _TITLE_FILLERS:
        begin += 1
    while end > begin and title_tokens[end - 1].lower in _TITLE_FILLERS:
        end -= 1
    return title_tokens[begin:end]


def _title_word_after(tokens: list[Token]) -> list[bool]:
    """For each token, whether a title word follows it (one backward pass)."""
    after = [False] * len(tokens)
    seen = False
    for number in range(len(tokens) - 1, -1, -1):
        after[number] = seen
        seen = seen or is_title_word(tokens[number])
    return after


# Words that never stand inside a noun phrase before its head: verbs of being and having,
# modals, conjunctions, relative words and the prepositions that open an adjunct.
_NOT_IN_NOUN_PHRASE = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "not",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "while",
        "because",
        "if",
        "as",
        "than",
        "but",
        "so",
        "and",
        "or",
        "nor",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "there",
        "here",
        "then",
        "also",
        "said",
        "says",
        "say",
        "told",
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "since",
        "with",
        "by",
        "to",
        "into",
        "over",
        "under",
        "about",
        "among",
        "between",
        "through",
        "despite",
        "like",
        "unlike",
        "until",
        "though",
        "although",
        "however",
        "meanwhile",
        "now",
        "still",
        "even",
        "just",
        "only",
    }
)
_GROUP_PUNCTUATION = frozenset({"’s", "'s", "’", "-", "&", "/", "%", "."})


@cache
def source_heads() -> dict[str, frozenset[str]]:
    """Head words of generic sources by class (``data/sides.yml`` source_heads)."""
    heads = lexicon.load_yaml("sides.yml").get("source_heads") or {}
    return {kind: frozenset(w.lower() for w in words or ()) for kind, words in heads.items()}


def _as_group(text: str, tokens: list[Token]) -> Mention | None:
    """A noun phrase headed by a generic source ("Democratic party officials", "a new poll",
    "Twenty-four percent", "Six in 10", "The Clinton campaign"), or None."""
    if len(tokens) > 12 or not _noun_phrase(tokens[:-1]):
        return None
    head = tokens[-1]
    written = text[tokens[0].start : head.end]
    heads = source_heads()
    numeric = head.text.isdigit() and len(tokens) >= 3 and tokens[-2].lower == "in"
    if head.lower in heads.get("organizations", ()) or (
        head.text[:1].isupper() and head.lower in heads.get("documents", ())
    ):
        name = _strip_article(written)
        return Mention(written, tokens[0].start, head.end, "organization", name=name)
    if numeric or head.lower in heads.get("people", ()) or head.lower in heads.get("documents", ()):
        if len(_sides_named(tokens)) >= 2:  # "Chinese and U.S. officials": both sides
            return Mention(written, tokens[0].start, head.end, "collective")
        return Mention(written, tokens[0].start, head.end, "group")
    return None


_APPROXIMATORS = frozenset(
    {
        "about",
        "nearly",
        "almost",
        "roughly",
        "around",
        "approximately",
        "only",
        "just",
        "over",
        "under",
        "more",
        "less",
        "fewer",
        "than",
        "at",
        "least",
        "most",
    }
)


def _noun_phrase(tokens: list[Token]) -> bool:
    """Words that may stand before a noun phrase's head: no verb, conjunction or clause word
    ("and" only between two capitalised words: "Chinese and U.S. officials"; "about", "more
    than" only first: "about half of voters")."""
    lead = 0
    while lead < len(tokens) and tokens[lead].lower in _APPROXIMATORS:
        lead += 1
    tokens = tokens[lead:]
    return all(
        _modifier_word(t) or (t.lower in {"and", "&"} and _between_capitals(tokens, n))
        for n, t in enumerate(tokens)
    )


def _modifier_word(token: Token) -> bool:
    if token.lower in _NOT_IN_NOUN_PHRASE:
        return False
    return token.text in _GROUP_PUNCTUATION or re.fullmatch(r"[\w’'.-]+", token.text) is not None


def _between_capitals(tokens: list[Token], index: int) -> bool:
    return 0 < index < len(tokens) - 1 and all(
        t.text[:1].isupper() for t in (tokens[index - 1], tokens[index + 1])
    )


def _sides_named(tokens: list[Token]) -> set[str]:
    return {side for t in tokens if (side := nationality_of(t.text)) is not None}


def _title_text(text: str, title_tokens: list[Token]) -> str:
    if not title_tokens:
        return ""
    kept = [t for t in title_tokens if t.lower not in _honorific_words()]
    if not kept:
        return ""
    return text[kept[0].start : kept[-1].end]


@cache
def _office_and_rank_words() -> frozenset[str]:
    titles = lexicon.title_lexicon()
    return frozenset(
        word.lower() for phrase in (*titles.office_heads, *titles.ranks) for word in phrase.split()
    ) | {"counterpart"}


@cache
def _relay_words() -> tuple[str, ...]:
    return tuple(w.lower() for w in lexicon.load_yaml("titles.yml").get("relay_titles") or ())


@lru_cache(maxsize=8)  # one release's text at a time, asked once a title mention
def _first_relay_word(text: str) -> int:
    """Where a relay title ("spokesperson") is first written, or the text's length."""
    words = _relay_words()
    found = re.search("|".join(re.escape(w) for w in words), text, re.I) if words else None
    return found.start() if found is not None else len(text)


def is_relay_title(title: str | None) -> bool:
    """Spokespersons and press secretaries (``relay_titles``), who relay others' words."""
    lowered = (title or "").lower()
    return any(word in lowered for word in _relay_words())


def has_office_title(title: str | None) -> bool:
    """True when a title names an office or rank ("Secretary of State"), not just "the"."""
    return any(word.lower() in _office_and_rank_words() for word in (title or "").split())


def _has_office_or_rank(tokens: list[Token]) -> bool:
    return any(token.lower in _office_and_rank_words() for token in tokens)


# ---------------------------------------------------------------- canonical person names


def canonical_person_name(written: str, *, text: str = "") -> str:
    """The canonical form of a person's name as written.

    Honorifics, initials and suffixes go ("Lloyd J. Austin III" -> "Lloyd Austin"), Japanese
    press style ("MOTEGI Toshimitsu") becomes given-family, all-capitals labels take the
    spelling the release uses elsewhere, and ``data/people.yml`` unifies the rest
    ("James N. Mattis" -> "Jim Mattis", "Hugo George William Swire" -> "Hugo Swire").

    Args:
        written: the name words as written.
        text: the whole document, to find a mixed-case spelling of an all-capitals name.
    """
    known = known_person_by_alias(written)
    if known is not None:
        return known.name
    words = [w for w in re.split(r"\s+", written.strip().strip(",")) if w]
    words = [w for w in words if w.lower().rstrip(".") not in {"mr", "mrs", "ms", "dr"}]
    core = [w for w in words if not re.fullmatch(r"[A-Z]\.", w) and w.lower() not in _suffixes()]
    core = [w.rstrip(",") for w in core] or words
    if len(core) >= 2 and _is_caps(core[0]) and not any(_is_caps(w) for w in core[1:]):
        core = [*core[1:], _title_case(core[0])]  # MOTEGI Toshimitsu -> Toshimitsu Motegi
    elif all(_is_caps(w) for w in core):
        core = _mixed_case_spelling(core, text)
    name = " ".join(core)
    known = known_person_by_alias(name)
    return known.name if known is not None else name


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _title_case(word: str) -> str:
    # Korean given names keep the syllable after the hyphen lower case: "Jong-sup"
    head, _, tail = word.partition("-")
    return head.capitalize() + (f"-{tail.lower()}" if tail else "")


def _mixed_case_spelling(words: list[str], text: str) -> list[str]:
    pattern = r"\s+".join(re.escape(w) for w in words)
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        found = match.group().split()
        if not all(_is_caps(w) for w in found):
            return found
    return [_title_case(w) for w in words]


@cache
def _known_alias_table() -> dict[str, lexicon.KnownPerson]:
    table: dict[str, lexicon.KnownPerson] = {}
    for person in lexicon.known_people():
        for alias in (person.name, *person.aliases):
            table.setdefault(_name_key(alias), person)
    return table


def _name_key(name: str) -> str:
    name = re.sub(r"[’]", "'", name.lower())
    name = re.sub(r"[,]", " ", name)
    return re.sub(r"\s+", " ", name).strip()


def known_person_by_alias(written: str) -> lexicon.KnownPerson | None:
    """The official ``data/people.yml`` knows under this full name, if any."""
    return _known_alias_table().get(_name_key(written))


@cache
def known_name_words() -> frozenset[str]:
    """Every word of the names and aliases of ``data/people.yml``, lower case."""
    return frozenset(
        word for alias in _known_alias_table() for word in alias.split() if word.strip(".")
    )


def known_people_by_family(family: str) -> list[lexicon.KnownPerson]:
    """Officials in ``data/people.yml`` with this family name."""
    key = family.lower()
    return [p for p in lexicon.known_people() if p.family.lower() == key]


# ---------------------------------------------------------------- people named in a release


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A full name found in the release, with what its context says about the person."""

    name: str  # canonical
    written: str
    start: int
    end: int
    words: tuple[str, ...]  # the name words as written, lower case ("li", "zuocheng")
    title: str = ""
    side: str | None = None
    role: str | None = None
    gender: str | None = None  # from "Mr." / "Ms." before the name


def index_people(text: str) -> list[NamedPerson]:
    """Every full name (two or more name words) in ``text``, in order.

    Args:
        text: the document text.

    Returns:
        The names with their titles (words before), sides (nationality words before, or "of
        <country>" after) and roles (an appositive after: "Li Zuocheng, member of ...").
    """
    tokens = tokenize(text)
    people: list[NamedPerson] = []
    index = 0
    while index < len(tokens):
        if _country_before_name(tokens, index) or _headline_verb_opening(text, tokens, index):
            index += 1  # "President of Chad Mahamat Deby": the name starts after Chad
            continue
        end = index
        while end < len(tokens) and _same_line(text, tokens, index, end):
            if _headline_verb_after_name(text, tokens, index, end):
                break  # "... Minister Teodora Lasz Hold a Joint Press Conference"
            if not is_name_word(tokens[end]):
                end = _over_particles(tokens, index, end)
                if not is_name_word(tokens[end]) or not _same_line(text, tokens, index, end):
                    break
            end += 1
            if tokens[end - 1].lower in _suffixes():
                break  # "Joseph R. Biden Jr. Call with": the name ends at its suffix
        run = tokens[index:end]
        if (
            len(run) >= 2
            and run[0].lower not in _suffixes()
            and _is_person_run(run)
            and nationality_of(_joined(run)) is None  # "San Marino", "Sierra Leone"
        ):
            people.append(_named_person(text, tokens, index, end))
        # a headline verb after the name starts no name: "Ana Ruiz Meets Tom Hale"
        index = max(end, index + 1) + _headline_verb_after_name(text, tokens, index, end)
    return _with_shared_sides(people)


def _headline_verb_after_name(text: str, tokens: list[Token], first: int, index: int) -> bool:
    """A title-case verb of ``headline_verbs`` ("Hold", "Meets") at ``index`` ends the name
    begun at ``first`` when that is complete (two name words or more) and the line is a
    title-case headline; in running text "Ana Call" may still be a name."""
    if index >= len(tokens) or tokens[index].lower not in lexicon.headline_verbs():
        return False
    named = [t for t in tokens[first:index] if is_name_word(t) and not _initial(t)]
    return len(named) >= 2 and _title_case_line(_line_of(text, tokens[index].start))


def _headline_verb_opening(text: str, tokens: list[Token], index: int) -> bool:
    """A verb of ``headline_verbs`` opening a run of capitalised words in a title-case
    headline ("Kestria and Norland Hold Consultations"): no name starts with it."""
    return tokens[index].lower in lexicon.headline_verbs() and _title_case_line(
        _line_of(text, tokens[index].start)
    )


def _initial(token: Token) -> bool:
    return re.fullmatch(r"[A-Z]\.", token.text) is not None


def _line_of(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


@lru_cache(maxsize=64)
def _title_case_line(line: str) -> bool:
    """A headline in title case: every word of four letters or more capitalised (there are
    at least three) but the small words title case leaves lower case ("with", "from")."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) >= 4]
    minor = _NOT_IN_NOUN_PHRASE | _TITLE_FILLERS
    content = [w for w in words if w not in minor]
    return len(content) >= 3 and all(w[:1].isupper() for w in content)


def _with_shared_sides(people: list[NamedPerson]) -> list[NamedPerson]:
    """Each person with the side the release gives them anywhere: "MINISTER ROSKEN TAMAS:"
    speaks for the country of "Saramundi Minister of Defence Rosken Tamas" in the heading
    (unless the release gives the name two sides)."""
    sides: dict[str, set[str]] = {}
    for person in people:
        if person.side:
            sides.setdefault(person.name, set()).add(person.side)
    return [
        replace(person, side=next(iter(sides[person.name])))
        if person.side is None and len(sides.get(person.name, ())) == 1
        else person
        for person in people
    ]


@cache
def _particles() -> frozenset[str]:
    return frozenset(lexicon.load_yaml("titles.yml").get("name_particles") or ())


def _over_particles(tokens: list[Token], first: int, index: int) -> int:
    """Past lower-case name particles between name words ("von der" in "Ursula von der
    Leyen"); ``index`` itself when they lead to no name word (or start no name)."""
    if index == first:
        return index
    stop = index
    while stop < len(tokens) and stop - index < 3 and tokens[stop].text in _particles():
        stop += 1
    if stop > index and stop < len(tokens) and is_name_word(tokens[stop]):
        return stop
    return index


def index_titled_names(text: str) -> list[NamedPerson]:
    """Single names after an office or rank ("President Biden", "General Wei"), in order.

    Their canonical name comes from ``data/people.yml`` when the title fits one official;
    title anaphors ("the President") may refer back to them.
    """
    tokens = tokenize(text)
    found = []
    for index in range(1, len(tokens) - 1):
        token, before, after = tokens[index], tokens[index - 1], tokens[index + 1]
        if not is_name_word(token) or is_name_word(after) or is_name_word(before):
            continue
        if before.lower not in _office_and_rank_words() or not before.text[:1].isupper():
            continue
        title = before.text
        mention = Mention(
            token.text, token.start, token.end, "person", name=token.text, title=title
        )
        known = _known_by_family(token.text, mention)
        found.append(
            NamedPerson(
                name=known.name if known else token.text,
                written=token.text,
                start=token.start,
                end=token.end,
                words=(token.lower,),
                title=title,
                side=known.side if known else None,
            )
        )
    return found


_ByWord = dict[str, tuple[list[NamedPerson], list[int]]]


def _people_by_end_word(people: list[NamedPerson]) -> _ByWord:
    """Full names (two words or more) by their first and last word, in text order, with
    their end offsets (for a binary search)."""
    by_word: _ByWord = {}
    for person in people:
        if len(person.words) >= 2:
            for word in {person.words[0], person.words[-1]}:
                named, ends = by_word.setdefault(word, ([], []))
                named.append(person)
                ends.append(person.end)
    return by_word


def _completed(titled: NamedPerson, by_word: _ByWord) -> NamedPerson:
    """A titled single name as the full name it shortens in this release ("Secretary Hale"
    -> "Tom Hale"): the nearest full name before it with that first or last word, else the
    first after it."""
    same, ends = by_word.get(titled.words[0], ([], []))
    index = bisect_right(ends, titled.start)
    if index > 0:
        person: NamedPerson | None = same[index - 1]
    else:
        person = same[0] if same and same[0].start >= titled.end else None
    if person is None:
        return titled
    return replace(titled, name=person.name, side=titled.side or person.side, role=person.role)


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[”\"’']?\s+|\n\s*\n")


def genders_from_pronouns(text: str, people: list[NamedPerson]) -> dict[str, str]:
    """Genders the release's own pronouns show: a sentence opening with "He" or "She" right
    after a sentence that names exactly one person (in full or by a word of the name) is a
    vote for that person; at least two votes one way and at most a third as many the other
    make them male or female."""
    words: dict[str, str | None] = {}
    for person in people:
        for word in person.words:
            if len(word) > 2 and word not in _particles():
                words[word] = person.name if words.get(word, person.name) == person.name else None
    if not words:
        return {}
    votes: dict[str, list[int]] = {}
    previous: set[str | None] = set()
    for sentence in _SENTENCE_END_RE.split(text[:200_000]):
        opening = re.match(r"(He|She)\b", sentence)
        if opening and len(previous) == 1 and None not in previous:
            tally = votes.setdefault(next(iter(previous)), [0, 0])
            tally[0 if opening.group(1) == "He" else 1] += 1
        capitalised = re.findall(r"\b[A-Z][\w’'-]*", sentence)  # a dict lookup a word: linear
        named = {words[w.lower()] for w in capitalised if w.lower() in words}
        previous = named
    genders = {}
    for name, (male, female) in votes.items():
        if male >= 2 and male >= 3 * female:
            genders[name] = "male"
        elif female >= 2 and female >= 3 * male:
            genders[name] = "female"
    return genders


def _same_line(text: str, tokens: list[Token], first: int, current: int) -> bool:
    if current == first:
        return True
    return "\n" not in text[tokens[current - 1].end : tokens[current].start]


def _is_person_run(run: list[Token]) -> bool:
    # initials and suffixes alone are not a name; neither is a run of all-capitals headings
    real = [t for t in run if not re.fullmatch(r"[A-Z]\.", t.text) and t.lower not in _suffixes()]
    if len(real) > MAX_NAME_WORDS and not any(t.text in _particles() for t in run):
        return False  # "Veto Power Impedes Peace Efforts": a headline in title case
    return len(real) >= 1 and (len(real) >= 2 or len(run) >= 3)


# Name words of the longest name without particles ("Joseph Robinette Biden", "Kim Jong Un",
# "Pham Minh Chinh"); more capitalised words in a row are a headline.
MAX_NAME_WORDS = 4


def _named_person(text: str, tokens: list[Token], first: int, end: int) -> NamedPerson:
    run = tokens[first:end]
    written = text[run[0].start : run[-1].end]
    cursor = first - 1
    if _in_apposition(text, tokens, first, end):
        cursor = first - 2  # "The Foreign Secretary, Tom Hale, met ...": the title before
    title_tokens, side = _title_before(text, tokens, cursor)
    after_side, role = _after_name(text, tokens, end)
    if after_side in _also_provinces() and not _is_national_title(title_tokens):
        after_side = None  # "Randy Evans, a committeeman from Georgia": the US state
    title = _title_text(text, title_tokens).strip()
    if not title and role:
        title = _title_from_role(role)
    return NamedPerson(
        name=canonical_person_name(written, text=text),
        written=written,
        start=run[0].start,
        end=run[-1].end,
        words=tuple(t.lower for t in run if t.lower not in _suffixes()),
        title=title,
        side=side or after_side,
        role=role,
        gender=_honorific_gender(tokens, first),
    )


def _title_before(text: str, tokens: list[Token], cursor: int) -> tuple[list[Token], str | None]:
    """The title words and the side written on the name's line before it, read backwards
    from ``cursor`` ("Sri Lankan Foreign Minister", "Minister of Defence of the Republic
    of Estonia", "Norland Defence Minister" in a release that uses Norland as a place)."""
    title_tokens: list[Token] = []
    side = None
    bare: list[Token] = []
    while cursor >= 0:
        country, begin = _country_to(tokens, cursor + 1)
        first = begin if country else cursor
        if "\n" in text[tokens[first].end : tokens[cursor + 1].start]:
            break  # a title stays on the name's line
        if country:
            if side is None:
                side, bare = country, _bare_name(tokens[begin : cursor + 1])
            cursor = begin - 1
            continue
        token = tokens[cursor]
        if _is_title_context(token):
            if token.lower not in {"the", "’s", "'s", "(", ")"}:
                title_tokens.insert(0, token)
            cursor -= 1
            continue
        place = None if side else _unlisted_nationality(token.text, text)
        if place is None or not _is_national_title(title_tokens):
            break
        side = place  # "Norland Defence Minister" where the release says "in Norland"
        cursor -= 1
    title_tokens = _trimmed(title_tokens)
    if bare and _is_local_title(title_tokens):
        side, title_tokens = None, sorted(bare + title_tokens, key=lambda t: t.start)
    return title_tokens, side


def _in_apposition(text: str, tokens: list[Token], first: int, end: int) -> bool:
    """A name between commas right after a title ("The Foreign Secretary, Tom Hale, said")."""
    if first < 2 or tokens[first - 1].text != "," or end >= len(tokens):
        return False
    if tokens[end].text != ",":
        return False
    return (
        has_office_title(tokens[first - 2].text)
        and "\n" not in text[tokens[first - 2].start : tokens[first].start]
    )


def _honorific_gender(tokens: list[Token], first: int) -> str | None:
    honorific = tokens[first - 1].lower.rstrip(".") if first > 0 else ""
    return {"mr": "male", "ms": "female", "mrs": "female", "madam": "female"}.get(honorific)


def _is_title_context(token: Token) -> bool:
    if token.lower in {"the", "’s", "'s"}:
        return True
    if nationality_of(token.text) or is_title_word(token):
        return token.text[:1].isupper() or token.lower in _title_vocabulary()
    return token.text[:1].isupper() and token.lower in _organization_words()


def _after_name(text: str, tokens: list[Token], end: int) -> tuple[str | None, str | None]:
    """Side from "of <country>" and a role from an appositive after the name."""
    rest = text[tokens[end - 1].end : tokens[end - 1].end + 220]
    side = None
    of_country = re.match(r"\s+of\s+", rest)
    if of_country:
        side = country_at(rest[of_country.end() :])
    role_match = re.match(
        r",\s+((?:also\s+)?(?:a\s+|an\s+|the\s+)?[^,;\n]{3,160}?)(?:,|;|\.\s|\.$|$)", rest
    )
    role = None
    if role_match:
        candidate = role_match.group(1).strip()
        first_word = candidate.split()[0].lower() if candidate.split() else ""
        titled = first_word == "the" and any(
            w.lower() in _office_and_rank_words() for w in candidate.split()
        )  # "Zhou Ming, the Chinese commander,"
        if (
            titled
            or first_word in _title_vocabulary()
            or first_word
            in {
                "also",
                "a",
                "an",
                "member",
                "chief",
            }
        ):
            role = re.sub(r"^also\s+", "", candidate)
            side = side or _side_in(role)
    return side, role


def organization_in(words: str) -> str | None:
    """The body a title or role names ("Pentagon spokesman" -> U.S. Department of Defense,
    "chief of the CMC Joint Staff Department" -> "CMC Joint Staff Department")."""
    lowered = words.lower()
    for pattern, body in _body_patterns():
        if pattern.search(lowered):
            return body.name
    heads = "|".join(
        re.escape(h) for h in lexicon.side_lexicon().organization_heads if h[:1].isupper()
    )
    found = re.search(
        rf"(?:[A-Z][\w’'-]*\s+)*(?:{heads})(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w’'-]*)+)?", words
    )
    if found is None:
        return None
    return re.sub(r"^\S+[’']s\s+", "", found.group())  # "China’s Central Military Commission"


@cache
def _body_patterns() -> tuple[tuple[re.Pattern[str], lexicon.Body], ...]:
    """Each body alias as a whole-word pattern, longest alias first (compiled once)."""
    return tuple(
        (re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"), body)
        for alias, body in sorted(_body_table().items(), key=lambda item: -len(item[0]))
    )


def country_at(words: str) -> str | None:
    """The country whose name (longest alias first) opens ``words`` ("the PRC's ...")."""
    table = lexicon.country_by_word()
    for alias in _aliases_by_initial().get(words[:1].lower(), ()):
        if (
            words[: len(alias)].lower() == alias
            and not words[len(alias) : len(alias) + 1].isalnum()
        ):
            return table[alias]
    return None


@cache
def _aliases_by_initial() -> dict[str, tuple[str, ...]]:
    """Country aliases by their first letter, longest first."""
    grouped: dict[str, list[str]] = {}
    for alias in sorted(lexicon.country_by_word(), key=len, reverse=True):
        grouped.setdefault(alias[:1], []).append(alias)
    return {initial: tuple(aliases) for initial, aliases in grouped.items()}


def _side_in(words: str) -> str | None:
    """The first country a run of capitalised words names, whole ("United States") or by
    its opening words ("Kestrian Southern Fleet Command", "China's Central ...")."""
    for match in re.finditer(r"[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*", words):
        run = re.sub(r"^The\s+", "", match.group())
        country = nationality_of(run) or country_at(run)
        if country:
            return country
    return None


def _title_from_role(role: str) -> str:
    words = role.split()
    cleaned = [w for w in words if w.lower() not in {"a", "an", "the"}]
    heads = [w for w in cleaned if w.lower() in _office_and_rank_words()]
    return " ".join(cleaned[:6]) if heads else ""


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name (None when it cannot be named), kind, side."""

    name: str | None
    kind: str  # person, side, collective, organization, unknown
    side: str | None = None
    title: str | None = None
    role: str | None = None


BOTH_SIDES = Speaker("both sides", "collective")


@dataclass
class Resolver:
    """Resolves the mentions of one release, remembering who spoke last.

    Build it with the release text; call :meth:`resolve` on mentions in text order and
    :meth:`note_speaker` after each statement so pronouns and titles find their antecedents.
    """

    text: str
    people: list[NamedPerson] = field(default_factory=list)
    captions: tuple[tuple[int, int], ...] = ()
    speakers: list[tuple[int, Speaker, str]] = field(default_factory=list)  # (pos, who, title)
    organizations: list[tuple[int, Speaker]] = field(default_factory=list)
    subjects: list[tuple[int, Speaker]] = field(default_factory=list)  # narration subjects
    genders: dict[str, str] = field(default_factory=dict)
    titled: list[NamedPerson] = field(default_factory=list)  # "President Biden"
    # speakers reported inside another statement, seen only from inside it: (pos, who, span)
    inner: list[tuple[int, Speaker, tuple[int, int]]] = field(default_factory=list)
    home: str | None = None  # the country whose release this is (dateline, publisher)
    # people by the first and last word of their name, built on first use (one scan, not one
    # per short mention: a release with thousands of "Li said" stays linear)
    _by_name_end: dict[str, list[NamedPerson]] | None = field(default=None, repr=False)

    @classmethod
    def for_text(cls, text: str, *, captions: tuple[tuple[int, int], ...] = ()) -> Resolver:
        people = index_people(text)
        genders = {p.name: p.gender for p in lexicon.known_people() if p.gender}
        genders.update(genders_from_pronouns(text, people))
        genders.update({p.name: p.gender for p in people if p.gender})
        by_word = _people_by_end_word(people)
        titled = [_completed(entry, by_word) for entry in index_titled_names(text)]
        resolver = cls(text, people, captions, genders=genders, titled=titled)
        resolver.home = home_side(text)
        return resolver

    def note_speaker(self, position: int, speaker: Speaker, title: str = "") -> None:
        """Remember a statement's speaker (for "He", "the Minister", "the ministry")."""
        if speaker.kind == "person" and speaker.name:
            self.speakers.append((position, speaker, title or (speaker.title or "")))
        elif speaker.kind == "organization" and speaker.name:
            self.organizations.append((position, speaker))

    def note_inner_speaker(self, position: int, speaker: Speaker, scope: tuple[int, int]) -> None:
        """Remember a speaker reported inside another statement's content (``scope``): "He"
        later in that content may be them ("Ashcombe expressed support, and he stated ...")."""
        if speaker.kind == "person" and speaker.name:
            self.inner.append((position, speaker, scope))

    def note_subject(self, position: int, speaker: Speaker) -> None:
        """Remember the person a narrating sentence is about ("X also attended. She said")."""
        if speaker.kind == "person" and speaker.name:
            self.subjects.append((position, speaker))

    def resolve(
        self,
        mention: Mention,
        *,
        turn_speaker: Speaker | None = None,
        turn_start: int | None = None,
        prefer_first: bool = False,
    ) -> Speaker:
        """The canonical speaker a mention names, at its position in the text.

        Args:
            mention: the mention.
            turn_speaker: whose press-conference turn the mention is in ("I" is them).
            turn_start: where that turn's words start ("he" in its first paragraph is not
                its speaker).
            prefer_first: a title names the first person introduced with it (a transcript
                label "THE PRESIDENT:" is the release's own president), not the last.
        """
        if mention.kind == "collective":
            return BOTH_SIDES
        if mention.kind == "side":
            return Speaker(mention.side, "side", side=mention.side)
        if mention.kind == "organization":
            body = body_by_alias(mention.name) or body_by_alias(mention.text)
            if body is not None:
                return Speaker(body.name, "organization", side=body.side)
            owned = _owned_body(mention.name)
            if owned is not None:  # "Valdoria's Ministry of Commerce"
                return owned
            side = mention.side or _side_in(mention.text)
            if side is None and _is_state_body(mention.name):
                return self._national_body(mention.name)
            generic = side is None and mention.name[:1].islower()
            known = _body_of_side(mention.name, self.home) if generic else None
            if known is not None:  # "the defense ministry" in a Korean agency's story
                return known
            return Speaker(mention.name, "organization", side=side)
        if mention.kind == "org_anaphor":
            return (
                self._last_organization(mention.start)
                or self._issuing_body(mention)
                or Speaker(None, "organization")
            )
        if mention.kind == "group":
            return _group_speaker(mention)
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention, turn_speaker, turn_start)
        if mention.kind == "title":
            return self._resolve_title(mention, prefer_first=prefer_first)
        return self._resolve_person(mention)

    # -- pronouns, titles, names

    def _resolve_pronoun(
        self, mention: Mention, turn_speaker: Speaker | None, turn_start: int | None = None
    ) -> Speaker:
        if mention.name in {"they", "we"}:
            return BOTH_SIDES
        if mention.name == "i":
            return turn_speaker or Speaker(None, "unknown")
        candidates = [(pos, who) for pos, who, _ in self.speakers] + self.subjects
        candidates += [(pos, who) for pos, who, (a, b) in self.inner if a <= mention.start < b]
        before = sorted((c for c in candidates if c[0] < mention.start), key=lambda c: c[0])
        speaking = self._speaking_here(mention, turn_speaker, turn_start)
        for _, who in reversed(before):
            if who.name == speaking and speaking is not None:
                continue  # in X's own turn "he" is someone else: X says "I"
            if self._gender_fits(who.name, mention.name):
                return who
        people = [p for p in self.people if p.end <= mention.start and not self._in_caption(p)]
        credible = [p for p in people if _credibly_a_person(p)]  # not "Gender Equality"
        for person in reversed(credible or people):
            if self._gender_fits(person.name, mention.name) and person.name != speaking:
                return self._person_speaker(person)
        return Speaker(None, "unknown")

    def _speaking_here(
        self, mention: Mention, turn_speaker: Speaker | None, turn_start: int | None
    ) -> str | None:
        """Who speaks in the first person where the pronoun stands: the turn's speaker within
        the turn's labelled paragraph (later paragraphs of a turn may narrate them: "...,"
        he said)."""
        if turn_speaker is None or turn_start is None:
            return None
        later_paragraph = self.text.find("\n", turn_start, mention.start) != -1
        return None if later_paragraph else turn_speaker.name

    def _gender_fits(self, name: str | None, pronoun: str) -> bool:
        """ "She" is not a man known as "Mr. X", "he" not a woman known as "Ms. X"."""
        gender = self.genders.get(name or "")
        wanted = {"he": "male", "she": "female"}.get(pronoun)
        return gender is None or wanted is None or gender == wanted

    def _resolve_title(self, mention: Mention, *, prefer_first: bool = False) -> Speaker:
        wanted = title_key(mention.title)
        for pos, who, title in [] if prefer_first else reversed(self.speakers):
            known = title_key(title) | title_key(who.role) | _known_title_words(who.name)
            other_side = mention.side and who.side and who.side != mention.side
            if wanted and pos < mention.start and title_fits(wanted, known) and not other_side:
                return who  # "the Chinese commander" is not the American one who spoke last
        pool = sorted(self.people + self.titled, key=lambda p: p.start)
        candidates = [
            p for p in pool if wanted and title_fits(wanted, title_key(p.title) | title_key(p.role))
        ]  # "the Chinese commander": "Zhou Ming, commander of the Eastern Theater Command"
        if mention.side:
            candidates = [p for p in candidates if p.side in (None, mention.side)]
        before = [p for p in candidates if p.end <= mention.start and not self._in_caption(p)]
        if before:
            return self._person_speaker(before[0] if prefer_first else before[-1])
        after = [p for p in candidates if p.start >= mention.end]
        if after:
            return self._person_speaker(after[0])
        relay = self._relay_speaker(mention)
        if relay is not None:
            return relay
        return Speaker(None, "person", side=mention.side, title=mention.title or None)

    def _relay_speaker(self, mention: Mention) -> Speaker | None:
        """ "The spokesperson" when no one is so titled: in a spokesperson's release (the
        title is written before, in its heading or an earlier line) the person who spoke
        last, introduced by name alone ("Senior Colonel X: ...")."""
        if not is_relay_title(mention.title) or not re.match(r"the\s", mention.text, re.I):
            return None  # "a spokesperson said ... X said": resolved forward, elsewhere
        if _first_relay_word(self.text) >= mention.start:
            return None
        spoken = [who for pos, who, _ in self.speakers if pos < mention.start]
        return spoken[-1] if spoken else None

    def _resolve_person(self, mention: Mention) -> Speaker:
        words = [w for w in mention.name.split() if w.lower() not in _suffixes()]
        real = [w for w in words if not re.fullmatch(r"[A-Z]\.", w) and w not in _particles()]
        if len(real) >= 2:
            name = canonical_person_name(mention.name, text=self.text)
            match = next((p for p in self.people if p.name == name), None)
            known = known_person_by_alias(name)
            side = (
                mention.side or (match.side if match else None) or (known.side if known else None)
            )
            title = mention.title or (match.title if match else "")
            return Speaker(
                name, "person", side=side, title=title or None, role=match.role if match else None
            )
        return self._resolve_short_name(mention, real[0] if real else mention.name)

    def _people_ending_in(self, key: str) -> list[NamedPerson]:
        """The people whose name begins or ends with the word ``key``, in text order."""
        if self._by_name_end is None:
            self._by_name_end = {}
            for person in self.people:
                for end in dict.fromkeys((person.words[0], person.words[-1])):
                    self._by_name_end.setdefault(end, []).append(person)
        return list(self._by_name_end.get(key, ()))

    def _resolve_short_name(self, mention: Mention, word: str) -> Speaker:
        key = word.lower()
        candidates = self._people_ending_in(key)
        wanted = title_key(mention.title)
        titled = [p for p in candidates if wanted and title_fits(wanted, title_key(p.title))]
        credible = [p for p in candidates if _credibly_a_person(p)]  # not "Did Trump"
        known = _known_by_family(word, mention)
        if known is not None and not credible and all(p.name != known.name for p in candidates):
            candidates = []  # only a headline's capitalised words ("Obama Speech") besides
        for pool in (titled, credible, candidates):
            before = [p for p in pool if p.end <= mention.start and not self._in_caption(p)]
            if before:
                return self._person_speaker(before[-1], mention)
            after = [p for p in pool if p.start >= mention.start and not self._in_caption(p)]
            if after:
                return self._person_speaker(after[0], mention)
        spoken = next(  # the latest first: no scan of every earlier speaker
            (
                who
                for _, who, _ in reversed(self.speakers)
                if who.name and key in who.name.lower().split()
            ),
            None,
        )
        if spoken is not None:
            return spoken
        if known is not None:
            return Speaker(known.name, "person", side=known.side, title=mention.title or None)
        in_captions = [p for p in candidates if self._in_caption(p)]
        if in_captions:
            return self._person_speaker(in_captions[-1], mention)
        name = canonical_person_name(word, text=self.text)
        return Speaker(name, "person", side=mention.side, title=mention.title or None)

    def _person_speaker(self, person: NamedPerson, mention: Mention | None = None) -> Speaker:
        known = known_person_by_alias(person.name)
        side = person.side or (mention.side if mention else None) or (known.side if known else None)
        title = person.title or (mention.title if mention else "") or None
        return Speaker(person.name, "person", side=side, title=title, role=person.role)

    def _national_body(self, name: str) -> Speaker:
        """A state body named without its country ("the Southern Theatre Command"), under
        the country the release writes it with elsewhere ("Valdoria's Ministry of ...",
        "... Command of the Valdorian Armed Forces"), else the release's own country, as
        "Valdorian Southern Theatre Command"."""
        side = _country_written_with(name, self.text[:_QUALIFIER_WINDOW]) or self.home
        demonym = _demonym(side)
        if side is None or demonym is None:
            return Speaker(name, "organization")
        return _body_of_side(name, side) or Speaker(f"{demonym} {name}", "organization", side=side)

    def _issuing_body(self, mention: Mention) -> Speaker | None:
        """ "The ministry" before any body spoke: the body whose release this is, when a
        header line names one with that head ("Ministry of Defence, Republic of Corvenna")."""
        head = mention.name.split()[-1]
        for line in self.text[: min(mention.start, 1500)].splitlines()[:8]:
            part = line.split(",")[0].strip()
            if head in part.lower().split() and _is_state_body(part):
                body = body_by_alias(part)
                if body is not None:
                    return Speaker(body.name, "organization", side=body.side)
                side = _side_in(line)
                demonym = _demonym(side)
                name = f"{demonym} {part}" if demonym and side and not _side_in(part) else part
                return Speaker(name, "organization", side=side or self.home)
        return None

    def _last_organization(self, position: int) -> Speaker | None:
        before = [who for pos, who in self.organizations if pos < position]
        return before[-1] if before else None

    def _in_caption(self, person: NamedPerson) -> bool:
        return any(start <= person.start < end for start, end in self.captions)


def _owned_body(name: str) -> Speaker | None:
    """ "Valdoria's Ministry of Commerce" as "Valdorian Ministry of Commerce"."""
    owner = re.match(r"(.+?)[’']s\s+(.+)", name)
    if owner is None or not _is_state_body(owner.group(2)):
        return None
    side = nationality_of(owner.group(1))
    demonym = _demonym(side)
    if side is None or demonym is None:
        return None
    body = body_by_alias(f"{demonym} {owner.group(2)}")
    if body is not None:
        return Speaker(body.name, "organization", side=body.side)
    return Speaker(f"{demonym} {owner.group(2)}", "organization", side=side)


def _body_of_side(name: str, side: str | None) -> Speaker | None:
    """The known body of ``side`` (``data/sides.yml`` bodies) that a name without a country
    describes: every word of "defense ministry" or "Ministry of National Defense" is in one
    of its names ("ROK Ministry of National Defense")."""
    if side is None:
        return None
    wanted = _body_words(name)
    if not wanted:
        return None
    for body in lexicon.side_lexicon().bodies:
        if body.side == side and any(wanted <= _body_words(a) for a in (body.name, *body.aliases)):
            return Speaker(body.name, "organization", side=body.side)
    return None


def _body_words(name: str) -> frozenset[str]:
    words = re.findall(r"[\w’'-]+", name.lower())
    return frozenset(w for w in words if w not in {"the", "of", "for", "and"})


def _credibly_a_person(person: NamedPerson) -> bool:
    """A name with a title, a role, an honorific or a known official's name: a person, not
    a capitalised heading ("Gender Equality") or place."""
    return bool(person.title or person.role or person.gender or known_person_by_alias(person.name))


def _is_state_body(name: str) -> bool:
    """A government body's name ("Ministry of National Defence", "Southern Fleet Command"),
    not a news outlet or an international organisation from ``data/organizations.yml``."""
    words = name.split()
    if not words or _normal(name) in _international_names():
        return False
    head = next((w for w in words if w.lower() in {"of", "for"}), None)
    head_word = words[words.index(head) - 1] if head and words.index(head) > 0 else words[-1]
    return head_word in lexicon.side_lexicon().organization_heads and head_word[:1].isupper()


@cache
def _international_names() -> frozenset[str]:
    return frozenset(
        _normal(alias)
        for organization in lexicon.organizations()
        for alias in (organization.name, *organization.aliases)
    )


# How far into a release a body's country is looked for (bounded: one scan per body mention)
_QUALIFIER_WINDOW = 30_000


@lru_cache(maxsize=1024)
def _country_written_with(name: str, text: str) -> str | None:
    """The country a body's name is written with in ``text``: "Valdorian <name>",
    "Valdoria's <name>", "<name> of (the Republic of) Valdoria", "<name> of the Valdorian
    Armed Forces" (only the words around each occurrence are read: linear)."""
    escaped = r"\s+".join(re.escape(word) for word in name.split())
    for found in re.finditer(escaped, text):
        before = re.search(
            r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)\s+$",
            text[max(0, found.start() - 60) : found.start()],
        )
        if before:
            country = nationality_of(before.group(1)) or nationality_of(before.group(1).split()[-1])
            if country:
                return country
        after = re.match(
            r"\s+of\s+((?:the\s+)?[A-Z][^,.;\n]{0,60})", text[found.end() : found.end() + 80]
        )
        if after:
            country = country_at(after.group(1)) or _side_in(after.group(1))
            if country:
                return country
    return None


def _demonym(country: str | None) -> str | None:
    found = next((c for c in lexicon.countries() if c.name == country), None)
    return found.demonyms[0] if found is not None and found.demonyms else None


def home_side(text: str) -> str | None:
    """The country a release comes from: a publisher of ``data/publishers.yml`` with a country
    written as a whole header or footer line (or a comma-separated part, a "Source:" line, a
    dateline's "(Agency)"), else its dateline's place ("VALDORA CITY, Jan. 17 --")."""
    head = [line.strip() for line in text[:3000].splitlines() if line.strip()][:12]
    tail = [line.strip() for line in text[-600:].splitlines() if line.strip()][-3:]
    for line in head + tail:
        country = _publisher_country(line)
        if country:
            return country
    for line in head:
        dateline = re.match(r"([A-Z][A-Z .'’-]{2,40}?)\s*(?:,|\(|--|—|–)", line)
        if dateline:
            country = _country_of_place(dateline.group(1).strip())
            if country:
                return country
    return None


def _country_of_place(place: str) -> str | None:
    lowered = place.lower()
    for country in lexicon.countries():
        names = (country.name, *country.aliases, country.capital or "")
        if any(lowered == name.lower() for name in names if name):
            return country.name
    return None


def _publisher_country(line: str) -> str | None:
    if len(line) > 160:
        return None  # a paragraph, not a header, footer or dateline line
    line = re.sub(r"^(?:source|editor|from)\s*:\s*", "", line, flags=re.IGNORECASE)
    parts = [line, *re.split(r"[,|]|\s+Editor:", line), *re.findall(r"\(([^()]{2,60})\)", line)]
    table = dict(_publisher_names())
    for part in parts:
        country = table.get(re.sub(r"\s+", " ", part.strip(" .")).lower())
        if country:
            return country
    return None


@cache
def _publisher_names() -> tuple[tuple[str, str], ...]:
    """(lower-case name or alias, country) of publishers with a country, longest first."""
    pairs = [
        (alias.lower(), item["country"])
        for item in lexicon.load_yaml("publishers.yml").get("publishers") or ()
        if item.get("country")
        for alias in (item.get("name") or "", *(item.get("aliases") or ()))
        if len(alias) > 3
    ]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _group_speaker(mention: Mention) -> Speaker:
    """ "Pentagon officials" speak for the Pentagon, "Chinese officials" for China; "a new
    poll" or "Democratic party officials" cannot be named."""
    body = next(
        (
            b
            for alias, b in _body_table().items()
            if re.search(rf"\b{re.escape(alias)}\b", _normal(mention.text))
        ),
        None,
    )
    if body is not None:
        return Speaker(body.name, "organization", side=body.side)
    side = _side_in(mention.text)
    if side is not None:
        return Speaker(side, "side", side=side)
    return Speaker(None, "unknown")


def _known_by_family(word: str, mention: Mention) -> lexicon.KnownPerson | None:
    """The one official with this family name and a compatible title, if there is one.

    Family-name-first names ("Li", "Kim", "Wang") are shared by many officials: they need
    the full office ("Defense Minister Kim", "President Xi"), not just "Minister".
    """
    people = known_people_by_family(word)
    if mention.side:
        people = [p for p in people if p.side in (None, mention.side)]
    wanted = title_key(mention.title)
    if wanted:
        people = [p for p in people if any(wanted <= title_key(o) for o in p.offices)]
    if _family_first(word):
        people = [p for p in people if any(wanted == title_key(o) for o in p.offices)]
    return people[0] if len(people) == 1 else None


def _family_first(family: str) -> bool:
    return any(p.name.split()[0] == family for p in known_people_by_family(family))


def _known_title_words(name: str | None) -> frozenset[str]:
    known = known_person_by_alias(name or "")
    if known is None:
        return frozenset()
    return frozenset(word for office in known.offices for word in title_key(office))


def title_fits(wanted: frozenset[str], known: frozenset[str]) -> bool:
    """A title mention's words fit a person's title: all there, and the person's title is
    no lower office the mention does not name ("the President" is not the Vice President)."""
    lower = (known - wanted) & _subordinate_modifiers()
    return wanted <= known and not lower


def _modified_parts(word: str) -> list[str]:
    """ "vice-minister" as "vice" and "minister"; "secretary-general" stays one office."""
    head, _, rest = word.partition("-")
    return [head, rest] if rest and head in _subordinate_modifiers() else [word]


@cache
def _subordinate_modifiers() -> frozenset[str]:
    words = lexicon.load_yaml("titles.yml").get("subordinate_modifiers") or ()
    return frozenset(w.lower() for w in words)


def title_key(title: str | None) -> frozenset[str]:
    """The words of a title after spelling equivalences, without honorifics and fillers.

    "Minister for Foreign Affairs" and "Foreign Minister" both give {"foreign", "minister"}.
    """
    if not title:
        return frozenset()
    return _title_key(title)


@lru_cache(maxsize=4096)  # bounded: titles come from untrusted text
def _title_key(title: str) -> frozenset[str]:
    lowered = re.sub(r"\s+", " ", title.lower()).strip()
    for pattern, replacement in _title_equivalents():
        lowered = pattern.sub(replacement, lowered)
    fillers = {"of", "for", "the", "and", "to", "on"} | _honorific_words()
    words = {w.strip(".,") for w in lowered.split()}
    words = {part for w in words for part in _modified_parts(w)}  # "vice-minister"
    return frozenset(w for w in words if w and w not in fillers and w not in _country_words())


@cache
def _title_equivalents() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Spelling equivalences of titles, longest phrase first, compiled once."""
    equivalents = lexicon.title_lexicon().equivalents
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)"), replacement)
        for phrase, replacement in sorted(equivalents.items(), key=lambda kv: -len(kv[0]))
    )
