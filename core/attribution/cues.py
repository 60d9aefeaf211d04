"""Speech cues: the words of ``data/cues.yml`` that attribute something to a speaker
("said", "stressed", "expressed concern over", "exchanged views on", "according to").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core import lexicon
from core.attribution.layout import Span

# the word after a cue ("pointed out"), matched in place: slicing the rest of a long sentence
# for every cue in it was the cost
_PARTICLE_RE = re.compile(r"\s+(\w+)")


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the text, with where its content may start."""

    start: int
    end: int  # end of the cue as written (adverbs and particles included)
    content: str  # clause, object, recipient, attitude, source, discussion, purpose, passive
    prepositions: tuple[str, ...] = ()
    that_only: bool = False  # speech only before "that" or a quote ("claimed that", not "a win")
    documents_only: bool = False  # a cue only with a document as subject ("the poll showed")

    def text_in(self, text: str) -> str:
        return re.sub(r"\s+", " ", text[self.start : self.end])


@cache
def _cue_regex() -> re.Pattern[str]:
    cues = lexicon.cue_lexicon()
    forms = sorted({form for entry in cues.cues for form in entry.forms}, key=len, reverse=True)
    adverbs = "|".join(re.escape(a) for a in sorted(cues.cue_adverbs, key=len, reverse=True))
    sources = [e for e in cues.cues if e.content == "source"]
    forms += [f[0].upper() + f[1:] for entry in sources for f in entry.forms]  # "According to"
    participles = {f for e in cues.cues for f in e.forms if f.split()[0].endswith("ing")}
    forms += [f[0].upper() + f[1:] for f in sorted(participles)]  # "Recalling X, the two ..."
    alternation = "|".join(phrase_pattern(form) for form in forms)
    return re.compile(rf"(?<![\w’'-])(?:(?:{adverbs})\s+)?(?P<form>{alternation})(?![\w’'-])")


def phrase_pattern(words: str) -> str:
    """A regex for a phrase whose words may be separated by any whitespace."""
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
    verbs = "|".join(phrase_pattern(v) for v in cues.discussion_verbs)
    nouns = "|".join(
        phrase_pattern(n) for n in sorted(cues.discussion_nouns, key=len, reverse=True)
    )
    preps = "|".join(phrase_pattern(p) for p in cues.discussion_prepositions)
    modifiers = rf"(?:[\w,’'-]+\s+){{0,{cues.discussion_max_modifiers}}}?"
    return re.compile(
        rf"(?<![\w-])(?:{verbs})\s+{modifiers}(?:{nouns})\s+(?:{preps})(?![\w-])", re.IGNORECASE
    )


@cache
def purpose_regex() -> re.Pattern[str]:
    """ "to discuss", "to reaffirm": infinitives of purpose after a meeting verb."""
    cues = lexicon.cue_lexicon()
    verbs = "|".join(
        phrase_pattern(v) for v in sorted(cues.purpose_infinitives, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])to\s+(?:{verbs})(?![\w-])")


@cache
def passive_regex() -> re.Pattern[str]:
    """ "were also briefly discussed" closing a sentence."""
    cues = lexicon.cue_lexicon()
    verbs = "|".join(phrase_pattern(v) for v in cues.passive)
    skip = "|".join(phrase_pattern(w) for w in cues.skip_between)
    return re.compile(
        rf"\s(?P<cue>(?:was|were)\s+(?:(?:{skip}|briefly|also)\s+){{0,2}}(?:{verbs}))\s*[.]?\s*$"
    )


@cache
def impersonal_regex() -> re.Pattern[str]:
    """ "It was agreed that", "It was also noted that"."""
    verbs = "|".join(phrase_pattern(v) for v in lexicon.cue_lexicon().impersonal)
    return re.compile(rf"\b(?P<cue>[Ii]t\s+was\s+(?:also\s+)?(?:{verbs}))\s+that\s+")


def find_cues(text: str, span: Span) -> list[Cue]:
    """Speech cues in a sentence, in text order, longest first where they overlap."""
    phrases = [
        Cue(match.start(), match.end(), "discussion")
        for match in _discussion_regex().finditer(text, span.start, span.end)
    ]
    phrases += [
        Cue(match.start(), match.end(), "purpose")
        for match in purpose_regex().finditer(text, span.start, span.end)
    ]
    words = [
        _cue_from_match(text, match, span.end)
        for match in _cue_regex().finditer(text, span.start, span.end)
        if not any(c.start <= match.start() < c.end for c in phrases)
        and not _not_cue(text, match.start("form"))
    ]
    return sorted(phrases + words, key=lambda cue: cue.start)


def _not_cue(text: str, position: int) -> bool:
    """ "added to her lead", "raised $2 million": a cue word in another sense."""
    following = re.sub(r"\s+", " ", text[position : position + 40].lower())
    return following.startswith(_not_cue_phrases())


@cache
def _not_cue_phrases() -> tuple[str, ...]:
    return tuple(lexicon.load_yaml("cues.yml").get("not_cues") or ())


@cache
def _that_only_forms() -> frozenset[str]:
    return _flagged_forms("that_only")


@cache
def _documents_only_forms() -> frozenset[str]:
    return _flagged_forms("documents_only")


def _flagged_forms(flag: str) -> frozenset[str]:
    entries = lexicon.load_yaml("cues.yml").get("cues") or ()
    return frozenset(f for e in entries if e.get(flag) for f in e.get("forms") or ())


def _cue_from_match(text: str, match: re.Match[str], limit: int) -> Cue:
    form = re.sub(r"\s+", " ", match.group("form"))
    entry = _cue_entries().get(form) or _cue_entries()[form[0].lower() + form[1:]]
    end = match.end()
    particle = _PARTICLE_RE.match(text, end, limit)
    if particle and particle.group(1) in entry.particles and particle.group(1) != "that":
        end = particle.end()
    that_only = form.lower() in _that_only_forms()
    documents_only = form.lower() in _documents_only_forms()
    return Cue(match.start(), end, entry.content, entry.prepositions, that_only, documents_only)
