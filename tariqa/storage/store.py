"""The Store: the one gateway to the database for every other layer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from tariqa.errors import IntegrityProblems, NotFound, Problem, StorageError
from tariqa.storage import reads
from tariqa.storage.accounts import Accounts
from tariqa.storage.candidates import Candidates
from tariqa.storage.editing import Editing
from tariqa.storage.fetchlog import FetchLog
from tariqa.storage.location import FileWatch, sqlite_path
from tariqa.storage.logins import Logins
from tariqa.storage.tokens import Tokens

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tariqa.model import Code, Coding, Document, Event, Format, Group, Parsed, Source, TradeFlow
    from tariqa.storage import shipped
    from tariqa.storage.importer import ImportSummary
    from tariqa.storage.rows import Prepared


T = TypeVar("T")


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field left as None matches everything."""

    group: str | None = None
    track: str | None = None
    level: str | None = None
    kind: str | None = None
    format: str | None = None
    since: date | None = None
    until: date | None = None
    state: str | None = None


@dataclass(frozen=True)
class SourceUse:
    """A source with how many events cite it, and how many documents, trade flows and
    groups' coverage (``documents``)."""

    source: Source
    events: int
    documents: int


class Store(Accounts, Tokens, Logins, Editing, FetchLog, Candidates):
    """Repository methods over one database (SQLite or PostgreSQL).

    Reads of a SQLite file go through sqlite3; writes, migrations and every
    PostgreSQL query go through SQLAlchemy, whose engine is made on first use.
    Accounts and sessions come from :class:`.Accounts`, API tokens from :class:`.Tokens`,
    failed logins from :class:`.Logins`, saving one record with its audit trail from
    :class:`.Editing`, the fetch log and fetched texts from :class:`.FetchLog`, candidate
    events of the living record from :class:`.Candidates`.
    """

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        path = sqlite_path(url)
        self._watch = FileWatch(path) if path else None
        if engine is not None:
            self.__dict__["engine"] = self._guarded(engine)
        if path is not None and self._watch is not None:
            self._watch.check()
            self._reader: reads.Reader = reads.SqliteReader(path, self._watch.check)
        else:
            self._reader = reads.EngineReader(self.engine)

    @cached_property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (created when first needed)."""
        from tariqa.storage.engine import make_engine

        return self._guarded(make_engine(self.url))

    def _guarded(self, engine: Engine) -> Engine:
        """Every write transaction on a SQLite file first checks that it is still the file."""
        if self._watch is not None:
            from tariqa.storage.engine import before_each_transaction

            before_each_transaction(engine, self._watch.check)
        return engine

    @property
    def dialect(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else self.url.split(":", 1)[0].split("+")[0]

    def close(self) -> None:
        if isinstance(self._reader, reads.SqliteReader):
            self._reader.close()
        if "engine" in self.__dict__:
            self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing -------------------------------------------------------------
    def import_items(
        self, items: Iterable[Parsed | Prepared | Problem], replace: bool = False, dry_run: bool = False
    ) -> ImportSummary:
        """Import a stream of parsed entities all-or-nothing (see :mod:`.importer`)."""
        from sqlalchemy.exc import DatabaseError, OperationalError

        from tariqa.storage.importer import import_batch

        try:
            return import_batch(self.engine, items, replace=replace, dry_run=dry_run)
        except (OperationalError, DatabaseError) as exc:
            raise StorageError(f"database error during import: {exc.orig}") from None

    def load_shipped(
        self, items: Iterable[Prepared], release: str, dry_run: bool = False
    ) -> tuple[shipped.Sync, ImportSummary]:
        """Load the shipped reference record, keeping what was changed here (:mod:`.shipped`)."""
        from tariqa.storage import shipped

        return self._writing(lambda: shipped.load(self.engine, items, release, dry_run))

    def shipped_states(self, items: Iterable[Prepared]) -> list[shipped.RecordState]:
        """Where each shipped record stands here (nothing is written)."""
        from tariqa.storage import shipped

        with self.engine.connect() as conn:
            return [state for _, state, _ in shipped.states(conn, items)]

    def take_shipped(self, item: Prepared, side: str, release: str) -> ImportSummary:
        """Settle one shipped record: ``shipped`` takes the release's version, ``mine`` keeps ours."""
        from tariqa.storage import shipped

        return self._writing(lambda: shipped.take(self.engine, item, side, release))

    def _writing(self, write: Callable[[], T]) -> T:
        from sqlalchemy.exc import DatabaseError, OperationalError

        try:
            return write()
        except (OperationalError, DatabaseError) as exc:
            raise StorageError(f"database error while writing: {exc.orig}") from None

    def check_integrity(self) -> None:
        """Raise IntegrityProblems if any stored reference points to a missing record."""
        from tariqa.storage.checks import broken_references

        with self.engine.connect() as conn:
            problems = [
                Problem(collection, key, fld, message) for collection, key, fld, _, message in broken_references(conn)
            ]
        if problems:
            raise IntegrityProblems(problems)

    # reading -------------------------------------------------------------
    def _column(self, sql: str, params: dict[str, Any] | None = None, stream: bool = False) -> list[Any]:
        return [row[0] for row in self._reader.rows(sql, params, stream)]

    def revision(self) -> int:
        """A number that every import and every save increments (in its transaction):
        results derived from the record can be cached under it."""
        return int(self._column("SELECT n FROM record_revision WHERE id = 1")[0])

    def count(self, collection: str) -> int:
        return int(self._column(f"SELECT count(*) FROM {_table(collection)}")[0])  # noqa: S608 (known table)

    def iter_bodies(self, collection: str) -> Iterator[str]:
        """Canonical JSON of every record of ``collection``, in export order, streamed."""
        sql = f"SELECT body FROM {_table(collection)} ORDER BY {reads.ORDER[collection]}"  # noqa: S608
        for row in self._reader.rows(sql, stream=True):
            yield str(row[0])

    def groups(self) -> list[Group]:
        from tariqa.model import Group

        return [Group.model_validate_json(b) for b in self.iter_bodies("groups")]

    def group(self, group_id: str) -> Group:
        from tariqa.model import Group

        self.require(group=group_id)
        return Group.model_validate_json(self._column("SELECT body FROM groups WHERE id = :id", {"id": group_id})[0])

    def require(self, group: str | None = None, format: str | None = None) -> None:
        """Raise NotFound unless the group and format (when given) exist; no model objects."""
        if group is not None and not self._column("SELECT 1 FROM groups WHERE id = :id", {"id": group}):
            known = ", ".join(self._column("SELECT id FROM groups ORDER BY id")) or "none"
            raise NotFound(f"unknown group {group!r} (known: {known})")
        if format is not None and not self._column("SELECT 1 FROM formats WHERE id = :id", {"id": format}):
            raise NotFound(f"unknown format {format!r}")

    def format(self, format_id: str) -> Format:
        from tariqa.model import Format

        self.require(format=format_id)
        return Format.model_validate_json(self._column("SELECT body FROM formats WHERE id = :id", {"id": format_id})[0])

    def formats(self, group: str | None = None) -> list[Format]:
        from tariqa.model import Format

        if group is None:
            bodies = self._column("SELECT body FROM formats ORDER BY id")
        else:
            bodies = self._column("SELECT body FROM formats WHERE group_id = :g ORDER BY id", {"g": group})
        return [Format.model_validate_json(b) for b in bodies]

    def group_tallies(self) -> dict[str, tuple[int, int, int, int, int, int]]:
        """Per group: (events, events with every member, events of two states, high,
        medium, low confidence), counted in SQL without reading any event."""
        return {
            str(g): (int(a), int(b), int(c), int(d), int(e), int(f))
            for g, a, b, c, d, e, f in self._reader.rows(reads.GROUP_TALLIES)
        }

    def event_counts_by_group(self) -> dict[str, int]:
        rows = self._reader.rows("SELECT group_id, count(*) FROM events GROUP BY group_id")
        return {str(g): int(n) for g, n in rows}

    def event_records(self, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Events matching ``where`` as plain data (no model objects), by date then id."""
        sql, params = reads.event_query(asdict(where or EventFilter()))
        for row in self._reader.rows(sql, params, stream=True):
            yield json.loads(row[0])

    def event_page(
        self, where: EventFilter, limit: int, offset: int = 0, total: int | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of events matching ``where`` as plain data, and how many match in all
        (counted unless ``total`` is given)."""
        sql, count, params = reads.event_page_query(asdict(where), limit, offset, total)
        rows = [json.loads(b) for b in self._column(sql, params)] if limit else []
        if total is None:
            total = int(self._column(count, {k: v for k, v in params.items() if k not in ("limit", "offset")})[0])
        return rows, total

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Events matching ``where``, by date then id."""
        from tariqa.model import Event

        sql, params = reads.event_query(asdict(where or EventFilter()))
        return [Event.model_validate_json(b) for b in self._column(sql, params, stream=True)]

    def event(self, event_id: str) -> Event:
        from tariqa.model import Event

        bodies = self._column("SELECT body FROM events WHERE id = :id", {"id": event_id})
        if not bodies:
            raise NotFound(f"unknown event {event_id!r}")
        return Event.model_validate_json(bodies[0])

    def source_uses(self) -> list[SourceUse]:
        """Every source with the number of events, and documents or trade flows, citing it."""
        from tariqa.model import Source

        return [
            SourceUse(Source.model_validate_json(b), int(e), int(d)) for b, e, d in self._reader.rows(reads.SOURCE_USES)
        ]

    def latest_access(self) -> date | None:
        """The latest access date of any source."""
        days = [json.loads(b).get("accessed") for b in self.iter_bodies("sources")]
        found = [d for d in days if d]
        return date.fromisoformat(max(found)) if found else None

    def record_date(self) -> date:
        """The date the record speaks for, never the machine's clock (so results are
        reproducible): the latest access date of its sources; for a record whose sources
        give none, its latest event's date; for an empty record, 1 January 1970."""
        found = self.latest_access()
        if found is not None:
            return found
        last = self._column("SELECT max(date) FROM events")[0]
        return date.fromisoformat(str(last)) if last else date(1970, 1, 1)

    def trade_flows(self) -> list[TradeFlow]:
        """Every trade flow, by reporter, partner, year and direction."""
        from tariqa.model import TradeFlow

        return [TradeFlow.model_validate_json(b) for b in self.iter_bodies("trade_flows")]

    # content analysis ------------------------------------------------------
    def codes(self) -> list[Code]:
        """The codebook, by id."""
        from tariqa.model import Code

        return [Code.model_validate_json(b) for b in self.iter_bodies("codes")]

    def documents(self) -> list[Document]:
        from tariqa.model import Document

        return [Document.model_validate_json(b) for b in self.iter_bodies("documents")]

    def documents_by_id(self, ids: Iterable[str]) -> list[Document]:
        """The documents with these ids (unknown ids are skipped), by id."""
        from tariqa.model import Document

        wanted = sorted(set(ids))
        return [Document.model_validate_json(b) for b in self._bodies_where("documents", "id", wanted)]

    def sources_by_url(self, urls: Iterable[str]) -> dict[str, Source]:
        """The sources with these URLs (unknown URLs are skipped)."""
        from tariqa.model import Source

        found = [Source.model_validate_json(b) for b in self._bodies_where("sources", "url", sorted(set(urls)))]
        return {s.url: s for s in found}

    def _bodies_where(self, table: str, column: str, values: list[str]) -> list[str]:
        bodies: list[str] = []
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ", ".join(f":v{j}" for j in range(len(chunk)))
            sql = f"SELECT body FROM {_table(table)} WHERE {column} IN ({marks}) ORDER BY {column}"  # noqa: S608
            bodies += self._column(sql, {f"v{j}": v for j, v in enumerate(chunk)})
        return bodies

    def events_citing(self, url: str) -> list[str]:
        """Ids of the events that cite ``url``."""
        sql = "SELECT DISTINCT event_id FROM event_sources WHERE url = :u ORDER BY event_id"
        return [str(v) for v in self._column(sql, {"u": url})]

    def text_lengths(self) -> dict[str, int]:
        """Length in code points of each document's stored text."""
        return {str(i): int(n) for i, n in self._reader.rows("SELECT id, length(text) FROM document_texts")}

    def document_text(self, document_id: str) -> str:
        texts = self._column("SELECT text FROM document_texts WHERE id = :id", {"id": document_id})
        if not texts:
            self.require_document(document_id)
            raise NotFound(f"document {document_id!r} has no stored text")
        return str(texts[0])

    def require_document(self, document_id: str) -> None:
        if not self._column("SELECT 1 FROM documents WHERE id = :id", {"id": document_id}):
            raise NotFound(f"unknown document {document_id!r}")

    def codings(self, **where: str | None) -> list[Coding]:
        """Codings filtered by ``document``, ``code``, ``coder`` and ``status``, in text order."""
        from tariqa.model import Coding

        columns = {"document": "document_id", "code": "code_id", "coder": "coder", "status": "status"}
        clauses = [f"{columns[k]} = :{k}" for k, v in where.items() if v is not None]
        params = {k: v for k, v in where.items() if v is not None}
        sql = "SELECT body FROM codings" + (" WHERE " + " AND ".join(clauses) if clauses else "")  # noqa: S608
        sql += ' ORDER BY document_id, start, "end", code_id, coder'
        return [Coding.model_validate_json(b) for b in self._column(sql, params)]

    def coding_ids(self, coder: str) -> set[str]:
        """Ids of the codings by ``coder``, without loading bodies."""
        return {str(v) for v in self._column("SELECT id FROM codings WHERE coder = :coder", {"coder": coder})}

    def coding_units(self, statuses: tuple[str, ...] = ("manual", "accepted")) -> list[tuple[str, str]]:
        """(document, code) of every coding with one of ``statuses``, without loading bodies."""
        marks = ", ".join(f":s{i}" for i in range(len(statuses)))
        sql = f"SELECT document_id, code_id FROM codings WHERE status IN ({marks}) ORDER BY document_id, code_id"  # noqa: S608
        rows = self._reader.rows(sql, {f"s{i}": s for i, s in enumerate(statuses)})
        return [(str(d), str(c)) for d, c in rows]

    def codebook_versions(self) -> list[tuple[int, str]]:
        """(version, created) of every stored codebook version."""
        rows = self._reader.rows("SELECT version, created FROM codebook_versions ORDER BY version")
        return [(int(v), str(c)) for v, c in rows]

    def events_without_sources(self) -> list[str]:
        """Ids of events with no source (the importer forbids them; this guards the database)."""
        return [str(v) for v in self._column(reads.EVENTS_WITHOUT_SOURCES)]


def _table(collection: str) -> str:
    if collection not in reads.ORDER:
        raise NotFound(f"unknown record type {collection!r}")
    return collection
