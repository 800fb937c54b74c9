"""Candidate events in the store (schema 0011), on SQLite and PostgreSQL: proposing,
refreshing, deciding in one transaction, and never proposing a rejected key again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tariqa.errors import ImportProblems, NotFound, UsageError
from tariqa.io import plan, read_inputs
from tariqa.model import Event, Source
from tariqa.storage import Store
from tariqa.storage.candidates import Proposal, Write
from tests.conftest import small_record, write_yaml

NEW_URL = "https://news.example/atp-fm-2019"


@pytest.fixture
def loaded(store: Store, tmp_path: Path) -> Store:
    write_yaml(tmp_path / "r.yaml", small_record())
    store.import_items(read_inputs(plan([str(tmp_path / "r.yaml")])))
    return store


def proposal(key: str = "watch-ATP-atp-fm-2019-05-x", urls: tuple[str, ...] = (NEW_URL,)) -> Proposal:
    return Proposal(
        key=key,
        group="ATP",
        origin="news",
        verdict="new",
        event=None,
        day=date(2019, 5, 1),
        fields={"states": ["AZE", "PAK", "TUR"], "date": "2019-05-01"},
        evidence=[{"url": u, "quote": "They met."} for u in urls],
    )


def event(**changes: object) -> Event:
    body = small_record()["events"][0] | {"id": "atp-fm-2019-islamabad", "date": "2019-05-01", "ordinal": 2}
    return Event.model_validate(body | {"documents": [], "sources": [NEW_URL]} | changes)


def test_propose_refresh_and_list(loaded: Store) -> None:
    counts = loaded.propose_candidates([proposal()], by="tester")
    assert (counts.added, counts.refreshed) == (1, 0)
    counts = loaded.propose_candidates([proposal(urls=(NEW_URL, NEW_URL + "-b"))], by="tester")
    assert (counts.added, counts.refreshed) == (0, 1)
    [c] = loaded.candidates(state="waiting")
    assert [e["url"] for e in c.evidence] == [NEW_URL, NEW_URL + "-b"]
    assert c.day == date(2019, 5, 1) and c.fields["states"] == ["AZE", "PAK", "TUR"]
    assert loaded.candidate_count() == 1
    assert [a.action for a in loaded.candidate_actions(c.key)] == ["proposed", "seen"]
    with pytest.raises(NotFound):
        loaded.candidate("nope")


def test_rejected_key_is_never_proposed_again(loaded: Store) -> None:
    loaded.propose_candidates([proposal()], by="tester")
    loaded.decide_candidate(proposal().key, state="rejected", action="rejected", by="amina", note="not news")
    counts = loaded.propose_candidates([proposal(urls=(NEW_URL + "-c",))], by="tester")
    assert (counts.added, counts.refreshed, counts.rejected) == (0, 0, 1)
    assert loaded.candidate_count() == 0 and loaded.candidate(proposal().key).state == "rejected"
    with pytest.raises(UsageError, match="rejected already"):
        loaded.decide_candidate(proposal().key, state="accepted", action="accepted", by="amina")


def test_accept_writes_source_event_and_audit_together(loaded: Store) -> None:
    loaded.propose_candidates([proposal()], by="tester")
    source = Source(url=NEW_URL, publisher="news.example", title="Ministers meet", kind="news")
    before = loaded.revision()
    done = loaded.decide_candidate(
        proposal().key,
        state="accepted",
        action="accepted",
        by="amina",
        writes=[Write(source, if_absent=True), Write(event())],
        event="atp-fm-2019-islamabad",
    )
    assert done.state == "accepted" and done.event == "atp-fm-2019-islamabad" and done.decided_by == "amina"
    assert loaded.event("atp-fm-2019-islamabad").sources == [NEW_URL]
    assert loaded.revision() > before
    assert [a.action for a in loaded.candidate_actions(proposal().key)] == ["proposed", "accepted"]


def test_a_failing_write_changes_nothing(loaded: Store) -> None:
    loaded.propose_candidates([proposal()], by="tester")
    source = Source(url=NEW_URL, publisher="news.example", title="Ministers meet", kind="news")
    bad = event(format="no-such-format")
    with pytest.raises(ImportProblems, match="format"):
        loaded.decide_candidate(
            proposal().key, state="accepted", action="accepted", by="amina", writes=[Write(source), Write(bad)]
        )
    assert loaded.candidate(proposal().key).state == "waiting"
    assert loaded.sources_by_url([NEW_URL]) == {}
    assert [a.action for a in loaded.candidate_actions(proposal().key)] == ["proposed"]
