"""One function per user task: the public Python API, and what the command line, the web
app and the report call, so that the same question gets the same answer everywhere.

Each task is keyword-only over a store and a frozen options dataclass, and returns a typed
result whose tables convert to Arrow (``result.to_arrow()``, then ``.to_pandas()``):

>>> import tempfile, tariqa
>>> with tempfile.TemporaryDirectory() as tmp, tariqa.open_store(f"{tmp}/study.db") as store:
...     _ = tariqa.load_reference(store)
...     table = tariqa.formats(store, tariqa.FormatsOptions(group="ATP"))
...     [(r["format"], r["rounds"], r["state"]) for r in table.rows][:2]
[('atp-bizforum', 0, 'dormant'), ('atp-exercise', 1, 'dormant')]

Names are loaded on first use, so a command that needs one task does not import them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tariqa.tasks.alignment import AlignmentOptions, AlignmentResult, un_alignment
    from tariqa.tasks.analysis import (
        CalendarOptions,
        CalendarResult,
        IndicatorOptions,
        IndicatorTable,
        calendar,
        compute_indicators,
        default_year,
    )
    from tariqa.tasks.options import FormatState, Period, ThemesBy, Unit, VotePeriod
    from tariqa.tasks.record import (
        Dashboard,
        DashboardOptions,
        EventPage,
        EventsOptions,
        FormatsOptions,
        FormatTable,
        GroupList,
        dashboard,
        each_event,
        events,
        formats,
        groups,
    )
    from tariqa.tasks.results import Tabular

_WHERE = {
    "tariqa.tasks.alignment": ("AlignmentOptions", "AlignmentResult", "un_alignment"),
    "tariqa.tasks.analysis": (
        "CalendarOptions",
        "CalendarResult",
        "IndicatorOptions",
        "IndicatorTable",
        "calendar",
        "compute_indicators",
        "default_year",
    ),
    "tariqa.tasks.options": ("FormatState", "Period", "ThemesBy", "Unit", "VotePeriod"),
    "tariqa.tasks.record": (
        "Dashboard",
        "DashboardOptions",
        "EventPage",
        "EventsOptions",
        "FormatsOptions",
        "FormatTable",
        "GroupList",
        "dashboard",
        "each_event",
        "events",
        "formats",
        "groups",
    ),
    "tariqa.tasks.results": ("Tabular",),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "AlignmentOptions",
    "AlignmentResult",
    "CalendarOptions",
    "CalendarResult",
    "Dashboard",
    "DashboardOptions",
    "EventPage",
    "EventsOptions",
    "FormatState",
    "FormatTable",
    "FormatsOptions",
    "GroupList",
    "IndicatorOptions",
    "IndicatorTable",
    "Period",
    "Tabular",
    "ThemesBy",
    "Unit",
    "VotePeriod",
    "calendar",
    "compute_indicators",
    "dashboard",
    "default_year",
    "each_event",
    "events",
    "formats",
    "groups",
    "un_alignment",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tariqa.tasks' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
