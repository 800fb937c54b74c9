"""SQLAlchemy engines and Alembic migrations (imported only to write or migrate)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from tariqa.errors import DatabaseUnavailable, SchemaVersionError, StorageError
from tariqa.storage.location import SCHEMA_HEAD, check_sqlite_file, sqlite_path

#: How long a SQLite write waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy control transactions (pysqlite's own handling defers BEGIN).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk imports touch large indexes
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE: take the write lock at the start, waiting up to busy_timeout for it. A
    # deferred transaction that reads and then writes cannot wait: SQLite refuses its
    # upgrade at once ("database is locked") when another process wrote in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


#: The first key of the PostgreSQL advisory locks that :func:`locked` takes (tariqa's own).
_LOCK_CLASS = 0x7A71


@contextlib.contextmanager
def locked(engine: Engine, key: str) -> Iterator[Connection]:
    """A transaction that holds a write lock named ``key`` from its start to its end, so
    that a count and the insert it decides cannot interleave with another's. On SQLite
    every transaction begins IMMEDIATE (the database's one write lock, taken at once); on
    PostgreSQL it takes a transaction-level advisory lock on a hash of ``key``."""
    with engine.connect() as conn:
        with conn.begin():
            if engine.dialect.name == "postgresql":
                number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big", signed=True)
                conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _LOCK_CLASS, "b": number})
            yield conn


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files are checked before SQLite touches them."""
    is_sqlite = url.startswith("sqlite")
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
    try:
        engine = create_engine(url)
    except Exception as exc:  # noqa: BLE001 - bad URL or missing driver
        raise StorageError(f"cannot open database {url!r}: {exc}") from None
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _explain)
    return engine


def before_each_transaction(engine: Engine, check: Callable[[], None]) -> None:
    """Run ``check`` before each transaction begins; what it raises stops the transaction."""

    def begin(_conn: Any) -> None:
        check()

    event.listen(engine, "begin", begin, insert=True)


def _explain(context: Any) -> BaseException | None:
    """Database errors a user can cause or meet, in words (SQLAlchemy's handle_error)."""
    orig = getattr(context.original_exception, "args", ("",))
    message = str(orig[0]) if orig else ""
    if "database is locked" in message:
        return DatabaseUnavailable(
            "the database is busy: another process held its write lock for over 10 seconds; nothing was written, "
            "try again"
        )
    if "readonly database" in message or "unable to open database file" in message:
        return StorageError(f"cannot write the database: {message} (is its folder writable?)")
    return None


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest schema revision the migration scripts know (imports Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty database)."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DatabaseError, OperationalError) as exc:
        raise StorageError(f"cannot read database: {exc.orig}") from None
    return str(rev) if rev is not None else None


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; refuse a newer database."""
    rev = current_revision(engine)
    if rev == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(engine)
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    if rev is not None and rev not in known:
        raise SchemaVersionError(
            f"the database has schema version {rev!r}, newer than this tariqa knows "
            f"(newest known: {SCHEMA_HEAD!r}); upgrade tariqa"
        )
    if rev is None and inspect(engine).get_table_names():
        tables = ", ".join(sorted(inspect(engine).get_table_names())[:5])
        raise StorageError(f"the database has tables ({tables}) but is not a tariqa database")
    command.upgrade(cfg, "head")
