"""``tariqa users``: accounts from the command line (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from typing import Annotated

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from tariqa.cli.users import users_app
from tariqa.storage import open_store

runner = CliRunner()
PASSWORD = "correct horse battery"

# A root command like tariqa's own, so these tests need nothing else registered.
root = typer.Typer()


@root.callback()
def _root(ctx: typer.Context, db: Annotated[str, typer.Option("--db")]) -> None:
    ctx.obj = {"db": db}


root.add_typer(users_app, name="users")


def run(db: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(root, ["--db", db, "users", *args], input=stdin)
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_add_from_stdin_then_list(db_url: str) -> None:
    code, _, err = run(db_url, "add", "amina", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "added amina (editor)" in err
    run(db_url, "add", "bilal", "--password-stdin", stdin=PASSWORD + "\n")
    code, out, _ = run(db_url, "list", "--output", "json")
    rows = json.loads(out)
    assert [(r["name"], r["role"], r["active"]) for r in rows] == [("amina", "editor", True), ("bilal", "viewer", True)]
    code, out, _ = run(db_url, "list", "-o", "csv")
    assert out.splitlines()[0] == "name,role,active,created" and out.splitlines()[1].startswith("amina,editor,True,")
    code, out, _ = run(db_url, "list")
    assert code == 0 and "amina" in out and "editor" in out
    with open_store(db_url) as store:
        assert store.authenticate("amina", PASSWORD) is not None


def test_add_asks_for_the_password_twice(db_url: str) -> None:
    code, _, err = run(db_url, "add", "amina", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0, err
    code, _, _ = run(db_url, "add", "bilal", stdin=f"{PASSWORD}\nsomething else\n")
    assert code != 0
    with open_store(db_url) as store:
        assert [u.name for u in store.users()] == ["amina"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "Amina"), PASSWORD, "user name 'Amina'"),
        (("add", "amina"), "short", "at least 10 characters"),
        (("add", "amina", "--role", "boss"), PASSWORD, "boss"),
        (("set-role", "nobody", "admin"), "", "unknown user 'nobody'"),
        (("disable", "nobody"), "", "unknown user 'nobody'"),
    ],
)
def test_bad_input_exits_2_with_one_message(db_url: str, args: tuple[str, ...], stdin: str, message: str) -> None:
    extra = ("--password-stdin",) if args[0] == "add" else ()
    code, _, err = run(db_url, *args, *extra, stdin=stdin + "\n")
    assert code == 2 and message in err


def test_a_taken_name(db_url: str) -> None:
    run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD)
    code, _, err = run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and "a user named 'amina' already exists" in err


def test_set_role_disable_enable(db_url: str) -> None:
    run(db_url, "add", "root", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD)
    code, _, err = run(db_url, "set-role", "amina", "coder")
    assert code == 0 and "amina is now coder" in err
    code, _, err = run(db_url, "set-role", "root", "viewer")
    assert code == 2 and "last active admin" in err
    code, _, err = run(db_url, "disable", "amina")
    assert code == 0 and "disabled amina" in err
    _, out, _ = run(db_url, "list", "-o", "json")
    assert [r["active"] for r in json.loads(out)] == [False, True]
    with open_store(db_url) as store:
        assert store.authenticate("amina", PASSWORD) is None
    code, _, _ = run(db_url, "enable", "amina")
    assert code == 0
    with open_store(db_url) as store:
        assert store.authenticate("amina", PASSWORD) is not None


def test_set_password_and_token(db_url: str) -> None:
    run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD)
    code, _, _ = run(db_url, "set-password", "amina", "--password-stdin", stdin="another long password\n")
    assert code == 0
    code, out, err = run(db_url, "token", "amina", "--label", "nightly")
    assert code == 0 and "not shown again" in err
    with open_store(db_url) as store:
        assert store.authenticate("amina", "another long password") is not None
        amina = store.token_user(out.strip())
        assert amina is not None and amina.name == "amina"
        assert [t.label for t in store.api_tokens(amina)] == ["nightly"]


def test_list_and_revoke_tokens(db_url: str) -> None:
    run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD)
    _, nightly, _ = run(db_url, "token", "amina", "--label", "nightly")
    run(db_url, "token", "amina", "--label", "notebook")
    with open_store(db_url) as store:
        store.token_user(nightly.strip())  # used once
    code, out, _ = run(db_url, "tokens", "amina", "-o", "json")
    rows = json.loads(out)
    assert code == 0 and [(r["label"], r["last_used"] is not None) for r in rows] == [
        ("nightly", True),
        ("notebook", False),
    ]
    assert all(r["created"].endswith("+00:00") for r in rows)
    code, out, _ = run(db_url, "tokens", "amina", "-o", "csv")
    assert out.splitlines()[0] == "label,created,last_used" and out.splitlines()[2].endswith(",")
    code, out, _ = run(db_url, "tokens", "amina")
    assert code == 0 and "nightly" in out and "never" in out
    code, _, err = run(db_url, "token", "amina", "--label", "nightly")
    assert code == 2 and "already has an API token labelled 'nightly'" in err
    code, _, err = run(db_url, "revoke-token", "amina", "nightly")
    assert code == 0 and "revoked" in err
    with open_store(db_url) as store:
        assert store.token_user(nightly.strip()) is None
    code, _, err = run(db_url, "revoke-token", "amina", "nightly")
    assert code == 2 and err.strip() == "error: user 'amina' has no API token labelled 'nightly'"
    code, _, err = run(db_url, "tokens", "nobody")
    assert code == 2 and "unknown user 'nobody'" in err


def test_list_of_no_users(db_url: str) -> None:
    code, out, err = run(db_url, "list", "-o", "json")
    assert code == 0 and json.loads(out) == [] and "no users yet" in err


def test_every_users_command_has_an_example() -> None:
    group = typer.main.get_command(root).commands["users"]  # type: ignore[attr-defined]
    assert {"add", "list", "set-role", "disable"} <= set(group.commands)
    for name, cmd in group.commands.items():
        assert cmd.help and "Example:" in cmd.help, name
