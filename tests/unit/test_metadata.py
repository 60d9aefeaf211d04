"""Document metadata read from the text: one table per rule, each with negative cases.

Every text here is invented; the seed release is read from ../shared (skipped without it).
"""

from __future__ import annotations

import datetime as dt

import pytest

from core import lexicon
from core.metadata import (
    DateMention,
    Line,
    extract_metadata,
    find_dates,
    infer_year,
    is_caption,
    load_cues,
    load_publishers,
    resolve_date,
    split_lines,
    split_sentences,
)
from core.schema import RawDocument
from tests.conftest import SEED_RELEASE, require_shared
from tests.fixture_files import SAMPLE_RELEASE

D = dt.date


def meta(text: str, **raw):
    return extract_metadata(RawDocument(filename="t.txt", text=text, **raw))


# ---------------------------------------------------------------- published date

PUBLISHED = [
    # labelled lines
    ("date 2021-05-06 Ministers meet. (Photo by Ana Roe)\n\nBody text here.", D(2021, 5, 6)),
    ("Talks on trade\n\nPublished: March 3, 2021\n\nThe ministers met.", D(2021, 3, 3)),
    ("Talks on trade\n\nPosted On: 19 MAR 2024 9:06AM by PIB Delhi\n\nThey met.", D(2024, 3, 19)),
    ("Minister visits Lisbon\n\nThe minister met X.\n\nPublished\n30 July 2018\n", D(2018, 7, 30)),
    # header date lines
    ("Readout of the Call\n\nOctober 25, 2017\n\nThe President spoke today.", D(2017, 10, 25)),
    ("Chiefs discuss talks\n(Northwind) 10:12, October 22, 2022\nThey met.", D(2022, 10, 22)),
    (
        "Press Conference by the Minister\n\n"
        "Wednesday, January 27, 2021, 8:31 a.m. Ministry of Foreign Affairs\n\nOpening Remarks",
        D(2021, 1, 27),
    ),
    ("Readout\n\nRelease No. NR-001-21 January 08, 2021\n\nThe minister spoke.", D(2021, 1, 8)),
    ("Readout\n\n06/11/2022 | Press release | Archived content\n\nThey met.", D(2022, 6, 11)),
    ("Minister Holds Talks\n2021/10/06\n\nOn October 6, 2021, the minister met X.", D(2021, 10, 6)),
    ("Ministers hold talks\n\n2023.01.31\n\nThe ministers met today.", D(2023, 1, 31)),
    ("Talks in Vienna\n\n4 June 2023\n\nThe two ministers met.", D(2023, 6, 4)),
    ("Talks\n10:27 UTC+8, 2025-02-12\n\nThe two sides talked.", D(2025, 2, 12)),
    # a repost adds a later date: the release's own is the earliest
    ("Readout of the Meeting\nOctober 7, 2021\n\nOCTOBER 06, 2021\n\nThey met.", D(2021, 10, 6)),
    # a title closing with a date
    (
        "Readout of the Adviser's Meeting, the White House, Aug. 28, 2024.\nThey met.",
        D(2024, 8, 28),
    ),
    # datelines: with a year, and with the year taken from the text's other dates
    ("Minister meets envoy\n\nWASHINGTON, March 7, 2017 — The minister met.", D(2017, 3, 7)),
    ("Talks held\n\nVIENNA, July 8 -- The ministers met on July 7, 2022 in Vienna.", D(2022, 7, 8)),
    (
        "Talks held\n\nVIENNA, Jan. 2 -- The ministers, who met on December 30, 2021, said.",
        D(2022, 1, 2),
    ),
    # negative cases: nothing to read, so nothing invented
    ("Talks held\n\nVIENNA, July 8 -- The ministers met on Thursday.", None),
    ("Talks held\n\nVIENNA, July 8 -- They recalled the talks of March 1, 2015.", None),
    ('Ministers met\n\n"On March 3, 2021 we agreed," he said.\n\nThey met on Tuesday.', None),
    ("On July 7, 2022, the ministers met in Vienna.\n\nThey discussed trade.", None),
    ("Ministers met\n\nThe ministers met on Tuesday and agreed on March 3 to continue.", None),
    ("Far future release\n\ndate 2999-01-01\n\nThe ministers met.", None),
    ("Ministers met\n\nThe talks, first held in May 2021, went on.", None),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED)
def test_published_date(text, expected):
    assert meta(text).published == expected


def test_published_date_from_the_file_format_fills_in():
    assert meta("Talks held\n\nThey met.", published=D(2020, 1, 2)).published == D(2020, 1, 2)
    text = "Talks held\n\nMarch 3, 2021\n\nThey met."
    assert meta(text, published=D(2020, 1, 2)).published == D(2021, 3, 3)


# ---------------------------------------------------------------- event date

EVENT = [
    # weekdays: the latest such day on or before the published date
    ("Talks\n\nMarch 4, 2021\n\nThe ministers held talks on Tuesday.", D(2021, 3, 2)),
    ("Talks\n\nMarch 4, 2021\n\nThe ministers held talks on Thursday.", D(2021, 3, 4)),
    ("Talks\n\nMarch 4, 2021\n\nThe ministers met Friday in Vienna.", D(2021, 2, 26)),
    # the dateline's day is the reporter's "today" (the page date may be a day later)
    (
        "Talks\n(Xinhua) 08:33, March 5, 2021\nVIENNA, March 4 (Xinhua) -- X met Y on Thursday.",
        D(2021, 3, 4),
    ),
    # explicit dates, with and without a year
    (
        "Talks\n\nMarch 9, 2021\n\nOn March 4, 2021, the minister met his counterpart.",
        D(2021, 3, 4),
    ),
    (
        "Talks\n\nJanuary 27, 2021\n\nOn January 27th, the minister held a telephone talk.",
        D(2021, 1, 27),
    ),
    (
        "Talks\n\nJanuary 3, 2021\n\nThe minister spoke with X on December 30 by phone.",
        D(2020, 12, 30),
    ),
    (
        "Talks\n\nAug. 28, 2024\n\nThe adviser met on August 27-28 with the minister.",
        D(2024, 8, 27),
    ),
    ("Talks\n\nMay 5, 2021\n\nOn the afternoon of 4 May, the minister met X.", D(2021, 5, 4)),
    # day words
    ("Readout\n\nOctober 25, 2017\n\nThe President spoke today with X.", D(2017, 10, 25)),
    (
        "Readout\n\nAugust 31, 2017\n\nYesterday, the Secretary spoke by telephone with X.",
        D(2017, 8, 30),
    ),
    (
        "Talks\n\nWASHINGTON, March 7, 2017 — X discussed Y in a phone call last night.",
        D(2017, 3, 6),
    ),
    # the date nearest the talks cue, not another event's date
    (
        "Readout\n\nAugust 31, 2017\n\nYesterday, X spoke with Y about the launch on August 28.",
        D(2017, 8, 30),
    ),
    # a meal is a meeting too
    ("Lunch\n\nJanuary 7, 2025\n\nOn January 7th, X held a working lunch with Y.", D(2025, 1, 7)),
    # other ways of naming the talks
    ("Talks\n\nMay 5, 2021\n\nX welcomed Y to the ministry in Vienna today.", D(2021, 5, 5)),
    (
        "Talks\n\nMay 5, 2021\n\nX and Y co-chaired a round of consultations on Monday.",
        D(2021, 5, 3),
    ),
    (
        "Talks\n\nMay 5, 2021\n\nOfficials on Tuesday agreed to act, at the third plenary meeting.",
        D(2021, 5, 4),
    ),
    (
        "Talks\n\nMay 5, 2021\n\nOn May 4, X led a delegation in the first round of consultations.",
        D(2021, 5, 4),
    ),
    # no talks named: the day of the statement
    (
        "Navy update\n\n2025-02-12\n\nShips sailed. This was handled, according to X on Wednesday.",
        D(2025, 2, 12),
    ),
    (
        "Strait\n\nMay 6, 2021\n\n"
        "The navy tracked a ship from Monday to Thursday, a spokesman said on Thursday.",
        D(2021, 5, 6),
    ),
    # a transcript's event is its own day
    (
        "Press Conference by the Minister\n\nTuesday, October 4, 2022\n\n"
        "Q: Hi.\n\nMR. X: I met Y on Monday.\n\nQ: And?",
        D(2022, 10, 4),
    ),
    # negative cases
    # quoted words are speech, not the release's account of the talks
    (
        'Talks\n\nMay 5, 2021\n\n"We met on May 3, 2021," he said. They met on Tuesday.',
        D(2021, 5, 4),
    ),
    ("Talks\n\nVIENNA -- The ministers held talks on Thursday.", None),  # no published date
    ("Talks\n\nThe ministers met today.", None),
    ("Talks\n\nOn August 16, the ministers held a call.", None),  # no year anywhere
    (
        "Talks\n\nMarch 3, 2021\n\n"
        "The ministers will meet on Friday, the ministry announced on Wednesday.",
        None,
    ),
    (
        "Talks\n\nMarch 3, 2021\n\n"
        "The ministers met in Vienna. They recalled the talks of March 1.",
        None,
    ),
    (
        "Talks\n\nJune 27, 2019\n\nThe minister met his counterpart on the margins of the summit.",
        None,
    ),
    # talks cannot be reported before they happen
    ("Talks\n\nJune 27, 2019\n\nThe minister met his counterpart on July 2, 2019.", None),
    ("Talks\n\nX met Y on July 7, 2022. (Photo by Ana Roe)\n\nThe two met on Thursday.", None),
]


@pytest.mark.parametrize(("text", "expected"), EVENT)
def test_event_date(text, expected):
    assert meta(text).event_date == expected


# ---------------------------------------------------------------- dateline

DATELINE = [
    ("Talks\n\nBEIJING, July 8 -- General Wu met X.", "BEIJING", "BEIJING, July 8 --"),
    (
        "Talks\n\nMOSCOW/WASHINGTON, Oct. 21 (Xinhua) -- X and Y spoke.",
        "MOSCOW/WASHINGTON",
        "MOSCOW/WASHINGTON, Oct. 21 (Xinhua) --",
    ),
    ("Talks\n\nWASHINGTON — The Secretary met X.", "WASHINGTON", "WASHINGTON —"),
    ("Talks\n\nBEIJING – Wang met X in Beijing.", "BEIJING", "BEIJING –"),
    ("Talks\n\nWashington, D.C. — The Secretary met X.", "Washington, D.C.", "Washington, D.C. —"),
    ("Talks\n\nNEW DELHI, March 19: The two ministers met.", "NEW DELHI", "NEW DELHI, March 19:"),
    (
        "Talks\n\nUNITED NATIONS, Jan. 5 (Xinhua) -- X spoke.",
        "UNITED NATIONS",
        "UNITED NATIONS, Jan. 5 (Xinhua) --",
    ),
    (
        "Talks\n\nPortvale, ME (Harbor.News) The following is from the ministry:",
        "Portvale, ME",
        "Portvale, ME (Harbor.News)",
    ),
    (
        "WASHINGTON (Reuters) - The two chiefs spoke by phone.\n\nMore.",
        "WASHINGTON",
        "WASHINGTON (Reuters) -",
    ),
    # a place written after a press conference's date and time
    (
        "Press Conference\n\n"
        "Tuesday, January 21, 2025, 6:53 p.m. Washington, D.C., the U.S.\n\nMR. X: Hi.",
        "Washington, D.C., the U.S.",
        "Washington, D.C., the U.S.",
    ),
    # a transcript titled with its place
    (
        "Press Conference - Singapore, Annual Dialogue\n\n"
        "The Hon X\n\n4 June 2023\n\nMINISTER X: Hi.",
        "Singapore",
        "Singapore",
    ),
    # a header line that is only a place, written as a dateline
    (
        "Transcript\nJune 1, 2025\nDepartment of Defence\n\nPORT AMSEL, Japan\n\n"
        "MODERATOR: Good afternoon.\n\nMINISTER X: Thank you.",
        "PORT AMSEL, Japan",
        "PORT AMSEL, Japan",
    ),
    (
        "Transcript\nJune 1, 2025\n\nBEIJING\n\nMODERATOR: Good afternoon.",
        "BEIJING",
        "BEIJING",
    ),
    # negative cases: capitalised openings that are not datelines
    # a title-case country alone on a header line is a tag, not a dateline
    ("Transcript\nJune 1, 2025\n\nJapan\n\nMODERATOR: Good afternoon.", None, None),
    ("Transcript\nJune 1, 2025\n\nHIGHLIGHTS\n\nMODERATOR: Good afternoon.", None, None),
    ("Talks\n\nGeneral Wu Hai, member of the commission, met X on Monday.", None, None),
    (
        "Briefing\n\nSTAFF (THROUGH TRANSLATOR): We will now begin.\n\nMINISTER LEE: Thank you.",
        None,
        None,
    ),
    ("Briefing\n\nDEPUTY PRIME MINISTER, ANA ROE: This has been a good week.", None, None),
    ("Briefing\n\nQ -- What about the talks?\n\nMR. X: They went well.", None, None),
    ("Opening Remarks\n\nThe minister opened the meeting.", None, None),
    ("Talks\n\nSecretary Austin - the minister said - met X.", None, None),
    ("Talks\n\nNorthwind Ridge — a village — hosted the talks.", None, None),
    (
        "Press Conference - Parliament House\n\nOn the talks, he said more.",
        "Parliament House",
        "Parliament House",
    ),
]


@pytest.mark.parametrize(("text", "place", "span_text"), DATELINE)
def test_dateline(text, place, span_text):
    found = meta(text)
    assert found.dateline_place == place
    if span_text is None:
        assert found.dateline_span is None
    else:
        start, end = found.dateline_span
        assert text[start:end] == span_text


# ---------------------------------------------------------------- captions


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Minister X meets Y in Vienna on July 7, 2022. (Photo by Ana Roe)", True),
        ("Minister X speaks on the phone. (mod.example/Photo by Ana Roe)", True),
        ("President X meets Y in the capital, Oct. 2, 2022. (Xinhua/Li Bo)", True),
        ("The President meets the Prime Minister. (AP Photo/Sam Lee)", True),
        ("The ministers shake hands. [Photo/Xinhua]", True),
        ("Delegates pose for a group photo. (Photo: Northwind)", True),
        ("Photo taken on July 7, 2022 shows the two delegations.", True),
        ("The ministers met (in person) and spoke about photos.", False),
        ("The photo exhibition opened on Tuesday.", False),
        ("He said the talks were useful (Xinhua reported).", False),
    ],
)
def test_caption(line, caption):
    assert is_caption(Line(0, len(line), line)) is caption


def test_caption_span_leaves_out_a_leading_date_label():
    text = "date 2022-07-08 X meets Y. (Photo by Ana Roe)\n\nVIENNA, July 8 -- X met Y."
    [(start, end)] = meta(text).caption_spans
    assert text[start:end] == "X meets Y. (Photo by Ana Roe)"


def test_captions_anywhere_in_the_text_are_found():
    text = "Talks\n\nThe ministers met.\n\nX greets Y. (Xinhua/Li Bo)\n\nThey agreed."
    [(start, end)] = meta(text).caption_spans
    assert text[start:end] == "X greets Y. (Xinhua/Li Bo)"


# ---------------------------------------------------------------- title and body


@pytest.mark.parametrize(
    ("text", "title", "body_starts"),
    [
        (
            "Ministers Hold Talks\n\nMarch 4, 2021\n\nThe ministers met.",
            "Ministers Hold Talks",
            "The ministers",
        ),
        (
            "Press release\n\nMinister visits Lisbon\n\nThe minister met X.",
            "Minister visits Lisbon",
            "The minister",
        ),
        (
            "Press release: Minister visits Lisbon\nThe minister met X.",
            "Press release: Minister visits Lisbon",
            "The minister",
        ),
        (
            "# Markdown Heading of the Talks\n\nThe ministers met.",
            "Markdown Heading of the Talks",
            "The ministers",
        ),
        (
            "Readout of the Adviser's Meeting With Minister Wu of Norland, Aug. 28, 2024.\nX met.",
            "Readout of the Adviser's Meeting With Minister Wu of Norland, Aug. 28, 2024.",
            "X met.",
        ),
        (
            "Readout of the Call\n\nThe White House\nOffice of the Press Secretary\n"
            "For Immediate Release\n\n"
            "The President met today with X.",
            "Readout of the Call",
            "The President",
        ),
        (
            "Readout\n\nThe Call with X\n\n"
            "Spokesperson Ann Lee provided the following readout:\n\nX spoke with Y.",
            "The Call with X",
            "X spoke",
        ),
        (
            "Defence Talks\n\nThe Hon Ana Roe MP\n\nMinister for Defence\n\n"
            "4 June 2023\n\nMS ROE: Hello.",
            "Defence Talks",
            "MS ROE",
        ),
        ("Talks\n\nThe ministers met.", None, "The ministers"),  # one word: a label, not a title
        # negative cases
        ("X meets Y in Vienna. (Photo by Ana Roe)\n\nVIENNA, July 8 -- X met Y.", None, "VIENNA"),
        ("By Ana Roe\n\nVIENNA, Mar. 4 -- X held a phone talk with Y.", None, "VIENNA"),
        (
            "The ministry paid close attention to the ships passing through, "
            "and said so on Monday.\nMore.",
            None,
            "The ministry",
        ),
        ("On July 7, 2022, X met Y in Vienna.\n\nThey discussed things.", None, "On July"),
        ("VIENNA, July 8 -- X met Y.", None, "VIENNA"),
        ("Only one line of text without a break", None, "Only"),
    ],
)
def test_title_and_body_start(text, title, body_starts):
    found = meta(text)
    assert found.title == title
    assert text[found.body_start :].startswith(body_starts)


def test_title_from_the_file_format_wins():
    assert meta("Text Headline\n\nBody.", title="Page Title").title == "Page Title"


# ---------------------------------------------------------------- publisher


@pytest.mark.parametrize(
    ("text", "publisher", "country"),
    [
        ("Talks\n\nVIENNA, Oct. 21 (Xinhua) -- X met Y.", "Xinhua", "China"),
        ("Talks\n\nVIENNA, Oct. 21 (Northwind Wire) -- X met Y.", "Northwind Wire", None),
        ("Talks\n\nX met Y.\nSource: Xinhua Editor: Li Bo", "Xinhua", "China"),
        (
            "Talks\nSource: Xinhua| 2022-10-22 10:12:30|Editor: huaxia\n\nX met Y.",
            "Xinhua",
            "China",
        ),
        (
            "Talks\n\nThe White House\nOffice of the Press Secretary\n\nThe President met X.",
            "The White House, Office of the Press Secretary",
            "United States",
        ),
        (
            "Talks\n\nDoD News, Defense Media Activity\n\nX met Y.",
            "DoD News, Defense Media Activity",
            "United States",
        ),
        (
            "Talks\n\nU.S. Department of Defense\nPress Operations\n\nX met Y.",
            "U.S. Department of Defense",
            "United States",
        ),
        (
            "Talks\n\nTuesday, October 4, 2022, 11:39 a.m. Ministry of Foreign Affairs\n\nX: Hi.",
            "Ministry of Foreign Affairs",
            None,
        ),
        (
            "Talks\n\nMarch 7, 2017\nMinistry of Defense of Japan\n\nX met Y.",
            "Ministry of Defense of Japan",
            "Japan",
        ),
        (
            "Readout of the Meeting, the White House, Aug. 28, 2024.\nX met Y.",
            "The White House",
            "United States",
        ),
        (
            "Readout\n\nX met Y in Malta.\n\nWhite House\nWashington, DC",
            "The White House",
            "United States",
        ),
        (
            "Talks\n\nPosted On: 19 MAR 2024 9:06AM by PIB Delhi\n\nX met Y.",
            "Press Information Bureau",
            "India",
        ),
        (
            "Minister visits Lisbon\n\nX met Y.\n\nFrom:\nForeign & Commonwealth Office and X",
            "Foreign & Commonwealth Office",
            "United Kingdom",
        ),
        # negative cases: a ministry or agency named in the body is not the publisher
        ("Talks\n\nThe talks went well, the Chinese Foreign Ministry said on Monday.", None, None),
        (
            "Talks\n\nThe following is attributable to Spokesperson Ann Lee:\n\nX spoke with Y.",
            None,
            None,
        ),
        ("Talks\n\nX met Y. (mod.example/Photo by Ana Roe)\n\nVIENNA -- X met Y.", None, None),
    ],
)
def test_publisher(text, publisher, country):
    found = meta(text)
    assert (found.publisher, found.publisher_country) == (publisher, country)


@pytest.mark.parametrize(
    ("text", "site", "publisher", "country"),
    [
        # the text names the issuer; the page's site may only be republishing it
        ("Talks\n\nVIENNA (Xinhua) -- X met Y.", "Northwind Times", "Xinhua", "China"),
        ("Talks\n\nX met Y.", "Global Times", "Global Times", "China"),
        ("Talks\n\nX met Y.", "Northwind Times", "Northwind Times", None),
    ],
)
def test_publisher_from_the_file_format_fills_in(text, site, publisher, country):
    found = meta(text, publisher=site)
    assert (found.publisher, found.publisher_country) == (publisher, country)


def test_publisher_countries_are_known_countries():
    known = {c.name for c in lexicon.countries()} | {o.name for o in lexicon.organizations()}
    for publisher in load_publishers():
        assert publisher.country is None or publisher.country in known, publisher


# ---------------------------------------------------------------- kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Readout of the Secretary's Call with X\n\nX spoke with Y.", "readout"),
        ("Minister Wu Holds Talks with Minister Roe\n\nThey met.", "readout"),
        ("Talks\n\nThe two ministers held talks in Vienna on Monday.", "readout"),
        ("Press Conference by the Minister\n\nMR. X: Hello.", "transcript"),
        ("Talks\n\nQ: What happened?\n\nMR. X: We met.\n\nQ: And?", "transcript"),
        ("Remarks by the President Before the Meeting\n\nThank you all.", "transcript"),
        (
            "Press release: Minister visits Lisbon\n\nThe minister will travel to Lisbon.",
            "press release",
        ),
        ("Statement by the Spokesperson on the Launch\n\nWe condemn the launch.", "statement"),
        ("Annual Report on Fisheries\n\nCatches rose by a tenth.", "other"),
    ],
)
def test_kind(text, kind):
    assert meta(text).kind == kind


# ---------------------------------------------------------------- date helpers


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("on July 7, 2022", [("July 7, 2022", D(2022, 7, 7))]),
        (
            "Wednesday, January 27, 2021, 8:31 a.m.",
            [("Wednesday, January 27, 2021", D(2021, 1, 27))],
        ),
        ("Release No. NR-007-18 January 08, 2018", [("January 08, 2018", D(2018, 1, 8))]),
        ("OCTOBER 06, 2021", [("OCTOBER 06, 2021", D(2021, 10, 6))]),
        ("on 4 June 2023 and Sept. 10", [("4 June 2023", D(2023, 6, 4)), ("Sept. 10", None)]),
        ("2018-01-17", [("2018-01-17", D(2018, 1, 17))]),
        ("we may 5 times say", []),
        ("February 30, 2021", []),
        ("at 10:30 on the day", []),
        ("in May 2021", []),
    ],
)
def test_find_dates(text, found):
    assert [(m.text, m.value) for m in find_dates(text)] == found


@pytest.mark.parametrize(
    ("mention", "published", "expected"),
    [
        (DateMention(0, 1, "Thursday", weekday=3), D(2022, 7, 8), D(2022, 7, 7)),
        (DateMention(0, 1, "Friday", weekday=4), D(2022, 7, 8), D(2022, 7, 8)),
        (DateMention(0, 1, "Saturday", weekday=5), D(2022, 7, 8), D(2022, 7, 2)),
        (DateMention(0, 1, "Thursday", weekday=3), None, None),
        (DateMention(0, 1, "yesterday", offset=-1), D(2022, 3, 1), D(2022, 2, 28)),
        (DateMention(0, 1, "today", offset=0), None, None),
        (DateMention(0, 1, "Dec. 30", month=12, day=30), D(2022, 1, 2), D(2021, 12, 30)),
        (DateMention(0, 1, "Feb. 29", month=2, day=29), D(2022, 3, 1), None),
        (DateMention(0, 1, "July 7, 2022", value=D(2022, 7, 7)), None, D(2022, 7, 7)),
    ],
)
def test_resolve_date(mention, published, expected):
    assert resolve_date(mention, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on July 7, 2022.", D(2022, 7, 8)),
        ("Talks on June 30, 2022 were held.", D(2022, 7, 8)),
        ("They recalled the talks of December 20, 2021.", None),  # 200 days away: too far
        ("No full date at all.", None),
    ],
)
def test_infer_year(text, expected):
    assert infer_year(DateMention(0, 6, "July 8", month=7, day=8), text) == expected


def test_sentences_do_not_split_after_abbreviations_or_initials():
    text = "Gen. Wu met U.S. Secretary Mark T. Roe on Oct. 21 in Vienna. They talked. Then left."
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b].strip() for a, b in spans] == [
        "Gen. Wu met U.S. Secretary Mark T. Roe on Oct. 21 in Vienna.",
        "They talked.",
        "Then left.",
    ]


def test_split_lines_keeps_offsets():
    text = "  Title  \n\n\tBody line.\n"
    assert [(text[line.start : line.end], line.text) for line in split_lines(text)] == [
        ("Title", "Title"),
        ("Body line.", "Body line."),
    ]


def test_cue_data_loads_as_strings():
    cues = load_cues()
    assert "on" in cues.date_prepositions
    assert "No" in cues.abbreviations
    assert cues.relative_days["yesterday"] == -1


def test_fixture_sample_release():
    found = meta(SAMPLE_RELEASE)
    assert (found.title, found.published, found.event_date) == (
        "Defence Ministers of Norland and Austria Hold Talks on Maritime Safety",
        D(2021, 3, 4),
        D(2021, 3, 2),
    )
    assert (found.dateline_place, found.publisher, found.kind) == (
        "VIENNA",
        "Northwind News",
        "readout",
    )


def test_empty_text_gives_empty_metadata():
    found = meta("")
    assert (found.title, found.published, found.event_date, found.dateline_place) == (
        None,
        None,
        None,
        None,
    )


# ---------------------------------------------------------------- the seed release


@pytest.mark.shared
def test_seed_release():
    from core.ingest import read_upload

    path = require_shared(SEED_RELEASE)
    [raw] = read_upload(path.name, path.read_bytes())
    found = extract_metadata(raw)
    assert found.published == D(2022, 7, 8)
    assert found.dateline_place == "BEIJING"
    assert found.event_date == D(2022, 7, 7)
    first_line = raw.text.split("\n", 1)[0]
    [(start, end)] = found.caption_spans
    assert end == len(first_line)  # the caption runs to the end of the opening line
    assert raw.text[:start].split() == ["date", "2022-07-08"]  # after the date label
    assert "photo" in raw.text[start:end].lower()
    assert raw.text[found.body_start :].startswith("BEIJING")
