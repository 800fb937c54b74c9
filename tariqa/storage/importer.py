"""All-or-nothing batch import: stream entities into one transaction, check, commit.

Rows are written in chunks as they arrive, so memory stays flat; the references
between records are checked in SQL at the end, and any problem rolls everything back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic_core import from_json
from sqlalchemy import Connection, Date, Engine, Table, delete, func, select, update

from tariqa.errors import ConflictError, ImportProblems, Problem
from tariqa.model import Parsed
from tariqa.storage import tables
from tariqa.storage.checks import broken_references
from tariqa.storage.rows import LINK_COLUMNS, LINKS, MAIN_COLUMNS, Prepared, Values, link_rows, main_row, prepare

CHUNK = 2000
#: SQLite's page cache while it builds deferred indexes (negative: KiB), and the sorter's
#: helper threads. The sorter takes its memory from the cache: 2 MB and one helper sort
#: on the core the reading process has left (-0.3 s for 100,000 events) without adding to
#: the import's peak memory (8 MB with a helper added 16 MB, 64 MB added 40 MB).
SORT_CACHE_KIB = -2048
SORT_THREADS = 2

#: A collection's pending records are also written once their bodies reach this many
#: characters, so that large records (document texts) do not pile up in memory.
CHUNK_CHARS = 16_000_000


@dataclass
class ImportSummary:
    """How many records of each collection were added, left unchanged or replaced."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, collection: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(collection, Counter())[outcome] += n

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.counts.values())


@dataclass
class _Batch:
    replace: bool
    summary: ImportSummary = field(default_factory=ImportSummary)
    problems: list[Problem] = field(default_factory=list)
    conflicts: int = 0
    # collection -> key -> (file, where, canonical hash)
    seen: dict[str, dict[str, tuple[str, str, int]]] = field(default_factory=dict)
    pending: dict[str, list[Prepared]] = field(default_factory=dict)
    pending_chars: dict[str, int] = field(default_factory=dict)
    # ids and URLs of records that failed validation (not reported again as missing)
    invalid: set[str] = field(default_factory=set)
    # collections whose table was empty when the batch began: nothing to compare with
    empty: dict[str, bool] = field(default_factory=dict)
    # collection -> CREATE INDEX statements of the indexes dropped for its bulk load
    deferred: dict[str, list[str]] = field(default_factory=dict)
    # tables that took at least a full chunk of rows
    bulk: set[str] = field(default_factory=set)


def import_batch(
    engine: Engine,
    items: Iterable[Parsed | Prepared | Problem],
    replace: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Write ``items`` in one transaction, or nothing at all if any problem is found.

    With ``dry_run`` every check runs and the summary is returned, but nothing is kept.
    """
    batch = _Batch(replace=replace)
    with engine.connect() as conn:
        _sqlite_foreign_keys(conn, on=False)
        try:
            _run(conn, batch, items, dry_run)
        finally:
            _sqlite_foreign_keys(conn, on=True)
    return batch.summary


def _run(conn: Connection, batch: _Batch, items: Iterable[Parsed | Prepared | Problem], dry_run: bool) -> None:
    tx = conn.begin()
    try:
        _write_items(conn, batch, items)
    except BaseException:
        tx.rollback()
        raise
    if dry_run:
        tx.rollback()
        return
    finish(conn, batch.summary)
    tx.commit()
    _analyze(conn, batch)


def _analyze(conn: Connection, batch: _Batch) -> None:
    """After a bulk load, PostgreSQL's planner statistics are brought up to date at once
    (autovacuum would do it minutes later, planning meanwhile on the tables' old sizes)."""
    if conn.dialect.name != "postgresql" or not batch.bulk:
        return
    with conn.begin():
        for table in sorted(batch.bulk):
            conn.exec_driver_sql(f'ANALYZE "{table}"')


def write_items(conn: Connection, items: Iterable[Parsed | Prepared | Problem], replace: bool) -> ImportSummary:
    """Write ``items`` inside the caller's transaction with every check of an import;
    raise ImportProblems (the caller then rolls back) if anything is wrong. The caller
    ends with :func:`finish` before it commits."""
    batch = _Batch(replace=replace)
    _write_items(conn, batch, items)
    return batch.summary


def finish(conn: Connection, summary: ImportSummary) -> None:
    """What follows every successful batch: a new codebook version if codes changed, and
    one more revision of the record."""
    codes = summary.counts.get("codes")
    if codes and (codes["added"] or codes["replaced"]):
        _snapshot_codebook(conn)
    bump_revision(conn)


def _write_items(conn: Connection, batch: _Batch, items: Iterable[Parsed | Prepared | Problem]) -> None:
    for item in items:
        if isinstance(item, Problem):
            batch.problems.append(item)
            if item.subject:
                batch.invalid.add(item.subject[1])
        else:
            _accept(conn, batch, item if isinstance(item, Prepared) else prepare(item))
    for collection in list(batch.pending):
        _flush(conn, batch, collection)
    for collection in list(batch.deferred):
        _restore_indexes(conn, batch, collection)
    batch.problems.extend(_reference_problems(conn, batch))
    if batch.problems:
        raise _failure(batch)


def write_within(conn: Connection, item: Prepared) -> list[Problem]:
    """Write one prepared record, replacing the stored one, inside the caller's transaction
    and with an import's checks; return the problems (the caller then rolls back). A
    changed code is followed by a new codebook version."""
    batch = _Batch(replace=True)
    _accept(conn, batch, item)
    _flush(conn, batch, item.collection)
    problems = batch.problems + _reference_problems(conn, batch)
    if not problems and item.collection == "codes":
        _snapshot_codebook(conn)
    return problems


def bump_revision(conn: Connection) -> None:
    """Count one more write of the record (see ``tables.record_revision``)."""
    table = tables.record_revision
    conn.execute(table.update().where(table.c.id == 1).values(n=table.c.n + 1))


def _snapshot_codebook(conn: Connection) -> None:
    """Keep the codebook as it now stands as a new numbered version."""
    bodies = conn.execute(select(tables.codes.c.body).order_by(tables.codes.c.id)).scalars().all()
    last = conn.execute(select(func.max(tables.codebook_versions.c.version))).scalar() or 0
    conn.execute(
        tables.codebook_versions.insert().values(
            version=last + 1,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            body="[" + ",".join(bodies) + "]",
        )
    )


def _sqlite_foreign_keys(conn: Connection, on: bool) -> None:
    """broken_references() checks every reference before commit, so during an import
    SQLite need not look up a parent row for each of the many link rows."""
    if conn.dialect.name == "sqlite":
        conn.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")  # type: ignore[union-attr]


def _failure(batch: _Batch) -> ImportProblems:
    if batch.conflicts == len(batch.problems):
        return ConflictError(batch.problems)
    return ImportProblems(batch.problems)


def _accept(conn: Connection, batch: _Batch, item: Prepared) -> None:
    collection, body = item.collection, item.body
    digest = hash(body)
    seen = batch.seen.get(collection)
    if seen is None:
        seen = batch.seen[collection] = {}
        batch.pending[collection] = []
        batch.pending_chars[collection] = 0
    first = seen.get(item.key)
    if first is not None:
        if first[0] == item.file:
            message = f"{item.label!r} is used twice (first at line {first[1]})"
        elif first[2] != digest:
            message = f"{item.label!r} has other content at {first[0]}:{first[1]}"
        else:
            return  # the same record in two files of one batch
        batch.problems.append(Problem(item.file, item.where, "id", message))
        return
    seen[item.key] = (item.file, item.where, digest)
    pending = batch.pending[collection]
    pending.append(item)
    chars = batch.pending_chars[collection] = batch.pending_chars[collection] + len(body)
    if len(pending) >= CHUNK or chars >= CHUNK_CHARS:
        _flush(conn, batch, collection)


def _flush(conn: Connection, batch: _Batch, collection: str) -> None:
    pending = batch.pending.get(collection, [])
    batch.pending[collection], batch.pending_chars[collection] = [], 0
    if not pending:
        return
    table = tables.ENTITY_TABLES[collection][0]
    bulk = len(pending) >= CHUNK
    written = [table.name, *LINKS.get(collection, {})]  # the table and its link tables
    if collection not in batch.empty:
        batch.empty[collection] = conn.execute(select(table.c.id).limit(1)).first() is None
        if batch.empty[collection] and bulk:
            _defer_indexes(conn, batch, collection, written)
    if bulk:
        batch.bulk.update(written)
    existing: dict[str, str] = {}
    if not batch.empty[collection]:
        keys = [p.key for p in pending]
        existing = dict(conn.execute(select(table.c.id, table.c.body).where(table.c.id.in_(keys))).all())
    new_rows: list[Values] = []
    replaced: list[Values] = []
    links = _empty_links(collection)
    for item in pending:
        old = existing.get(item.key)
        if old == item.body:
            batch.summary.add(collection, "unchanged")
            continue
        if old is not None and not batch.replace:
            batch.conflicts += 1
            batch.problems.append(_conflict(item, old))
            continue
        record = item.record if item.record is not None else from_json(item.body)
        (replaced if old is not None else new_rows).append(main_row(item, record))
        for name, rows in link_rows(item, record).items():
            links[name].extend(rows)
    _write(conn, collection, new_rows, replaced, links)
    batch.summary.add(collection, "added", len(new_rows))
    batch.summary.add(collection, "replaced", len(replaced))


def _defer_indexes(conn: Connection, batch: _Batch, collection: str, names: list[str]) -> None:
    """A bulk load into an empty SQLite table: drop the plain (non-unique) indexes of the
    table and its link tables now, and build them at the end of the batch, in the same
    transaction (:func:`_restore_indexes`). Each row then costs one table insert
    instead of a random insert into every index (there is one per filter of the events
    list); if the batch fails, the rollback restores them. PostgreSQL keeps its
    indexes: dropping one would lock out the server's readers until the commit."""
    if conn.dialect.name != "sqlite":
        return
    marks = ", ".join("?" * len(names))
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"  # noqa: S608
        f" AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
        tuple(names),
    ).all()
    for name, _ in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    batch.deferred[collection] = [sql for _, sql in found]


def _restore_indexes(conn: Connection, batch: _Batch, collection: str) -> None:
    """Build the indexes :func:`_defer_indexes` dropped, with the sorter's own settings
    (:data:`SORT_CACHE_KIB`, :data:`SORT_THREADS`); the import's are put back after."""
    driver = conn.connection.driver_connection
    (cache,) = driver.execute("PRAGMA cache_size").fetchone()  # type: ignore[union-attr]
    (threads,) = driver.execute("PRAGMA threads").fetchone()  # type: ignore[union-attr]
    driver.execute(f"PRAGMA cache_size = {SORT_CACHE_KIB}")  # type: ignore[union-attr]
    driver.execute(f"PRAGMA threads = {SORT_THREADS}")  # type: ignore[union-attr]
    try:
        for sql in batch.deferred.pop(collection):
            conn.exec_driver_sql(sql)
    finally:
        driver.execute(f"PRAGMA cache_size = {int(cache)}")  # type: ignore[union-attr]
        driver.execute(f"PRAGMA threads = {int(threads)}")  # type: ignore[union-attr]


def _empty_links(collection: str) -> dict[str, list[Values]]:
    return {name: [] for name in LINKS.get(collection, {})}


def _write(
    conn: Connection,
    collection: str,
    new_rows: list[Values],
    replaced: list[Values],
    links: dict[str, list[Values]],
) -> None:
    table, columns = tables.ENTITY_TABLES[collection][0], MAIN_COLUMNS[collection]
    if new_rows:
        _insert(conn, table, columns, new_rows)
    for values in replaced:
        row = _with_dates(table, dict(zip(columns, values, strict=True)))
        conn.execute(update(table).where(table.c.id == row["id"]).values(**row))
        for name, owner in LINKS.get(collection, {}).items():
            link = tables.metadata.tables[name]
            conn.execute(delete(link).where(link.c[owner] == row["id"]))
    for name, rows in links.items():
        if rows:
            _insert(conn, tables.metadata.tables[name], LINK_COLUMNS[name], rows)


def _with_dates(table: Table, row: dict[str, object]) -> dict[str, object]:
    """The row with its ISO date text turned into dates, for SQLAlchemy's Date type."""
    return {
        c: date.fromisoformat(str(v)) if v is not None and isinstance(table.c[c].type, Date) else v
        for c, v in row.items()
    }


def _insert(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[Values]) -> None:
    """Bulk insert of rows given as values in the order of ``columns``, dates as ISO
    text. On SQLite they go straight to the driver's executemany (the statement is the
    same for every row; SQLAlchemy's per-row parameter processing would cost more than
    the insert itself)."""
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), [_with_dates(table, dict(zip(columns, row, strict=True))) for row in rows])
        return
    names = ", ".join(f'"{c}"' for c in columns)  # quoted: "end" is an SQL keyword
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
    conn.connection.driver_connection.cursor().executemany(sql, rows)  # type: ignore[union-attr]


def _conflict(item: Prepared, old_body: str) -> Problem:
    old, new = json.loads(old_body), json.loads(item.body)
    fields = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    noun = item.collection.rstrip("s").replace("_", " ")
    return Problem(
        item.file,
        item.where,
        "",
        f"{noun} {item.label!r} already exists with different {', '.join(fields)}",
    )


def _reference_problems(conn: Connection, batch: _Batch) -> list[Problem]:
    problems = []
    for collection, key, fld, value, message in broken_references(conn):
        if value in batch.invalid:
            continue
        file, where, _ = batch.seen.get(collection, {}).get(key, ("(database)", key, 0))
        problems.append(Problem(file, where, fld, message))
    return problems
