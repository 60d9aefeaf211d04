"""Speaker mentions and their resolution: invented names and sentences, table-driven."""

from __future__ import annotations

import time

import pytest

from core.actors import (
    Resolver,
    Speaker,
    _scan_tokens,
    _split_coordination,
    canonical_person_name,
    genders_from_pronouns,
    has_office_title,
    home_side,
    index_people,
    organization_in,
    parse_mention,
    title_key,
    tokenize,
)


def mention_of(words: str):
    return parse_mention(words, tokenize(words))


@pytest.mark.parametrize(
    ("words", "kind", "name", "title", "side"),
    [
        ("General Zhou", "person", "Zhou", "General", None),
        ("Chinese President Lin Wei", "person", "Lin Wei", "President", "China"),
        (
            "Pentagon spokesman Navy Capt. Tom Hale",
            "person",
            "Tom Hale",
            "Pentagon spokesman Navy Capt.",
            None,
        ),
        ("Mr. SATO Kenji", "person", "SATO Kenji", "", None),
        ("DEFENSE MINISTER PARK MIN-HO", "person", "PARK MIN-HO", "DEFENSE MINISTER", None),
        (
            "Ana Ruiz, a spokesperson for the ministry",
            "person",
            "Ana Ruiz",
            "spokesperson for the ministry",
            None,
        ),
        (
            "Secretary of State for Foreign and Commonwealth Affairs Tom Hale",
            "person",
            "Tom Hale",
            "Secretary of State for Foreign and Commonwealth Affairs",
            None,
        ),
        ("He", "pronoun", "he", "", None),
        ("they", "pronoun", "they", "", None),
        ("the Secretary", "title", "", "Secretary", None),
        ("The US Secretary of Defence", "title", "", "Secretary of Defence", "United States"),
        ("The two sides", "collective", "", "", None),
        ("Both heads of state", "collective", "", "", None),
        ("the two defense ministers", "collective", "", "", None),
        ("the Chinese side", "side", "", "", "China"),
        ("The United States", "side", "", "", "United States"),
        ("Beijing", "side", "", "", "China"),
        (
            "the Russian Defense Ministry",
            "organization",
            "Russian Ministry of Defense",
            "",
            "Russia",
        ),
        ("the Pentagon", "organization", "U.S. Department of Defense", "", "United States"),
        ("the ministry", "org_anaphor", "the ministry", "", None),
    ],
)
def test_parse_mention(words, kind, name, title, side):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title, mention.side) == (kind, name, title, side)


@pytest.mark.parametrize(
    ("words", "parts"),
    [
        ("Zhou and Hale", ["Zhou", "Hale"]),
        ("Secretary Hale and Minister Ruiz", ["Secretary Hale", "Minister Ruiz"]),
        ("the Secretary and the Foreign Minister", ["the Secretary", "the Foreign Minister"]),
        (
            "Secretary Hale, Minister Ruiz, and Minister Sato",
            ["Secretary Hale", "Minister Ruiz", "Minister Sato"],
        ),
        ("Secretary Hale and I", ["Secretary Hale", "I"]),
    ],
)
def test_coordinated_mentions_are_collective(words, parts):
    mention = mention_of(words)
    assert mention.kind == "collective"
    assert [part.text for part in mention.parts] == parts


@pytest.mark.parametrize(
    "words",
    ["In response", "the new era", "During the call", "Host Nations", "the maritime issue"],
)
def test_not_mentions(words):
    mention = mention_of(words)
    assert mention is None or mention.kind not in ("collective", "side", "pronoun", "title")


@pytest.mark.parametrize(
    "words",
    [
        "the Biden-Yoon Summit",
        "the G20 Summit",
        "the Shangri-La Dialogue",
        "the Norland-Kestria Strategic Dialogue",
        "the 2+2 Meeting",
        "the Pacific Shield Exercise",
    ],
)
def test_an_event_is_no_speaker(words):
    """ "the Biden-Yoon Summit underscored the bonds" reports no one, whatever the NER says."""
    assert mention_of(words) is None


@pytest.mark.parametrize(
    ("written", "text", "canonical"),
    [
        ("Tom J. Hale III", "", "Tom Hale"),
        ("Tom R. Hale, Jr.", "", "Tom Hale"),
        ("SATO Kenji", "", "Kenji Sato"),
        ("PARK MIN-HO", "", "Park Min-ho"),
        ("ANA RUIZ", "Minister Ana Ruiz arrived.", "Ana Ruiz"),
        ("Zhou Ming", "", "Zhou Ming"),
        ("James N. Mattis", "", "Jim Mattis"),  # data/people.yml unifies spellings
        ("MOTEGI Toshimitsu", "", "Toshimitsu Motegi"),
    ],
)
def test_canonical_person_name(written, text, canonical):
    assert canonical_person_name(written, text=text) == canonical


def test_index_people_reads_title_side_and_role():
    text = (
        "General Zhou Ming, chief of the Joint Staff, spoke with U.S. Secretary of Defense "
        "Tom Hale and Foreign Minister Ana Ruiz of Spain."
    )
    people = {p.name: p for p in index_people(text)}
    assert people["Zhou Ming"].title == "General"
    assert people["Zhou Ming"].role == "chief of the Joint Staff"
    assert (people["Tom Hale"].title, people["Tom Hale"].side) == (
        "Secretary of Defense",
        "United States",
    )
    assert people["Ana Ruiz"].side == "Spain"


RELEASE = (
    "General Zhou Ming spoke with Secretary of State Tom Hale and Foreign Minister Ana Ruiz. "
    "Photo by Zhou Lan."
)


def resolve(words: str, *, after: str = "", speakers=()) -> Speaker:
    text = RELEASE + " " + after + words
    resolver = Resolver.for_text(text)
    for position, speaker, title in speakers:
        resolver.note_speaker(position, speaker, title)
    start = len(RELEASE) + 1 + len(after)
    return resolver.resolve(parse_mention(text, tokenize(text, start, start + len(words))))


@pytest.mark.parametrize(
    ("words", "name", "kind"),
    [
        ("General Zhou", "Zhou Ming", "person"),  # family name first
        ("Hale", "Tom Hale", "person"),  # family name last
        ("Secretary Hale", "Tom Hale", "person"),
        ("the Secretary", "Tom Hale", "person"),
        ("the Foreign Minister", "Ana Ruiz", "person"),
        ("Minister Ruiz", "Ana Ruiz", "person"),
        ("The two sides", "both sides", "collective"),
        ("Zhou and Hale", "both sides", "collective"),
        ("They", "both sides", "collective"),
        ("the Chinese side", "China", "side"),
        ("Washington", "United States", "side"),
        ("the Pentagon", "U.S. Department of Defense", "organization"),
        ("Defense Minister Hamada", "Yasukazu Hamada", "person"),  # only in data/people.yml
    ],
)
def test_resolve(words, name, kind):
    speaker = resolve(words)
    assert (speaker.name, speaker.kind) == (name, kind)


def test_pronoun_is_the_last_speaker_noted():
    ruiz = Speaker("Ana Ruiz", "person")
    assert resolve("He", speakers=[(0, Speaker("Tom Hale", "person"), ""), (5, ruiz, "")]) == ruiz


def test_pronoun_without_speakers_is_the_last_person_named_outside_captions():
    text = RELEASE + " He"
    caption = (RELEASE.index("Photo"), len(RELEASE))
    resolver = Resolver.for_text(text, captions=(caption,))
    mention = parse_mention(text, tokenize(text, len(RELEASE) + 1))
    assert resolver.resolve(mention).name == "Ana Ruiz"


def test_first_person_in_a_turn_is_the_turn_speaker():
    turn = Speaker("Ana Ruiz", "person")
    text = RELEASE + " I"
    mention = parse_mention(text, tokenize(text, len(text) - 1))
    assert Resolver.for_text(text).resolve(mention, turn_speaker=turn) == turn


def test_title_prefers_the_last_speaker_with_that_title():
    hale = Speaker("Tom Hale", "person")
    speakers = [(0, hale, "Secretary of State")]
    assert resolve("The Secretary", speakers=speakers) == hale


def test_ministry_anaphor_is_the_last_speaking_body():
    text = RELEASE + " The ministry"
    resolver = Resolver.for_text(text)
    body = Speaker("Defense Ministry", "organization")
    resolver.note_speaker(10, body)
    mention = parse_mention(text, tokenize(text, len(RELEASE) + 1))
    assert resolver.resolve(mention) == body


def test_short_name_prefers_a_name_outside_captions():
    text = RELEASE + " General Zhou"
    caption = (RELEASE.index("Photo"), len(RELEASE))
    resolver = Resolver.for_text(text, captions=(caption,))
    mention = parse_mention(text, tokenize(text, len(RELEASE) + 1))
    assert resolver.resolve(mention).name == "Zhou Ming"


def test_common_family_name_alone_is_not_guessed_from_the_people_list():
    assert resolve("Minister Kim").name == "Kim"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Minister for Foreign Affairs", "Foreign Minister"),
        ("Secretary of Defence", "Defense Secretary"),
        ("State Counsellor", "State Councilor"),
        ("Pentagon spokesman", "Pentagon Spokesperson"),
    ],
)
def test_title_key_equivalences(a, b):
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize(
    ("words", "organization"),
    [
        ("Pentagon spokesman Navy Capt.", "U.S. Department of Defense"),
        ("chief of the Joint Staff Department", "Joint Staff Department"),
        ("member of China’s Central Military Commission", "Central Military Commission"),
        ("Foreign Minister", None),
    ],
)
def test_organization_in_title_or_role(words, organization):
    assert organization_in(words) == organization


# ---------------------------------------------------------------- hostile lengths

LONG_LINES = [
    " ".join(["Li Wang"] * 10_000),  # a name run
    " and ".join(["Minister Li"] * 6_667),  # a list of speakers
    ", ".join(["General Zhou"] * 10_000),
    " and ".join(["Minister of Science and Technology Li"] * 2_858),  # compound titles
    " ".join(["( Li"] * 10_000),  # unclosed parentheses (was a RecursionError)
    " ".join(["Florida"] * 20_000) + " Gov. Li",  # qualifiers before a title
]


@pytest.mark.parametrize("line", LONG_LINES, ids=range(len(LONG_LINES)))
def test_a_20000_word_mention_like_line_parses_quickly(line):
    tokens = tokenize(line)
    assert len(tokens) >= 20_000
    started = time.perf_counter()
    mention = parse_mention(line, tokens)
    for cut in (20, 200, 2_000):  # callers also try the line's ends
        parse_mention(line, tokens[-cut:])
    assert time.perf_counter() - started < 0.5
    assert mention is None  # no speaker is 20,000 words long


def test_people_of_a_20000_word_line_are_indexed_in_linear_time():
    started = time.perf_counter()
    for line in LONG_LINES[:4]:
        Resolver.for_text(line)
    assert time.perf_counter() - started < 12  # ~1 s a line on a busy 2-core machine


def test_a_long_list_still_parses_within_the_mention_bound():
    words = ", ".join(f"Minister {name}" for name in ["Hale", "Ruiz", "Sato", "Lin", "Park"])
    mention = mention_of(words + ", and Minister Cole")
    assert mention.kind == "collective"
    assert len(mention.parts) == 6


# ---------------------------------------------------------------- how other releases name people


def resolve_in(text: str, words: str, *, speakers=(), inner=()) -> Speaker:
    """Resolve the last occurrence of ``words`` in ``text``, after noting ``speakers``."""
    resolver = Resolver.for_text(text)
    for position, speaker, title in speakers:
        resolver.note_speaker(position, speaker, title)
    for position, speaker, scope in inner:
        resolver.note_inner_speaker(position, speaker, scope)
    start = text.rindex(words)
    return resolver.resolve(parse_mention(text, tokenize(text, start, start + len(words))))


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # a titled short form stands for the full name it shortens, for later title anaphors
        (
            "Secretary of Defence Tom Hale met Ana Ruiz. Secretary Hale spoke. The Secretary said",
            "The Secretary",
            "Tom Hale",
        ),
        (
            "Admiral Ana Ruiz met Tom Hale. Admiral Ruiz spoke first. The Admiral said",
            "The Admiral",
            "Ana Ruiz",
        ),
        # a place name is no person for a pronoun to fall back on
        ("Minister Tom Hale spoke near the Orrin Islands. He said", "He", "Tom Hale"),
        ("Minister Tom Hale flew to Sable City. He said", "He", "Tom Hale"),
    ],
)
def test_short_forms_and_places(text, words, name):
    assert resolve_in(text, words).name == name


def test_a_title_with_a_nationality_skips_the_other_side_who_spoke_last():
    text = (
        "General Zhou Ming, commander of the Chinese Eastern Command, called Admiral Tom Hale, "
        "commander of the U.S. Pacific Fleet. The American commander said"
    )
    zhou = Speaker("Zhou Ming", "person", side="China", role="commander of the Chinese ...")
    spoke = [(0, zhou, "General")]
    assert resolve_in(text, "The American commander", speakers=spoke).name == "Tom Hale"
    assert resolve_in(text, "The American commander").name == "Tom Hale"


def test_a_role_names_its_side_by_its_opening_words():
    people = index_people("Admiral Ana Ruiz, commander of Spanish Southern Fleet Command, spoke.")
    assert people[0].side == "Spain"


def test_he_inside_a_statement_can_be_a_speaker_reported_in_it():
    text = "Ms. Ana Ruiz: I met Tom Hale. Secretary Hale voiced support, and he stated"
    hale = Speaker("Tom Hale", "person")
    scope = (text.index("I met"), len(text))
    inner = [(text.index("Secretary Hale"), hale, scope)]
    ruiz = [(0, Speaker("Ana Ruiz", "person"), "")]
    assert resolve_in(text, "he", speakers=ruiz, inner=inner) == hale
    # a speaker reported inside another's words is not seen from outside them
    outside = "Mr. Tom Hale: I met Lin Bo. Lin voiced support.\n\nLater he stated"
    lin = Speaker("Lin Bo", "person")
    scope = (outside.index("I met"), outside.index("\n"))
    spoke = [(0, Speaker("Tom Hale", "person"), "")]
    seen = [(outside.index("Lin voiced"), lin, scope)]
    assert resolve_in(outside, "he", speakers=spoke, inner=seen).name == "Tom Hale"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the heading says whose remarks these are; the speaker is introduced by rank alone
        (
            "Defence Ministry spokesperson's remarks\n\n"
            "Colonel Dorin Vask: No.\n\nThe spokesperson said",
            "Dorin Vask",
        ),
        ("Spokesman's briefing\n\nColonel Dorin Vask: No.\n\nThe spokesman said", "Dorin Vask"),
        # no spokesperson anywhere before: not guessed
        ("Defence Ministry remarks\n\nColonel Dorin Vask: No.\n\nThe spokesperson said", None),
    ],
)
def test_the_spokesperson_is_the_release_s_own_speaker(text, name):
    wu = Speaker("Dorin Vask", "person", title="Colonel")
    spoke = [(text.index("Colonel"), wu, "Colonel")]
    words = "The spokesperson" if "spokesperson said" in text else "The spokesman"
    assert resolve_in(text, words, speakers=spoke).name == name


@pytest.mark.parametrize(
    ("words", "kind", "name", "side"),
    [
        ("Both commanders", "collective", "", None),
        ("my colleagues", "collective", "", None),
        ("both of us", "collective", "", None),
        ("the Spanish government", "side", "", "Spain"),
        # a nationality distributes over the bodies after it that name none
        (
            "the Spanish Ministry of Finance and the Ministry of Defence",
            "side",
            "",
            "Spain",
        ),
        ("the Spanish side and the Japanese side", "collective", "", None),
        ("the Ministry of Maritime Affairs", "organization", "Ministry of Maritime Affairs", None),
        (
            "a statement issued by the Ministry of Maritime Affairs",
            "organization",
            "Ministry of Maritime Affairs",
            None,
        ),
        ("Sable Daily", "organization", "Sable Daily", None),  # a question's outlet label
        ("Sable Broadcasting", "organization", "Sable Broadcasting", None),
    ],
)
def test_groups_governments_and_bodies(words, kind, name, side):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.side) == (kind, name, side)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Talks held\n\nMADRID, May 2 -- The minister met ...", "Spain"),
        ("Talks held\n\nTOKYO (Kyodo) -- The minister met ...", "Japan"),
        ("Readout\nOffice of the Spokesperson\n\nThe Secretary met ...", "United States"),
        # a paragraph that merely names a body is no publisher line
        ("Readout\n\nHe told the " + "Department of State, " * 10 + "and left.", None),
        ("Talks held\n\nThe minister met ...", None),
    ],
)
def test_home_side_from_publisher_or_dateline(text, home):
    assert home_side(text) == home


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # written with its country elsewhere in the release
        (
            "Admiral Ana Ruiz, commander of the Southern Fleet Command of the Spanish Navy, "
            "spoke. According to the Southern Fleet Command, it went well.",
            "the Southern Fleet Command",
            "Spanish Southern Fleet Command",
        ),
        # else the release's own country (its dateline)
        (
            "Talks\n\nMADRID, May 2 -- The talks went well, according to a statement issued "
            "by the Ministry of Maritime Affairs",
            "a statement issued by the Ministry of Maritime Affairs",
            "Spanish Ministry of Maritime Affairs",
        ),
        # named with its country: as written
        (
            "MADRID, May 2 -- The Japanese Southern Fleet Command",
            "The Japanese Southern Fleet Command",
            "Japanese Southern Fleet Command",
        ),
        # a news outlet or an unknown home: as written
        ("The talks went well. The Sable Herald", "The Sable Herald", "Sable Herald"),
        (
            "The Ministry of Maritime Affairs",
            "The Ministry of Maritime Affairs",
            "Ministry of Maritime Affairs",
        ),
    ],
)
def test_a_state_body_is_named_with_its_country(text, words, name):
    assert resolve_in(text, words).name == name


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # a hyphenated title is no name word
        ("Vice-Minister Lin Bo arrived. Vice-Minister Lin", "Vice-Minister Lin", "Lin Bo"),
        # a country's possessive names the body as its demonym does
        (
            "Spain's Ministry of Maritime Affairs",
            "Spain's Ministry of Maritime Affairs",
            "Spanish Ministry of Maritime Affairs",
        ),
        # "the ministry" before any body spoke: the ministry whose release this is
        (
            "Ministry of Maritime Affairs, Kingdom of Spain\n\nTalks\n\nAccording to the ministry",
            "the ministry",
            "Spanish Ministry of Maritime Affairs",
        ),
        ("Talks\n\nAccording to the ministry", "the ministry", None),
    ],
)
def test_titles_owners_and_issuing_bodies(text, words, name):
    assert resolve_in(text, words).name == name


def test_a_capitalised_body_anaphor_is_the_last_body_that_spoke():
    text = "The Spanish Bureau of Fisheries announced rules. According to the Bureau"
    resolver = Resolver.for_text(text)
    bureau = Speaker("Spanish Bureau of Fisheries", "organization", side="Spain")
    resolver.note_speaker(0, bureau)
    start = text.rindex("the Bureau")
    mention = parse_mention(text, tokenize(text, start, len(text)))
    assert mention.kind == "org_anaphor"
    assert resolver.resolve(mention) == bureau


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # lower-case particles inside a name belong to it
        (
            "Hale met Commission President Ilse van der Berk. President van der Berk",
            "President van der Berk",
            "Ilse van der Berk",
        ),
        ("Hale met Ilse van der Berk. Berk", "Berk", "Ilse van der Berk"),
        (
            "Hale met Prince Karim bin Salem Al Nadir. Prince Karim",
            "Prince Karim",
            "Karim bin Salem Al Nadir",
        ),
        ("Hale met Ana de la Vega. Ms. de la Vega", "Ms. de la Vega", "Ana de la Vega"),
        # a particle with no name after it ends the name
        ("Hale met Ana Vega de. Vega", "Vega", "Ana Vega"),
        # "PM", "FM" are titles, not capitalised family names
        ("PM Tom Hale met FM Ana Vega. PM Hale", "PM Hale", "Tom Hale"),
    ],
)
def test_name_particles_and_short_titles(text, words, name):
    assert resolve_in(text, words).name == name


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # a generic body in an agency's story is the known body of the agency's country
        (
            "SEOUL, June 3 (Yonhap) -- Talks were held, the defense ministry",
            "the defense ministry",
            "ROK Ministry of National Defense",
        ),
        (
            "Talks\n\nBEIJING, May 2 -- The Ministry of National Defense",
            "The Ministry of National Defense",
            "Chinese Ministry of National Defense",
        ),
        # no home country: as written
        ("Talks were held, the defense ministry", "the defense ministry", "defense ministry"),
    ],
)
def test_a_body_without_a_country_is_the_known_body_of_the_release_s_country(text, words, name):
    assert resolve_in(text, words).name == name


@pytest.mark.parametrize(
    ("words", "name", "title"),
    [
        # portfolio words belong to the title, not to the name after it
        ("Minister for Trade and Tourism Ana Vega", "Ana Vega", "Minister for Trade and Tourism"),
        (
            "Special Presidential Envoy for Climate Tom Hale",
            "Tom Hale",
            "Special Presidential Envoy for Climate",
        ),
        # a compound portfolio's commas are no list of speakers
        (
            "Minister of Land, Infrastructure, Transport and Tourism SATO Kenji",
            "SATO Kenji",
            "Minister of Land, Infrastructure, Transport and Tourism",
        ),
    ],
)
def test_long_titles_keep_their_names_whole(words, name, title):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title) == ("person", name, title)


@pytest.mark.parametrize(
    "words",
    [
        "Little Relief for Refugees",  # capitalised words around "for": no title
        "Veto Power Impedes Peace Efforts",  # a headline in title case
    ],
)
def test_headline_words_are_no_titled_person(words):
    mention = mention_of(words)
    assert mention is None or not (mention.kind == "person" and has_office_title(mention.title))
    assert all(len(p.name.split()) <= 4 for p in index_people(words + " said it."))


def test_a_pronoun_falls_back_on_a_person_not_on_a_capitalised_heading():
    text = "Minister Tom Hale spoke.\n\nGender Equality Matters\n\nHe said"
    assert resolve_in(text, "He").name == "Tom Hale"


def test_a_name_in_apposition_after_a_title_takes_that_title():
    text = "The Foreign Secretary, Tom Hale, met Ana Vega. The Foreign Secretary said"
    people = {p.name: p for p in index_people(text)}
    assert people["Tom Hale"].title == "Foreign Secretary"
    assert resolve_in(text, "The Foreign Secretary").name == "Tom Hale"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # "the President" is not the Vice President who spoke last
        (
            "President Ana Vega met Vice President Tom Hale. The President said",
            "The President",
            "Ana Vega",
        ),
        (
            "Deputy Prime Minister Tom Hale met Prime Minister Ana Vega. The Prime Minister said",
            "The Prime Minister",
            "Ana Vega",
        ),
        # unless the mention names the lower office
        (
            "President Ana Vega met Vice President Tom Hale. The Vice President said",
            "The Vice President",
            "Tom Hale",
        ),
        (
            "Vice-Minister Tom Hale met Ana Vega. The Vice Minister said",
            "The Vice Minister",
            "Tom Hale",
        ),
    ],
)
def test_a_title_is_not_a_lower_office_with_that_title(text, words, name):
    hale = Speaker("Tom Hale", "person", title="Vice President")
    spoke = [(text.index("Hale"), hale, "Vice President")] if "Vice President" in text else []
    assert resolve_in(text, words, speakers=spoke).name == name


@pytest.mark.parametrize(
    ("words", "kind", "name", "title"),
    [
        ("Mr. King", "person", "King", ""),  # a family name that is a title word
        ("Mr. President", "title", "", "President"),  # the President, addressed
        ("the FBI", "organization", "FBI", ""),  # "the" and no title: a body
        ("the Rev. Al Sharpe", "person", "Al Sharpe", ""),
        ("Candidate Tom Hale", "person", "Tom Hale", "Candidate"),
    ],
)
def test_honorifics_articles_and_roles(words, kind, name, title):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title) == (kind, name, title)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tom Hale spoke. He said yes. Hale smiled. He left. Ana Vega met Hale. She agreed.",
            {"Tom Hale": "male"},
        ),
        # one sentence is no evidence; nor are pronouns inside a sentence
        ("Ana Vega spoke. She said yes. Tom Hale met her and his aide.", {}),
    ],
)
def test_genders_from_the_release_s_own_pronouns(text, expected):
    assert genders_from_pronouns(text, index_people(text)) == expected


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # a capitalised headline run is no full name when an official bears the name
        ("Obama Sees Insult\n\nMr. Obama said", "Mr. Obama", "Barack Obama"),
        # a question's auxiliary is no first name
        ("Did Hale lie? Secretary Tom Hale spoke. Hale said", "Hale", "Tom Hale"),
        # "The Tax Policy Center": a body, not a person named Center
        ("The Tax Policy Center", "The Tax Policy Center", "Tax Policy Center"),
    ],
)
def test_short_names_prefer_credible_people(text, words, name):
    assert resolve_in(text, words).name == name


@pytest.mark.parametrize(
    ("words", "kind", "name", "title"),
    [
        ("Official Spokesperson", "title", "", "Official Spokesperson"),
        (
            "Official Spokesperson, Shri Ravi Kaul",
            "person",
            "Ravi Kaul",
            "Official Spokesperson",
        ),
        ("Senior Officials", "group", "", ""),  # people, not an office
    ],
)
def test_an_office_head_is_a_title_not_a_group(words, kind, name, title):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title) == (kind, name, title)


TOKEN_EDGE_TEXTS = [
    "Gen. Ann Vell met H.E. Bo Reyes on the U.S.-Japan talks at 9 a.m. today.",
    "The minister’s aide said: 'the Council's view is clear' (Lt. Gen. Kai Moro, Jr.).",
    "Ms. Ida Sorn, J. Tal and the U.N. team spoke; Sorn's office added that it's done.",
]


@pytest.mark.parametrize("text", TOKEN_EDGE_TEXTS)
def test_tokenize_a_range_equals_a_direct_scan_of_that_range(text):
    # every range, so edges fall inside "Gen.", "U.S.-Japan", "'s", "’s" and between tokens
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert tokenize(text, start, end) == _scan_tokens(text, start, end), (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Gen. Ann Vell", 0, 4, ["Gen."]),
        ("Gen. Ann Vell", 0, 3, ["Gen"]),  # the period is outside the range
        ("Gen. Ann Vell", 1, 8, ["en", ".", "Ann"]),  # "en." is no abbreviation
        ("the U.S.-Japan talks", 4, 14, ["U.S.-Japan"]),
        ("the U.S.-Japan talks", 4, 9, ["U.S.", "-"]),
        ("the U.S.-Japan talks", 6, 14, ["S.", "-", "Japan"]),  # an initial keeps its period
        ("Sorn's office", 0, 6, ["Sorn", "'s"]),
        ("Sorn's office", 0, 5, ["Sorn", "'"]),
        ("Sorn's office", 4, 13, ["'s", "office"]),
        ("Sorn's office", 5, 13, ["s", "office"]),
    ],
)
def test_tokenize_a_range_with_edges_inside_tokens(text, start, end, expected):
    tokenize(text)  # the whole text is cached first, as a release's steps do
    tokens = tokenize(text, start, end)
    assert [token.text for token in tokens] == expected
    assert all(start <= token.start < token.end <= end for token in tokens)
    assert [text[token.start : token.end] for token in tokens] == expected


# ---------------------------------------------------------------- sides: the whole gazetteer


def test_every_country_name_alias_and_demonym_gives_its_side_before_a_title():
    from core import lexicon

    wrong = []
    for country in lexicon.countries():
        for phrase in (country.name, *country.aliases, *country.demonyms):
            text = f"{phrase} Foreign Minister Ana Ruiz said the talks went well."
            people = index_people(text)
            side = people[0].side if people else None
            if side != country.name:
                wrong.append((phrase, country.name, side))
    assert wrong == []


@pytest.mark.parametrize(
    ("words", "name", "title", "side"),
    [
        ("Estonian Defence Minister Anu Tamm", "Anu Tamm", "Defence Minister", "Estonia"),
        ("Ghanaian Foreign Minister Kofi Mensah", "Kofi Mensah", "Foreign Minister", "Ghana"),
        ("Sri Lankan President Ana Ruiz", "Ana Ruiz", "President", "Sri Lanka"),
        ("Costa Rican Foreign Minister Ana Ruiz", "Ana Ruiz", "Foreign Minister", "Costa Rica"),
        (
            "Emirati Minister of State Omar Saleh",
            "Omar Saleh",
            "Minister of State",
            "United Arab Emirates",
        ),
        (
            "Minister of Defence of the Republic of Estonia Anu Tamm",
            "Anu Tamm",
            "Minister of Defence",
            "Estonia",
        ),
        (
            "Minister of Foreign Affairs of the People’s Republic of China Lin Wei",
            "Lin Wei",
            "Minister of Foreign Affairs",
            "China",
        ),
        ("President of Chad Idris Mahat", "Idris Mahat", "President", "Chad"),
        ("Foreign Minister of Jordan Rami Salem", "Rami Salem", "Foreign Minister", "Jordan"),
        ("Kenyan Senator Ana Ruiz", "Ana Ruiz", "Senator", "Kenya"),
        ("U.S. Sen. Ana Ruiz", "Ana Ruiz", "Sen.", "United States"),
        # a state's office after a country's name: the state, not the country
        ("Georgia Gov. Tom Hale", "Tom Hale", "Georgia Gov.", None),
        ("New Mexico Gov. Ana Ruiz", "Ana Ruiz", "New Mexico Gov.", None),
    ],
)
def test_sides_from_nationality_words_and_country_names(words, name, title, side):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title, mention.side) == (
        "person",
        name,
        title,
        side,
    )
    person = index_people(words + " said the talks went well.")[-1]
    assert (person.name, person.side) == (name, side)


def test_the_side_of_a_country_adjective_nobody_titled():
    assert (mention_of("the Ghanaian side").kind, mention_of("the Ghanaian side").side) == (
        "side",
        "Ghana",
    )


@pytest.mark.parametrize(
    ("text", "name", "side"),
    [
        ("Chad Harrow said the talks were useful.", "Chad Harrow", None),
        ("Mila Jordan told reporters the deal was done.", "Mila Jordan", None),
        ("Georgia Lane said the vote was fair.", "Georgia Lane", None),
        ("Lucia Farrow said the fleet was ready.", "Lucia Farrow", None),
        ("Costa Mendel said the fleet was ready.", "Costa Mendel", None),
        ("Israeli Defence Minister Israel Kanter said so.", "Israel Kanter", "Israel"),
        ("Aung San Myint said the vote was fair.", "Aung San Myint", None),
        ("The talks in Jordan ended. Salvador Ruiz said so.", "Salvador Ruiz", None),
    ],
)
def test_country_names_that_are_given_names_stay_in_people_s_names(text, name, side):
    words = text[: text.index(" said")] if " said" in text else text[: text.index(" told")]
    words = words.split(". ")[-1]
    start = text.index(words)
    mention = parse_mention(text, tokenize(text, start, start + len(words)))
    assert (mention.kind, mention.name, mention.side) == ("person", name, side)
    assert [(p.name, p.side) for p in index_people(text)] == [(name, side)]


@pytest.mark.parametrize(
    ("text", "words", "side"),
    [
        # an unlisted state the release itself uses as a place
        (
            "Talks were held in Norland on Monday. Norland Defence Minister Ada Quill said "
            "the drills would stop.",
            "Norland Defence Minister Ada Quill",
            "Norland",
        ),
        (
            "Norland's navy sailed north. Norlandic Foreign Minister Ada Quill said the "
            "drills would stop.",
            "Norlandic Foreign Minister Ada Quill",
            "Norland",
        ),
        (
            "ESKER CITY, Velmora -- Velmoran Minister of Defence Ida Brask said the ships "
            "were ready.",
            "Velmoran Minister of Defence Ida Brask",
            "Velmora",
        ),
        (
            "The Tarvo side raised the matter. Tarvish Ambassador Olin Dray said the visit "
            "was useful.",
            "Tarvish Ambassador Olin Dray",
            "Tarvo",
        ),
        (
            "Ships sailed to Brennia. Brennian General Ota Vey said the exercise was over.",
            "Brennian General Ota Vey",
            "Brennia",
        ),
        # not when the release never uses the word as a place
        (
            "Norland Defence Minister Ada Quill said the drills would stop.",
            "Norland Defence Minister Ada Quill",
            None,
        ),
        # not before a state, local or legislative office, nor for parties or portfolios
        (
            "Storms hit Florida. Florida Gov. Rick Sand said the storm passed.",
            "Florida Gov. Rick Sand",
            None,
        ),
        (
            "Trade talks with Norland ended. Norland Senator Ada Quill said so.",
            "Norland Senator Ada Quill",
            None,
        ),
        (
            "The bill died in Republican hands. Republican Senator John Doe said it would fail.",
            "Republican Senator John Doe",
            None,
        ),
        (
            "Labour's plan was out. Labour MP Jane Roe said the vote was close.",
            "Labour MP Jane Roe",
            None,
        ),
        (
            "The Minister of Justice spoke. Justice Minister Ana Ruiz said the court would rule.",
            "Justice Minister Ana Ruiz",
            None,
        ),
        (
            "Talks with Ada Quill ended. Quill Defence Minister Tom Hale said so.",
            "Quill Defence Minister Tom Hale",
            None,
        ),
        # companies have spokeswomen and directors; federal states have secretaries of state
        (
            "Users wrote to Acmenet. Acmenet spokeswoman Ana Ruiz said the rule stays.",
            "Acmenet spokeswoman Ana Ruiz",
            None,
        ),
        (
            "Voters in Massachusetts lined up. Massachusetts Secretary of State Tom Hale said "
            "the polls were open.",
            "Massachusetts Secretary of State Tom Hale",
            None,
        ),
        (
            "Prayers in Islam were said. The Islamic State Minister Tom Hale said so.",
            "The Islamic State Minister Tom Hale",
            None,
        ),
    ],
)
def test_sides_of_nationality_words_the_gazetteer_does_not_know(text, words, side):
    start = text.index(words)
    mention = parse_mention(text, tokenize(text, start, start + len(words)))
    assert mention.kind == "person"
    assert Resolver.for_text(text).resolve(mention).side == side
    assert index_people(text)[-1].side == side


@pytest.mark.parametrize(
    ("words", "kind", "name", "title"),
    [
        # words of country names left over are no title ("New" of "New Zealand")
        ("The New York", "organization", "New York", ""),
        ("Costa Rican Ambassador Ana Ruiz", "person", "Ana Ruiz", "Ambassador"),
        # title words of long official names stay title words ("State of Israel")
        (
            "Central Military Commission Vice Chairman Lin Wei",
            "person",
            "Lin Wei",
            "Central Military Commission Vice Chairman",
        ),
        ("Secretary of State Tom Hale", "person", "Tom Hale", "Secretary of State"),
        ("the Islamic State", "title", "", "Islamic State"),
        (
            "the American Federation of Teachers",
            "organization",
            "American Federation of Teachers",
            "",
        ),
    ],
)
def test_country_words_do_not_change_titles(words, kind, name, title):
    mention = mention_of(words)
    assert (mention.kind, mention.name, mention.title) == (kind, name, title)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # a country named like a US state is a side with a state's title only
        ("Tom Hale, a party committeeman from Georgia, said the vote was fair.", None),
        ("Ana Ruiz, a student at the Georgia Institute of Technology, said so.", None),
        ("Foreign Minister Ana Ruiz of Georgia said the talks went well.", "Georgia"),
        ("Georgian Prime Minister Ana Ruiz said the talks went well.", "Georgia"),
    ],
)
def test_a_country_named_like_a_state_needs_a_state_s_title(text, side):
    assert index_people(text)[0].side == side


@pytest.mark.parametrize(
    ("words", "kind", "side"),
    [
        # a side noun of data/sides.yml before "of" and a country's name
        ("the government of Costa Rica", "side", "Costa Rica"),
        ("the Government of the Republic of Estonia", "side", "Estonia"),
        ("The side of Kestria", "side", "Kestria"),
        ("the Government of Japan", "side", "Japan"),
        # and the same nouns written before the country, as before
        ("the Costa Rica government", "side", "Costa Rica"),
        ("the Kestrian side", "side", "Kestria"),
    ],
)
def test_a_side_noun_of_a_country_is_the_side(words, kind, side):
    mention = mention_of(words)
    assert (mention.kind, mention.side) == (kind, side)


@pytest.mark.parametrize(
    "words",
    [
        "the side of Chinese",  # a nationality word, not a country
        "the government of the day",
        "the side of the road",
        "the government of Norvaland",  # no country the gazetteer or the release knows
    ],
)
def test_a_side_noun_of_no_country_is_no_side(words):
    mention = mention_of(words)
    assert mention is None or mention.kind != "side"


@pytest.mark.parametrize(
    ("words", "parts"),
    [
        # a country whose name has "and" in it is one speaker, not two
        ("the Trinidad and Tobago side", ["the Trinidad and Tobago side"]),
        ("Trinidad and Tobago", ["Trinidad and Tobago"]),
        ("the Sao Tome and Principe government", ["the Sao Tome and Principe government"]),
        (
            "Bosnia and Herzegovina Foreign Minister Ana Ruiz",
            ["Bosnia and Herzegovina Foreign Minister Ana Ruiz"],
        ),
        # ... inside a list of speakers, which still splits at the other "and"s and commas
        ("Trinidad and Tobago and Kestria", ["Trinidad and Tobago", "Kestria"]),
        (
            "Kestria, Antigua and Barbuda and Saint Vincent and the Grenadines",
            ["Kestria", "Antigua and Barbuda", "Saint Vincent and the Grenadines"],
        ),
        # negative cases: two countries, two people
        ("Trinidad and Kestria", ["Trinidad", "Kestria"]),
        ("Ana Ruiz and Tom Hale", ["Ana Ruiz", "Tom Hale"]),
    ],
)
def test_country_names_with_and_are_not_split(words, parts):
    split = _split_coordination(words, tokenize(words))
    assert [words[part[0].start : part[-1].end] for part in split] == parts


@pytest.mark.parametrize(
    ("words", "kind", "side", "parts"),
    [
        ("the Trinidad and Tobago side", "side", "Trinidad and Tobago", []),
        ("Trinidad and Tobago", "side", "Trinidad and Tobago", []),
        (
            "Antigua and Barbuda and Kestria",
            "collective",
            None,
            ["Antigua and Barbuda", "Kestria"],
        ),
        ("the Sao Tome and Principe government", "side", "São Tomé and Príncipe", []),
    ],
)
def test_a_country_with_and_in_its_name_speaks_as_one_side(words, kind, side, parts):
    mention = mention_of(words)
    assert (mention.kind, mention.side, [p.side for p in mention.parts]) == (kind, side, parts)


HEADLINE = (
    "Secretary of Defence Tom Hale, Norlandic Minister of Defence Ana Ruiz and Kestrian "
    "Minister of Defence Ola Brandt Vey Hold a Joint Press Conference\n\n"
    "Foreign Minister Ana Ruiz Meets Defence Secretary Tom Hale\n\n"
    "Ola Brandt Vey Meets Tom Hale in Norland\n\n"
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a title-case verb after a complete name in a title-case headline ends the name
        (
            HEADLINE,
            [
                "Tom Hale",
                "Ana Ruiz",
                "Ola Brandt Vey",
                "Ana Ruiz",
                "Tom Hale",
                "Ola Brandt Vey",
                "Tom Hale",
            ],
        ),
        # title case keeps small words lower case ("with"); a verb opens no name
        ("President Ana Ruiz Meets with Defence Secretary Tom Hale\n", ["Ana Ruiz", "Tom Hale"]),
        ("Norland and Kestria Hold Consultations on Maritime Security\n", []),
        # negative cases: not in running text, not after a single name word
        ("Reporters said Ana Ruiz Call was late for the talks.\n", ["Ana Ruiz Call"]),
        ("Reporters asked Hale Hold Brandt about it.\n", ["Hale Hold Brandt"]),
        ("General Ruiz Meets Brandt Tomorrow At Dawn In Norland\n", ["Ruiz Meets Brandt"]),
    ],
)
def test_a_headline_verb_ends_a_name(text, names):
    assert [person.name for person in index_people(text)] == names
