"""Who said what: the statements of one release, their speakers and the people in the talks.

The extractor reads the text as an analyst does (the steps live in :mod:`core.attribution`):

1. layout - paragraphs (hard-wrapped lines joined), the title, headings, captions and
   "X provided the following readout" lines set aside, datelines cut off, sentences
   (:mod:`~core.attribution.layout`);
2. containers - press-conference turns ("Mr. X, Minister for Foreign Affairs: ...") and blocks
   introduced by "X said:" (:mod:`~core.attribution.turns`), direct quotes with their
   attribution (`"...," General Li said`, :mod:`~core.attribution.quotes`);
3. cues - speech cues from ``data/cues.yml`` in every sentence (:mod:`~core.attribution.cues`);
   for each one its subject (:mod:`~core.attribution.subjects`: "General Li", "He", "The two
   sides", a coordinated cue's subject, "According to X"; a postposed "..., Wang said" in
   :mod:`~core.attribution.postposed`) and its content (:mod:`~core.attribution.contents`: the
   "that" clause, the object, what follows "expressed concern over"), ending where a
   coordinated cue or a new speaker begins (:mod:`~core.attribution.clauses`);
4. nesting - a statement inside another's content is reported by that speaker
   (:mod:`~core.attribution.nesting`); a reported clause runs on over uncued sentences
   (:mod:`~core.attribution.runon`);
5. speakers - mentions resolved to canonical actors by :mod:`core.actors`
   (:mod:`~core.attribution.speakers`), then rows (:mod:`~core.attribution.records`) and the
   participants (:mod:`~core.attribution.participants`).

Everything works on blank English (rules over tokens and regexes). When the pipeline has a
parser, :mod:`~core.attribution.syntax` weighs its evidence beside the rules at a few points:
a cue verb's subject the backward scan misses or over-reaches ("The minister is stressing",
"Yesterday the government announced"), the speaker span over the whole subject ("longtime
pollster Pat Caddell"), and what a cue in a relative clause reports ("the deployment that X
criticized"). Without a parse (``doc.has_annotation("DEP")`` false) the rules run alone.
"""

from __future__ import annotations

from spacy.tokens import Doc

from core import lexicon
from core.actors import Mention, NamedPerson, Resolver
from core.attribution.clauses import extract_sentence_drafts
from core.attribution.drafts import Draft
from core.attribution.layout import Block, Span, split_blocks, split_sentences
from core.attribution.nesting import nest_drafts
from core.attribution.participants import find_participants, relays
from core.attribution.quotes import find_continued_quote_drafts, find_quote_drafts, find_quotes
from core.attribution.records import actor_records, statement_record
from core.attribution.runon import extend_run_on
from core.attribution.speakers import (
    note_narration_subjects,
    resolve_forward,
    resolve_speakers,
    speaks_for_own_side,
)
from core.attribution.subjects import speaks_as_finding_source
from core.attribution.turns import find_intro_drafts, find_turn_drafts
from core.schema import Attributions, Metadata, Statement


def extract_statements(doc: Doc, *, meta: Metadata) -> Attributions:
    """Statements, resolved speakers and participants of one release.

    Args:
        doc: the release parsed by any pipeline (blank English is enough); offsets index
            ``doc.text``.
        meta: the release's metadata; its body start, captions and dateline are used when
            known.

    Returns:
        Statements in text order, the actors who made them and the people in the talks.
    """
    text = doc.text
    blocks = split_blocks(text, meta)
    captions = tuple((b.start, b.end) for b in blocks if b.kind == "caption") + meta.caption_spans
    resolver = Resolver.for_text(text, captions=captions)
    drafts = _find_drafts(text, blocks, tuple(resolver.people), doc)
    drafts = [d for d in drafts if speaks_as_finding_source(d.cue, d.subject)]
    note_narration_subjects(text, blocks, drafts, resolver)
    resolve_speakers(text, drafts, resolver)
    resolve_forward(drafts)
    nest_drafts(drafts)
    drafts = [d for d in drafts if not speaks_for_own_side(d) and not _spokesperson_we(d)]
    kept = _records(text, drafts)
    return Attributions(
        statements=tuple(sorted((s for _, s in kept), key=lambda s: (s.start, s.end))),
        actors=tuple(actor_records([d for d, _ in kept])),
        participants=tuple(find_participants(text, blocks, resolver, drafts)),
    )


def _spokesperson_we(draft: Draft) -> bool:
    """ "We oppose ..." in a spokesperson's turn is the turn's own words, not both sides'."""
    mention, holder = draft.subject.mention, draft.container
    if mention is None or mention.kind != "pronoun" or mention.name != "we":
        return False
    return (
        holder is not None
        and holder.in_turn
        and bool(holder.speaker)
        and relays(holder.speaker.title if holder.speaker else None)
    )


def _records(text: str, drafts: list[Draft]) -> list[tuple[Draft, Statement]]:
    """Each draft with its statement row, for the drafts that give one (in draft order)."""
    quoted_by_others = [d.content for d in drafts if d.mode == "direct"]
    found = ((d, statement_record(text, d, quoted_by_others)) for d in drafts)
    return [(draft, statement) for draft, statement in found if statement is not None]


def _find_drafts(
    text: str, blocks: list[Block], people: tuple[NamedPerson, ...], doc: Doc
) -> list[Draft]:
    """Containers (turns, quotes, introduced blocks) first, then each sentence's cues."""
    turn_drafts = find_turn_drafts(text, blocks, people)
    body = [b for b in blocks if b.kind == "body"]
    sentences = {b: split_sentences(text, b) for b in body}
    all_sentences = [s for b in body for s in sentences[b]]
    quotes = find_quotes(text, blocks)
    quote_drafts, used = find_quote_drafts(text, quotes, all_sentences)
    containers = turn_drafts + quote_drafts + find_intro_drafts(text, blocks)
    containers += find_continued_quote_drafts(text, quotes, all_sentences, containers)
    drafts = list(containers)
    for block in body:
        block_drafts = _sentence_drafts(text, sentences[block], containers, turn_drafts, used, doc)
        extend_run_on(text, block_drafts, sentences[block], containers)
        drafts += block_drafts
    return drafts


def _sentence_drafts(
    text: str,
    sentences: list[Span],
    containers: list[Draft],
    turn_drafts: list[Draft],
    used: dict[int, Mention],
    doc: Doc,
) -> list[Draft]:
    """The cued statements of a paragraph's sentences that no container already holds."""
    quoted = tuple(c.content for c in containers)
    turns = tuple(c.content for c in turn_drafts)
    drafts = []
    for sentence in sentences:
        if _is_logistics(text, sentence):
            continue  # "X provided the following readout:", "The overview is as follows."
        sentence = _without_label(text, sentence, turn_drafts)
        found = extract_sentence_drafts(
            text, sentence, quoted=quoted, turns=turns, used=used, doc=doc
        )
        drafts += [d for d in found if not _duplicate(d, containers)]
    return drafts


def _is_logistics(text: str, sentence: Span) -> bool:
    lowered = text[sentence.start : sentence.end].lower()
    return any(phrase in lowered for phrase in lexicon.cue_lexicon().logistics)


def _without_label(text: str, sentence: Span, turns: list[Draft]) -> Span:
    for turn in turns:
        label = turn.speaker_span
        labelled_here = label is not None and turn.content.start - label.end < 30
        if labelled_here and label.start <= sentence.start < turn.content.start:  # type: ignore[union-attr]
            return Span(turn.content.start, max(turn.content.start, sentence.end))
    return sentence


def _duplicate(draft: Draft, containers: list[Draft]) -> bool:
    return any(c.cue.start == draft.cue.start and c.cue.end == draft.cue.end for c in containers)
