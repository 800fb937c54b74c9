"""Storage: the only package that talks to the database.

``open_store`` checks the schema of a SQLite file with the standard library and only
imports SQLAlchemy/Alembic when the schema must be created or upgraded, or when the
database is PostgreSQL.
"""

from __future__ import annotations

from tariqa.storage.accounts import User
from tariqa.storage.editing import EDITABLE, Change, version_of
from tariqa.storage.location import SCHEMA_HEAD, default_database_path, resolve_url, sqlite_path, sqlite_revision
from tariqa.storage.logins import LoginAttempt, LoginLimits
from tariqa.storage.store import EventFilter, SourceUse, Store
from tariqa.storage.tokens import ApiToken


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade, unless ``migrate`` is False) the database at ``db``.

    ``db`` is a path, a SQLAlchemy URL or None for TARIQA_DATABASE_URL or the default file.
    """
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None:
        from tariqa.storage.location import check_sqlite_file

        check_sqlite_file(path)
        if sqlite_revision(path) == SCHEMA_HEAD:
            return Store(url)
    from tariqa.storage import engine as _engine

    eng = _engine.make_engine(url)
    try:
        if migrate:
            _engine.migrate(eng)
        else:
            _engine.current_revision(eng)
    except BaseException:
        eng.dispose()
        raise
    return Store(url, eng)


__all__ = [
    "EDITABLE",
    "ApiToken",
    "Change",
    "EventFilter",
    "LoginAttempt",
    "LoginLimits",
    "SourceUse",
    "Store",
    "User",
    "default_database_path",
    "open_store",
    "resolve_url",
    "version_of",
]
