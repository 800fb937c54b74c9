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
    from tariqa.storage import EventFilter, Store, open_store

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
    "tariqa.storage": ("EventFilter", "Store", "open_store"),
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
    "Source",
    "StorageError",
    "Store",
    "TariqaError",
    "TradeFlow",
    "UsageError",
    "__version__",
    "export",
    "open_store",
    "plan",
    "read_inputs",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tariqa' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
