"""Pages of the events list are the same rows whichever end of the index they are read
from: the back half of a long list is read from its end when the count is known."""

from __future__ import annotations

import pytest

from tariqa.model import Parsed
from tariqa.storage import EventFilter, Store
from tariqa.synthetic import synthetic_record

FILTERS = [
    EventFilter(),
    EventFilter(group="SYN001"),
    EventFilter(kind="meeting"),
    EventFilter(state="PAK"),
    EventFilter(state="PAK", kind="meeting"),
    EventFilter(group="SYN002", track="leaders"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.import_items(Parsed(e, "pages.yaml", str(i)) for i, e in enumerate(synthetic_record(2400, groups=3)))
    return store


@pytest.mark.parametrize("size", [50, 7])
def test_pages_read_from_either_end_agree(filled: Store, size: int) -> None:
    for where in FILTERS:
        every = [e["id"] for e in filled.event_records(where)]
        total = len(every)
        assert total > 2 * size, where  # a long list: some pages lie in the back half
        pages = -(-total // size)
        for page in range(pages + 1):  # one past the end: empty
            offset = page * size
            counted, n = filled.event_page(where, size, offset, total)
            assert n == total
            assert [e["id"] for e in counted] == every[offset : offset + size], (where, page)
            uncounted, n = filled.event_page(where, size, offset)
            assert n == total
            assert uncounted == counted


def test_each_event_streams_what_events_lists(filled: Store) -> None:
    from tariqa.errors import NotFound
    from tariqa.tasks import EventsOptions, each_event, events

    options = EventsOptions(group="SYN001", kind="meeting")
    streamed = each_event(filled, options)
    assert not isinstance(streamed, list | tuple)  # one at a time
    assert list(streamed) == list(events(filled, options).rows)
    with pytest.raises(NotFound, match="NOPE"):
        each_event(filled, EventsOptions(group="NOPE"))  # checked before the first event
