"""Reading large, simple CSV files column-wise into numpy arrays.

A file without quote characters is split with numpy alone: every separator is found in
one pass and each field is kept as a (start, end) byte offset. A file with quotes is read
with the standard library's :mod:`csv` and laid out the same way, so both take the same
path afterwards. Parsing a field matrix to integers, dates or short codes is vectorised.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from tariqa.errors import InputError, Problem, Problems

IntArray = NDArray[np.int64]
_COMMA, _NEWLINE, _ZERO = 44, 10, 48


@dataclass(frozen=True)
class Columns:
    """The fields of a CSV file: ``buf[starts[r, c]:ends[r, c]]`` is row r, column c."""

    label: str
    header: tuple[str, ...]
    buf: NDArray[np.uint8]
    starts: IntArray
    ends: IntArray
    lines: IntArray  # the file line each row starts on (header = line 1)

    def __len__(self) -> int:
        return len(self.lines)

    def take(self, mask: NDArray[np.bool_]) -> Columns:
        """Only the rows where ``mask`` is true (their line numbers kept)."""
        return Columns(self.label, self.header, self.buf, self.starts[mask], self.ends[mask], self.lines[mask])

    def index(self, name: str) -> int:
        return self.header.index(name)

    def matrix(self, name: str, rows: IntArray | None = None) -> tuple[NDArray[np.uint8], IntArray]:
        """Column ``name`` as a zero-padded (rows, width) byte matrix and the field widths."""
        c = self.index(name)
        starts = self.starts[:, c] if rows is None else self.starts[rows, c]
        widths = (self.ends[:, c] if rows is None else self.ends[rows, c]) - starts
        width = max(int(widths.max(initial=0)), 1)
        out = np.zeros((len(starts), width), np.uint8)
        last = len(self.buf) - 1
        for j in range(width if last >= 0 else 0):
            out[:, j] = self.buf[np.minimum(starts + j, last)] * (widths > j)
        return out, widths

    def text(self, name: str, row: int) -> str:
        c = self.index(name)
        return bytes(self.buf[self.starts[row, c] : self.ends[row, c]]).decode("utf-8", "replace")

    def strings(self, name: str, rows: IntArray | None = None) -> NDArray[np.bytes_]:
        """Column ``name`` as a numpy bytes array (``S`` dtype)."""
        m, _ = self.matrix(name, rows)
        return m.view(f"S{m.shape[1]}").ravel()


def read_columns(path: Path, label: str, max_bytes: int = 1 << 31) -> Columns:
    """Read a comma-separated file with a header row."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{label}: {size:,} bytes is more than the {max_bytes:,} allowed")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{label}: cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    _check_utf8(data, label)
    data = data.rstrip(b"\n") + b"\n"
    head, _, body = data.partition(b"\n")
    header = tuple(next(csv.reader([head.decode("utf-8")]), []))
    if not header or not any(header):
        raise InputError(f"{label}: no header row")
    if b'"' in body:
        return _read_quoted(body, label, header)
    return _split(body, label, header)


def _check_utf8(data: bytes, label: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}:{line}: not UTF-8 text") from None


def _split(body: bytes, label: str, header: tuple[str, ...]) -> Columns:
    """Split an unquoted body: every comma or newline ends a field."""
    buf = np.frombuffer(body, np.uint8)
    k = len(header)
    newlines = np.flatnonzero(buf == _NEWLINE)
    seps = np.flatnonzero((buf == _COMMA) | (buf == _NEWLINE))
    n = len(newlines)
    if len(seps) != n * k or (n and not np.all(buf[seps.reshape(n, k)[:, -1]] == _NEWLINE)):
        _field_count_problems(newlines, np.flatnonzero(buf == _COMMA), k, label)
    ends = seps.reshape(n, k)
    starts = np.empty_like(ends)
    starts[:, 0] = np.concatenate(([0], newlines[:-1] + 1)) if n else []
    starts[:, 1:] = ends[:, :-1] + 1
    return Columns(label, header, buf, starts, ends, np.arange(n, dtype=np.int64) + 2)


def _field_count_problems(newlines: IntArray, commas: IntArray, k: int, label: str) -> None:
    line_of = np.searchsorted(newlines, commas)
    counts = np.bincount(line_of, minlength=len(newlines))
    bad = np.flatnonzero(counts != k - 1)
    raise Problems(
        [Problem(label, str(int(i) + 2), "", f"{counts[i] + 1} fields, the header has {k}") for i in bad[:100]]
    )


def _read_quoted(body: bytes, label: str, header: tuple[str, ...]) -> Columns:
    """Read a body with quoted fields through :mod:`csv`, laid out like :func:`_split`."""
    k = len(header)
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    pieces: list[bytes] = []
    lines: list[int] = []
    problems: list[Problem] = []
    line = 2
    for row in reader:
        if len(row) != k:
            problems.append(Problem(label, str(line), "", f"{len(row)} fields, the header has {k}"))
        else:
            pieces.extend(f.encode("utf-8") for f in row)
            lines.append(line)
        line = reader.line_num + 2
    if problems:
        raise Problems(problems[:100])
    lengths = np.fromiter((len(p) for p in pieces), np.int64, len(pieces))
    ends = np.cumsum(lengths).reshape(-1, k)
    starts = ends - lengths.reshape(-1, k)
    buf = np.frombuffer(b"".join(pieces), np.uint8)
    return Columns(label, header, buf, starts, ends, np.asarray(lines, np.int64))


def parse_ints(m: NDArray[np.uint8], widths: IntArray) -> tuple[IntArray, NDArray[np.bool_]]:
    """Non-negative integers from a field matrix; also a mask of fields that are not one."""
    digits = m.astype(np.int64) - _ZERO
    inside = np.arange(m.shape[1]) < widths[:, None]
    bad = (widths == 0) | (widths > 18) | np.any(inside & ((digits < 0) | (digits > 9)), axis=1)
    value = np.zeros(len(m), np.int64)
    for j in range(min(m.shape[1], 18)):
        value = np.where(inside[:, j], value * 10 + digits[:, j], value)
    return np.where(bad, 0, value), bad


def parse_days(m: NDArray[np.uint8], widths: IntArray) -> tuple[NDArray[np.datetime64], NDArray[np.bool_]]:
    """ISO dates (YYYY-MM-DD) from a field matrix; also a mask of fields that are not one."""
    if m.shape[1] < 10:
        m = np.pad(m, ((0, 0), (0, 10 - m.shape[1])))
    full = np.full(len(m), 4, np.int64)
    year, bad_y = parse_ints(m[:, 0:4], full)
    month, bad_m = parse_ints(m[:, 5:7], full - 2)
    day, bad_d = parse_ints(m[:, 8:10], full - 2)
    bad = (widths != 10) | bad_y | bad_m | bad_d | (m[:, 4] != 45) | (m[:, 7] != 45)
    bad |= (month < 1) | (month > 12) | (day < 1) | (day > 31)
    months = ((year - 1970) * 12 + np.clip(month, 1, 12) - 1).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + (np.clip(day, 1, 31) - 1)
    bad |= days.astype("datetime64[M]") != months  # 30 February and the like
    return cast("NDArray[np.datetime64]", days), bad


def factorize(m: NDArray[np.uint8], widths: IntArray) -> tuple[list[str], IntArray]:
    """The distinct values of a field matrix (as text) and each row's index into them.

    Short fields are grouped in linear time by their first two bytes and width, and the
    grouping is accepted when every row equals its group's representative; otherwise
    (or for long fields) numpy sorts.
    """
    n, w = m.shape
    if w <= 8:
        packed = np.zeros((n, 8), np.uint8)
        packed[:, :w] = m
        keys: NDArray[np.uint64] = packed.view("<u8").ravel()
        found = _factorize_short(m, widths, keys)
        if found is not None:
            return found
        uniq, inverse = np.unique(keys, return_inverse=True)
        raw: NDArray[Any] = uniq.astype("<u8").view("S8")
    else:
        raw, inverse = np.unique(m.view(f"S{w}").ravel(), return_inverse=True)
    return [bytes(v).rstrip(b"\0").decode("utf-8", "replace") for v in raw], inverse.astype(np.int64).ravel()


def _factorize_short(
    m: NDArray[np.uint8], widths: IntArray, keys: NDArray[np.uint64]
) -> tuple[list[str], IntArray] | None:
    second = m[:, 1].astype(np.int64) if m.shape[1] > 1 else np.zeros(len(m), np.int64)
    dense = (m[:, 0].astype(np.int64) * 256 + second) * 16 + np.minimum(widths, 15)
    counts = np.bincount(dense, minlength=1)
    present = np.flatnonzero(counts)
    table = np.zeros(len(counts), np.int64)
    table[present] = np.arange(len(present))
    inverse = table[dense]
    rep = np.zeros(len(present), np.uint64)
    rep[inverse] = keys
    if not np.array_equal(rep[inverse], keys):
        return None
    raw = rep.astype("<u8").view("S8")
    return [bytes(v).rstrip(b"\0").decode("utf-8", "replace") for v in raw], inverse
