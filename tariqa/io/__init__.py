"""Import and export of the record: YAML, JSON, CSV and Frictionless Data Package.

Reading is planned first (every path checked: exists, is text, not too large, format
known), then streamed as :class:`~tariqa.model.Parsed` entities and
:class:`~tariqa.errors.Problem` records for :meth:`Store.import_items`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tariqa.errors import InputError, Problem, TooLarge, UsageError
from tariqa.io import datapackage
from tariqa.io.mappings import Item, read_json, read_yaml, write_json, write_yaml
from tariqa.io.tabular import read_csv, write_csv
from tariqa.model import BY_COLLECTION, ENTITIES
from tariqa.storage import Store
from tariqa.storage.rows import Prepared

FORMATS = ("yaml", "json", "csv", "datapackage")
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_SUFFIX = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}


@dataclass(frozen=True)
class Input:
    """One file to read, its detected format and (for CSV) the record type it holds."""

    path: Path
    label: str
    format: str
    collection: str | None = None


def plan(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Input]:
    """Check every path and detect its format before anything is read."""
    inputs: list[Input] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or directory")
        if path.is_dir():
            inputs.extend(_plan_dir(path, str(raw)))
        else:
            inputs.append(_plan_file(path, str(raw)))
    for item in inputs:
        _check_file(item, max_bytes)
    return inputs


def _plan_dir(path: Path, label: str) -> list[Input]:
    if (path / "datapackage.json").is_file():
        return [Input(path / "datapackage.json", f"{label}/datapackage.json", "datapackage")]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIX)
    if not files:
        raise InputError(f"{label}: no .yaml, .json or .csv files in this folder")
    return [_plan_file(p, str(Path(label) / p.relative_to(path))) for p in files]


def _plan_file(path: Path, label: str) -> Input:
    if path.name == "datapackage.json":
        return Input(path, label, "datapackage")
    fmt = _SUFFIX.get(path.suffix.lower()) or _sniff(path)
    if fmt == "csv":
        collection = path.stem.lower().replace("-", "_")
        if collection not in BY_COLLECTION:
            names = ", ".join(f"{c}.csv" for c in BY_COLLECTION)
            raise InputError(f"{label}: cannot tell which records this CSV holds; name it one of {names}")
        return Input(path, label, "csv", collection)
    return Input(path, label, fmt)


def _sniff(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip()
    if head[:1] in (b"{", b"["):
        return "json"
    first = head.split(b"\n", 1)[0]
    if b"," in first and b":" not in first:
        raise InputError(f"{path}: looks like CSV; give it a .csv name such as events.csv")
    return "yaml"


def _check_file(item: Input, max_bytes: int) -> None:
    size = item.path.stat().st_size
    if size > max_bytes:
        raise TooLarge(
            f"{item.label}: the file is {_human(size)}, over the {_human(max_bytes)} limit "
            "(raise the limit, or split the file)"
        )
    with item.path.open("rb") as fh:
        head = fh.read(65536)
    if b"\x00" in head:
        raise InputError(f"{item.label}: is a binary file, not {item.format.upper()} text")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the block's end
            raise InputError(f"{item.label}: is not UTF-8 text (byte {exc.start})") from None


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    raise AssertionError


def read_inputs(inputs: Iterable[Input]) -> Iterator[Item]:
    """Stream the records of planned inputs."""
    for item in inputs:
        try:
            yield from _reader(item)
        except UnicodeDecodeError as exc:
            yield Problem(item.label, "", "", f"is not UTF-8 text ({exc.reason} at byte {exc.start})")


#: Inputs larger than this are read in a second process, beside the database writes.
PARALLEL_BYTES = 8 * 1024 * 1024


def read_prepared(inputs: Sequence[Input], parallel: bool | None = None) -> Iterator[Prepared | Problem]:
    """Stream records made ready for :meth:`Store.import_items`; large inputs (or
    ``parallel=True``) are read in a second process so that two cores share the work."""
    if parallel is None:
        size = sum(_size(item) for item in inputs)
        parallel = size > PARALLEL_BYTES and (os.cpu_count() or 1) > 1
    if parallel:
        from tariqa.io.pipeline import read_in_child

        yield from read_in_child(inputs)
        return
    from tariqa.storage.rows import prepare

    for item in read_inputs(inputs):
        yield item if isinstance(item, Problem) else prepare(item)


def _size(item: Input) -> int:
    """Bytes to read: a Data Package's are in its resources, not its descriptor."""
    if item.format != "datapackage":
        return item.path.stat().st_size
    from tariqa.io.datapackage import resources

    try:
        files = [path for path, _ in resources(item.path)]
    except InputError:
        return 0  # the reader reports it
    return sum(path.stat().st_size for path in files if path.is_file())


def _reader(item: Input) -> Iterator[Item]:
    if item.format == "yaml":
        return read_yaml(item.path, item.label)
    if item.format == "json":
        return read_json(item.path, item.label)
    if item.format == "csv":
        assert item.collection is not None
        return read_csv(item.path, item.label, item.collection)
    return datapackage.read_datapackage(item.path, item.label)


_WRITERS: dict[str, tuple[str, Callable[[IO[str], str, Iterable[str]], None]]] = {
    "yaml": ("yaml", write_yaml),
    "json": ("json", write_json),
    "csv": ("csv", write_csv),
    "datapackage": ("csv", write_csv),
}


def export(store: Store, directory: str | Path, fmt: str = "yaml") -> list[Path]:
    """Write the whole record into ``directory``, one file per record type, deterministically."""
    if fmt not in _WRITERS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out}: {exc.strerror}") from None
    suffix, writer = _WRITERS[fmt]
    written = []
    collections = [e.collection for e in ENTITIES]
    for collection in collections:
        path = out / f"{collection}.{suffix}"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer(fh, collection, store.iter_bodies(collection))
        written.append(path)
    if fmt == "datapackage":
        from tariqa.io.dataset import package_metadata

        keys, files = package_metadata(store)
        written.append(datapackage.write_descriptor(out, collections, keys))
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    return written


__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "Input", "export", "plan", "read_inputs", "read_prepared"]
