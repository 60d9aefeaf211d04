"""Statements of one sentence: every cue with its subject and content, "According to X",
infinitives of purpose after a meeting verb, agentless passives ("It was agreed that").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from core import lexicon
from core.actors import (
    Mention,
    Token,
    parse_mention,
    tokenize,
)
from core.attribution import syntax
from core.attribution.contents import attitude_cue_end, find_content_clause
from core.attribution.cues import (
    Cue,
    find_cues,
    impersonal_regex,
    passive_regex,
    phrase_pattern,
    purpose_regex,
)
from core.attribution.drafts import Draft
from core.attribution.layout import Span, clause_start
from core.attribution.nesting import assign_containers, bound_contents
from core.attribution.postposed import continues_clause, find_postposed_drafts
from core.attribution.subjects import (
    Subject,
    find_cue_subject,
    leading_mention,
    leading_subject_mention,
    names_somebody,
    speaks_as_finding_source,
    subject_span,
    token_at,
    unnamed_parsed_subject,
    weigh_parsed_subject,
)


def extract_sentence_drafts(
    text: str,
    sentence: Span,
    *,
    quoted: tuple[Span, ...] = (),
    turns: tuple[Span, ...] = (),
    used: Mapping[int, Mention] | None = None,
    doc: Doc | None = None,
) -> list[Draft]:
    """Statements of one sentence: cues, their subjects and their content spans.

    Args:
        text: the document text.
        sentence: the sentence (content starts after a dateline already).
        quoted: contents of direct quotes and speakers' turns: a country there is the
            quote's own voice, not a new speaker.
        turns: contents of press-conference turns: "we agreed" there is both sides.
        used: cues already used by a quote's attribution (start offset -> its speaker): they
            are not statements again, but a cue coordinated with them has their subject.
        doc: the parsed release, when the pipeline has a parser: its subjects and clause
            boundaries are weighed beside the rules' (see :mod:`~core.attribution.syntax`).
    """
    tokens = tokenize(text, sentence.start, sentence.end)
    cues = [c for c in find_cues(text, sentence) if c.content != "purpose"]
    postposed = find_postposed_drafts(text, sentence, tokens, cues)
    parsed = doc if syntax.has_parse(doc) else None
    drafts = postposed + _cued_drafts(text, sentence, tokens, cues, postposed, used or {}, parsed)
    drafts += find_purpose_drafts(text, sentence, tokens, drafts)
    drafts += find_passive_drafts(text, sentence)
    drafts += find_impersonal_drafts(text, sentence)
    drafts = [d for d in drafts if _allowed(d, _within(d, quoted), _within(d, turns))]
    assign_containers(drafts)
    bound_contents(drafts)
    _mark_subject_spans(text, drafts, parsed)
    return [d for d in drafts if d.content.end > d.content.start]


def _mark_subject_spans(text: str, drafts: list[Draft], doc: Doc | None) -> None:
    """The speaker as written is the cue verb's whole subject when the parse has one."""
    for draft in drafts:
        mention = draft.subject.mention
        if mention is not None and draft.speaker_span is None:
            draft.speaker_span = subject_span(doc, draft.cue.start, draft.cue.end, mention, text)


def _cued_drafts(
    text: str,
    sentence: Span,
    tokens: list[Token],
    cues: list[Cue],
    postposed: list[Draft],
    used: Mapping[int, Mention],
    doc: Doc | None,
) -> list[Draft]:
    """A draft per cue that neither closes the sentence nor attributes a quote."""
    drafts = []
    previous: Subject | None = None
    for cue in cues:
        held = next((d for d in postposed if d.cue is cue), None)
        if held is not None or cue.start in used:
            previous = held.subject if held is not None else Subject(used[cue.start], "quote")
            continue
        limit = _postposed_limit(sentence, cue, postposed)
        draft = _draft_for_cue(text, sentence, tokens, cue, previous, limit, doc)
        if draft is not None:
            drafts.append(draft)
            previous = draft.subject
    return drafts


def _postposed_limit(sentence: Span, cue: Cue, postposed: list[Draft]) -> int:
    """A content stops where a later postposed statement's content ends (its comma)."""
    ends = (
        d.subject.connector or sentence.end
        for d in postposed
        if (d.subject.connector or 0) > cue.start
    )
    return min(ends, default=sentence.end)


def _within(draft: Draft, spans: tuple[Span, ...]) -> bool:
    return any(span.start <= draft.cue.start < span.end for span in spans)


def _allowed(draft: Draft, inside_quote: bool, in_turn: bool) -> bool:
    mention = draft.subject.mention
    if mention is None:
        return draft.subject.relation == "passive"
    if mention.kind == "pronoun" and mention.name == "we":
        return in_turn  # a minister's "we agreed" in a press conference: both sides
    return not (inside_quote and mention.kind in ("side", "organization"))


def _draft_for_cue(
    text: str,
    sentence: Span,
    tokens: list[Token],
    cue: Cue,
    previous: Subject | None,
    limit: int,
    doc: Doc | None,
) -> Draft | None:
    index = token_at(tokens, cue.start)
    if index >= len(tokens):
        return None
    if cue.content == "source":
        return _source_draft(text, sentence, tokens, cue, index)
    if _listed_noun(tokens, index, cue):
        return None  # "provinces, states and cities": a noun in a list, not a verb
    if _fronted_participle(text, tokens, index):
        return _fronted_draft(text, tokens, cue, limit)
    adverbs = syntax.adverb_starts(doc, sentence.start, cue.start)
    subject = find_cue_subject(text, tokens, index, floor=0, previous=previous, adverbs=adverbs)
    subject = weigh_parsed_subject(text, doc, cue.start, cue.end, subject)
    if subject is None:
        subject = unnamed_parsed_subject(text, doc, cue)
    if subject is None or not speaks_as_finding_source(cue, subject):
        return None  # "the decline shows that ...": no statement, nor a subject to coordinate
    if not names_somebody(subject):
        return None  # "facts that no one can deny": nobody said anything
    if subject.relation == "relative" or _in_fronted_clause(tokens, subject):
        comma = _clause_comma(text, cue.end, limit)  # "X, who said A, left": A ends at the comma
        if subject.relation == "relative" or re.search(r"\w", text[cue.end : comma]):
            limit = comma  # "As experts have pointed out, A": no words before it, A follows
    parenthetical = _parenthetical(text, tokens, cue, subject, limit)
    if parenthetical is not None:
        return parenthetical
    content = find_content_clause(text, cue, limit)
    wordless = content is None or not re.search(r"\w", text[content.start : content.end])
    if wordless and cue.content in ("clause", "object"):
        # "the deployment that X criticized": the parse finds what the pronoun stands for
        content = syntax.relative_antecedent(doc, cue.start, cue.end) or content
    if content is None:
        return None
    paired = re.match(r"and\s+[a-z]+ed\s+", text[content.start : content.end])
    if paired and cue.content in ("object", "discussion"):
        # "reviewed and encouraged X": one cue of two verbs, one content
        cue = replace(cue, end=content.start + paired.end() - 1)
        content = Span(content.start + paired.end(), content.end)
    if cue.content == "attitude":
        end = min(content.start, attitude_cue_end(text, cue, limit))
        while end > cue.end and text[end - 1].isspace():
            end -= 1
        cue = replace(cue, end=max(cue.end, end))
    return Draft(cue=cue, subject=subject, content=content)


def _parenthetical(
    text: str, tokens: list[Token], cue: Cue, subject: Subject, limit: int
) -> Draft | None:
    """ "The talks, he said, were useful": the clause around ", he said," is the content."""
    mention = subject.mention
    first = token_at(tokens, mention.start) if mention is not None else 0
    if mention is None or first == 0 or tokens[first - 1].text != ",":
        return None
    if not continues_clause(text, tokens, token_at(tokens, cue.end)):
        return None
    comma = first - 1
    start = next((t.end for t in reversed(tokens[:comma]) if t.text in {",", ";", ":"}), None)
    start = clause_start(text, tokens[0].start if start is None else start + 1)
    enclosing = Subject(mention, "parenthetical")
    return Draft(cue=cue, subject=enclosing, content=Span(start, limit))


def _listed_noun(tokens: list[Token], index: int, cue: Cue) -> bool:
    after = token_at(tokens, cue.end)
    return (
        tokens[index].lower.endswith("s")
        and index > 0
        and tokens[index - 1].text in {",", "and", "or"}
        and after < len(tokens)
        and tokens[after].lower in {"and", "or", ","}
    )


def _fronted_participle(text: str, tokens: list[Token], index: int) -> bool:
    """ "Recalling their meeting in Paris, the two leaders ...": a cue opening the sentence."""
    return tokens[index].lower.endswith("ing") and all(t.text in {'"', "“"} for t in tokens[:index])


def _fronted_draft(text: str, tokens: list[Token], cue: Cue, limit: int) -> Draft | None:
    """The participle's content runs to its comma; its subject opens the main clause."""
    comma = _clause_comma(text, cue.end, limit)
    if comma >= limit:
        return None
    mention = leading_mention(text, tokens[token_at(tokens, comma + 1) :])
    if mention is None or (mention.kind in ("pronoun", "org_anaphor") and mention.name != "we"):
        return None
    content = find_content_clause(text, cue, comma)
    if content is None:
        return None
    return Draft(cue=cue, subject=Subject(mention, "fronted"), content=content)


_SUBORDINATORS = frozenset(
    {
        "as",
        "because",
        "while",
        "when",
        "whenever",
        "although",
        "though",
        "if",
        "after",
        "before",
        "since",
        "once",
        "until",
        "unless",
        "whereas",
    }
)


def _in_fronted_clause(tokens: list[Token], subject: Subject) -> bool:
    """ "As X announces that A, B ...": the cue's clause is subordinate and ends at a comma."""
    if subject.mention is None or subject.relation != "explicit":
        return False
    lead: list[str] = []
    for index in range(token_at(tokens, subject.mention.start)):
        word = tokens[index].lower
        if word in _FRONT_FILLERS:
            continue
        lead.append(word)
        if len(lead) > 1:
            return False  # stop at the second word: a long sentence is not read per cue
    return len(lead) == 1 and lead[0] in _SUBORDINATORS


_FRONT_FILLERS = frozenset({"but", "and", '"', "“"})


def _clause_comma(text: str, start: int, limit: int) -> int:
    """The first comma after ``start`` outside quotation marks, else ``limit``."""
    quoted = False
    for position in range(start, limit):
        if text[position] in '"“”':
            quoted = not quoted if text[position] == '"' else text[position] == "“"
        elif text[position] == "," and not quoted:
            return position
    return limit


def _source_draft(
    text: str, sentence: Span, tokens: list[Token], cue: Cue, index: int
) -> Draft | None:
    """ "According to X, ..." and "..., according to X"."""
    end = index + 1
    while end < len(tokens) and tokens[end].text not in {",", ".", ";", '"', "“", "”"}:
        end += 1
    mention = source_mention(text, tokens[index + 2 : end]) if index + 2 < end else None
    if mention is None:
        return None
    subject = Subject(mention, "source")
    lead = text[sentence.start : cue.start]
    comma = lead.rfind(",")
    if comma < 0 and len(lead.split()) <= 2:  # "According to X, ...", "But according to X, ..."
        content_start = tokens[end].end if end < len(tokens) else sentence.end
        return Draft(cue=cue, subject=subject, content=Span(content_start, sentence.end))
    content_end = sentence.start + comma if comma >= 0 else cue.start
    return Draft(cue=cue, subject=subject, content=Span(sentence.start, content_end))


def source_mention(text: str, tokens: list[Token]) -> Mention | None:
    """Who "according to" names: a mention, else the body or person named inside the phrase
    ("a statement issued by the Ministry of Defense"), else the phrase as an unnamed source
    ("a new poll")."""
    if not tokens or len(tokens) > 20:
        return None
    whole = parse_mention(text, tokens)
    if whole is not None:
        return whole
    start, end = tokens[0].start, tokens[-1].end
    for first in range(1, len(tokens)):
        inner = parse_mention(text, tokens[first:])
        if inner is not None and inner.kind in ("person", "organization", "side", "title"):
            return replace(inner, text=text[start:end], start=start, end=end)
    return Mention(text[start:end], start, end, "group")


@cache
def _meeting_regex() -> re.Pattern[str]:
    """ "spoke with", "met": the meeting verbs a purpose infinitive follows."""
    verbs = lexicon.cue_lexicon().meeting_verbs
    return re.compile(rf"\b(?:{'|'.join(phrase_pattern(v) for v in verbs)})\b")


def find_purpose_drafts(
    text: str, sentence: Span, tokens: list[Token], drafts: list[Draft]
) -> list[Draft]:
    """ "X spoke with Y to discuss Z": Z is X's statement (cue "to discuss")."""
    found = []
    meeting = _meeting_regex()
    for match in purpose_regex().finditer(text, sentence.start, sentence.end):
        if any(
            d.cue.start <= match.start() < d.content.end and d.cue.start < match.start()
            for d in drafts
        ):
            continue
        verb = meeting.search(text, sentence.start, match.start())
        if verb is None:
            continue
        subject_tokens = [t for t in tokens if t.end <= verb.start()]
        mention = leading_subject_mention(text, subject_tokens)
        if mention is None:
            continue
        cue = Cue(match.start(), match.end(), "purpose")
        found.append(
            Draft(
                cue=cue,
                subject=Subject(mention, "purpose"),
                content=Span(match.end(), sentence.end),
            )
        )
    return found


def find_passive_drafts(text: str, sentence: Span) -> list[Draft]:
    """ "Other issues ... were also briefly discussed.": a joint statement without an agent."""
    match = passive_regex().search(text, sentence.start, sentence.end)
    if match is None:
        return []
    content = Span(clause_start(text, sentence.start), match.start())
    if len(text[content.start : content.end].split()) < 2:
        return []
    cue = Cue(match.start("cue"), match.end("cue"), "passive")
    return [Draft(cue=cue, subject=Subject(None, "passive"), content=content)]


def find_impersonal_drafts(text: str, sentence: Span) -> list[Draft]:
    """ "It was agreed that X": a joint statement without an agent."""
    found = []
    for match in impersonal_regex().finditer(text, sentence.start, sentence.end):
        cue = Cue(match.start("cue"), match.end("cue"), "passive")
        content = Span(match.end(), sentence.end)
        found.append(Draft(cue=cue, subject=Subject(None, "passive"), content=content))
    return found
