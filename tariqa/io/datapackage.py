"""Frictionless Data Package: ``datapackage.json`` beside one CSV file per record type."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tariqa.errors import InputError, Problem
from tariqa.io.mappings import Item
from tariqa.io.schema import table_schema
from tariqa.io.tabular import read_csv
from tariqa.model import BY_COLLECTION
from tariqa.version import __version__


def descriptor(collections: list[str], dataset: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``datapackage.json`` content for the given record types (no timestamps);
    ``dataset``: the keys that make it a citable dataset (version, licence, citation,
    see :mod:`tariqa.io.dataset`), which replace the defaults of the same name."""
    return {
        "profile": "tabular-data-package",
        "name": "tariqa-record",
        "title": "tariqa record of informal cooperation between states",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": f"exported by tariqa {__version__}"}],
        "resources": [
            {
                "name": c.replace("_", "-"),
                "path": f"{c}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema_for_package(c),
            }
            for c in collections
        ],
    } | (dataset or {})


def _schema_for_package(collection: str) -> dict[str, Any]:
    schema = table_schema(collection)
    for fk in schema.get("foreignKeys", []):
        fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    return schema


def write_descriptor(directory: Path, collections: list[str], dataset: dict[str, Any] | None = None) -> Path:
    path = directory / "datapackage.json"
    text = json.dumps(descriptor(collections, dataset), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def resources(path: Path) -> list[tuple[Path, str]]:
    """(CSV path, record type) of each resource of the package at ``path``."""
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid datapackage.json: {exc}") from None
    found = []
    for i, res in enumerate(desc.get("resources", []) if isinstance(desc, dict) else []):
        name = str(res.get("name", "")).replace("-", "_")
        rel = res.get("path")
        if name not in BY_COLLECTION or not isinstance(rel, str):
            raise InputError(f"{path}: resources[{i}]: unknown resource {res.get('name')!r}")
        target = (path.parent / rel).resolve()
        if path.parent.resolve() not in target.parents:
            raise InputError(f"{path}: resources[{i}]: path {rel!r} leaves the package folder")
        found.append((target, name))
    return found


def read_datapackage(path: Path, label: str) -> Iterator[Item]:
    for csv_path, collection in resources(path):
        if not csv_path.exists():
            yield Problem(label, "", "", f"resource file {csv_path.name} is missing")
            continue
        yield from read_csv(csv_path, csv_path.name, collection)
