"""Hostile files uploaded on Home (AppTest): the problems listed in words, no exception."""

from __future__ import annotations

from components import state
from tests import fixture_files as files
from tests.app.conftest import seeded_app
from tests.hostile import harness
from tests.hostile.builders import CASES_BY_NAME, HTML_FILENAME

FAILING = [
    "empty",
    "binary-junk",
    "pdf-encrypted",
    "pdf-no-text",
    "pdf-truncated",
    "docx-corrupt",
    "zip-10000-members",
    "zip-encrypted-member",
    "control-chars-only",
    "quote-storm",
]
PARSING = ["html-hostile", "html-in-filename", "chinese", "french", "utf16-bom", "zip-traversal"]


def upload(names: list[str]) -> list[tuple[str, bytes, str]]:
    cases = [CASES_BY_NAME[name] for name in names]
    return [(case.filename, case.build(), "application/octet-stream") for case in cases]


def problem_table(at):
    return next(frame.value for frame in at.dataframe if "what went wrong" in frame.value)


def test_failing_files_are_listed_in_words_and_the_good_ones_stored():
    at = seeded_app("app.py").run()
    good = [("good.txt", files.txt_bytes(), "text/plain")]
    at.file_uploader(key="home_uploader").set_value(upload(FAILING) + good).run()
    assert not at.exception
    assert "could not be used" in at.warning[0].value
    problems = problem_table(at)
    for name in FAILING:
        case = CASES_BY_NAME[name]
        mine = problems[problems["file"].str.startswith(case.filename)]
        assert len(mine), name
        for row in mine.itertuples():
            assert harness.is_analyst_worded(case, (row.file, row[2])), (name, row[2])
    assert len(at.session_state[state.CORPUS].documents) == 1


def test_hostile_but_readable_files_are_stored_with_their_text_as_text():
    at = seeded_app("app.py").run()
    at.file_uploader(key="home_uploader").set_value(upload(PARSING)).run()
    assert not at.exception
    documents = at.session_state[state.CORPUS].documents
    assert HTML_FILENAME in set(documents["filename"])
    assert documents["text"].str.contains("对话是唯一的道路").any()
    # nothing of a document went into markdown or HTML elements of the page
    shown = [element.value for element in (*at.markdown, *at.caption) if element.value]
    assert not any("onerror" in value or "<script" in value for value in shown), shown
