"""The ``tariqa`` command: composes the command groups; each command is a thin shell.

Typer builds every command's options when it starts, so a run of one command adds only
that command (and imports only its module); ``tariqa --help`` and anything unknown get
them all. ``app`` is the whole command, for tests and documentation.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

from tariqa.cli._help import TariqaGroup
from tariqa.version import __version__


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tariqa {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="TARIQA_DATABASE_URL",
            help="Database: a SQLite file path or a URL (postgresql://...). Default: a file in your data folder.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = {"db": db}


#: Each top-level name in the order of ``--help``: (module under tariqa.cli, attribute: a
#: command's function or a group's Typer).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("reference", "init"),
    "reference": ("reference", "reference_app"),
    "import": ("record", "import_"),
    "export": ("record", "export"),
    "validate": ("record", "validate"),
    "groups": ("browse", "groups"),
    "events": ("browse", "events"),
    "sources": ("browse", "sources_app"),
    "codebook": ("qda", "codebook_app"),
    "docs": ("qda", "docs_app"),
    "code": ("qda", "code_app"),
    "refi": ("refi", "refi_app"),
    "codings": ("qda", "codings"),
    "themes": ("qda", "themes"),
    "cooccurrence": ("qda", "cooccurrence"),
    "quotes": ("qda", "quotes"),
    "reliability": ("qda", "reliability"),
    "memo": ("memos", "memo_app"),
    "gdelt": ("gdelt", "gdelt_app"),
    "memos": ("memos", "memos"),
    "check": ("claims", "check"),
    "indicators": ("analysis", "indicators"),
    "calendar": ("analysis", "calendar"),
    "formats": ("analysis", "formats"),
    "alignment": ("alignment", "alignment"),
    "report": ("report", "report"),
    "serve": ("serve", "serve"),
    "users": ("users", "users_app"),
    "unga": ("fetch", "unga_app"),
    "watch": ("watch", "watch_app"),
    "candidates": ("watch", "candidates_app"),
}
#: Fetching commands that sit in another module's group: group -> (subcommand, function).
_FETCHING = {
    "sources": (("fetch", "sources_fetch"), ("health", "sources_health")),
    "gdelt": (("fetch", "gdelt_fetch"),),
}


def build(only: str | None = None) -> typer.Typer:
    """The ``tariqa`` command with every command, or with ``only`` the one named."""
    root_app = typer.Typer(
        name="tariqa",
        cls=TariqaGroup,
        help="A sourced, checkable record of informal cooperation between states, and its analysis.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    root_app.callback()(root)
    for name, (module_name, attribute) in COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"tariqa.cli.{module_name}"), attribute)
        if isinstance(target, typer.Typer):
            _add_fetching(name, target)
            root_app.add_typer(target, name=name)
        else:
            root_app.command(name)(target)
    return root_app


def _add_fetching(group: str, sub_app: typer.Typer) -> None:
    """Put the fetching commands into their group once (the groups are module-level)."""
    wanted = _FETCHING.get(group, ())
    present = {c.name for c in sub_app.registered_commands}
    if wanted and not present.issuperset(name for name, _ in wanted):
        fetch = importlib.import_module("tariqa.cli.fetch")
        for name, function in wanted:
            sub_app.command(name)(getattr(fetch, function))


def command_named(args: list[str]) -> str | None:
    """The top-level command an argument list runs, if it names one."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":
        whole = globals()["app"] = build()
        return whole
    raise AttributeError(f"module 'tariqa.cli' has no attribute {name!r}")


def main() -> None:
    """Console entry point (also of ``python -m tariqa``, which is named ``tariqa`` in messages)."""
    build(command_named(sys.argv[1:]))(prog_name="tariqa")
