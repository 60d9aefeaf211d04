"""A reported clause running on over the following uncued sentences of its paragraph."""

from __future__ import annotations

import re
from bisect import bisect_left

from core.attribution.drafts import Draft
from core.attribution.layout import Span


def extend_run_on(
    text: str, drafts: list[Draft], sentences: list[Span], containers: list[Draft]
) -> None:
    """A reported clause runs on over the following uncued sentences of its paragraph.

    Args:
        text: the document text.
        drafts: the paragraph's cued drafts; contents are extended in place, and a country's
            statement the speaker's words run over is removed.
        sentences: the paragraph's sentences.
        containers: turns and quotes: a content never runs into one.
    """
    cue_starts = sorted(d.cue.start for d in drafts)
    for draft in drafts:
        if not _may_run_on(text, draft, cue_starts, sentences, containers):
            continue
        count = len(drafts)
        end = _run_on_end(text, draft, drafts, sentences, containers)
        if len(drafts) != count:  # a country's statement went into the speaker's words
            cue_starts = sorted(d.cue.start for d in drafts)
        draft.content = Span(draft.content.start, end)
        draft.runs_on = end > draft.content.start


def _may_run_on(
    text: str, draft: Draft, cue_starts: list[int], sentences: list[Span], containers: list[Draft]
) -> bool:
    if draft.container is not None or not _takes_clause(text, draft):
        return False
    if any(c.content.start <= draft.cue.start < c.content.end for c in containers):
        return False
    end = draft.content.end
    own = next((s for s in sentences if s.start <= end <= s.end), None)
    if own is None:
        return False
    # the content stops before another statement of its sentence (sorted cue starts: a
    # binary search, not a scan of every draft per draft)
    later = bisect_left(cue_starts, own.end) - bisect_left(cue_starts, end)
    if end <= draft.cue.start < own.end:
        later -= 1  # its own cue
    return later == 0


def _run_on_end(
    text: str, draft: Draft, drafts: list[Draft], sentences: list[Span], containers: list[Draft]
) -> int:
    """The end of the last following sentence the draft's words run over (not a question)."""
    end = draft.content.end
    for sentence in [s for s in sentences if s.start >= draft.content.end]:
        if text[sentence.start : sentence.end].rstrip(" \"”’')").endswith("?"):
            break
        inner = [
            d for d in drafts if d is not draft and sentence.start <= d.cue.start < sentence.end
        ]
        if inner and _speaks_for_side(draft, inner):
            for side_draft in inner:
                drafts.remove(side_draft)  # "China appreciates ..." goes on the speaker's words
        elif inner:
            break
        if any(
            sentence.start <= c.content.start < sentence.end
            for c in containers
            if c.subject.relation != "possessive"  # "X's remarks, “...”" is inside the words
        ):
            break
        end = sentence.end
    return end


def _speaks_for_side(draft: Draft, inner: list[Draft]) -> bool:
    """Sentences whose only statements have a country as subject continue a person's words."""
    mention = draft.subject.mention
    if mention is None or mention.kind not in ("person", "pronoun", "title"):
        return False
    return all(d.subject.mention is not None and d.subject.mention.kind == "side" for d in inner)


def _takes_clause(text: str, draft: Draft) -> bool:
    if draft.subject.relation in ("postposed", "source", "passive", "purpose"):
        return False
    if draft.cue.content == "clause":
        return True
    return bool(
        re.search(r"\bthat\s*$", text[max(0, draft.content.start - 6) : draft.content.start])
    )
