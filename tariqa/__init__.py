"""tariqa: a sourced, checkable record of informal cooperation between states.

The public API: open a store, read files into it, export it, query it.

>>> import tariqa
>>> tariqa.__version__
'0.1.0'
"""

from __future__ import annotations

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
from tariqa.model import (
    Actor,
    Conflict,
    Document,
    Event,
    Format,
    Group,
    Participant,
    Source,
    TradeFlow,
)
from tariqa.storage import EventFilter, Store, open_store
from tariqa.version import __version__

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
    "open_store",
]
