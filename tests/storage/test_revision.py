"""Store.revision() moves with every write of the record, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

from tariqa.errors import ImportProblems
from tariqa.io import plan, read_inputs
from tariqa.storage import Store
from tests.conftest import small_record, write_yaml


def test_imports_and_saves_move_the_revision(store: Store, tmp_path: Path) -> None:
    start = store.revision()
    assert store.revision() == start  # reading changes nothing
    data = small_record()
    store.import_items(read_inputs(plan([write_yaml(tmp_path / "r.yaml", data)])))
    after_import = store.revision()
    assert after_import == start + 1
    data["events"][0]["summary"] = "Changed."
    with pytest.raises(ImportProblems):  # a conflict: nothing written, revision unchanged
        store.import_items(read_inputs(plan([write_yaml(tmp_path / "r2.yaml", data)])))
    assert store.revision() == after_import
    store.import_items(read_inputs(plan([write_yaml(tmp_path / "r3.yaml", data)])), replace=True, dry_run=True)
    assert store.revision() == after_import
    user = store.add_user("ed", "correct horse battery", "editor")
    event = store.events()[0]
    store.save(event.model_copy(update={"city": "Shusha"}), user, store.version("events", event.id))
    assert store.revision() == after_import + 1
