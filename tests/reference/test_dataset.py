"""The reference record as a citable dataset: the Data Package export carries a version,
the data licence, a CITATION.cff and a changelog of records; same input, same bytes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from frictionless import validate

from tariqa.errors import InputError
from tariqa.io import export, plan, read_inputs
from tariqa.io.dataset import DATASET_DIR, changes, read_dataset, shipped_manifest
from tariqa.model import Event
from tariqa.reference import load_reference, reference_paths
from tariqa.storage import open_store, version_of
from tests.conftest import small_record, write_yaml


def _package(tmp_path: Path, name: str) -> Path:
    with open_store(str(tmp_path / f"{name}.db")) as store:
        load_reference(store)
        export(store, tmp_path / name, "datapackage")
    return tmp_path / name


def test_the_newest_manifest_is_the_shipped_record() -> None:
    """After changing the reference record, rewrite the manifest: python -m tariqa.io.dataset"""
    assert read_dataset().current.manifest == shipped_manifest()


def test_the_export_is_a_citable_dataset(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "one")
    dataset = read_dataset()
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["version"] == dataset.current.version == "1.1.0"
    assert desc["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert desc["release"]["records_changed"] == desc["release"]["records_left_out"] == 0
    assert "version 1.1.0" in desc["citation"] and desc["title"] == dataset.title
    cff = yaml.safe_load((pkg / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["cff-version"], cff["type"], cff["version"], cff["license"]) == (
        "1.2.0",
        "dataset",
        "1.1.0",
        "CC-BY-4.0",
    )
    assert cff["date-released"] == dataset.current.date.isoformat()
    assert cff["abstract"].endswith("exactly release 1.1.0 of the reference record.")
    report = validate(str(pkg / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_changelog_lists_the_groups_and_events_each_release_added(tmp_path: Path) -> None:
    text = (_package(tmp_path, "one") / "CHANGELOG.md").read_text(encoding="utf-8")
    first, second = read_dataset().releases
    assert text.index("## 1.1.0") < text.index("## 1.0.0")
    newest = text[text.index("## 1.1.0") : text.index("## 1.0.0")]
    diff = changes(first.manifest, second.manifest)
    added_groups = sorted(k for c, k in diff.added if c == "groups")
    assert added_groups == [
        "ASTANA",
        "ATI",
        "ATT",
        "CPA",
        "I2U2",
        "IFU",
        "LUBLIN",
        "SLAVKOV",
        "TPA",
        "TSD",
        "USJP",
        "WEIMAR",
    ]
    assert f"groups added (12): {', '.join(added_groups)}" in newest
    for _, event in (k for k in diff.added if k[0] == "events"):
        assert event in newest, event
    assert "atp-fm-2017-11-baku" not in newest and "atp-fm-2017-11-baku" in text
    events = sum(1 for c, _ in second.manifest if c == "events") - sum(1 for c, _ in first.manifest if c == "events")
    assert f"events added ({events}), by id:" in newest


def test_same_input_same_bytes(tmp_path: Path) -> None:
    one, two = _package(tmp_path, "one"), _package(tmp_path, "two")
    names = sorted(p.name for p in one.iterdir())
    assert {"CITATION.cff", "CHANGELOG.md", "datapackage.json"} <= set(names)
    assert names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_local_change_is_named_in_the_citation(tmp_path: Path) -> None:
    db = str(tmp_path / "edited.db")
    with open_store(db) as store:
        load_reference(store)
        store.add_user("ed", "an editor's password", "editor")
        event = store.event("atp-fm-2017-11-baku")
        version = version_of(store.body("events", event.id))
        store.save(Event.model_validate(event.model_dump() | {"summary": "Edited here."}), store.user("ed"), version)
        export(store, tmp_path / "pkg", "datapackage")
    desc = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["version"] == "1.1.0+local" and desc["release"]["records_changed"] == 1
    cff = yaml.safe_load((tmp_path / "pkg" / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == "1.1.0+local" and "1 records changed" in cff["abstract"]


def test_a_record_that_is_not_the_reference_is_not_cited_as_it(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "small.db")) as store:
        store.import_items(read_inputs(plan([write_yaml(tmp_path / "r.yaml", small_record())])))
        export(store, tmp_path / "pkg", "datapackage")
    desc = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert "version" not in desc and "citation" not in desc
    assert not (tmp_path / "pkg" / "CITATION.cff").exists()


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "dataset"
    shutil.copytree(DATASET_DIR, folder)
    return folder


def test_a_broken_description_is_one_clear_error(dataset_copy: Path) -> None:
    path = dataset_copy / "dataset.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["licence"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError, match=r"dataset\.yaml: licence: missing"):
        read_dataset(dataset_copy)


def test_a_broken_manifest_line_is_named(dataset_copy: Path) -> None:
    path = dataset_copy / "manifests" / "1.0.0.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "events only-two-fields"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"1\.0\.0\.tsv:3: expected collection, id and digest"):
        read_dataset(dataset_copy)


def test_releases_hold_what_the_reference_files_hold() -> None:
    """The newest release's groups are the groups of the shipped files."""
    groups = {
        g["id"]
        for p in reference_paths()
        for g in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("groups", [])
    }
    assert {k for c, k in read_dataset().current.manifest if c == "groups"} == groups
