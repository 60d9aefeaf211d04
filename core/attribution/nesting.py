"""Nesting: the statement another one is reported in, and where each content stops."""

from __future__ import annotations

from bisect import bisect_right
from itertools import groupby

from core.actors import Mention
from core.attribution.drafts import Draft
from core.attribution.layout import Span


def assign_containers(drafts: list[Draft]) -> None:
    """Set each draft's container within one sentence (sorts ``drafts`` by cue)."""
    drafts.sort(key=lambda d: d.cue.start)
    postposed = [
        d for d in drafts if d.subject.relation == "postposed"
    ]  # one scan, not one a draft
    for number, draft in enumerate(drafts):
        relation = draft.subject.relation
        if relation == "postposed":
            continue
        holder = next(
            (d for d in postposed if d.content.start <= draft.cue.start < d.content.end), None
        )
        previous = drafts[number - 1] if number else None
        if relation == "coordinated" and previous is not None:
            found = _last_with_subject(drafts, number, draft.subject.mention)
            draft.container = found or holder
        elif relation == "explicit" and not draft.subject.sibling and previous is not None:
            inside = previous.content.start <= draft.cue.start < previous.content.end
            draft.container = previous if inside else holder
        elif draft.subject.sibling and previous is not None:
            draft.container = previous.container or holder
        else:
            draft.container = holder
        if draft.container is None:
            draft.container = holder


def _last_with_subject(drafts: list[Draft], before: int, mention: Mention | None) -> Draft | None:
    """The container of the last draft before index ``before`` with this subject mention."""
    for index in range(before - 1, -1, -1):
        if drafts[index].subject.mention is mention:
            return drafts[index].container
    return None


def bound_contents(drafts: list[Draft]) -> None:
    """A content stops where a later statement at its own level begins (its connector)."""
    later_connectors = _first_later_connectors(drafts)
    for draft in sorted(drafts, key=_depth):
        end = min(draft.content.end, later_connectors.get(id(draft), draft.content.end))
        if draft.container is not None:
            end = min(end, draft.container.content.end)
        draft.content = Span(draft.content.start, max(draft.content.start, end))


def _first_later_connectors(drafts: list[Draft]) -> dict[int, int]:
    """For each draft, the smallest connector of the statements at its level (same container)
    whose cue comes later: one sort per level and a running minimum from the end, not a scan
    of every draft per draft (a sentence with thousands of cues stays fast)."""
    levels: dict[int, list[Draft]] = {}
    for draft in drafts:
        levels.setdefault(id(draft.container), []).append(draft)
    found: dict[int, int] = {}
    for level in levels.values():
        level.sort(key=_cue_start, reverse=True)
        smallest: int | None = None
        for _, same_start in groupby(level, key=_cue_start):
            block = list(same_start)  # drafts sharing a cue start do not bound each other
            for draft in block:
                if smallest is not None:
                    found[id(draft)] = smallest
            for draft in block:
                connector = draft.subject.connector
                if connector is not None and draft.subject.relation != "postposed":
                    smallest = connector if smallest is None else min(smallest, connector)
    return found


def _cue_start(draft: Draft) -> int:
    return draft.cue.start


def _depth(draft: Draft) -> int:
    depth, holder = 0, draft.container
    while holder is not None:
        depth, holder = depth + 1, holder.container
    return depth


def nest_drafts(drafts: list[Draft]) -> None:
    """A statement inside another's content is reported by that statement's speaker."""
    coverage = Coverage(drafts)
    for draft in drafts:
        if draft.container is not None:
            continue
        if not coverage.covered(draft.cue.start, (draft.content.start, draft.content.end)):
            continue  # inside no other content: no holder (skips the scan below)
        holders = [
            other
            for other in drafts
            if other is not draft
            and other.content.start <= draft.cue.start < other.content.end
            and draft.content.end <= other.content.end + 2
            and (other.content.end - other.content.start)
            > (draft.content.end - draft.content.start)
        ]
        if holders:
            draft.container = min(holders, key=lambda d: d.content.end - d.content.start)


class Coverage:
    """Which positions lie inside some statement's content, for many questions at once.

    Contents sorted by start with, for each prefix, the two latest-ending distinct spans: a
    position is covered by a span other than a given one when one of those two reaches past
    it (one sort, then a binary search a question, instead of a scan over every draft).
    """

    def __init__(self, drafts: list[Draft]) -> None:
        self._index(sorted({(d.content.start, d.content.end) for d in drafts}))

    @classmethod
    def of_spans(cls, spans: list[tuple[int, int]]) -> Coverage:
        """Coverage of plain (start, end) spans."""
        coverage = cls([])
        coverage._index(sorted(set(spans)))
        return coverage

    def _index(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._best: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = []
        first: tuple[int, int] | None = None
        second: tuple[int, int] | None = None
        for span in spans:
            if first is None or span[1] > first[1]:
                first, second = span, first
            elif second is None or span[1] > second[1]:
                second = span
            self._best.append((first, second))

    def covered(self, position: int, own: tuple[int, int]) -> bool:
        """Whether a content other than ``own`` (as a span) holds ``position``."""
        index = bisect_right(self._starts, position)
        if index == 0:
            return False
        return any(
            span is not None and span != own and span[1] > position
            for span in self._best[index - 1]
        )


def is_top_level(draft: Draft, drafts: list[Draft], coverage: Coverage | None = None) -> bool:
    """Not nested in, nor inside the content of, another statement."""
    if draft.container is not None:
        return False
    if coverage is not None:
        return not coverage.covered(draft.cue.start, (draft.content.start, draft.content.end))
    return not any(
        other is not draft
        and other.content.start <= draft.cue.start < other.content.end
        and not (
            other.content.start == draft.content.start and other.content.end == draft.content.end
        )
        for other in drafts
    )
