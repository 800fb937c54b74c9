"""Storage: the only package that talks to the database (SQLAlchemy)."""

from __future__ import annotations

from tariqa.storage.engine import default_database_path, resolve_url
from tariqa.storage.importer import ImportSummary
from tariqa.storage.store import EventFilter, SourceUse, Store


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade, unless ``migrate`` is False) the database at ``db``.

    ``db`` is a path, a SQLAlchemy URL or None for TARIQA_DATABASE_URL or the default file.
    """
    from tariqa.storage import engine as _engine

    eng = _engine.make_engine(resolve_url(db))
    try:
        if migrate:
            _engine.migrate(eng)
        else:
            _engine.current_revision(eng)
    except BaseException:
        eng.dispose()
        raise
    return Store(eng)


__all__ = [
    "EventFilter",
    "ImportSummary",
    "SourceUse",
    "Store",
    "default_database_path",
    "open_store",
    "resolve_url",
]
