"""Local accounts: users with roles and argon2 password hashes, and login sessions (API
tokens are in :mod:`.tokens`, failed logins in :mod:`.logins`).

Session and API tokens are random (``secrets.token_urlsafe(32)``) and handed out once;
the database keeps only their SHA-256 digests, so a copy of it opens no session. Times
are ISO 8601 UTC text of fixed width, which sorts and compares as time does.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tariqa.errors import ConflictError, NotFound, Problem, UsageError
from tariqa.vocab import ROLES, Role

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy import Connection, Engine

    from tariqa.storage.reads import Reader

NAME = re.compile(r"[a-z0-9._-]{2,64}")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_USER = "u.id, u.name, u.role, u.active, u.created"


@dataclass(frozen=True)
class User:
    """An account; ``role`` is one of :data:`tariqa.vocab.ROLES`."""

    id: int
    name: str
    role: str
    active: bool
    created: str

    def allows(self, role: str) -> bool:
        """Whether this user is active and has ``role`` or a higher one."""
        return self.active and Role(self.role).allows(role)


def stamp(moment: datetime) -> str:
    """A moment as fixed-width ISO 8601 UTC text.

    >>> stamp(datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC))
    '2026-01-02T03:04:05+00:00'
    """
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def digest(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


@functools.cache
def default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.lru_cache(maxsize=4)
def _decoy_hash(hasher: PasswordHasher) -> str:
    """A hash to check unknown names against, so that they take as long as known ones."""
    return hasher.hash(secrets.token_urlsafe(16))


def _user(row: tuple[Any, ...]) -> User:
    return User(int(row[0]), str(row[1]), str(row[2]), bool(row[3]), str(row[4]))


class Accounts:
    """The Store's methods for users and sessions."""

    #: The argon2 parameters for new hashes (None: argon2-cffi's defaults); a hash made
    #: with other parameters is replaced at the next successful login.
    password_hasher: PasswordHasher | None = None

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

    def clock(self) -> datetime:
        """The current time (tests replace it to move time)."""
        return datetime.now(UTC)

    def _hasher(self) -> PasswordHasher:
        return self.password_hasher or default_hasher()

    def _users(self, where: str, params: dict[str, Any]) -> list[User]:
        sql = f"SELECT {_USER} FROM users u WHERE {where} ORDER BY u.name"  # noqa: S608 (fixed SQL)
        return [_user(row) for row in self._reader.rows(sql, params)]

    # users -------------------------------------------------------------------
    def add_user(self, name: str, password: str, role: str = "viewer") -> User:
        """Create an active account; ConflictError if the name is taken."""
        from sqlalchemy.exc import IntegrityError

        from tariqa.storage import tables as t

        _check_name(name)
        _check_role(role)
        _check_password(password)
        row = {"name": name, "role": role, "active": True, "created": stamp(self.clock())}
        try:
            with self.engine.begin() as conn:
                conn.execute(t.users.insert().values(password_hash=self._hasher().hash(password), **row))
        except IntegrityError:
            raise ConflictError([Problem("users", "", "name", f"a user named {name!r} already exists")]) from None
        return self.user(name)

    def users(self) -> list[User]:
        """Every account, by name."""
        return self._users("1 = 1", {})

    def user(self, name: str) -> User:
        found = self._users("u.name = :name", {"name": name})
        if not found:
            raise NotFound(f"unknown user {name!r}")
        return found[0]

    def set_role(self, name: str, role: str) -> User:
        from tariqa.storage import tables as t

        _check_role(role)
        user = self.user(name)
        with self.engine.begin() as conn:
            if role != "admin":
                _keep_an_admin(conn, user)
            conn.execute(t.users.update().where(t.users.c.id == user.id).values(role=role))
        return self.user(name)

    def disable_user(self, name: str) -> User:
        """Refuse the account further logins; end its sessions and revoke its API tokens."""
        from tariqa.storage import tables as t

        user = self.user(name)
        with self.engine.begin() as conn:
            _keep_an_admin(conn, user)
            conn.execute(t.users.update().where(t.users.c.id == user.id).values(active=False))
            _log_out(conn, user.id, tokens=True)
        return self.user(name)

    def enable_user(self, name: str) -> User:
        from tariqa.storage import tables as t

        user = self.user(name)
        with self.engine.begin() as conn:
            conn.execute(t.users.update().where(t.users.c.id == user.id).values(active=True))
        return self.user(name)

    def set_password(self, name: str, password: str) -> User:
        """Give the account a new password and end its sessions (API tokens stay)."""
        from tariqa.storage import tables as t

        _check_password(password)
        user = self.user(name)
        with self.engine.begin() as conn:
            hashed = self._hasher().hash(password)
            conn.execute(t.users.update().where(t.users.c.id == user.id).values(password_hash=hashed))
            _log_out(conn, user.id, tokens=False)
        return user

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if ``password`` is theirs and the account is active, else None."""
        from argon2.exceptions import InvalidHashError, VerificationError

        from tariqa.storage import tables as t

        hasher = self._hasher()
        rows = list(self._reader.rows("SELECT id, password_hash FROM users WHERE name = :n", {"n": name}))
        stored = str(rows[0][1]) if rows else _decoy_hash(hasher)
        try:
            hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        user = self.user(name) if rows else None
        if user is None or not user.active:
            return None
        if hasher.check_needs_rehash(stored):
            with self.engine.begin() as conn:
                new = hasher.hash(password)
                conn.execute(t.users.update().where(t.users.c.id == user.id).values(password_hash=new))
        return user

    # sessions ----------------------------------------------------------------
    def start_session(self, user: User, hours: float = 12) -> tuple[str, str]:
        """A new session for an active user: (session token, CSRF token)."""
        from tariqa.storage import tables as t

        require_active(self.user(user.name))
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        row = {"digest": digest(token), "user_id": user.id, "csrf": csrf, "created": stamp(now)}
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.expires <= stamp(now)))
            conn.execute(t.sessions.insert().values(expires=stamp(now + timedelta(hours=hours)), **row))
        return token, csrf

    def session(self, token: str) -> tuple[User, str] | None:
        """(user, CSRF token) of a live session; None if unknown, expired or disabled."""
        sql = (
            f"SELECT {_USER}, s.csrf, s.expires FROM sessions s JOIN users u ON u.id = s.user_id"  # noqa: S608
            " WHERE s.digest = :d"
        )
        rows = list(self._reader.rows(sql, {"d": digest(token)}))
        if not rows or str(rows[0][6]) <= stamp(self.clock()):
            return None
        user = _user(rows[0])
        return (user, str(rows[0][5])) if user.active else None

    def end_session(self, token: str) -> None:
        from tariqa.storage import tables as t

        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.digest == digest(token)))


def _check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise UsageError(f"user name {name!r}: use 2 to 64 lower-case letters, digits, dots, underscores or hyphens")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"the password is too long: use at most {MAX_PASSWORD} characters")


def require_active(user: User) -> None:
    if not user.active:
        raise UsageError(f"user {user.name!r} is disabled")


def _keep_an_admin(conn: Connection, user: User) -> None:
    """Refuse to take away the last active admin (someone must be able to manage users)."""
    from sqlalchemy import func, select

    from tariqa.storage import tables as t

    if user.role != "admin" or not user.active:
        return
    u = t.users.c
    others = select(func.count()).where((u.role == "admin") & u.active.is_(True) & (u.id != user.id))
    if not conn.execute(others).scalar():
        raise UsageError(f"{user.name!r} is the last active admin: make another user admin first")


def _log_out(conn: Connection, user_id: int, tokens: bool) -> None:
    from tariqa.storage import tables as t

    conn.execute(t.sessions.delete().where(t.sessions.c.user_id == user_id))
    if tokens:
        conn.execute(t.api_tokens.delete().where(t.api_tokens.c.user_id == user_id))
