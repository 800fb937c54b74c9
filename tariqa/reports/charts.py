"""Charts of the report (and, later, the web application): Vega-Lite specifications built
with Altair and rendered to static SVG and PNG by vl-convert, offline.

Every chart has axis titles with units and a colour-blind-safe palette (Okabe and Ito's
eight colours for categories; viridis for quantities). Functions take plain rows (lists of
dicts) and return a :class:`Figure`; rendering is separate, so the web app can embed the
specification instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
"""Okabe & Ito's palette, reordered so that the first colours differ most in lightness."""
WIDTH = 640


@dataclass
class Figure:
    """A chart with its file name (figures/NAME.svg and .png), caption and text for readers
    who cannot see it."""

    name: str
    title: str
    spec: dict[str, Any]
    description: str

    def svg(self) -> str:
        """The chart as SVG. Ids that the renderer numbers across calls (gradients, clip
        paths) are renumbered within this chart, so the same chart gives the same bytes."""
        import vl_convert

        return stable_ids(str(vl_convert.vegalite_to_svg(self.spec)), self.name)

    def png(self) -> bytes:
        import vl_convert

        return bytes(vl_convert.vegalite_to_png(self.spec, scale=2))


_COUNTED_ID = re.compile(r"\b((?:gradient|clip|pattern)_?)(\d+)\b")


def stable_ids(svg: str, prefix: str) -> str:
    """Renumber counter-made ids in order of appearance, prefixed with the chart's name
    (two charts inlined in one page must not share an id).

    >>> stable_ids('<g id="gradient_7"/><rect fill="url(#gradient_7)"/>', "f")
    '<g id="f-gradient_0"/><rect fill="url(#f-gradient_0)"/>'
    """
    seen: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        key = match.group(0)
        if key not in seen:
            seen[key] = f"{prefix}-{match.group(1)}{len(seen)}"
        return seen[key]

    return _COUNTED_ID.sub(renumber, svg)


def _chart(rows: list[dict[str, Any]]) -> Any:
    import altair as alt

    return alt.Chart(alt.Data(values=rows))  # type: ignore[no-untyped-call]


def _finish(chart: Any, name: str, title: str, description: str, height: int = 240) -> Figure:
    spec = (
        chart.properties(width=WIDTH, height=height, title=title)
        .configure_range(category=OKABE_ITO)
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_legend(labelLimit=0, titleLimit=0)  # legend labels are never cut short
        .configure_view(stroke=None)
        .to_dict()
    )
    spec.pop("$schema", None)
    return Figure(name, title, spec, description)


def timeline(rows: list[dict[str, Any]], name: str = "timeline") -> Figure:
    """Events over time, one row per track; colour by level, shape by kind.
    Rows: date (ISO), track, level, kind, host, label."""
    import altair as alt

    chart = (
        _chart(rows)
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=alt.X("date:T", title="Date of the event (year)"),
            y=alt.Y("track:N", title="Track", sort="ascending"),
            color=alt.Color("level:N", title="Level"),
            shape=alt.Shape("kind:N", title="Kind"),
            tooltip=["date:T", "label:N", "host:N", "level:N"],
        )
    )
    tracks = len({r["track"] for r in rows}) or 1
    return _finish(
        chart, name, "Timeline of events by track", "Each point is one held event; colour shows its level.", 40 * tracks
    )


def heatmap(rows: list[dict[str, Any]], name: str = "track-year") -> Figure:
    """Held events per track and year. Rows: year, track, events."""
    import altair as alt

    base = _chart(rows).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("track:N", title="Track"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("events:Q", title="Events (count)", scale=alt.Scale(scheme="viridis", reverse=True))
    )
    labels = base.mark_text(fontSize=10).encode(text="events:Q", color=alt.value("#222222"))
    tracks = len({r["track"] for r in rows}) or 1
    return _finish(
        cells + labels, name, "Activity by track and year", "Number of held events per track and year.", 34 * tracks
    )


def pair_depth(rows: list[dict[str, Any]], name: str = "pair-depth") -> Figure:
    """Trilateral versus bilateral events per member pair. Rows: pair, kind, events."""
    import altair as alt

    chart = (
        _chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("pair:N", title="Member pair", axis=alt.Axis(labelAngle=0)),
            xOffset="kind:N",
            y=alt.Y("events:Q", title="Held events (count)"),
            color=alt.Color("kind:N", title="Events with"),
            tooltip=["pair:N", "kind:N", "events:Q"],
        )
    )
    return _finish(
        chart,
        name,
        "Trilateral and bilateral activity per member pair",
        "For each pair: events with every member of the group, and events of the pair alone.",
    )


def lines(
    rows: list[dict[str, Any]],
    x: str,
    y: str,
    series: str,
    titles: tuple[str, str, str],
    name: str,
    title: str,
    years: bool = False,
    months: bool = False,
) -> Figure:
    """A line chart with points: ``y`` over ``x``, one line per ``series``. ``years``: ``x``
    is a long run of years, drawn on a continuous axis; ``months``: ``x`` is ``YYYY-MM``,
    drawn on a time axis (months a year apart are a year apart); ordinal otherwise."""
    import altair as alt

    if years:
        x_axis = alt.X(f"{x}:Q", title=titles[0], axis=alt.Axis(format="d"), scale=alt.Scale(zero=False))
    elif months:
        rows = [r | {x: f"{r[x]}-01"} for r in rows]
        x_axis = alt.X(f"{x}:T", title=titles[0], timeUnit="yearmonth", axis=alt.Axis(format="%Y-%m"))
    else:
        x_axis = alt.X(f"{x}:O", title=titles[0], axis=alt.Axis(labelAngle=0))
    chart = (
        _chart(rows)
        .mark_line(point=not years)
        .encode(
            x=x_axis,
            y=alt.Y(f"{y}:Q", title=titles[1]),
            color=alt.Color(f"{series}:N", title=titles[2]),
            tooltip=[f"{x}:O", f"{series}:N", f"{y}:Q"],
        )
    )
    return _finish(chart, name, title, f"{titles[1]} by {titles[0].lower()}, one line per {titles[2].lower()}.")


def bars(
    rows: list[dict[str, Any]], x: str, y: str, colour: str, titles: tuple[str, str, str], name: str, title: str
) -> Figure:
    """Grouped bars: ``y`` per ``x``, one bar per ``colour`` value."""
    import altair as alt

    chart = (
        _chart(rows)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=titles[0], axis=alt.Axis(labelAngle=0)),
            xOffset=f"{colour}:N",
            y=alt.Y(f"{y}:Q", title=titles[1]),
            color=alt.Color(f"{colour}:N", title=titles[2]),
            tooltip=[f"{x}:N", f"{colour}:N", f"{y}:Q"],
        )
    )
    return _finish(chart, name, title, f"{titles[1]} per {titles[0].lower()}, by {titles[2].lower()}.")


def matrix(rows: list[dict[str, Any]], name: str, title: str, value_title: str) -> Figure:
    """A symmetric matrix as a heatmap. Rows: a, b, value."""
    import altair as alt

    base = _chart(rows).encode(x=alt.X("a:N", title="Theme"), y=alt.Y("b:N", title="Theme"))
    cells = base.mark_rect().encode(
        color=alt.Color("value:Q", title=value_title, scale=alt.Scale(scheme="viridis", reverse=True)),
        tooltip=["a:N", "b:N", "value:Q"],
    )
    labels = base.mark_text(fontSize=9).encode(text=alt.Text("value:Q", format=".2f"), color=alt.value("#222222"))
    size = len({r["a"] for r in rows}) or 1
    return _finish(cells + labels, name, title, f"{value_title} for each pair of themes.", 26 * size)


def net_cooperation(series: list[dict[str, Any]]) -> Figure | None:
    """The monthly net cooperation ratio of each member pair and the group (GDELT), on a
    time axis; None when no event links two members. Rows: month, series, value."""
    if not series:
        return None
    titles = ("Month", "Net cooperation ratio ((cooperation − conflict) / events)", "Pair")
    return lines(
        series, "month", "value", "series", titles, "gdelt-net-cooperation", "Net cooperation per month", months=True
    )
