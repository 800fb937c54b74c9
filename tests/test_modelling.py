"""The record's modelling answers the obvious question (issue 21): a format's rounds are its
meetings, announcements and decisions only concern it, dates keep the precision the sources
support, official exercise dates win over a ceremony's, and how and alongside what an event
was held counts for hosting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tariqa.indicators import Scope, load
from tariqa.indicators.regularity import regularity
from tariqa.model import Event
from tariqa.reference import load_reference
from tariqa.storage import EventFilter, Store, open_store
from tariqa.vocab import NOT_ROUNDS


@pytest.fixture(scope="module")
def ref(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(str(tmp_path_factory.mktemp("m") / "ref.db")) as store:
        load_reference(store)
        yield store


def base(**extra: Any) -> dict[str, Any]:
    return {
        "id": "e",
        "date": "2021-06-01",
        "group": "ATP",
        "track": "defence-security",
        "level": "minister",
        "kind": "announcement",
        "states": ["AZE"],
        "summary": "A minister announced the next exercise.",
        "sources": ["https://example.org/a"],
        "confidence": "medium",
    } | extra


def test_an_announcement_is_not_a_round() -> None:
    with pytest.raises(ValidationError, match="not a round of a format: link it with concerns"):
        Event.model_validate(base(format="atp-exercise"))
    with pytest.raises(ValidationError, match="not both"):
        Event.model_validate(base(kind="meeting", format="atp-fm", concerns="atp-fm"))
    assert Event.model_validate(base(concerns="atp-exercise")).concerns == "atp-exercise"


def test_no_announcement_or_decision_of_the_shipped_record_counts_as_a_round(ref: Store) -> None:
    events = ref.events()
    assert [e.id for e in events if e.kind in NOT_ROUNDS and e.format] == []
    concerned = [e for e in events if e.concerns]
    assert concerned and all(e.kind in NOT_ROUNDS for e in concerned)


def test_the_simple_questions(ref: Store) -> None:
    """When was the first exercise, and how many speakers' meetings? No kind: filter needed."""
    exercises = [e for e in ref.events(EventFilter(format="atp-exercise")) if e.status.value == "held"]
    assert exercises and all(e.kind.value == "exercise" for e in exercises)
    assert exercises[0].date == date(2021, 9, 12) and exercises[0].end_date == date(2021, 9, 20)  # official dates
    ceremony = [c for c in exercises[0].conflicts if "2021-09-21" in " ".join(c.values)]
    assert ceremony, "the closing ceremony's day is kept as a conflict"
    speakers = ref.events(EventFilter(format="atp-speakers"))
    assert speakers and all(e.kind.value == "meeting" for e in speakers)


def test_an_undated_decision_keeps_month_precision(ref: Store) -> None:
    decisions = [e for e in ref.events(EventFilter(group="ATP")) if e.kind.value == "decision"]
    paeco = [e for e in decisions if "paeco" in e.id]
    assert paeco and paeco[0].date_precision.value == "month" and paeco[0].date.day == 1


def test_virtual_and_sidelines_rounds_are_not_hosting(ref: Store, tmp_path: Path) -> None:
    """The 2024 ATP summit met on the sidelines of the SCO summit in Astana: Kazakhstan's
    hosting of the SCO is not a host of the format; a virtual summit visits nobody."""
    astana = ref.event("atp-summit-2024-07-astana")
    assert astana.alongside and "SCO" in astana.alongside
    data = load(ref, Scope("QUAD"))
    summits = data.rounds("quad-summit")
    virtual = [e for e in summits if e.mode == "virtual"]
    assert virtual and not any(e.hosted for e in virtual)
    fmt = next(f for f in data.formats if f.id == "quad-summit")
    reg = regularity(fmt, summits, data.as_of)
    hosted = [e.host for e in reg.rounds if e.host and e.hosted]
    assert len(hosted) < len([e for e in reg.rounds if e.host])  # fewer hosts than rounds with a host
