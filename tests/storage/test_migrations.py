"""The shipped migrations build exactly the schema the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tariqa.storage import Store
from tariqa.storage.engine import SCHEMA_HEAD, current_revision, head_revision
from tariqa.storage.tables import metadata


def test_migrated_schema_matches_the_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_database_is_at_head(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()


def test_schema_head_constant_is_alembics_head() -> None:
    assert SCHEMA_HEAD == head_revision()
