"""``tariqa init`` loads the shipped reference record again without undoing local work:
what nobody here changed follows the release, what was changed here stays, and a record
changed on both sides is a conflict that changes nothing until someone settles it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

import tariqa.reference as reference
from tariqa.model import Event
from tariqa.reference import Take, load_reference, reference_status, settle
from tariqa.storage import open_store, version_of
from tariqa.storage.shipped import ShippedState, decide
from tests.cli.test_cli import run

EVENT = "atp-fm-2017-11-baku"
OTHER = "atp-fm-2021-01-islamabad"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped files that a test may change, as a new release would."""
    folder = tmp_path / "release"
    shutil.copytree(reference.REFERENCE_DIR, folder / "reference")
    shutil.copy(reference.DEFAULT_CODEBOOK, folder / "codebook.yaml")
    monkeypatch.setattr(reference, "REFERENCE_DIR", folder / "reference")
    monkeypatch.setattr(reference, "DEFAULT_CODEBOOK", folder / "codebook.yaml")
    return folder


def release_changes(folder: Path, event_id: str, summary: str) -> None:
    path = folder / "reference" / "atp.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (event,) = [e for e in data["events"] if e["id"] == event_id]
    event["summary"] = summary
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_on_the_web(db: str, event_id: str, summary: str) -> None:
    with open_store(db) as store:
        if not store.users():
            store.add_user("ed", "an editor's password", "editor")
        user = store.user("ed")
        event = store.event(event_id)
        version = version_of(store.body("events", event_id))
        store.save(Event.model_validate(event.model_dump() | {"summary": summary}), user, version)


def summary_of(db: str, event_id: str) -> str:
    with open_store(db) as store:
        return store.event(event_id).summary


def test_an_edit_survives_init(shipped: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run(db, "init")[0] == 0
    edit_on_the_web(db, EVENT, "Corrected here.")
    code, out, err = run(db, "init")
    assert code == 0, err
    assert summary_of(db, EVENT) == "Corrected here."
    assert "conflict" not in err
    rows = json.loads(run(db, "reference", "status", "-o", "json")[1])
    assert rows == [{"record": f"events/{EVENT}", "state": "local", "fields": ["summary"]}]


def test_an_import_with_replace_survives_init_and_so_does_a_codebook_edit(shipped: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run(db, "init")[0] == 0
    with open_store(db) as store:
        event = json.loads(store.body("events", EVENT)) | {"city": "Baku (Old City)"}
        code = json.loads(store.body("codes", "threat")) | {"definition": "Our own definition."}
    (tmp_path / "fix.yaml").write_text(yaml.safe_dump({"events": [event]}, allow_unicode=True))
    assert run(db, "import", str(tmp_path / "fix.yaml"), "--replace")[0] == 0
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump({"codes": [code]}, allow_unicode=True))
    assert run(db, "import", str(tmp_path / "codebook.yaml"), "--replace")[0] == 0
    assert run(db, "init")[0] == 0
    with open_store(db) as store:
        assert store.event(EVENT).city == "Baku (Old City)"
        assert json.loads(store.body("codes", "threat"))["definition"] == "Our own definition."


def test_a_record_nobody_changed_follows_the_release(shipped: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run(db, "init")[0] == 0
    release_changes(shipped, OTHER, "The release's better summary.")
    code, out, _ = run(db, "init")
    assert code == 0
    assert summary_of(db, OTHER) == "The release's better summary."
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[3:]}
    assert rows["events"][:2] == ["0", "1"]  # none added, one updated


def test_a_record_changed_here_and_in_the_release_is_a_conflict_that_changes_nothing(
    shipped: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "r.db")
    assert run(db, "init")[0] == 0
    edit_on_the_web(db, EVENT, "Corrected here.")
    release_changes(shipped, EVENT, "Corrected in the release.")
    release_changes(shipped, OTHER, "Also changed in the release.")
    with open_store(db) as store:
        revision = store.revision()
    code, _, err = run(db, "init")
    assert code == 0
    assert "1 record(s) changed here and in this release were kept" in err and f"events/{EVENT}" in err
    assert summary_of(db, EVENT) == "Corrected here."
    assert summary_of(db, OTHER) == "Also changed in the release."  # the rest of the release still loads
    rows = json.loads(run(db, "reference", "status", "-o", "json")[1])
    assert {"record": f"events/{EVENT}", "state": "conflict", "fields": ["summary"]} in rows
    with open_store(db) as store:
        assert store.revision() == revision + 1

    code, _, err = run(db, "reference", "update", f"events/{EVENT}", "--take", "mine")
    assert code == 0 and "now local" in err
    assert run(db, "init")[0] == 0 and summary_of(db, EVENT) == "Corrected here."
    code, _, err = run(db, "reference", "update", EVENT, "--take", "shipped")
    assert code == 0 and "now unchanged" in err
    assert summary_of(db, EVENT) == "Corrected in the release."


def test_settling_unknown_or_ambiguous_records_is_a_clear_error(shipped: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run(db, "init")[0] == 0
    code, _, err = run(db, "reference", "update", "events/no-such-event", "--take", "mine")
    assert code == 2 and "no such record in the shipped reference record" in err
    code, _, err = run(db, "reference", "update", EVENT, "--take", "neither")
    assert code == 2


def test_a_database_from_before_the_tracking_keeps_audited_edits(shipped: Path, tmp_path: Path) -> None:
    """Older databases have no last-loaded versions: an edit in the audit trail is kept,
    anything else is taken to be an older release and follows this one."""
    db = str(tmp_path / "r.db")
    with open_store(db) as store:
        load_reference(store)
    edit_on_the_web(db, EVENT, "Corrected here.")
    release_changes(shipped, EVENT, "Corrected in the release.")
    release_changes(shipped, OTHER, "Also changed in the release.")
    with open_store(db) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM shipped_records")
        sync = load_reference(store)
        assert [r.key for r in sync.conflicts] == [EVENT]
        assert store.event(EVENT).summary == "Corrected here."
        assert store.event(OTHER).summary == "Also changed in the release."
        assert settle(store, EVENT, take=Take.SHIPPED).state is ShippedState.UNCHANGED
        assert {r.state for r in reference_status(store)} == {ShippedState.UNCHANGED}


def test_the_three_way_rule() -> None:
    cases = {
        ("a", None, None, False): ShippedState.ADDED,
        ("a", "a", "a", False): ShippedState.UNCHANGED,
        ("b", "a", "a", False): ShippedState.UPDATED,
        ("a", "x", "a", False): ShippedState.LOCAL,
        ("b", "x", "a", False): ShippedState.CONFLICT,
        ("a", None, "a", False): ShippedState.REMOVED,
        ("b", "x", None, False): ShippedState.UPDATED,
        ("b", "x", None, True): ShippedState.CONFLICT,
    }
    for (new, stored, last, edited), state in cases.items():
        assert decide(new, stored, last, edited) is state, (new, stored, last, edited)
