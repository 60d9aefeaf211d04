"""Dependency evidence for the statement rules, when the pipeline has a parser.

The rules find cues, subjects and contents over plain tokens; these pure functions read a
spaCy parse (UD labels without subtypes) to settle what the rules leave open: whether a cue
verb has a subject at all ("is stressing" is progressive, "was said" passive), which noun
phrase it is, and how far it reaches ("Longtime Democratic pollster Pat Caddell told",
"Federal and state officials said"); and, for key phrases, the base noun phrases of a text
(:func:`noun_phrases`). Every function takes the ``Doc`` (or ``None``) and answers
nothing (``None``, ``[]``) when the doc carries no parse, so the rules run unchanged on a
pipeline without a parser. The parser is imperfect (about 84 UAS), so callers use these answers as
evidence beside the rules, not in place of them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from core.attribution.layout import Span

# A verb's subject (UD's nsubj:pass is "nsubj" here: see is_passive).
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# A verb whose own subject is its head's: "exchanged views and agreed", "decided to say".
_SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp"})


def has_parse(doc: Doc | None) -> bool:
    """True when ``doc`` carries a dependency parse."""
    return doc is not None and doc.has_annotation("DEP")


def cue_verb(doc: Doc | None, start: int, end: int) -> SpacyToken | None:
    """The verb of the cue written at ``[start, end)`` ("also stressed", "pointed out").

    Returns:
        The first verb among the cue's tokens, else None (no parse, or a noun cue).
    """
    if not has_parse(doc):
        return None
    assert doc is not None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.pos_ in ("VERB", "AUX")), None)


def subject_token(verb: SpacyToken) -> SpacyToken | None:
    """The verb's subject, or its head verb's when the verb shares it.

    "The two sides exchanged views and agreed": "agreed" (conj) takes "sides"; "X decided to
    say" (xcomp) takes X, unless the head has an object ("asked Valdoria to act": Valdoria acts).
    A clause of its own shares nothing (see :func:`_own_clause`). A verb the parser hangs on
    a subject noun as its conjunct ("Political observers in Virginia and around the country
    say": "say" conj of "observers") has that noun as subject.
    """
    return _subject_holder(verb)[0]


def _subject_holder(verb: SpacyToken) -> tuple[SpacyToken | None, SpacyToken]:
    """The verb's subject (see :func:`subject_token`) and the verb that holds it: the verb
    itself, the head verb it shares the subject of, or the verb hung on the subject noun."""
    for _ in range(4):
        subject = _own_subject(verb)
        if subject is not None:
            return subject, verb
        if _coordinated_with_subject_noun(verb):
            return verb.head, verb
        if verb.dep_ not in _SHARED_SUBJECT_DEPS or verb.head is verb or _own_clause(verb):
            return None, verb
        if verb.dep_ == "xcomp" and any(c.dep_ in ("obj", "iobj") for c in verb.head.children):
            return None, verb
        verb = verb.head
    return None, verb


def _own_subject(verb: SpacyToken) -> SpacyToken | None:
    """The verb's own subject; of two (a parser's mistake: "Climate change, Mr. Obama often
    says", "The state attorney | general is confirming"), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and _can_be_subject(c)]
    before = [c for c in subjects if c.i < verb.i]
    nominal = [c for c in before if not _opens_with_preposition(c)]
    if nominal:
        return nominal[-1]
    return before[0] if before else next(iter(subjects), None)


def _opens_with_preposition(token: SpacyToken) -> bool:
    """ "Some former employees | in Wells Fargo's bank branches said": a second subject that
    opens with a preposition is the first one's modifier, whatever the label."""
    first = token.left_edge
    return first is not token and first.dep_ == "case"


def _can_be_subject(token: SpacyToken) -> bool:
    """Not a space nor an adverb a parser labels subject ("the candidate Hillary Clinton
    boldly | suggested": "boldly" is no speaker)."""
    return bool(token.text.strip()) and token.pos_ != "ADV"


def _coordinated_with_subject_noun(verb: SpacyToken) -> bool:
    """ "The nominee and his aides haven't said", "Observers ... and around the country say":
    the parser coordinates the verb with the noun before it that is a subject, or the root,
    never with an object ("discussed trade and agreed": "trade" is the object)."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and head is not verb
        and head.i < verb.i
        and head.pos_ in _NOMINAL_POS
        and (head.dep_ in _SUBJECT_DEPS or head.dep_ == "ROOT")
        and not _after_finite_verb(head)  # "Her campaign expressed | confidence ..., but said"
    )


_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})


def _own_clause(verb: SpacyToken) -> bool:
    """A verb the parser coordinates with another that still has no subject to share with it:
    a subordinate clause with its own marker ("X will meet Y ... and as agreed upon by A and
    B": "as" opens it; an infinitive's "to" does not) or a participle with its agent ("and
    agreed by both sides": whoever agreed is the agent, not the head verb's subject)."""
    marked = any(c.dep_ == "mark" and c.lower_ != "to" for c in verb.children)
    return marked or _has_agent(verb)


def _has_agent(verb: SpacyToken) -> bool:
    """ "agreed upon by China", "as discussed by both sides": a past participle with a "by"
    oblique, a passive whose doer the "by" phrase names."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "by" for g in c.children)
        for c in verb.children
    )


def noun_phrase_span(head: SpacyToken, before: int | None = None) -> Span:
    """The noun phrase ``head`` heads as a speaker is written: its modifiers, titles,
    possessors and coordinated names on the left up to punctuation or a clause word
    ("longtime Democratic pollster Pat Caddell", not "But" nor "In January,"), and on the
    right its names and "of West Virginia" up to an apposition or a clause set off by a comma
    ("Trump, speaking to veterans,"). Right dependents end before ``before`` (a token index)
    when given: a verb hung on its subject noun is no part of the noun's phrase.
    """
    words = [*_left_words(head), head]
    after_conjunct = False
    for child in head.rights:
        if before is not None and child.right_edge.i >= before:
            break
        if not (_belongs_right(child) or _after_conjunct(child, after_conjunct)):
            break
        after_conjunct = after_conjunct or child.dep_ == "conj"
        words += _without_clauses(child)
    while words and (words[0].dep_ in _NOT_FIRST_DEPS or words[0].tag_ in _WH_TAGS):
        words = words[1:]
    return _edges(words or [head])


# Words a speaker's phrase never opens with: "and", "that", "of", "such as".
_NOT_FIRST_DEPS = frozenset({"cc", "mark", "case", "fixed"})


def _left_words(head: SpacyToken) -> list[SpacyToken]:
    """The words of ``head``'s phrase before it, nearest dependent first, up to one that does
    not belong. A comma the parser hangs on the phrase's first word ("In a statement, | the
    Association of X called") sets the phrase off from what comes before: the phrase ends
    there, its words before the comma are kept."""
    words: list[SpacyToken] = []
    for child in reversed([t for t in head.lefts if t.i < head.i]):
        if child.dep_ not in _LEFT_DEPS or _is_finite_verb(child):
            break
        inner = [t for t in child.subtree if not t.is_space]
        opening = 0
        while opening < len(inner) and inner[opening].text in _SEPARATORS - {"(", ")"}:
            opening += 1
        if any(t.text in _SEPARATORS for t in inner[opening:]):
            break
        words = inner[opening:] + words
        if opening:
            break
    return words


def _after_conjunct(child: SpacyToken, after_conjunct: bool) -> bool:
    """ "Developers and supporters in Congress": a modifier after a coordinated noun belongs
    to the last conjunct, wherever the parser hangs it; not one a comma sets off."""
    return after_conjunct and child.dep_ == "nmod" and not _set_off(child)


def _belongs_right(child: SpacyToken) -> bool:
    """A name part, "of West Virginia", or a coordinated name; not what a comma sets off."""
    if child.is_punct:
        return child.text in {"(", ")"} or _joins_names(child)
    if child.dep_ == "conj":
        return True
    if child.dep_ not in _RIGHT_DEPS or _set_off(child):
        return False
    case = next((c for c in child.children if c.dep_ == "case"), None)
    return child.dep_ != "nmod" or (case is not None and case.lower_ in _NAME_PREPOSITIONS)


def _joins_names(comma: SpacyToken) -> bool:
    following = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    return following is not None and following.dep_ == "conj" and following.head is comma.head


# Left dependents that belong to a speaker's noun phrase (not "But", "also", "In January").
_LEFT_DEPS = frozenset({"det", "amod", "compound", "flat", "nummod", "nmod", "case", "conj", "cc"})
# Right dependents that belong to it: names, "of the Ministry", coordination.
# "attorney general", "officials familiar with X": an adjective after the noun belongs too.
_RIGHT_DEPS = frozenset({"flat", "compound", "appos", "nmod", "cc", "nummod", "amod"})
# An apposition after a comma is left out: "Brian Fallon, the campaign's press secretary,"
# names Brian Fallon (a consumer that wants the whole phrase extends over the commas).
# "Senator from Texas", "Tomblin of West Virginia"; not "Axelrod on Wednesday".
_NAME_PREPOSITIONS = frozenset({"of", "from", "for"})
_WH_TAGS = frozenset({"WRB", "WDT", "WP"})


def _without_clauses(token: SpacyToken) -> list[SpacyToken]:
    """``token``'s subtree without a clause set off by a comma ("..., which is made up of")."""
    cut = {
        t.i
        for d in token.subtree
        if d is not token and d.dep_ in _CLAUSE_DEPS and _set_off(d)
        for t in d.subtree
    }
    return [t for t in token.subtree if not t.is_space and t.i not in cut]


def _set_off(token: SpacyToken) -> bool:
    """The phrase ``token`` heads opens with a comma or dash, or follows one."""
    first = token.left_edge
    return first.text in _SEPARATORS or (
        first.i > 0 and token.doc[first.i - 1].text in _SEPARATORS - {"(", ")"}
    )


_CLAUSE_DEPS = frozenset({"acl", "advcl", "parataxis"})
# Punctuation that sets a phrase off (a hyphen inside "vice-presidential" does not).
_SEPARATORS = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "—", "–", "--"})


def _edges(words: list[SpacyToken]) -> Span:
    words = sorted((t for t in words if t.text.strip()), key=lambda t: t.i) or words
    while len(words) > 1 and words[0].is_punct:
        words = words[1:]
    while len(words) > 1 and words[-1].is_punct and words[-1].text not in {")", "”", '"'}:
        words = words[:-1]
    return Span(words[0].idx, words[-1].idx + len(words[-1].text))


def subject_phrase(doc: Doc | None, cue_start: int, cue_end: int) -> Span | None:
    """The whole noun phrase that is the subject of the cue verb at ``[cue_start, cue_end)``.

    Returns:
        Its span (see :func:`noun_phrase_span`), else None (no parse, a passive or
        relative-pronoun subject, or no subject).
    """
    verb = cue_verb(doc, cue_start, cue_end)
    if verb is None or is_passive(verb):
        return None  # "It was said that": the subject of a passive is what was said
    subject, holder = _subject_holder(verb)
    if subject is None or subject.lower_ in _RELATIVE_PRONOUNS:
        return None  # "a voter who said": the rules take the antecedent
    return _subject_span(holder, subject)


def _subject_span(verb: SpacyToken, subject: SpacyToken) -> Span:
    """The subject's noun phrase; before ``verb`` (the verb holding it), with the subjects
    coordinated with it."""
    if subject.i > verb.i:
        return noun_phrase_span(subject)
    phrase = noun_phrase_span(subject, before=verb.i)
    start = _coordinated_start(verb, subject, phrase)
    return Span(_over_hyphen(verb.doc, start), phrase.end)


def _over_hyphen(doc: Doc, start: int) -> int:
    """Where a subject starts that a parser cut at a hyphen inside one word ("His ex- | wife"
    with "ex" hung elsewhere): the word before the hyphen and its modifiers belong to it."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    i = first[0].i if first else 0
    glued = i >= 2 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_
    if not glued or doc[i - 2].whitespace_ or not doc[i - 2].is_alpha:
        return start
    return noun_phrase_span(doc[i - 2], before=i - 1).start


def _coordinated_start(verb: SpacyToken, subject: SpacyToken, phrase: Span) -> int:
    """Where a subject the parser splits starts: over the subjects before it it is joined to
    by "and", a hyphen or nothing ("The former first lady | and U.S. senator said", "The state
    attorney | general is confirming", "Republican candidate | Donald Trump has said", both
    subjects of the verb; "The nominee | and his aides haven't said", the verb a conjunct of
    the first noun), not one a comma alone sets off ("Climate change, | Mr. Obama often
    says")."""
    doc = verb.doc
    earlier = [
        c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS and c.i < subject.i and _can_be_subject(c)
    ]
    if _coordinated_with_subject_noun(verb) and verb.head is not subject:
        earlier.append(verb.head)
    start, joined = phrase.start, False
    for other in sorted(earlier, key=lambda t: t.i, reverse=True):
        if other.tag_ in _WH_TAGS or other.lower_ in _RELATIVE_PRONOUNS:
            break  # ", which | Mr. Clarke says": the relative pronoun is the object
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        first_i = first[0].i if first else subject.i
        span = noun_phrase_span(other, before=first_i)
        between = _text_between(doc, span.end, first_i)
        # side by side ("His ex | - | wife"), unless a determiner opens a new phrase
        # ("Yesterday | the government announced")
        adjacent = (between.strip() == "" or between in _HYPHENS) and not _opens_phrase(
            doc[first_i]
        )
        gap = between.strip()
        if span.end > start or not (adjacent or _JOINS.fullmatch(gap) or (joined and gap == ",")):
            break
        joined = joined or gap != ""
        start = span.start
    return start


def _text_between(doc: Doc, end: int, first_i: int) -> str:
    """The text from character ``end`` to the start of ``doc[first_i]``, read from the few
    tokens in between (``doc.text`` would rebuild the whole text: a sentence of thousands of
    cues made that quadratic); "?" stands for a longer stretch, which joins nothing."""
    pieces: list[str] = []
    i = first_i - 1
    while i >= 0 and doc[i].idx >= end:
        if len(pieces) == _MAX_JOIN_TOKENS:
            return "?"
        pieces.append(doc[i].text_with_ws)
        i -= 1
    before = doc[i].whitespace_ if i >= 0 and doc[i].idx + len(doc[i]) <= end else ""
    return before + "".join(reversed(pieces))


_MAX_JOIN_TOKENS = 3  # ", and", "-", "and": what may join two parts of one subject


def _opens_phrase(token: SpacyToken) -> bool:
    """A determiner or possessive that begins a noun phrase of its own ("the", "a", "his")."""
    return token.dep_ in ("det", "nmod:poss") or token.tag_ in ("DT", "PRP$", "WP$")


_JOINS = re.compile(r"(?:,\s*)?(?:and|or|&)", re.IGNORECASE)


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def common_noun_subject(doc: Doc | None, cue_start: int, cue_end: int) -> Span | None:
    """The cue verb's subject when a common noun heads it ("The actress said", "Six in 10
    voters say", "Many speakers at the service said"): an unnamed source.

    Returns:
        The subject's noun phrase (see :func:`noun_phrase_span`), else None (no parse, a
        passive, a pronoun or name subject, or none before the verb).
    """
    verb = cue_verb(doc, cue_start, cue_end)
    if verb is None or is_passive(verb):
        return None
    subject, holder = _subject_holder(verb)
    if subject is None or not _common_noun_headed(subject) or subject.i > verb.i:
        return None
    return _subject_span(holder, subject)


def _common_noun_headed(subject: SpacyToken) -> bool:
    """ "The actress", "Six in 10 voters", "RT and its defenders": a common noun or number
    heads the subject, or one is coordinated with it."""
    nouns = ("NOUN", "NUM")
    return subject.pos_ in nouns or any(
        c.dep_ == "conj" and c.pos_ in nouns for c in subject.children
    )


def is_progressive(doc: Doc | None, cue_start: int, cue_end: int) -> bool:
    """ "is saying", "'s predicting", "has been arguing": the cue verb is a present participle
    with a form of "be" as auxiliary (False without a parse)."""
    verb = cue_verb(doc, cue_start, cue_end)
    return (
        verb is not None
        and verb.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)
    )


def is_passive(verb: SpacyToken) -> bool:
    """ "was said", "has been agreed": a past participle with a form of "be" as auxiliary."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children
    )


def adverb_starts(doc: Doc | None, start: int, end: int) -> frozenset[int]:
    """Where the manner adverbs between ``start`` and ``end`` begin ("sharply", "powerfully",
    "previously"): words in "-ly" the tagger calls adverbs, so "family" or "ally" never are.
    Empty without a parse."""
    if not has_parse(doc):
        return frozenset()
    assert doc is not None
    # only the words right before the cue can stand between it and its subject: a window
    # keeps a sentence with thousands of cues linear
    span = doc.char_span(max(start, end - _ADVERB_REACH), end, alignment_mode="contract")
    if span is None:
        return frozenset()
    return frozenset(t.idx for t in span if _manner_adverb(t))


_ADVERB_REACH = 80  # characters before a cue that may hold its adverbs and auxiliaries


def _manner_adverb(token: SpacyToken) -> bool:
    return token.pos_ == "ADV" and token.is_lower and token.is_alpha and token.text.endswith("ly")


def preposition_before(doc: Doc | None, offset: int) -> bool:
    """Whether the word just before ``offset`` is a preposition ("A spokeswoman for | X"):
    what follows is its object, no subject (False without a parse)."""
    if not has_parse(doc) or offset <= 0:
        return False
    assert doc is not None
    span = doc.char_span(max(0, offset - _WORD_REACH), offset, alignment_mode="contract")
    words = [t for t in span if not t.is_space] if span is not None else []
    return bool(words) and words[-1].pos_ == "ADP"


_WORD_REACH = 40  # characters back to look for the word before an offset


def noun_phrases(doc: Doc | None) -> list[Span]:
    """Base noun phrases of a parsed doc ("regional security", "China-US relations", "peace
    and stability", "heads of state"), for key phrases: a noun with its adjectives, compounds,
    numbers, coordinated nouns and a bare "of" noun after it, without determiners.

    spaCy's ``doc.noun_chunks`` expects ClearNLP labels (dobj, pobj); this reads UD labels.

    Returns:
        Character spans in text order; empty without a parse.
    """
    if not has_parse(doc):
        return []
    assert doc is not None
    found = []
    for head in doc:
        if head.pos_ not in ("NOUN", "PROPN") or _inside_phrase(head):
            continue
        words = [head, *_phrase_modifiers(head)]
        for child in head.rights:
            if child.dep_ == "conj" and child.pos_ == "NOUN" and not _after_finite_verb(child):
                words += [child, *_phrase_modifiers(child)]
                words += [c for c in child.lefts if c.dep_ == "cc"]
            elif child.dep_ == "nmod" and _bare_of_noun(child):
                words += [child, *(c for c in child.children if c.dep_ == "case")]
        found.append(_edges(words))
    return found


_MODIFIER_DEPS = frozenset({"amod", "compound", "flat", "nummod"})


def _inside_phrase(token: SpacyToken) -> bool:
    """A word of a larger base noun phrase ("security" in "regional security", "stability"
    in "peace and stability", "state" in "heads of state")."""
    if token.dep_ in ("compound", "flat", "amod", "fixed"):
        return True
    if token.dep_ == "conj":
        return (
            token.pos_ == "NOUN"
            and token.head.pos_ in ("NOUN", "PROPN")
            and not _after_finite_verb(token)
        )
    return token.dep_ == "nmod" and _bare_of_noun(token)


def _after_finite_verb(token: SpacyToken) -> bool:
    """ "condemned the attack and exchanged | views": a parser may hang a second verb on the
    noun as its modifier; a finite verb before a noun is never part of its phrase."""
    return any(_is_finite_verb(child) for child in token.lefts)


def _is_finite_verb(token: SpacyToken) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.tag_ in _FINITE_TAGS


# Past tense, present, base form and modals; participles ("armed forces") may modify nouns.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VB", "MD"})


def _phrase_modifiers(head: SpacyToken) -> list[SpacyToken]:
    """The adjectives, compounds and numbers right before ``head``, with their own words."""
    words: list[SpacyToken] = []
    for child in reversed(list(head.lefts)):
        if child.text in _HYPHENS and not child.whitespace_:
            continue  # "China-US relations": the hyphen hangs on the head
        if child.dep_ not in _MODIFIER_DEPS or _is_finite_verb(child):
            break
        words += [t for t in child.subtree if _modifier_word(t)]
    return words


def _modifier_word(token: SpacyToken) -> bool:
    return token.dep_ not in ("det", "punct") or token.text in _HYPHENS


_HYPHENS = frozenset({"-", "–"})


def _bare_of_noun(token: SpacyToken) -> bool:
    """ "heads | of state": an "of" noun without determiner or modifiers of its own."""
    case = [c for c in token.children if c.dep_ == "case"]
    others = [c for c in token.children if c.dep_ != "case"]
    return token.pos_ == "NOUN" and len(case) == 1 and case[0].lower_ == "of" and not others


def relative_antecedent(doc: Doc | None, cue_start: int, cue_end: int) -> Span | None:
    """What a cue verb in a relative clause reports: the noun its object pronoun stands for.

    "the missile deployment that Ostland has criticized": the parse hangs "criticized" on
    "deployment" (acl) with "that" as its object (or, tagged less well, its marker) and
    nothing after it, so the deployment is what was criticized.

    Returns:
        The antecedent noun phrase (without a preposition before it), else None.
    """
    verb = cue_verb(doc, cue_start, cue_end)
    if verb is None or verb.dep_ != "acl" or verb.head.i > verb.i:
        return None
    pronoun = next((c for c in verb.lefts if _relative_object(c)), None)
    head = verb.head
    if pronoun is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ in ("obj", "ccomp", "xcomp") for c in verb.rights):
        return None  # "the fact that X criticized the plan": the clause is the noun's content
    words = [t for t in head.subtree if t.i < pronoun.i and not t.is_space]
    while words and words[0].dep_ in ("case", "mark", "cc"):
        words = words[1:]
    return _edges(words) if words else None


def _relative_object(token: SpacyToken) -> bool:
    return token.dep_ in ("obj", "mark") and token.lower_ in _RELATIVE_PRONOUNS
