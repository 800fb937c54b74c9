"""What a report is built from, read once: the group and its comparators, the events of the
period, the formats, the sources, and a numbering of every URL the report cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tariqa.indicators import Scope, Shared
from tariqa.indicators.data import GroupData, load
from tariqa.model import Event, Format, Group, Source
from tariqa.reports.charts import Figure
from tariqa.reports.tables import Table
from tariqa.storage import EventFilter, Store


@dataclass
class Quote:
    theme: str
    text: str
    before: str
    after: str
    document: str
    date: str | None
    source: int | None


@dataclass
class Section:
    """One section of the report; ``note`` replaces the content when the data are missing."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    note: str = ""


class Citations:
    """Numbers for cited URLs, in order of first citation."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, urls: list[str] | tuple[str, ...]) -> list[int]:
        return [self.numbers.setdefault(u, len(self.numbers) + 1) for u in urls]

    def marks(self, urls: list[str] | tuple[str, ...]) -> str:
        """``[1, 4]``: the numbers of ``urls`` as shown in tables."""
        numbers = self.cite(urls)
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""


@dataclass
class Context:
    store: Store
    scope: Scope
    group: Group
    comparators: list[str]
    events: list[Event]
    formats: list[Format]
    data: GroupData
    others: list[GroupData]
    sources: dict[str, Source]
    claims: Path | None
    allow_partial: bool
    citations: Citations = field(default_factory=Citations)
    gdelt: Path | None = None
    votes: Path | None = None
    """The UN vote data (None: the settings' default folder)."""
    cited_by_claims: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Publisher, title and date of URLs that only a claim cites (from the claims file)."""

    @property
    def as_of(self) -> date:
        return self.data.as_of

    @property
    def held(self) -> list[Event]:
        return [e for e in self.events if e.status.value == "held"]


def read_context(
    store: Store,
    scope: Scope,
    comparators: list[str],
    claims: Path | None = None,
    allow_partial: bool = False,
    as_of: date | None = None,
) -> Context:
    group = store.group(scope.group)
    for other in comparators:
        store.group(other)  # NotFound names the known groups
    shared = Shared.read(store, as_of)
    data = load(store, scope, shared=shared)
    others = [load(store, Scope(g, scope.since, scope.until), shared=shared) for g in comparators]
    events = store.events(EventFilter(group=group.id, since=data.scope.since, until=data.scope.until))
    sources = {u.source.url: u.source for u in store.source_uses()}
    return Context(
        store,
        data.scope,
        group,
        comparators,
        events,
        store.formats(group.id),
        data,
        others,
        sources,
        claims,
        allow_partial,
    )


def rows_of(table: list[dict[str, Any]], *keys: str) -> list[list[Any]]:
    return [[r.get(k) for k in keys] for r in table]
