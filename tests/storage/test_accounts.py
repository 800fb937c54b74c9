"""Accounts, sessions, API tokens and failed logins, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from tariqa.errors import ConflictError, NotFound, UsageError
from tariqa.storage import LoginAttempt, LoginLimits, Store, User, open_store
from tariqa.storage.accounts import digest
from tariqa.vocab import ROLES, Role

PASSWORD = "correct horse battery"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(store: Store) -> Clock:
    tick = Clock()
    store.clock = tick  # type: ignore[method-assign]
    store.password_hasher = CHEAP
    return tick


@pytest.fixture
def admin(store: Store, clock: Clock) -> User:
    return store.add_user("root", PASSWORD, "admin")


def table(store: Store, name: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT * FROM {name}"))]


def test_roles_are_ordered() -> None:
    assert ROLES == ("viewer", "coder", "editor", "admin")
    assert Role.ADMIN.allows("editor") and Role.EDITOR.allows("coder") and not Role.CODER.allows("editor")


def test_add_list_and_find_users(store: Store, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "editor")
    store.add_user("bob.b_2-x", PASSWORD)
    assert alice == User(alice.id, "alice", "editor", True, "2026-03-01T12:00:00+00:00")
    assert [(u.name, u.role) for u in store.users()] == [("alice", "editor"), ("bob.b_2-x", "viewer")]
    assert store.user("alice") == alice
    assert alice.allows("coder") and not alice.allows("admin")
    with pytest.raises(NotFound, match="unknown user 'carol'"):
        store.user("carol")


@pytest.mark.parametrize("name", ["a", "Alice", "al ice", "al@ce", "x" * 65, "ü-name", ""])
def test_bad_names_are_refused(store: Store, clock: Clock, name: str) -> None:
    with pytest.raises(UsageError, match="user name"):
        store.add_user(name, PASSWORD)
    assert store.users() == []


def test_bad_passwords_and_roles_are_refused(store: Store, clock: Clock) -> None:
    with pytest.raises(UsageError, match="at least 10 characters"):
        store.add_user("alice", "123456789")
    with pytest.raises(UsageError, match="at most"):
        store.add_user("alice", "x" * 1025)
    with pytest.raises(UsageError, match="unknown role 'boss'"):
        store.add_user("alice", PASSWORD, "boss")
    assert store.users() == []


def test_a_taken_name_is_a_conflict(store: Store, clock: Clock) -> None:
    store.add_user("alice", PASSWORD)
    with pytest.raises(ConflictError, match="a user named 'alice' already exists"):
        store.add_user("alice", "another password")
    assert len(store.users()) == 1


def test_passwords_are_hashed_with_argon2(store: Store, clock: Clock) -> None:
    store.add_user("alice", PASSWORD)
    [(hashed,)] = [(r[3],) for r in table(store, "users")]
    assert str(hashed).startswith("$argon2id$") and PASSWORD not in str(hashed)


def test_authenticate(store: Store, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "coder")
    assert store.authenticate("alice", PASSWORD) == alice
    assert store.authenticate("alice", PASSWORD + "x") is None
    assert store.authenticate("nobody", PASSWORD) is None
    store.disable_user("alice")
    assert store.authenticate("alice", PASSWORD) is None
    store.enable_user("alice")
    assert store.authenticate("alice", PASSWORD) == alice


def test_hash_is_renewed_when_the_parameters_change(store: Store, clock: Clock) -> None:
    store.add_user("alice", PASSWORD)
    old = table(store, "users")[0][3]
    store.password_hasher = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    assert store.authenticate("alice", "wrong password") is None
    assert table(store, "users")[0][3] == old  # only a successful login rehashes
    assert store.authenticate("alice", PASSWORD) is not None
    new = str(table(store, "users")[0][3])
    assert new != old and "m=2048,t=2" in new
    assert store.authenticate("alice", PASSWORD) is not None
    assert table(store, "users")[0][3] == new


def test_set_role_and_the_last_admin(store: Store, admin: User) -> None:
    store.add_user("alice", PASSWORD)
    assert store.set_role("alice", "editor").role == "editor"
    with pytest.raises(UsageError, match="unknown role"):
        store.set_role("alice", "owner")
    with pytest.raises(UsageError, match="last active admin"):
        store.set_role("root", "viewer")
    with pytest.raises(UsageError, match="last active admin"):
        store.disable_user("root")
    store.set_role("alice", "admin")
    assert store.set_role("root", "viewer").role == "viewer"
    with pytest.raises(NotFound):
        store.set_role("nobody", "viewer")


def test_sessions(store: Store, admin: User, clock: Clock) -> None:
    token, csrf = store.start_session(admin)
    assert store.session(token) == (admin, csrf)
    assert store.session("not-a-token") is None
    other, _ = store.start_session(admin)
    store.end_session(token)
    assert store.session(token) is None
    assert store.session(other) is not None


def test_sessions_expire(store: Store, admin: User, clock: Clock) -> None:
    token, _ = store.start_session(admin, hours=1)
    clock.advance(minutes=59)
    assert store.session(token) is not None
    clock.advance(minutes=1)
    assert store.session(token) is None
    expired, _ = store.start_session(admin, hours=-1)
    assert store.session(expired) is None
    store.start_session(admin)  # clears the expired sessions away
    assert len(table(store, "sessions")) == 1


def test_disabling_ends_sessions_and_revokes_tokens(store: Store, admin: User, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "editor")
    token, _ = store.start_session(alice)
    api = store.new_api_token(alice, "export")
    store.disable_user("alice")
    assert store.session(token) is None and store.token_user(api) is None
    assert table(store, "sessions") == [] and table(store, "api_tokens") == []
    assert store.user("alice").active is False
    with pytest.raises(UsageError, match="disabled"):
        store.start_session(alice)
    with pytest.raises(UsageError, match="disabled"):
        store.new_api_token(alice, "again")


def test_a_session_of_a_user_disabled_meanwhile_is_refused(store: Store, admin: User, clock: Clock) -> None:
    store.add_user("alice", PASSWORD)
    token, _ = store.start_session(store.user("alice"))
    with store.engine.begin() as conn:  # as another process would leave it
        conn.execute(text("UPDATE users SET active = :f WHERE name = 'alice'"), {"f": False})
    assert store.session(token) is None


def test_set_password_ends_sessions(store: Store, admin: User, clock: Clock) -> None:
    token, _ = store.start_session(admin)
    store.set_password("root", "a new long password")
    assert store.session(token) is None
    assert store.authenticate("root", PASSWORD) is None
    assert store.authenticate("root", "a new long password") == admin


def test_api_tokens(store: Store, admin: User, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "coder")
    first = store.new_api_token(alice, "nightly export")
    second = store.new_api_token(alice, "notebook")
    store.new_api_token(admin, "admin script")
    assert len(first) >= 43 and first != second
    assert store.token_user(first) == alice and store.token_user("nope") is None
    listed = store.api_tokens(alice)
    assert [t.label for t in listed] == ["nightly export", "notebook"]
    assert listed[0].created == "2026-03-01T12:00:00+00:00"
    store.revoke_api_token(alice, listed[0].id)
    assert store.token_user(first) is None and store.token_user(second) == alice
    with pytest.raises(NotFound):
        store.revoke_api_token(admin, listed[1].id)  # not admin's token
    with pytest.raises(UsageError, match="label"):
        store.new_api_token(alice, "  ")


def test_only_digests_of_tokens_are_stored(store: Store, admin: User, clock: Clock) -> None:
    token, csrf = store.start_session(admin)
    api = store.new_api_token(admin, "script")
    stored = repr(table(store, "sessions")) + repr(table(store, "api_tokens"))
    assert token not in stored and api not in stored
    assert digest(token) in stored and digest(api) in stored
    assert len(digest(token)) == 64


def test_login_failures_are_counted_in_a_window(store: Store, clock: Clock) -> None:
    for _ in range(3):
        store.note_login_failure("alice", "10.0.0.1")
        clock.advance(seconds=10)
    store.note_login_failure("alice", "10.0.0.2")
    store.note_login_failure("bob", "10.0.0.1")
    # now T0+30s; failures at +0, +10, +20 from 10.0.0.1 as alice
    assert store.login_failures("alice", "10.0.0.1", 60) == 3
    assert store.login_failures("alice", "10.0.0.1", 15) == 1
    assert store.login_failures("alice", "10.0.0.1", 10) == 1
    assert store.login_failures("alice", "10.0.0.2", 60) == 1
    assert store.login_failures("carol", "10.0.0.1", 60) == 0
    assert store.login_failures_from("10.0.0.1", 60) == 4
    clock.advance(minutes=5)
    assert store.login_failures("alice", "10.0.0.1", 60) == 0
    assert store.login_failures("alice", "10.0.0.1", 3600) == 3


def test_old_login_failures_are_forgotten(store: Store, clock: Clock) -> None:
    store.note_login_failure("alice", "10.0.0.1")
    clock.advance(days=8)
    store.note_login_failure("alice", "10.0.0.1")
    assert len(table(store, "login_failures")) == 1


def test_a_long_name_or_address_is_cut(store: Store, clock: Clock) -> None:
    store.note_login_failure("x" * 500, "y" * 500)
    assert store.login_failures("x" * 500, "y" * 500, 60) == 1


def test_default_hasher_works(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with open_store(str(tmp_path / "d.db")) as s:
        s.add_user("alice", PASSWORD)
        assert s.authenticate("alice", PASSWORD) is not None


def test_login_attempts_are_counted_before_the_password_and_refused_at_a_limit(store: Store, clock: Clock) -> None:
    limits = LoginLimits(window=60, per_name=3, per_address=5)
    attempts = []
    for _ in range(3):
        attempts.append(store.begin_login("alice", "10.0.0.1", limits))
        clock.advance(seconds=10)
    assert not any(a.refused for a in attempts)
    assert store.login_failures("alice", "10.0.0.1", 60) == 3  # recorded before any password is checked
    # now T0+30s: the third newest of alice's failures (at T0) leaves the window at T0+60s
    assert store.begin_login("alice", "10.0.0.1", limits) == LoginAttempt(None, 30)
    assert not store.begin_login("alice", "10.0.0.2", limits).refused  # another address
    store.end_login(attempts[2])  # that password was right after all
    again = store.begin_login("alice", "10.0.0.1", limits)
    assert not again.refused
    # 10.0.0.1 has failures at T0, T0+10s and T0+30s; two more names at T0+30s reach 5
    assert not store.begin_login("bob", "10.0.0.1", limits).refused
    assert not store.begin_login("carol", "10.0.0.1", limits).refused
    refused = store.begin_login("dave", "10.0.0.1", limits)
    assert refused.refused and refused.retry_after == 30  # the 5th newest, at T0, leaves at T0+60s
    clock.advance(seconds=29)
    assert store.begin_login("dave", "10.0.0.1", limits).retry_after == 1
    clock.advance(seconds=1)
    assert not store.begin_login("dave", "10.0.0.1", limits).refused


def test_api_token_labels_are_unique_per_user(store: Store, admin: User, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "coder")
    store.new_api_token(alice, "nightly")
    store.new_api_token(admin, "nightly")  # another user may use the label
    with pytest.raises(ConflictError, match="'alice' already has an API token labelled 'nightly'"):
        store.new_api_token(alice, " nightly ")
    assert [t.label for t in store.api_tokens(alice)] == ["nightly"]


def test_a_token_is_revoked_by_its_label(store: Store, admin: User, clock: Clock) -> None:
    alice = store.add_user("alice", PASSWORD, "coder")
    kept, gone = store.new_api_token(alice, "kept"), store.new_api_token(alice, "gone")
    store.revoke_api_token_labelled(alice, "gone")
    assert store.token_user(gone) is None and store.token_user(kept) == alice
    with pytest.raises(NotFound, match="'alice' has no API token labelled 'gone'"):
        store.revoke_api_token_labelled(alice, "gone")


def test_last_use_of_a_token_is_written_at_most_once_a_minute(store: Store, admin: User, clock: Clock) -> None:
    token = store.new_api_token(admin, "script")
    assert store.api_tokens(admin)[0].last_used is None
    assert store.token_user(token) == admin
    assert store.api_tokens(admin)[0].last_used == "2026-03-01T12:00:00+00:00"
    clock.advance(seconds=59)
    store.token_user(token)
    assert store.api_tokens(admin)[0].last_used == "2026-03-01T12:00:00+00:00"  # not written again
    clock.advance(seconds=1)
    store.token_user(token)
    assert store.api_tokens(admin)[0].last_used == "2026-03-01T12:01:00+00:00"
