"""Alembic environment: runs on the engine tariqa passes in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from tariqa.storage.tables import metadata

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=engine.dialect.name == "sqlite",
    )
    context.run_migrations()
