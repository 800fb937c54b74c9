"""Charts as the web pages show them: the report's figures (:mod:`tariqa.reports.charts`)
with text large enough to read on a screen, and a narrow variant laid out for a phone.

A page offers both through ``<picture>``: the narrow one where the screen is at most
:data:`PHONE` wide, drawn :data:`NARROW` pixels wide so that it is shown at its own size
(neither scaled down nor its text shrunk). In the narrow variant the whole chart (axes
and legends included) fits the width, and the legends stand one above the other under
the plot instead of beside it.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any

from fastapi import Query

NARROW = 340
"""The width of the phone variant: a 390-pixel screen less the page's margins."""
PHONE = "(max-width: 40em)"
"""The media query of the screens that get the narrow variant."""
MIN_WIDTH, MAX_WIDTH = 280, 1600
Width = Annotated[
    int | None,
    Query(ge=MIN_WIDTH, le=MAX_WIDTH, description="Draw the chart this many pixels wide in all, legends below it"),
]
"""The ``width`` parameter of a chart's address."""
FONT = {"label": 12, "title": 12, "heading": 14}
"""Sizes of the text in pixels: a chart drawn at its own size shows text at least this large."""


FAMILY = "DejaVu Sans, Verdana, sans-serif"
"""The charts' typeface: wide ones, named, so that the renderer measures the text as wide as
a browser draws it (measured in the renderer's own narrower sans-serif, legends were cut
at the chart's right edge)."""


def legible(spec: dict[str, Any], width: int | None = None) -> dict[str, Any]:
    """A copy of a single-view Vega-Lite ``spec`` with text of :data:`FONT`'s sizes; with
    ``width``, laid out to be that many pixels wide in all, legends below the plot.

    >>> narrow = legible({"mark": "point", "width": 640, "config": {"legend": {}}}, 340)
    >>> narrow["width"], narrow["autosize"]["type"], narrow["config"]["legend"]["orient"]
    (340, 'fit-x', 'bottom')
    >>> legible({"mark": "point"})["config"]["axis"]["labelFontSize"]
    12
    """
    out = copy.deepcopy(spec)
    config = out.setdefault("config", {})
    config["font"] = FAMILY
    config["axis"] = config.get("axis", {}) | {"labelFontSize": FONT["label"], "titleFontSize": FONT["title"]}
    legend = config.get("legend", {}) | {"labelFontSize": FONT["label"], "titleFontSize": FONT["title"]}
    config["title"] = config.get("title", {}) | {"fontSize": FONT["heading"]}
    if width is not None:
        out["width"] = width
        out["autosize"] = {"type": "fit-x", "contains": "padding"}
        stacked = {"bottom": {"direction": "vertical", "anchor": "start"}}
        legend |= {"orient": "bottom", "direction": "vertical", "layout": stacked}
    config["legend"] = legend
    return out


def svg(figure: Any, width: int | None = None) -> str:
    """The figure (a :class:`tariqa.reports.charts.Figure`) as SVG, made :func:`legible`."""
    from tariqa.reports.charts import Figure

    return str(Figure(figure.name, figure.title, legible(figure.spec, width), figure.description).svg())
