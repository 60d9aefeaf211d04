"""The language pipeline, loaded by name through one function.

Order (issue 4): the pipeline named by ``READOUT_PIPELINE``, else an installed
``en_core_web_*`` package, else the pipeline this project ships (``pipelines/``), else blank
English with rule-based sentences. Extractors work on any of them: they use the parse when
the pipeline has one and fall back to rules when it has not.

Every loaded pipeline with an entity recogniser gets the project's entity rules in front of
it, built from ``data/`` at load time so they stay in sync with the gazetteers: titles and
ranks before names (``data/titles.yml``, ``data/organizations.yml``) give PERSON; countries,
capitals and places give GPE, regions LOC, demonyms NORP (``data/countries.yml``,
``data/organizations.yml``); named organisations and ministries/commands ("Ministry of
Foreign Affairs", "Eastern Theater Command") give ORG. The statistical NER keeps these
entities and labels the rest of the text around them.
"""

import functools
import importlib.util
import logging
import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IS_ALPHA, IS_SPACE, LOWER, ORTH, PREFIX, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, minibatch

from core import (
    lexicon,
    word_clusters,  # noqa: F401  (registers the tok2vec cluster architecture)
)

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PIPELINE = ROOT / "pipelines" / "readout_en"
PIPELINE_SETTING = "READOUT_PIPELINE"
BLANK = "blank"
PRETRAINED_PREFERENCE = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
ENTITY_RULER = "readout_entity_rules"
ENTITY_RULER_FACTORY = "readout_entity_ruler"
TITLED_NAMES = "readout_titled_names"
NAME_PARTS = "readout_name_parts"
ENTITY_EDGES = "readout_entity_edges"
GAZETTEER_LABELS = ("GPE", "LOC", "NORP")
DETERMINERS = ("the", "a", "an", "this", "that", "these", "those")
NAME_PARTICLES = ("bin", "ibn", "al", "el", "de", "da", "van", "von", "-")
MAX_NAME_TOKENS = 6  # "Abu Musab al-Zarqawi" is five tokens
PORTFOLIO_CONNECTORS = ("for", "to", "of")
BODY_LINKS = ("of", "for")  # "Ministry of Defence", "Commission for Human Rights"
BODY_JOINS = ("the", "and")  # "Department of the Navy", "Ministry of Trade and Industry"
MAX_TITLE_TAIL = 6  # title words after the matched title: "Minister" + "of Foreign Affairs"
TOKEN_COLUMNS = [SENT_START, ORTH, PREFIX, IS_ALPHA, IS_SPACE, SPACY]  # the sentence rules read
START_COLUMN, ORTH_COLUMN, PREFIX_COLUMN, IS_ALPHA_COLUMN, IS_SPACE_COLUMN, SPACE_AFTER = range(6)
PRONOUN_I = get_string_id("I")
HASH_BITMAP_MASK = (1 << 16) - 1  # HashSet: 65,536 low-bit slots, a few per cent taken
PERIOD = get_string_id(".")
# quote marks that may close a quotation ("“" and "‘" only open one); the apostrophe too
CLOSING_QUOTES = ('"', "”", "’", "'", "''")
# quote marks that may open one ("”" and "''" only close one; "’" before a word elides: "’90s")
OPENING_QUOTES = ('"', "“", "‘", "'")


class HashSet:
    """A set of strings as their hashes (the values of ``ORTH``, ``LOWER``, ``PREFIX``),
    tested for a whole token array at once: a bitmap over the hashes' low bits rules out
    nearly every token in one lookup, the few left are checked against the sorted hashes."""

    def __init__(self, hashes: Iterable[int]) -> None:
        self.hashes = np.array(sorted(set(hashes)), dtype="uint64")
        self.bitmap = np.zeros(HASH_BITMAP_MASK + 1, dtype=bool)
        self.bitmap[self.hashes & np.uint64(HASH_BITMAP_MASK)] = True

    @classmethod
    def of(cls, words: Iterable[str]) -> "HashSet":
        """The set of ``words``."""
        return cls(get_string_id(word) for word in words)

    def contains(self, values: np.ndarray) -> np.ndarray:
        """Which of ``values`` (hashes) are in the set."""
        found = self.bitmap[values & np.uint64(HASH_BITMAP_MASK)]
        maybe = np.flatnonzero(found)
        if len(maybe):
            candidates = values[maybe]
            places = np.searchsorted(self.hashes, candidates).clip(max=len(self.hashes) - 1)
            found[maybe] = self.hashes[places] == candidates
        return found


def upper_initials(prefixes: np.ndarray, strings: StringStore) -> np.ndarray:
    """Which tokens start with a capital, from their ``PREFIX`` (first character) hashes:
    each distinct first character is read once."""
    return HashSet(p for p in set(prefixes.tolist()) if strings[p][:1].isupper()).contains(prefixes)


def capitalised_words(columns: np.ndarray, strings: StringStore) -> np.ndarray:
    """Which tokens are capitalised words ("Lucan", "MERRIWEATHER": letters only, the first
    one upper case, "I" excepted), from ``doc.to_array(TOKEN_COLUMNS)``."""
    return (
        (columns[:, IS_ALPHA_COLUMN] == 1)
        & upper_initials(columns[:, PREFIX_COLUMN], strings)
        & (columns[:, ORTH_COLUMN] != PRONOUN_I)
    )


def line_breaks(columns: np.ndarray, strings: StringStore) -> np.ndarray:
    """Which tokens are whitespace holding a line break (each distinct whitespace read once)."""
    spaces = columns[:, IS_SPACE_COLUMN] == 1
    forms = set(columns[spaces, ORTH_COLUMN].tolist())
    breaking = HashSet(form for form in forms if "\n" in strings[form])
    return spaces & breaking.contains(columns[:, ORTH_COLUMN])


def closing_quotes(columns: np.ndarray) -> np.ndarray:
    """Quote marks written against the word before them (no whitespace between): they close
    a quotation (``today." It``) or are an apostrophe (``the members' votes``), so they end a
    sentence or sit inside one, never begin one. An opening quote follows whitespace or a
    line break; one written against an opening bracket (``("Hello")``) is caught too, where
    no sentence starts either."""
    glued = (columns[:, SPACE_AFTER] == 0) & (columns[:, IS_SPACE_COLUMN] == 0)
    return quote_marks(CLOSING_QUOTES).contains(columns[:, ORTH_COLUMN]) & following(glued)


def quoted_openings(columns: np.ndarray) -> np.ndarray:
    """Words written against a quote mark before them (``include "Don't be evil``): the
    quotation opens there, so a sentence may start at the quote mark, never after it."""
    opening = quote_marks(OPENING_QUOTES).contains(columns[:, ORTH_COLUMN])
    return following(opening & (columns[:, SPACE_AFTER] == 0)) & (columns[:, IS_SPACE_COLUMN] == 0)


def after_title_abbreviations(columns: np.ndarray) -> np.ndarray:
    """Words right after an abbreviated title or rank on the same line ("Capt. Lee", "Lt.
    Gen. Li", "GEN. ELIZABETH"): the name follows, not a new sentence, whether the tokenizer
    keeps the period on the word ("Gen.") or splits it off ("Capt" + ".")."""
    whole, stems = title_abbreviations()
    orths = columns[:, ORTH_COLUMN]
    glued_stem = stems.contains(orths) & (columns[:, SPACE_AFTER] == 0)
    split = (orths == PERIOD) & following(glued_stem)
    return following(whole.contains(orths) | split) & (columns[:, IS_SPACE_COLUMN] == 0)


@functools.cache
def title_abbreviations() -> tuple[HashSet, HashSet]:
    """The abbreviated titles and ranks written before names ("Capt.", also "CAPT."), and
    the same without the period; name suffixes ("Sr.": "Sr. Col." but "John Smith Sr.
    said") are left out, as they may end a sentence."""
    suffixes = {str(word) for word in read_data("titles.yml").get("name_suffixes") or []}
    words = {word for title in person_titles() for word in title.split()}
    abbreviated = {w for w in words if w.endswith(".") and len(w) > 1 and w not in suffixes}
    written = {form for word in abbreviated for form in (word, word.upper())}
    return HashSet.of(written), HashSet.of(form[:-1] for form in written)


@functools.cache
def quote_marks(marks: tuple[str, ...]) -> HashSet:
    """Quote marks as a :class:`HashSet` (made once)."""
    return HashSet.of(marks)


def following(flags: np.ndarray) -> np.ndarray:
    """``flags`` moved one token on: true where the token before was flagged."""
    moved = np.zeros_like(flags)
    moved[1:] = flags[:-1]
    return moved


def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: releases put headings and datelines on lines.
    Never start one where English orthography rules it out: inside a name ("Lucan |
    Merriweather said"; two capitalised words on one line, a line break being a token of its
    own), at a quote mark closing the sentence before it (``visitors." It read``), after a
    quote mark opening a quotation (``"Don't``) or after an abbreviated title ("Capt. Lee").
    A trained parser runs after this component and keeps these preset starts and mostly
    respects the forbidden ones (it otherwise splits "Lucan | Merriweather said" or makes
    the closing quote the first token of the next sentence).

    The rules run on token arrays (see :func:`preset_sentence_starts`).
    """
    preset_sentence_starts([doc])
    return doc


def preset_sentence_starts(docs: list[Doc]) -> None:
    """The rules of :func:`paragraph_sentences` for a batch of docs at once: their token
    arrays end to end, the starts written back per doc. Setting ``token.is_sent_start`` one
    token at a time re-checks the whole document each time (quadratic: 10,000 short lines
    took 20 s), and array operations cost about as much for one short doc as for a batch.
    The rules read a token and those before it: a neutral row between docs (no word, no
    whitespace, a space after it) keeps them from reading across; a doc's first token keeps
    its start as it was."""
    docs = [doc for doc in docs if len(doc) > 1]
    if not docs:
        return
    separator = np.zeros((1, len(TOKEN_COLUMNS)), dtype="uint64")
    separator[0, SPACE_AFTER] = 1
    arrays = [part for doc in docs for part in (doc.to_array(TOKEN_COLUMNS), separator)]
    columns = np.concatenate(arrays)
    given = columns[:, START_COLUMN].astype("int64")
    starts = given.copy()
    breaks = line_breaks(columns, docs[0].vocab.strings)
    capitals = capitalised_words(columns, docs[0].vocab.strings)
    # later assignments win: a line break over a start after one over the other rules
    starts[capitals & following(capitals)] = -1
    starts[closing_quotes(columns) | quoted_openings(columns)] = -1
    starts[after_title_abbreviations(columns)] = -1
    starts[following(breaks)] = 1
    starts[breaks] = -1  # the line break stays with the sentence it ends
    firsts = np.cumsum([0, *(len(doc) + 1 for doc in docs[:-1])])
    starts[firsts] = given[firsts]  # a doc's first token: as it was
    for doc, first in zip(docs, firsts.tolist(), strict=True):
        doc.from_array([SENT_START], starts[first : first + len(doc)].astype("uint64"))


class SentenceRules:
    """The ``paragraph_sentences`` component: ``nlp.pipe`` batches go through
    :func:`preset_sentence_starts` at once."""

    def __call__(self, doc: Doc) -> Doc:
        return paragraph_sentences(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterator[Doc]:
        """The docs with their preset starts, ``batch_size`` at a time."""
        for batch in minibatch(docs, batch_size):
            preset_sentence_starts(batch)
            yield from batch


@Language.factory("paragraph_sentences")
def make_paragraph_sentences(nlp: Language, name: str) -> SentenceRules:
    """Factory for :class:`SentenceRules` (added at load time by :func:`load_pipeline`)."""
    return SentenceRules()


class EntityEdges:
    """Entities as names are written: without the line-break tokens a statistical NER may
    take in at their edges ("Affairs\\n\\n": released text has them between paragraphs), and
    never a lone title word ("Sgt", "Ministers")."""

    def __init__(self, title_words: list[str]) -> None:
        self.title_words = frozenset(word.lower() for word in title_words)

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        changed = False
        for ent in doc.ents:
            start, end = ent.start, ent.end
            while start < end and doc[start].is_space:
                start += 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            lone_title = end - start == 1 and self._is_title_word(doc[start])
            changed = changed or (start, end) != (ent.start, ent.end) or lone_title
            if start < end and not lone_title:
                kept.append(Span(doc, start, end, label=ent.label, kb_id=ent.kb_id))
        if changed:
            doc.ents = kept
        return doc

    def _is_title_word(self, token: Token) -> bool:
        lower = token.lower_.rstrip(".")
        return lower in self.title_words or lower.removesuffix("s") in self.title_words


@Language.factory(ENTITY_EDGES, default_config={"title_words": []})
def make_entity_edges(nlp: Language, name: str, title_words: list[str]) -> EntityEdges:
    """Factory for :class:`EntityEdges` (added after the NER by :func:`add_entity_rules`)."""
    return EntityEdges(title_words)


def choose_pipeline(name: str | None = None) -> str:
    """The pipeline to load: the given name, the setting, a pretrained one, ours, or blank."""
    if name:
        return name
    setting = os.environ.get(PIPELINE_SETTING, "").strip()
    if setting:
        return setting
    for package in PRETRAINED_PREFERENCE:
        if importlib.util.find_spec(package) is not None:
            return package
    if (SHIPPED_PIPELINE / "meta.json").exists():
        return str(SHIPPED_PIPELINE)
    return BLANK


def create_blank_pipeline() -> Language:
    """Blank English with rule-based sentences: the floor every extractor must work on."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_sentences")
    return nlp


def load_pipeline(name: str | None = None) -> Language:
    """Load the language pipeline by name (see :func:`choose_pipeline` for the order).

    Args:
        name: a package name, a path to a pipeline directory, or ``"blank"``.

    Returns:
        A spaCy ``Language`` whose ``meta["readout_source"]`` says what was loaded.
    """
    chosen = choose_pipeline(name)
    nlp = create_blank_pipeline() if chosen == BLANK else spacy.load(chosen)
    if "paragraph_sentences" not in nlp.pipe_names and chosen != BLANK:
        # before the parser: a parsed doc refuses new sentence starts, the parser keeps preset ones
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe("paragraph_sentences", **where)
    if "ner" in nlp.pipe_names:
        add_entity_rules(nlp)
    nlp.meta["readout_source"] = chosen
    return nlp


# ---------------------------------------------------------------- entity rules (from data/)


def read_data(name: str) -> dict:
    """``data/<name>`` as a mapping, or an empty one when the file is absent."""
    try:
        return lexicon.load_yaml(name)
    except FileNotFoundError:
        logger.info("data/%s not found: its entity rules are left out", name)
        return {}


def without_article(phrase: str) -> str:
    """``the United States`` -> ``United States`` (entities exclude the article)."""
    first, _, rest = phrase.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else phrase


def phrase_patterns(label: str, phrases: Iterable[str]) -> list[dict]:
    """Entity-ruler patterns for exact (case-sensitive) phrases."""
    unique = {without_article(p.strip()) for p in phrases if p and p.strip()}
    return [{"label": label, "pattern": phrase} for phrase in sorted(unique)]


def plural_demonyms(demonyms: Iterable[str]) -> list[str]:
    """``American`` -> ``Americans``; ``Chinese`` has no plural form."""
    return [d + "s" for d in demonyms if d.endswith(("an", "i")) and not d.isupper()]


def gazetteer_patterns() -> list[dict]:
    """Countries, capitals, places (GPE), regions (LOC), demonyms (NORP), organisations (ORG)."""
    countries = read_data("countries.yml").get("countries") or []
    organizations = read_data("organizations.yml")
    names = [c.get("name", "") for c in countries] + [
        a for c in countries for a in c.get("aliases") or []
    ]
    capitals = [c.get("capital") or "" for c in countries]
    demonyms = [d for c in countries for d in c.get("demonyms") or [] if not d.isupper()]
    orgs = [
        *(read_data("countries.yml").get("organizations") or []),
        *(organizations.get("organizations") or []),
    ]
    org_names = [o.get("name", "") for o in orgs] + [
        a for o in orgs for a in o.get("aliases") or []
    ]
    places = [*names, *capitals, *(organizations.get("places") or [])]
    # datelines write places in capitals: "BEIJING, July 8 --"
    return [
        *phrase_patterns("GPE", [*places, *(without_article(p).upper() for p in places if p)]),
        *phrase_patterns("LOC", organizations.get("locations") or []),
        *phrase_patterns("NORP", [*demonyms, *plural_demonyms(demonyms)]),
        *phrase_patterns("ORG", org_names),
    ]


def person_titles() -> list[str]:
    """Titles, ranks and honorifics written before a person's name."""
    titles = read_data("titles.yml")
    organizations = read_data("organizations.yml")
    return sorted(
        {
            *(organizations.get("person_titles") or []),
            *(titles.get("ranks") or []),
            *(titles.get("honorifics") or []),
            *(titles.get("office_heads") or []),
        }
    )


def title_vocabulary(titles: Iterable[str]) -> set[str]:
    """Lower-cased words that belong to titles, never to names."""
    words = {w.lower() for title in titles for w in title.split()}
    words.update(str(w).lower() for w in read_data("titles.yml").get("title_words") or [])
    words.update(str(w).lower() for w in read_data("organizations.yml").get("not_names") or [])
    return words | set(DETERMINERS)


def body_heads() -> list[str]:
    """Words that head an organisation's name ("Ministry", "Command"), not a person's title."""
    organizations = read_data("organizations.yml")
    person_words = {w for title in person_titles() for w in title.split()}
    heads = organizations.get("body_heads") or organizations.get("office_heads") or []
    return sorted(h for h in heads if h not in person_words)


def body_patterns(heads: list[str], excluded: set[str], leads: list[str]) -> list[dict]:
    """Ministries and commands: "Foreign Ministry", "Ministry of Foreign Affairs", also led by
    a one-word country or demonym ("U.S. Central Command", "Chinese Foreign Ministry")."""
    if not heads:
        return []
    name_word = {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"NOT_IN": sorted(excluded)}}
    head = {"ORTH": {"IN": heads}}
    # every pattern holds a head and otherwise only capitals, leads and the BODY_LINKS and
    # BODY_JOINS words: EntityRules tries them on runs of such words around a head alone
    of = {"LOWER": {"IN": list(BODY_LINKS)}}
    the = {"LOWER": BODY_JOINS[0], "OP": "?"}
    tail = {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"NOT_IN": list(DETERMINERS)}, "OP": "+"}
    lead = {"ORTH": {"IN": leads}}
    patterns = [
        [{**name_word, "OP": "+"}, head],
        [head, of, the, tail],
        [head, of, the, tail, {"LOWER": BODY_JOINS[1]}, tail],
        [{**name_word, "OP": "+"}, head, of, the, tail],
        [lead, {**name_word, "OP": "*"}, head],
        [lead, head, of, the, tail],
    ]
    return [{"label": "ORG", "pattern": pattern} for pattern in patterns]


def country_words() -> set[str]:
    """Lower-cased words of country names and demonyms: they may sit between a title and a
    name ("US Secretary of State Jane Doe") and are never taken as the name itself, except
    those that are also people's names (``name_words``: "General Marshall Cole")."""
    data = read_data("countries.yml")
    countries = data.get("countries") or []
    phrases = [
        phrase
        for c in countries
        for phrase in (c.get("name") or "", *(c.get("aliases") or []), *(c.get("demonyms") or []))
    ]
    names = {str(word).lower() for word in data.get("name_words") or []}
    return {word.lower() for phrase in phrases for word in phrase.split()} - names


def add_entity_rules(nlp: Language) -> None:
    """Put the entity ruler and then the titled-name matcher from ``data/`` before the NER."""
    if ENTITY_RULER in nlp.pipe_names:
        return
    titles = person_titles()
    gazetteer = gazetteer_patterns()
    # gazetteer words are excluded from generic body names: "Norland Foreign Ministry" is
    # GPE "Norland" + ORG "Foreign Ministry" unless one word leads ("Chinese Foreign Ministry")
    places = [p["pattern"] for p in gazetteer if p["label"] in ("GPE", "NORP")]
    leads = sorted(p for p in places if " " not in p)
    excluded = {p.lower() for p in places} | set(DETERMINERS)
    heads = body_heads()
    ruler = nlp.add_pipe(
        ENTITY_RULER_FACTORY,
        name=ENTITY_RULER,
        before="ner",
        config={"heads": heads, "leads": leads},
    )
    ruler.add_patterns([*gazetteer, *body_patterns(heads, excluded, leads)])
    # "Chinese President Xi" keeps NORP "Chinese"; "Syrian Democratic Forces" is left to the NER
    person_title_words = sorted({w.lower() for title in titles for w in title.split()})
    nlp.add_pipe(NAME_PARTS, before="ner", config={"title_words": person_title_words})
    stop = sorted(title_vocabulary(titles) | country_words())
    nlp.add_pipe(TITLED_NAMES, before="ner", config={"titles": titles, "stop_words": stop})
    edges = sorted(person_title_words)
    nlp.add_pipe(ENTITY_EDGES, after="ner", config={"title_words": edges})


class EntityRules(EntityRuler):
    """spaCy's entity ruler, its token patterns (:func:`body_patterns`) tried only where they
    can match. Each of them holds a head word ("Ministry", "Command") and otherwise only
    capitalised words, leads ("Chinese") and the words of ``BODY_LINKS`` and ``BODY_JOINS``,
    so every match lies in a run of such words around a head. The token matcher takes a
    Python step per word and state; on these runs alone it finds the same matches in a small
    part of the time (a document has few heads, or none). Phrase patterns run on the whole
    doc as in ``EntityRuler``; a token pattern without a head word would never be tried.
    """

    def __init__(self, nlp: Language, name: str, heads: list[str], leads: list[str]) -> None:
        super().__init__(nlp, name)
        self.heads = HashSet.of(heads)
        self.run_words = HashSet.of([*heads, *leads])
        self.run_lowers = HashSet.of([*BODY_LINKS, *BODY_JOINS])

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """As ``EntityRuler.match``: the matches, longest first, then the earlier first."""
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")  # no patterns of a kind
            matches = [*self.body_matches(doc), *self.phrase_matcher(doc)]
        final = {(match_id, start, end) for match_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def body_matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """Token-pattern matches in the runs around head words, in doc offsets."""
        for run in self.head_runs(doc):
            for match_id, start, end in self.matcher(run):
                yield match_id, run.start + start, run.start + end

    def head_runs(self, doc: Doc) -> list[Span]:
        """The runs of words a body pattern may take that hold a head word, in order."""
        orths = doc.to_array(ORTH)
        at_heads = np.flatnonzero(self.heads.contains(orths))
        if not len(at_heads):
            return []
        columns = doc.to_array([LOWER, PREFIX])
        in_run = (
            self.run_words.contains(orths)
            | self.run_lowers.contains(columns[:, 0])
            | upper_initials(columns[:, 1], doc.vocab.strings)
        )
        breaks = np.concatenate(([-1], np.flatnonzero(~in_run), [len(doc)]))
        after = np.searchsorted(breaks, at_heads)  # heads are in a run: never a break
        bounds = zip((breaks[after - 1] + 1).tolist(), breaks[after].tolist(), strict=True)
        return [doc[start:end] for start, end in dict.fromkeys(bounds)]


@Language.factory(ENTITY_RULER_FACTORY, default_config={"heads": [], "leads": []})
def make_entity_rules(nlp: Language, name: str, heads: list[str], leads: list[str]) -> EntityRules:
    """Factory for :class:`EntityRules` (added at load time by :func:`add_entity_rules`)."""
    return EntityRules(nlp, name, heads, leads)


def is_name_word(token: Token, title_words: frozenset[str]) -> bool:
    """Capitalised, not yet an entity, and not a title word, country word or determiner."""
    return token.text[:1].isupper() and not token.ent_type_ and token.lower_ not in title_words


def name_end(doc: Doc, start: int, title_words: frozenset[str]) -> int:
    """End of the name starting at ``start`` ("Wang Yi", "Ibrahim al-Jaafari"), or ``start``."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if is_name_word(token, title_words) or (end > start and token.lower_ in NAME_PARTICLES):
            end += 1
        else:
            break
    while end > start and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    return end


def title_end(doc: Doc, end: int, title_words: frozenset[str]) -> int:
    """Past the rest of a title: "Minister" + "for the Middle East" (title words, places)."""
    limit = min(len(doc), end + MAX_TITLE_TAIL)
    while end < limit and not doc[end].is_punct:
        if doc[end].lower_ not in title_words and not doc[end].ent_type_:
            break
        end += 1
    return end


def is_portfolio(doc: Doc, title: tuple[int, int], stop: int) -> bool:
    """ "Envoy for the Global Coalition to ...": capitals after "for" continued by "to" are part
    of the office, not a name."""
    after_connector = any(doc[i].lower_ in PORTFOLIO_CONNECTORS for i in range(*title))
    return after_connector and stop < len(doc) and doc[stop].lower_ in ("for", "to")


class TitledNames:
    """Mark the name after a title or rank as PERSON, the title left out ("General Li")."""

    def __init__(self, nlp: Language, titles: list[str], stop_words: list[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        written = {form for title in titles for form in (title, title.upper())}
        self.matcher.add("TITLE", [nlp.make_doc(form) for form in sorted(written)])
        self.title_words = frozenset(word.lower() for word in stop_words)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[int, int], Span] = {}
        for _, title_start, end in self.matcher(doc):
            start = title_end(doc, end, self.title_words)
            stop = name_end(doc, start, self.title_words)
            if stop > start and not is_portfolio(doc, (title_start, start), stop):
                found[(start, stop)] = Span(doc, start, stop, label="PERSON")
        if not found:
            return doc
        names = list(found.values())
        kept = filter_spans([*doc.ents, *names])
        doc.set_ents([span for span in kept if span in names], default="unmodified")
        return doc


def is_open_capital(token: Token, title_words: frozenset[str]) -> bool:
    """A capitalised word that is not a title word, an entity or a sentence start."""
    return (
        token.text[:1].isupper()
        and not token.ent_type_
        and not token.is_sent_start
        and token.lower_ not in title_words
    )


def is_name_part(doc: Doc, span: Span, title_words: frozenset[str]) -> bool:
    """A place or demonym inside a longer name: "Syrian Democratic Forces", "Government of
    Iraq", "Gulf of Oman", "Southwest Asia"."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and is_open_capital(after, title_words):
        return True
    if before is not None and is_open_capital(before, title_words) and not span[0].is_sent_start:
        return True
    if before is not None and before.lower_ == "of" and before.i > 0:
        head = doc[before.i - 1]  # "Government of Iraq", "Islamic State of Iraq"
        return head.text[:1].isupper() and not head.ent_type_
    return False


class NameParts:
    """Leave gazetteer places that are part of a longer name to the statistical NER."""

    def __init__(self, title_words: list[str]) -> None:
        self.title_words = frozenset(word.lower() for word in title_words)

    def __call__(self, doc: Doc) -> Doc:
        parts = [
            ent
            for ent in doc.ents
            if ent.label_ in GAZETTEER_LABELS and is_name_part(doc, ent, self.title_words)
        ]
        if parts:
            doc.set_ents([], missing=parts, default="unmodified")
        return doc


@Language.factory(NAME_PARTS, default_config={"title_words": []})
def make_name_parts(nlp: Language, name: str, title_words: list[str]) -> NameParts:
    """Factory for :class:`NameParts` (added at load time by :func:`add_entity_rules`)."""
    return NameParts(title_words)


@Language.factory(TITLED_NAMES, default_config={"titles": [], "stop_words": []})
def make_titled_names(
    nlp: Language, name: str, titles: list[str], stop_words: list[str]
) -> TitledNames:
    """Factory for :class:`TitledNames` (added at load time by :func:`add_entity_rules`)."""
    return TitledNames(nlp, titles, stop_words)


def describe_pipeline(nlp: Language) -> str:
    """One line for the analyst: which pipeline runs and what it has."""
    source = nlp.meta.get("readout_source", nlp.meta.get("name", "?"))
    label = "blank English + rules" if source == BLANK else f"{nlp.meta.get('name', source)}"
    version = nlp.meta.get("version", "")
    parts = ", ".join(name for name in nlp.pipe_names) or "tokenizer only"
    return f"{label} {version}".strip() + f" ({parts})"


def has_parse(doc: Doc) -> bool:
    """True when the doc carries a dependency parse (not just rule-based sentences)."""
    return doc.has_annotation("DEP")
