"""The reference record as a citable dataset: its version, data licence, citation
(``CITATION.cff``) and changelog of records (``CHANGELOG.md``), written beside the Data
Package by ``tariqa export --format datapackage``.

The dataset's description and its releases are in ``tariqa/data/dataset/dataset.yaml``;
each release lists the records it holds in ``manifests/VERSION.tsv`` (collection, id and a
digest of the record's canonical body), so the changelog (records added, changed and
removed in each release) is computed from the manifests, never written by hand. An export
of a database that holds other records than the newest release says so: its version gets
a ``+local`` suffix and the citation names what differs.

>>> dataset = read_dataset()
>>> dataset.current.version, dataset.licence["name"]
('1.1.0', 'CC-BY-4.0')
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.errors import ImportProblems, InputError

if TYPE_CHECKING:
    from tariqa.storage import Store

DATASET_DIR = Path(__file__).parents[1] / "data" / "dataset"
Key = tuple[str, str]
Manifest = dict[Key, str]
"""(collection, id) of each record of a release → digest of its canonical body."""


@dataclass(frozen=True)
class Release:
    version: str
    date: date
    summary: str
    manifest: Manifest


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    authors: tuple[str, ...]
    licence: dict[str, str]
    keywords: tuple[str, ...]
    releases: tuple[Release, ...]

    @property
    def current(self) -> Release:
        return self.releases[-1]


@dataclass(frozen=True)
class Changes:
    """What one manifest holds that another does not (``added``), holds otherwise
    (``changed``) or lacks (``removed``); each sorted."""

    added: tuple[Key, ...]
    changed: tuple[Key, ...]
    removed: tuple[Key, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def digest(body: str) -> str:
    """A short digest of a record's canonical body.

    >>> digest('{"id":"ATP"}')
    '35255fe9d3c94b84'
    """
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def read_dataset(folder: Path = DATASET_DIR) -> Dataset:
    """The dataset's description and its releases with their manifests."""
    import yaml

    path = folder / "dataset.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the dataset description: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the dataset description is not a mapping")
    for field in ("name", "title", "description", "authors", "licence", "keywords", "releases"):
        if not data.get(field):
            raise InputError(f"{path}: {field}: missing")
    releases = []
    for i, r in enumerate(data["releases"]):
        where = f"{path}: releases[{i}]"
        if not isinstance(r, dict) or not isinstance(r.get("version"), str) or not isinstance(r.get("date"), date):
            raise InputError(f"{where}: needs a version (text) and a date (YYYY-MM-DD)")
        summary = " ".join(str(r.get("summary", "")).split())
        releases.append(Release(r["version"], r["date"], summary, read_manifest(folder, r["version"])))
    if [r.date for r in releases] != sorted(r.date for r in releases):
        raise InputError(f"{path}: releases: not in date order")
    return Dataset(
        data["name"],
        data["title"],
        " ".join(str(data["description"]).split()),
        tuple(data["authors"]),
        dict(data["licence"]),
        tuple(data["keywords"]),
        tuple(releases),
    )


def manifest_path(folder: Path, version: str) -> Path:
    return folder / "manifests" / f"{version}.tsv"


def read_manifest(folder: Path, version: str) -> Manifest:
    path = manifest_path(folder, version)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: no manifest for release {version} ({exc.strerror})") from None
    found: Manifest = {}
    for n, line in enumerate(lines, start=1):
        parts = line.split("\t")
        if len(parts) != 3 or not all(parts):
            raise InputError(f"{path}:{n}: expected collection, id and digest separated by tabs")
        found[(parts[0], parts[1])] = parts[2]
    return found


def manifest_text(manifest: Manifest) -> str:
    """The manifest as written: one sorted line per record."""
    return "".join(f"{c}\t{k}\t{d}\n" for (c, k), d in sorted(manifest.items()))


def shipped_manifest() -> Manifest:
    """The manifest of the reference record as shipped now (the default codebook aside)."""
    from tariqa.errors import Problem
    from tariqa.io import plan, read_prepared
    from tariqa.reference import reference_paths

    found: Manifest = {}
    problems: list[Problem] = []
    for item in read_prepared(plan(reference_paths())):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            found[(item.collection, item.key)] = digest(item.body)
    if problems:
        raise ImportProblems(problems)
    return found


def store_manifest(store: Store, collections: Iterable[str]) -> Manifest:
    """The manifest of what ``store`` holds in ``collections``."""
    from tariqa.model import BY_COLLECTION

    found: Manifest = {}
    for c in sorted(set(collections)):
        for body in store.iter_bodies(c):
            found[(c, BY_COLLECTION[c].model_validate_json(body).key)] = digest(body)
    return found


def changes(old: Manifest, new: Manifest) -> Changes:
    return Changes(
        tuple(sorted(k for k in new if k not in old)),
        tuple(sorted(k for k in new if k in old and old[k] != new[k])),
        tuple(sorted(k for k in old if k not in new)),
    )


def changelog(dataset: Dataset) -> str:
    """``CHANGELOG.md``: for each release, newest first, the groups and events it added and
    the records it changed or removed."""
    lines = [f"# Changes to the {dataset.title}", ""]
    previous: Manifest = {}
    sections = []
    for release in dataset.releases:
        sections.append(_release_section(release, changes(previous, release.manifest)))
        previous = release.manifest
    for section in reversed(sections):
        lines += section
    return "\n".join(lines).rstrip("\n") + "\n"


def _release_section(release: Release, diff: Changes) -> list[str]:
    lines = [f"## {release.version} ({release.date.isoformat()})", "", release.summary, ""]
    lines.append(f"- records added: {_counts(diff.added)}")
    lines.append(f"- records changed: {_counts(diff.changed)}")
    lines.append(f"- records removed: {_counts(diff.removed)}")
    groups = [k for c, k in diff.added if c == "groups"]
    if groups:
        lines.append(f"- groups added ({len(groups)}): {', '.join(groups)}")
    kinds = (("events added", diff.added), ("events changed", diff.changed), ("events removed", diff.removed))
    for title, keys in kinds:
        events = [k for c, k in keys if c == "events"]
        if events:
            lines.append(f"- {title} ({len(events)}), by id:")
            by_prefix: dict[str, list[str]] = defaultdict(list)
            for event in events:
                by_prefix[event.split("-")[0]].append(event)
            lines += [f"  - {prefix}: {', '.join(ids)}" for prefix, ids in sorted(by_prefix.items())]
    for title, keys in (("changed", diff.changed), ("removed", diff.removed)):
        others = [f"{c}/{k}" for c, k in keys if c not in ("events", "sources")]
        if others:
            lines.append(f"- other records {title}: {', '.join(others)}")
    return [*lines, ""]


def _counts(keys: tuple[Key, ...]) -> str:
    if not keys:
        return "none"
    counts = Counter(c for c, _ in keys)
    return ", ".join(f"{n} {c.replace('_', ' ')}" for c, n in sorted(counts.items()))


@dataclass(frozen=True)
class Provenance:
    """How an exported record stands to the newest release: ``diff`` from the release to
    the export (in the collections the release holds)."""

    release: Release
    diff: Changes
    shared: int
    """Records of the release the export holds unchanged (0: not derived from it)."""

    @property
    def version(self) -> str:
        return self.release.version if self.diff.empty else f"{self.release.version}+local"

    @property
    def note(self) -> str:
        if self.diff.empty:
            return f"exactly release {self.release.version} of the reference record"
        d = self.diff
        return (
            f"derived from release {self.release.version} of the reference record: "
            f"{len(d.changed)} records changed, {len(d.removed)} left out, {len(d.added)} added"
        )


def provenance(store: Store, dataset: Dataset) -> Provenance:
    release = dataset.current
    held = store_manifest(store, {c for c, _ in release.manifest})
    shared = sum(release.manifest.get(k) == d for k, d in held.items())
    return Provenance(release, changes(release.manifest, held), shared)


def citation(dataset: Dataset, origin: Provenance) -> str:
    """``CITATION.cff`` (Citation File Format 1.2.0) of the export."""
    import yaml

    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": dataset.title,
        "version": origin.version,
        "date-released": origin.release.date.isoformat(),
        "license": dataset.licence["name"],
        "authors": [{"name": a} for a in dataset.authors],
        "abstract": f"{dataset.description} This export is {origin.note}.",
        "keywords": list(dataset.keywords),
    }
    return yaml.safe_dump(cff, allow_unicode=True, sort_keys=False, width=100)


def cited_as(dataset: Dataset, origin: Provenance) -> str:
    """The citation in one line."""
    authors = ", ".join(dataset.authors)
    return (
        f"{authors} ({origin.release.date.year}). {dataset.title}, version {origin.version} "
        f"[data set]. Licence {dataset.licence['name']}."
    )


def package_metadata(store: Store, dataset: Dataset | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """What the Data Package export adds for the dataset: keys of ``datapackage.json`` and
    the files written beside it (name → text). Nothing for a record that holds no record of
    the release unchanged: it is not the reference record, so not this dataset."""
    dataset = dataset or read_dataset()
    origin = provenance(store, dataset)
    if not origin.shared:
        return {}, {}
    keys = {
        "title": dataset.title if origin.diff.empty else f"{dataset.title} (derived)",
        "version": origin.version,
        "description": f"{dataset.description} This export is {origin.note}.",
        "keywords": list(dataset.keywords),
        "contributors": [{"title": a, "role": "author"} for a in dataset.authors],
        "licenses": [dict(dataset.licence)],
        "citation": cited_as(dataset, origin),
        "release": {
            "dataset": dataset.name,
            "version": origin.release.version,
            "date": origin.release.date.isoformat(),
            "records_changed": len(origin.diff.changed),
            "records_left_out": len(origin.diff.removed),
            "records_added": len(origin.diff.added),
            "citation_file": "CITATION.cff",
            "changelog_file": "CHANGELOG.md",
        },
    }
    return keys, {"CITATION.cff": citation(dataset, origin), "CHANGELOG.md": changelog(dataset)}


def write_current_manifest(folder: Path = DATASET_DIR) -> Path:
    """Rewrite the manifest of the newest release from the reference record as shipped."""
    dataset = read_dataset(folder)
    path = manifest_path(folder, dataset.current.version)
    path.write_text(manifest_text(shipped_manifest()), encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m tariqa.io.dataset
    print(write_current_manifest())
    print(json.dumps({"release": read_dataset().current.version}))
