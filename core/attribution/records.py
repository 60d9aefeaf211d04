"""Output records: drafts into :class:`core.schema.Statement` rows and one
:class:`core.schema.Actor` per named speaker.
"""

from __future__ import annotations

import re
from functools import cache

from core import lexicon
from core.actors import (
    Speaker,
    organization_in,
)
from core.attribution.contents import trim_content
from core.attribution.cues import Cue
from core.attribution.drafts import Draft
from core.attribution.layout import Span
from core.schema import Actor, Statement


def statement_record(text: str, draft: Draft, quoted_by_others: list[Span]) -> Statement | None:
    """The statement row of a resolved draft; None when its content trims to nothing.

    Args:
        text: the document text.
        draft: the draft, its speaker resolved and its container set.
        quoted_by_others: contents of direct quotes, which are not this draft's own words.
    """
    span = trim_content(text, draft.content, draft.cue)
    speaker = draft.speaker or Speaker(None, "unknown")
    if span is None:
        return None
    mode = draft.mode
    if mode == "indirect" and _quoted_words(text, span, quoted_by_others) >= 5:
        mode = "mixed"  # the speaker's own words quoted inside reported speech
    speaker_span = draft.speaker_span
    return Statement(
        speaker=speaker.name,
        speaker_text=draft.speaker_text,
        speaker_kind=speaker.kind,
        cue=draft.cue_text or _cue_text(text, draft.cue),
        mode=mode,
        content=text[span.start : span.end],
        start=span.start,
        end=span.end,
        speaker_start=speaker_span.start if speaker_span else None,
        speaker_end=speaker_span.end if speaker_span else None,
        cue_start=written_cue_start(text, draft.cue, speaker_span),
        cue_end=draft.cue.end,
        reported_by=_reported_by(draft, speaker),
        confidence=_confidence(draft),
        side=speaker.side,
    )


def _reported_by(draft: Draft, speaker: Speaker) -> str | None:
    """The container's speaker; not the speaker themself, except inside their own turn."""
    container = draft.container
    reported_by = container.speaker.name if container is not None and container.speaker else None
    if (
        reported_by is not None
        and reported_by == speaker.name
        and not (container and container.in_turn)
    ):
        return None
    return reported_by


def written_cue_start(text: str, cue: Cue, speaker_span: Span | None) -> int:
    """Where the cue starts as written: with the auxiliaries and adverbs right before its verb
    ("has said", "also stressed", "has repeatedly warned", "is urging"), never back over the
    speaker. The label (``Statement.cue``) stays the verb; the span is what the reader marks.
    """
    if cue.start == cue.end:
        return cue.start  # a turn or an introduced block: no cue word
    floor = speaker_span.end if speaker_span and speaker_span.end <= cue.start else 0
    start = cue.start
    while (before := _LEAD_WORD.search(text, max(floor, start - 30), start)) is not None:
        if not _is_lead_word(before.group("word"), adverbs=floor > 0):
            break
        start = before.start("word")
    return start


# the word right before a position, separated from it by spaces on one line
_LEAD_WORD = re.compile(r"(?<![\w’'-])(?P<word>[A-Za-z]+(?:[’']t)?)[ \t]+$")


def _is_lead_word(word: str, *, adverbs: bool) -> bool:
    """An auxiliary or adverb of the cue; any lower-case -ly word only between a known speaker
    and the cue, where no noun ("family", "ally") can stand."""
    if adverbs and word.islower() and len(word) > 4 and word.endswith("ly"):
        return True
    word = word.lower().replace("’", "'")
    if word.endswith("n't"):
        word = word[:-3] if word[:-3] in ("has", "have", "had", "is", "are", "was", "were") else ""
    return word in _cue_lead_words()


@cache
def _cue_lead_words() -> frozenset[str]:
    words = lexicon.load_yaml("cues.yml").get("cue_lead_words") or ()
    return frozenset(str(word).lower() for word in words)


def _cue_text(text: str, cue: Cue) -> str:
    written = re.sub(r"^(?:also|further)\s+", "", cue.text_in(text))
    return written[:1].lower() + written[1:]  # "According to" opening a sentence


def _quoted_words(text: str, span: Span, quoted_by_others: list[Span]) -> int:
    pattern = re.compile(r"[\"“]([^\"“”]+)(?:[\"”]|$)")
    counts = [
        len(match.group(1).split())
        for match in pattern.finditer(text, span.start, span.end)
        if not any(o.start <= match.start(1) < o.end for o in quoted_by_others)
    ]
    return max(counts, default=0)


def _confidence(draft: Draft) -> float:
    mention = draft.subject.mention
    if draft.speaker is None or draft.speaker.name is None:
        return 0.3
    if draft.subject.relation in ("quote", "turn", "intro"):
        return 0.9
    if mention is not None and mention.kind == "pronoun":
        return 0.7
    if draft.subject.relation in ("coordinated", "appositive", "purpose", "continued"):
        return 0.6 if draft.subject.relation != "continued" else 0.3
    return 0.8


def actor_records(drafts: list[Draft]) -> list[Actor]:
    """One actor per named speaker, with every way the release wrote them."""
    by_name: dict[str, tuple[Speaker, list[str]]] = {}
    for draft in drafts:
        who = draft.speaker
        if who is None or who.name is None:
            continue
        best, aliases = by_name.get(who.name, (who, []))
        if draft.speaker_text and draft.speaker_text not in aliases:
            aliases.append(draft.speaker_text)
        if _detail(who) > _detail(best):
            best = who
        by_name[who.name] = (best, aliases)
    return [
        Actor(
            name=name,
            kind=best.kind,
            title=_clean_title(best.title),
            role=best.role,
            organization=organization_in(f"{best.title or ''} {best.role or ''}"),
            side=best.side,
            aliases=tuple(aliases),
        )
        for name, (best, aliases) in by_name.items()
    ]


def _detail(speaker: Speaker) -> int:
    return sum(bool(value) for value in (speaker.title, speaker.role, speaker.side))


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip(" ,")
    if title.isupper():  # "DEFENSE MINISTER" from a transcript label
        title = " ".join(
            w if w in {"of", "for", "the"} else w.capitalize() for w in title.lower().split()
        )
    return title or None
