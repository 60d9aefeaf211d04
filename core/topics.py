"""The topic taxonomy, topic mentions in a text, and the topics a document discusses.

The taxonomy (``data/topics.yml``, or the analyst's edited copy) lists, per topic, phrases and
regular expressions an analyst would search for. Strong ones mark a topic with one mention in
the body; weak ones ("Russia", "alliances", "trade") count half and need a second mention.
See :func:`document_topics` for the whole rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from core import lexicon
from core.schema import Metadata, TopicMention

TAXONOMY_FILE = lexicon.DATA_DIR / "topics.yml"
ENTRY_KINDS = ("phrases", "patterns", "weak_phrases", "weak_patterns")

# The document rule (see document_topics): what one mention is worth, and what a topic needs.
STRONG_WEIGHT = 1.0
WEAK_WEIGHT = 0.5
HEADER_FACTOR = 0.5  # a mention in the title or dateline supports, but never makes, a topic
NEEDED_SCORE = 1.0
EXTRA_PER_WORDS = (0.5, 1000)  # long texts need half a point more per further 1,000 words
HEADING_MAX_WORDS = 30

_END = r"(?!\w)"  # phrases and patterns end at a word boundary
_LEFT, _RIGHT = 150, 100  # characters looked at around a mention for an office's name
_WORD = r"(?:[A-Z][\w'’-]*|(?:[A-Z]\.){2,})"


@dataclass(frozen=True)
class Topic:
    """One topic: its label and the expressions that signal it (see ``data/topics.yml``)."""

    name: str
    about: str = ""
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    weak_phrases: tuple[str, ...] = ()
    weak_patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Matcher:
    """The whole taxonomy compiled once, for speed on large corpora.

    Phrases become one trie-shaped regex tried at every word start (the longest phrase
    starting there is found); patterns are found together, then told apart per topic.
    """

    phrases: re.Pattern[str]
    phrase_topics: dict[str, frozenset[tuple[int, bool]]]  # normal form -> (topic, strong)
    patterns: re.Pattern[str] | None
    each_pattern: tuple[tuple[re.Pattern[str], int, bool], ...]  # (anchored, topic, strong)


@dataclass(frozen=True)
class Taxonomy:
    """Topics in display order, plus the words never used to suggest new key phrases.

    Raises:
        ValueError: a topic has no name, a name is used twice, or a pattern is not valid.
    """

    topics: tuple[Topic, ...] = ()
    stop_words: tuple[str, ...] = ()
    _matcher: _Matcher = field(init=False, repr=False, compare=False)
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_names(self.topics)
        object.__setattr__(self, "_matcher", _compile(self.topics))
        object.__setattr__(self, "_positions", {t.name: i for i, t in enumerate(self.topics)})

    @property
    def names(self) -> tuple[str, ...]:
        """The topic labels, in taxonomy order."""
        return tuple(topic.name for topic in self.topics)

    def index(self, name: str) -> int | None:
        """Position of the topic called ``name``, or None."""
        return self._positions.get(name)


# ---------------------------------------------------------------- loading and editing


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read a taxonomy file (default ``data/topics.yml``).

    Raises:
        ValueError: the file is not a valid taxonomy (the message says what is wrong).
    """
    return taxonomy_from_yaml((path or TAXONOMY_FILE).read_text(encoding="utf-8"))


def taxonomy_from_yaml(text: str) -> Taxonomy:
    """Build a taxonomy from YAML text, as stored in a workspace or written by hand.

    ``topics`` is a list of ``{name, about, phrases, patterns, weak_phrases, weak_patterns}``,
    or a mapping ``name -> that mapping`` or ``name -> [phrases]``.

    Raises:
        ValueError: not YAML, or not shaped like a taxonomy, or a topic is invalid.
    """
    try:
        loaded = lexicon.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"The taxonomy is not valid YAML ({error}).") from None
    if not isinstance(loaded, dict):
        raise ValueError("The taxonomy must be a YAML mapping with a 'topics' list.")
    items = loaded.get("topics") or []
    if isinstance(items, dict):
        items = [_named_item(name, value) for name, value in items.items()]
    if not isinstance(items, list):
        raise ValueError("'topics' must be a list of topics.")
    return Taxonomy(
        topics=tuple(_topic_from_item(item) for item in items),
        stop_words=_strings(loaded.get("stop_words"), "stop_words"),
    )


def taxonomy_to_yaml(taxonomy: Taxonomy) -> str:
    """The taxonomy as YAML text that :func:`taxonomy_from_yaml` reads back unchanged."""
    items = []
    for topic in taxonomy.topics:
        item: dict[str, object] = {"name": topic.name}
        if topic.about:
            item["about"] = topic.about
        for kind in ENTRY_KINDS:
            if getattr(topic, kind):
                item[kind] = list(getattr(topic, kind))
        items.append(item)
    document = {"topics": items, "stop_words": list(taxonomy.stop_words)}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def add_topic(
    taxonomy: Taxonomy,
    topic: str,
    phrases: Iterable[str],
    *,
    patterns: Iterable[str] = (),
    about: str = "",
) -> Taxonomy:
    """A new taxonomy with ``topic`` added at the end (the given one is unchanged).

    Raises:
        ValueError: the name is empty or taken, no phrase or pattern is given, or a
            pattern is not a valid regular expression.
    """
    name = topic.strip()
    phrase_list, pattern_list = _clean_entries(phrases), _clean_entries(patterns)
    if name and not phrase_list and not pattern_list:
        raise ValueError(f"Give at least one phrase for the new topic '{name}'.")
    new = Topic(name=name, about=about.strip(), phrases=phrase_list, patterns=pattern_list)
    return replace(taxonomy, topics=(*taxonomy.topics, new))


def add_phrases(
    taxonomy: Taxonomy, topic: str, phrases: Iterable[str], *, kind: str = "phrases"
) -> Taxonomy:
    """A new taxonomy where ``topic`` also lists ``phrases`` (under ``kind``).

    Args:
        taxonomy: the taxonomy to extend (left unchanged).
        topic: an existing topic's label.
        phrases: phrases (or regular expressions, for the pattern kinds) to add; ones the
            topic already lists are skipped.
        kind: ``phrases``, ``patterns``, ``weak_phrases`` or ``weak_patterns``.

    Raises:
        ValueError: no such topic or kind, nothing to add, or a pattern is not valid.
    """
    position = taxonomy.index(topic.strip())
    if position is None:
        raise ValueError(f"There is no topic called '{topic.strip()}'; add the topic first.")
    if kind not in ENTRY_KINDS:
        raise ValueError(f"'{kind}' is not one of {', '.join(ENTRY_KINDS)}.")
    old = taxonomy.topics[position]
    known = {entry.casefold() for entry in getattr(old, kind)}
    added = tuple(e for e in _clean_entries(phrases) if e.casefold() not in known)
    if not added and not _clean_entries(phrases):
        raise ValueError("Type at least one phrase to add.")
    updated = replace(old, **{kind: (*getattr(old, kind), *added)})
    topics = (*taxonomy.topics[:position], updated, *taxonomy.topics[position + 1 :])
    return replace(taxonomy, topics=topics)


# ---------------------------------------------------------------- mentions


def extract_topic_mentions(
    text: str, taxonomy: Taxonomy, *, skip_spans: tuple[tuple[int, int], ...] = ()
) -> list[TopicMention]:
    """Every mention of every topic in ``text``, in text order.

    Where mentions of two topics overlap, the longer is kept (identical spans keep both), so
    "North Korea's nuclear and missile programs" is read as the Korean Peninsula only.

    Args:
        text: the document text (offsets index it).
        taxonomy: the topics to look for.
        skip_spans: ``[start, end)`` spans to ignore, e.g. photo captions.
    """
    found = _phrase_hits(text, taxonomy._matcher) | _pattern_hits(text, taxonomy._matcher)
    kept = _longest_first([hit for hit in found if not _overlaps_any(hit[0], hit[1], skip_spans)])
    return [
        TopicMention(taxonomy.topics[pos].name, text[start:end], start, end)
        for start, end, pos in sorted(kept)
    ]


def document_topics(
    mentions: list[TopicMention], taxonomy: Taxonomy, *, text: str, meta: Metadata
) -> list[str]:
    """The topics the document discusses substantively, in taxonomy order.

    Each mention scores 1 (a strong phrase) or ½ (a weak one); a mention in the title or
    dateline counts half of that, and one inside an office's name ("Office of the Taiwan
    Affairs", "Secretary of Homeland Security", "Indo-Pacific Command") counts nothing.
    A topic needs a score of 1, plus ½ for every full 1,000 words beyond the first 1,000.

    Args:
        mentions: the document's mentions (:func:`extract_topic_mentions`).
        taxonomy: the taxonomy the mentions came from.
        text: the document text the mentions index.
        meta: the document's metadata (title/body start, dateline).
    """
    header_end = _header_end(text, meta)
    needed = _needed_score(len(text.split()))
    scores: Counter[str] = Counter()
    for mention in mentions:
        position = taxonomy.index(mention.topic)
        if position is None or scores[mention.topic] >= needed:
            continue  # unknown topic, or already decided: skip the office check
        if _in_office_name(text, mention.start, mention.end):
            continue
        strong = _is_strong(taxonomy._matcher, position, mention.matched)
        weight = STRONG_WEIGHT if strong else WEAK_WEIGHT
        if mention.start < header_end or _overlaps_any(
            mention.start, mention.end, (meta.dateline_span,) if meta.dateline_span else ()
        ):
            weight *= HEADER_FACTOR
        scores[mention.topic] += weight
    return [name for name in taxonomy.names if scores[name] >= needed]


# ---------------------------------------------------------------- key phrases


def suggest_key_phrases(
    texts: list[str], taxonomy: Taxonomy, *, top: int = 30
) -> list[tuple[str, int]]:
    """Frequent multi-word phrases that no topic covers yet: candidates for new topics.

    Counts 2- to 4-word sequences inside sentence parts (never across punctuation) that
    neither start nor end with a stop word, are not all capitalised (names of people,
    offices and places belong to the entities table), occur in at least two texts (when
    there are several), and contain no phrase of an existing topic. A phrase found only
    inside a longer suggested one is left out.

    Returns:
        ``(phrase, occurrences)`` pairs, most frequent first, at most ``top``.
    """
    stop = {word.casefold() for word in taxonomy.stop_words}
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        grams = list(_candidate_grams(text, stop))
        counts.update(gram.casefold() for gram in grams)
        documents.update({gram.casefold() for gram in grams})
        for gram in grams:
            forms.setdefault(gram.casefold(), Counter())[gram] += 1
    min_docs = 2 if len(texts) > 1 else 1
    ranked = sorted(
        (key for key in counts if documents[key] >= min_docs and counts[key] > 1),
        key=lambda key: (-counts[key], key),
    )
    fresh = [key for key in ranked[: top * 10] if not _covered(key, taxonomy._matcher)]
    kept = [key for key in fresh if not _inside_longer(key, fresh, counts)]
    return [(forms[key].most_common(1)[0][0], counts[key]) for key in kept[:top]]


# ---------------------------------------------------------------- helpers: compiling


def _check_names(topics: tuple[Topic, ...]) -> None:
    seen: set[str] = set()
    for topic in topics:
        if not topic.name.strip():
            raise ValueError("A topic needs a name: the topic name is empty.")
        if topic.name.casefold() in seen:
            raise ValueError(f"There are two topics called '{topic.name}'; rename one.")
        seen.add(topic.name.casefold())


def _compile(topics: tuple[Topic, ...]) -> _Matcher:
    phrase_topics: dict[str, set[tuple[int, bool]]] = {}
    each_pattern: list[tuple[re.Pattern[str], int, bool]] = []
    for position, topic in enumerate(topics):
        for kind in ENTRY_KINDS:
            strong = not kind.startswith("weak")
            for entry in getattr(topic, kind):
                if kind.endswith("patterns"):
                    each_pattern.append((_pattern_regex(entry, topic), position, strong))
                    continue
                for form in _phrase_forms(entry, topic):
                    phrase_topics.setdefault(form, set()).add((position, strong))
    union = "|".join(f"(?:{rx.pattern[: -len(_END)]})" for rx, _, _ in each_pattern)
    return _Matcher(
        phrases=re.compile(rf"(?<!\w)(?=({lexicon.phrase_regex(phrase_topics)}){_END})", re.I),
        phrase_topics={form: frozenset(found) for form, found in phrase_topics.items()},
        patterns=re.compile(rf"(?<!\w)(?={union})", re.I) if each_pattern else None,
        each_pattern=tuple(each_pattern),
    )


def _normal(phrase: str) -> str:
    """Lower case, one space between words, one kind of apostrophe."""
    return " ".join(phrase.lower().replace("’", "'").split())


def _phrase_forms(phrase: str, topic: Topic) -> tuple[str, ...]:
    normal = _normal(phrase)
    if not normal:
        raise ValueError(f"Topic '{topic.name}' has an empty phrase; remove it or type words.")
    # a final plural is allowed: "joint exercise" also finds "joint exercises"
    return (normal, normal + "s", normal + "es") if normal[-1].isalpha() else (normal,)


def _pattern_regex(pattern: str, topic: Topic) -> re.Pattern[str]:
    if not pattern.strip():
        raise ValueError(f"Topic '{topic.name}' has an empty pattern; remove it or type one.")
    try:
        compiled = re.compile(f"(?:{pattern}){_END}", re.IGNORECASE)
    except re.error as error:
        raise ValueError(
            f"Topic '{topic.name}': the pattern '{pattern}' is not a valid regular "
            f"expression ({error.msg}). Check brackets and backslashes, or add it as a phrase."
        ) from None
    if compiled.fullmatch(""):
        raise ValueError(
            f"Topic '{topic.name}': the pattern '{pattern}' matches empty text; "
            "it must match at least one word."
        )
    return compiled


def _named_item(name: object, value: object) -> dict:
    if isinstance(value, dict):
        return {"name": name, **value}
    return {"name": name, "phrases": value}


def _topic_from_item(item: object) -> Topic:
    if not isinstance(item, dict):
        raise ValueError("Each topic must be a mapping with at least a 'name'.")
    name = str(item.get("name") or "").strip()
    entries = {
        kind: _strings(item.get(kind), f"{name or 'a topic'}: {kind}") for kind in ENTRY_KINDS
    }
    return Topic(name=name, about=str(item.get("about") or "").strip(), **entries)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ValueError(f"'{where}' must be a list of words or phrases.")
    if any(isinstance(v, bool) for v in value):
        raise ValueError(
            f"'{where}' has yes/no/on/off/true/false without quotes, which YAML reads as "
            'true or false; put such words in quotes ("no").'
        )
    return tuple(str(v) for v in value)


def _clean_entries(entries: Iterable[str]) -> tuple[str, ...]:
    if isinstance(entries, str):
        entries = [entries]
    return tuple(dict.fromkeys(e.strip() for e in entries if e and e.strip()))


# ---------------------------------------------------------------- helpers: mentions


def _overlaps_any(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _phrase_hits(text: str, matcher: _Matcher) -> set[tuple[int, int, int]]:
    hits = set()
    for match in matcher.phrases.finditer(text):
        start, end = match.start(), match.start() + len(match.group(1))
        for position, _ in matcher.phrase_topics[_normal(match.group(1))]:
            hits.add((start, end, position))
    return hits


def _pattern_hits(text: str, matcher: _Matcher) -> set[tuple[int, int, int]]:
    if matcher.patterns is None:
        return set()
    hits = set()
    for candidate in matcher.patterns.finditer(text):
        start = candidate.start()
        for regex, position, _ in matcher.each_pattern:
            match = regex.match(text, start)
            if match:
                hits.add((start, match.end(), position))
    return hits


def _is_strong(matcher: _Matcher, position: int, matched: str) -> bool:
    if (position, True) in matcher.phrase_topics.get(_normal(matched), ()):
        return True
    return any(
        strong and topic == position and regex.fullmatch(matched)
        for regex, topic, strong in matcher.each_pattern
    )


def _covered(phrase: str, matcher: _Matcher) -> bool:
    """True when some topic's phrase or pattern occurs in ``phrase``."""
    return bool(matcher.phrases.search(phrase)) or bool(
        matcher.patterns and any(rx.search(phrase) for rx, _, _ in matcher.each_pattern)
    )


def _longest_first(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    kept: list[tuple[int, int, int]] = []
    for start, end, position in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        clash = any(
            start < k_end and k_start < end and (k_start, k_end) != (start, end)
            for k_start, k_end, _ in kept
        )
        if not clash:
            kept.append((start, end, position))
    return kept


# ---------------------------------------------------------------- helpers: document rule


@cache
def _office_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    heads = "|".join(re.escape(head) for head in lexicon.office_heads()) or "(?!)"
    chain = rf"(?:(?:the|and|of|for|to|in|&|{_WORD})[ \t]+)*"
    head = re.compile(rf"(?:{heads})\b")
    tail = re.compile(rf"[ \t]+(?:of|for|to|in)[ \t]+{chain}")
    right = re.compile(rf"(?:['’]s)?(?:[ \t]+(?:(?:and|&)[ \t]+)?{_WORD})*?[ \t]+(?:{heads})\b")
    return head, tail, right


def _in_office_name(text: str, start: int, end: int) -> bool:
    """True when the mention is part of an office's name ("Office of the Taiwan Affairs")."""
    head, tail, right = _office_regexes()
    if right.match(text, end, end + _RIGHT):
        return True
    window = max(0, start - _LEFT)
    for found in head.finditer(text, window, start):
        at_word_start = found.start() == 0 or not text[found.start() - 1].isalnum()
        if at_word_start and tail.fullmatch(text, found.end(), start):
            return True
    return False


def _header_end(text: str, meta: Metadata) -> int:
    """Where the body starts: the metadata's word, else after a heading-like first line."""
    if meta.body_start:
        return meta.body_start
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if meta.title and stripped.startswith(meta.title):
        return offset + len(meta.title)
    first_line = stripped.split("\n", 1)[0].rstrip()
    ends_sentence = first_line.endswith((".", "!", "?", '"', "”", ":"))
    is_heading = "\n" in stripped and not ends_sentence
    if is_heading and len(first_line.split()) <= HEADING_MAX_WORDS:
        return offset + len(first_line)
    return 0


def _needed_score(n_words: int) -> float:
    extra, per_words = EXTRA_PER_WORDS
    return NEEDED_SCORE + extra * max(0, (n_words - per_words) // per_words)


# ---------------------------------------------------------------- helpers: key phrases

_CLAUSE_SPLIT = re.compile(r"[.,;:!?()\[\]\"“”—–]+(?:\s|$)|\n|[;()\[\]\"“”—–]")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"\w[\w'’.-]*\w|\w")


def _candidate_grams(text: str, stop: set[str]) -> Iterable[str]:
    for clause in _CLAUSE_SPLIT.split(_POSSESSIVE.sub("", text)):
        words = _TOKEN.findall(clause)
        for size in (2, 3, 4):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if _is_candidate(gram, stop):
                    yield " ".join(gram)


def _is_candidate(gram: list[str], stop: set[str]) -> bool:
    if gram[0].casefold() in stop or gram[-1].casefold() in stop:
        return False
    # contractions ("don't"), numbers and single letters ("p m", initials) make no phrase
    if any(len(word) < 2 or "'" in word or "’" in word or word.isdigit() for word in gram):
        return False
    content = [word for word in gram if word.casefold() not in stop]
    return not all(word[0].isupper() for word in content)  # names belong to entities


def _inside_longer(key: str, keys: list[str], counts: Counter[str]) -> bool:
    padded = f" {key} "
    return any(
        other != key and padded in f" {other} " and counts[other] >= counts[key] for other in keys
    )
