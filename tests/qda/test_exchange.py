"""The coding project through REFI-QDA and back, at the level of the study's database:
importing an export into the same study changes nothing (not a byte), importing it into a
study without it reproduces it, and an import of another program's project says what it
would add before it merges codes into the codebook."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import tempfile
import zipfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.model import Code, Coding, Document, DocumentText, Entity, Memo, Parsed
from tariqa.storage import Store, open_store
from tariqa.tasks.exchange import RefiExportOptions, RefiImportOptions, refi_export, refi_import
from tariqa.vocab import CodingStatus
from tests.terminal import run_in_terminal

runner = CliRunner()
COLLECTIONS = ("codes", "documents", "document_texts", "codings", "memos")
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.just("\n"), min_size=1, max_size=24)
_TEXT = st.text(st.sampled_from("abcə şü–“”🚆.\n\t XYZ"), min_size=1, max_size=60)
_WHEN = st.none() | st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))

Project = list[Entity]


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """A coding project: a code tree, documents (some with text), codings of several coders
    (manual, and suggestions suggested, accepted or rejected), and memos on each kind of thing."""
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,7}", fullmatch=True), min_size=1, max_size=5, unique=True))
    codes = [
        Code(
            id=code,
            parent=draw(st.none() | st.sampled_from(ids[:i])) if i else None,
            name=draw(_WORDS.filter(str.strip)),
            definition=draw(_WORDS.filter(str.strip)),
            keywords=draw(st.lists(st.sampled_from(["terror*", "PKK", "trade"]), max_size=2, unique=True)),
            nature=draw(st.none() | st.sampled_from(["symbolic", "functional"])),
        )
        for i, code in enumerate(ids)
    ]
    doc_ids = draw(st.lists(st.from_regex(r"d[a-z0-9-]{0,7}", fullmatch=True), min_size=1, max_size=3, unique=True))
    entities: Project = [*codes]
    codings: dict[str, Coding] = {}
    for n, doc in enumerate(doc_ids):
        entities.append(
            Document(
                id=doc,
                title=draw(_WORDS.filter(str.strip)),
                kind=draw(st.sampled_from(["declaration", "speech", "other"])),
                date=draw(
                    st.none() | st.dates(min_value=datetime(1991, 1, 1).date(), max_value=datetime(2090, 1, 1).date())
                ),
                signatories=draw(st.lists(st.sampled_from(["AZE", "TUR", "PAK"]), max_size=3, unique=True)),
                language=draw(st.none() | st.sampled_from(["az", "tr", "en"])),
            )
        )
        if n and draw(st.booleans()):
            continue  # a document without text
        text = draw(_TEXT)
        entities.append(DocumentText(id=doc, text=text, format=draw(st.sampled_from(["txt", "pdf"]))))
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            status = draw(st.sampled_from(list(CodingStatus)))
            manual = status is CodingStatus.MANUAL
            for coder in draw(st.lists(st.sampled_from(["aylin", "bilal", "rules"]), min_size=1, unique=True)):
                coding = Coding(
                    document=doc,
                    start=start,
                    end=end,
                    code=draw(st.sampled_from(ids)),
                    coder=coder,
                    status=status,
                    score=None if manual else draw(st.sampled_from([0.6, 0.8, 0.9])),
                    memo=draw(st.none() | _WORDS),
                    created=draw(_WHEN),
                )
                codings.setdefault(coding.key, coding)
    entities += codings.values()
    targets = [("project", "project"), *(("document", d) for d in doc_ids), *(("code", c) for c in ids)]
    targets += [("coding", key) for key in codings]
    memos: dict[str, Memo] = {}
    for about, target in draw(st.lists(st.sampled_from(targets), max_size=5)):
        memo = Memo(about=about, target=target, author=draw(st.sampled_from(["aylin", "Bilal Khan"])),
                    text=draw(_WORDS.filter(str.strip)), created=draw(_WHEN))  # fmt: skip
        memos.setdefault(memo.key, memo)
    return entities + list(memos.values())


def bodies(store: Store) -> dict[str, list[str]]:
    return {c: sorted(store.iter_bodies(c)) for c in COLLECTIONS}


def digest(path: Path) -> str:
    """The database's whole content (every table, the revision counter and the codebook's
    versions included), read through SQLite."""
    with closing(sqlite3.connect(path)) as con:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()


def as_exported(entity: Entity) -> Entity:
    """A record as REFI-QDA carries it: an accepted suggestion becomes a manual coding."""
    if isinstance(entity, Coding) and entity.status is CodingStatus.ACCEPTED:
        return entity.model_copy(update={"status": CodingStatus.MANUAL, "score": None})
    return entity


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects())
def test_export_import_changes_nothing_here_and_reproduces_the_project_elsewhere(project: Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        with open_store(str(tmp / "a.db")) as a:
            a.import_items([Parsed(e, "generated", "") for e in project])
            before = bodies(a)
            exported = refi_export(a, RefiExportOptions(tmp / "study.qdpx"))
        was = digest(tmp / "a.db")
        with open_store(str(tmp / "a.db")) as a:
            again = refi_import(a, RefiImportOptions(tmp / "study.qdpx"))
        assert digest(tmp / "a.db") == was  # not a byte changed
        assert not again.written and all(r["added"] == 0 for r in again.rows) and not again.new_codes
        applied = [e for e in project if not (isinstance(e, Coding) and e.status in _LEFT_OUT)]
        keys = {e.key for e in applied if isinstance(e, Coding)}
        applied = [e for e in applied if not (isinstance(e, Memo) and e.about == "coding" and e.target not in keys)]
        assert exported.counts == {c: sum(e.collection == c for e in applied) for c in COLLECTIONS}
        with open_store(str(tmp / "b.db")) as b:
            result = refi_import(b, RefiImportOptions(tmp / "study.qdpx"))
            reproduced = bodies(b)
        assert result.written and {r["records"]: r["added"] for r in result.rows} == exported.counts
        expected = {c: sorted(as_exported(e).canonical() for e in applied if e.collection == c) for c in COLLECTIONS}
        assert reproduced == expected
        assert {c: before[c] for c in ("codes", "documents", "document_texts")} == {
            c: reproduced[c] for c in ("codes", "documents", "document_texts")
        }


_LEFT_OUT = (CodingStatus.SUGGESTED, CodingStatus.REJECTED)


# --------------------------------------------------------------------------- the command line

FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Field notes" origin="NVivo 14">
<Users><User guid="A1B2C3D4-0000-0000-0000-000000000001" name="Selin"/></Users>
<CodeBook><Codes>
 <Code guid="C0000000-0000-0000-0000-000000000001" name="Brotherhood rhetoric" isCodable="true">
  <Code guid="C0000000-0000-0000-0000-000000000002" name="One nation two states" isCodable="true"/>
 </Code>
</Codes></CodeBook>
<Sources>
 <TextSource guid="D0000000-0000-0000-0000-000000000001" name="Speech in Baku">
  <PlainTextContent>We are one nation, two states.</PlainTextContent>
  <PlainTextSelection guid="E0000000-0000-0000-0000-000000000001" startPosition="7" endPosition="29">
   <Coding guid="F0000000-0000-0000-0000-000000000001" creatingUser="A1B2C3D4-0000-0000-0000-000000000001">
    <CodeRef targetGUID="C0000000-0000-0000-0000-000000000002"/>
   </Coding>
  </PlainTextSelection>
  <NoteRef targetGUID="B0000000-0000-0000-0000-000000000001"/>
 </TextSource>
</Sources>
<Notes>
 <Note guid="B0000000-0000-0000-0000-000000000001" name="Context" creatingUser="A1B2C3D4-0000-0000-0000-000000000001">
  <PlainTextContent>Said at the 2021 summit.</PlainTextContent>
 </Note>
</Notes>
</Project>"""


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def study(tmp_path: Path) -> tuple[str, Path]:
    """A study with the default codebook, and another program's project to import."""
    db = str(tmp_path / "study.db")
    assert run(db, "codebook", "import")[0] == 0
    path = tmp_path / "nvivo-project.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", FOREIGN)
    return db, path


def test_dry_run_lists_what_would_be_added_and_writes_nothing(study: tuple[str, Path]) -> None:
    db, path = study
    was = digest(Path(db))
    code, out, err = run(db, "refi", "import", str(path), "--dry-run")
    assert code == 0 and err.strip() == "dry run: nothing was written"
    lines = [line.split() for line in out.splitlines()]
    assert ["codes", "2", "2", "0", "0"] in lines and ["documents", "1", "1", "0", "0"] in lines
    assert ["codings", "1", "1", "0", "0"] in lines and ["memos", "1", "1", "0", "0"] in lines
    assert "2 codes that join the codebook of 46 codes" in out
    listed = out.split("46 codes")[1].split()
    assert listed[4:6] == ["brotherhood-rhetoric", "Brotherhood"]  # under the header and its rule: id, name
    assert "brotherhood-rhetoric-one-nation-two-states" in listed
    assert digest(Path(db)) == was


def test_codes_join_a_codebook_only_when_asked(study: tuple[str, Path], tmp_path: Path) -> None:
    db, path = study
    was = digest(Path(db))
    code, _, err = run(db, "refi", "import", str(path))  # no terminal to ask at
    assert code == 2 and err.strip() == (
        "error: the import would add 2 codes to the codebook of 46 codes; check the list with --dry-run, "
        "then import with --yes"
    )
    assert digest(Path(db)) == was
    cli = [sys.executable, "-m", "tariqa", "--db", db, "refi", "import", str(path)]
    code, shown = run_in_terminal(cli, [("[y/N]: ", "n")])
    assert code == 1 and "Add 2 codes to the codebook of 46 codes?" in shown and "nothing was written" in shown
    assert digest(Path(db)) == was
    code, shown = run_in_terminal(cli, [("[y/N]: ", "y")])
    assert code == 0 and "codes: 2 added, 0 already here" in shown and "memos: 1 added" in shown, shown
    with open_store(db) as store:
        (memo,) = [Memo.model_validate_json(b) for b in store.iter_bodies("memos")]
        assert (memo.about, memo.target, memo.author) == ("document", "speech-in-baku", "Selin")
        assert memo.text == "Context\n\nSaid at the 2021 summit."
    other = str(tmp_path / "other.db")
    assert run(other, "codebook", "import")[0] == 0
    code, _, err = run(other, "refi", "import", str(path), "--yes")
    assert code == 0 and "codes: 2 added" in err
    code, _, err = run(str(tmp_path / "empty.db"), "refi", "import", str(path))  # no codebook to merge into
    assert code == 0 and "codes: 2 added" in err


def test_the_cli_round_trip_into_the_same_study(study: tuple[str, Path], tmp_path: Path) -> None:
    db, path = study
    assert run(db, "refi", "import", str(path), "--yes")[0] == 0
    assert run(db, "code", "add", "speech-in-baku", "0", "2", "identity", "--coder", "aylin")[0] == 0
    assert run(db, "code", "auto", "--method", "rules")[0] == 0
    assert run(db, "code", "review", "--accept-above", "0")[0] == 0
    with open_store(db) as store:  # the rules' suggestions depend on the codebook's keywords
        codings = sum(1 for _ in store.iter_bodies("codings"))
    assert codings >= 2
    code, _, err = run(db, "refi", "export", str(tmp_path / "study.qdpx"))
    assert code == 0 and f"{codings} codings, 1 memos" in err, err
    was = digest(Path(db))
    code, _, err = run(db, "refi", "import", str(tmp_path / "study.qdpx"))
    assert code == 0 and "codings: 0 added, " in err and "memos: 0 added, 1 already here" in err, err
    assert digest(Path(db)) == was
