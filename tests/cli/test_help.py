"""Every ``--help`` page reads well in an 80-column terminal: no Python type labels
(``<str>``, ``<bool>``, ``<list[Path]>``), no word broken across lines or cut short."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.cli._help import HelpContext, HelpFormatter, commands

runner = CliRunner()
PATHS = [path for path, _ in commands(typer.main.get_command(app))]
TYPE_LABEL = re.compile(r"<(?:bool|str|int|float|Path|path|datetime|list\[[^\]]*\]|[a-z]+ range)>")


class WideFormatter(HelpFormatter):
    """The same help without any wrapping: the words as written."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(indent_increment, width=100_000, max_width=100_000)


def help_page(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"}, prog_name="tariqa")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_is_reached() -> None:
    assert len(PATHS) > 50 and ("users", "add") in PATHS and ("gdelt", "fetch") in PATHS and () in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "tariqa")
def test_help_fits_80_columns_with_whole_words(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    page = help_page(path)
    assert not TYPE_LABEL.search(page), TYPE_LABEL.search(page)
    assert "…" not in page
    too_long = [line for line in page.splitlines() if len(line) > 80]
    assert not too_long, too_long
    monkeypatch.setattr(HelpContext, "formatter_class", WideFormatter)
    words = set(help_page(path).split())
    # every word at 80 columns is a word of the unwrapped page; a command's summary in a
    # list may stop after a whole word, marked "..."
    broken = [w for w in page.split() if w not in words and not (w.endswith("...") and w[:-3] in words)]
    assert not broken, broken


def test_metavars_say_what_to_give() -> None:
    page = help_page(("docs", "import"))
    assert "--date DATE" in page and "--max-size N" in page and "--kind KIND" in page
    assert "joint-statement" in page and "PATHS" in page and "--help  " in page
    assert "-o, --output [table|csv|json]" in help_page(("events",))
    serve = " ".join(help_page(("serve",)).split())
    assert "--anonymous-read / --no-anonymous-read" in serve and "--gdelt-store PATH" in serve
    assert "[default: no-anonymous-read]" in serve and "(comma-separated, or '*')" in serve
