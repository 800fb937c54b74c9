"""The storage suite: the same tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tariqa.errors import ConflictError, ImportProblems
from tariqa.io import plan, read_inputs
from tariqa.storage import EventFilter, Store
from tests.conftest import URL_B, small_record, write_yaml


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # so that files are named as the user would give them


def load(store: Store, tmp_path: Path, data: object, name: str = "r.yaml", replace: bool = False):  # type: ignore[no-untyped-def]
    write_yaml(tmp_path / name, data)
    return store.import_items(read_inputs(plan([name])), replace=replace)


def counts(store: Store) -> dict[str, int]:
    return {c: store.count(c) for c in ("groups", "formats", "sources", "events", "documents", "trade_flows")}


def test_import_then_query(store: Store, tmp_path: Path) -> None:
    summary = load(store, tmp_path, small_record())
    assert summary.total("added") == 8
    assert counts(store) == {
        "groups": 1,
        "formats": 1,
        "sources": 2,
        "events": 2,
        "documents": 1,
        "trade_flows": 1,
    }
    events = store.events(EventFilter(group="ATP"))
    assert [e.id for e in events] == ["atp-fm-2017-baku", "atp-aze-tur-2021"]
    assert events[1].conflicts[0].sources == [URL_B]


def test_filters(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, small_record())
    assert [e.id for e in store.events(EventFilter(track="leaders"))] == ["atp-aze-tur-2021"]
    assert [e.id for e in store.events(EventFilter(format="atp-fm"))] == ["atp-fm-2017-baku"]
    assert [e.id for e in store.events(EventFilter(state="PAK"))] == ["atp-fm-2017-baku"]
    from datetime import date

    assert [e.id for e in store.events(EventFilter(since=date(2018, 1, 1)))] == ["atp-aze-tur-2021"]
    assert store.events(EventFilter(until=date(2017, 11, 29))) == []


def test_reimport_changes_nothing(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, small_record())
    before = list(store.iter_bodies("events"))
    summary = load(store, tmp_path, small_record())
    assert summary.total("added") == 0 and summary.total("unchanged") == 8
    assert list(store.iter_bodies("events")) == before


def test_changed_content_is_a_conflict_unless_replace(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, small_record())
    changed = small_record()
    changed["events"][0]["city"] = "Ganja"
    with pytest.raises(ConflictError) as info:
        load(store, tmp_path, changed)
    assert "already exists with different city" in str(info.value.problems[0])
    assert store.event("atp-fm-2017-baku").city == "Baku"
    load(store, tmp_path, changed, replace=True)
    assert store.event("atp-fm-2017-baku").city == "Ganja"
    # link tables follow the replacement
    changed["events"][0]["states"] = ["AZE", "TUR"]
    load(store, tmp_path, changed, replace=True)
    assert [e.id for e in store.events(EventFilter(state="PAK"))] == []


def test_one_bad_record_writes_nothing(store: Store, tmp_path: Path) -> None:
    data = small_record()
    data["events"].append(copy.deepcopy(data["events"][0]) | {"id": "bad", "date": "2021-02-30"})
    with pytest.raises(ImportProblems) as info:
        load(store, tmp_path, data)
    assert [str(p) for p in info.value.problems] == ["r.yaml:78: date: '2021-02-30' is not a valid date"]
    assert counts(store) == dict.fromkeys(counts(store), 0)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["events"][0].update(group="XYZ"), "group: unknown group 'XYZ'"),
        (lambda d: d["events"][0].update(format="atp-nope"), "format: unknown format 'atp-nope'"),
        (lambda d: d["events"][0].update(sources=["https://x.org/unlisted"]), "sources: unknown source URL"),
        (lambda d: d["events"][0].update(documents=["no-doc"]), "documents: unknown document 'no-doc'"),
        (lambda d: d["documents"][0].update(event="no-event"), "event: unknown event 'no-event'"),
        (lambda d: d["formats"][0].update(group="QUAD"), "group: unknown group 'QUAD'"),
        (lambda d: d["trade_flows"][0].update(source="https://x.org/t"), "source: unknown source URL"),
    ],
)
def test_broken_references_are_located(store: Store, tmp_path: Path, change, expected) -> None:  # type: ignore[no-untyped-def]
    data = small_record()
    change(data)
    with pytest.raises(ImportProblems) as info:
        load(store, tmp_path, data)
    messages = [str(p) for p in info.value.problems]
    assert any(expected in m and m.startswith("r.yaml:") for m in messages), messages
    assert store.count("events") == 0


def test_format_of_another_group(store: Store, tmp_path: Path) -> None:
    data = small_record()
    data["groups"].append({"id": "TAG", "name": "TAG", "members": ["TUR", "AZE", "GEO"]})
    data["events"][0]["group"] = "TAG"
    with pytest.raises(ImportProblems, match="format 'atp-fm' belongs to group ATP, not TAG"):
        load(store, tmp_path, data)


def test_references_across_files_and_batches(store: Store, tmp_path: Path) -> None:
    data = small_record()
    events = {"events": data.pop("events")}
    docs = {"documents": data.pop("documents")}
    # events and documents refer to each other from separate files
    path_e = write_yaml(tmp_path / "e.yaml", events)
    path_d = write_yaml(tmp_path / "d.yaml", docs)
    path_r = write_yaml(tmp_path / "r.yaml", data)
    store.import_items(read_inputs(plan([path_e, path_d, path_r])))
    assert store.count("events") == 2
    store.check_integrity()


def test_duplicate_id_in_one_file(store: Store, tmp_path: Path) -> None:
    data = small_record()
    data["events"].append(copy.deepcopy(data["events"][0]))
    with pytest.raises(ImportProblems, match=r"r.yaml:\d+: id: 'atp-fm-2017-baku' is used twice \(first at line 31\)"):
        load(store, tmp_path, data)


def test_same_source_in_two_files_is_fine(store: Store, tmp_path: Path) -> None:
    data = small_record()
    a = write_yaml(Path("a.yaml"), data)
    b = write_yaml(Path("b.yaml"), {"sources": data["sources"]})
    store.import_items(read_inputs(plan([a, b])))
    assert store.count("sources") == 2
    data["sources"][0]["title"] = "Other title"
    c = write_yaml(Path("c.yaml"), {"sources": data["sources"]})
    with pytest.raises(
        ImportProblems, match=r"c.yaml:2: id: 'https://mfa.gov.az/en/news/a' has other content at b.yaml:2"
    ):
        store.import_items(read_inputs(plan([b, c])))


def test_source_uses(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, small_record())
    uses = {u.source.url: (u.events, u.documents) for u in store.source_uses()}
    assert uses == {"https://mfa.gov.az/en/news/a": (2, 1), URL_B: (1, 1)}
