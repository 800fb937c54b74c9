"""Opening a database: URL resolution, SQLite pragmas, schema migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from tariqa.errors import SchemaVersionError, StorageError

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


def _check_sqlite_file(url: str) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                raise StorageError(f"{path} is not a SQLite database")
    path.parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy control transactions (pysqlite's own handling defers BEGIN).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files are checked before SQLite touches them."""
    is_sqlite = url.startswith("sqlite")
    if is_sqlite and url not in ("sqlite://", "sqlite:///:memory:"):
        _check_sqlite_file(url)
    try:
        engine = create_engine(url)
    except Exception as exc:  # noqa: BLE001 - bad URL or missing driver
        raise StorageError(f"cannot open database {url!r}: {exc}") from None
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest schema revision this code knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except (DatabaseError, OperationalError) as exc:
        raise StorageError(f"cannot read database: {exc.orig}") from None


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; refuse a newer database."""
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(engine)
    rev = current_revision(engine)
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    if rev is not None and rev not in known:
        raise SchemaVersionError(
            f"the database has schema version {rev!r}, newer than this tariqa knows "
            f"(newest known: {head_revision()!r}); upgrade tariqa"
        )
    if rev is None and inspect(engine).get_table_names():
        tables = ", ".join(sorted(inspect(engine).get_table_names())[:5])
        raise StorageError(f"the database has tables ({tables}) but is not a tariqa database")
    if rev != head_revision():
        command.upgrade(cfg, "head")
