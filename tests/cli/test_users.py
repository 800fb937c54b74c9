"""``tariqa users``: accounts from the command line (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from tariqa.cli.users import users_app
from tariqa.storage import open_store
from tests.terminal import run_in_terminal

runner = CliRunner()
PASSWORD = "correct horse battery"
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}

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


def tariqa(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "tariqa", "--db", db, "users", *args]


#: The prompts as the terminal shows them once input is hidden (getpass writes the last
#: space after it turned echo off; what is typed before that is echoed and then dropped).
ASKED, REPEAT = "characters): ", "confirmation: "


def test_add_asks_for_the_password_twice_at_a_terminal(db_url: str) -> None:
    typed = [(ASKED, PASSWORD), (REPEAT, PASSWORD)]
    code, shown = run_in_terminal(tariqa(db_url, "add", "amina"), typed, env=ENV)
    assert code == 0 and "added amina (viewer)" in shown and PASSWORD not in shown  # hidden
    # two that differ are asked again; Ctrl+C then gives up, adding nobody
    typed = [(ASKED, PASSWORD), (REPEAT, "something else"), (ASKED, "\x03")]
    code, shown = run_in_terminal(tariqa(db_url, "add", "bilal"), typed, env=ENV)
    assert code == 1 and "do not match" in shown and "Aborted" in shown
    code, shown = run_in_terminal(
        tariqa(db_url, "set-password", "amina"),
        [(ASKED, "another long password"), (REPEAT, "another long password")],
        env=ENV,
    )
    assert code == 0 and "new password set for amina" in shown
    with open_store(db_url) as store:
        assert [u.name for u in store.users()] == ["amina"]
        assert store.authenticate("amina", "another long password") is not None


@pytest.mark.parametrize("command", [("add", "amina", "--role", "editor"), ("set-password", "amina")])
def test_without_a_terminal_it_says_to_use_password_stdin(db_url: str, command: tuple[str, ...]) -> None:
    """A script that forgot --password-stdin gets one line and exit code 2, at once:
    no prompt that waits for a terminal that is not there, no traceback."""
    if command[0] == "set-password":
        assert run(db_url, "add", "amina", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    proc = subprocess.run(
        tariqa(db_url, *command),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal either
        env=ENV,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "error: no terminal to ask for the password: give it on standard input with --password-stdin"
    ]
    with open_store(db_url) as store:
        assert [(u.name, u.role) for u in store.users()] == ([("amina", "viewer")] if command[0] != "add" else [])
        if command[0] != "add":
            assert store.authenticate("amina", PASSWORD) is not None


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
