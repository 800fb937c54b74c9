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


def test_an_older_database_is_upgraded_and_keeps_its_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from tariqa.storage import open_store
    from tariqa.storage.engine import _alembic_config, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(_alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO groups (id, name, body) VALUES ('X', 'x', '{}')")
    engine.dispose()
    with open_store(str(path)) as store:
        assert current_revision(store.engine) == SCHEMA_HEAD
        assert store.count("groups") == 1
        assert store.count("codes") == 0


def test_0008_keeps_tokens_and_makes_their_labels_unique(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from tariqa.storage import open_store
    from tariqa.storage.engine import _alembic_config, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(_alembic_config(engine), "0005")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO users (id, name, role, password_hash, active, created) VALUES (1, 'amina', 'admin', 'x', 1, 't')"
        )
        for i, label in enumerate(["script", "script", "nightly", "script"], 1):
            conn.exec_driver_sql(
                f"INSERT INTO api_tokens (id, user_id, label, digest, created) VALUES ({i}, 1, '{label}', 'd{i}', 't')"
            )
    engine.dispose()
    with open_store(str(path)) as store:
        assert current_revision(store.engine) == SCHEMA_HEAD
        tokens = store.api_tokens(store.user("amina"))
        assert [(t.id, t.label, t.last_used) for t in tokens] == [
            (1, "script", None),
            (2, "script (2)", None),
            (3, "nightly", None),
            (4, "script (4)", None),
        ]
