"""Read queries, written once as SQL text with ``:name`` parameters, and two ways to run
them: the standard library's sqlite3 for SQLite files (fast to start: no SQLAlchemy
import), SQLAlchemy for everything else.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: Export order of each collection's table (see tables.ENTITY_TABLES, checked by a test).
ORDER = {
    "groups": "id",
    "formats": "id",
    "sources": "url",
    "actors": "id",
    "events": "id",
    "documents": "id",
    "trade_flows": "reporter, partner, year, direction, url",
    "document_texts": "id",
    "codes": "id",
    "codings": 'document_id, start, "end", code_id, coder',
    "memos": "about, target, id",
}

SOURCE_USES = """
SELECT s.body, coalesce(ev.n, 0), coalesce(doc.n, 0) + coalesce(tr.n, 0)
FROM sources s
LEFT JOIN (SELECT url, count(DISTINCT event_id) AS n FROM event_sources GROUP BY url) ev ON ev.url = s.url
LEFT JOIN (SELECT url, count(DISTINCT document_id) AS n FROM document_sources GROUP BY url) doc
  ON doc.url = s.url
LEFT JOIN (SELECT url, count(*) AS n FROM trade_flows GROUP BY url) tr ON tr.url = s.url
ORDER BY s.url
"""

EVENTS_WITHOUT_SOURCES = """
SELECT id FROM events
WHERE id NOT IN (SELECT event_id FROM event_sources WHERE role = 'record')
ORDER BY id
"""

_EVENT_COLUMNS = {
    "group": "group_id",
    "track": "track",
    "level": "level",
    "kind": "kind",
    "format": "format_id",
}


def event_query(where: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing event bodies by date, filtered by ``where``.

    >>> event_query({"group": "ATP", "since": None})
    ('SELECT body FROM events WHERE group_id = :group ORDER BY date, id', {'group': 'ATP'})
    """
    clauses, params = [], {}
    for name, value in where.items():
        if value is None:
            continue
        params[name] = value
        if name in _EVENT_COLUMNS:
            clauses.append(f"{_EVENT_COLUMNS[name]} = :{name}")
        elif name == "since":
            clauses.append("date >= :since")
        elif name == "until":
            clauses.append("date <= :until")
        elif name == "state":
            clauses.append("id IN (SELECT event_id FROM event_states WHERE state = :state)")
        else:
            raise ValueError(f"unknown event filter {name!r}")
    sql = "SELECT body FROM events"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return sql + " ORDER BY date, id", params


def event_page_query(where: Mapping[str, Any], limit: int, offset: int) -> tuple[str, str, dict[str, Any]]:
    """The SQL of one page of events (bodies, by date then id) and of their total count.

    >>> event_page_query({"group": "ATP"}, 50, 100)[0]
    'SELECT body FROM events WHERE group_id = :group ORDER BY date, id LIMIT :limit OFFSET :offset'
    """
    sql, params = event_query(where)
    count = sql.replace("SELECT body FROM", "SELECT count(*) FROM").replace(" ORDER BY date, id", "")
    return sql + " LIMIT :limit OFFSET :offset", count, {**params, "limit": limit, "offset": offset}


class Reader(Protocol):
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]: ...


class SqliteReader:
    """Runs read queries on a SQLite file with sqlite3: one read-only connection per
    thread, opened on first use and kept (a web worker's threads each reuse theirs; every
    statement still reads the latest committed state, as nothing holds a transaction)."""

    def __init__(self, path: Path, check: Callable[[], None] = lambda: None) -> None:
        self.path = path
        self._check = check
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path)
            con.execute("PRAGMA query_only = 1")
            self._local.con = con
        return con

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        bound = {k: v.isoformat() if isinstance(v, date) else v for k, v in (params or {}).items()}
        self._check()
        try:
            cursor = self._connection().execute(sql, bound)
        except sqlite3.OperationalError as exc:
            from tariqa.errors import StorageError

            raise StorageError(f"cannot read the database {self.path}: {exc}") from None
        yield from cursor

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


class EngineReader:
    """Runs read queries through SQLAlchemy (PostgreSQL, in-memory SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=5000).execute(text(sql), dict(params or {}))
            for row in result:
                yield tuple(row)
