"""The groups' event counts made in SQL agree with counting the events one by one."""

from __future__ import annotations

from tariqa.reference import load_reference
from tariqa.storage import Store


def by_hand(store: Store) -> dict[str, tuple[int, ...]]:
    members = {g.id: frozenset(g.members) for g in store.groups()}
    counts: dict[str, list[int]] = {}
    where = {"high": 3, "medium": 4, "low": 5}
    for e in store.event_records():
        tally = counts.setdefault(e["group"], [0] * 6)
        states = frozenset(e["states"])
        tally[0] += 1
        tally[1] += states >= members[e["group"]]
        tally[2] += len(states) == 2
        tally[where[e["confidence"]]] += 1
    return {g: tuple(t) for g, t in counts.items()}


def test_group_tallies_match_the_events(store: Store) -> None:
    load_reference(store)
    tallies = store.group_tallies()
    assert tallies == by_hand(store)
    # the reference record has all three kinds: joint, two-member background, others
    assert sum(t[1] for t in tallies.values()) > 0
    assert sum(t[2] for t in tallies.values()) > 0
    assert any(t[0] > t[1] + t[2] for t in tallies.values())
