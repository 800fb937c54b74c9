"""tariqa: a sourced, checkable record of informal cooperation between states.

The public API: open a store (and load the shipped reference record into it), read files
into it, export it, and ask it questions with the task functions, each over a frozen
options dataclass, each giving a typed result whose tables convert to Arrow (and so to
pandas or polars). The command line, the web app and the report call the same functions,
so the same question gets the same answer everywhere. Names are loaded on first use, so
``import tariqa`` (and the command line) starts fast.

>>> import tempfile, tariqa
>>> with tempfile.TemporaryDirectory() as tmp, tariqa.open_store(f"{tmp}/study.db") as store:
...     _ = tariqa.load_reference(store)
...     table = tariqa.compute_indicators(store, tariqa.IndicatorOptions(groups=("ATP",), names=("intensity",)))
...     df = table.to_arrow().to_pandas()
...     sorted(df["measure"])[:2]
['events', 'events per year']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tariqa.version import __version__

if TYPE_CHECKING:
    from tariqa.errors import (
        ConflictError,
        DatabaseUnavailable,
        ImportProblems,
        InputError,
        NotFound,
        Problem,
        StorageError,
        TariqaError,
        TooLarge,
        UsageError,
    )
    from tariqa.io import export, plan, read_inputs
    from tariqa.model import Actor, Conflict, Document, Event, Format, Group, Participant, Source, TradeFlow
    from tariqa.reference import Take, load_reference, reference_status, settle
    from tariqa.reports import ReportOptions, report
    from tariqa.settings import Settings
    from tariqa.storage import EventFilter, Store, open_store
    from tariqa.storage.shipped import RecordState, ShippedState, Sync
    from tariqa.tasks import (
        AlignmentOptions,
        AlignmentResult,
        CalendarOptions,
        CalendarResult,
        Dashboard,
        DashboardOptions,
        EventPage,
        EventsOptions,
        FormatsOptions,
        FormatTable,
        GroupList,
        IndicatorOptions,
        IndicatorTable,
        Period,
        Tabular,
        ThemesBy,
        Unit,
        VotePeriod,
        calendar,
        compute_indicators,
        dashboard,
        events,
        formats,
        groups,
        un_alignment,
    )
    from tariqa.tasks.claims import ClaimChecks, ClaimsOptions, check_claims
    from tariqa.tasks.class_scale import ClassComparison, ClassOptions, compare_class
    from tariqa.tasks.content import (
        CooccurrenceOptions,
        CorpusOptions,
        QuotesOptions,
        ReliabilityOptions,
        ThemesOptions,
        cooccurrence,
        quotes,
        reliability,
        themes,
    )
    from tariqa.tasks.documents import AttachOptions, AttachResult, attach_text
    from tariqa.tasks.eventdata import DyadsOptions, DyadsResult, gdelt_dyads
    from tariqa.tasks.exchange import (
        RefiExportOptions,
        RefiExportResult,
        RefiImportOptions,
        RefiImportResult,
        refi_export,
        refi_import,
    )

_WHERE = {
    "tariqa.errors": (
        "ConflictError",
        "DatabaseUnavailable",
        "ImportProblems",
        "InputError",
        "NotFound",
        "Problem",
        "StorageError",
        "TariqaError",
        "TooLarge",
        "UsageError",
    ),
    "tariqa.io": ("export", "plan", "read_inputs"),
    "tariqa.model": (
        "Actor",
        "Conflict",
        "Document",
        "Event",
        "Format",
        "Group",
        "Participant",
        "Source",
        "TradeFlow",
    ),
    "tariqa.reference": ("Take", "load_reference", "reference_status", "settle"),
    "tariqa.reports": ("ReportOptions", "report"),
    "tariqa.settings": ("Settings",),
    "tariqa.storage": ("EventFilter", "Store", "open_store"),
    "tariqa.storage.shipped": ("RecordState", "ShippedState", "Sync"),
    "tariqa.tasks": (
        "AlignmentOptions",
        "AlignmentResult",
        "CalendarOptions",
        "CalendarResult",
        "Dashboard",
        "DashboardOptions",
        "EventPage",
        "EventsOptions",
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
        "dashboard",
        "events",
        "formats",
        "groups",
        "compute_indicators",
        "un_alignment",
    ),
    "tariqa.tasks.claims": ("ClaimChecks", "ClaimsOptions", "check_claims"),
    "tariqa.tasks.class_scale": ("ClassComparison", "ClassOptions", "compare_class"),
    "tariqa.tasks.content": (
        "CooccurrenceOptions",
        "CorpusOptions",
        "QuotesOptions",
        "ReliabilityOptions",
        "ThemesOptions",
        "cooccurrence",
        "quotes",
        "reliability",
        "themes",
    ),
    "tariqa.tasks.documents": ("AttachOptions", "AttachResult", "attach_text"),
    "tariqa.tasks.eventdata": ("DyadsOptions", "DyadsResult", "gdelt_dyads"),
    "tariqa.tasks.exchange": (
        "RefiExportOptions",
        "RefiExportResult",
        "RefiImportOptions",
        "RefiImportResult",
        "refi_export",
        "refi_import",
    ),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "Actor",
    "AlignmentOptions",
    "AlignmentResult",
    "AttachOptions",
    "AttachResult",
    "CalendarOptions",
    "CalendarResult",
    "ClaimChecks",
    "ClaimsOptions",
    "ClassComparison",
    "ClassOptions",
    "Conflict",
    "ConflictError",
    "CooccurrenceOptions",
    "CorpusOptions",
    "Dashboard",
    "DashboardOptions",
    "DatabaseUnavailable",
    "Document",
    "DyadsOptions",
    "DyadsResult",
    "Event",
    "EventFilter",
    "EventPage",
    "EventsOptions",
    "Format",
    "FormatTable",
    "FormatsOptions",
    "Group",
    "GroupList",
    "ImportProblems",
    "IndicatorOptions",
    "IndicatorTable",
    "InputError",
    "NotFound",
    "Participant",
    "Period",
    "Problem",
    "QuotesOptions",
    "RecordState",
    "RefiExportOptions",
    "RefiExportResult",
    "RefiImportOptions",
    "RefiImportResult",
    "ReliabilityOptions",
    "ReportOptions",
    "Settings",
    "ShippedState",
    "Source",
    "StorageError",
    "Store",
    "Sync",
    "Tabular",
    "Take",
    "TariqaError",
    "ThemesBy",
    "ThemesOptions",
    "TooLarge",
    "TradeFlow",
    "Unit",
    "UsageError",
    "VotePeriod",
    "__version__",
    "attach_text",
    "calendar",
    "check_claims",
    "compare_class",
    "compute_indicators",
    "cooccurrence",
    "dashboard",
    "events",
    "export",
    "formats",
    "gdelt_dyads",
    "groups",
    "load_reference",
    "open_store",
    "plan",
    "quotes",
    "read_inputs",
    "reference_status",
    "refi_export",
    "refi_import",
    "reliability",
    "report",
    "settle",
    "themes",
    "un_alignment",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tariqa' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
