"""Finding GDELT event files, opening them (plain, .gz, .zip) and detecting their layout."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from tariqa.errors import InputError
from tariqa.eventdata.layouts import Layout, layout_for_width

#: File names taken from a directory (GDELT names its files ``*.export.CSV(.zip)``).
SUFFIXES = (".csv", ".tsv", ".zip", ".gz")
ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Source:
    """One input file: where it is, how it is compressed, its layout and fingerprint."""

    path: Path
    compression: str  # "none", "gzip" or "zip"
    layout: Layout
    fingerprint: str


def expand(paths: list[Path]) -> list[Path]:
    """The files named, and the GDELT-looking files under the directories named, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))
            files += [p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts)]
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    unique = list(dict.fromkeys(p.resolve() for p in files))
    if not unique:
        raise InputError(f"no GDELT event files found in {', '.join(map(str, paths))}")
    return unique


def fingerprint(path: Path) -> str:
    """A cheap content fingerprint: the size and a hash of the first and last MiB."""
    size = path.stat().st_size
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        digest.update(handle.read(1 << 20))
        if size > 2 << 20:
            handle.seek(-(1 << 20), 2)
            digest.update(handle.read())
    return f"{size}-{digest.hexdigest()}"


def compression_of(path: Path) -> str:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic.startswith(ZIP_MAGIC) or path.name.lower().endswith(".zip"):
        return "zip"
    if magic.startswith(GZIP_MAGIC):
        return "gzip"
    return "none"


def _zip_member(path: Path) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a complete zip archive (truncated or damaged): {exc}") from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) != 1:
        archive.close()
        raise InputError(f"{path}: a GDELT zip holds one file; this one holds {len(members)}")
    return archive, members[0]


def first_line(path: Path, compression: str) -> bytes:
    """The first line of the (decompressed) file, at most 1 MiB."""
    try:
        if compression == "zip":
            archive, member = _zip_member(path)
            with archive, archive.open(member) as handle:
                return handle.readline(1 << 20)
        opener = gzip.open if compression == "gzip" else open
        with opener(path, "rb") as handle:
            line: bytes = handle.readline(1 << 20)
            return line
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: cannot be read ({compression}): {exc}") from None


def inspect(path: Path) -> Source:
    """Check that ``path`` opens, and detect its layout from the first line."""
    compression = compression_of(path)
    line = first_line(path, compression)
    if not line.strip():
        raise InputError(f"{path}:1: the file is empty or starts with an empty line")
    width = line.rstrip(b"\r\n").count(b"\t") + 1
    layout = layout_for_width(width)
    if layout is None:
        raise InputError(
            f"{path}:1: columns: {width} tab-separated fields; a GDELT event file has 57 or 58 (1.0) or 61 (2.0)"
        )
    return Source(path, compression, layout, fingerprint(path))


def unzip_to(source: Source, target: Path) -> Path:
    """Extract the one member of a zip to ``target`` (streamed), checking its CRC."""
    archive, member = _zip_member(source.path)
    try:
        with archive, archive.open(member) as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise InputError(f"{source.path}: the zip archive is damaged or truncated: {exc}") from None
    return target


def line_of(path: Path, compression: str, event_id: int) -> int | None:
    """The line number of the row whose GLOBALEVENTID is ``event_id`` (for error messages)."""
    prefix = f"{event_id}\t".encode()
    opener = gzip.open if compression == "gzip" else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith(prefix):
                return number
    return None
