"""Data files: downloaded through the polite client, checked against the digest their
publisher gives, and put in place only when complete and correct.

A download goes to ``NAME.part`` beside its target and is renamed only after its digest
matched; a mismatch removes it and raises :class:`DigestMismatch`. A file already in place
with the expected digest is not downloaded again, so a run that was interrupted goes on
where it stopped.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tariqa.fetch.client import Fetcher
from tariqa.fetch.errors import DigestMismatch, FetchError

ALGORITHMS = ("md5", "sha1", "sha256", "git-blob-sha1")


@dataclass(frozen=True)
class Digest:
    """A digest as its publisher gives it: ``git-blob-sha1`` is git's object id of a file
    (sha1 of ``blob <size>\\0`` and the content), which GitHub lists for every file."""

    algorithm: str
    value: str

    def __post_init__(self) -> None:
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"unknown digest algorithm {self.algorithm!r}")

    def of(self, data: bytes) -> str:
        if self.algorithm == "git-blob-sha1":
            return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
        return hashlib.new(self.algorithm, data, usedforsecurity=False).hexdigest()

    def matches(self, data: bytes) -> bool:
        return self.of(data) == self.value.lower()

    def __str__(self) -> str:
        return f"{self.algorithm}:{self.value}"


@dataclass(frozen=True)
class Download:
    """One file to download: from ``url`` to ``name``, with its publisher's digest."""

    url: str
    name: str
    digest: Digest
    size: int | None = None


def file_matches(path: Path, digest: Digest) -> bool:
    """Whether ``path`` exists and has ``digest``."""
    return path.is_file() and digest.matches(path.read_bytes())


def fetch_file(fetcher: Fetcher, item: Download, folder: Path) -> tuple[Path, bool]:
    """Download ``item`` into ``folder`` unless it is there already; return its path and
    whether it was downloaded. Raises FetchError when it cannot be had, DigestMismatch
    (nothing kept) when it is not the file described."""
    target = folder / item.name
    if file_matches(target, item.digest):
        return target, False
    fetched = fetcher.fetch(item.url)
    if fetched.outcome != "ok":
        raise FetchError(f"{item.url}: {fetched.error or fetched.outcome}; nothing was kept")
    data = fetched.body
    if not item.digest.matches(data):
        raise DigestMismatch(
            f"{item.url}: the file's {item.digest.algorithm} is {item.digest.of(data)}, but its publisher gives "
            f"{item.digest.value}; it was not kept"
        )
    part = target.with_name(target.name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with part.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"cannot write {target} ({exc.strerror or exc}); nothing was kept") from None
    return target, True
