"""The reference record that ships with tariqa: loads cleanly and passes every check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tariqa.io import export, plan, read_inputs
from tariqa.model import EventStatus
from tariqa.quality import check_record, check_sources
from tariqa.reference import reference_paths
from tariqa.storage import EventFilter, Store, open_store


@pytest.fixture(scope="module")
def ref(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(str(tmp_path_factory.mktemp("ref") / "ref.db")) as store:
        store.import_items(read_inputs(plan(reference_paths())))
        yield store


def test_every_group_has_formats_and_events(ref: Store) -> None:
    for group in ref.groups():
        assert ref.formats(group.id), group.id
        assert ref.events(EventFilter(group=group.id)), group.id


def test_record_checks_pass(ref: Store) -> None:
    assert check_record(ref) == []


def test_sources_check_passes(ref: Store) -> None:
    assert check_sources(ref) == []


def test_every_event_is_sourced_and_every_format_round_is_in_its_group(ref: Store) -> None:
    formats = {f.id: f for f in ref.formats()}
    for event in ref.events():
        assert event.sources, event.id
        if event.format:
            assert formats[event.format].group == event.group


def test_bilateral_events_are_among_members(ref: Store) -> None:
    members = {g.id: set(g.members) for g in ref.groups()}
    for event in ref.events(EventFilter(group="ATP")):
        if event.format is None and len(event.states) == 2:
            assert set(event.states) <= members["ATP"], event.id


def test_low_confidence_where_a_single_outlet_reports(ref: Store) -> None:
    """The standard of evidence: a single news source can never give high confidence."""
    uses = {u.source.url: u.source for u in ref.source_uses()}
    for event in ref.events():
        kinds = {uses[u].kind.value for u in event.sources}
        if len(event.sources) == 1 and kinds == {"news"}:
            assert event.confidence.value != "high", event.id


def test_planned_rounds_are_only_in_the_future(ref: Store) -> None:
    from tariqa.quality import as_of_date

    as_of = as_of_date(ref)
    for event in ref.events():
        if event.status is EventStatus.PLANNED:
            assert event.date >= as_of, event.id


@pytest.mark.parametrize("fmt", ["yaml", "datapackage"])
def test_reference_export_round_trips_byte_identically(ref: Store, tmp_path: Path, fmt: str) -> None:
    export(ref, tmp_path / "one", fmt)
    with open_store(str(tmp_path / "again.db")) as again:
        again.import_items(read_inputs(plan([tmp_path / "one"])))
        export(again, tmp_path / "two", fmt)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two
