"""Documentation that is not generated is checked: commands, formats and counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import typer.main

from tariqa.cli import app
from tariqa.io import plan, read_inputs
from tariqa.reference import reference_paths
from tariqa.storage import open_store

ROOT = Path(__file__).parent.parent


def command_paths() -> list[str]:
    group = typer.main.get_command(app)
    paths = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        paths += [f"{name} {s}" for s in sub] if sub else [name]
    return paths


def test_every_command_is_in_the_readme_and_has_help() -> None:
    readme = (ROOT / "README.md").read_text()
    group = typer.main.get_command(app)
    for path in command_paths():
        assert f"tariqa {path}" in readme, path
        cmd = group
        for part in path.split():
            cmd = cmd.commands[part]  # type: ignore[attr-defined]
        assert cmd.help and "Example:" in cmd.help, path


def test_reference_doc_names_every_format_and_counts_events(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "reference-data.md").read_text()
    with open_store(str(tmp_path / "ref.db")) as store:
        store.import_items(read_inputs(plan(reference_paths())))
        for fmt in store.formats():
            assert f"`{fmt.id}`" in doc, fmt.id
        per_group = Counter(e.group for e in store.events())
    for group, n in per_group.items():
        assert re.search(rf"^\| {group} \| {n} \|", doc, re.M), f"{group} has {n} events"
