"""Where the database is, and what schema it has, without importing SQLAlchemy.

Opening an up-to-date SQLite database for reading needs only the standard library;
SQLAlchemy and Alembic are imported when something is written or migrated.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tariqa.errors import StorageError

#: The newest schema revision; a test checks that it is Alembic's head.
SCHEMA_HEAD = "0006"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_database_path() -> Path:
    """Where the SQLite database lives when no ``--db`` or TARIQA_DATABASE_URL is given."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("tariqa", appauthor=False)) / "tariqa.db"


def resolve_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or URL), TARIQA_DATABASE_URL, or the default.

    >>> resolve_url("postgresql://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> resolve_url("/tmp/x.db")
    'sqlite:////tmp/x.db'
    """
    value = db or os.environ.get("TARIQA_DATABASE_URL") or str(default_database_path())
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite).

    >>> sqlite_path("sqlite:////tmp/x.db"), sqlite_path("sqlite://")
    (PosixPath('/tmp/x.db'), None)
    """
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///"))


def check_sqlite_file(path: Path) -> None:
    """Refuse folders and files that are not SQLite; create the parent folder."""
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                raise StorageError(f"{path} is not a SQLite database")
    path.parent.mkdir(parents=True, exist_ok=True)


def sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, or None if it has none (yet)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(path)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return None  # no alembic_version table: a new or foreign database
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: {exc}") from None
    return str(row[0]) if row else None
