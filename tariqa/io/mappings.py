"""YAML and JSON record files: a mapping of collection name -> list of records.

Readers keep line numbers (YAML per field; JSON per record in the one-record-per-line
layout that the JSON writer produces). Writers stream one record at a time.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tariqa.errors import Problem, Problems
from tariqa.io.validation import parse_json_record, parse_record
from tariqa.io.yamlio import LINES, load_file, strip_lines
from tariqa.io.yamlout import record_item
from tariqa.model import Parsed

Item = Parsed | Problem


def read_yaml(path: Path, name: str) -> Iterator[Item]:
    """Records of a YAML record file."""
    try:
        with path.open("rb") as fh:
            data = load_file(fh, name, "malformed YAML")
    except Problems as exc:
        yield from exc.problems
        return
    yield from _records(data, name)


def _records(data: Any, name: str) -> Iterator[Item]:
    if data is None:
        return
    if not isinstance(data, dict):
        yield Problem(name, "1", "", "a record file must be a mapping of record types to lists")
        return
    lines = data.pop(LINES, {})
    for collection, records in data.items():
        at = str(lines.get(collection, ""))
        if not isinstance(records, list):
            yield Problem(name, at, str(collection), "must be a list of records")
            continue
        for i, record in enumerate(records):
            yield from _one(collection, record, name, i)


def _one(collection: str, record: Any, name: str, index: int) -> Iterator[Item]:
    if isinstance(record, dict) and LINES in record:
        lines = record[LINES]
        record = strip_lines(record)
        where = str(lines[""])
        yield from parse_record(collection, record, name, where, lambda f: str(lines.get(f, where)))
    else:
        yield from parse_record(collection, record, name, f"{collection}[{index}]")


_HEAD = re.compile(r'^\{"([a-z_]+)": \[$')


def read_json(path: Path, name: str) -> Iterator[Item]:
    """Records of a JSON record file (streamed when written one record per line)."""
    with path.open("r", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n")
        match = _HEAD.match(head)
        if match:
            yield from _json_lines(fh, name, match.group(1))
            return
        fh.seek(0)
        try:
            data = json.load(fh)
        except json.JSONDecodeError as exc:
            yield Problem(name, str(exc.lineno), "", f"malformed JSON: {exc.msg}")
            return
    yield from _records(data, name)


def _json_lines(fh: IO[str], name: str, collection: str) -> Iterator[Item]:
    closed = False
    for lineno, line in enumerate(fh, start=2):
        text = line.strip()
        if closed or text == "]}":
            if text and closed:
                yield Problem(name, str(lineno), "", "malformed JSON: text after the end")
            closed = True
            continue
        yield from parse_json_record(collection, text.removesuffix(","), name, str(lineno))
    if not closed:
        yield Problem(name, "", "", "malformed JSON: the file ends before ']}'")


def write_json(fh: IO[str], collection: str, bodies: Iterable[str]) -> None:
    """One record per line inside ``{"collection": [...]}``, byte-stable."""
    fh.write(f'{{"{collection}": [\n')
    first = True
    for body in bodies:
        fh.write(body if first else ",\n" + body)
        first = False
    fh.write("\n]}\n" if not first else "]}\n")


def write_yaml(fh: IO[str], collection: str, bodies: Iterable[str]) -> None:
    """A block list of records under ``collection:``, keys in field order."""
    items = iter(bodies)
    first = next(items, None)
    if first is None:
        fh.write(f"{collection}: []\n")
        return
    fh.write(f"{collection}:\n")
    for body in itertools.chain([first], items):
        fh.write(record_item(json.loads(body)))
