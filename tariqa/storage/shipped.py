"""The shipped reference record, loaded again without overwriting local work.

``shipped_records`` keeps, per record, the shipped version that was last loaded. Loading
a newer release compares three versions of each record: the one shipped now, the one
last loaded, and the stored one. A record nobody here changed follows the release; a
record changed here and not in the release is kept; a record changed on both sides is
a conflict, left as it is until someone chooses (:func:`take`).

A database that predates ``shipped_records`` has no last-loaded versions: there a stored
record that differs from the release counts as changed here only if the audit trail has
an edit of it (imports made with ``--replace`` leave no trace, and so follow the release).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Engine, Table, delete, select

from tariqa.storage import tables
from tariqa.storage.importer import ImportSummary, finish, write_items
from tariqa.storage.rows import Prepared


class ShippedState(StrEnum):
    """Where one shipped record stands in a database."""

    ADDED = "added"  # new in the release (added by a load)
    UPDATED = "updated"  # the release changed it, nobody here had (replaced by a load)
    UNCHANGED = "unchanged"  # the stored record is the shipped one
    LOCAL = "local"  # changed here; the release did not change it: kept
    CONFLICT = "conflict"  # changed here and in the release: kept until someone chooses
    REMOVED = "removed"  # removed here: not added again


#: States in which a load writes the shipped version; after which the stored record is
#: the shipped one; in which the stored record differs from the shipped one.
_WRITTEN = (ShippedState.ADDED, ShippedState.UPDATED)
_AS_SHIPPED = (*_WRITTEN, ShippedState.UNCHANGED)
_DIFFERENT = (ShippedState.LOCAL, ShippedState.CONFLICT, ShippedState.UPDATED)


@dataclass(frozen=True)
class RecordState:
    collection: str
    key: str
    label: str
    state: ShippedState
    fields: tuple[str, ...] = ()
    """The fields in which the stored record differs from the shipped one."""


@dataclass(frozen=True)
class Sync:
    """What a load did (or, in a dry run, would do) to each shipped record."""

    records: tuple[RecordState, ...]

    def count(self, state: ShippedState) -> int:
        return sum(1 for r in self.records if r.state is state)

    @property
    def conflicts(self) -> tuple[RecordState, ...]:
        return tuple(r for r in self.records if r.state is ShippedState.CONFLICT)


def decide(shipped: str, stored: str | None, last: str | None, edited_here: bool) -> ShippedState:
    """The state of one record from its three versions.

    >>> decide("b", stored="a", last="a", edited_here=False)
    <ShippedState.UPDATED: 'updated'>
    >>> decide("b", stored="c", last="a", edited_here=True)
    <ShippedState.CONFLICT: 'conflict'>
    >>> decide("a", stored="c", last="a", edited_here=True)
    <ShippedState.LOCAL: 'local'>
    """
    if stored == shipped:
        return ShippedState.UNCHANGED
    if stored is None:
        return ShippedState.ADDED if last is None else ShippedState.REMOVED
    changed_here = stored != last if last is not None else edited_here
    if not changed_here:
        return ShippedState.UPDATED
    return ShippedState.LOCAL if last == shipped else ShippedState.CONFLICT


def states(conn: Connection, items: Iterable[Prepared]) -> Iterator[tuple[Prepared, RecordState, str | None]]:
    """Each shipped item with its state (and the stored body)."""
    by_collection: dict[str, list[Prepared]] = {}
    for item in items:
        by_collection.setdefault(item.collection, []).append(item)
    for collection, group in by_collection.items():
        table = tables.ENTITY_TABLES[collection][0]
        keys = [i.key for i in group]
        stored = _bodies(conn, table, keys)
        last = dict(
            conn.execute(
                select(tables.shipped_records.c.key, tables.shipped_records.c.body).where(
                    tables.shipped_records.c.collection == collection, tables.shipped_records.c.key.in_(keys)
                )
            ).all()
        )
        changes = tables.record_changes
        edited = set(
            conn.execute(
                select(changes.c.key).where(changes.c.collection == collection, changes.c.key.in_(keys)).distinct()
            ).scalars()
        )
        for item in group:
            mine = stored.get(item.key)
            state = decide(item.body, mine, last.get(item.key), item.key in edited)
            fields = (
                _differing(mine, item.body)
                if state in (ShippedState.LOCAL, ShippedState.CONFLICT, ShippedState.UPDATED)
                else ()
            )
            yield item, RecordState(collection, item.key, item.label, state, fields), mine


def load(engine: Engine, items: Iterable[Prepared], release: str, dry_run: bool = False) -> tuple[Sync, ImportSummary]:
    """Load the shipped ``items`` in one transaction (all or nothing): add new records,
    follow the release where nobody here changed a record, keep local changes."""
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            found = list(states(conn, items))
            to_write = [item for item, rs, _ in found if rs.state in _WRITTEN]
            summary = write_items(conn, to_write, replace=True)
            loaded = [
                (item, rs)
                for item, rs, _ in found
                if rs.state in (ShippedState.ADDED, ShippedState.UPDATED, ShippedState.UNCHANGED)
            ]
            _remember(conn, [item for item, _ in loaded], release)
            if dry_run:
                tx.rollback()
            else:
                finish(conn, summary)
                tx.commit()
        except BaseException:
            if tx.is_active:
                tx.rollback()
            raise
    return Sync(tuple(rs for _, rs, _ in found)), summary


def take(engine: Engine, item: Prepared, side: str, release: str) -> ImportSummary:
    """Settle a record: ``shipped`` replaces the stored record with the release's,
    ``mine`` keeps the stored one and marks the release's version as seen."""
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            summary = ImportSummary()
            if side == "shipped":
                summary = write_items(conn, [item], replace=True)
                finish(conn, summary)
            _remember(conn, [item], release)
            tx.commit()
        except BaseException:
            tx.rollback()
            raise
    return summary


def _remember(conn: Connection, items: list[Prepared], release: str) -> None:
    table = tables.shipped_records
    for collection in {i.collection for i in items}:
        keys = [i.key for i in items if i.collection == collection]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            conn.execute(delete(table).where(table.c.collection == collection, table.c.key.in_(chunk)))
    if items:
        rows = [{"collection": i.collection, "key": i.key, "body": i.body, "release": release} for i in items]
        conn.execute(table.insert(), rows)


def _bodies(conn: Connection, table: Table, keys: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(conn.execute(select(table.c.id, table.c.body).where(table.c.id.in_(chunk))).all())
    return found


def _differing(mine: str | None, shipped: str) -> tuple[str, ...]:
    if mine is None:
        return ()
    a, b = json.loads(mine), json.loads(shipped)
    return tuple(sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)))
