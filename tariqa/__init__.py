"""tariqa: a sourced, checkable record of informal cooperation between states.

The public API: open a store, read files into it, export it, query it. Names are
loaded on first use, so ``import tariqa`` (and the command line) starts fast.

>>> import tariqa
>>> tariqa.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tariqa.version import __version__

if TYPE_CHECKING:
    from tariqa.errors import (
        ConflictError,
        ImportProblems,
        InputError,
        NotFound,
        Problem,
        StorageError,
        TariqaError,
        UsageError,
    )
    from tariqa.io import export, plan, read_inputs
    from tariqa.model import Actor, Conflict, Document, Event, Format, Group, Participant, Source, TradeFlow
    from tariqa.reference import Take, load_reference, reference_status, settle
    from tariqa.storage import EventFilter, Store, open_store
    from tariqa.storage.shipped import RecordState, ShippedState, Sync

_WHERE = {
    "tariqa.errors": (
        "ConflictError",
        "ImportProblems",
        "InputError",
        "NotFound",
        "Problem",
        "StorageError",
        "TariqaError",
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
    "tariqa.storage": ("EventFilter", "Store", "open_store"),
    "tariqa.storage.shipped": ("RecordState", "ShippedState", "Sync"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "Actor",
    "Conflict",
    "ConflictError",
    "Document",
    "Event",
    "EventFilter",
    "Format",
    "Group",
    "ImportProblems",
    "InputError",
    "NotFound",
    "Participant",
    "Problem",
    "RecordState",
    "ShippedState",
    "Source",
    "StorageError",
    "Store",
    "Sync",
    "Take",
    "TariqaError",
    "TradeFlow",
    "UsageError",
    "__version__",
    "export",
    "load_reference",
    "open_store",
    "plan",
    "read_inputs",
    "reference_status",
    "settle",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tariqa' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
