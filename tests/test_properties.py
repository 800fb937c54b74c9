"""Round trips: export, import into an empty database, export again gives identical bytes."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tariqa.io import FORMATS, export, plan, read_inputs
from tariqa.model import Event, Format, Group, Parsed, Source
from tariqa.storage import open_store
from tariqa.vocab import NOT_ROUNDS, Confidence, EventKind, Level, Precision, Track

URLS = [f"https://agency{i}.example.net/news/{i}?id={i}&x=ü" for i in range(4)]
STATES = ["AZE", "TUR", "PAK", "GEO", "USA"]
# Text that stresses CSV quoting, YAML typing and JSON escapes.
text = st.one_of(
    st.sampled_from(["yes", "null", "1.5", "2021-01-01", "~", "- x", "'q'", "#c"]),
    st.text(alphabet=list("abc XYZ,;\"'\n\t:#-–ğüçşəı{}[]&*!|>%@`\r"), min_size=1, max_size=40),
).filter(lambda s: s.strip() != "")


@st.composite
def days(draw: st.DrawFn) -> tuple[date, Precision]:
    precision = draw(st.sampled_from(list(Precision)))
    year = draw(st.integers(1991, 2026))
    month = 1 if precision is Precision.YEAR else draw(st.integers(1, 12))
    day = 1 if precision is not Precision.DAY else draw(st.integers(1, 28))
    return date(year, month, day), precision


@st.composite
def events(draw: st.DrawFn, i: int) -> Event:
    day, precision = draw(days())
    states = draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=3, unique=True))
    data: dict[str, Any] = {
        "id": f"ev-{i}",
        "date": day,
        "date_precision": precision,
        "group": "ATP",
        "track": draw(st.sampled_from(list(Track))),
        "level": draw(st.sampled_from(list(Level))),
        "kind": draw(st.sampled_from([k for k in EventKind if k not in NOT_ROUNDS])),
        "states": states,
        "summary": draw(text),
        "sources": draw(st.lists(st.sampled_from(URLS), min_size=1, max_size=2, unique=True)),
        "confidence": draw(st.sampled_from(list(Confidence))),
        "format": draw(st.sampled_from([None, "atp-fm"])),
        "ordinal": draw(st.one_of(st.none(), st.integers(1, 30))),
        "city": draw(st.one_of(st.none(), text)),
        "participants": [
            {"state": s, "name": draw(st.one_of(st.none(), text)), "role": draw(st.one_of(st.none(), text))}
            for s in states
        ],
        "conflicts": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "field": text,
                        "note": text,
                        "values": st.lists(text, max_size=2),
                        "sources": st.just(URLS[:1]),
                    }
                ),
                max_size=2,
            )
        ),
    }
    return Event.model_validate(data)


@st.composite
def records(draw: st.DrawFn) -> list[Any]:
    base: list[Any] = [
        Group(
            id="ATP",
            name=draw(text),
            members=["AZE", "TUR", "PAK"],
            description=draw(st.one_of(st.none(), text)),
        ),
        Format(id="atp-fm", group="ATP", name=draw(text), track=Track.POLITICAL, level=Level.MINISTER),
    ]
    base += [Source(url=u, publisher=draw(text), title=draw(text), kind="news") for u in URLS]
    n = draw(st.integers(0, 5))
    return base + [draw(events(i)) for i in range(n)]


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_export_import_export_is_byte_identical(fmt: str, record: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with open_store(str(root / "a.db")) as first:
            first.import_items(Parsed(e, "generated", str(i)) for i, e in enumerate(record))
            export(first, root / "one", fmt)
        with open_store(str(root / "b.db")) as second:
            second.import_items(read_inputs(plan([root / "one"])))
            export(second, root / "two", fmt)
            assert second.count("events") == sum(isinstance(e, Event) for e in record)
        assert snapshot(root / "one") == snapshot(root / "two")
