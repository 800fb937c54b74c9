"""Importing documents through the command line: text stored once, bad files refused."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tariqa.cli import app

runner = CliRunner()


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_import_txt_and_html_then_code_them(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    (tmp_path / "Baku Statement.txt").write_text(
        "Qardaş ölkələr görüşdü.\n\nTerrorism was condemned.\n", encoding="utf-8"
    )
    (tmp_path / "note.html").write_text(
        "<html><body><nav>Menu</nav><article><p>Trade grew.</p><p>Gas flows via TANAP.</p></article></body></html>",
        encoding="utf-8",
    )
    code, _, err = run(
        db,
        "docs",
        "import",
        str(tmp_path / "Baku Statement.txt"),
        str(tmp_path / "note.html"),
        "--kind",
        "statement",
        "--date",
        "2021-01-13",
        "--states",
        "aze,tur",
    )
    assert code == 0, err
    docs = {d["id"]: d for d in json.loads(run(db, "docs", "list", "-o", "json")[1])}
    assert docs["baku-statement"]["characters"] == len("Qardaş ölkələr görüşdü.\n\nTerrorism was condemned.\n")
    assert docs["baku-statement"]["date"] == "2021-01-13" and docs["note"]["kind"] == "statement"
    assert run(db, "codebook", "import")[0] == 0
    assert run(db, "code", "add", "baku-statement", "0", "6", "identity-brotherhood", "--coder", "aylin")[0] == 0
    rows = json.loads(run(db, "codings", "-o", "json")[1])
    assert rows[0]["text"] == "Qardaş"
    assert run(db, "code", "auto")[0] == 0
    found = {
        (r["document"], r["code"]) for r in json.loads(run(db, "codings", "--status", "suggested", "-o", "json")[1])
    }
    assert ("note", "economy-energy") in found and ("baku-statement", "threat-terrorism") in found
    # importing the same files again changes nothing
    code, _, err = run(
        db,
        "docs",
        "import",
        str(tmp_path / "note.html"),
        "--kind",
        "statement",
        "--date",
        "2021-01-13",
        "--states",
        "AZE,TUR",
    )
    assert code == 0 and "0 added, 1 unchanged" in err


def test_bad_documents_change_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    good = tmp_path / "good.txt"
    good.write_text("A fine text.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for bad in (empty, binary):
        code, _, err = run(db, "docs", "import", str(good), str(bad))
        assert code == 2 and bad.name in err, err
    assert json.loads(run(db, "docs", "list", "-o", "json")[1]) == []
    code, _, err = run(db, "docs", "import", str(good), "--date", "2021-02-30")
    assert code == 2 and "--date" in err


def test_a_file_over_the_size_limit_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("A short declaration.\n", encoding="utf-8")
    big.write_text("word " * 450_000, encoding="utf-8")  # 2.1 MB
    code, _, err = run(db, "docs", "import", str(small), str(big), "--max-size", "1")
    assert code == 2 and err.count("\n") == 1
    assert f"{big}: the file is 2 MB, over the limit of 1 MB for a document; nothing was read" in " ".join(err.split())
    assert run(db, "docs", "list", "-o", "json")[1].strip() == "[]"  # all or nothing: small.txt was not kept
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 600 MB that would take gigabytes of memory to read
        fh.truncate(600 * 1024 * 1024)
    code, _, err = run(db, "docs", "import", str(huge))
    assert code == 2 and "over the limit of 50 MB" in err
