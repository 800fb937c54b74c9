"""GDELT event files for a window of days, downloaded with their MD5 digests checked.

GDELT publishes the list of its files with each file's size and MD5:

* 2.0: ``gdeltv2/masterfilelist.txt``, one ``SIZE MD5 URL`` line per file; the event
  files are the 15-minute ``YYYYMMDDHHMMSS.export.CSV.zip`` (from 2015-02-18);
* 1.0: ``events/index.html``, one link per file with its MD5: daily
  ``YYYYMMDD.export.CSV.zip`` (from 2013-04-01), monthly ``YYYYMM.zip`` (2006-2013) and
  yearly ``YYYY.zip`` (1979-2005); a monthly or yearly file is taken when it overlaps the
  window.

The files go into one folder under their GDELT names, ready for ``tariqa gdelt ingest``.
A file already there with the right digest is not fetched again, so an interrupted run
goes on where it stopped; a window with no file is an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from tariqa.fetch.client import Fetcher, FetchOptions, now_text
from tariqa.fetch.downloads import Digest, Download, fetch_file
from tariqa.fetch.errors import FetchError, NothingToFetch
from tariqa.fetch.unga import data_options

V2_LIST = "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
V1_LIST = "http://data.gdeltproject.org/events/index.html"
MANIFEST = "gdelt-fetch.json"
_V2_LINE = re.compile(r"^\s*(\d+)\s+([0-9a-fA-F]{32})\s+(\S+/(\d{14})\.export\.CSV\.zip)\s*$")
_V1_LINK = re.compile(r"""href=["']?((?:\d{8}\.export\.CSV|\d{6}|\d{4})\.zip)["']?""", re.I)
_MD5 = re.compile(r"MD5:\s*([0-9a-fA-F]{32})", re.I)


@dataclass(frozen=True)
class GdeltFetch:
    """What a run fetched: the files of the window, how many were downloaded now."""

    version: int
    folder: Path
    files: tuple[Path, ...]
    downloaded: int
    list_url: str


def v2_files(listing: str, since: date, until: date) -> list[Download]:
    """The 2.0 event files of the window from the master file list.

    >>> line = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://h/gdeltv2/20150218230000.export.CSV.zip"
    >>> [d.name for d in v2_files(line, date(2015, 2, 18), date(2015, 2, 18))]
    ['20150218230000.export.CSV.zip']
    """
    low, high = since.strftime("%Y%m%d") + "000000", until.strftime("%Y%m%d") + "235959"
    found = []
    for line in listing.splitlines():
        match = _V2_LINE.match(line)
        if match and low <= match.group(4) <= high:
            size, md5, url, _ = match.groups()
            found.append(Download(url, url.rsplit("/", 1)[1], Digest("md5", md5), int(size)))
    return found


def _v1_overlaps(name: str, since: date, until: date) -> bool:
    stem = name.split(".", 1)[0]
    if len(stem) == 8:
        return since.strftime("%Y%m%d") <= stem <= until.strftime("%Y%m%d")
    if len(stem) == 6:
        return since.strftime("%Y%m") <= stem <= until.strftime("%Y%m")
    return str(since.year) <= stem <= str(until.year)


def v1_files(index: str, base: str, since: date, until: date) -> list[Download]:
    """The 1.0 event files of the window from the file index (one link and MD5 per line).

    >>> page = '<LI><A HREF="20130401.export.CSV.zip">20130401.export.CSV.zip</A> 4.0MB (MD5: ' + "a" * 32 + ")"
    >>> [(d.name, d.url) for d in v1_files(page, "http://h/events/index.html", date(2013, 4, 1), date(2013, 4, 2))]
    [('20130401.export.CSV.zip', 'http://h/events/20130401.export.CSV.zip')]
    """
    found = []
    for line in index.splitlines():
        link, md5 = _V1_LINK.search(line), _MD5.search(line)
        if link and md5 and _v1_overlaps(link.group(1), since, until):
            name = link.group(1)
            found.append(Download(urljoin(base, name), name, Digest("md5", md5.group(1))))
    return found


def fetch_gdelt(
    *,
    since: date,
    until: date,
    out: Path,
    version: int = 2,
    list_url: str | None = None,
    options: FetchOptions | None = None,
    progress: Callable[[Path, bool], None] | None = None,
) -> GdeltFetch:
    """Download the window's event files into ``out`` (see the module's docstring).

    Raises NothingToFetch when the list has no file in the window, DigestMismatch when a
    file is not the one listed (it is not kept; the files before it are), FetchError when
    the list or a file cannot be had.
    """
    if version not in (1, 2):
        raise FetchError(f"GDELT has versions 1 and 2, not {version}")
    if until < since:
        raise FetchError(f"the window ends ({until}) before it starts ({since})")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FetchError(f"{out} is a file, not a folder for GDELT files")
    list_url = list_url or (V2_LIST if version == 2 else V1_LIST)
    with Fetcher(data_options(options)) as fetcher:
        listed = fetcher.fetch(list_url)
        if listed.outcome != "ok":
            raise FetchError(f"GDELT's file list {list_url} could not be read: {listed.error or listed.outcome}")
        text = listed.body.decode("utf-8", "replace")
        files = v2_files(text, since, until) if version == 2 else v1_files(text, list_url, since, until)
        if not files:
            raise NothingToFetch(
                f"GDELT {version}.0 lists no event file between {since} and {until} "
                f"({'2.0 starts on 2015-02-18' if version == 2 else '1.0 covers 1979 to its last daily file'})"
            )
        kept, downloaded = [], 0
        for item in sorted(files, key=lambda d: d.name):
            path, fresh = fetch_file(fetcher, item, out)
            kept.append(path)
            downloaded += fresh
            if progress is not None:
                progress(path, fresh)
    manifest = {
        "list": list_url,
        "version": version,
        "since": since.isoformat(),
        "until": until.isoformat(),
        "fetched": now_text(),
        "files": [{"name": d.name, "url": d.url, "digest": str(d.digest)} for d in files],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return GdeltFetch(version, out, tuple(kept), downloaded, list_url)
