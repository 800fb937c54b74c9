"""Editing one record at a time, safely when several people edit at once.

Each stored record has a *version*: a short hash of its canonical body. A form carries
the version it was filled from; :meth:`Editing.save` writes only if the record still
has that version, and otherwise refuses with the record as it now stands
(optimistic concurrency). The check and the write happen in one transaction that
holds the record: ``SELECT ... FOR UPDATE`` on PostgreSQL (a concurrent create of the
same id fails on the primary key instead), and on SQLite a first statement that
writes, which takes the database's single write lock before anything is read (what
``BEGIN IMMEDIATE`` does). The importer's own code validates the record and checks
every reference in SQL, and each save leaves a row in the audit trail: who, when,
the body before (none on creation) and after.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tariqa.errors import ConflictError, ImportProblems, NotFound, Problem, UsageError

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Engine

    from tariqa.model import Entity
    from tariqa.storage.accounts import User
    from tariqa.storage.reads import Reader
    from tariqa.storage.rows import Prepared

#: The collections that :meth:`Editing.save` writes.
EDITABLE = ("groups", "formats", "sources", "actors", "events", "documents", "codes")


@dataclass(frozen=True)
class Change:
    """One saved change of a record: when (ISO UTC), by whom, and its body before and after."""

    at: str
    user: str
    before: str | None
    after: str


def version_of(body: str) -> str:
    """The version of a stored canonical body: 16 hex digits of its SHA-256.

    >>> version_of('{"id":"x"}')
    '5e2b92cc57ce618d'
    """
    return hashlib.sha256(body.encode()).hexdigest()[:16]


class Editing:
    """The Store's methods for versions, saving one record, and its history."""

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

        def clock(self) -> datetime: ...

    def body(self, collection: str, key: str) -> str:
        """The stored canonical JSON of one editable record; NotFound if it is absent."""
        found = self._body(collection, key)
        if found is None:
            raise NotFound(f"unknown {_noun(collection)} {key!r}")
        return found

    def version(self, collection: str, key: str) -> str:
        """The version of one stored record (see :func:`version_of`); NotFound if absent."""
        return version_of(self.body(collection, key))

    def _body(self, collection: str, key: str) -> str | None:
        sql = f"SELECT body FROM {_editable(collection)} WHERE id = :id"  # noqa: S608 (known table)
        rows = list(self._reader.rows(sql, {"id": _key(collection, key)}))
        return str(rows[0][0]) if rows else None

    def save(self, entity: Entity, user: User, expected: str | None) -> str:
        """Create (``expected`` None) or replace one record if it still has version
        ``expected``; return its new version.

        Raises ImportProblems (nothing written) if the record is invalid or refers to
        records that do not exist, and ConflictError, carrying the stored body and
        version, if the record does not have version ``expected``.
        """
        from sqlalchemy.exc import IntegrityError

        item = _prepared(entity)
        try:
            with self.engine.connect() as conn, conn.begin():
                return _save(conn, item, user, expected, self.clock())
        except IntegrityError:  # PostgreSQL: someone created the same record meanwhile
            current = self._body(item.collection, item.key)
            raise _conflict(item, current, expected) from None

    def history(self, collection: str, key: str) -> list[Change]:
        """Every saved change of one record, newest first."""
        sql = (
            'SELECT c.at, u.name, c."before", c."after" FROM record_changes c JOIN users u ON u.id = c.user_id'
            ' WHERE c.collection = :c AND c."key" = :k ORDER BY c.id DESC'
        )
        rows = self._reader.rows(sql, {"c": _editable(collection), "k": _key(collection, key)})
        return [Change(str(at), str(name), None if b is None else str(b), str(a)) for at, name, b, a in rows]


def _save(conn: Connection, item: Prepared, user: User, expected: str | None, now: datetime) -> str:
    """The body of :meth:`Editing.save`, inside its transaction."""
    from tariqa.storage import importer
    from tariqa.storage import tables as t
    from tariqa.storage.accounts import stamp

    before = _hold(conn, item.collection, item.key)  # first: nothing may be read before the lock
    _check_author(conn, user)
    if expected != (before and version_of(before)):
        raise _conflict(item, before, expected)
    if before == item.body:
        return version_of(before)
    problems = importer.write_within(conn, item)
    if problems:
        raise ImportProblems(problems)
    importer.bump_revision(conn)
    change = {"collection": item.collection, "key": item.key, "user_id": user.id, "at": stamp(now)}
    conn.execute(t.record_changes.insert().values(before=before, after=item.body, **change))
    return version_of(item.body)


def _hold(conn: Connection, collection: str, key: str) -> str | None:
    """The stored body, read after taking the lock that keeps other saves waiting."""
    from sqlalchemy import select

    from tariqa.storage import tables as t

    table = t.ENTITY_TABLES[collection][0]
    if conn.dialect.name == "sqlite":  # writing first takes the write lock (BEGIN IMMEDIATE)
        conn.execute(table.update().where(table.c.id == key).values(body=table.c.body))
    return conn.execute(select(table.c.body).where(table.c.id == key).with_for_update()).scalar()


def _check_author(conn: Connection, user: User) -> None:
    from sqlalchemy import select

    from tariqa.storage import tables as t

    active = conn.execute(select(t.users.c.active).where(t.users.c.id == user.id)).scalar()
    if not active:
        raise UsageError(f"user {user.name!r} is unknown or disabled and may not edit")


def _prepared(entity: Entity) -> Prepared:
    """The entity validated again (it may have been built without validation), as the
    importer takes it; ImportProblems if it is invalid."""
    from pydantic import ValidationError

    from tariqa.storage.rows import Prepared

    collection = _editable(entity.collection)
    try:
        checked = type(entity).model_validate(dict(entity.__dict__))
    except ValidationError as exc:
        problems = [Problem(collection, entity.key, ".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
        raise ImportProblems(problems) from None
    return Prepared(collection, checked.key, checked.label, checked.canonical(), collection, checked.key)


def _conflict(item: Prepared, current: str | None, expected: str | None) -> ConflictError:
    noun, label = _noun(item.collection), item.label
    version = version_of(current) if current is not None else None
    if current is None:
        message = f"{noun} {label!r} does not exist (any more)"
    elif expected is None:
        message = f"{noun} {label!r} already exists"
    else:
        message = f"{noun} {label!r} was changed by someone else since you opened it"
    return ConflictError([Problem(item.collection, item.key, "", message)], current=current, version=version)


def _editable(collection: str) -> str:
    if collection not in EDITABLE:
        raise UsageError(f"{collection!r} records cannot be edited one by one (editable: {', '.join(EDITABLE)})")
    return collection


def _key(collection: str, key: str) -> str:
    """The stored id; a source may also be named by its URL."""
    if collection == "sources" and "://" in key:
        from tariqa.model import source_id

        return str(source_id(key))
    return key


def _noun(collection: str) -> str:
    return collection.rstrip("s").replace("_", " ")


def changed_fields(change: Change) -> list[str]:
    """The top-level fields a change touched (all of them for a creation)."""
    before = json.loads(change.before) if change.before else {}
    after = json.loads(change.after)
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
