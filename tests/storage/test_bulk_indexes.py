"""A bulk import into empty tables builds their indexes once at the end (on SQLite); the
database must come out with every index as it was, and a failed import must leave
them, and nothing else, behind."""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from tariqa.errors import ImportProblems
from tariqa.model import Event, Parsed
from tariqa.storage import EventFilter, Store, importer
from tariqa.storage.importer import CHUNK
from tariqa.synthetic import synthetic_record

N_EVENTS = 2 * CHUNK + 500  # several chunks: the indexes are dropped after the first


def indexes(store: Store) -> set[tuple[str, ...]]:
    inspector = sa.inspect(store.engine)
    return {
        (table, ix["name"] or "", *ix["column_names"])  # type: ignore[misc]
        for table in inspector.get_table_names()
        for ix in inspector.get_indexes(table)
    }


def items(n: int) -> list[Parsed]:
    return [Parsed(e, "bulk.yaml", str(i + 1)) for i, e in enumerate(synthetic_record(n, groups=4))]


def test_bulk_import_keeps_every_index(store: Store) -> None:
    before = indexes(store)
    assert any(name == "ix_events_kind_date_id" for _, name, *_ in before)
    records = items(N_EVENTS)
    store.import_items(iter(records))
    assert indexes(store) == before
    # the filters read through the rebuilt indexes and find what was written
    events = [p.entity for p in records if isinstance(p.entity, Event)]
    by_kind = Counter(str(e.kind) for e in events)
    kind, expected = by_kind.most_common(1)[0]
    page, total = store.event_page(EventFilter(kind=kind), limit=5, offset=expected - 2)
    assert total == expected
    assert len(page) == 2


def test_the_sorter_settings_end_with_the_build(store: Store) -> None:
    """The index build's small cache and helper thread are the build's alone: the pooled
    connection goes back with the import's settings."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("deferred index builds are a SQLite matter")

    def settings() -> list[object]:
        with store.engine.connect() as conn:
            return [conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("cache_size", "threads")]

    before = settings()
    assert before[0] != importer.SORT_CACHE_KIB and before[1] != importer.SORT_THREADS
    store.import_items(iter(items(N_EVENTS)))
    assert settings() == before


def test_failed_bulk_import_keeps_every_index(store: Store) -> None:
    before = indexes(store)
    records = items(N_EVENTS)
    last = max(i for i, p in enumerate(records) if isinstance(p.entity, Event))
    event = records[last].entity
    assert isinstance(event, Event)
    records[last] = Parsed(event.model_copy(update={"group": "NOWHERE"}), "bulk.yaml", "last")
    with pytest.raises(ImportProblems, match="NOWHERE"):
        store.import_items(iter(records))
    assert indexes(store) == before
    assert store.count("events") == 0


def test_bulk_import_brings_postgresql_statistics_up_to_date(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("planner statistics after a bulk load: a PostgreSQL matter")
    store.import_items(iter(items(N_EVENTS)))
    with store.engine.connect() as conn:
        analysed = dict(
            conn.execute(
                sa.text(
                    "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables"
                    " WHERE relname IN ('events', 'event_states')"
                )
            ).all()
        )
    assert analysed == {"events": True, "event_states": True}
