"""CSV files, one per record type (``events.csv``, ``sources.csv``, ...).

Lists and nested records are JSON in their cell (Table Schema types ``array`` and
``object``); an empty cell is an absent value.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tariqa.errors import Problem
from tariqa.io.mappings import Item
from tariqa.io.schema import field_types
from tariqa.io.validation import parse_record

csv.field_size_limit(64 * 1024 * 1024)
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def read_csv(path: Path, name: str, collection: str) -> Iterator[Item]:
    """Records of one CSV file holding ``collection``."""
    types = field_types(collection)
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            yield Problem(name, "1", "", f"malformed CSV: {exc}")
            return
        if header is None:
            return
        problems = list(_check_header(header, types, name))
        if problems:
            yield from problems
            return
        yield from _rows(reader, header, types, name, collection)


def _check_header(header: list[str], types: dict[str, str], name: str) -> Iterator[Problem]:
    for column in header:
        if column not in types:
            yield Problem(name, "1", column, f"unknown column (expected some of: {', '.join(types)})")
    if len(set(header)) != len(header):
        yield Problem(name, "1", "", "a column name appears twice")


def _rows(reader: Any, header: list[str], types: dict[str, str], name: str, collection: str) -> Iterator[Item]:
    line = 1
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(name, str(start), "", f"malformed CSV: {exc}")
            return
        line = reader.line_num
        if not row:
            continue
        where = str(start)
        if len(row) != len(header):
            yield Problem(name, where, "", f"has {len(row)} cells, the header has {len(header)}")
            continue
        record, bad = _cells(header, row, types, name, where)
        if bad:
            yield from bad
            continue
        yield from parse_record(collection, record, name, where)


def _cells(
    header: list[str], row: list[str], types: dict[str, str], name: str, where: str
) -> tuple[dict[str, Any], list[Problem]]:
    record: dict[str, Any] = {}
    bad = []
    for column, cell in zip(header, row, strict=True):
        if cell == "":
            continue
        kind = types[column]
        if kind in ("array", "object"):
            try:
                record[column] = json.loads(cell)
            except json.JSONDecodeError:
                bad.append(Problem(name, where, column, f"{cell!r} is not a JSON {kind}"))
        elif kind == "boolean":
            if cell.lower() not in _BOOLEANS:
                bad.append(Problem(name, where, column, f"{cell!r} is not true or false"))
            record[column] = _BOOLEANS.get(cell.lower())
        else:
            record[column] = cell
    return record, bad


def write_csv(fh: IO[str], collection: str, bodies: Iterable[str]) -> None:
    """Header and one row per record, columns in field order."""
    types = field_types(collection)
    fh.write(csv_line(list(types)))
    for body in bodies:
        record = json.loads(body)
        fh.write(csv_line([_cell(record.get(c), types[c]) for c in types]))


def csv_line(cells: list[str]) -> str:
    r"""One RFC 4180 line ending in LF; a cell with a comma, quote, CR or LF is quoted.

    (The csv module leaves a lone CR unquoted when the line ends in LF.)

    >>> csv_line(["a", "b,c", "d"])
    'a,"b,c",d\n'
    """
    return ",".join(_quote(c) for c in cells) + "\n"


def _quote(cell: str) -> str:
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("array", "object"):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
