"""A statement being built (:class:`Draft`), shared by every finding step."""

from __future__ import annotations

from dataclasses import dataclass

from core.actors import (
    Mention,
    Speaker,
)
from core.attribution.cues import Cue
from core.attribution.layout import Span
from core.attribution.subjects import Subject


@dataclass
class Draft:
    """A statement being built: cue, subject, content span, speaker once resolved."""

    cue: Cue
    subject: Subject
    content: Span
    container: Draft | None = None  # the statement this one is nested in
    speaker: Speaker | None = None
    mode: str = "indirect"
    cue_text: str = ""
    speaker_text: str | None = None
    speaker_span: Span | None = None
    runs_on: bool = False
    in_turn: bool = False
    confidence: float = 0.7


def direct_draft(text: str, mention: Mention, content: Span, relation: str) -> Draft:
    """A direct statement with no cue word of its own (a turn, an introduced block)."""
    cue = Cue(content.start, content.start, "turn")
    draft = Draft(cue=cue, subject=Subject(mention, relation), content=content)
    draft.mode = "direct"
    draft.cue_text = "said"
    draft.confidence = 0.85
    return draft


def subject_position(draft: Draft) -> int:
    """Where the draft's subject is written (its cue when it has no mention)."""
    mention = draft.subject.mention
    return mention.start if mention is not None else draft.cue.start
