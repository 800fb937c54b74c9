"""Saving one record with optimistic concurrency and an audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from tariqa.errors import ConflictError, ImportProblems, NotFound, UsageError
from tariqa.io import plan, read_inputs
from tariqa.model import Document, Event, Source
from tariqa.storage import EventFilter, Store, User, open_store, version_of
from tariqa.storage import importer as importer_module
from tariqa.storage.editing import changed_fields
from tests.conftest import URL_A, small_record, write_yaml

EVENT = "atp-fm-2017-baku"


@pytest.fixture
def editor(store: Store, tmp_path: Path) -> User:
    write_yaml(tmp_path / "r.yaml", small_record())
    store.import_items(read_inputs(plan([str(tmp_path / "r.yaml")])))
    store.password_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return store.add_user("amina", "correct horse battery", "editor")


def event(**changes: Any) -> Event:
    return Event.model_validate(small_record()["events"][0] | changes)


def new_event(**changes: Any) -> Event:
    record = small_record()["events"][0] | {"id": "atp-fm-2019-islamabad", "date": "2019-05-01", "ordinal": 2}
    return Event.model_validate(record | {"documents": []} | changes)


def changes(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM record_changes")).scalar_one())


def test_version_is_a_short_hash_of_the_stored_body(store: Store, editor: User) -> None:
    v = store.version("events", EVENT)
    assert v == version_of(store.body("events", EVENT)) and len(v) == 16
    assert store.version("events", EVENT) == v
    assert store.version("sources", URL_A) == store.version(
        "sources", Source.model_validate(small_record()["sources"][0]).key
    )
    with pytest.raises(NotFound, match="unknown event 'nope'"):
        store.version("events", "nope")
    with pytest.raises(UsageError, match="cannot be edited"):
        store.version("codings", "x")


def test_create(store: Store, editor: User) -> None:
    entity = new_event()
    v = store.save(entity, editor, None)
    assert v == store.version("events", entity.id) == version_of(entity.canonical())
    assert store.event(entity.id) == entity
    [change] = store.history("events", entity.id)
    assert change.user == "amina" and change.before is None and change.after == entity.canonical()
    assert change.at.endswith("+00:00")


def test_update_replaces_the_record_and_its_links(store: Store, editor: User) -> None:
    v1 = store.version("events", EVENT)
    changed = event(city="Ganja", states=["AZE", "TUR"])
    v2 = store.save(changed, editor, v1)
    assert v2 != v1 and v2 == store.version("events", EVENT)
    assert store.event(EVENT).city == "Ganja"
    assert [e.id for e in store.events(EventFilter(state="PAK"))] == []  # link rows follow
    [change] = store.history("events", EVENT)
    assert json.loads(change.before or "")["city"] == "Baku" and json.loads(change.after)["city"] == "Ganja"
    assert changed_fields(change) == ["city", "states"]


def test_saving_the_same_body_changes_nothing(store: Store, editor: User) -> None:
    v1 = store.version("events", EVENT)
    assert store.save(event(), editor, v1) == v1
    assert store.history("events", EVENT) == [] and changes(store) == 0


def test_a_stale_version_is_refused_with_the_current_record(store: Store, editor: User) -> None:
    v1 = store.version("events", EVENT)
    v2 = store.save(event(city="Ganja"), editor, v1)
    with pytest.raises(ConflictError, match="changed by someone else") as info:
        store.save(event(city="Shusha"), editor, v1)
    assert info.value.version == v2
    assert json.loads(info.value.current or "")["city"] == "Ganja"
    assert store.event(EVENT).city == "Ganja" and len(store.history("events", EVENT)) == 1


def test_creating_an_existing_record_or_updating_a_missing_one_is_a_conflict(store: Store, editor: User) -> None:
    with pytest.raises(ConflictError, match="already exists") as info:
        store.save(event(city="Ganja"), editor, None)
    assert info.value.current == store.body("events", EVENT)
    with pytest.raises(ConflictError, match="does not exist") as missing:
        store.save(new_event(), editor, "0123456789abcdef")
    assert missing.value.current is None and missing.value.version is None
    assert changes(store) == 0 and store.count("events") == 2


def test_an_invalid_record_writes_nothing(store: Store, editor: User) -> None:
    v1 = store.version("events", EVENT)
    before = store.body("events", EVENT)
    record = event().model_dump() | {"states": ["AZE"], "end_date": "2017-01-01"}
    bad = Event.model_construct(**record)  # built without validation
    with pytest.raises(ImportProblems) as info:
        store.save(bad, editor, v1)
    assert all(p.file == "events" and p.where == EVENT for p in info.value.problems)
    assert store.body("events", EVENT) == before and changes(store) == 0


@pytest.mark.parametrize(
    ("changes_", "message"),
    [
        ({"group": "XYZ"}, "group: unknown group 'XYZ'"),
        ({"documents": ["no-doc"]}, "documents: unknown document 'no-doc'"),
        ({"sources": ["https://x.org/unlisted"]}, "sources: unknown source URL"),
    ],
)
def test_a_broken_reference_writes_nothing(store: Store, editor: User, changes_: dict[str, Any], message: str) -> None:
    v1 = store.version("events", EVENT)
    before = store.body("events", EVENT)
    with pytest.raises(ImportProblems) as info:
        store.save(event(**changes_), editor, v1)
    assert any(message in str(p) and str(p).startswith(f"events:{EVENT}:") for p in info.value.problems), info.value
    assert store.body("events", EVENT) == before and changes(store) == 0
    with pytest.raises(ImportProblems):
        store.save(new_event(**changes_), editor, None)
    assert store.count("events") == 2 and changes(store) == 0


def test_other_collections_and_sources_by_url(store: Store, editor: User) -> None:
    record = small_record()
    source = Source.model_validate(record["sources"][0] | {"title": "A, corrected"})
    store.save(source, editor, store.version("sources", URL_A))
    assert [c.user for c in store.history("sources", URL_A)] == ["amina"]
    doc = Document.model_validate(record["documents"][0] | {"title": "Baku Declaration (2017)"})
    store.save(doc, editor, store.version("documents", doc.id))
    assert store.documents()[0].title == "Baku Declaration (2017)"
    with pytest.raises(UsageError, match="cannot be edited"):
        store.history("codings", "x")


def test_history_is_newest_first(store: Store, editor: User) -> None:
    other = store.add_user("bilal", "correct horse battery", "editor")
    v = store.version("events", EVENT)
    for user, city in ((editor, "Ganja"), (other, "Shusha"), (editor, "Quba")):
        v = store.save(event(city=city), user, v)
    history = store.history("events", EVENT)
    assert [(c.user, json.loads(c.after)["city"]) for c in history] == [
        ("amina", "Quba"),
        ("bilal", "Shusha"),
        ("amina", "Ganja"),
    ]
    assert [json.loads(c.before or "")["city"] for c in history] == ["Shusha", "Ganja", "Baku"]
    assert store.history("events", "atp-aze-tur-2021") == []


def test_a_disabled_user_may_not_save(store: Store, editor: User) -> None:
    store.add_user("root", "correct horse battery", "admin")
    store.disable_user("amina")
    with pytest.raises(UsageError, match="disabled"):
        store.save(event(city="Ganja"), editor, store.version("events", EVENT))
    assert changes(store) == 0


def _race(db_url: str, entity: Event, user: User, expected: str | None, hold: bool, tag: str = "") -> list[object]:
    """Two stores (as two workers would have) save at once; the first holds its
    transaction open for a while after reading, when ``hold`` is set."""
    results: list[object] = [None, None]
    stores = [open_store(db_url), open_store(db_url)]
    barrier = threading.Barrier(2)

    def run(i: int) -> None:
        barrier.wait()
        if i == 1 and hold:
            time.sleep(0.15)  # start while the first save is inside its transaction
        try:
            results[i] = stores[i].save(entity.model_copy(update={"city": f"City {tag}{i}"}), user, expected)
        except Exception as exc:  # noqa: BLE001 - the test looks at what each got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for s in stores:
        s.close()
    return results


@pytest.fixture
def slow_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first save made in a thread waits half a second inside its transaction, after
    reading the record and writing it, before its references are checked."""
    original = importer_module._reference_problems
    first = threading.Lock()

    def slow(conn: Any, batch: Any) -> Any:
        if threading.current_thread() is not threading.main_thread() and first.acquire(blocking=False):
            time.sleep(0.5)
        return original(conn, batch)

    monkeypatch.setattr(importer_module, "_reference_problems", slow)


@pytest.mark.usefixtures("slow_checks")
def test_concurrent_updates_one_wins(store: Store, editor: User, db_url: str) -> None:
    v1 = store.version("events", EVENT)
    results = _race(db_url, event(), editor, v1, hold=True)
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].version == winners[0] == store.version("events", EVENT)
    assert len(store.history("events", EVENT)) == 1


@pytest.mark.usefixtures("slow_checks")
def test_concurrent_creates_one_wins(store: Store, editor: User, db_url: str) -> None:
    results = _race(db_url, new_event(), editor, None, hold=True)
    assert sorted(type(r).__name__ for r in results) == ["ConflictError", "str"], results
    assert store.count("events") == 3 and changes(store) == 1


def test_concurrent_saves_without_delay(store: Store, editor: User, db_url: str) -> None:
    for round_ in range(5):
        v = store.version("events", EVENT)
        results = _race(db_url, event(), editor, v, hold=False, tag=f"{round_}-")
        assert sorted(type(r).__name__ for r in results) == ["ConflictError", "str"], results
    assert len(store.history("events", EVENT)) == 5


def test_upgrade_from_0002_keeps_the_record(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    from tariqa.storage import importer

    monkeypatch.setattr(importer, "bump_revision", lambda conn: None)  # schema 0002 has no revision counter
    real_links = importer.link_rows

    def links_of_0002(item: Any, record: Any) -> Any:  # event_states had no copied event columns
        links = real_links(item, record)
        if "event_states" in links:
            links["event_states"] = [r[:2] for r in links["event_states"]]
        links.pop("group_sources", None)  # no group coverage before 0010
        return links

    monkeypatch.setattr(importer, "link_rows", links_of_0002)
    monkeypatch.setitem(importer.LINK_COLUMNS, "event_states", importer.LINK_COLUMNS["event_states"][:2])
    monkeypatch.setattr(importer, "broken_references", lambda conn: iter(()))  # checks read the newer tables
    real_main = importer.main_row
    no_concerns = importer.MAIN_COLUMNS["events"].index("concerns_id")  # added in 0010

    def main_of_0002(item: Any, record: Any) -> Any:
        values = real_main(item, record)
        return values[:no_concerns] + values[no_concerns + 1 :] if item.collection == "events" else values

    monkeypatch.setattr(importer, "main_row", main_of_0002)
    monkeypatch.setitem(
        importer.MAIN_COLUMNS, "events", tuple(c for c in importer.MAIN_COLUMNS["events"] if c != "concerns_id")
    )

    from tariqa.storage.engine import _alembic_config, current_revision, make_engine
    from tariqa.storage.location import SCHEMA_HEAD, resolve_url

    url = resolve_url(db_url)
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0002")
    write_yaml(tmp_path / "r.yaml", small_record())
    Store(url, engine).import_items(read_inputs(plan([str(tmp_path / "r.yaml")])))
    engine.dispose()
    monkeypatch.undo()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == SCHEMA_HEAD
        assert store.count("events") == 2 and store.users() == []
        by_state = store.events(EventFilter(state="AZE", kind="meeting"))  # filled in by the upgrade
        assert [e.id for e in by_state] == [e.id for e in store.events(EventFilter(kind="meeting"))]
        store.password_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        user = store.add_user("amina", "correct horse battery", "editor")
        store.save(event(city="Ganja"), user, store.version("events", EVENT))
        assert [c.user for c in store.history("events", EVENT)] == ["amina"]
