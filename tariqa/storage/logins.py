"""Failed logins, counted to throttle password guessing.

An attempt is recorded as a failure *before* its password is checked, in the same locked
transaction as the counts that allow it (:func:`tariqa.storage.engine.locked`), and the
record is removed when the password proves right. So concurrent attempts count each other:
however many arrive at once, no more than the limit get to try a password.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tariqa.storage.accounts import stamp

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tariqa.storage.reads import Reader

#: Failed logins older than this are deleted when a new attempt is recorded.
KEEP_FAILURES = timedelta(days=7)


@dataclass(frozen=True)
class LoginLimits:
    """At most ``per_name`` failed logins as one name from one address, and ``per_address``
    from one address as any names, within ``window`` seconds."""

    window: int = 300
    per_name: int = 5
    per_address: int = 20


@dataclass(frozen=True)
class LoginAttempt:
    """An attempt let through (``id``: its failure record, to clear if the password is
    right) or refused (``id`` None; ``retry_after``: seconds until one would be let through)."""

    id: int | None
    retry_after: int = 0

    @property
    def refused(self) -> bool:
        return self.id is None


class Logins:
    """The Store's methods for failed logins."""

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

        def clock(self) -> datetime: ...

    def begin_login(self, name: str, address: str, limits: LoginLimits) -> LoginAttempt:
        """Let an attempt to log in as ``name`` from ``address`` through, recording it as a
        failure (clear it with :meth:`end_login` if the password is right), or refuse it
        because a limit is reached: one transaction, locked per address."""
        from tariqa.storage import tables as t
        from tariqa.storage.engine import locked

        name, address, now = name[:64], address[:64], self.clock()
        f = t.login_failures.c
        with locked(self.engine, f"login from {address}") as conn:
            conn.execute(t.login_failures.delete().where(f.at < stamp(now - KEEP_FAILURES)))
            waits = [
                _wait(conn, now, limits.window, limits.per_name, f.address == address, f.name == name),
                _wait(conn, now, limits.window, limits.per_address, f.address == address),
            ]
            if max(waits) > 0:
                return LoginAttempt(None, max(waits))
            return LoginAttempt(_record(conn, name, address, now))

    def end_login(self, attempt: LoginAttempt) -> None:
        """The attempt's password was right: it is not a failure."""
        from tariqa.storage import tables as t

        with self.engine.begin() as conn:
            conn.execute(t.login_failures.delete().where(t.login_failures.c.id == attempt.id))

    def note_login_failure(self, name: str, address: str) -> None:
        """Record a failed login (and forget those older than :data:`KEEP_FAILURES`)."""
        from tariqa.storage import tables as t

        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(t.login_failures.delete().where(t.login_failures.c.at < stamp(now - KEEP_FAILURES)))
            _record(conn, name[:64], address[:64], now)

    def login_failures(self, name: str, address: str, seconds: int) -> int:
        """How many logins as ``name`` from ``address`` failed in the last ``seconds``."""
        sql = "SELECT count(*) FROM login_failures WHERE name = :n AND address = :a AND at >= :since"
        return self._count_failures(sql, {"n": name[:64], "a": address[:64]}, seconds)

    def login_failures_from(self, address: str, seconds: int) -> int:
        """How many logins from ``address``, as any name, failed in the last ``seconds``."""
        sql = "SELECT count(*) FROM login_failures WHERE address = :a AND at >= :since"
        return self._count_failures(sql, {"a": address[:64]}, seconds)

    def _count_failures(self, sql: str, params: dict[str, Any], seconds: int) -> int:
        since = stamp(self.clock() - timedelta(seconds=seconds))
        [(count,)] = list(self._reader.rows(sql, {**params, "since": since}))
        return int(count)


def _record(conn: Connection, name: str, address: str, now: datetime) -> int:
    from tariqa.storage import tables as t

    row = {"name": name, "address": address, "at": stamp(now)}
    return int(conn.execute(t.login_failures.insert().values(**row).returning(t.login_failures.c.id)).scalar_one())


def _wait(conn: Connection, now: datetime, window: int, limit: int, *where: Any) -> int:
    """Seconds until fewer than ``limit`` failures matching ``where`` lie in the window
    (0 if fewer already do): when the ``limit``-th newest of them leaves it."""
    from sqlalchemy import select

    from tariqa.storage import tables as t

    if limit < 1:
        return window
    f = t.login_failures.c
    since = stamp(now - timedelta(seconds=window))
    query = select(f.at).where(f.at > since, *where).order_by(f.at.desc(), f.id.desc()).offset(limit - 1).limit(1)
    at = conn.execute(query).scalar()
    if at is None:
        return 0
    leaves = datetime.fromisoformat(str(at)) + timedelta(seconds=window)
    return max(1, math.ceil((leaves - now).total_seconds()))
