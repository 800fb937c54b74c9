"""``tariqa docs import FILE --id DOCUMENT``: a document the record has gets the text of a
file (a typeset PDF here), with its provenance, instead of a second document beside it."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.storage import open_store
from tests.pdfs import pdf_with_text

runner = CliRunner()
BAKU = "atp-fm-baku-declaration-2017"
LINES = [
    "The Ministers of Foreign Affairs of the Republic of Azerbaijan, the Republic",
    "of Turkey and the Islamic Republic of Pakistan condemn terrorism and sepa-",
    "ratism in all their forms, and will e\ufb00ectively co-",
    "operate in the \ufb01elds of trade, energy and transport.",
]


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ref.db")
    assert run(path, "init")[0] == 0
    return path


def record_of(db: str, document: str) -> str:
    with open_store(db) as store:
        return next(b for b in store.iter_bodies("documents") if json.loads(b)["id"] == document)


def test_the_text_joins_the_record_with_its_provenance(db: str, tmp_path: Path) -> None:
    pdf = tmp_path / "baku-declaration.pdf"
    pdf.write_bytes(pdf_with_text(LINES))
    before = json.loads(run(db, "docs", "list", "-o", "json")[1])
    record = record_of(db, BAKU)
    code, _, err = run(db, "docs", "import", str(pdf), "--id", BAKU)
    assert code == 0, err
    assert err.strip() == f"{BAKU}: text version 1 from {pdf}: 254 characters, en"
    after = json.loads(run(db, "docs", "list", "-o", "json")[1])
    assert [d["id"] for d in after] == [d["id"] for d in before]  # no second document
    assert next(d["characters"] for d in after if d["id"] == BAKU) == 254
    assert record_of(db, BAKU) == record  # date, signatories, event and sources as they were
    with open_store(db) as store:
        text = store.document_text(BAKU)
        (v,) = store.text_versions(BAKU)
    assert "condemn terrorism and separatism in all their forms, and will effectively cooperate in the fields" in text
    assert (v.version, v.url, v.language) == (1, pdf.resolve().as_uri(), "en")
    assert v.payload_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert v.extractor == f"pypdf {version('pypdf')}" and v.text == text
    # the keywords find the words the PDF had broken and ligatured
    assert run(db, "code", "auto", "--method", "rules", "--document", BAKU)[0] == 0
    codes = {r["code"] for r in json.loads(run(db, "codings", "--document", BAKU, "-o", "json")[1])}
    assert {"threat-terrorism", "threat-separatism"} <= codes
    code, _, err = run(db, "docs", "import", str(pdf), "--id", BAKU)
    assert code == 0 and err.strip() == f"{BAKU}: text unchanged (version 1)"


def test_a_new_document_like_a_record_without_text_gets_a_note(db: str, tmp_path: Path) -> None:
    """What the README once did: the declaration imported as a second document."""
    pdf = tmp_path / "baku-declaration.pdf"
    pdf.write_bytes(pdf_with_text(LINES))
    args = ["--kind", "declaration", "--date", "2017-11-30", "--event", "atp-fm-2017-11-baku"]
    code, _, err = run(db, "docs", "import", str(pdf), *args)
    assert code == 0 and err.splitlines()[0] == (
        f"note: the record has {BAKU} (Baku Declaration) of this event without a text; "
        f"to give it this file's text instead: tariqa docs import FILE --id {BAKU}"
    )
    assert run(db, "docs", "import", str(pdf), "--id", BAKU)[0] == 0
    code, _, err = run(db, "docs", "import", str(pdf), *args)  # its record has a text now
    assert code == 0 and "note" not in err


def test_a_new_text_is_a_new_version_and_codings_follow_it(db: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("We condemn terrorism.\n", encoding="utf-8")
    second.write_text("Preamble.\n\nWe condemn terrorism.\n", encoding="utf-8")
    assert run(db, "docs", "import", str(first), "--id", BAKU)[0] == 0
    assert run(db, "code", "add", BAKU, "11", "20", "threat-terrorism", "--coder", "aylin")[0] == 0
    code, _, err = run(db, "docs", "import", str(second), "--id", BAKU)
    assert code == 0 and "text version 2" in err and "1 codings moved, 0 set aside" in err
    (coding,) = json.loads(run(db, "codings", "--document", BAKU, "-o", "json")[1])
    assert (coding["start"], coding["end"], coding["text"]) == (22, 31, "terrorism")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id", "nope"], "error: --id nope: the record has no such document (tariqa docs list shows them)"),
        (["--id", BAKU, "--kind", "speech"], "--kind cannot be given with it"),
        (["--id", BAKU, "--date", "2017-11-30", "--event", "x"], "--event, --date cannot be given with it"),
        (["--id", BAKU, "{tmp}/b.txt"], "--id attaches the text of one file, not of 2"),
        (["--id", BAKU, "--max-size", "1"], None),
    ],
)
def test_bad_use_is_one_line_and_changes_nothing(
    db: str, tmp_path: Path, extra: list[str], message: str | None
) -> None:
    (tmp_path / "a.txt").write_text("A text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B text.\n", encoding="utf-8")
    before = run(db, "docs", "list", "-o", "json")[1]
    code, _, err = run(db, "docs", "import", str(tmp_path / "a.txt"), *(a.format(tmp=tmp_path) for a in extra))
    if message is None:  # a well-formed call: the control
        assert code == 0, err
        return
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert run(db, "docs", "list", "-o", "json")[1] == before
