"""UN vote data and GDELT files from local servers that answer as their publishers do."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tariqa.fetch.client import FetchOptions
from tariqa.fetch.errors import DigestMismatch, FetchError, NothingToFetch
from tariqa.fetch.gdelt import fetch_gdelt
from tariqa.fetch.unga import MANIFEST, UngaSources, fetch_unga, release_of
from tariqa.io.unvotes import read_unga
from tests.fetch.servers import Reply, Site

FAST = FetchOptions(delay=0, backoff=0.01, retries=0)
VOTES = (
    b"rcid,country,country_code,vote\n3,United States,US,yes\n3,Turkey,TR,no\n4,United States,US,no\n4,Turkey,TR,no\n"
)
CALLS = b"rcid,session,importantvote,date,unres,amend,para,short,descr\n3,1,0,1946-01-01,R/1/66,1,0,A,B\n4,1,0,1946-01-02,R/1/79,0,0,C,D\n"
ISSUES = b"rcid,short_name,issue\n3,me,Palestinian conflict\n"


def git_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def github(site: Site, files: dict[str, bytes], listed: dict[str, bytes] | None = None) -> UngaSources:
    sources = UngaSources(github_api=site.base, github_raw=site.base)
    listing = [{"name": n, "sha": git_sha(d), "size": len(d)} for n, d in (listed or files).items()]
    site.routes[f"/repos/{sources.unvotes_repo}/contents/{sources.unvotes_path}"] = Reply(
        200, json.dumps(listing).encode(), {"Content-Type": "application/json"}
    )
    for name, data in files.items():
        path = f"/{sources.unvotes_repo}/{sources.unvotes_commit}/{sources.unvotes_path}/{name}"
        site.routes[path] = Reply(200, data, {"Content-Type": "text/plain"})
    return sources


def test_unvotes_release_is_fetched_checked_and_readable(tmp_path: Path) -> None:
    with Site() as site:
        sources = github(site, {"unvotes.csv": VOTES, "roll_calls.csv": CALLS, "issues.csv": ISSUES})
        result = fetch_unga(release="unvotes", folder=tmp_path / "unga", sources=sources, options=FAST)
        again = fetch_unga(release="unvotes", folder=tmp_path / "unga", sources=sources, options=FAST)
    assert result.downloaded == 3 and again.downloaded == 0
    assert "unvotes R package data" in result.release.label and release_of(tmp_path / "unga") == result.release.label
    votes = read_unga(tmp_path / "unga")
    assert sorted(set(votes.state.tolist())) == ["TUR", "USA"] and len(votes) == 4


def test_a_digest_mismatch_keeps_nothing(tmp_path: Path) -> None:
    with Site() as site:
        files = {"unvotes.csv": VOTES, "roll_calls.csv": CALLS, "issues.csv": ISSUES}
        sources = github(site, files, listed=files | {"issues.csv": ISSUES + b"tampered\n"})
        with pytest.raises(DigestMismatch, match=r"issues\.csv: the file.s git-blob-sha1 is"):
            fetch_unga(release="unvotes", folder=tmp_path / "unga", sources=sources, options=FAST)
    assert not (tmp_path / "unga").exists() or sorted(p.name for p in (tmp_path / "unga").iterdir()) == []


def test_voeten_release_from_dataverse(tmp_path: Path) -> None:
    ideal = b"ccode,session,IdealPointAll\n640,70,0.5\n"
    votes = b"RDX3\n..."  # the votes ship as R data: kept as published
    with Site() as site:
        answer = {
            "status": "OK",
            "data": {
                "latestVersion": {
                    "versionNumber": 9,
                    "versionMinorNumber": 0,
                    "releaseTime": "2025-07-10T12:00:00Z",
                    "files": [
                        {
                            "label": "UNVotes.RData",
                            "dataFile": {"id": 11, "filename": "UNVotes.RData", "md5": hashlib.md5(votes).hexdigest()},
                        },
                        {
                            "label": "x.tab",
                            "dataFile": {
                                "id": 12,
                                "filename": "IdealpointestimatesAll.tab",
                                "originalFileName": "IdealpointestimatesAll.csv",
                                "originalFileFormat": "text/csv",
                                "checksum": {"type": "MD5", "value": hashlib.md5(ideal).hexdigest()},
                            },
                        },
                        {
                            "label": "AgreementScores.csv",
                            "dataFile": {"id": 13, "filename": "AgreementScores.csv", "md5": "0" * 32},
                        },
                    ],
                }
            },
        }
        site.routes["/api/datasets/:persistentId/"] = Reply(
            200, json.dumps(answer).encode(), {"Content-Type": "application/json"}
        )
        site.routes["/api/access/datafile/11"] = Reply(200, votes, {"Content-Type": "application/octet-stream"})
        site.routes["/api/access/datafile/12"] = Reply(200, ideal, {"Content-Type": "text/csv"})
        result = fetch_unga(folder=tmp_path / "u", sources=UngaSources(dataverse=site.base), options=FAST)
        assert "/api/access/datafile/13" not in site.paths()
    assert "V9.0 (released 2025-07-10)" in result.release.label
    assert sorted(p.name for p in (tmp_path / "u").iterdir()) == [
        "IdealpointestimatesAll.csv",
        "UNVotes.RData",
        MANIFEST,
    ]


def gdelt_zip(name: str) -> bytes:
    row = "\t".join(["1"] * 61) + "\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name.removesuffix(".zip"), row)
    return out.getvalue()


def master(site: Site, stamps: list[str], bad: str | None = None) -> str:
    lines = []
    for stamp in stamps:
        name = f"{stamp}.export.CSV.zip"
        data = gdelt_zip(name)
        site.routes[f"/gdeltv2/{name}"] = Reply(200, data, {"Content-Type": "application/zip"})
        md5 = "0" * 32 if stamp == bad else hashlib.md5(data).hexdigest()
        lines.append(f"{len(data)} {md5} {site.url('/gdeltv2/' + name)}")
        lines.append(f"123 {'1' * 32} {site.url('/gdeltv2/' + stamp + '.mentions.CSV.zip')}")
    site.routes["/gdeltv2/masterfilelist.txt"] = Reply(200, "\n".join(lines).encode(), {"Content-Type": "text/plain"})
    return site.url("/gdeltv2/masterfilelist.txt")


def test_gdelt_window_is_fetched_resumed_and_ingestible(tmp_path: Path) -> None:
    stamps = ["20191023234500", "20191024000000", "20191024143000", "20191025000000"]
    with Site() as site:
        listing = master(site, stamps)
        window = {"since": date(2019, 10, 24), "until": date(2019, 10, 24), "out": tmp_path / "g", "list_url": listing}
        (tmp_path / "g").mkdir()
        (tmp_path / "g" / "20191024000000.export.CSV.zip").write_bytes(gdelt_zip("20191024000000.export.CSV.zip"))
        result = fetch_gdelt(options=FAST, **window)  # type: ignore[arg-type]
        assert [p.name for p in result.files] == ["20191024000000.export.CSV.zip", "20191024143000.export.CSV.zip"]
        assert result.downloaded == 1 and "/gdeltv2/20191024000000.export.CSV.zip" not in site.paths()
    from tariqa.eventdata.sources import expand, inspect

    assert [inspect(p).layout.width for p in expand([tmp_path / "g"])] == [61, 61]


def test_gdelt_errors(tmp_path: Path) -> None:
    with Site() as site:
        listing = master(site, ["20191024000000", "20191024001500"], bad="20191024001500")
        with pytest.raises(NothingToFetch, match="no event file between 2001-01-01 and 2001-01-02"):
            fetch_gdelt(
                since=date(2001, 1, 1), until=date(2001, 1, 2), out=tmp_path / "a", list_url=listing, options=FAST
            )
        with pytest.raises(DigestMismatch):
            fetch_gdelt(
                since=date(2019, 10, 24), until=date(2019, 10, 24), out=tmp_path / "b", list_url=listing, options=FAST
            )
        assert [p.name for p in (tmp_path / "b").iterdir()] == ["20191024000000.export.CSV.zip"]
        with pytest.raises(FetchError, match="ends"):
            fetch_gdelt(since=date(2019, 10, 25), until=date(2019, 10, 24), out=tmp_path / "c", list_url=listing)


def test_gdelt_1_index(tmp_path: Path) -> None:
    with Site() as site:
        data = gdelt_zip("20130401.export.CSV.zip")
        site.routes["/events/20130401.export.CSV.zip"] = Reply(200, data, {"Content-Type": "application/zip"})
        md5 = hashlib.md5(data).hexdigest()
        page = f'<UL><LI><A HREF="20130401.export.CSV.zip">20130401.export.CSV.zip</A> (MD5: {md5})\n<LI><A HREF="2005.zip">2005.zip</A> (MD5: {"2" * 32})</UL>'
        site.routes["/events/index.html"] = Reply(200, page.encode())
        result = fetch_gdelt(
            since=date(2013, 4, 1),
            until=date(2013, 4, 1),
            out=tmp_path,
            version=1,
            list_url=site.url("/events/index.html"),
            options=FAST,
        )
    assert [p.name for p in result.files] == ["20130401.export.CSV.zip"]
