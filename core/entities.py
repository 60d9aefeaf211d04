"""People, organisations, places and nationalities in a release, with character offsets.

Works on any pipeline. Rules come first, in this order of trust: the document's known
actors (people and organisations the statement extractor resolved), the gazetteer (countries,
capitals, demonyms, organisations, regions from ``data/``), then patterns (a title followed
by a capitalised name is a person; "Ministry of ..." / "... Command" is an organisation; an
upper-case dateline place). A statistical NER, when the pipeline has one, fills the gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from core import actors, lexicon
from core.schema import Actor, Entity

# statistical NER labels -> ours; labels not listed (DATE, CARDINAL ...) are kept as they are
NER_LABELS = {"PER": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC", "MISC": "MISC"}
ACTOR_LABELS = {"person": "PERSON", "organization": "ORG"}
MAX_NAME_WORDS = 4

_NAME_WORD = r"[A-Z][A-Za-z]*(?:-[A-Za-z]+)*\.?"
_TRUST = {"actor": 0, "gazetteer": 1, "person": 2, "pattern": 3, "ner": 4}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    label: str
    source: str  # actor, gazetteer, person (title + name), pattern, ner (most trusted first)
    actor: str | None = None
    canonical: str | None = None  # the country a place or demonym belongs to


@dataclass(frozen=True)
class _Gazetteer:
    regex: re.Pattern[str]
    entries: dict[str, tuple[str, str]]  # normal form -> (label, canonical name)


def extract_entities(doc: Doc, *, actors: tuple[Actor, ...]) -> list[Entity]:
    """Named entities of ``doc``: non-overlapping, sorted by offset.

    Args:
        doc: the parsed release (a blank pipeline is enough; ``doc.ents`` is used when set).
        actors: the document's resolved speakers; their names and aliases are found as
            PERSON/ORG entities with ``actor`` set, and country sides link their GPEs.

    Returns:
        Entities labelled PERSON, ORG, GPE, LOC, NORP (plus whatever else the NER gives).
    """
    text = doc.text
    candidates = [
        *_actor_candidates(text, actors),
        *_gazetteer_candidates(text),
        *_titled_people(text),
        *_organization_names(text),
        *_dateline_places(text),
        *_ner_candidates(doc),
    ]
    chosen = _resolve(candidates, text)
    return [
        Entity(text[c.start : c.end], c.label, c.start, c.end, _link(c, text, actors))
        for c in chosen
    ]


# ---------------------------------------------------------------- candidates


def _actor_candidates(text: str, actors: tuple[Actor, ...]) -> list[_Candidate]:
    forms, regex = _actor_matcher(actors)
    if regex is None:
        return []
    return [
        _Candidate(m.start(), m.end(), label, "actor", actor=name)
        for m in regex.finditer(text)
        for label, name in (forms[_normal(m.group())],)
    ]


@lru_cache(maxsize=512)  # releases of one meeting share their actors
def _actor_matcher(
    actors: tuple[Actor, ...],
) -> tuple[dict[str, tuple[str, str]], re.Pattern[str] | None]:
    forms = _actor_forms(actors)
    return forms, re.compile(_bounded(lexicon.phrase_regex(forms))) if forms else None


def _actor_forms(actors: tuple[Actor, ...]) -> dict[str, tuple[str, str]]:
    """Normal form of each name and alias of people and organisations -> (label, actor)."""
    forms: dict[str, tuple[str, str]] = {}
    for actor in actors:
        label = ACTOR_LABELS.get(actor.kind)
        if label is None:
            continue
        for written in (actor.name, *actor.aliases):
            form = _bare_name(written) if label == "PERSON" else _drop_article(written)
            if _usable_form(form):
                forms.setdefault(_normal(form), (label, actor.name))
                forms.setdefault(_normal(form.upper()), (label, actor.name))
    return forms


def _gazetteer_candidates(text: str) -> list[_Candidate]:
    gazetteer = _gazetteer()
    return [
        _Candidate(m.start(), m.end(), label, "gazetteer", canonical=canonical)
        for m in gazetteer.regex.finditer(text)
        if not actors.country_word_in_name(text, m.start())  # "Chad Harris", "Michael Jordan"
        for label, canonical in (gazetteer.entries[_normal(m.group())],)
    ]


def _titled_people(text: str) -> list[_Candidate]:
    """A title and a capitalised name: "Foreign Minister Wang Yi" -> PERSON "Wang Yi"."""
    found = []
    for match in _title_regex().finditer(text):
        offset = match.start("name")
        words = _name_words(list(re.finditer(r"\S+", match.group("name"))), text, offset)
        if words:
            last = words[-1].group()
            # a sentence's full stop is not part of the name; an initial's dot ("J.") is
            end = offset + words[-1].end() - (last.endswith(".") and len(last) > 2)
            found.append(_Candidate(offset + words[0].start(), end, "PERSON", "person"))
    return found


def _organization_names(text: str) -> list[_Candidate]:
    """ "Ministry of National Defense", "Taiwan Affairs Office" -> ORG."""
    found = []
    for regex in _organization_regexes():
        for match in regex.finditer(text):
            start = _skip_leading_not_names(text, match.start(), match.end())
            if start < match.end():
                found.append(_Candidate(start, match.end(), "ORG", "pattern"))
    return found


def _dateline_places(text: str) -> list[_Candidate]:
    """Upper-case places opening a dateline: "BEIJING, July 8 --", "MOSCOW/WASHINGTON, ..."."""
    found = []
    for match in _DATELINE.finditer(text):
        offset = match.start("places")
        for place in re.finditer(r"[^/]+", match.group("places")):
            found.append(_Candidate(offset + place.start(), offset + place.end(), "GPE", "pattern"))
    return found


def _ner_candidates(doc: Doc) -> list[_Candidate]:
    if not doc.to_array("ENT_IOB").any():
        return []  # no NER ran (a blank pipeline); checked in bulk, not token by token
    found = []
    for ent in doc.ents:
        start, end = _without_edge_space(doc.text, ent.start_char, ent.end_char)
        label = NER_LABELS.get(ent.label_, ent.label_)
        if start < end and (label not in _NAME_LABELS or _statistical_name(doc.text[start:end])):
            found.append(_Candidate(start, end, label, "ner"))
    return found


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def _without_edge_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the line breaks a statistical NER may take in ("Affairs\n\n")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _statistical_name(surface: str) -> bool:
    """A statistical entity worth keeping: on one line, and not one title or heading word
    ("Ministers", "Bureau", "Releases") nor a lone letter ("Q")."""
    if not surface or "\n" in surface:
        return False
    words = surface.split()
    if len(words) > 1:
        return True
    word = words[0]
    lowered = {word.casefold(), word.casefold().removesuffix("s")}
    return len(word) > 1 and not lowered & _lower_single_words()


@cache
def _lower_single_words() -> frozenset[str]:
    """Words that never name anything alone: title words, not-name and heading words, the
    heads of bodies' names ("Bureau", "Department" alone refer back to a body)."""
    words = {
        *_title_words(),
        *lexicon.not_names(),
        *lexicon.title_lexicon().not_name_words,
        *lexicon.office_heads(),
        *lexicon.side_lexicon().organization_heads,
    }
    return frozenset(str(word).casefold() for word in words)


# ---------------------------------------------------------------- choosing and linking


def _resolve(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """Non-overlapping candidates: more trusted first, then longer; sorted by offset.

    A pattern match that runs into a more trusted entity is cut before it ("Office of the
    Foreign Affairs Commission Yang Jiechi" -> the office, then the person).
    """
    ranked = sorted(candidates, key=lambda c: (_TRUST[c.source], c.start - c.end, c.start))
    taken = bytearray(len(text))
    kept: list[_Candidate] = []
    for candidate in ranked:
        first_taken = taken.find(1, candidate.start, candidate.end)
        if first_taken >= 0 and candidate.source == "pattern":
            cut = _cut_before(candidate, first_taken, text)
            candidate, first_taken = (cut, -1) if cut else (candidate, first_taken)
        if first_taken < 0:
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _cut_before(candidate: _Candidate, limit: int, text: str) -> _Candidate | None:
    words = list(re.finditer(r"[^\s,]+", text[candidate.start : limit]))
    while words and words[-1].group() in _title_words():
        words.pop()  # "Department of Defense Secretary" -> "Department of Defense"
    if len(words) < 2:
        return None
    end = candidate.start + words[-1].end()
    return _Candidate(candidate.start, end, candidate.label, candidate.source)


def _link(candidate: _Candidate, text: str, actors: tuple[Actor, ...]) -> str | None:
    """The canonical actor an entity names, if it names one."""
    if candidate.actor:
        return candidate.actor
    if candidate.label == "GPE" and candidate.canonical:
        sides = {_drop_article(a.name).casefold(): a.name for a in actors if a.kind == "side"}
        return sides.get(_drop_article(candidate.canonical).casefold())
    if candidate.label != "PERSON":
        return None
    if candidate.canonical and any(a.name == candidate.canonical for a in actors):
        return candidate.canonical
    return _person_by_name_part(text[candidate.start : candidate.end], actors)


def _person_by_name_part(name: str, actors: tuple[Actor, ...]) -> str | None:
    """ "Mattis" -> "Jim Mattis", "Li" -> "Li Zuocheng": when exactly one person fits."""
    words = [word.casefold() for word in name.split()]
    fits = {
        actor.name
        for actor in actors
        if actor.kind == "person"
        and words
        and all(word in actor.name.casefold().split() for word in words)
    }
    return fits.pop() if len(fits) == 1 else None


# ---------------------------------------------------------------- names and forms


def _normal(surface: str) -> str:
    """One space between words and one kind of apostrophe; case is kept."""
    return " ".join(surface.replace("’", "'").split())


def _drop_article(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if words and words[0].casefold() == "the" else name.strip()


def _bare_name(written: str) -> str:
    """A person's alias without article, nationality and titles: "the US Secretary Austin"."""
    words = _drop_article(written).split()
    while words:
        if _normal(words[0]) in _gazetteer().entries:
            words = words[1:]
            continue
        title = _leading_title(words)
        if not title:
            break
        words = words[title:]
    return " ".join(words)


def _leading_title(words: list[str]) -> int:
    """How many of the first words form a person's title (0 when they do not)."""
    found = _leading_title_regex().match(" ".join(words) + " ")
    return len(found.group().split()) if found else 0


def _usable_form(form: str) -> bool:
    """A name to search for: capitalised, and not a pronoun or other stop word ("He")."""
    return bool(form) and form[0].isupper() and form.casefold() not in STOP_WORDS


def _name_words(words: list[re.Match[str]], text: str, offset: int) -> list[re.Match[str]]:
    """The name in the words after a title (matched from ``text[offset:]``): leading titles
    dropped, cut at a non-name or a place ("Minister Ana Ruiz Kestria"), but not at a country
    word that is a given name in this name ("Defence Minister Israel Katz")."""
    stop = _title_words() | lexicon.not_names() | set(lexicon.office_heads())
    while words and words[0].group() in stop:
        words = words[1:]
    kept: list[re.Match[str]] = []
    for word in words[:MAX_NAME_WORDS]:
        bare = word.group().rstrip(".")
        place = _normal(bare) in _gazetteer().entries
        if place and actors.country_word_in_name(text, offset + word.start()):
            place = False
        if word.group() in stop or bare in stop or place:
            break
        kept.append(word)
        if len(word.group()) > 2 and word.group().endswith("."):
            break  # a full stop ends the name ("Rubio. This"); an initial's dot does not
    return kept


def _skip_leading_not_names(text: str, start: int, end: int) -> int:
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group() not in lexicon.not_names():
            return start + word.start()
    return end


# ---------------------------------------------------------------- compiled once


def _bounded(regex: str) -> str:
    """Whole words only: not inside a longer word or after a dot ("U.S." is one word)."""
    return r"(?<![\w.])(?:" + regex + r")(?![\w])"


@cache
def _gazetteer() -> _Gazetteer:
    entries: dict[str, tuple[str, str]] = {}
    for label, name, forms in _gazetteer_rows():
        for form in forms:
            if form and not form.casefold().startswith("the "):
                entries.setdefault(_normal(form), (label, name))
    regex = re.compile(_bounded(lexicon.phrase_regex(entries)))
    return _Gazetteer(regex=regex, entries=entries)


def _gazetteer_rows() -> Iterable[tuple[str, str, tuple[str, ...]]]:
    """(label, canonical name, surface forms); earlier rows win a form listed twice."""
    countries = lexicon.countries()
    for country in countries:
        yield "GPE", country.name, (country.name, *country.aliases)
    for organization in (*lexicon.organizations(), *lexicon.national_organizations()):
        yield "ORG", organization.name, (organization.name, *organization.aliases)
    for body in lexicon.side_lexicon().bodies:
        yield "ORG", body.name, (body.name, *body.aliases)
    for person in lexicon.known_people():
        yield "PERSON", person.name, (person.name, *person.aliases)
    for country in countries:
        yield "NORP", country.name, country.demonyms
        if country.capital:
            yield "GPE", country.capital, (country.capital,)
    for place in lexicon.locations():
        yield "LOC", place, (place,)
    for place in lexicon.places():
        yield "GPE", place, (place,)


@cache
def _title_regex() -> re.Pattern[str]:
    titles = lexicon.person_titles()
    written = lexicon.phrase_regex((*titles, *(title.upper() for title in titles)))
    name = rf"{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,{MAX_NAME_WORDS + 1}}}"
    return re.compile(rf"(?<![\w.])(?:{written})[ \t]+(?P<name>{name})(?![\w])")


@cache
def _leading_title_regex() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon.phrase_regex(lexicon.person_titles())})\s", re.IGNORECASE)


@cache
def _title_words() -> frozenset[str]:
    return frozenset(word for title in lexicon.person_titles() for word in title.split())


@cache
def _lower_titles() -> frozenset[str]:
    return frozenset(title.casefold() for title in lexicon.person_titles())


@cache
def _organization_regexes() -> tuple[re.Pattern[str], ...]:
    heads = "|".join(re.escape(head) for head in lexicon.organization_heads())
    word = r"[A-Z][\w'’-]*"
    joined = rf"{word}(?:[ ](?:(?:and|of|for|the|&)[ ])*{word})*"
    return (
        re.compile(rf"(?<![\w.])(?:{heads})[ ](?:of|for)[ ](?:the[ ])?{joined}"),
        re.compile(rf"(?<![\w.])(?:{word}[ ]){{1,3}}(?:{heads})(?![\w])"),
    )


_DATELINE = re.compile(
    r"^[ \t]*(?P<places>[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+)*)"
    r"(?=,[ \t]+(?:[A-Z][a-z]{2,}\.?[ \t]+\d|\d)|[ \t]+(?:--|[–—])[ \t])",
    re.MULTILINE,
)
