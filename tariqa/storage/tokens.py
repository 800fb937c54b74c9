"""API tokens for scripts (``Authorization: Bearer TOKEN``): random, shown once, stored as
SHA-256 digests, labelled uniquely per user, with the time each was last used."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tariqa.errors import ConflictError, NotFound, Problem, UsageError
from tariqa.storage.accounts import _USER, User, _user, digest, require_active, stamp

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tariqa.storage.reads import Reader

#: How stale a token's ``last_used`` may get before a request writes it again: it is a
#: write per minute per token at most, not a write per request.
LAST_USE_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class ApiToken:
    """One API token of a user (never the token itself: the database has only its digest)."""

    id: int
    label: str
    created: str
    last_used: str | None


class Tokens:
    """The Store's methods for API tokens."""

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

        def clock(self) -> datetime: ...

        def user(self, name: str) -> User: ...

    def new_api_token(self, user: User, label: str) -> str:
        """A new API token for ``user``; it is shown only now (the database keeps its digest).
        ConflictError if the user already has a token with this label."""
        from sqlalchemy.exc import IntegrityError

        from tariqa.storage import tables as t

        label = label.strip()
        if not 1 <= len(label) <= 200:
            raise UsageError("an API token needs a label of 1 to 200 characters")
        require_active(self.user(user.name))
        taken = ConflictError(
            [Problem("api_tokens", "", "label", f"{user.name!r} already has an API token labelled {label!r}")]
        )
        if any(k.label == label for k in self.api_tokens(user)):
            raise taken
        token = secrets.token_urlsafe(32)
        row = {"user_id": user.id, "label": label, "digest": digest(token), "created": stamp(self.clock())}
        try:
            with self.engine.begin() as conn:
                conn.execute(t.api_tokens.insert().values(**row))
        except IntegrityError:  # made at the same moment by someone else
            raise taken from None
        return token

    def token_user(self, token: str) -> User | None:
        """The active user an API token belongs to (None if unknown, revoked or disabled);
        notes when the token was used, if its last use is more than a minute old."""
        sql = (
            f"SELECT {_USER}, k.id, k.last_used FROM api_tokens k JOIN users u ON u.id = k.user_id"  # noqa: S608
            " WHERE k.digest = :d"
        )
        rows = list(self._reader.rows(sql, {"d": digest(token)}))
        if not rows:
            return None
        user, token_id, last_used = _user(rows[0]), int(rows[0][5]), rows[0][6]
        if not user.active:
            return None
        now = self.clock()
        stale = stamp(now - LAST_USE_PRECISION)
        if last_used is None or str(last_used) <= stale:
            self._note_use(token_id, stamp(now), stale)
        return user

    def _note_use(self, token_id: int, now: str, stale: str) -> None:
        from tariqa.storage import tables as t

        k = t.api_tokens.c
        fresh = (k.id == token_id) & (k.last_used.is_(None) | (k.last_used <= stale))
        with self.engine.begin() as conn:  # the condition again: of concurrent requests, one writes
            conn.execute(t.api_tokens.update().where(fresh).values(last_used=now))

    def api_tokens(self, user: User) -> list[ApiToken]:
        """The user's API tokens, oldest first."""
        sql = "SELECT id, label, created, last_used FROM api_tokens WHERE user_id = :u ORDER BY id"
        return [
            ApiToken(int(i), str(label), str(c), None if used is None else str(used))
            for i, label, c, used in self._reader.rows(sql, {"u": user.id})
        ]

    def revoke_api_token(self, user: User, token_id: int) -> ApiToken:
        """Delete one of the user's tokens; NotFound if the user has no such token."""
        from tariqa.storage import tables as t

        found = [k for k in self.api_tokens(user) if k.id == token_id]
        if not found:
            raise NotFound(f"user {user.name!r} has no API token {token_id}")
        k = t.api_tokens.c
        with self.engine.begin() as conn:
            gone = conn.execute(t.api_tokens.delete().where((k.id == token_id) & (k.user_id == user.id))).rowcount
        if not gone:
            raise NotFound(f"user {user.name!r} has no API token {token_id}")
        return found[0]

    def revoke_api_token_labelled(self, user: User, label: str) -> ApiToken:
        """Delete the user's token with this label; NotFound if there is none."""
        found = [k for k in self.api_tokens(user) if k.label == label.strip()]
        if not found:
            raise NotFound(f"user {user.name!r} has no API token labelled {label!r}")
        return self.revoke_api_token(user, found[0].id)
