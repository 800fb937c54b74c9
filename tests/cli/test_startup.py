"""A run of one command builds (and imports) only that command; the whole command is
still there for ``--help`` and for anything the quick path does not recognise."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

import tariqa.cli
from tariqa.cli import COMMANDS, build, command_named


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["events", "--group", "ATP"], "events"),
        (["--db", "x.db", "calendar", "2027"], "calendar"),
        (["--db", "events", "groups"], "groups"),  # a --db value is not a command
        (["--db=x.db", "sources", "fetch"], "sources"),
        (["--help"], None),
        ([], None),
        (["--version"], None),
        (["no-such-command"], None),
    ],
)
def test_command_named(args: list[str], expected: str | None) -> None:
    assert command_named(args) == expected


def test_one_command_build_has_that_command_alone() -> None:
    group = typer.main.get_command(build("sources"))
    assert list(group.commands) == ["sources"]  # type: ignore[attr-defined]
    sources = group.commands["sources"]  # type: ignore[attr-defined]
    assert {"check", "fetch", "health"} <= set(sources.commands)


def test_whole_command_lists_every_command_once() -> None:
    group = typer.main.get_command(tariqa.cli.app)
    assert sorted(group.commands) == sorted(COMMANDS)  # type: ignore[attr-defined]
    gdelt = group.commands["gdelt"]  # type: ignore[attr-defined]
    assert "fetch" in gdelt.commands
    # building again does not add the fetching commands twice
    again = typer.main.get_command(build())
    assert list(again.commands["sources"].commands).count("fetch") == 1  # type: ignore[attr-defined]


def test_a_run_imports_only_its_command_module(tmp_path: object) -> None:
    code = (
        "import sys; sys.argv = ['tariqa', 'events', '--help']\n"
        "from tariqa.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('tariqa.cli.') and not m.startswith('tariqa.cli._')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['tariqa.cli.browse']"
