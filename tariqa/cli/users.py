"""``tariqa users``: the accounts of the web application (for admins at the server)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from tariqa.cli._common import Output, db_option, emit, err, out, user_errors
from tariqa.cli._tables import new_table
from tariqa.errors import UsageError
from tariqa.vocab import Role

users_app = typer.Typer(
    help="Accounts of the web application: add, list, change roles, disable, API tokens.", no_args_is_help=True
)

_NAME = typer.Argument(help="User name: 2-64 of a-z, 0-9, '.', '_', '-'.", show_default=False)
_STDIN = typer.Option("--password-stdin", help="Read the password from the first line of standard input.")


def _password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or typed twice at a hidden prompt (which
    needs a terminal: without one, a script is told to pipe the password in)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for the password: give it on standard input with --password-stdin")
    return str(typer.prompt("Password (at least 10 characters)", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
@user_errors
def users_add(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    role: Annotated[Role, typer.Option(help="viewer reads; coder codes; editor edits the record; admin all.")] = (
        Role.VIEWER
    ),
    password_stdin: Annotated[bool, _STDIN] = False,
) -> None:
    """Add an account; the password is asked for at a hidden prompt (or read from stdin).

    Example: tariqa users add amina --role editor
    """
    from tariqa.storage import open_store

    password = _password(password_stdin)
    with open_store(db_option(ctx)) as store:
        user = store.add_user(name, password, role.value)
    err.print(f"added {user.name} ({user.role})")


@users_app.command("list")
@user_errors
def users_list(ctx: typer.Context, output: Annotated[Output, typer.Option("--output", "-o")] = Output.table) -> None:
    """List the accounts with their roles, whether they are active, and when they were made.

    Example: tariqa users list --output csv
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        users = store.users()
    rows = [{"name": u.name, "role": u.role, "active": u.active, "created": u.created} for u in users]

    def table() -> Table:
        t = new_table("name", "role", "active", "created", title="users")
        for u in users:
            t.add_row(u.name, u.role, "yes" if u.active else "no (disabled)", u.created)
        return t

    if not rows:
        err.print("no users yet: add one with tariqa users add NAME --role admin")
    emit(rows, output, table)


@users_app.command("set-role")
@user_errors
def users_set_role(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    role: Annotated[Role, typer.Argument(help="viewer, coder, editor or admin.", show_default=False)],
) -> None:
    """Give an account another role (the last active admin keeps theirs).

    Example: tariqa users set-role amina admin
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        user = store.set_role(name, role.value)
    err.print(f"{user.name} is now {user.role}")


@users_app.command("disable")
@user_errors
def users_disable(ctx: typer.Context, name: Annotated[str, _NAME]) -> None:
    """Disable an account: no more logins; its sessions end and its API tokens are revoked.

    Example: tariqa users disable amina
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        user = store.disable_user(name)
    err.print(f"disabled {user.name}")


@users_app.command("enable")
@user_errors
def users_enable(ctx: typer.Context, name: Annotated[str, _NAME]) -> None:
    """Let a disabled account log in again (with its old password and role).

    Example: tariqa users enable amina
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        user = store.enable_user(name)
    err.print(f"enabled {user.name} ({user.role})")


@users_app.command("set-password")
@user_errors
def users_set_password(
    ctx: typer.Context, name: Annotated[str, _NAME], password_stdin: Annotated[bool, _STDIN] = False
) -> None:
    """Give an account a new password; its sessions end (its API tokens stay).

    Example: tariqa users set-password amina
    """
    from tariqa.storage import open_store

    password = _password(password_stdin)
    with open_store(db_option(ctx)) as store:
        user = store.set_password(name, password)
    err.print(f"new password set for {user.name}")


@users_app.command("token")
@user_errors
def users_token(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    label: Annotated[str, typer.Option(help="What the token is for, to recognise it later.")] = "script",
) -> None:
    """Make an API token for scripts and print it (shown only this once).

    Example: tariqa users token amina --label nightly-export
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        token = store.new_api_token(store.user(name), label)
    out.print(token, markup=False)
    err.print(f"API token for {name} ({label}); send it as 'Authorization: Bearer TOKEN'. It is not shown again.")


@users_app.command("tokens")
@user_errors
def users_tokens(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """List an account's API tokens: label, when made, when last used (never the token).

    Example: tariqa users tokens amina --output json
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        tokens = store.api_tokens(store.user(name))
    rows = [{"label": k.label, "created": k.created, "last_used": k.last_used} for k in tokens]

    def table() -> Table:
        t = new_table("label", "created", "last used", title=f"API tokens of {name}")
        for k in tokens:
            t.add_row(k.label, k.created, k.last_used or "never")
        return t

    if not rows:
        err.print(f"{name} has no API tokens")
    emit(rows, output, table)


@users_app.command("revoke-token")
@user_errors
def users_revoke_token(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    label: Annotated[str, typer.Argument(help="The token's label (tariqa users tokens NAME).", show_default=False)],
) -> None:
    """Revoke one of an account's API tokens, named by its label; scripts using it get 401.

    Example: tariqa users revoke-token amina nightly-export
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        store.revoke_api_token_labelled(store.user(name), label)
    err.print(f"revoked the API token {label!r} of {name}")
