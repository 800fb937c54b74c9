"""Alembic environment: runs on the engine tariqa passes in ``config.attributes``.

On SQLite, foreign keys are switched off while the migrations run: Alembic's batch mode
changes a table by copying it and dropping the original, and dropping a parent table with
foreign keys on would delete its children's rows (ON DELETE CASCADE). The references are
checked again before the migrations commit.
"""

from __future__ import annotations

from alembic import context

from tariqa.storage.tables import metadata

config = context.config
engine = config.attributes["engine"]
sqlite = engine.dialect.name == "sqlite"

with engine.connect() as connection:
    if sqlite:  # outside any transaction, where SQLite honours it
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite)
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left {len(broken)} broken references, e.g. {broken[0]}")
    finally:
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
