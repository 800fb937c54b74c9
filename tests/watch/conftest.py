"""Watch fixtures: the record index of the shipped reference record, built once."""

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
