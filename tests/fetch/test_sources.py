"""Fetching the record's sources into the archive and the log; link health; documents'
texts and their versions; bad input refused with nothing changed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tariqa.errors import NotFound, Problems, UsageError
from tariqa.fetch.archive import PARTIAL, Archive
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.errors import ArchiveError
from tariqa.fetch.health import find_snapshots, link_health
from tariqa.fetch.sources import fetch_sources, fetch_urls, source_targets
from tariqa.fetch.texts import reanchor, update_texts
from tariqa.io import plan, read_inputs
from tariqa.model import Code, Coding, Parsed
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml
from tests.fetch.servers import Reply, Site, html, sequence

FAST = FetchOptions(delay=0, backoff=0.01, timeout=2, retries=1)
DECLARATION = (
    "The foreign ministers of Azerbaijan, Türkiye and Pakistan met in Baku. They condemned terrorism in all its "
    "forms and agreed to meet again next year in Islamabad."
)


@pytest.fixture
def site() -> Site:
    with Site() as s:
        s.routes["/declaration"] = Reply(200, html("Baku Declaration", DECLARATION))
        s.routes["/news"] = Reply(200, html("News", "The ministers met in Baku."))
        s.routes["/gone"] = Reply(410, b"removed")
        yield s  # type: ignore[misc]


def load(store: Store, tmp_path: Path, site: Site, **document: object) -> None:
    record = small_record()
    a, b = site.url("/declaration"), site.url("/news")
    for source, url in zip(record["sources"], (a, b), strict=True):
        source["url"] = url
    for event in record["events"]:
        event["sources"] = [a if u == small_record()["sources"][0]["url"] else b for u in event["sources"]]  # type: ignore[union-attr]
        for conflict in event.get("conflicts", []):  # type: ignore[union-attr]
            conflict["sources"] = [b]
    record["trade_flows"][0]["source"] = b
    record["documents"][0]["sources"] = [a]
    record["documents"][0].update(document)
    store.import_items(read_inputs(plan([str(write_yaml(tmp_path / "r.yaml", record))])))


def test_sources_are_fetched_archived_logged_and_texts_extracted(store: Store, tmp_path: Path, site: Site) -> None:
    load(store, tmp_path, site)
    archive = Archive.open(tmp_path / "archive")
    report = fetch_sources(store, options=FAST, archive_folder=archive.folder)
    assert report.counts == {"ok": 2}
    rows = store.fetch_history()
    assert {r.url for r in rows} == {site.url("/declaration"), site.url("/news")}
    for row in rows:
        assert row.warc and (archive.folder / row.warc).is_file() and row.type == "html" and row.status == 200
        assert archive.read(row.warc) and len(row.sha256 or "") == 64
    texts = update_texts(store, archive=archive)
    assert [(t.document, t.state, t.version, t.language) for t in texts] == [("atp-baku-2017", "added", 1, "en")]
    text = store.document_text("atp-baku-2017")
    assert "condemned terrorism in all its forms" in text and "Home | News" not in text
    version = store.text_versions("atp-baku-2017")[0]
    assert version.url == site.url("/declaration") and version.extractor.startswith("trafilatura ")
    assert version.payload_sha256 == rows[0].sha256 or version.payload_sha256 == rows[1].sha256
    # a second run fetches nothing new; a refresh asks again and the text stays one version
    assert fetch_sources(store, options=FAST, archive_folder=archive.folder).rows == ()
    fetch_sources(store, options=FAST, archive_folder=archive.folder, refresh=True)
    assert [t.state for t in update_texts(store, archive=archive)] == ["unchanged"]


def test_a_changed_text_is_a_new_version_and_codings_move_or_wait(sqlite_store: Store, tmp_path: Path) -> None:
    store = sqlite_store
    with Site() as site:
        site.routes["/declaration"] = sequence(
            Reply(200, html("Baku Declaration", DECLARATION)),
            Reply(200, html("Baku Declaration", "Preamble added. " + DECLARATION.replace("next year", "in 2018"))),
        )
        site.routes["/news"] = Reply(200, html("News", "x"))
        load(store, tmp_path, site)
        archive = Archive.open(tmp_path / "archive")
        fetch_sources(store, options=FAST, archive_folder=archive.folder, only="documents")
        update_texts(store, archive=archive)
        text = store.document_text("atp-baku-2017")
        code = Code(id="threat-terrorism", name="Terrorism", definition="Terrorism named as a shared danger.")
        terror = text.index("condemned terrorism")
        again = text.index("next year")
        codings = [
            Coding(document="atp-baku-2017", start=terror, end=terror + 19, code="threat-terrorism", coder="aylin"),
            Coding(document="atp-baku-2017", start=again, end=again + 9, code="threat-terrorism", coder="aylin"),
        ]
        store.import_items([Parsed(code, "c", ""), *[Parsed(c, "c", "") for c in codings]])
        fetch_sources(store, options=FAST, archive_folder=archive.folder, only="documents", refresh=True)
        outcome = update_texts(store, archive=archive)[0]
    assert (outcome.state, outcome.version, outcome.moved, outcome.flagged) == ("new-version", 2, 1, 1)
    new = store.document_text("atp-baku-2017")
    [moved] = store.codings(document="atp-baku-2017")
    assert new[moved.start : moved.end] == "condemned terrorism" and moved.start != terror
    [review] = store.coding_reviews("atp-baku-2017")
    assert review.version == 1 and "not in the new text" in review.reason
    assert json.loads(review.body)["start"] == again
    assert [v.version for v in store.text_versions("atp-baku-2017")] == [1, 2]


def test_reanchoring_never_guesses() -> None:
    coding = Coding(document="d", start=0, end=3, code="c", coder="x")
    moved, flagged = reanchor("abc def", "xx abc yy abc", [coding])
    assert moved == [] and flagged[0][1] == "its passage occurs more than once in the new text"


def test_link_health_and_wayback(store: Store, tmp_path: Path, site: Site) -> None:
    load(store, tmp_path, site)
    site.routes["/declaration"] = Reply(301, b"", {"Location": "/declaration-2"})
    site.routes["/declaration-2"] = Reply(200, html("Moved", "here"))
    store_urls = [site.url("/declaration"), site.url("/gone")]
    fetch_urls(store, store_urls, options=FAST, archive=Archive.open(tmp_path / "a"))
    health = {h.url: h for h in link_health(store)}
    assert health[site.url("/declaration")].state == "moved"
    assert health[site.url("/news")].state == "never-fetched"
    gone = link_health(store, [site.url("/gone")])
    assert gone[0].state == "gone"
    with Site() as wayback:
        answer = {
            "archived_snapshots": {
                "closest": {
                    "available": True,
                    "url": "http://web.archive.org/web/2017/x",
                    "timestamp": "20171130101010",
                }
            }
        }
        wayback.routes["/wayback/available"] = Reply(
            200, json.dumps(answer).encode(), {"Content-Type": "application/json"}
        )
        found = find_snapshots(store, gone, api=wayback.url("/wayback/available"), options=FAST)
        assert wayback.hits[-1][0] == "/wayback/available"
    assert (
        found[0].snapshot == "http://web.archive.org/web/2017/x" and found[0].snapshot_at == "2017-11-30T10:10:10+00:00"
    )
    assert link_health(store, [site.url("/gone")])[0].snapshot == "http://web.archive.org/web/2017/x"


def test_unknown_group_and_bad_only_are_refused(store: Store, tmp_path: Path, site: Site) -> None:
    load(store, tmp_path, site)
    with pytest.raises(NotFound, match="unknown group 'NOPE'"):
        fetch_sources(store, group="NOPE", archive_folder=tmp_path / "a")
    with pytest.raises(UsageError):
        source_targets(store, only="trade")
    assert store.fetch_history() == [] and not (tmp_path / "a").exists()


def test_urls_that_cannot_be_fetched_name_their_record(store: Store, tmp_path: Path, site: Site) -> None:
    load(store, tmp_path, site, url="https://mfa.gov.az:99999/declaration")
    with pytest.raises(Problems) as caught:
        fetch_sources(store, archive_folder=tmp_path / "a", options=FAST)
    assert "documents:atp-baku-2017: url:" in str(caught.value)
    with pytest.raises(Problems, match=r"urls:1: url: 'ftp://x\.org/a'"):
        fetch_urls(store, ["ftp://x.org/a"], archive=Archive.open(tmp_path / "b"))
    assert store.fetch_history() == [] and site.hits == []


def test_an_archive_folder_that_is_a_file_or_not_writable(store: Store, tmp_path: Path, site: Site) -> None:
    load(store, tmp_path, site)
    a_file = tmp_path / "archive"
    a_file.write_text("x")
    with pytest.raises(ArchiveError, match="is a file, not a folder"):
        fetch_sources(store, archive_folder=a_file, options=FAST)
    with pytest.raises(ArchiveError, match="cannot be created"):
        fetch_sources(store, archive_folder=a_file / "inside", options=FAST)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / PARTIAL).mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root may write anywhere: run the fetch without that privilege
            code, said = fetch_unprivileged(store.url, locked)
            assert code == 3 and "is not writable; nothing was fetched" in said, said
        else:
            with pytest.raises(ArchiveError, match="not writable"):
                fetch_sources(store, archive_folder=locked, options=FAST)
    finally:
        locked.chmod(0o700)
    assert store.fetch_history() == [] and site.hits == []


UNPRIVILEGED_FETCH = """
import os, sys
from pathlib import Path
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.errors import ArchiveError
from tariqa.fetch.sources import fetch_sources
from tariqa.storage import open_store

folder = Path(sys.argv[2])
if os.access(folder, os.W_OK):
    sys.exit("still allowed to write to the locked folder: privileges were not dropped")
with open_store(sys.argv[1]) as store:
    try:
        fetch_sources(store, archive_folder=folder, options=FetchOptions(delay=0, timeout=2, retries=0))
    except ArchiveError as exc:
        print(exc)
        sys.exit(3)
"""


def fetch_unprivileged(db: str, folder: Path) -> tuple[int, str]:
    """Run fetch_sources in a child process in a new user namespace (``unshare --user``),
    where root has no power over files it does not map (every file here): permissions apply
    to it as to any user. Returns its exit code and what it printed."""
    import shutil

    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--user", "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root and no user namespace can be made (unshare --user) to drop the privilege")
    env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [unshare, "--user", sys.executable, "-c", UNPRIVILEGED_FETCH, db, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def test_a_full_disk_stops_the_run_and_keeps_no_partial_file(
    store: Store, tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(store, tmp_path, site)
    import errno

    from tariqa.fetch import archive as archive_module

    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 100:  # a WARC file, not a log line
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(archive_module.os, "write", full)
    archive = Archive.open(tmp_path / "archive")
    with pytest.raises(ArchiveError, match="is full"):
        fetch_sources(store, options=FakeOne, archive_folder=archive.folder)
    assert store.fetch_history() == []
    assert list(archive.folder.rglob("*.warc.gz")) == [] and list((archive.folder / PARTIAL).iterdir()) == []


FakeOne = FetchOptions(delay=0, concurrency=1, retries=0)

KILLED = """
import sys
from pathlib import Path
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.sources import fetch_urls
from tariqa.fetch.archive import Archive
from tariqa.storage import open_store
with open_store(sys.argv[1]) as store:
    fetch_urls(store, [sys.argv[2]], options=FetchOptions(delay=0, deadline=600), archive=Archive.open(Path(sys.argv[3])))
"""


def test_kill_9_mid_fetch_leaves_nothing_counted_as_archived(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    open_store(db).close()
    with Site() as site:
        site.routes["/slow"] = Reply(200, b"x" * 200, drip=0.05)
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        proc = subprocess.Popen([sys.executable, "-c", KILLED, db, site.url("/slow"), str(tmp_path / "arch")], env=env)
        deadline = time.monotonic() + 30
        while "/slow" not in site.paths() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # mid-body
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        assert store.fetch_history() == []
    assert list((tmp_path / "arch").rglob("*.warc.gz")) == []
    archive = Archive.open(tmp_path / "arch")  # tidies any partial file the killed run left
    assert list((archive.folder / PARTIAL).iterdir()) == []
