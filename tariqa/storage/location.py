"""Where the database is, and what schema it has, without importing SQLAlchemy.

Opening an up-to-date SQLite database for reading needs only the standard library;
SQLAlchemy and Alembic are imported when something is written or migrated.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tariqa.errors import DatabaseUnavailable, StorageError

#: The newest schema revision; a test checks that it is Alembic's head.
SCHEMA_HEAD = "0011"


def default_database_path() -> Path:
    """Where the SQLite database lives when no ``--db`` or TARIQA_DATABASE_URL is given."""
    from tariqa.settings import data_folder

    return data_folder() / "tariqa.db"


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
    """Refuse folders and files that are not SQLite; create the parent folder.

    The header is read by SQLite itself, never with ``open()``: this process may already
    hold connections to the file, and closing any other descriptor of it would drop
    their POSIX locks (another process would then take itself for the last user,
    checkpoint and delete the write-ahead log under this one, and later writes of this
    process would go to a deleted file).
    """
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        what = "cannot be used" if path.exists() else "cannot be created"
        raise StorageError(
            f"the database {path} {what}: its folder {folder} is not writable "
            "(SQLite keeps its write-ahead log beside the file); choose another database or fix the permissions"
        )
    if path.exists() and path.stat().st_size > 0:
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                con.execute("PRAGMA schema_version").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise StorageError(f"{path} is not a SQLite database") from None
            raise StorageError(f"{path}: cannot open the database: {exc}") from None
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


class FileWatch:
    """Notices when the SQLite file an open store uses is removed, replaced or emptied.

    SQLite keeps working on the file it opened: after a ``mv`` or ``cp`` over it, writes
    would go to a file nobody sees again. :meth:`check` runs before every read and every
    write transaction (one ``stat``, about a microsecond) and refuses to go on.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None
        self._had_content = False

    def check(self) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._identity is None:
                return  # not created yet
            raise DatabaseUnavailable(
                f"the database file {self.path} was removed while tariqa had it open; nothing was written"
            ) from None
        identity = (st.st_dev, st.st_ino)
        if self._identity is None:
            self._identity = identity
        elif identity != self._identity:
            raise DatabaseUnavailable(
                f"the database file {self.path} was replaced by another file while tariqa had it open; "
                "nothing was written: restart tariqa to use the new file"
            )
        if st.st_size > 0:
            self._had_content = True
        elif self._had_content:
            raise DatabaseUnavailable(
                f"the database file {self.path} was emptied while tariqa had it open; nothing was written"
            )
