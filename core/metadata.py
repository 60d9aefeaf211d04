"""Document-level facts read from a release's text: title, dates, dateline, publisher, kind.

Nothing is invented: where the text does not give a value, it is None. Dates are found with
regular expressions (cheap) and only the matched snippets are handed to ``dateparser``.

- published: a labelled line ("date 2022-07-08", "Published: ..."), else the earliest date line
  in the header ("October 25, 2017", "(Xinhua) 10:12, October 22, 2022", a title ending in a
  date), else a dated dateline ("BEIJING, July 8 --", its year taken from the text's dates).
- event_date: the first sentence naming the talks ("held talks", "met", "spoke", "phone call")
  gives the date nearest to that cue ("on July 7, 2022"; "on Thursday" = the latest Thursday
  on or before the published date; "today"; "yesterday"); a transcript's is its published date.
- dateline: "PLACE[, Month Day[, Year]] [(Agency)] --" at the start of an opening paragraph.

Cue words and patterns live in ``data/metadata-cues.yml``; publishers in ``data/publishers.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import dateparser

from core import lexicon
from core.schema import Metadata, RawDocument

# ---------------------------------------------------------------- date grammar

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DAY_RANGE = rf"(?:\s*(?:-|–|to|and)\s*\d{{1,2}}{_ORDINAL}\b)?"
_DATE_PATTERNS = (
    re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b"
        rf"(?!:){_DAY_RANGE}(?:,?\s+(?P<year>{_YEAR})\b)?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH})\b"
        rf"\.?(?:,?\s+(?P<year>{_YEAR})\b)?",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?P<iso>{_YEAR}-\d{{2}}-\d{{2}})\b"),
    re.compile(rf"\b(?P<slash>\d{{1,2}}/\d{{1,2}}/{_YEAR})\b"),
    re.compile(rf"\b(?P<ymd>{_YEAR}[/.]\d{{1,2}}[/.]\d{{1,2}})\b"),
    re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b"),
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?"
    r"|\b(?:UTC|GMT)\s*(?:[+-]\s*\d{1,2})?|\b(?:EST|EDT|ET|BJT|JST|KST)\b|\blocal time\b",
    re.IGNORECASE,
)
LEAD_SENTENCES = 4  # the talks and their day are named in a release's opening sentences
_MAX_YEAR_INFERENCE_DAYS = 60  # a yearless date is read in the year that puts it this close


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text: a full date, a day without year, a weekday or a day word."""

    start: int
    end: int
    text: str
    value: dt.date | None = None  # full dates
    month: int | None = None  # yearless dates
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    offset: int | None = None  # day words: days from the published date


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the text, stripped; offsets index the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    span: tuple[int, int]
    date: DateMention | None
    agency: str | None


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str
    aliases: tuple[str, ...]
    country: str | None


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled contents of ``data/metadata-cues.yml``."""

    date_label: re.Pattern[str]
    relative_days: dict[str, int]
    relative: re.Pattern[str]
    talk: tuple[re.Pattern[str], ...]
    future: tuple[re.Pattern[str], ...]
    speech: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    kinds: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    speaker_turns: tuple[re.Pattern[str], ...]
    titled_place: re.Pattern[str]
    not_places: frozenset[str]
    date_prepositions: frozenset[str]
    abbreviations: frozenset[str]


# ---------------------------------------------------------------- data


def _compile_all(patterns: list[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, flags) for pattern in patterns)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def load_cues() -> Cues:
    """Cues from ``data/metadata-cues.yml``, compiled."""
    data = lexicon.load_yaml("metadata-cues.yml")
    relative = {str(key).lower(): int(value) for key, value in data["relative_days"].items()}
    return Cues(
        date_label=re.compile(
            rf"^(?:{_alternation(data['date_labels'])})\s*[:：]?\s*", re.IGNORECASE
        ),
        relative_days=relative,
        relative=re.compile(rf"\b(?:{_alternation(list(relative))})\b", re.IGNORECASE),
        talk=_compile_all(data["talk_cues"]),
        future=_compile_all(data["future_cues"]),
        speech=_compile_all(data["speech_cues"]),
        captions=_compile_all(data["caption_patterns"]),
        boilerplate=_compile_all(data["boilerplate_lines"]),
        kinds=tuple((kind, _compile_all(cues)) for kind, cues in data["kind_cues"].items()),
        speaker_turns=_compile_all(data["speaker_turn_patterns"], flags=0),
        titled_place=re.compile(
            rf"^(?:{_alternation(data['titled_place_prefixes'])})\s+[-–—]\s+"
            r"(?P<place>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2})\s*(?:,|$)",
            re.IGNORECASE,
        ),
        not_places=frozenset(word.lower() for word in data["dateline_not_places"]),
        date_prepositions=frozenset(word.lower() for word in data["date_prepositions"]),
        abbreviations=frozenset(data["abbreviations"]),
    )


@cache
def load_publishers() -> tuple[Publisher, ...]:
    """Publishers from ``data/publishers.yml``."""
    return tuple(
        Publisher(
            name=item["name"],
            aliases=tuple(item.get("aliases") or ()),
            country=item.get("country"),
        )
        for item in lexicon.load_yaml("publishers.yml")["publishers"]
    )


@cache
def _publisher_by_name() -> dict[str, Publisher]:
    table: dict[str, Publisher] = {}
    for publisher in load_publishers():
        for name in (publisher.name, *publisher.aliases):
            table.setdefault(_name_key(name), publisher)
    return table


@cache
def _known_places() -> frozenset[str]:
    """Lower-cased country names, aliases and capitals (a title-case dateline must be one)."""
    places: set[str] = set()
    for country in lexicon.countries():
        places.update(name.lower() for name in (country.name, *country.aliases))
        if country.capital:
            places.add(country.capital.lower())
    return frozenset(places)


def _name_key(name: str) -> str:
    key = re.sub(r"[^\w&.'’ ]+", " ", name.lower()).replace("’", "'")
    key = re.sub(r"^the\s+", "", " ".join(key.split()))
    return key.strip(" .")


def find_publisher_name(written: str) -> Publisher | None:
    """The known publisher a piece of text names exactly (case and a leading "the" ignored)."""
    return _publisher_by_name().get(_name_key(written))


# ---------------------------------------------------------------- dates


@cache
def parse_day_month_year(day: int, month: str, year: int) -> dt.date | None:
    """A calendar date from its parts as written ("Sept.", "OCTOBER"); None if impossible."""
    parsed = dateparser.parse(
        f"{day} {month.rstrip('.')} {year}",
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.date() if parsed else None


@cache
def _parse_numeric(text: str, order: str) -> dt.date | None:
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": order},
    )
    return parsed.date() if parsed else None


@cache
def _month_number(month: str) -> int | None:
    found = parse_day_month_year(1, month, 2000)
    return found.month if found else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, in order, longest first where they overlap."""
    end = len(text) if end is None else end
    window = text[start:end]
    found = [
        mention
        for pattern in _DATE_PATTERNS
        for match in pattern.finditer(window)
        if (mention := _mention(match, start)) is not None
    ]
    found += [_relative_mention(match, start) for match in load_cues().relative.finditer(window)]
    return _without_overlaps(found)


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _mention(match: re.Match[str], offset: int) -> DateMention | None:
    groups = match.groupdict()
    span = (match.start() + offset, match.end() + offset)
    if groups.get("weekday"):
        weekday = _WEEKDAYS.index(groups["weekday"].capitalize())
        return DateMention(*span, match.group(0), weekday=weekday)
    if groups.get("iso") or groups.get("ymd"):
        year, month, day = re.split(r"[-/.]", groups.get("iso") or groups["ymd"])
        value = _safe_date(int(year), int(month), int(day))
        return DateMention(*span, match.group(0), value=value) if value else None
    if groups.get("slash"):
        first = int(groups["slash"].split("/")[0])
        value = _parse_numeric(groups["slash"], "DMY" if first > 12 else "MDY")
        return DateMention(*span, match.group(0), value=value) if value else None
    return _month_mention(match, span)


def _month_mention(match: re.Match[str], span: tuple[int, int]) -> DateMention | None:
    month_word = match.group("month")
    if not month_word[0].isupper():  # "may 5" is a verb and a number, not a date
        return None
    day = int(match.group("day"))
    if match.group("year"):
        value = parse_day_month_year(day, month_word, int(match.group("year")))
        return DateMention(*span, match.group(0), value=value) if value else None
    month = _month_number(month_word)
    if month is None or not 1 <= day <= 31:
        return None
    return DateMention(*span, match.group(0), month=month, day=day)


def _relative_mention(match: re.Match[str], offset: int) -> DateMention:
    days = load_cues().relative_days[match.group(0).lower()]
    return DateMention(match.start() + offset, match.end() + offset, match.group(0), offset=days)


def resolve_date(mention: DateMention, published: dt.date | None) -> dt.date | None:
    """The calendar day a mention names, reading yearless days, weekdays and day words
    against the published date (None when they need it and it is unknown)."""
    if mention.value:
        return mention.value
    if published is None:
        return None
    if mention.offset is not None:
        return published + dt.timedelta(days=mention.offset)
    if mention.weekday is not None:
        return published - dt.timedelta(days=(published.weekday() - mention.weekday) % 7)
    if mention.month and mention.day:
        for year in (published.year, published.year - 1):
            candidate = _safe_date(year, mention.month, mention.day)
            if candidate and candidate <= published:
                return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(mention: DateMention, text: str) -> dt.date | None:
    """A yearless day ("July 8") dated by the full dates elsewhere in the text: the year that
    puts it nearest one of them, if that is within a couple of months; else None."""
    if mention.month is None or mention.day is None:
        return mention.value
    anchors = [m.value for m in find_dates(text) if m.value]
    best: tuple[int, dt.date] | None = None
    for anchor in anchors:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            candidate = _safe_date(year, mention.month, mention.day)
            if candidate is None:
                continue
            distance = abs((candidate - anchor).days)
            if best is None or distance < best[0]:
                best = (distance, candidate)
    if best and best[0] <= _MAX_YEAR_INFERENCE_DAYS:
        return best[1]
    return None


# ---------------------------------------------------------------- lines and sentences


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``, stripped, with their offsets."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group(0)
        stripped = raw.strip()
        if stripped:
            start = match.start() + len(raw) - len(raw.lstrip())
            lines.append(Line(start, start + len(stripped), stripped))
    return lines


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``: a period, ``!`` or ``?`` then a capital, except
    after an abbreviation ("Oct.", "Gen.") or an initial ("U.S.", "Mark T.")."""
    abbreviations = load_cues().abbreviations
    spans = []
    begin = start
    for match in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])", text[start:end]):
        cut = start + match.start()
        word = re.search(r"[\w.]+$", text[begin:cut])
        last = word.group(0) if word else ""
        if last in abbreviations or "." in last or len(last) == 1:
            continue
        spans.append((begin, start + match.end()))
        begin = start + match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def _matches_any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def is_caption(line: Line) -> bool:
    """A photo caption: a paragraph ending with a photo credit, or opening with a photo note."""
    return _matches_any(load_cues().captions, line.text)


def caption_spans(text: str, lines: list[Line] | None = None) -> tuple[tuple[int, int], ...]:
    """Spans of photo captions (a leading "date ..." label is left out of the span)."""
    spans = []
    for line in lines if lines is not None else split_lines(text):
        if is_caption(line):
            label = _label_date(line)
            start = label[1] if label else line.start
            spans.append((start, line.end))
    return tuple(spans)


def _label_date(line: Line) -> tuple[DateMention, int] | None:
    """A labelled date at the start of a line, and where the text after it begins."""
    label = load_cues().date_label.match(line.text)
    if not label:
        return None
    mentions = find_dates(line.text)
    if not mentions or mentions[0].start != label.end():
        return None
    mention = mentions[0]
    if not (mention.value or mention.month):
        return None
    rest = len(line.text) - len(line.text[mention.end :].lstrip())
    return mention, line.start + rest


def _date_line(line: Line) -> tuple[DateMention, str] | None:
    """A line that is mostly a date (plus a time, a weekday, an agency or a place), with the
    words left over (the "tail": "Ministry of Foreign Affairs", "Washington, D.C.")."""
    if len(line.text) > 140 or _dateline_match(line) is not None:
        return None
    mentions = [m for m in find_dates(line.text) if m.value or m.month]
    if not mentions:
        return None
    mention = mentions[0]
    before = line.text[: mention.start].split()
    if before and before[-1].lower() in load_cues().date_prepositions:
        return None  # "On July 7, 2022, ..." opens a sentence, not a date line
    rest = line.text[: mention.start] + " " + line.text[mention.end :]
    sentence_end = re.search(r"[a-z]{2}[.!?][\"”’]?$", line.text)  # not "the U.S."
    if sentence_end and len(rest.split()) >= 3 and not _title_end_date(line):
        return None
    rest = _TIME.sub(" ", rest)
    rest = re.sub(rf"\b{_WEEKDAY}\b", " ", rest)
    tail = " ".join(rest.replace("|", " | ").split()).strip(" ,;|()-–—")
    if tail.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,}$", tail):
        tail = tail[:-1]  # a sentence's period, but not the one of "the U.S."
    if len(re.findall(r"[A-Za-z][\w.'’-]*", tail)) > 6:
        return None
    return mention, tail


def _title_end_date(line: Line) -> DateMention | None:
    """A date closing a title line ("... the White House, Aug. 28, 2024.")."""
    mentions = [m for m in find_dates(line.text) if m.value]
    if mentions and not line.text[mentions[-1].end :].strip(" .,"):
        return mentions[-1]
    return None


# ---------------------------------------------------------------- title and header


def _is_boilerplate(line: Line) -> bool:
    return _matches_any(load_cues().boilerplate, line.text)


def _is_speaker_turn(line: Line) -> bool:
    return _matches_any(load_cues().speaker_turns, line.text)


def _is_headline(line: Line, next_line: Line | None) -> bool:
    text = line.text.lstrip("#").strip()
    if next_line is None or not 2 <= len(text.split()) <= 45 or len(text) > 300:
        return False
    if is_caption(line) or _label_date(line) or _date_line(line) or _is_boilerplate(line):
        return False
    if _is_speaker_turn(line) or _dateline_match(line) is not None:
        return False
    if text[-1] in ".!?" and not _title_end_date(line):
        # a headline with a full stop still capitalises its words; a sentence does not
        words = [word for word in re.findall(r"[A-Za-z][\w'’-]*", text) if len(word) >= 4]
        capitalised = sum(1 for word in words if word[0].isupper())
        return len(words) >= 6 and capitalised >= 0.6 * len(words)
    return True


def find_title_index(lines: list[Line]) -> int | None:
    """Index of the title line: the first line that reads like a headline, after at most a
    few lines of release furniture ("Press release", a date, a publisher)."""
    for index, line in enumerate(lines[:4]):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _is_headline(line, following):
            return index
        furniture = _is_boilerplate(line) or _date_line(line) or _publisher_parts(line.text)
        if not furniture:
            return None
    return None


def find_title(lines: list[Line]) -> str | None:
    """The title line's text (Markdown ``#`` marks dropped), or None."""
    index = find_title_index(lines)
    return None if index is None else lines[index].text.lstrip("#").strip()


def find_body_index(lines: list[Line], *, title: int | None) -> int:
    """Index of the first body line: after the title, date lines, publisher lines, release
    furniture, bylines and short heading-like lines at the top."""
    for index, line in enumerate(lines):
        if (title is not None and index <= title) or _is_header_line(line, index):
            continue
        return index
    return len(lines)  # all header: a very short text


def _is_header_line(line: Line, index: int) -> bool:
    if is_caption(line) or _date_line(line) or _is_boilerplate(line):
        return True
    if _publisher_parts(line.text):
        return True
    if _dateline_match(line) is not None:
        return False
    ends_open = line.text[-1] not in '.!?"”’…' or line.text.endswith(":")
    short = len(line.text) <= 90 and len(line.text.split()) <= 10
    return index < 12 and short and ends_open and not _is_speaker_turn(line)


# ---------------------------------------------------------------- dateline

_PLACE_WORD = r"[A-Z][A-Za-z.'’\-]*"
_PLACE = (
    rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}"
    rf"(?:\s*/\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}})*"
    rf"(?:,\s+(?!{_MONTH}\b){_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})?"
)
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})"
    rf"(?:,?\s+(?P<date>(?:{_WEEKDAY},?\s+)?{_MONTH}\.?\s+\d{{1,2}}{_ORDINAL}(?:,?\s+{_YEAR})?))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?:\s*(?P<sep>--|—|–|-|:)(?=\s))?"
)


def _dateline_match(line: Line) -> re.Match[str] | None:
    match = _DATELINE.match(line.text)
    if not match or not (match.group("sep") or match.group("agency")):
        return None
    if match.group("sep") == ":" and not match.group("date"):
        return None  # "NEW DELHI, March 19: ..." is a dateline, "STAFF: ..." a speaker
    place = match.group("place")
    first_word = place.split()[0].strip(".,").lower()
    if first_word in load_cues().not_places or _is_speaker_turn(line):
        return None
    if not match.group("sep") and (
        line.text[match.end() :].lstrip().startswith(":") or not _is_agency(match.group("agency"))
    ):
        return None
    letters = re.sub(r"[^A-Za-z]", "", place)
    known = _name_key(place.split(",")[0]) in _known_places() or all(
        _name_key(part) in _known_places() for part in place.split("/")
    )
    shouting = letters.isupper() and len(letters) >= 3
    if not (shouting or known or match.group("date") or match.group("agency")):
        return None
    return match


def _is_agency(agency: str | None) -> bool:
    if not agency:
        return False
    return find_publisher_name(agency) is not None or "." in agency


def find_dateline(lines: list[Line], *, first: int, last: int) -> Dateline | None:
    """The dateline opening one of ``lines[first:last]`` (captions skipped)."""
    for line in lines[first:last]:
        if is_caption(line):
            continue
        match = _dateline_match(line)
        if match is None:
            continue
        date = find_dates(match.group("date"))[0] if match.group("date") else None
        end = match.end("sep") if match.group("sep") else match.end()
        return Dateline(
            place=match.group("place").strip(),
            span=(line.start, line.start + end),
            date=date,
            agency=match.group("agency"),
        )
    return None


def _is_place_line(text: str) -> bool:
    """A header line that is a place and nothing else, written as datelines are: in capitals
    ("BEIJING", "PORT AMSEL, Corvenna") or with its country ("Washington, D.C."); a bare
    title-case name ("China") may be a tag line and is not taken."""
    text = text.strip()
    if not re.fullmatch(_PLACE, text) or text.split()[0].lower() in load_cues().not_places:
        return False
    parts = [part.strip() for part in text.split(",")]
    letters = re.sub(r"[^A-Za-z]", "", parts[0])
    shouting = letters.isupper() and len(letters) >= 3
    known = [_name_key(part) in _known_places() for part in parts]
    if len(parts) == 1:
        return shouting and known[0]
    return len(parts) == 2 and (known[0] or (shouting and known[1]))


def _tail_place(tail: str) -> str | None:
    """The date line's tail as a place, when it begins with a known place."""
    if tail and _name_key(tail.split(",")[0]) in _known_places():
        return tail
    return None


# ---------------------------------------------------------------- published and event


def _labelled_dates(lines: list[Line]) -> list[DateMention]:
    """Dates after a label: on its line ("Published: ..."), or on the next line when the
    label stands alone ("Published" / "30 July 2018")."""
    found = []
    label = load_cues().date_label
    for index, line in enumerate(lines):
        if labelled := _label_date(line):
            found.append(labelled[0])
        elif (
            label.fullmatch(line.text)
            and index + 1 < len(lines)
            and (next_line := _date_line(lines[index + 1]))
        ):
            found.append(next_line[0])
    return found


def find_published(
    text: str,
    lines: list[Line],
    *,
    body: int,
    dateline: Dateline | None,
    title: Line | None = None,
) -> dt.date | None:
    """The release's own date (see the module docstring for the order of the rules)."""
    today = dt.date.today()
    for mention in _labelled_dates(lines):
        found = mention.value or infer_year(mention, text)
        if found and found <= today:
            return found
    header = [found[0] for line in lines[:body] if (found := _date_line(line))]
    if title and (ending := _title_end_date(title)):
        header.append(ending)
    dates = [d for m in header if (d := m.value or infer_year(m, text)) and d <= today]
    if dates:
        return min(dates)  # a repost adds a later date; the release's own is the earliest
    if dateline and dateline.date:
        found = dateline.date.value or infer_year(dateline.date, text)
        if found and found <= today:
            return found
    return None


def find_event_date(
    text: str,
    sentences: list[tuple[int, int]],
    *,
    published: dt.date | None,
    skip: tuple[tuple[int, int], ...] = (),
) -> dt.date | None:
    """The day of the talks: the first lead sentence that names them (or, before that, a dated
    statement) gives the date nearest its cue."""
    cues = load_cues()
    for start, end in sentences[:LEAD_SENTENCES]:
        # quoted words are the speakers', not the release's account of the talks
        sentence = _QUOTED.sub(lambda quote: " " * len(quote.group()), text[start:end])
        talk = _first_match(cues.talk, sentence)
        if talk is not None:
            if _matches_any(cues.future, sentence[: talk[0]]):
                return None  # the talks are announced, not reported
            cue = (start + talk[0], start + talk[1])
            return _nearest_date(text, (start, end), cue, published, skip)
        speech = _first_match(cues.speech, sentence)
        if speech is not None and not _matches_any(cues.future, sentence):
            cue = (start + speech[0], start + speech[1])
            if found := _nearest_date(text, (start, end), cue, published, skip):
                return found
    return None


_QUOTED = re.compile(r"[“\"][^”\"\n]*[”\"]")


def _first_match(patterns: tuple[re.Pattern[str], ...], sentence: str) -> tuple[int, int] | None:
    spans = [match.span() for pattern in patterns if (match := pattern.search(sentence))]
    return min(spans) if spans else None


def _nearest_date(
    text: str,
    sentence: tuple[int, int],
    cue: tuple[int, int],
    published: dt.date | None,
    skip: tuple[tuple[int, int], ...],
) -> dt.date | None:
    quoted = [match.span() for match in _QUOTED.finditer(text, *sentence)]
    mentions = [
        m
        for m in find_dates(text, *sentence)
        if not any(s <= m.start < e for s, e in (*skip, *quoted))  # quoted dates are speech
    ]
    if not mentions:
        return None
    nearest = min(mentions, key=lambda m: max(cue[0] - m.end, m.start - cue[1], 0))
    return resolve_date(nearest, published)


# ---------------------------------------------------------------- publisher and kind


_SOURCE_LINE = re.compile(
    r"^(?:source|from)\s*[:：]\s*(?P<name>.+?)?(?:\s+editor\s*[:：].*)?$", re.IGNORECASE
)


def _publisher_parts(text: str) -> list[Publisher]:
    """Known publishers a whole line names (parts split on commas and bars), in order."""
    whole = find_publisher_name(text)
    if whole:
        return [whole]
    parts = [part for part in re.split(r"\s*[,|]\s*", text) if part]
    found = [find_publisher_name(part) for part in parts]
    if parts and all(found):
        return [publisher for publisher in found if publisher]
    return []


def find_publisher(
    lines: list[Line], *, body: int, dateline: Dateline | None, title: Line | None = None
) -> Publisher | None:
    """The publisher the text names: a dateline "(Agency)", a "Source:" line, header lines,
    a date line's tail, a part of the title, or a closing signature line."""
    if dateline and dateline.agency:
        return find_publisher_name(dateline.agency) or Publisher(dateline.agency, (), None)
    for index, line in enumerate(lines):
        source = _SOURCE_LINE.match(line.text)
        if source is None:
            continue
        named = source.group("name") or (lines[index + 1].text if index + 1 < len(lines) else "")
        for name in re.split(r"\s*(?:,|\band\b|\|)\s*", named):
            if found := find_publisher_name(name):
                return found
    header = _header_publishers(lines[:body])
    if header:
        return header
    title_parts = re.split(r"\s*,\s*", title.text) if title else []
    for part in title_parts[1:]:
        if found := find_publisher_name(part):
            return found
    for line in reversed(lines[-3:]):
        if found := find_publisher_name(line.text):
            return found
    return None


def _header_publishers(header: list[Line]) -> Publisher | None:
    """Publisher lines at the top; consecutive ones are one name ("The White House, Office
    of the Press Secretary")."""
    run: list[Publisher] = []
    for line in header:
        date_line = _date_line(line)
        written = date_line[1] if date_line else line.text
        # "Posted On: 19 MAR 2024 9:06AM by PIB Delhi"
        parts = _publisher_parts(written) or _publisher_parts(re.split(r"\bby\s+", written)[-1])
        if parts:
            run.extend(parts)
        elif run:
            break
    if not run:
        return None
    if len(run) == 1:
        return run[0]
    country = next((p.country for p in run if p.country), None)
    return Publisher(", ".join(p.name for p in run), (), country)


def classify_kind(title: str | None, header: list[Line], body_lines: list[Line]) -> str:
    """readout, press release, statement, transcript or other, from the title and header."""
    heading = "\n".join([title or "", *(line.text for line in header)])
    turns = sum(1 for line in body_lines if _is_speaker_turn(line))
    if turns >= 2:
        return "transcript"
    for kind, patterns in load_cues().kinds:
        if _matches_any(patterns, heading):
            return kind
    lead = body_lines[0].text if body_lines else ""
    if _matches_any(load_cues().talk, lead):
        return "readout"
    return "other"


# ---------------------------------------------------------------- entry point


def extract_metadata(raw: RawDocument) -> Metadata:
    """Document-level facts read from the text; what the file format gave (raw.title,
    raw.published, raw.publisher) fills in or, for the title and publisher, wins.

    Args:
        raw: what the reader found in one file.

    Returns:
        The metadata; any value the text does not give is None.
    """
    text = raw.text
    lines = split_lines(text)
    title_at = find_title_index(lines)
    title_line = None if title_at is None else lines[title_at]
    title = raw.title or (title_line.text.lstrip("#").strip() if title_line else None)
    body = find_body_index(lines, title=title_at)
    first = 0 if title_at is None else title_at + 1
    dateline = find_dateline(lines, first=first, last=body + 2)
    found = find_published(text, lines, body=body, dateline=dateline, title=title_line)
    published = found or raw.published
    body_lines = [line for line in lines[body:] if not is_caption(line)]
    kind = classify_kind(title, lines[:body], body_lines)
    event_date = _event_date(text, body_lines, kind, published, dateline)
    # the text names the issuer; a page's site name may only be a republisher
    publisher = find_publisher(lines, body=body, dateline=dateline, title=title_line)
    if publisher is None and raw.publisher:
        publisher = find_publisher_name(raw.publisher) or Publisher(raw.publisher, (), None)
    place, span = _place(lines, body, dateline, title_line)
    return Metadata(
        title=title,
        published=published,
        dateline_place=place,
        dateline_span=span,
        event_date=event_date,
        publisher=publisher.name if publisher else None,
        publisher_country=publisher.country if publisher else None,
        kind=kind,
        body_start=_body_start(lines, body, title_at),
        caption_spans=caption_spans(text, lines),
    )


def _body_start(lines: list[Line], body: int, title_at: int | None) -> int:
    if body < len(lines):
        return lines[body].start
    after_title = 0 if title_at is None else title_at + 1  # no body found: after the title
    return lines[after_title].start if after_title < len(lines) else 0


def _event_date(
    text: str,
    body_lines: list[Line],
    kind: str,
    published: dt.date | None,
    dateline: Dateline | None,
) -> dt.date | None:
    if kind == "transcript":
        return published  # a press conference's day is the day it was given
    skip = (dateline.span,) if dateline else ()
    sentences = [
        span for line in body_lines[:12] for span in split_sentences(text, line.start, line.end)
    ]
    # the dateline's day is the reporter's "today" (a page date may be a day later)
    local = resolve_date(dateline.date, published) if dateline and dateline.date else None
    found = find_event_date(text, sentences, published=local or published, skip=skip)
    if found and published and found > published:
        return None  # talks reported before they happened: a misread date
    return found


def _place(
    lines: list[Line], body: int, dateline: Dateline | None, title: Line | None
) -> tuple[str | None, tuple[int, int] | None]:
    if dateline:
        return dateline.place, dateline.span
    for line in lines[:body]:
        date_line = _date_line(line)
        if date_line and (place := _tail_place(date_line[1])):
            start = line.start + line.text.rfind(place)
            return place, (start, start + len(place))
        if _is_place_line(line.text):
            return line.text.strip(), (line.start, line.start + len(line.text.rstrip()))
    titled = load_cues().titled_place.match(title.text) if title else None
    if title and titled:
        start = title.start + titled.start("place")
        return titled.group("place"), (start, start + len(titled.group("place")))
    return None, None
