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
SELECT s.body, coalesce(ev.n, 0), coalesce(doc.n, 0) + coalesce(tr.n, 0) + coalesce(gr.n, 0)
FROM sources s
LEFT JOIN (SELECT url, count(DISTINCT event_id) AS n FROM event_sources GROUP BY url) ev ON ev.url = s.url
LEFT JOIN (SELECT url, count(DISTINCT document_id) AS n FROM document_sources GROUP BY url) doc
  ON doc.url = s.url
LEFT JOIN (SELECT url, count(*) AS n FROM trade_flows GROUP BY url) tr ON tr.url = s.url
LEFT JOIN (SELECT url, count(DISTINCT group_id) AS n FROM group_sources GROUP BY url) gr ON gr.url = s.url
ORDER BY s.url
"""

#: Per group: its events, those with every member among their states (a member count of
#: ``group_members`` rows), those of exactly two states, and its events by confidence.
GROUP_TALLIES = """
WITH per_event AS (
  SELECT e.id, e.group_id, e.confidence, count(s.state) AS n, count(m.state) AS members
  FROM events e
  LEFT JOIN event_states s ON s.event_id = e.id
  LEFT JOIN group_members m ON m.group_id = e.group_id AND m.state = s.state
  GROUP BY e.id, e.group_id, e.confidence
), sizes AS (
  SELECT group_id, count(*) AS size FROM group_members GROUP BY group_id
)
SELECT p.group_id, count(*),
  sum(CASE WHEN p.members = coalesce(z.size, 0) THEN 1 ELSE 0 END),
  sum(CASE WHEN p.n = 2 THEN 1 ELSE 0 END),
  sum(CASE WHEN p.confidence = 'high' THEN 1 ELSE 0 END),
  sum(CASE WHEN p.confidence = 'medium' THEN 1 ELSE 0 END),
  sum(CASE WHEN p.confidence = 'low' THEN 1 ELSE 0 END)
FROM per_event p LEFT JOIN sizes z ON z.group_id = p.group_id
GROUP BY p.group_id
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


def _event_source(where: Mapping[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
    """The table, WHERE clause and reading order of the events matching ``where``, and
    the parameters. A filter by state reads ``event_states``, which carries each event's
    date and filter columns beside each of its states: one index in date order."""
    params = {name: value for name, value in where.items() if value is not None}
    unknown = set(params) - {*_EVENT_COLUMNS, "since", "until", "state"}
    if unknown:
        raise ValueError(f"unknown event filter {sorted(unknown)[0]!r}")
    by_state = "state" in params
    s = "s." if by_state else ""
    clauses = ["s.state = :state"] if by_state else []
    clauses += [f"{s}{column} = :{name}" for name, column in _EVENT_COLUMNS.items() if name in params]
    clauses += [f"{s}date >= :since"] if "since" in params else []
    clauses += [f"{s}date <= :until"] if "until" in params else []
    where_sql = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    if by_state:
        return "event_states s", where_sql, "s.date, s.event_id", params
    return "events", where_sql, "date, id", params


def event_query(where: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters listing event bodies by date, filtered by ``where``.

    >>> event_query({"group": "ATP", "since": None})
    ('SELECT body FROM events WHERE group_id = :group ORDER BY date, id', {'group': 'ATP'})
    >>> print(event_query({"state": "PAK", "kind": "meeting"})[0].replace(" WHERE", "\\nWHERE"))
    SELECT e.body FROM event_states s JOIN events e ON e.id = s.event_id
    WHERE s.state = :state AND s.kind = :kind ORDER BY s.date, s.event_id
    """
    table, where_sql, order, params = _event_source(where)
    if table == "events":
        return f"SELECT body FROM events{where_sql} ORDER BY {order}", params  # noqa: S608 (fixed SQL)
    return f"SELECT e.body FROM {table} JOIN events e ON e.id = s.event_id{where_sql} ORDER BY {order}", params  # noqa: S608


def event_page_query(
    where: Mapping[str, Any], limit: int, offset: int, total: int | None = None
) -> tuple[str, str, dict[str, Any]]:
    """The SQL of one page of events (bodies, by date then id) and of their total count.

    The page's ids are found first in an index, without reading any event however deep
    the page is; then only the page's events are read. When ``total`` is known and the
    page lies in the back half, the index is walked from its end: the last page costs
    what the first does, and no page skips more than half the entries.

    >>> print(event_page_query({"group": "ATP"}, 50, 100)[0].replace(" ORDER", "\\nORDER"))
    SELECT e.body FROM (SELECT date AS d, id AS i FROM events WHERE group_id = :group
    ORDER BY date, id LIMIT :limit OFFSET :offset) p JOIN events e ON e.id = p.i
    ORDER BY p.d, p.i
    >>> sql, _, params = event_page_query({}, 50, 950, total=1000)
    >>> print(sql.replace(" ORDER", "\\nORDER"))
    SELECT e.body FROM (SELECT date AS d, id AS i FROM events
    ORDER BY date DESC, id DESC LIMIT :limit OFFSET :offset) p JOIN events e ON e.id = p.i
    ORDER BY p.d, p.i
    >>> params
    {'limit': 50, 'offset': 0}
    """
    table, where_sql, order, params = _event_source(where)
    keys = "date AS d, id AS i" if table == "events" else "s.date AS d, s.event_id AS i"
    if total is not None and offset > total // 2:
        # the same rows, counted from the end: the last page may be short
        limit, offset = max(0, min(limit, total - offset)), max(0, total - offset - limit)
        order = ", ".join(f"{column} DESC" for column in order.split(", "))
    # fixed SQL: the table, columns and clauses come from _event_source, values are parameters
    page = f"SELECT {keys} FROM {table}{where_sql} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
    sql = f"SELECT e.body FROM ({page}) p JOIN events e ON e.id = p.i ORDER BY p.d, p.i"  # noqa: S608
    count = f"SELECT count(*) FROM {table}{where_sql}"  # noqa: S608
    return sql, count, {**params, "limit": limit, "offset": offset}


class Reader(Protocol):
    def rows(
        self, sql: str, params: Mapping[str, Any] | None = None, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]: ...


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

    def rows(
        self, sql: str, params: Mapping[str, Any] | None = None, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, read as they are consumed (``stream`` changes nothing here:
        sqlite3 always steps through the result)."""
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
    """Runs read queries through SQLAlchemy (PostgreSQL, in-memory SQLite).

    On PostgreSQL each read runs outside a transaction (no BEGIN and ROLLBACK around it)
    and, unless it is a ``stream`` over a whole table, in one round trip: a server-side
    cursor costs a DECLARE, a FETCH per batch and a CLOSE, which for the few rows of a
    page or a lookup was most of a web request's time."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reads = (
            engine.execution_options(isolation_level="AUTOCOMMIT") if engine.dialect.name == "postgresql" else engine
        )

    def rows(
        self, sql: str, params: Mapping[str, Any] | None = None, stream: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of a query; with ``stream``, fetched in batches as they are consumed
        (memory stays flat over a whole table), else all at once and the connection is
        given back before the first row is yielded."""
        from sqlalchemy import text

        if not stream:
            with self._reads.connect() as conn:
                found = conn.execute(text(sql), dict(params or {})).all()
            yield from (tuple(row) for row in found)
            return
        with self.engine.connect() as conn:  # a server-side cursor lives in a transaction
            result = conn.execution_options(yield_per=5000).execute(text(sql), dict(params or {}))
            for row in result:
                yield tuple(row)
