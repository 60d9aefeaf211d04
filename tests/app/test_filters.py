"""The sidebar filter: it narrows the page, survives page switches, and lives in the URL."""

from __future__ import annotations

import datetime as dt

from components import state
from core.filtering import Filter
from tests.app.conftest import seeded_app
from tests.conftest import ROOT

DOCUMENTS_PAGE = "pages/5_Documents.py"


def submit_filter(at):
    """Press the filter form's Apply button."""
    next(button for button in at.button if button.label == "Apply filter").click().run()
    return at


def param(at, key: str) -> str:
    """One URL query value (AppTest may hold it as a list)."""
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def document_choices(at) -> list[str]:
    return list(at.selectbox(key="documents_doc").options)


def test_form_applies_only_on_submit(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    assert len(document_choices(at)) == len(small_corpus.documents)
    at.multiselect(key="filter_speakers_0").set_value(["Ilse Brandt"]).run()
    assert len(document_choices(at)) == len(small_corpus.documents)  # not applied yet
    assert at.session_state[state.FILTER] == Filter()
    at.multiselect(key="filter_speakers_0").set_value(["Ilse Brandt"])
    submit_filter(at)
    assert not at.exception
    assert at.session_state[state.FILTER] == Filter(speakers=("Ilse Brandt",))
    assert len(document_choices(at)) == 2
    assert param(at, "speaker") == "Ilse Brandt"


def test_each_filter_field_narrows_and_reaches_the_url(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    at.multiselect(key="filter_publishers_0").set_value(["Estovia Foreign Ministry"])
    at.multiselect(key="filter_modes_0").set_value(["direct"])
    at.text_input(key="filter_text_0").input("sanctions")
    submit_filter(at)
    assert not at.exception
    assert param(at, "publisher") == "Estovia Foreign Ministry"
    assert param(at, "mode") == "direct"
    assert param(at, "q") == "sanctions"
    # only Brandt's release has a direct statement about sanctions from that publisher
    assert len(document_choices(at)) == 1
    assert "1 of 7 documents" in " ".join(caption.value for caption in at.caption)


def test_date_range_narrows(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    dates = next(widget for widget in at.date_input if widget.label == "Date range")
    dates.set_value((dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    submit_filter(at)
    assert param(at, "from") == "2024-01-01"
    assert len(document_choices(at)) == 2


def test_whole_span_is_no_date_filter(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    at.text_input(key="filter_text_0").input("Vell")
    submit_filter(at)
    flt = at.session_state[state.FILTER]
    assert (flt.date_from, flt.date_to) == (None, None)  # undated releases stay
    assert "from" not in at.query_params


def test_shared_link_opens_the_filtered_view(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus)
    at.query_params["speaker"] = "Sara Oduya"
    at.query_params["topic"] = "Gulf of Serin"
    at.run()
    assert not at.exception
    assert at.session_state[state.FILTER] == Filter(
        speakers=("Sara Oduya",), topics=("Gulf of Serin",)
    )
    assert at.multiselect(key="filter_speakers_0").value == ["Sara Oduya"]
    assert len(document_choices(at)) == 1


def test_clear_resets_widgets_and_url(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus)
    at.query_params["speaker"] = "Jon Reyes"
    at.run()
    at.button(key="filter_clear").click().run()
    assert not at.exception
    assert at.session_state[state.FILTER] == Filter()
    assert "speaker" not in at.query_params
    assert at.multiselect(key="filter_speakers_1").value == []
    assert len(document_choices(at)) == len(small_corpus.documents)


def test_filter_survives_a_page_switch(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    at.multiselect(key="filter_sides_0").set_value(["Estovia"])
    submit_filter(at)
    narrowed = document_choices(at)
    at.switch_page(str(ROOT / "app.py")).run()
    assert not at.exception
    assert at.session_state[state.FILTER] == Filter(sides=("Estovia",))
    assert at.multiselect(key="filter_sides_0").value == ["Estovia"]
    assert param(at, "side") == "Estovia"
    at.switch_page(str(ROOT / DOCUMENTS_PAGE)).run()
    assert document_choices(at) == narrowed


def test_nothing_matches_says_so(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    at.text_input(key="filter_text_0").input("no such phrase in any release")
    submit_filter(at)
    assert not at.exception
    assert any("No documents match the filter" in warning.value for warning in at.warning)


def test_speaker_choices_put_the_most_quoted_first(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    options = at.multiselect(key="filter_speakers_0").options
    counts = small_corpus.statements["speaker"].value_counts()
    assert set(options) == set(counts.index)
    assert [counts[name] for name in options] == sorted(counts, reverse=True)
    assert options[0] == "Sara Oduya"  # four statements, more than anyone else


def test_changing_the_filter_is_never_answered_from_the_old_one(small_corpus):
    at = seeded_app(DOCUMENTS_PAGE, small_corpus).run()
    shown = {}
    for speaker in ("Ilse Brandt", "Jon Reyes", "Ilse Brandt"):
        at.multiselect(key="filter_speakers_0").set_value([speaker])
        submit_filter(at)
        assert not at.exception
        shown.setdefault(speaker, []).append(document_choices(at))
    assert shown["Ilse Brandt"][0] == shown["Ilse Brandt"][1]  # the cached answer, the same
    assert len(shown["Ilse Brandt"][0]) == 2
    assert len(shown["Jon Reyes"][0]) == 2
    assert set(shown["Ilse Brandt"][0]) != set(shown["Jon Reyes"][0])
