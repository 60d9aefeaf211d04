"""Chart builders: one frame from ``core.analysis`` in, one plotly Figure out (no streamlit).

Every builder takes ``template`` (None: plotly's default, e.g. Streamlit's on screen; an export
copy passes "plotly_white"). Trace colours are always set explicitly from ``PALETTE`` and
``HEAT_SCALE``: figures built with the Streamlit template would otherwise carry its placeholder
colours and export as black. Text from the releases reaches hover labels only escaped.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from core.analysis import JOINT_SIDE, UNKNOWN

PALETTE = (
    "#4C78A8",
    "#F58518",
    "#54A24B",
    "#E45756",
    "#72B7B2",
    "#B279A2",
    "#EECA3B",
    "#9D755D",
    "#FF9DA6",
    "#BAB0AC",
)
NAMED_PALETTE = PALETTE[:-1]  # the last one, grey, is kept for "Unknown"
NEUTRAL_COLOURS = {UNKNOWN: PALETTE[-1], JOINT_SIDE: "#79706E"}
PAIR_COLOURS = (PALETTE[0], PALETTE[1])  # side A / side B, group A / group B
HEAT_SCALE = "Blues"
FREQUENCY_LABELS = {"month": "Month", "week": "Week starting"}  # the first is the default
HOVER_WIDTH = 70
LABEL_CHARS = 40
LEGEND_CHARS = 32
SMALL_COUNT = 6
POINT_NAMES = {"release": "Release published", "event": "Event reported"}
POINT_SYMBOLS = {"release": "circle", "event": "diamond"}
POINT_COLOURS = {"release": PALETTE[0], "event": PALETTE[1]}
ROW_HEIGHT = 28


# ---------------------------------------------------------------- shared pieces


MIN_DATE_SPAN = pd.Timedelta(days=7)


def empty_figure(message: str, *, template: str | None = None) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False
    )
    fig.update_layout(
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 20, "r": 20, "t": 30, "b": 20},
    )
    return _apply_template(fig, template)


def hover_text(value: object, *, width: int = HOVER_WIDTH) -> str:
    """Release text made safe and readable for a hover label: escaped, wrapped with <br>."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    lines = textwrap.wrap(str(value), width=width) or [""]
    return "<br>".join(html.escape(line) for line in lines)


def _hover_texts(values: pd.Series) -> pd.Series:
    """``hover_text`` of each value, wrapped once per distinct value (a release has many points)."""
    distinct = values.dropna().unique()
    wrapped = dict(zip(distinct, map(hover_text, distinct), strict=True))
    return values.map(wrapped).astype("object").where(values.notna(), "")


def _apply_template(fig: go.Figure, template: str | None) -> go.Figure:
    if template is not None:
        fig.update_layout(template=template)
    return fig


def _finish(
    fig: go.Figure,
    *,
    title: str,
    x_title: str,
    y_title: str,
    template: str | None,
    legend_title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    fig.update_layout(
        title={"text": html.escape(title)},
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend_title_text=legend_title or "",
        hoverlabel={"align": "left"},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    if height:
        fig.update_layout(height=height)
    return _apply_template(fig, template)


def _colour_map(values: pd.Series) -> dict[str, str]:
    """A colour per value: "Unknown" and the joint side grey, the other names in sorted order
    through the rest of ``PALETTE`` (so "both sides" joining a chart moves no side's colour)."""
    colours = {name: NEUTRAL_COLOURS[name] for name in NEUTRAL_COLOURS if (values == name).any()}
    names = sorted({str(value) for value in values.dropna()} - set(NEUTRAL_COLOURS))
    for index, name in enumerate(names):
        colours[name] = NAMED_PALETTE[index % len(NAMED_PALETTE)]
    return colours


def _legend(values: pd.Series) -> pd.Series:
    """Names as shown in a legend: missing ones "Unknown", long ones cut, all escaped."""
    return values.astype("object").where(values.notna(), UNKNOWN).map(_legend_label)


def _legend_label(value: object) -> str:
    return short_label(value, limit=LEGEND_CHARS)


def _readable_date_axis(fig: go.Figure, dates: pd.Series) -> None:
    """Pad a time axis whose data spans under a week: plotly would zoom to hours and ticks."""
    dates = pd.to_datetime(dates.dropna())
    if dates.empty or dates.max() - dates.min() >= MIN_DATE_SPAN:
        return
    middle = dates.min() + (dates.max() - dates.min()) / 2
    fig.update_xaxes(range=[middle - MIN_DATE_SPAN, middle + MIN_DATE_SPAN], tickformat="%Y-%m-%d")


def _integer_ticks(fig: go.Figure, highest: float, *, axis: str = "y") -> None:
    """Counts get whole-number ticks (plotly would put 0.5 steps on a short axis)."""
    if highest <= SMALL_COUNT:
        fig.update_layout({f"{axis}axis": {"tick0": 0, "dtick": 1}})


def _stack_height(frame: pd.DataFrame, *, x: str, y: str) -> float:
    return float(frame.groupby(x)[y].sum().max()) if len(frame) else 0.0


def _matrix_height(rows: int) -> int:
    return max(320, ROW_HEIGHT * rows + 160)


def _heatmap(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    z: str,
    hover: str,
    template: str | None,
) -> go.Figure:
    matrix = frame.pivot_table(index=y, columns=x, values=z, aggfunc="sum", fill_value=0)
    matrix = matrix.sort_index(ascending=False)
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[short_label(name) for name in matrix.columns],
            y=[short_label(name) for name in matrix.index],
            text=[[str(value) if value else "" for value in row] for row in matrix.to_numpy()],
            colorscale=HEAT_SCALE,
            zmin=0,
            texttemplate="%{text}",  # empty cells stay blank: the pattern reads at a glance
            hovertemplate=hover + "<extra></extra>",
            colorbar={"title": {"text": z}},
            xgap=1,
            ygap=1,
        )
    )
    fig.update_xaxes(side="bottom", tickangle=-30)
    return _apply_template(fig, template)


# ---------------------------------------------------------------- timeline


def timeline_figure(
    points: pd.DataFrame, *, lane_label: str, template: str | None = None
) -> go.Figure:
    """Releases (circles) and the events they report (diamonds) on a time axis, one lane each.

    Args:
        points: from ``analysis.build_timeline_points``.
        lane_label: what the lanes are ("Publisher", "Side", "Speaker").
        template: plotly template name.

    The hover shows the title, publisher, date and first line; each point carries its
    ``doc_id`` as ``customdata[0]`` so a selection can open the document.
    """
    if points.empty:
        return empty_figure("No dated releases match the filter.", template=template)
    shown = points.assign(
        hover_title=_hover_texts(points["title"]),
        hover_line=_hover_texts(points["first_line"]),
        hover_publisher=_hover_texts(points["publisher"]),
        hover_date=points["date"].dt.strftime("%Y-%m-%d"),
        lane=points["lane"].map(short_label),
        kind=points["point"].map(POINT_NAMES),
    )
    fig = px.scatter(
        shown,
        x="date",
        y="lane",
        color="kind",
        symbol="kind",
        symbol_map={name: POINT_SYMBOLS[point] for point, name in POINT_NAMES.items()},
        color_discrete_map={name: POINT_COLOURS[point] for point, name in POINT_NAMES.items()},
        custom_data=["doc_id", "hover_title", "hover_publisher", "hover_date", "hover_line"],
        category_orders={
            "lane": sorted(shown["lane"].unique()),
            "kind": list(POINT_NAMES.values()),
        },
    )
    fig.update_traces(
        marker={"size": 12, "opacity": 0.8, "line": {"width": 1, "color": "#FFFFFF"}},
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}"
            "<br>%{customdata[4]}<extra></extra>"
        ),
    )
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    _readable_date_axis(fig, points["date"])
    return _finish(
        fig,
        title="Releases and the events they report",
        x_title="Date",
        y_title=lane_label,
        height=max(320, 40 * shown["lane"].nunique() + 200),
        template=template,
    )


def short_label(value: object, *, limit: int = LABEL_CHARS) -> str:
    """An axis label cut to ``limit`` characters and escaped (the hover shows it in full)."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return html.escape(text)


def selected_doc_id(event: object) -> str | None:
    """The doc_id (``customdata[0]``) of the first point selected on a chart, if any.

    ``event`` is what ``st.plotly_chart(..., on_select="rerun")`` returned (a mapping).
    """
    if not isinstance(event, Mapping):
        return None
    for point in (event.get("selection") or {}).get("points") or []:
        customdata = point.get("customdata")
        if customdata:
            return str(customdata[0])
    return None


def _stacked_bars(shown: pd.DataFrame, *, y: str, custom: list[str]) -> go.Figure:
    """Bars per ``period`` stacked by ``label``, one trace per label in order of appearance.

    Built from ``go.Bar`` traces: plotly express takes several times longer for the same
    figure once there are a few dozen labels.
    """
    colours = _colour_map(shown["label"])
    fig = go.Figure(
        [
            go.Bar(
                x=part["period"],
                y=part[y],
                name=label,
                legendgroup=label,
                marker_color=colours[label],
                customdata=part[custom].to_numpy(dtype=object),
            )
            for label, part in shown.groupby("label", sort=False)
        ]
    )
    fig.update_layout(barmode="relative")
    return fig


def _horizontal_bars(
    shown: pd.DataFrame,
    *,
    x: str,
    y: str,
    colours: Mapping[str, str],
    color: str | None = None,
    custom: list[str] | None = None,
) -> go.Figure:
    """Horizontal bars, the first row of ``shown`` on top; one trace per ``color`` value.

    Built from ``go.Bar`` traces (plotly express takes several times longer); ``colours``
    maps each ``color`` value (or ``""`` without ``color``) to its colour.
    """
    parts = shown.groupby(color, sort=False) if color else [("", shown)]
    fig = go.Figure(
        [
            go.Bar(
                x=part[x],
                y=part[y],
                name=name,
                legendgroup=name,
                orientation="h",
                marker_color=colours[name],
                customdata=part[custom].to_numpy(dtype=object) if custom else None,
                showlegend=bool(color),
            )
            for name, part in parts
        ]
    )
    order = list(dict.fromkeys(shown[y]))
    fig.update_layout(
        barmode="relative", yaxis={"categoryorder": "array", "categoryarray": order[::-1]}
    )
    return fig


def _period_bars(counts: pd.DataFrame, *, group: str, value: str, noun: str) -> go.Figure:
    """Bars per period stacked by ``group``; hover names the group, the date and ``noun``s."""
    shown = counts.assign(label=_legend(counts[group]), full=_hover_texts(counts[group]))
    fig = _stacked_bars(shown, y=value, custom=["full"])
    fig.update_traces(
        hovertemplate=f"%{{customdata[0]}}<br>%{{x|%Y-%m-%d}}: %{{y}} {noun}(s)<extra></extra>"
    )
    _integer_ticks(fig, _stack_height(counts, x="period", y=value))
    _readable_date_axis(fig, counts["period"])
    return fig


def volume_figure(volume: pd.DataFrame, *, freq: str, template: str | None = None) -> go.Figure:
    """Releases per week or month, stacked by publisher (from ``count_documents_per_period``)."""
    if volume.empty:
        return empty_figure("No dated releases match the filter.", template=template)
    fig = _period_bars(volume, group="publisher", value="documents", noun="release")
    return _finish(
        fig,
        title=f"Releases per {freq}",
        x_title=FREQUENCY_LABELS[freq],
        y_title="Releases",
        legend_title="Publisher",
        template=template,
    )


def statements_over_time_figure(
    counts: pd.DataFrame, *, by: str, freq: str, template: str | None = None
) -> go.Figure:
    """Statements per week or month, stacked by speaker or topic (see ``count_statements_*``)."""
    if counts.empty:
        return empty_figure("No dated statements match the filter.", template=template)
    fig = _period_bars(counts, group="group", value="statements", noun="statement")
    return _finish(
        fig,
        title=f"Statements per {freq}, by {by}",
        x_title=FREQUENCY_LABELS[freq],
        y_title="Statements",
        legend_title=by.capitalize(),
        template=template,
    )


# ---------------------------------------------------------------- who said what


def side_colours(sides: pd.Series) -> dict[str, str]:
    """A colour for every side of a whole corpus (as legends name them), for charts of any
    filtered part of it: a side keeps its colour when the filter drops the others."""
    names = _legend(pd.Series(sides.dropna().unique(), dtype="object"))
    return _colour_map(pd.concat([names, pd.Series([UNKNOWN, JOINT_SIDE])]))


def speakers_figure(
    ranked: pd.DataFrame,
    *,
    colours: Mapping[str, str] | None = None,
    template: str | None = None,
) -> go.Figure:
    """Speakers ranked by number of statements (from ``analysis.rank_speakers``).

    ``colours`` (from ``side_colours`` over the unfiltered corpus) keeps each side's colour
    from one filter to the next; a side it lacks makes the chart colour its own sides.
    """
    if ranked.empty:
        return empty_figure("No named speakers in the filtered statements.", template=template)
    shown = ranked.assign(speaker=ranked["speaker"].map(short_label), side=_legend(ranked["side"]))
    if colours is None or not set(shown["side"]) <= set(colours):
        colours = _colour_map(shown["side"])
    fig = _horizontal_bars(
        shown,
        x="statements",
        y="speaker",
        color="side",
        colours=colours,
        custom=["documents"],
    )
    fig.update_traces(
        hovertemplate="%{y}: %{x} statement(s) in %{customdata[0]} document(s)<extra></extra>"
    )
    return _finish(
        fig,
        title="Speakers by number of statements",
        x_title="Statements",
        y_title="",
        legend_title="Side",
        height=_matrix_height(len(shown)),
        template=template,
    )


def speaker_topic_figure(counts: pd.DataFrame, *, template: str | None = None) -> go.Figure:
    """Speaker × topic heatmap: statements of each speaker mentioning each topic."""
    if counts.empty:
        return empty_figure("No statements mention a topic.", template=template)
    fig = _heatmap(
        counts,
        x="topic",
        y="speaker",
        z="statements",
        hover="%{y} on %{x}: %{z} statement(s)",
        template=template,
    )
    return _finish(
        fig,
        title="Who talks about what: statements per speaker and topic",
        x_title="Topic",
        y_title="",
        height=_matrix_height(counts["speaker"].nunique()),
        template=template,
    )


def phrases_figure(phrases: pd.DataFrame, *, title: str, template: str | None = None) -> go.Figure:
    """Recurring phrases as horizontal bars (from ``analysis.count_phrases``)."""
    if phrases.empty:
        return empty_figure("No phrase occurs more than once.", template=template)
    shown = phrases.assign(phrase=phrases["phrase"].map(html.escape))
    fig = _horizontal_bars(shown, x="count", y="phrase", colours={"": PALETTE[0]})
    fig.update_traces(hovertemplate="“%{y}”: %{x} time(s)<extra></extra>")
    return _finish(
        fig,
        title=title,
        x_title="Occurrences",
        y_title="",
        height=_matrix_height(len(shown)),
        template=template,
    )


# ---------------------------------------------------------------- topics

TOPIC_MEASURES = {
    "mentions": "Mentions",
    "documents": "Documents mentioning it",
    "mentions_per_document": "Mentions per document",
}


def topic_frequency_figure(
    counts: pd.DataFrame, *, measure: str = "mentions", template: str | None = None
) -> go.Figure:
    """Frequency per topic as horizontal bars (from ``analysis.count_topics``).

    Args:
        counts: from ``analysis.count_topics``.
        measure: a key of ``TOPIC_MEASURES``.
        template: plotly template name.
    """
    if counts.empty:
        return empty_figure("No topic is mentioned in the filtered documents.", template=template)
    shown = counts.sort_values([measure, "topic"], ascending=[False, True])
    shown = shown.assign(topic=shown["topic"].map(html.escape))
    fig = _horizontal_bars(
        shown,
        x=measure,
        y="topic",
        colours={"": PALETTE[0]},
        custom=["mentions", "documents", "mentions_per_document"],
    )
    fig.update_traces(
        hovertemplate=(
            "<b>%{y}</b><br>%{customdata[0]} mention(s) in %{customdata[1]} document(s)"
            "<br>%{customdata[2]:.2f} per document<extra></extra>"
        )
    )
    return _finish(
        fig,
        title=f"Topics: {TOPIC_MEASURES[measure].lower()}",
        x_title=TOPIC_MEASURES[measure],
        y_title="",
        height=_matrix_height(len(shown)),
        template=template,
    )


def topics_over_time_figure(
    counts: pd.DataFrame, *, freq: str, template: str | None = None
) -> go.Figure:
    """Documents mentioning each topic per week or month (``count_topics_over_time``)."""
    if counts.empty:
        return empty_figure("No dated topic mentions match the filter.", template=template)
    shown = counts.assign(label=_legend(counts["topic"]), full=_hover_texts(counts["topic"]))
    fig = _stacked_bars(shown, y="documents", custom=["full", "mentions"])
    fig.update_traces(
        hovertemplate=(
            "%{customdata[0]}<br>%{x|%Y-%m-%d}: %{y} document(s), "
            "%{customdata[1]} mention(s)<extra></extra>"
        )
    )
    _integer_ticks(fig, _stack_height(counts, x="period", y="documents"))
    _readable_date_axis(fig, counts["period"])
    return _finish(
        fig,
        title=f"Topics over time (documents mentioning each topic per {freq})",
        x_title=FREQUENCY_LABELS[freq],
        y_title="Documents",
        legend_title="Topic",
        template=template,
    )


def topics_by_group_figure(
    counts: pd.DataFrame, *, by: str, template: str | None = None
) -> go.Figure:
    """Heatmap of topic mentions per side, speaker or publisher (``count_topics_by``)."""
    if counts.empty:
        return empty_figure(f"No topic mentions can be tied to a {by}.", template=template)
    fig = _heatmap(
        counts,
        x="topic",
        y="group",
        z="mentions",
        hover="%{y} on %{x}: %{z} mention(s)",
        template=template,
    )
    return _finish(
        fig,
        title=f"Topic mentions by {by}",
        x_title="Topic",
        y_title=by.capitalize(),
        height=_matrix_height(counts["group"].nunique()),
        template=template,
    )


def topic_pairs_figure(pairs: pd.DataFrame, *, template: str | None = None) -> go.Figure:
    """Co-occurrence heatmap: documents mentioning both topics (``count_topic_pairs``)."""
    if pairs.empty:
        return empty_figure("No document mentions two topics.", template=template)
    mirrored = pd.concat(
        [pairs, pairs.rename(columns={"topic_a": "topic_b", "topic_b": "topic_a"})],
        ignore_index=True,
    )
    fig = _heatmap(
        mirrored,
        x="topic_a",
        y="topic_b",
        z="documents",
        hover="%{x} and %{y}: %{z} document(s)",
        template=template,
    )
    return _finish(
        fig,
        title="Topics mentioned together (documents with both)",
        x_title="",
        y_title="",
        height=_matrix_height(mirrored["topic_b"].nunique()),
        template=template,
    )


# ---------------------------------------------------------------- compare


def pair_topics_figure(
    compared: pd.DataFrame, *, label_a: str, label_b: str, template: str | None = None
) -> go.Figure:
    """Topic mentions of two readouts side by side (from ``analysis.compare_pair_topics``)."""
    if compared.empty:
        return empty_figure("Neither readout mentions a topic.", template=template)
    short = {f"only {label_a}": _legend_label(label_a), f"only {label_b}": _legend_label(label_b)}
    topics = [
        html.escape(topic)
        if raised_by not in short
        else f"{html.escape(topic)} (only {short[raised_by]})"
        for topic, raised_by in zip(compared["topic"], compared["raised_by"], strict=True)
    ]
    fig = go.Figure(
        [
            go.Bar(
                x=compared[column],
                y=topics,
                name=_legend_label(label),
                orientation="h",
                marker_color=colour,
                hovertemplate=f"{hover_text(label)}: %{{x}} mention(s) of %{{y}}<extra></extra>",
            )
            for column, label, colour in (
                ("mentions_a", label_a, PAIR_COLOURS[0]),
                ("mentions_b", label_b, PAIR_COLOURS[1]),
            )
        ]
    )
    order = topics[::-1]  # topics raised by one side only (listed first) on top
    fig.update_layout(barmode="group", yaxis={"categoryorder": "array", "categoryarray": order})
    return _finish(
        fig,
        title="Topics in each readout (and those only one side raised)",
        x_title="Mentions",
        y_title="",
        legend_title="Readout",
        height=_matrix_height(len(topics) * 2),
        template=template,
    )


def topic_shares_figure(shares: pd.DataFrame, *, template: str | None = None) -> go.Figure:
    """Each topic's share of a group's mentions, groups side by side (``compare_topic_shares``)."""
    if shares.empty:
        return empty_figure("No topic mentions in either group.", template=template)
    groups = [_legend_label(group) for group in sorted(shares["group"].unique())]
    shown = shares.assign(topic=shares["topic"].map(short_label), group=_legend(shares["group"]))
    by_share = shown.groupby("topic")["share"].sum().sort_values(ascending=False, kind="stable")
    fig = px.bar(
        shown,
        x="share",
        y="topic",
        color="group",
        barmode="group",
        orientation="h",
        custom_data=["mentions"],
        color_discrete_map={group: PAIR_COLOURS[index % 2] for index, group in enumerate(groups)},
        # px puts the first on top: the topics with the largest shares
        category_orders={"group": groups, "topic": list(by_share.index)},
    )
    fig.update_traces(hovertemplate="%{y}: %{x:.0%} (%{customdata[0]} mention(s))<extra></extra>")
    fig.update_xaxes(tickformat=".0%")
    return _finish(
        fig,
        title="Share of topic mentions",
        x_title="Share of the group's topic mentions",
        y_title="",
        legend_title="",
        height=_matrix_height(shown["topic"].nunique() * 2),
        template=template,
    )


def distinctive_phrases_figure(phrases: pd.DataFrame, *, template: str | None = None) -> go.Figure:
    """Phrases typical of one group or the other, as a diverging bar (``distinctive_phrases``)."""
    if phrases.empty:
        return empty_figure(
            "Too little text in the two groups to find distinctive phrases.", template=template
        )
    side_of = dict(zip(phrases["distinctive_of"], phrases["score"] > 0, strict=False))
    first = next((name for name, positive in side_of.items() if positive), "the first group")
    second = next((name for name, positive in side_of.items() if not positive), "the second group")
    shown = phrases.assign(
        phrase=phrases["phrase"].map(html.escape),
        distinctive_of=_legend(phrases["distinctive_of"]),
    )
    fig = px.bar(
        shown,
        x="score",
        y="phrase",
        color="distinctive_of",
        orientation="h",
        custom_data=["count_a", "count_b"],
        color_discrete_map={
            _legend_label(name): PAIR_COLOURS[0 if positive else 1]
            for name, positive in side_of.items()
        },
        category_orders={"phrase": list(shown.sort_values("score", ascending=False)["phrase"])},
    )
    fig.update_traces(
        hovertemplate=(
            "“%{y}”: score %{x:.2f}<br>%{customdata[0]} vs %{customdata[1]} occurrence(s)"
            "<extra></extra>"
        )
    )
    return _finish(
        fig,
        title="Distinctive phrases",
        x_title=f"← typical of {_legend_label(second)} · typical of {_legend_label(first)} →",
        y_title="",
        legend_title="Typical of",
        height=_matrix_height(len(shown)),
        template=template,
    )
