"""Who a cue attributes to: the subject before a cue ("General Li stressed"), a
coordinated cue's subject ("... and reaffirmed"), an appositive ("Wang, a member of ..., said"),
a clause's leading mention ("During the call, Secretary X ...").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from core import lexicon
from core.actors import (
    MAX_MENTION_TOKENS,
    Mention,
    Token,
    extended_over_parenthesis,
    is_title_word,
    not_name_words,
    parse_mention,
    tokenize,
)
from core.attribution import syntax
from core.attribution.cues import Cue
from core.attribution.layout import Span


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a cue attributes to, and how the subject was found."""

    mention: Mention | None
    relation: (
        str  # explicit, coordinated, appositive, relative, postposed, source, purpose, passive
    )
    connector: int | None = None  # where a coordinating "and"/"," before the cue starts
    sibling: bool = False  # an explicit subject after "and"/";": a new statement at its level


_CONNECTORS = (",", "and", ";", "as well as", "while", "whereas", "but", "to which", "which")
_CONNECTOR_WORDS = max(len(connector.split()) for connector in _CONNECTORS)


def _is_mention_token(token: Token) -> bool:
    if token.text in {",", "’s", "'s", "&", "(", ")", "-"} or token.text[:1].isupper():
        return True
    if token.lower in _mention_lower_words():
        return True
    return is_title_word(token) and token.lower not in {"to", "on"}  # "to US President Biden's"


def _is_mention_at(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` may be part of a speaker mention, in its context."""
    return _is_mention_token(tokens[index]) or _is_name_particle_inside(tokens, index)


def _is_name_particle_inside(tokens: list[Token], index: int) -> bool:
    """A lower-case name particle between capitalised words ("von der" in "President von der
    Leyen"): part of the name, though alone it is no mention word."""
    particles = _name_particles()
    if tokens[index].text not in particles:
        return False
    first = index
    while first > 0 and index - first < _MAX_PARTICLES and tokens[first - 1].text in particles:
        first -= 1
    stop = index + 1
    while stop < len(tokens) and stop - index <= _MAX_PARTICLES and tokens[stop].text in particles:
        stop += 1
    return (
        stop - first <= _MAX_PARTICLES
        and first > 0
        and stop < len(tokens)
        and tokens[first - 1].text[:1].isupper()
        and tokens[stop].text[:1].isupper()
    )


_MAX_PARTICLES = 3  # "bin", "von der", "de la", "van der" ...


@cache
def _name_particles() -> frozenset[str]:
    return frozenset(lexicon.load_yaml("titles.yml").get("name_particles") or ())


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


def mention_before(
    text: str, tokens: list[Token], end_index: int, floor: int = 0
) -> Mention | None:
    """The longest valid mention ending just before ``tokens[end_index]``."""
    if end_index > floor and tokens[end_index - 1].text == ")":
        return _mention_with_parenthesis(text, tokens, end_index, floor)
    begin = end_index
    while begin > floor and _is_mention_at(tokens, begin - 1):
        begin -= 1
        if tokens[begin].lower in {"he", "she", "they", "we", "i"} and not _after_and(
            tokens, begin
        ):
            break
    # parse_mention refuses longer runs: start no earlier (slicing them was quadratic)
    for first in range(max(begin, end_index - MAX_MENTION_TOKENS), end_index):
        if tokens[first].text in {",", "and", "&", "’s", "'s", ")"}:
            continue
        mention = parse_mention(text, tokens[first:end_index])
        if mention is not None and mention.kind != "group":  # groups: see subject_before
            return mention
    return None


def _mention_with_parenthesis(
    text: str, tokens: list[Token], end_index: int, floor: int
) -> Mention | None:
    """ "Sen. Ann Lee (D-Mo.) said": the mention before the parenthesis, with it."""
    window = range(end_index - 2, max(floor, end_index - 12) - 1, -1)
    opening = next((i for i in window if tokens[i].text == "("), None)
    if opening is None:
        return None
    mention = mention_before(text, tokens, opening, floor)
    return extended_over_parenthesis(text, mention) if mention is not None else None


def subject_before(
    text: str, tokens: list[Token], end_index: int, floor: int = 0, *, anywhere: bool = False
) -> Mention | None:
    """A speaker mention ending before ``tokens[end_index]``, else a generic source's noun
    phrase that opens a clause ("Democratic party officials", "a new poll"), or that stands
    anywhere when ``anywhere`` (a relative pronoun's antecedent: "a voter who said")."""
    mention = mention_before(text, tokens, end_index, floor)
    if mention is not None or end_index <= floor or tokens[end_index - 1].lower in _OPENERS:
        return mention
    begin = end_index
    while begin > floor and end_index - begin < 12 and tokens[begin - 1].text not in _BOUNDARIES:
        begin -= 1
    for first in range(begin, end_index):
        if first > begin and tokens[first - 1].lower not in _OPENERS and not anywhere:
            continue  # "talks with Chinese officials and stressed": not where a clause opens
        mention = parse_mention(text, tokens[first:end_index])
        if mention is not None and mention.kind not in ("pronoun", "title"):
            return mention  # a bare title found so ("the state's party leader") resolves badly
    return None


_BOUNDARIES = frozenset({",", ";", ":", '"', "“", "”", "(", ")", "—", "–", "--", "'"})
# Words after which a clause (and its subject) may begin
_OPENERS = frozenset(
    {
        "that",
        "and",
        "but",
        "or",
        "because",
        "while",
        "when",
        "if",
        "as",
        "after",
        "before",
        "since",
        "although",
        "though",
        "so",
        "where",
        "whereas",
        "until",
        "once",
    }
)


def _after_and(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].lower == "and"


def token_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (len(tokens) if none)."""
    return bisect.bisect_left(tokens, offset, key=lambda token: token.start)


def skip_back(
    tokens: list[Token], index: int, floor: int, adverbs: frozenset[int] = frozenset()
) -> int:
    """Step back over adverbs and auxiliaries between a subject and its cue; ``adverbs`` are
    where more adverbs start (the tagger's "sharply", "previously", when there is one)."""
    cues = lexicon.cue_lexicon()
    skippable = [w.split() for w in (*cues.skip_between, *cues.auxiliaries)]
    moved = True
    while moved and index > floor:
        moved = False
        if tokens[index - 1].start in adverbs:
            index -= 1
            moved = True
            continue
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
    text: str,
    tokens: list[Token],
    cue_index: int,
    *,
    floor: int,
    previous: Subject | None,
    adverbs: frozenset[int] = frozenset(),
) -> Subject | None:
    """The subject of the cue at ``tokens[cue_index]`` (rule version: tokens before it).

    Args:
        text: the document text.
        tokens: the sentence's tokens.
        cue_index: index of the cue's first token (the cue's tokens must be in ``tokens``).
        floor: index of the sentence's (effective) first token.
        previous: the subject of the previous cue in the sentence, for coordinated cues.
        adverbs: where adverbs the tagger found start ("has sharply criticized"), skipped
            between the subject and the cue as the lexicon's are.

    Returns:
        The subject, or None when the cue has none (narration, a noun use, a headline).
    """
    index = skip_back(tokens, cue_index, floor, adverbs)
    if index > floor and tokens[index - 1].lower in _NOT_AFTER_SUBJECT:
        return None
    connector = _connector_before(tokens, index, floor)
    if connector is not None and previous is not None and previous.mention is not None:
        return Subject(previous.mention, "coordinated", connector=tokens[connector].start)
    if index > floor and tokens[index - 1].lower == "who":
        return _relative_subject(text, tokens, index - 1, floor)
    comma = _comma_before(tokens, index, floor)
    if comma is not None:
        participle = _is_participle(text, tokens[cue_index])
        return _appositive_subject(text, tokens, comma, floor, participle=participle)
    mention = subject_before(text, tokens, index, floor)
    if mention is None:
        return _leading_subject(text, tokens, index, floor, connector)
    return _explicit_subject(tokens, mention, floor)


def _relative_subject(text: str, tokens: list[Token], who: int, floor: int) -> Subject | None:
    """ "Jones, who said ...", "a voter who said ...": the relative pronoun's antecedent."""
    end = who - 1 if who - 1 > floor and tokens[who - 1].text == "," else who
    mention = subject_before(text, tokens, end, floor, anywhere=True)
    return Subject(mention, "relative") if mention is not None else None


# A passive auxiliary ("was said"), a determiner or "to" ("the statement", "to discuss") right
# before the cue: no subject of its own.
_NOT_AFTER_SUBJECT = frozenset(
    {"was", "were", "is", "are", "be", "been", "being"}
    | {"the", "a", "an", "his", "her", "their", "its", "our", "my", "to"}
)


def _explicit_subject(tokens: list[Token], mention: Mention, floor: int) -> Subject | None:
    """The mention right before the cue; after "and"/"," it starts a sibling statement."""
    sibling_at = _connector_before(tokens, token_at(tokens, mention.start), floor)
    if sibling_at is None:
        return Subject(mention, "explicit")
    if tokens[sibling_at].text != "," and not _strong_mention(mention):
        return None  # "... Host Nations Support and confirmed": not a new speaker
    return Subject(mention, "explicit", connector=tokens[sibling_at].start, sibling=True)


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
    mention = leading_subject_mention(text, tokens[floor:connector])
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
    # only the last words can end in a connector (the whole prefix a cue was quadratic)
    words = [t.lower for t in tokens[max(floor, index - _CONNECTOR_WORDS) : index]]
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
    mention just before that comma, else the clause's own subject ("X issued a statement
    Tuesday, saying ...").
    """
    if participle:
        mention = mention_before(text, tokens, comma, floor)
        if mention is not None and _starts_clause(tokens, mention, floor):
            return Subject(mention, "appositive", connector=tokens[comma].start)
    for earlier in range(comma - 1, floor, -1):
        if tokens[earlier].text != ",":
            continue
        mention = _head_or_apposition(text, tokens, earlier, comma, floor)
        if mention is not None:
            return Subject(mention, "appositive", connector=tokens[comma].start)
    if participle:
        lead = leading_mention(text, tokens[floor:comma])
        if lead is not None and lead.kind not in ("side", "org_anaphor"):
            return Subject(lead, "coordinated", connector=tokens[comma].start)
    return None


def _head_or_apposition(
    text: str, tokens: list[Token], earlier: int, comma: int, floor: int
) -> Mention | None:
    """ "Wang, a member of ...," -> Wang; "The F.B.I. director, James Comey," -> James Comey."""
    head = mention_before(text, tokens, earlier, floor)
    if head is not None and not _starts_clause(tokens, head, floor):
        head = None
    apposition = parse_mention(text, tokens[earlier + 1 : comma])
    named = apposition is not None and apposition.kind == "person"
    if named and (head is None or head.kind in ("title", "group")):
        return apposition
    return head


def _starts_clause(tokens: list[Token], mention: Mention, floor: int) -> bool:
    """The mention opens the sentence (after "But", "And" or a quotation mark: "But Megan
    Hester, senior associate at X, said") or follows a comma."""
    index = token_at(tokens, mention.start)
    if index >= len(tokens):
        return False
    if index > floor and tokens[index - 1].text == ",":
        return True
    return all(t.lower in _OPENING_FILLERS for t in tokens[floor:index])


# Words before a sentence's subject that leave it opening the sentence.
_OPENING_FILLERS = frozenset({"but", "and", "yet", '"', "“"})


def leading_mention(text: str, tokens: list[Token]) -> Mention | None:
    """The mention a clause opens with, after a fronted "During the call," (rule version)."""
    starts = [0] + [i + 1 for i, t in enumerate(tokens[:12]) if t.text == ","]
    for begin in starts[:3]:
        end = begin
        while (
            end < len(tokens)
            and _is_mention_at(tokens, end)
            and tokens[end].text != ","
            and end - begin < MAX_MENTION_TOKENS  # no longer run parses as a mention
        ):
            end += 1
        for stop in range(min(end, begin + MAX_MENTION_TOKENS), begin, -1):
            mention = parse_mention(text, tokens[begin:stop])
            if mention is not None:
                return mention
    return None


def leading_subject_mention(text: str, tokens: list[Token]) -> Mention | None:
    """The person or pair a clause opens with ("Yesterday, Secretary X spoke ...")."""
    mention = leading_mention(text, tokens)
    return (
        mention
        if mention is not None and mention.kind in ("person", "collective", "title")
        else None
    )


def weigh_parsed_subject(
    text: str, doc: Doc | None, cue_start: int, cue_end: int, found: Subject | None
) -> Subject | None:
    """The rules' subject of a cue, checked against the cue verb's subject in the parse.

    The parse decides where the rules over-reach ("Yesterday the Kestrian government
    announced": the mention starts at "the") and names a subject the backward scan cannot
    reach ("Longtime pollster Pat Caddell, a former aide, told"). Without a parse, or when
    the parse has no subject for the cue, the rules' answer stands.

    Args:
        text: the document text.
        doc: the parsed release (or None).
        cue_start: where the cue starts.
        cue_end: where the cue ends.
        found: the subject the rules found, or None.

    Returns:
        The subject to use.
    """
    phrase = syntax.subject_phrase(doc, cue_start, cue_end)
    if phrase is None or phrase.end > cue_start:
        return found
    mention = found.mention if found is not None else None
    if mention is not None and phrase.start <= mention.start and mention.end <= phrase.end:
        return found
    if found is not None and (mention is None or found.relation != "explicit"):
        return found
    parsed = phrase_mention(text, phrase)
    if parsed is None:
        return found
    if found is None:
        if parsed.kind in _PARSED_KINDS or _progressive_pronoun(doc, parsed, cue_start, cue_end):
            return Subject(parsed, "explicit")
        return None
    dropped = text[mention.start : parsed.start] if mention is not None else ""
    if (
        mention is not None
        and parsed.end == mention.end
        and (_not_coordinated(dropped) or _fronted_before_comma(dropped))
        and not syntax.preposition_before(doc, parsed.start)  # "A spokeswoman for | X"
        and not _title_dropped(mention, parsed, dropped)
    ):
        return replace(found, mention=parsed)  # the rules' mention ran over its start
    return found


def _title_dropped(mention: Mention, parsed: Mention, dropped: str) -> bool:
    """ "Republican presidential nominee | Donald Trump": the parse's subject is the name
    without the title the rules read right before it (a parser may hang the title
    elsewhere); not over a comma ("for president, | Trump")."""
    return (
        bool(mention.title)
        and not parsed.title
        and parsed.name == mention.name
        and "," not in dropped
    )


def _progressive_pronoun(doc: Doc | None, parsed: Mention, cue_start: int, cue_end: int) -> bool:
    """ "He's predicting", "She is saying": a personal pronoun the rules do not take after
    "is" (they cannot tell a progressive from a passive); the parse can."""
    return (
        parsed.kind == "pronoun"
        and parsed.name in _PERSONAL_PRONOUNS
        and syntax.is_progressive(doc, cue_start, cue_end)
    )


_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def _not_coordinated(dropped: str) -> bool:
    """Words before the parse's subject that are no coordinated name and no determiner of it
    ("Yesterday"; not "Secretary Blinken and", not "Both" of "Both Ministers"): the parser
    misses coordination and attaches "both" to the verb more often than the rules err."""
    words = dropped.split()
    return (
        bool(words)
        and re.search(r",|&|\band\b", dropped) is None
        and words[-1].lower() not in _SUBJECT_DETERMINERS
        and not _name_word(words[-1])
    )


def _fronted_before_comma(dropped: str) -> bool:
    """ "(during his campaign) for president, | Trump had denied": the rules' mention ran back
    over a comma into a fronted phrase; a list ("Smith, | Jones") has a name before it."""
    words = dropped.split()
    return (
        dropped.rstrip().endswith(",")
        and re.search(r"&|\b(?:and|or)\b", dropped) is None
        and not _name_word(words[-1].rstrip(","))
    )


def _name_word(word: str) -> bool:
    """A capitalised word that may begin the name the parse cut ("Wang" of "Wang Yi", which a
    parser may hang on the verb); "Yesterday" and other openers are no name words."""
    return word[:1].isupper() and word.isalpha() and word.lower() not in not_name_words()


# Words that open a subject noun phrase ("Both Ministers", "All parties", "The two sides").
_SUBJECT_DETERMINERS = frozenset(
    {"both", "all", "each", "the", "these", "those", "two", "three", "four", "several", "many"}
    | {"a", "an", "his", "her", "its", "their", "our"}
)


# Kinds a parsed subject may name when the rules found none: not a pronoun ("it", "you"),
# but an unnamed source ("Local officials now say") as the rules take one at a clause start.
_PARSED_KINDS = frozenset({"person", "title", "organization", "side", "collective", "group"})


def unnamed_parsed_subject(text: str, doc: Doc | None, cue: Cue) -> Subject | None:
    """An unnamed source the parse gives a speech verb that the rules found no subject for
    ("The actress said", "Many speakers at the service said"): a verb of saying takes a
    person or a body as subject, whatever noun names it. Only cues whose content is a
    reported clause or what a recipient was told: "welcomed", "raised" take things too ("The
    visit highlighted ...")."""
    if cue.content not in _SPEECH_CONTENTS:
        return None
    phrase = syntax.common_noun_subject(doc, cue.start, cue.end)
    if phrase is None or phrase.end > cue.start or _SET_OFF.search(text, phrase.start, phrase.end):
        return None
    written = text[phrase.start : phrase.end]
    return Subject(Mention(written, phrase.start, phrase.end, "group"), "explicit")


_SPEECH_CONTENTS = frozenset({"clause", "recipient"})


def speaks_as_finding_source(cue: Cue, subject: Subject) -> bool:
    """Whether a subject can say what a ``documents_only`` cue reports ("The poll showed",
    "Court records show": a survey or a record, data/cues.yml finding_sources); "These
    results show", "the statement showed" are narration. True for every other cue."""
    if not cue.documents_only:
        return True
    mention = subject.mention
    if mention is None or mention.kind not in ("group", "organization", "org_anaphor"):
        return False
    return any(word in _finding_sources() for word in re.findall(r"[a-z]+", mention.text.lower()))


def names_somebody(subject: Subject) -> bool:
    """Whether the subject could be someone who spoke: not "no one", "nobody", "no country"
    (data/cues.yml nobody_words), whose verb reports nothing said ("facts that no one can
    deny")."""
    mention = subject.mention
    if mention is None:
        return True
    first = re.match(r"[a-z-]+", mention.text.lower())
    return first is None or first.group() not in _nobody_words()


@cache
def _nobody_words() -> frozenset[str]:
    words = lexicon.load_yaml("cues.yml").get("nobody_words") or ()
    return frozenset(str(word).lower() for word in words)


@cache
def _finding_sources() -> frozenset[str]:
    words = lexicon.load_yaml("cues.yml").get("finding_sources") or ()
    return frozenset(str(word).lower() for word in words)


def phrase_mention(text: str, phrase: Span) -> Mention | None:
    """The speaker mention a subject noun phrase holds: the whole phrase, else the phrase
    before its apposition ("Pat Caddell, a former aide"), else its last mention there."""
    tokens = tokenize(text, phrase.start, phrase.end)
    whole = parse_mention(text, tokens)
    if whole is not None:
        return whole
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
    if comma < len(tokens):
        head = parse_mention(text, tokens[:comma])
        if head is not None:
            return head
    return mention_before(text, tokens, comma)


def subject_span(
    doc: Doc | None, cue_start: int, cue_end: int, mention: Mention, text: str | None = None
) -> Span | None:
    """The whole subject as written around ``mention`` (titles, appositions, coordinated
    names: "longtime Democratic pollster Pat Caddell"), from the parse; None without one.
    ``text`` is the document's text when the caller has it (``doc.text`` rebuilds it)."""
    phrase = syntax.subject_phrase(doc, cue_start, cue_end)
    if phrase is None or not (phrase.start <= mention.start and mention.end <= phrase.end):
        return None
    source = text if text is not None else doc.text  # type: ignore[union-attr]
    if _SET_OFF.search(source, phrase.start, mention.start):
        return Span(mention.start, phrase.end)  # "WASHINGTON -- President Obama"
    return phrase


_SET_OFF = re.compile(r"[,;:()\"“”—–]|--")
