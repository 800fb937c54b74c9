"""Watch fixtures: the record index of the shipped reference record, and of the record
extended with the groups staged in bench/data/watch-gold/record-extra, built once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tariqa.model import Event, Format, Group
from tariqa.reference import reference_paths
from tariqa.watch import RecordIndex

GOLD = Path(__file__).parents[2] / "bench" / "data" / "watch-gold"


@pytest.fixture(scope="session")
def record() -> RecordIndex:
    groups: list[Group] = []
    formats: list[Format] = []
    events: list[Event] = []
    for path in reference_paths():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        groups += [Group.model_validate(x) for x in data.get("groups") or []]
        formats += [Format.model_validate(x) for x in data.get("formats") or []]
        events += [Event.model_validate(x) for x in data.get("events") or []]
    return RecordIndex.build(groups=groups, formats=formats, events=events)


#: Fields and kinds of the staged files that the record's schema does not have yet.
_STAGED = ("checked_through", "mode", "alongside", "concerns")


@pytest.fixture(scope="session")
def extended() -> RecordIndex:
    groups: list[Group] = []
    formats: list[Format] = []
    events: list[Event] = []
    for path in [*reference_paths(), *sorted((GOLD / "record-extra").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        clean = [{k: v for k, v in x.items() if k not in _STAGED} for x in data.get("events") or []]
        for x in clean:
            x["kind"] = "other" if x["kind"] in ("announcement", "decision") else x["kind"]
        groups += [
            Group.model_validate({k: v for k, v in x.items() if k not in _STAGED}) for x in data.get("groups") or []
        ]
        formats += [
            Format.model_validate({k: v for k, v in x.items() if k not in _STAGED}) for x in data.get("formats") or []
        ]
        events += [Event.model_validate(x) for x in clean]
    return RecordIndex.build(groups=groups, formats=formats, events=events)
