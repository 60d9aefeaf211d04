"""Convert the open treebanks in ``../shared/treebanks`` into spaCy training data.

Sources (see ``training/README.md``): UD English EWT (+ Universal NER labels on the same
sentences), GUM's openly licensed genres (entities derived from its ``Entity=`` layer), re3d
(defence and security releases; mention annotation normalised to named entities) and wikigold.
Entity labels everywhere: PERSON, ORG, GPE (places: the data do not separate GPE from LOC)
and NORP (nationalities, religious and political groups).

Run from the repository root::

    .venv/bin/python training/scripts/convert.py ../shared/treebanks training/corpus

It writes ``train.spacy`` and ``dev.spacy``; the held-out test sets are never written: the
evaluation (``bench/pipeline_eval.py``) builds them with :func:`heldout_docs`.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

ROOT = Path(__file__).resolve().parents[2]
CONVERSION_WORDS = ROOT / "training" / "configs" / "conversion.yml"
CHUNK_SENTENCES = 10
RE3D_REPEAT = 3  # in-domain but small: seen three times per epoch
GUM_OPEN_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
WIKIGOLD_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
RE3D_LABELS = {"Person": "PERSON", "Organisation": "ORG", "Location": "GPE", "Nationality": "NORP"}
NORP_SUFFIX = re.compile(r"(?:ans?|ese|ish|i)$")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "’s", "n't", "%", "'"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


@dataclass(slots=True)
class Token:
    """One CoNLL-U word (multi-word tokens are split into their words)."""

    form: str
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    feats: str = ""
    head: int = 0
    deprel: str = ""
    misc: str = ""
    space_after: bool = True


@dataclass(slots=True)
class Sentence:
    """A sentence with its words, entity spans (token offsets, end exclusive) and ids."""

    sent_id: str
    doc_id: str
    tokens: list[Token]
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    has_syntax: bool = True
    paragraph_start: bool = False
    ner_unknown: frozenset[int] = frozenset()  # tokens whose entity label is not known


# ---------------------------------------------------------------- word lists


@cache
def conversion_words() -> dict[str, frozenset[str]]:
    """The converter's word lists (``training/configs/conversion.yml``), lower-cased."""
    loaded = yaml.safe_load(CONVERSION_WORDS.read_text(encoding="utf-8"))
    return {key: frozenset(str(word).lower() for word in words) for key, words in loaded.items()}


@cache
def gazetteer() -> dict[str, str]:
    """Lower-cased country names, aliases and capitals -> GPE; demonyms (+ plurals) -> NORP."""
    sys.path.insert(0, str(ROOT))
    from core import lexicon  # the project's gazetteer, so training and rules agree

    table: dict[str, str] = {}
    for country in lexicon.countries():
        for demonym in country.demonyms:
            if len(demonym) > 3 and not demonym.isupper():
                table[demonym.lower()] = "NORP"
                table[demonym.lower() + "s"] = "NORP"
        for name in (country.name, *country.aliases, country.capital or ""):
            if name:
                table[name.lower()] = "GPE"
                table[re.sub(r"^the ", "", name.lower())] = "GPE"
    return table


# ---------------------------------------------------------------- readers


def read_conllu(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL-U file; ``newdoc`` ids group them into documents."""
    sentences: list[Sentence] = []
    doc_id, sent_id, tokens, range_end, range_space = path.stem, "", [], 0, True
    paragraph = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc_id, paragraph = line.split("=", 1)[1].strip(), True
        elif line == "# newpar" or line.startswith("# newpar id"):
            paragraph = True
        elif line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif not line.strip():
            if tokens:
                sentences.append(Sentence(sent_id, doc_id, tokens, paragraph_start=paragraph))
            tokens, paragraph = [], False
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "." in cols[0]:
                continue  # empty nodes of enhanced dependencies
            if "-" in cols[0]:
                range_end = int(cols[0].split("-")[1])
                range_space = "SpaceAfter=No" not in cols[9]
                continue
            index = int(cols[0])
            space = "SpaceAfter=No" not in cols[9]
            if range_end and index < range_end:
                space = False
            elif range_end and index == range_end:
                space, range_end = range_space, 0
            tokens.append(
                Token(
                    cols[1],
                    cols[2],
                    cols[3],
                    cols[4],
                    cols[5],
                    int(cols[6]),
                    cols[7],
                    cols[9],
                    space,
                )
            )
    if tokens:
        sentences.append(Sentence(sent_id, doc_id, tokens, paragraph_start=paragraph))
    return sentences


def read_uner(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Universal NER IOB2 file -> sentence id -> [(word, tag)]."""
    table: dict[str, list[tuple[str, str]]] = {}
    sent_id = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
            table[sent_id] = []
        elif line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            table[sent_id].append((cols[1], cols[2]))
    return table


def read_iob_columns(path: Path) -> list[list[tuple[str, str]]]:
    """A CoNLL-2003 style file (word ... tag per line, blank line between sentences)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((cols[0], cols[-1]))
    if current:
        sentences.append(current)
    return sentences


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans from IOB1 or IOB2 tags (an ``I-`` after another type or ``O`` opens a span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, i, label))
        start, label = (i, kind) if prefix in ("B", "I") and kind and kind != "O" else (-1, "")
    return spans


# ---------------------------------------------------------------- entity mapping


def norp_like(words: list[str]) -> bool:
    """A nationality/group word: ``Syrian``, ``Americans``, ``Kurdish`` (gazetteer or suffix)."""
    if not words or not all(word[:1].isupper() for word in words) or len(words) > 2:
        return False
    last = words[-1].lower()
    known = gazetteer().get(last) == "NORP"
    return known or (len(words) == 1 and bool(NORP_SUFFIX.search(last)) and words[0].isalpha())


def map_uner_span(tokens: list[Token], start: int, end: int, kind: str) -> str | None:
    """UNER PER/ORG/LOC -> PERSON/ORG/GPE; OTH -> NORP when an adjective or plural demonym."""
    if kind in UNER_LABELS:
        return UNER_LABELS[kind]
    span = tokens[start:end]
    if kind == "OTH" and span[-1].xpos in ("JJ", "NNPS") and norp_like([t.form for t in span]):
        return "NORP"
    return None


def map_wikigold_span(words: list[str], kind: str) -> str | None:
    """wikigold PER/ORG/LOC -> PERSON/ORG/GPE; MISC -> NORP for demonym-like words."""
    if kind in WIKIGOLD_LABELS:
        return WIKIGOLD_LABELS[kind]
    return "NORP" if kind == "MISC" and norp_like(words) else None


def is_pronoun(word: str) -> bool:
    """``He``, ``we``, ``I`` (but not the all-capitals ``US``)."""
    upper_abbreviation = word.isupper() and len(word) > 1
    return word.lower() in conversion_words()["pronouns"] and not upper_abbreviation


def is_name_word(word: str) -> bool:
    """Capitalised (or a number-led name part such as ``3rd``) and not a pronoun."""
    if is_pronoun(word):
        return False
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isalpha() for c in word))


def name_runs(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of name words in ``words[start:end]``, joined over connectors (``of``)."""
    connectors = conversion_words()["connectors"]
    runs: list[tuple[int, int]] = []
    i = start
    determiners = conversion_words()["determiners"]
    while i < end:
        if not is_name_word(words[i]) or words[i].lower() in determiners:
            i += 1
            continue
        j = i + 1
        while j < end:
            if is_name_word(words[j]):
                j += 1
                continue
            k = j
            while k < end and words[k].lower() in connectors:
                k += 1
            if k < end and k > j and is_name_word(words[k]):
                j = k
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def relabel_by_gazetteer(words: list[str], label: str) -> str:
    """Countries named as organisations are places; demonyms are NORP."""
    found = gazetteer().get(" ".join(words).lower())
    return found or label


def strip_person_titles(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The name inside a person mention: leading titles, ranks and portfolios dropped."""
    lists = conversion_words()
    titles, connectors = lists["title_words"], lists["connectors"] | lists["determiners"]
    i, saw_portfolio = start, False
    while i < end and (words[i].lower() in titles or gazetteer().get(words[i].lower())):
        i += 1
        if i < end and words[i].lower() in connectors:
            saw_portfolio = True
            while i < end and words[i].lower() in connectors:
                i += 1
    if saw_portfolio and end - i > 2:
        # "Minister for the Middle East Tobias Ellwood": the portfolio ends where the name
        # (its last two words, three when the middle one is an initial) begins
        i = end - 3 if len(words[end - 2]) <= 2 and end - 3 >= i else end - 2
    if i >= end or not all(is_name_word(w) or w.lower() in connectors for w in words[i:end]):
        return None
    return i, end


def person_name(words: list[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """The name in a person mention: "Gen. Joseph Votel, commander of ..." -> "Joseph Votel"."""
    if "," in words[start:end]:
        end = words.index(",", start, end)
    runs = name_runs(words, start, end)
    if not runs:
        return []
    run_start, run_end = runs[-1]
    if run_end != end:
        return []  # "the CJTF spokesman": a description, not a name
    lists = conversion_words()
    lead = lists["determiners"] | lists["title_words"]
    if any(word.lower() not in lead for word in words[start:run_start]):
        return []  # "commander of U.S. Central Command": the name is not the person's
    stripped = strip_person_titles(words, run_start, run_end)
    if not stripped:
        return []
    name = words[stripped[0] : stripped[1]]
    return [(*stripped, "NORP" if norp_like(name) else "PERSON")]


def listed_places(words: list[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """``Jordan and Iraq`` -> two names, when every listed part is in the gazetteer."""
    cuts = [i for i in range(start, end) if words[i].lower() in ("and", ",")]
    if not cuts:
        return []
    bounds = [start - 1, *cuts, end]
    parts = [(a + 1, b) for a, b in pairwise(bounds) if b > a + 1]
    labels = [gazetteer().get(" ".join(words[a:b]).lower()) for a, b in parts]
    if not all(labels):
        return []
    return [(a, b, label) for (a, b), label in zip(parts, labels, strict=True) if label]


def normalize_mention(
    words: list[str], start: int, end: int, label: str
) -> list[tuple[int, int, str]]:
    """A re3d mention ("the Iraqi Foreign Minister", "ISIL tactical units") -> named entities.

    Names are kept; pronouns and descriptions are dropped; a name that modifies a
    description ("ISIL tactical units") keeps its label only when the gazetteer knows it.
    """
    if label == "PERSON":
        return person_name(words, start, end)
    pieces = [(start, end)]
    if label == "GPE":
        cuts = [i for i in range(start, end) if words[i] == ","]
        bounds = [start - 1, *cuts, end]
        pieces = [(a + 1, b) for a, b in pairwise(bounds) if b > a + 1]
    spans: list[tuple[int, int, str]] = []
    for piece_start, piece_end in pieces:
        runs = name_runs(words, piece_start, piece_end)
        for run_start, run_end in runs:
            listed = listed_places(words, run_start, run_end)
            if listed:
                spans.extend(listed)
                continue
            head_final = run_end == piece_end
            found = gazetteer().get(" ".join(words[run_start:run_end]).lower())
            if head_final and label:
                spans.append((run_start, run_end, found or label))
            elif found:
                spans.append((run_start, run_end, found))
    return spans


def gum_entity_spans(sentence: Sentence) -> list[tuple[int, int, str]]:
    """GUM's bracketed ``Entity=`` layer -> (start, end, type) over the sentence's words."""
    spans: list[tuple[int, int, str]] = []
    stack: list[tuple[str, str, int]] = []
    pattern = re.compile(r"\((\d+)-([a-z]+)-[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)")
    for i, token in enumerate(sentence.tokens):
        value = next((part[7:] for part in token.misc.split("|") if part.startswith("Entity=")), "")
        for match in pattern.finditer(value):
            if match.group(1):
                if match.group(3):
                    spans.append((i, i + 1, match.group(2)))
                else:
                    stack.append((match.group(1), match.group(2), i))
            else:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == match.group(4):
                        _, kind, begin = stack.pop(k)
                        spans.append((begin, i + 1, kind))
                        break
    return spans


def span_head(tokens: list[Token], start: int, end: int) -> int:
    """The last word of the span whose head lies outside it."""
    heads = [i for i in range(start, end) if not start < tokens[i].head <= end]
    return heads[-1] if heads else end - 1


def gum_name(tokens: list[Token], start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A GUM entity mention -> its name span(s), or nothing for pronouns and descriptions."""
    head = span_head(tokens, start, end)
    if tokens[head].upos != "PROPN":
        return []
    if label == "PERSON":
        # the head and its flat dependents: "President Obama" -> "Obama"
        flat = [
            i
            for i in range(start, end)
            if tokens[i].head == head + 1 and tokens[i].deprel.startswith("flat")
        ]
        last = max([head, *flat])
        members = [head, *flat]
        if last - head + 1 != len(members) and any(
            tokens[i].upos != "PUNCT" for i in range(head, last + 1) if i not in members
        ):
            return []
        name = [t.form for t in tokens[head : last + 1]]
        if tokens[head].form.lower() in conversion_words()["title_words"]:
            return []
        return [(head, last + 1, "NORP" if norp_like(name) else "PERSON")]
    words = [t.form for t in tokens]
    while start < end and tokens[start].upos in ("DET", "PUNCT"):
        start += 1
    content = [
        t for t in tokens[start:end] if t.upos in ("NOUN", "VERB", "ADJ", "ADV", "PRON", "PART")
    ]
    if any(not t.form[:1].isupper() for t in content):
        return []
    return normalize_mention(words, start, end, label)


def resolve_overlaps(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first; a span overlapping a kept one is dropped. Of two spans over the
    same words with different labels, the one given first wins (deduplicated in order, not
    through a set, whose order changes with the process's hash seed)."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, label in sorted(dict.fromkeys(spans), key=lambda s: (s[0] - s[1], s[0])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


def gum_norp_tokens(sentence: Sentence, taken: set[int]) -> list[tuple[int, int, str]]:
    """GUM marks no nationalities: capitalised demonym adjectives outside names become NORP."""
    spans = []
    for i, token in enumerate(sentence.tokens):
        if i in taken or token.xpos not in ("JJ", "NNPS", "NNP"):
            continue
        known = gazetteer().get(token.form.lower()) == "NORP"
        adjective = token.xpos == "JJ" and i > 0 and norp_like([token.form])
        if known or adjective:
            spans.append((i, i + 1, "NORP"))
    return spans


def gum_entities(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Named entities of one GUM sentence."""
    names = []
    for start, end, kind in gum_entity_spans(sentence):
        if kind in GUM_LABELS:
            names.extend(gum_name(sentence.tokens, start, end, GUM_LABELS[kind]))
    kept = resolve_overlaps(names)
    taken = {i for start, end, _ in kept for i in range(start, end)}
    return resolve_overlaps([*kept, *gum_norp_tokens(sentence, taken)])


# ---------------------------------------------------------------- corpora


def guess_spaces(words: list[str]) -> list[bool]:
    """Spacing for pre-tokenised text without it: no space before ``,`` or after ``(``."""
    spaces = []
    for word, following in zip(words, [*words[1:], ""], strict=True):
        spaces.append(
            bool(following) and following not in NO_SPACE_BEFORE and word not in NO_SPACE_AFTER
        )
    return spaces


def iob_sentence(
    pairs: list[tuple[str, str]], doc_id: str, index: int, mapper, *, sparse: bool = False
) -> Sentence:
    """A sentence of (word, tag) pairs with entities mapped by ``mapper(words, s, e, kind)``.

    ``sparse``: the annotation is known to be incomplete (re3d dropped its low-confidence
    entities), so capitalised words outside every annotated mention are unknown rather than
    "not a name" (sentence-initial words and title words excepted). Words inside a mention
    but outside its name ("Foreign Secretary" in a person mention) stay known non-names.
    """
    words = [word for word, _ in pairs]
    tokens = [Token(w, space_after=s) for w, s in zip(words, guess_spaces(words), strict=True)]
    mentions = iob_spans([tag for _, tag in pairs])
    spans = []
    for start, end, kind in mentions:
        spans.extend(mapper(words, start, end, kind))
    ents = resolve_overlaps(spans)
    unknown: frozenset[int] = frozenset()
    if sparse:
        annotated = {i for start, end, _ in mentions for i in range(start, end)}
        titles = conversion_words()["title_words"]
        unknown = frozenset(
            i
            for i, word in enumerate(words)
            if i > 0 and i not in annotated and is_name_word(word) and word.lower() not in titles
        )
    return Sentence(
        f"{doc_id}-{index}", doc_id, tokens, ents, has_syntax=False, ner_unknown=unknown
    )


def re3d_mapper(words: list[str], start: int, end: int, kind: str) -> list[tuple[int, int, str]]:
    """re3d mention -> named entities (see :func:`normalize_mention`)."""
    label = RE3D_LABELS.get(kind)
    return normalize_mention(words, start, end, label) if label else []


def wikigold_mapper(
    words: list[str], start: int, end: int, kind: str
) -> list[tuple[int, int, str]]:
    """wikigold span -> our label, or nothing."""
    label = map_wikigold_span(words[start:end], kind)
    return [(start, end, label)] if label else []


def ewt_sentences(conllu: Path, uner: Path) -> list[Sentence]:
    """EWT sentences with UNER entities where the tokens align (NER missing elsewhere)."""
    labels = read_uner(uner)
    sentences = read_conllu(conllu)
    for sentence in sentences:
        pairs = labels.get(sentence.sent_id)
        if pairs is None or [w for w, _ in pairs] != [t.form for t in sentence.tokens]:
            sentence.ents = None  # type: ignore[assignment]  # unknown, not "no entities"
            continue
        spans = []
        for start, end, kind in iob_spans([tag for _, tag in pairs]):
            label = map_uner_span(sentence.tokens, start, end, kind)
            if label:
                spans.append((start, end, label))
        sentence.ents = spans
    return sentences


def gum_sentences(path: Path) -> list[Sentence]:
    """One GUM document's sentences with derived entities."""
    sentences = read_conllu(path)
    for sentence in sentences:
        sentence.doc_id = path.stem
        sentence.ents = gum_entities(sentence)
    return sentences


def re3d_split(re3d_dir: Path) -> dict[str, list[Path]]:
    """A fixed split of re3d by document: per source, every 4th file (by hash) is test."""
    split: dict[str, list[Path]] = {"train": [], "dev": [], "test": []}
    for source in sorted(p for p in (re3d_dir / "conll").iterdir() if p.is_dir()):
        files = sorted(
            source.glob("*.conll"), key=lambda p: hashlib.sha1(p.name.encode()).hexdigest()
        )
        for i, path in enumerate(files):
            part = "test" if i % 4 == 0 else "dev" if i % 8 == 2 else "train"
            split[part].append(path)
    return split


def re3d_sentences(paths: list[Path], *, sparse: bool = False) -> list[Sentence]:
    """re3d documents' sentences with normalised named entities (``sparse``: see iob_sentence)."""
    out = []
    for path in paths:
        for i, pairs in enumerate(read_iob_columns(path)):
            out.append(iob_sentence(pairs, path.stem, i, re3d_mapper, sparse=sparse))
    return out


def wikigold_sentences(path: Path) -> list[Sentence]:
    """wikigold sentences (documents are cut at ``-DOCSTART-``, here every 10 sentences)."""
    return [
        iob_sentence(pairs, f"wikigold-{i // CHUNK_SENTENCES}", i, wikigold_mapper)
        for i, pairs in enumerate(read_iob_columns(path))
    ]


def gum_documents(gum_dir: Path, split: str) -> list[Path]:
    """GUM files of the open genres in one official split (``splits.md``)."""
    names, current = set(), ""
    for line in (gum_dir / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.strip().startswith("* ") and current == split:
            names.add(line.strip()[2:].strip())
    return sorted(p for p in (gum_dir / "dep").glob("*.conllu") if p.stem in names)


# ---------------------------------------------------------------- docs


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence]) -> Doc:
    """One Doc from consecutive sentences, with every annotation they carry."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
    ents: list[str] = []
    syntax = all(s.has_syntax for s in sentences)
    for sentence in sentences:
        offset = len(words)
        iob = (
            ["O"] * len(sentence.tokens)
            if sentence.ents is not None
            else [""] * len(sentence.tokens)
        )
        for k in sentence.ner_unknown:
            iob[k] = ""
        for start, end, label in sentence.ents or []:
            iob[start] = f"B-{label}"
            for k in range(start + 1, end):
                iob[k] = f"I-{label}"
        ents.extend(iob)
        for i, token in enumerate(sentence.tokens):
            words.append(token.form)
            spaces.append(token.space_after)
            starts.append(i == 0)
            if syntax:
                tags.append(token.xpos)
                pos.append(token.upos)
                morphs.append("" if token.feats == "_" else token.feats)
                lemmas.append(token.lemma)
                heads.append(offset + token.head - 1 if token.head else offset + i)
                deps.append(token.deprel.split(":")[0] if token.deprel != "root" else "ROOT")
        if sentence.tokens:
            spaces[-1] = True
    if spaces:
        spaces[-1] = False
    annotations = (
        {"tags": tags, "pos": pos, "morphs": morphs, "lemmas": lemmas, "heads": heads, "deps": deps}
        if syntax
        else {}
    )
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts, ents=ents, **annotations)


def chunk(sentences: list[Sentence], size: int = CHUNK_SENTENCES) -> Iterator[list[Sentence]]:
    """Consecutive sentences of one document, at most ``size`` at a time."""
    current: list[Sentence] = []
    for sentence in sentences:
        if current and (sentence.doc_id != current[-1].doc_id or len(current) == size):
            yield current
            current = []
        current.append(sentence)
    if current:
        yield current


def docs_from(vocab: Vocab, sentences: list[Sentence], size: int = CHUNK_SENTENCES) -> list[Doc]:
    """Training docs: chunks of up to ``size`` sentences."""
    return [sentences_to_doc(vocab, part) for part in chunk(sentences, size)]


def training_docs(treebanks: Path, vocab: Vocab) -> dict[str, list[Doc]]:
    """Train and dev docs from every source (test material excluded)."""
    ewt, uner, gum = treebanks / "ud-english-ewt", treebanks / "uner-english-ewt", treebanks / "gum"
    re3d = re3d_split(treebanks / "re3d")
    train = docs_from(
        vocab, ewt_sentences(ewt / "en_ewt-ud-train.conllu", uner / "en_ewt-ud-train.iob2")
    )
    for path in gum_documents(gum, "train"):
        train += docs_from(vocab, gum_sentences(path))
    train += docs_from(vocab, re3d_sentences(re3d["train"], sparse=True)) * RE3D_REPEAT
    train += docs_from(vocab, wikigold_sentences(treebanks / "wikigold" / "wikigold.conll.txt"))
    dev = docs_from(vocab, ewt_sentences(ewt / "en_ewt-ud-dev.conllu", uner / "en_ewt-ud-dev.iob2"))
    for path in gum_documents(gum, "dev"):
        dev += docs_from(vocab, gum_sentences(path))
    dev += docs_from(vocab, re3d_sentences(re3d["dev"], sparse=True))
    return {"train": train, "dev": dev}


def heldout_documents(treebanks: Path) -> dict[str, list[list[Sentence]]]:
    """The held-out test sets as documents of sentences (never used in training or model choice)."""
    ewt, uner, gum = treebanks / "ud-english-ewt", treebanks / "uner-english-ewt", treebanks / "gum"
    test_docs = gum_documents(gum, "test")
    ewt_test = ewt_sentences(ewt / "en_ewt-ud-test.conllu", uner / "en_ewt-ud-test.iob2")
    re3d_test = re3d_sentences(re3d_split(treebanks / "re3d")["test"])
    return {
        "EWT test": list(chunk(ewt_test, size=10_000)),
        "GUM test": [gum_sentences(p) for p in test_docs],
        "GUM news test": [gum_sentences(p) for p in test_docs if "_news_" in p.name],
        "re3d test": list(chunk(re3d_test, size=10_000)),
    }


def document_text(sentences: list[Sentence], *, line_breaks: bool = True) -> str:
    """The document's text as released: a line break before each paragraph (else a space)."""
    parts: list[str] = []
    for i, sentence in enumerate(sentences):
        if i:
            parts.append("\n" if line_breaks and sentence.paragraph_start else " ")
        for token in sentence.tokens[:-1]:
            parts.append(token.form + (" " if token.space_after else ""))
        parts.append(sentence.tokens[-1].form)
    return "".join(parts)


def main(treebanks: str, out_dir: str) -> None:
    """Write ``train.spacy`` and ``dev.spacy`` under ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    for name, docs in training_docs(Path(treebanks), vocab).items():
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
        n_words = sum(len(doc) for doc in docs)
        n_ents = sum(len(doc.ents) for doc in docs)
        print(f"{name}: {len(docs)} docs, {n_words} words, {n_ents} entities")


if __name__ == "__main__":
    main(*sys.argv[1:3])
