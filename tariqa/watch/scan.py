"""``scan DIR``: read every saved article in a folder (HTML, plain text, PDF).

:func:`scan` reads ``.html``/``.htm``, ``.txt`` and ``.pdf`` files (the PDF's text layer,
through :mod:`tariqa.io.extract`), each with :func:`~tariqa.watch.reader.read_article`,
in one process or several (``workers``: the record index is inherited by forked
workers, not copied per file). A file's URL is its ``file://`` URI unless ``urls`` maps
its name to the URL it was saved from. A file that cannot be read (too large, not
text, a broken PDF) is reported as a :class:`~tariqa.errors.Problem` and the scan goes
on; the same URL met twice is read once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tariqa.errors import InputError, Problem, UsageError
from tariqa.watch.reader import read_article
from tariqa.watch.record import RecordIndex
from tariqa.watch.types import ArticleReading

#: File extensions a scan reads.
SCANNED = (".html", ".htm", ".txt", ".pdf")
#: The largest article file a scan reads (bytes).
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ScanResult:
    """The readings of a folder's articles, how many were skipped for their language,
    duplicate URLs left out, and the files that could not be read."""

    readings: tuple[ArticleReading, ...]
    skipped: int
    duplicates: tuple[str, ...]
    problems: tuple[Problem, ...]


_RECORD: RecordIndex | None = None


def article_text(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """The text of a saved article: HTML and text as they are, a PDF's text layer."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is more than the {max_bytes:,} an article may have")
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":
        from tariqa.io.extract import extract_bytes

        return extract_bytes(data, path.name).text
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a text file")
    return data.decode("utf-8", "replace")


def _read_one(args: tuple[str, str, datetime]) -> ArticleReading | Problem:
    path, url, fetched_at = args
    assert _RECORD is not None
    try:
        text = article_text(Path(path))
    except (InputError, OSError) as exc:
        return Problem(path, "", "file", str(exc).removeprefix(f"{path}: "))
    return read_article(text, url=url, fetched_at=fetched_at, record=_RECORD)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SCANNED)


def scan(
    folder: Path,
    *,
    record: RecordIndex,
    fetched_at: datetime,
    workers: int = 1,
    urls: Mapping[str, str] | None = None,
) -> ScanResult:
    """Read every article under ``folder``."""
    global _RECORD
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of saved articles")
    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    jobs: list[tuple[str, str, datetime]] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    for path in _files(folder):
        url = (urls or {}).get(path.name) or path.resolve().as_uri()
        if url in seen:
            duplicates.append(url)
            continue
        seen.add(url)
        jobs.append((str(path), url, fetched_at))
    _RECORD = record
    try:
        results = _run(jobs, workers)
    finally:
        _RECORD = None
    readings = tuple(r for r in results if isinstance(r, ArticleReading))
    problems = tuple(r for r in results if isinstance(r, Problem))
    skipped = sum(1 for r in readings if not r.handled)
    return ScanResult(readings, skipped, tuple(duplicates), problems)


def _run(jobs: list[tuple[str, str, datetime]], workers: int) -> Iterable[ArticleReading | Problem]:
    if workers == 1 or len(jobs) < 2 * workers or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_one(j) for j in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(200, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1), mp_context=context) as pool:
        return list(pool.map(_read_one, jobs, chunksize=chunk))
