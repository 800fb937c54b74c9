"""All-or-nothing batch import: stream entities into one transaction, check, commit.

Rows are written in chunks as they arrive, so memory stays flat; the references
between records are checked in SQL at the end, and any problem rolls everything back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, select, update

from tariqa.errors import ConflictError, ImportProblems, Problem
from tariqa.model import Parsed
from tariqa.storage import tables
from tariqa.storage.checks import broken_references
from tariqa.storage.rows import LINKS, link_rows, main_row

CHUNK = 2000


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
    pending: dict[str, list[tuple[Parsed, str]]] = field(default_factory=dict)
    # ids and URLs of records that failed validation (not reported again as missing)
    invalid: set[str] = field(default_factory=set)


def import_batch(
    engine: Engine,
    items: Iterable[Parsed | Problem],
    replace: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Write ``items`` in one transaction, or nothing at all if any problem is found.

    With ``dry_run`` every check runs and the summary is returned, but nothing is kept.
    """
    batch = _Batch(replace=replace)
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            for item in items:
                if isinstance(item, Problem):
                    batch.problems.append(item)
                    if item.subject:
                        batch.invalid.add(item.subject[1])
                else:
                    _accept(conn, batch, item)
            for collection in list(batch.pending):
                _flush(conn, batch, collection)
            batch.problems.extend(_reference_problems(conn, batch))
            if batch.problems:
                raise _failure(batch)
        except BaseException:
            tx.rollback()
            raise
        if dry_run:
            tx.rollback()
        else:
            tx.commit()
    return batch.summary


def _failure(batch: _Batch) -> ImportProblems:
    if batch.conflicts == len(batch.problems):
        return ConflictError(batch.problems)
    return ImportProblems(batch.problems)


def _accept(conn: Connection, batch: _Batch, item: Parsed) -> None:
    entity = item.entity
    coll = entity.collection
    body = entity.canonical()
    digest = hash(body)
    seen = batch.seen.setdefault(coll, {})
    first = seen.get(entity.key)
    if first is not None:
        if first[0] == item.file:
            message = f"{entity.label!r} is used twice (first at line {first[1]})"
        elif first[2] != digest:
            message = f"{entity.label!r} has other content at {first[0]}:{first[1]}"
        else:
            return  # the same record in two files of one batch
        batch.problems.append(Problem(item.file, item.where, "id", message))
        return
    seen[entity.key] = (item.file, item.where, digest)
    pending = batch.pending.setdefault(coll, [])
    pending.append((item, body))
    if len(pending) >= CHUNK:
        _flush(conn, batch, coll)


def _flush(conn: Connection, batch: _Batch, collection: str) -> None:
    pending = batch.pending.pop(collection, [])
    if not pending:
        return
    table = tables.ENTITY_TABLES[collection][0]
    keys = [p.entity.key for p, _ in pending]
    existing = dict(conn.execute(select(table.c.id, table.c.body).where(table.c.id.in_(keys))).all())
    new_rows: list[dict[str, object]] = []
    replaced: list[dict[str, object]] = []
    links = _empty_links(collection)
    for parsed, body in pending:
        entity = parsed.entity
        old = existing.get(entity.key)
        if old == body:
            batch.summary.add(collection, "unchanged")
            continue
        if old is not None and not batch.replace:
            batch.conflicts += 1
            batch.problems.append(_conflict(parsed, old, body))
            continue
        (replaced if old is not None else new_rows).append(main_row(entity, body))
        for name, rows in link_rows(entity).items():
            links[name].extend(rows)
    _write(conn, collection, new_rows, replaced, links)
    batch.summary.add(collection, "added", len(new_rows))
    batch.summary.add(collection, "replaced", len(replaced))


def _empty_links(collection: str) -> dict[str, list[dict[str, object]]]:
    return {name: [] for name in LINKS.get(collection, {})}


def _write(
    conn: Connection,
    collection: str,
    new_rows: list[dict[str, object]],
    replaced: list[dict[str, object]],
    links: dict[str, list[dict[str, object]]],
) -> None:
    table = tables.ENTITY_TABLES[collection][0]
    if new_rows:
        conn.execute(table.insert(), new_rows)
    for row in replaced:
        conn.execute(update(table).where(table.c.id == row["id"]).values(**row))
        for name, owner in LINKS.get(collection, {}).items():
            link = tables.metadata.tables[name]
            conn.execute(delete(link).where(link.c[owner] == row["id"]))
    for name, rows in links.items():
        if rows:
            conn.execute(tables.metadata.tables[name].insert(), rows)


def _conflict(parsed: Parsed, old_body: str, new_body: str) -> Problem:
    old, new = json.loads(old_body), json.loads(new_body)
    fields = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    noun = parsed.entity.collection.rstrip("s").replace("_", " ")
    return Problem(
        parsed.file,
        parsed.where,
        "",
        f"{noun} {parsed.entity.label!r} already exists with different {', '.join(fields)} "
        "(use --replace to overwrite)",
    )


def _reference_problems(conn: Connection, batch: _Batch) -> list[Problem]:
    problems = []
    for collection, key, fld, value, message in broken_references(conn):
        if value in batch.invalid:
            continue
        file, where, _ = batch.seen.get(collection, {}).get(key, ("(database)", key, 0))
        problems.append(Problem(file, where, fld, message))
    return problems
