"""Word lists and gazetteers, loaded from ``data/*.yml`` (data, never literals in the logic)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXTENSIONS_DIR = DATA_DIR / "gazetteers"
# libyaml's safe loader when PyYAML was built with it: the same data, read about 8x faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> object:
    """YAML text -> plain data (safe: no Python objects), with the fastest safe loader."""
    return yaml.load(text, Loader=SAFE_LOADER)


def _read_mapping(path: Path) -> dict:
    loaded = safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


@cache
def load_yaml(name: str) -> dict:
    """Parse ``data/<name>`` (a YAML mapping), its lists extended by ``data/gazetteers/*.yml``.

    Every extension file may hold any of the shipped file's list keys (``countries``,
    ``publishers``, ``people`` ...); its entries are appended after the shipped ones, so local
    gazetteers (an analyst's, the example corpus's invented states) need no code change.
    Callers must not mutate the result (it is cached).
    """
    loaded = _read_mapping(DATA_DIR / name)
    for extension in sorted(EXTENSIONS_DIR.glob("*.yml")):
        extra = _read_mapping(extension)
        for key, value in loaded.items():
            if isinstance(value, list) and isinstance(extra.get(key), list):
                loaded[key] = value + extra[key]
    return loaded


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...]


@cache
def countries() -> tuple[Country, ...]:
    """Countries from ``data/countries.yml``."""
    return tuple(
        Country(
            name=item["name"],
            aliases=tuple(item.get("aliases") or ()),
            demonyms=tuple(item.get("demonyms") or ()),
            capital=item.get("capital"),
        )
        for item in load_yaml("countries.yml")["countries"]
    )


@cache
def organizations() -> tuple[Organization, ...]:
    """International organisations from ``data/countries.yml``."""
    return tuple(
        Organization(name=item["name"], aliases=tuple(item.get("aliases") or ()))
        for item in load_yaml("countries.yml")["organizations"]
    )


@cache
def country_by_word() -> dict[str, str]:
    """Lower-cased name, alias or demonym -> canonical country name."""
    table: dict[str, str] = {}
    for country in countries():
        for word in (country.name, *country.aliases, *country.demonyms):
            table.setdefault(word.lower(), country.name)
    return table


@cache
def country_name_words() -> frozenset[str]:
    """Lower-case words of country names that are also people's names ("chad", "jordan")."""
    return frozenset(str(w).lower() for w in load_yaml("countries.yml").get("name_words") or ())


@cache
def subnational_titles() -> tuple[str, ...]:
    """Titles of state, local or legislative offices ("Gov.", "Senator", "MP")."""
    return tuple(str(w) for w in load_yaml("countries.yml").get("subnational_titles") or ())


@cache
def non_state_titles() -> tuple[str, ...]:
    """Office heads that companies and organisations give too ("Director", "Chairman")."""
    return tuple(str(w) for w in load_yaml("countries.yml").get("non_state_titles") or ())


@cache
def subnational_places() -> tuple[str, ...]:
    """Provinces and states of federations ("Massachusetts", "Ontario"): never a country."""
    return tuple(str(w) for w in load_yaml("countries.yml").get("subnational_places") or ())


@cache
def not_nationalities() -> frozenset[str]:
    """Capitalised words never read as a nationality ("Republican", "Labour"), lower case."""
    words = load_yaml("countries.yml").get("not_nationalities") or ()
    return frozenset(str(w).lower() for w in words)


# ---------------------------------------------------------------- data/organizations.yml


@cache
def office_heads() -> tuple[str, ...]:
    """Words that head an office's name ("Office", "Ministry", "Command")."""
    return tuple(load_yaml("organizations.yml").get("office_heads") or ())


@cache
def person_titles() -> tuple[str, ...]:
    """Titles written before a person's name ("Foreign Minister", "General"), longest first."""
    titles = load_yaml("organizations.yml").get("person_titles") or ()
    return tuple(sorted(set(titles), key=lambda title: (-len(title), title)))


@cache
def national_organizations() -> tuple[Organization, ...]:
    """Ministries, commands, agencies and news agencies from ``data/organizations.yml``."""
    return tuple(
        Organization(name=item["name"], aliases=tuple(item.get("aliases") or ()))
        for item in load_yaml("organizations.yml").get("organizations") or ()
    )


@cache
def locations() -> tuple[str, ...]:
    """Regions, seas and straits (LOC)."""
    return tuple(load_yaml("organizations.yml").get("locations") or ())


@cache
def places() -> tuple[str, ...]:
    """Cities and territories that are not countries or capitals (GPE)."""
    return tuple(load_yaml("organizations.yml").get("places") or ())


@cache
def not_names() -> frozenset[str]:
    """Capitalised words that are never part of a person's name after a title."""
    return frozenset(load_yaml("organizations.yml").get("not_names") or ())


# ---------------------------------------------------------------- speech cues (data/cues.yml)


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One family of cue words: the forms as written and how their content is found."""

    forms: tuple[str, ...]
    content: str  # clause, object, recipient, attitude
    particles: tuple[str, ...] = ()
    prepositions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Everything ``data/cues.yml`` says about speech cues."""

    cues: tuple[CueEntry, ...]
    discussion_verbs: tuple[str, ...]
    discussion_nouns: tuple[str, ...]
    discussion_prepositions: tuple[str, ...]
    discussion_max_modifiers: int
    meeting_verbs: tuple[str, ...]
    purpose_infinitives: tuple[str, ...]
    attitude_nouns: tuple[str, ...]
    attitude_only_verbs: tuple[str, ...]
    attitude_prepositions: tuple[str, ...]
    passive: tuple[str, ...]
    skip_between: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    cue_adverbs: tuple[str, ...]
    postposed_adjunct_words: tuple[str, ...]
    participles: tuple[str, ...]
    content_trailers: tuple[str, ...]
    logistics: tuple[str, ...]
    speech_nouns: tuple[str, ...]
    impersonal: tuple[str, ...]


def _words(items) -> tuple[str, ...]:
    return tuple(str(item) for item in items or ())


@cache
def cue_lexicon() -> CueLexicon:
    """Speech cues from ``data/cues.yml``."""
    data = load_yaml("cues.yml")
    discussion = data.get("discussion") or {}
    purpose = data.get("purpose") or {}
    return CueLexicon(
        cues=tuple(
            CueEntry(
                forms=_words(item["forms"]),
                content=item["content"],
                particles=_words(item.get("particles")),
                prepositions=_words(item.get("prepositions")),
            )
            for item in data["cues"]
        ),
        discussion_verbs=_words(discussion.get("verbs")),
        discussion_nouns=_words(discussion.get("nouns")),
        discussion_prepositions=_words(discussion.get("prepositions")),
        discussion_max_modifiers=int(discussion.get("max_modifier_words", 6)),
        meeting_verbs=_words(purpose.get("meeting_verbs")),
        purpose_infinitives=_words(purpose.get("infinitives")),
        attitude_nouns=_words(data.get("attitude_nouns")),
        attitude_only_verbs=_words(data.get("attitude_only_verbs")),
        attitude_prepositions=_words(data.get("attitude_prepositions")),
        passive=_words(data.get("passive")),
        skip_between=_words(data.get("skip_between")),
        auxiliaries=_words(data.get("auxiliaries")),
        cue_adverbs=_words(data.get("cue_adverbs")),
        postposed_adjunct_words=_words(data.get("postposed_adjunct_words")),
        participles=_words(data.get("participles")),
        content_trailers=_words(data.get("content_trailers")),
        logistics=_words(data.get("logistics")),
        speech_nouns=_words(data.get("speech_nouns")),
        impersonal=_words(data.get("impersonal")),
    )


# ---------------------------------------------------------------- titles (data/titles.yml)


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    """Honorifics, ranks, office head words and the words inside titles."""

    honorifics: tuple[str, ...]
    ranks: tuple[str, ...]
    office_heads: tuple[str, ...]
    title_words: frozenset[str]  # lower case
    equivalents: dict[str, str]
    generic_labels: frozenset[str]
    compound_titles: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    abbreviations: tuple[str, ...]
    not_name_words: tuple[str, ...]


@cache
def title_lexicon() -> TitleLexicon:
    """Titles from ``data/titles.yml``."""
    data = load_yaml("titles.yml")
    return TitleLexicon(
        honorifics=_words(data.get("honorifics")),
        ranks=_words(data.get("ranks")),
        office_heads=_words(data.get("office_heads")),
        title_words=frozenset(word.lower() for word in _words(data.get("title_words"))),
        equivalents={
            str(k).lower(): str(v).lower() for k, v in (data.get("equivalents") or {}).items()
        },
        generic_labels=frozenset(word.lower() for word in _words(data.get("generic_labels"))),
        compound_titles=_words(data.get("compound_titles")),
        name_suffixes=_words(data.get("name_suffixes")),
        abbreviations=_words(data.get("abbreviations")),
        not_name_words=_words(data.get("not_name_words")),
    )


# ---------------------------------------------------------------- sides (data/sides.yml)


@dataclass(frozen=True, slots=True)
class Body:
    """A speaking body (ministry, command, news agency) and the ways releases name it."""

    name: str
    side: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SideLexicon:
    """Collective phrases, side nouns, metonyms and speaking bodies."""

    collective_determiners: tuple[str, ...]
    collective_nouns: tuple[str, ...]
    collective_bare: tuple[str, ...]
    side_nouns: tuple[str, ...]
    metonyms: tuple[str, ...]
    organization_heads: tuple[str, ...]
    organization_anaphors: tuple[str, ...]
    bodies: tuple[Body, ...]


@cache
def side_lexicon() -> SideLexicon:
    """Sides and collectives from ``data/sides.yml``."""
    data = load_yaml("sides.yml")
    collective = data.get("collective") or {}
    return SideLexicon(
        collective_determiners=_words(collective.get("determiners")),
        collective_nouns=_words(collective.get("nouns")),
        collective_bare=_words(collective.get("bare")),
        side_nouns=_words(data.get("side_nouns")),
        metonyms=_words(data.get("metonyms")),
        organization_heads=_words(data.get("organization_heads")),
        organization_anaphors=_words(data.get("organization_anaphors")),
        bodies=tuple(
            Body(name=item["name"], side=item.get("side"), aliases=_words(item.get("aliases")))
            for item in data.get("bodies") or ()
        ),
    )


@cache
def capital_countries() -> dict[str, str]:
    """Capital -> country, for the capitals that ``data/sides.yml`` allows as metonyms."""
    allowed = {name.lower() for name in side_lexicon().metonyms}
    return {
        country.capital: country.name
        for country in countries()
        if country.capital and country.capital.lower() in allowed
    }


# ---------------------------------------------------------------- people (data/people.yml)


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """An official from ``data/people.yml``."""

    name: str
    aliases: tuple[str, ...]
    family: str
    side: str | None
    offices: tuple[str, ...]
    gender: str | None = None


@cache
def known_people() -> tuple[KnownPerson, ...]:
    """Officials from ``data/people.yml``."""
    return tuple(
        KnownPerson(
            name=item["name"],
            aliases=_words(item.get("aliases")),
            family=item.get("family") or item["name"].split()[-1],
            side=item.get("side"),
            offices=_words(item.get("offices")),
            gender=item.get("gender"),
        )
        for item in load_yaml("people.yml").get("people") or ()
    )


@cache
def headline_verbs() -> frozenset[str]:
    """Title-case verbs that end a name in a title-case headline ("Hold", "Meets"), lower case
    (``data/titles.yml`` headline_verbs)."""
    return frozenset(str(w).lower() for w in load_yaml("titles.yml").get("headline_verbs") or ())


@cache
def organization_heads() -> tuple[str, ...]:
    """Words that head an organisation's name ("Ministry", "Command"), not a person's title."""
    return tuple(load_yaml("organizations.yml").get("organization_heads") or ())


def phrase_regex(phrases: Iterable[str]) -> str:
    """One regular expression matching any of ``phrases``, longest first, fast for thousands.

    Shaped as a trie (common beginnings shared). Any run of whitespace matches a space and
    straight and curly apostrophes match each other; the caller chooses flags and boundaries.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.replace("’", "'").split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node_regex(trie) or "(?!)"


def _trie_node_regex(node: dict) -> str:
    branches = [_char_regex(char) + _trie_node_regex(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a phrase may end here: try the longer phrase first, then fall back to this one
    return f"(?:{body})?" if "" in node else body


def _char_regex(char: str) -> str:
    if char == " ":
        return r"\s+"
    return "['’]" if char == "'" else re.escape(char)
