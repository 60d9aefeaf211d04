"""Who said what on PolNeAR (Newell et al., LREC 2018), beside textacy and published results.

usage: python bench/polnear.py [--splits dev test] [--pipeline NAME] [--limit N]

Reads ../shared/benchmarks/polnear/{split}/ (BRAT: one .ann per article, the first in sorted
order; discontinuous spans allowed), runs the Readout Lens parser on each text and maps every
statement to a predicted attribution (Source = speaker mention, Cue = cue, Content = content).
PolNeAR's span conventions differ from ours in two mechanical ways, which the mapping applies:
its Content includes the introducing "that" and, for direct quotes, the quotation marks (and the
punctuation inside them). Scores per role:
  exact   - a predicted span equal to a gold span of that role (CofeNet's table), P/R/F1;
  overlap - Citron-style token overlap: a predicted span sharing a word token with a gold span
            of that role counts, P/R/F1 (one-to-one, greedy by overlap);
split into quote-marked attributions (content contains a quotation mark) and the rest, and
"speaker right": of gold attributions whose content was found (overlap), the share whose
predicted Source overlaps the gold Source. "speech acts" restricts gold to attributions whose
cue contains a verb of our cue lexicon (data/cues.yml), leaving out beliefs ("he believes").
Skips cleanly without ../shared.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from common import SHARED, skip_without

from core import nlp as core_nlp
from core import release, topics
from core.attribution import layout
from core.schema import RawDocument

POLNEAR = SHARED / "benchmarks" / "polnear"
ROLES = ("source", "cue", "content")
QUOTE_MARKS = '"“”«»„‟'
PUBLISHED = [  # CofeNet (COLING 2022), PolNeAR test, exact-span F1: source / cue / content
    ("rule baseline (published)", 10.7, 22.8, 5.6),
    ("CoreNLP (published)", 13.9, None, 17.5),
    ("embedding+CRF (published)", 50.6, 53.4, 28.6),
    ("BiLSTM-CRF (published)", 69.6, 66.7, 59.0),
    ("BERT+CRF (published)", 82.2, 74.9, 71.0),
    ("BERT+Cofe (published)", 83.2, 75.3, 72.9),
]

Span = tuple[tuple[int, int], ...]  # one or more (start, end) parts


@dataclass(frozen=True)
class Attribution:
    source: Span | None
    cue: Span | None
    content: Span | None

    def role(self, name: str) -> Span | None:
        return getattr(self, name)


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[Attribution, ...]


# ---------------------------------------------------------------- reading BRAT


def parse_brat(ann_text: str) -> list[Attribution]:
    """Attributions from a BRAT .ann text: T lines are spans, E lines link them."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann_text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label_and_offsets = fields[1].split(" ", 1)
            if len(label_and_offsets) == 2:
                parts = [p.split() for p in label_and_offsets[1].split(";")]
                spans[fields[0]] = tuple((int(a), int(b)) for a, b in parts)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    return [
        Attribution(
            source=spans.get(event.get("Source", "")),
            cue=spans.get(event.get("Cue", "")),
            content=spans.get(event.get("Content", "")),
        )
        for event in events
        if any(key.startswith("Attribution") for key in event)  # also Attribution-no-source
    ]


def load_split(split: str, limit: int | None = None) -> list[Article]:
    folder = POLNEAR / split
    annotations: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt"))[:limit]:
        ann = annotations.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = tuple(parse_brat(ann.read_text(encoding="utf-8")))
        articles.append(Article(text_path.stem, text, gold))
    return articles


# ---------------------------------------------------------------- predictions


def to_polnear_content(text: str, start: int, end: int) -> Span:
    """Our content span in PolNeAR's conventions: with "that" and the quotation marks.

    Reported speech that runs on over the following uncued sentences (one of our annotators'
    conventions) stops at its own sentence's end in PolNeAR.
    """
    if not _mark_before(text, start):
        end = _first_sentence_end(text, start, end)
    inner_end = end
    while inner_end < len(text) and text[inner_end] in ",.?!;:" and inner_end - end < 2:
        inner_end += 1
    opening, closing = _mark_before(text, start), _mark_at(text, inner_end)
    if opening and closing:
        return ((start - opening, inner_end + closing),)
    if closing and _opens_a_quote(text[start:end]):  # he said X "ends quoted."
        end = inner_end + closing
    before = text[:start].rstrip()
    if re.search(r"\bthat$", before, flags=re.IGNORECASE):
        return ((len(before) - 4, end),)
    return ((start, end),)


def _first_sentence_end(text: str, start: int, end: int) -> int:
    first = layout.split_sentences(text, layout.Block(start, end, "body"))[0]
    if first.end >= end:
        return end
    return start + len(text[start : first.end].rstrip(".!? "))


def _opens_a_quote(words: str) -> bool:
    straight = words.count('"') + words.count("''")
    return words.count("“") > words.count("”") or straight % 2 == 1


def _mark_before(text: str, position: int) -> int:
    """Width of the quotation mark ending at ``position`` (2 for '', 0 for none)."""
    if text[max(0, position - 2) : position] == "''":
        return 2
    return 1 if position > 0 and text[position - 1] in QUOTE_MARKS else 0


def _mark_at(text: str, position: int) -> int:
    """Width of the quotation mark starting at ``position`` (2 for '', 0 for none)."""
    if text[position : position + 2] == "''":
        return 2
    return 1 if position < len(text) and text[position] in QUOTE_MARKS else 0


_APPOSITION_BEFORE_CUE = re.compile(r",[^.;:!?\"“”\n]{1,200},\s*(?:[a-z]+ly\s+|also\s+)?$")
_RELATIVE_BEFORE_CUE = re.compile(r",?\s*(?P<who>who)\s+(?:[a-z]+ly\s+|also\s+|has\s+|had\s+)?")
_APPOSITION_AFTER_CUE = re.compile(r",\s+[^.;:!?\"“”\n]{1,200}?(?=[.;:!?\"“”\n]|$)")
# Words opening an adjunct or a clause between commas, not an apposition: a participle
# ("Trump, speaking to veterans, said"), a preposition ("Clinton, at a later gaggle, said"),
# an adverb ("Jones, however, said"). PolNeAR's source is then the mention alone.
_NOT_APPOSITION = re.compile(
    r"\s*(?:[a-z]+ing|[a-z]+ed|[a-z]+ly|at|in|on|during|after|before|while|when|from|with|"
    r"without|by|for|like|unlike|upon|however|meanwhile|though|too|instead|again|then|now)\b"
)


def to_polnear_source(text: str, source: Span, cue: Span) -> Span:
    """Our speaker span in PolNeAR's conventions: the whole noun phrase, appositives included.

    "Dennis Ross, a former envoy, said": PolNeAR's source runs to the comma before the cue,
    but not over an adjunct ("Trump, speaking to veterans, said": "Trump"); "said Dennis
    Ross, a former envoy.": to the end of the apposition; "Ross, who said": it is the
    relative pronoun.
    """
    (start, end), cue_start, cue_end = source[0], cue[0][0], cue[-1][1]
    if end <= cue_start:
        relative = _RELATIVE_BEFORE_CUE.fullmatch(text, end, cue_start)
        if relative is not None:  # "a voter who said": PolNeAR's source is "who"
            return (relative.span("who"),)
        between = _APPOSITION_BEFORE_CUE.match(text[end:cue_start])
        if between is not None and not _NOT_APPOSITION.match(text, end + 1, cue_start):
            return ((start, end + text[end:cue_start].rindex(",") + 1),)
    elif start >= cue_end:
        after = _APPOSITION_AFTER_CUE.match(text, end)
        if after is not None:
            return ((start, after.end()),)
    return source


def predict_ours(articles: list[Article], pipeline) -> list[list[Attribution]]:
    taxonomy = topics.load_taxonomy()
    predictions = []
    docs = pipeline.pipe((a.text for a in articles), batch_size=release.PIPE_BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        raw = RawDocument(filename=article.name, text=article.text)
        try:
            parsed = release.parse_release(raw, doc, taxonomy=taxonomy)
        except (ValueError, IndexError, KeyError, TypeError) as error:
            # scored as finding nothing, and said: a crash is a bug to fix, not to hide
            print(f"parser failed on {article.name}: {type(error).__name__}: {error}")
            predictions.append([])
            continue
        predictions.append(statement_attributions(article.text, list(parsed.statements)))
    return predictions


def statement_attributions(text: str, statements: list[dict]) -> list[Attribution]:
    """Our statements as PolNeAR attributions.

    PolNeAR makes one attribution of a quote interrupted by its attribution (`"A," he said,
    "B."`) and of a quote going on after it (`"A," he said. "B."`), its content in parts; we
    make one statement per quoted passage. The parts are joined here: direct statements
    sharing one cue, and a continuation (a direct statement with neither cue nor speaker words
    of its own) joined to the direct statement of the same speaker just before it.
    """
    groups: list[list[dict]] = []
    for statement in sorted(statements, key=lambda s: (s["start"], s["end"])):
        holder = _quote_part_of(statement, groups)
        if holder is None:
            groups.append([statement])
        else:
            holder.append(statement)
    return [_group_attribution(text, group) for group in groups]


def _quote_part_of(statement: dict, groups: list[list[dict]]) -> list[dict] | None:
    """The group of direct statements a direct statement is one more part of, if any."""
    if statement["mode"] != "direct":
        return None
    cue = (statement["cue_start"], statement["cue_end"])
    for group in groups:
        head = group[0]
        if (
            head["mode"] == "direct"
            and cue[0] != cue[1]
            and (head["cue_start"], head["cue_end"]) == cue
        ):
            return group
    continuation = cue[0] == cue[1] and statement["speaker_start"] is None
    if continuation and groups and groups[-1][0]["mode"] == "direct":
        return groups[-1] if groups[-1][0]["speaker"] == statement["speaker"] else None
    return None


def _group_attribution(text: str, group: list[dict]) -> Attribution:
    head = group[0]
    parts = tuple(
        part
        for statement in group
        for start, end in _around_attribution(text, statement)
        for part in to_polnear_content(text, start, end)
    )
    source = _span(head["speaker_start"], head["speaker_end"])
    cue = _span(head["cue_start"], head["cue_end"])
    return Attribution(
        source=to_polnear_source(text, source, cue) if source and cue else source,
        cue=cue,
        content=parts,
    )


def _around_attribution(text: str, statement: dict) -> list[tuple[int, int]]:
    """A content with its attribution inside ("The talks, he said, were useful") in two parts
    around it, as PolNeAR has it."""
    start, end = int(statement["start"]), int(statement["end"])
    edges = [statement[k] for k in ("speaker_start", "speaker_end", "cue_start", "cue_end")]
    inner = [int(e) for e in edges if e is not None]
    if len(inner) < 4 or not (start < min(inner) and max(inner) < end):
        return [(start, end)]
    before = start + len(text[start : min(inner)].rstrip(" ,"))
    after = max(inner) + len(text[max(inner) : end]) - len(text[max(inner) : end].lstrip(" ,"))
    return [(start, before), (after, end)]


def _span(start, end) -> Span | None:
    return None if start is None or end is None else ((int(start), int(end)),)


def predict_textacy(articles: list[Article], pipeline) -> list[list[Attribution]]:
    """textacy.extract.triples.direct_quotations on our pipeline's parse."""
    from textacy.extract import triples

    predictions = []
    for doc in pipeline.pipe((a.text for a in articles), batch_size=16):
        found = []
        try:
            for triple in triples.direct_quotations(doc):
                found.append(
                    Attribution(
                        source=_token_span(triple.speaker),
                        cue=_token_span(triple.cue),
                        content=((triple.content.start_char, triple.content.end_char),),
                    )
                )
        except ValueError:
            pass  # textacy refuses documents with an odd number of quotation marks
        predictions.append(found)
    return predictions


def _token_span(tokens) -> Span | None:
    if not tokens:
        return None
    return ((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)),)


# ---------------------------------------------------------------- scoring


def word_tokens(text: str, span: Span) -> set[int]:
    """Start offsets of the word tokens inside a span."""
    return {a + m.start() for a, b in span for m in re.finditer(r"\w+", text[a:b])}


def is_quote_marked(text: str, attribution: Attribution) -> bool:
    content = attribution.content or ()
    return any(ch in QUOTE_MARKS for a, b in content for ch in text[a:b])


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def exact_matches(gold: list[Span], pred: list[Span]) -> int:
    remaining = list(gold)
    hits = 0
    for span in pred:
        if span in remaining:
            remaining.remove(span)
            hits += 1
    return hits


def overlap_matches(text: str, gold: list[Span], pred: list[Span]) -> int:
    gold_tokens = [word_tokens(text, g) for g in gold]
    pred_tokens = [word_tokens(text, p) for p in pred]
    pairs = sorted(
        ((len(g & p), i, j) for i, g in enumerate(gold_tokens) for j, p in enumerate(pred_tokens)),
        reverse=True,
    )
    used_gold, used_pred = set(), set()
    for shared, i, j in pairs:
        if shared and i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return len(used_gold)


def score(
    articles: list[Article],
    predictions: list[list[Attribution]],
    *,
    keep_gold: Callable[[Article, Attribution], bool] = lambda a, g: True,
    keep_pred: Callable[[Article, Attribution], bool] = lambda a, p: True,
) -> dict[str, tuple[float, float, float]]:
    exact = {role: Counts() for role in ROLES}
    overlap = {role: Counts() for role in ROLES}
    speaker = Counts()
    for article, predicted in zip(articles, predictions, strict=True):
        gold = [g for g in article.gold if keep_gold(article, g)]
        pred = [p for p in predicted if keep_pred(article, p)]
        for role in ROLES:
            g_spans = [s for s in (g.role(role) for g in gold) if s]
            p_spans = [s for s in (p.role(role) for p in pred) if s]
            exact[role].add(exact_matches(g_spans, p_spans), len(p_spans), len(g_spans))
            overlap[role].add(
                overlap_matches(article.text, g_spans, p_spans), len(p_spans), len(g_spans)
            )
        speaker.add(*speaker_right(article.text, gold, pred))
    result = {f"exact {r}": exact[r].f1() for r in ROLES}
    result |= {f"overlap {r}": overlap[r].f1() for r in ROLES}
    result["speaker right"] = (speaker.tp / speaker.gold if speaker.gold else 0.0, 0.0, 0.0)
    return result


def speaker_right(
    text: str, gold: list[Attribution], pred: list[Attribution]
) -> tuple[int, int, int]:
    """(right, 0, found): gold attributions with a source whose content was found."""
    right = found = 0
    for g in gold:
        if not g.source or not g.content:
            continue
        g_tokens = word_tokens(text, g.content)
        best = max(
            pred, key=lambda p: len(g_tokens & word_tokens(text, p.content or ())), default=None
        )
        if best is None or not g_tokens & word_tokens(text, best.content or ()):
            continue
        found += 1
        right += bool(best.source and word_tokens(text, g.source) & word_tokens(text, best.source))
    return right, 0, found


# ---------------------------------------------------------------- speech-act subset


def speech_lemmas() -> set[str]:
    from core import lexicon

    try:
        cues = lexicon.load_yaml("cues.yml")
    except FileNotFoundError:
        return set()
    words: set[str] = set()
    for value in _walk_strings(cues):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    return words


def _walk_strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_strings(item)


def is_speech_act(text: str, attribution: Attribution, lemmas: set[str], lemmatize) -> bool:
    if not attribution.cue:
        return False
    words = re.findall(r"[A-Za-z]+", " ".join(text[a:b] for a, b in attribution.cue).lower())
    return any(w in lemmas or lemmatize(w) in lemmas for w in words)


def lookup_lemmatizer() -> Callable[[str], str]:
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    return lambda word: table.get(word, word)


# ---------------------------------------------------------------- report


def systems(pipeline, has_parse: bool) -> dict[str, Callable]:
    found = {"Readout Lens": lambda arts: predict_ours(arts, pipeline)}
    found["textacy 0.13 direct_quotations"] = (
        (lambda arts: predict_textacy(arts, pipeline)) if has_parse else None
    )
    return found


def fmt(triple: tuple[float, float, float]) -> str:
    p, r, f = triple
    return f"{100 * p:.1f}/{100 * r:.1f}/**{100 * f:.1f}**"


def report(split: str, articles: list[Article], runs: dict[str, list[list[Attribution]] | None]):
    lemmas, lemmatize = speech_lemmas(), lookup_lemmatizer()
    n_gold = sum(len(a.gold) for a in articles)
    print(f"\n### PolNeAR {split}: {len(articles)} articles, {n_gold} attributions\n")
    header = "| system | subset | source P/R/F | cue P/R/F | content P/R/F | speaker right |"
    print(header)
    print("|---|---|---|---|---|---|")
    subsets = {
        "all, exact": ({}, "exact"),
        "all, overlap": ({}, "overlap"),
        "quote-marked, overlap": (
            {
                "keep_gold": lambda a, g: is_quote_marked(a.text, g),
                "keep_pred": lambda a, p: is_quote_marked(a.text, p),
            },
            "overlap",
        ),
        "not quote-marked, overlap": (
            {
                "keep_gold": lambda a, g: not is_quote_marked(a.text, g),
                "keep_pred": lambda a, p: not is_quote_marked(a.text, p),
            },
            "overlap",
        ),
        "speech acts, exact": (
            {"keep_gold": lambda a, g: is_speech_act(a.text, g, lemmas, lemmatize)},
            "exact",
        ),
    }
    for name, predictions in runs.items():
        if predictions is None:
            print(f"| {name} | - | needs a pipeline with a parser | | | |")
            continue
        for label, (filters, kind) in subsets.items():
            scores = score(articles, predictions, **filters)
            cells = " | ".join(fmt(scores[f"{kind} {role}"]) for role in ROLES)
            print(f"| {name} | {label} | {cells} | {100 * scores['speaker right'][0]:.1f} |")
    if split == "test":
        for name, source, cue, content in PUBLISHED:
            cells = " | ".join("-" if v is None else f"F {v}" for v in (source, cue, content))
            print(f"| {name} | all, exact | {cells} | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--pipeline", default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N articles per split")
    args = parser.parse_args()
    skip_without(POLNEAR)
    pipeline = core_nlp.load_pipeline(args.pipeline)
    has_parse = "parser" in pipeline.pipe_names
    print(f"pipeline: {core_nlp.describe_pipeline(pipeline)}")
    for split in args.splits:
        articles = load_split(split, args.limit)
        runs = {
            name: (run(articles) if run else None)
            for name, run in systems(pipeline, has_parse).items()
        }
        report(split, articles, runs)


if __name__ == "__main__":
    main()
