"""Every table of the command line reads in an 80-column terminal: no cell cut to an
ellipsis, no line wider than the terminal; a table that cannot fit says so on stderr in
one line and names --output csv."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app

runner = CliRunner()
TEXT = (
    "The Baku Declaration.\n\n"
    "The ministers condemn terrorism in all its forms and manifestations, including separatism and extremism.\n\n"
    "They support trade, energy and the Middle Corridor, and the brotherly ties of the three nations.\n"
)
#: Voeten's layout; ccodes 373, 640 and 770 are Azerbaijan, Türkiye and Pakistan.
VOTES_HEADER = "resid,session,ccode,date,year,vote\n"


def run(db: str, *args: str, columns: int = 80, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": str(columns)}, input=stdin)
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def ok(db: str, *args: str, stdin: str | None = None) -> None:
    code, _, err = run(db, *args, stdin=stdin)
    assert code == 0, err


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The reference record, a coded document (two coders, rule suggestions), a memo, a
    user with a token, a small GDELT store and a vote file."""
    tmp = tmp_path_factory.mktemp("tables")
    db = str(tmp / "t.db")
    ok(db, "init")
    (tmp / "baku.txt").write_text(TEXT, encoding="utf-8")
    ok(db, "docs", "import", str(tmp / "baku.txt"), "--kind", "declaration", "--event", "atp-fm-2017-11-baku")
    for coder in ("aylin", "bilal"):
        ok(db, "code", "add", "baku", "0", "21", "identity-brotherhood", "--coder", coder)
        ok(db, "code", "add", "baku", "23", "128", "threat-terrorism", "--coder", coder)
    ok(db, "code", "auto", "--method", "rules")
    ok(db, "memo", "add", "Compare the Turkish text, which orders the paragraphs differently", "--document", "baku",
       "--author", "aylin")  # fmt: skip
    ok(db, "users", "add", "aylin", "--role", "coder", "--password-stdin", stdin="correct horse battery\n")
    ok(db, "users", "token", "aylin", "--label", "nightly")
    ok(db, "gdelt", "synth", "--rows", "3000", "--out", str(tmp / "s.CSV"), "--start", "2020-01-01", "--per-day", "300")
    ok(db, "gdelt", "ingest", str(tmp / "s.CSV"), "--store", str(tmp / "store"))
    rows = [
        f"{k},{session},{ccode},{session + 1945}-10-01,{session + 1945},{1 if (k + ccode) % 4 else 2}\n"
        for session in (75, 76)
        for k in range(session * 100, session * 100 + 25)
        for ccode in (373, 640, 770)
    ]
    (tmp / "votes.csv").write_text(VOTES_HEADER + "".join(rows), encoding="utf-8")
    return db, tmp


TABLES = [
    ["groups"],
    ["events", "--group", "ATP"],
    ["events", "--group", "TAG", "--kind", "meeting"],
    ["reference", "status", "--all"],
    ["sources", "health"],
    ["docs", "list"],
    ["codings"],
    ["themes"],
    ["themes", "--by", "document", "--subcodes"],
    ["themes", "--balance"],
    ["themes", "--framework", "state"],
    ["cooccurrence", "--unit", "document"],
    ["reliability", "--coders", "aylin,bilal"],
    ["memos"],
    ["indicators", "--group", "ATP"],
    ["indicators", "--group", "ATP", "--compare", "TAG,QUAD,AUKUS"],
    ["indicators", "--list"],
    ["calendar", "--group", "ATP"],
    ["formats", "--group", "TAG"],
    ["alignment", "--group", "ATP", "--votes", "{tmp}/votes.csv"],
    ["gdelt", "dyads", "--group", "ATP", "--store", "{tmp}/store"],
    ["gdelt", "dyads", "--group", "ATP", "--store", "{tmp}/store", "--roots"],
    ["users", "list"],
    ["users", "tokens", "aylin"],
    ["check", "atp"],
    ["import", "{tmp}/baku-record.yaml"],
]


@pytest.mark.parametrize("args", TABLES, ids=lambda a: " ".join(a[:3]))
def test_tables_fit_80_columns(study: tuple[str, Path], args: list[str]) -> None:
    db, tmp = study
    (tmp / "baku-record.yaml").write_text("groups: []\n", encoding="utf-8")
    code, out, err = run(db, *(a.format(tmp=tmp) for a in args))
    assert code in (0, 1), err  # 1: check found a contradicted claim
    assert "─" in out  # a table was printed
    assert "…" not in out
    assert "wider than the terminal" not in err
    too_long = [line for line in out.splitlines() if len(line) > 80]
    assert not too_long, too_long


def test_a_table_that_cannot_fit_says_so_in_one_line(study: tuple[str, Path]) -> None:
    db, _ = study
    code, out, err = run(db, "groups", columns=40)
    assert code == 0 and "ATP" in out
    notes = [line for line in err.splitlines() if "wider than the terminal" in line]
    assert notes == [
        "note: the table is wider than the terminal (40 columns), so some cells are cut; "
        "--output csv (or json) gives every field in full"
    ]
    code, out, err = run(db, "groups", "--output", "csv", columns=40)
    assert "wider" not in err and out.startswith("id,name,members")


def test_cells_are_data_not_markup(study: tuple[str, Path]) -> None:
    db, _ = study
    ok(db, "memo", "add", "See [bold] and [/] as written", "--document", "baku", "--author", "bilal")
    code, out, _ = run(db, "memos")
    assert code == 0 and "See [bold] and [/] as written" in " ".join(out.split())
