"""The Data Package export validates with the frictionless library and re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from frictionless import Package, validate

from tariqa.errors import InputError, Problem
from tariqa.io import export, plan, read_inputs
from tariqa.reference import reference_paths
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml


def test_small_record_package_is_valid(sqlite_store: Store, tmp_path: Path) -> None:
    write_yaml(tmp_path / "r.yaml", small_record())
    sqlite_store.import_items(read_inputs(plan([tmp_path / "r.yaml"])))
    export(sqlite_store, tmp_path / "pkg", "datapackage")
    report = validate(str(tmp_path / "pkg" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "pkg" / "datapackage.json"))
    events = package.get_resource("events").read_rows()
    assert [row["id"] for row in events] == ["atp-aze-tur-2021", "atp-fm-2017-baku"]
    assert events[1]["states"] == ["AZE", "TUR", "PAK"]


def test_reference_package_is_valid(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "ref.db")) as store:
        store.import_items(read_inputs(plan(reference_paths())))
        export(store, tmp_path / "pkg", "datapackage")
    report = validate(str(tmp_path / "pkg" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_package_resource_outside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    desc = {"resources": [{"name": "events", "path": "../../etc/passwd"}]}
    (tmp_path / "pkg" / "datapackage.json").write_text(json.dumps(desc))
    with pytest.raises(InputError, match="leaves the package folder"):
        list(read_inputs(plan([tmp_path / "pkg"])))


def test_package_with_unknown_resource(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [{"name": "songs", "path": "s.csv"}]}))
    with pytest.raises(InputError, match="unknown resource 'songs'"):
        list(read_inputs(plan([tmp_path / "datapackage.json"])))


def test_a_large_package_is_read_beside_the_writes(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a second process reads the input depends on the bytes to read: for a Data
    Package those of its resources, not of its small descriptor."""
    import tariqa.io as io
    import tariqa.io.pipeline as pipeline
    from tariqa.model import Parsed
    from tariqa.synthetic import synthetic_record

    sqlite_store.import_items(Parsed(e, "s", str(i)) for i, e in enumerate(synthetic_record(400, groups=2)))
    export(sqlite_store, tmp_path / "pkg", "datapackage")
    descriptor = (tmp_path / "pkg" / "datapackage.json").stat().st_size
    data = sum(p.stat().st_size for p in (tmp_path / "pkg").glob("*.csv"))
    assert data > 2 * descriptor
    # a limit between the two: only the resources' bytes are over it
    monkeypatch.setattr(io, "PARALLEL_BYTES", descriptor)
    children = []
    real = pipeline.read_in_child

    def spy(inputs):  # type: ignore[no-untyped-def]
        children.append(inputs)
        return real(inputs)

    monkeypatch.setattr(pipeline, "read_in_child", spy)
    read = list(io.read_prepared(plan([tmp_path / "pkg"])))
    assert children, "the package was read in this process"
    assert sorted(p.key for p in read if not isinstance(p, Problem)) == sorted(
        p.key for p in io.read_prepared(plan([tmp_path / "pkg"]), parallel=False) if not isinstance(p, Problem)
    )
