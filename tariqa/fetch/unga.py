"""UN General Assembly roll-call data: downloaded, checked against the digests their
publishers give, and kept in the UN data folder with the name of the release used.

Two releases are known (:data:`RELEASES`); their addresses are options, so tests use
local servers that answer as the publishers do:

* ``voeten``: Erik Voeten, Anton Strezhnev and Michael Bailey's *United Nations General
  Assembly Voting Data* on Harvard Dataverse (doi:10.7910/DVN/LEJUQZ, formerly
  hdl:1902.1/12379). The dataset's current version, its files and their MD5 digests are
  read from Dataverse's dataset API; the votes (``UNVotes*``) and ideal points
  (``Idealpoint*``, ``IdealPoint*``) are downloaded in their original format.
* ``unvotes``: the R package ``unvotes``' three tables (votes, roll calls, issues; Voeten's
  data as downloaded in February 2021, sessions 1-74) as CSV in the TidyTuesday repository
  (week 2021-03-23), pinned to a commit; the files' git object ids, which GitHub lists for
  each file, are the digests.

A release is downloaded to a staging folder inside the UN data folder; only when every
file matched its digest are the files moved in and ``unga-release.json`` written (the
release, its version, the files and digests). A mismatch keeps nothing.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from tariqa.fetch.client import Fetched, Fetcher, FetchOptions, now_text
from tariqa.fetch.downloads import Digest, Download, fetch_file
from tariqa.fetch.errors import FetchError, NothingToFetch
from tariqa.io.unvotes import RELEASE_MANIFEST as MANIFEST
from tariqa.io.unvotes import release_of as release_of

DATAVERSE = "https://dataverse.harvard.edu"
VOETEN_DATASET = "doi:10.7910/DVN/LEJUQZ"
VOETEN_FILES = ("UNVotes*", "Idealpoint*", "IdealPoint*")
GITHUB_API = "https://api.github.com"
GITHUB_RAW = "https://raw.githubusercontent.com"
UNVOTES_REPO = "rfordatascience/tidytuesday"
UNVOTES_PATH = "data/2021/2021-03-23"
UNVOTES_COMMIT = "5bfa86419e86c2002a882d044185f1d445493ddb"
UNVOTES_FILES = ("unvotes.csv", "roll_calls.csv", "issues.csv")
RELEASES = ("voeten", "unvotes")
#: The largest data file accepted (the full Voeten votes are some 100 MB).
DATA_MAX_BYTES = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class UngaSources:
    """Where the releases are published (change them to use a mirror, or in tests)."""

    dataverse: str = DATAVERSE
    dataset: str = VOETEN_DATASET
    voeten_files: tuple[str, ...] = VOETEN_FILES
    github_api: str = GITHUB_API
    github_raw: str = GITHUB_RAW
    unvotes_repo: str = UNVOTES_REPO
    unvotes_path: str = UNVOTES_PATH
    unvotes_commit: str = UNVOTES_COMMIT
    unvotes_files: tuple[str, ...] = UNVOTES_FILES


@dataclass(frozen=True)
class Release:
    """A data release: its name as outputs cite it, and its files."""

    source: str
    label: str
    files: tuple[Download, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class UngaFetch:
    """The result of :func:`fetch_unga`: the release, the folder, and the files kept."""

    release: Release
    folder: Path
    files: tuple[Path, ...]
    downloaded: int


def data_options(options: FetchOptions | None) -> FetchOptions:
    """The client's options for named data files: large sizes; robots.txt, which governs
    crawlers, is not consulted for files a user asks for by name."""
    from dataclasses import replace

    return replace(options or FetchOptions(), max_bytes=DATA_MAX_BYTES, robots=False)


def _json(fetched: Fetched, what: str) -> object:
    if fetched.outcome != "ok":
        raise FetchError(f"{what} could not be read from {fetched.url}: {fetched.error or fetched.outcome}")
    try:
        return json.loads(fetched.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(f"{what} at {fetched.url} is not the JSON expected ({exc})") from None


def voeten_release(fetcher: Fetcher, sources: UngaSources) -> Release:
    """The current version of the Voeten dataset and its wanted files, from Dataverse."""
    url = f"{sources.dataverse}/api/datasets/:persistentId/?persistentId={quote(sources.dataset, safe=':/')}"
    answer = _json(fetcher.fetch(url), "the Dataverse dataset description")
    try:
        data = answer["data"]  # type: ignore[index]
        latest = data["latestVersion"]
        files = latest["files"]
        label = (
            f"Voeten, Strezhnev & Bailey, UNGA Voting Data, Harvard Dataverse {sources.dataset}, "
            f"V{latest['versionNumber']}.{latest.get('versionMinorNumber', 0)} "
            f"(released {str(latest.get('releaseTime', ''))[:10] or 'unknown'})"
        )
    except (KeyError, TypeError) as exc:
        raise FetchError(f"the Dataverse dataset description at {url} lacks {exc}") from None
    downloads = []
    for entry in files:
        datafile = entry.get("dataFile", {})
        name = str(datafile.get("originalFileName") or datafile.get("filename") or entry.get("label", ""))
        if not any(fnmatch.fnmatch(name, pattern) for pattern in sources.voeten_files):
            continue
        checksum = datafile.get("checksum") or {}
        algorithm = str(checksum.get("type", "MD5")).lower().replace("-", "")
        value = checksum.get("value") or datafile.get("md5")
        if not value or algorithm not in ("md5", "sha1", "sha256"):
            raise FetchError(f"Dataverse gives no usable digest for {name}; nothing was downloaded")
        original = "?format=original" if datafile.get("originalFileFormat") else ""
        link = f"{sources.dataverse}/api/access/datafile/{datafile['id']}{original}"
        downloads.append(Download(link, name, Digest(algorithm, str(value)), datafile.get("filesize")))
    if not downloads:
        raise NothingToFetch(f"the dataset {sources.dataset} lists no file named {', '.join(sources.voeten_files)}")
    return Release("voeten", label, tuple(sorted(downloads, key=lambda d: d.name)))


def unvotes_release(fetcher: Fetcher, sources: UngaSources) -> Release:
    """The unvotes CSV files at the pinned commit, with the git object ids GitHub lists."""
    repo, path, commit = sources.unvotes_repo, sources.unvotes_path, sources.unvotes_commit
    url = f"{sources.github_api}/repos/{repo}/contents/{path}?ref={commit}"
    listing = _json(fetcher.fetch(url), "the repository's file list")
    if not isinstance(listing, list):
        raise FetchError(f"the repository's file list at {url} is not a list of files")
    by_name = {str(e.get("name")): e for e in listing if isinstance(e, dict)}
    downloads = []
    for name in sources.unvotes_files:
        entry = by_name.get(name)
        if entry is None or not entry.get("sha"):
            raise FetchError(
                f"{name} is not in {sources.unvotes_repo}/{sources.unvotes_path} at {sources.unvotes_commit}"
            )
        link = f"{sources.github_raw}/{sources.unvotes_repo}/{sources.unvotes_commit}/{sources.unvotes_path}/{name}"
        downloads.append(
            Download(link, f"unvotes_{name}", Digest("git-blob-sha1", str(entry["sha"])), entry.get("size"))
        )
    label = (
        f"unvotes R package data (Voeten, February 2021; sessions 1-74) as CSV in "
        f"{sources.unvotes_repo} {sources.unvotes_path} at commit {sources.unvotes_commit[:12]}"
    )
    return Release("unvotes", label, tuple(downloads))


def fetch_unga(
    *,
    release: str = "voeten",
    folder: Path | None = None,
    sources: UngaSources | None = None,
    options: FetchOptions | None = None,
) -> UngaFetch:
    """Download a release into ``folder`` (default: the UN data folder), all or nothing."""
    from tariqa.settings import unga_folder

    if release not in RELEASES:
        raise FetchError(f"unknown UN vote data release {release!r} (known: {', '.join(RELEASES)})")
    sources = sources or UngaSources()
    folder = Path(folder) if folder is not None else unga_folder()
    if folder.exists() and not folder.is_dir():
        raise FetchError(f"{folder} is a file, not a folder for UN vote data")
    with Fetcher(data_options(options)) as fetcher:
        described = voeten_release(fetcher, sources) if release == "voeten" else unvotes_release(fetcher, sources)
        staging = folder / f".staging-{uuid.uuid4().hex[:8]}"
        try:
            downloaded = 0
            for item in described.files:
                kept = folder / item.name
                if kept.is_file() and item.digest.matches(kept.read_bytes()):
                    continue
                _, fresh = fetch_file(fetcher, item, staging)
                downloaded += fresh
            for item in described.files:
                if (staging / item.name).exists():
                    (staging / item.name).replace(folder / item.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    manifest = {
        "release": described.label,
        "source": described.source,
        "fetched": now_text(),
        "files": [{"name": d.name, "url": d.url, "digest": str(d.digest)} for d in described.files],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return UngaFetch(described, folder, tuple(folder / d.name for d in described.files), downloaded)
