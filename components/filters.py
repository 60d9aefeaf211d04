"""The sidebar filter (one st.form on every page) and its sync with the URL query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import streamlit as st

from components import state
from core.filtering import QUERY_KEYS, Filter, FilterChoices, filter_from_query, filter_to_query
from core.schema import Corpus

KEY = "filter_"  # prefix of the filter widgets' keys (the filter is on every page)


def current_filter() -> Filter:
    """The session's filter; on a session's first run it is read from the URL (a shared link)."""
    flt = state.get_filter()
    if flt is None:
        flt = filter_from_query(st.query_params.to_dict())
        state.set_filter(flt)
    return flt


def sync_query(flt: Filter) -> None:
    """Write the filter to the URL, leaving other query parameters (e.g. ``doc``) alone."""
    wanted = filter_to_query(flt)
    for key in QUERY_KEYS.values():
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def widget_key(what: str) -> str:
    """The key of one filter widget (its generation changes when the filter is cleared)."""
    return f"{KEY}{what}_{state.get_filter_generation()}"


def render_filter(corpus: Corpus | None) -> Filter:
    """Draw the filter form in the sidebar; return the filter in force (after any submit)."""
    flt = current_filter()
    with st.sidebar:
        st.subheader("Filter")
        if corpus is None:
            st.caption("Load releases on the Home page to filter them.")
        else:
            _render_form(corpus, flt)
            flt = current_filter()
            st.button("Clear filter", key=f"{KEY}clear", on_click=_clear, disabled=flt.is_empty())
    sync_query(flt)
    return flt


def _render_form(corpus: Corpus, flt: Filter) -> None:
    options = filter_options(corpus)
    span = _span(options)
    with st.form(key=f"{KEY}form", border=False):
        dates = st.date_input(
            "Date range",
            value=(flt.date_from or span[0], flt.date_to or span[1]),
            # the span in the key: a corpus with a new span gets a fresh widget, not a stale range
            key=widget_key(f"dates_{span[0]:%Y%m%d}_{span[1]:%Y%m%d}"),
            help="Event date, else the published date.",
        )
        chosen = {
            field: st.multiselect(
                label,
                options=_with(getattr(options, field), getattr(flt, field)),
                default=list(getattr(flt, field)),
                key=widget_key(field),
            )
            for field, label in (
                ("publishers", "Publishers"),
                ("sides", "Sides / countries"),
                ("speakers", "Speakers"),
                ("topics", "Topics"),
                ("modes", "Statement mode"),
            )
        }
        text = st.text_input("Text contains", value=flt.text, key=widget_key("text"))
        if st.form_submit_button("Apply filter", type="primary"):
            date_from, date_to = _date_range(dates, span)
            state.set_filter(
                Filter(
                    date_from=date_from,
                    date_to=date_to,
                    text=text.strip(),
                    **{field: tuple(values) for field, values in chosen.items()},
                )
            )


def _clear() -> None:
    state.set_filter(Filter())
    state.bump_filter_generation()


def filter_options(corpus: Corpus) -> FilterChoices:
    """The choices the filter offers for this corpus, built once per corpus (not per rerun)."""
    from components import data  # data imports this module

    return data.load_filter_choices(corpus)


def _span(options: FilterChoices) -> tuple[dt.date, dt.date]:
    """The corpus's date span; today alone when no document is dated."""
    today = dt.date.today()
    return options.span or (today, today)


def _date_range(
    value: object, span: tuple[dt.date, dt.date]
) -> tuple[dt.date | None, dt.date | None]:
    """The chosen range; the corpus's whole span means no date filter (undated files stay)."""
    days = tuple(value) if isinstance(value, list | tuple) else (value,)
    start = days[0] if days else None
    end = days[1] if len(days) > 1 else start
    return (None if start == span[0] else start, None if end == span[1] else end)


def _with(options: Iterable[str], chosen: Iterable[str]) -> list[str]:
    """Options plus anything already chosen (a shared link may name a value not loaded here)."""
    return list(dict.fromkeys([*options, *chosen]))
