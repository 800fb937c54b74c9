"""A SQLite file in use is only ever opened through SQLite, and a store notices when its
file is removed, replaced or emptied under it, or when another process keeps it busy."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tariqa.errors import DatabaseUnavailable, StorageError
from tariqa.storage import engine as engine_module
from tariqa.storage import open_store

PASSWORD = "a long enough password"


def other_process_opens_and_closes(path: Path) -> None:
    code = f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute('SELECT count(*) FROM users').fetchone(); c.close()"
    subprocess.run([sys.executable, "-c", code], check=True)


def names_seen_by_another_process(path: Path) -> list[str]:
    code = f"import sqlite3; print(*[r[0] for r in sqlite3.connect({str(path)!r}).execute('SELECT name FROM users')])"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_writes_after_another_process_closed_its_connection_reach_the_file(tmp_path: Path) -> None:
    """The server's case: a reading connection, then a write (which opens the engine and
    once checked the file with open()), then a command-line process comes and goes."""
    path = tmp_path / "r.db"
    open_store(str(path)).close()
    with open_store(str(path)) as store:
        store.users()  # the reader's connection
        store.add_user("alice", PASSWORD, "admin")
        other_process_opens_and_closes(path)
        assert Path(f"{path}-wal").exists(), "another process deleted the write-ahead log in use"
        store.add_user("bob", PASSWORD)
        assert names_seen_by_another_process(path) == ["alice", "bob"]


def test_a_file_replaced_under_an_open_store_is_refused(tmp_path: Path) -> None:
    path, other = tmp_path / "r.db", tmp_path / "other.db"
    open_store(str(other)).close()
    with open_store(str(path)) as store:
        store.add_user("alice", PASSWORD)
        os.replace(other, path)
        with pytest.raises(DatabaseUnavailable, match="replaced by another file"):
            store.add_user("bob", PASSWORD)
        with pytest.raises(DatabaseUnavailable, match="replaced"):
            store.users()
    assert "bob" not in names_seen_by_another_process(path)


def test_a_file_emptied_or_removed_under_an_open_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with open_store(str(path)) as store:
        store.add_user("alice", PASSWORD)
        os.truncate(path, 0)
        with pytest.raises(DatabaseUnavailable, match="emptied"):
            store.add_user("bob", PASSWORD)
    path.unlink()
    moved = tmp_path / "moved.db"
    with open_store(str(path)) as store:
        store.add_user("alice", PASSWORD)
        shutil.move(path, moved)
        with pytest.raises(DatabaseUnavailable, match="removed"):
            store.add_user("bob", PASSWORD)


def test_a_write_lock_held_too_long_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.db"
    open_store(str(path)).close()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(str(path)) as store, pytest.raises(DatabaseUnavailable, match="busy"):
            store.add_user("alice", PASSWORD)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_file_that_is_not_sqlite_is_refused_without_being_changed(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StorageError, match="is not a SQLite database"):
        open_store(str(path))
    assert path.read_text() == "these are my notes, not a database\n"


def _unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line as an unprivileged user (a user namespace), so that folder
    permissions hold even when the tests run as root."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to drop privileges")
    probe = subprocess.run(["unshare", "--user", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"user namespaces are not available here: {probe.stderr!r}")
    cmd = ["unshare", "--user", sys.executable, "-m", "tariqa", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def test_a_database_in_a_read_only_folder_gets_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    existing = folder / "r.db"
    open_store(str(existing)).close()
    folder.chmod(0o555)
    try:
        done = _unprivileged("--db", str(folder / "new.db"), "groups")
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert "not writable" in done.stderr and str(folder) in done.stderr
        done = _unprivileged("--db", str(existing), "users", "add", "zed", "--password-stdin")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and "not writable" in done.stderr
    finally:
        folder.chmod(0o755)
    assert not (folder / "new.db").exists()
