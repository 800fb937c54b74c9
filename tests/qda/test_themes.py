"""Theme frequencies, co-occurrence, balance, quotes and the framework matrix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.qda.corpus import Corpus
from tariqa.qda.themes import balance, cooccurrence, framework, quotes, theme_table
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml

A = "Terrorism is condemned. Karabakh is Azerbaijan.\n\nTrade will grow.\n"
B = "The brothers met. Trade and gas grew.\n"


def coding(
    doc: str, text: str, part: str, code: str, coder: str = "aylin", status: str = "manual"
) -> dict[str, object]:
    start = text.index(part)
    return {"document": doc, "start": start, "end": start + len(part), "code": code, "coder": coder, "status": status}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    data = small_record()
    data["documents"].append(
        {"id": "doc-b", "title": "Statement B", "date": "2021-01-13", "kind": "statement", "signatories": ["PAK"]}
    )
    data["document_texts"] = [{"id": "atp-baku-2017", "text": A}, {"id": "doc-b", "text": B}]
    data["codings"] = [
        coding("atp-baku-2017", A, "Terrorism is condemned.", "threat-terrorism"),
        coding("atp-baku-2017", A, "Terrorism", "norms"),  # same sentence as the first
        coding("atp-baku-2017", A, "Karabakh is Azerbaijan.", "support-karabakh"),
        coding("atp-baku-2017", A, "Trade will grow.", "economy-trade"),
        coding("doc-b", B, "The brothers met.", "identity-brotherhood"),
        coding("doc-b", B, "Trade and gas grew.", "economy-trade"),
        coding("doc-b", B, "gas", "economy-energy", status="suggested"),
        coding("doc-b", B, "Trade", "threat", status="rejected"),
    ]
    path = tmp_path / "r.yaml"
    write_yaml(path, data)
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "import", str(path)])
    assert result.exit_code == 0, result.stderr
    return open_store(db)


def test_theme_table_by_year(store: Store) -> None:
    rows = theme_table(Corpus.load(store), by="year")
    table = {(r["year"], r["code"]): r for r in rows}
    assert set(table) == {
        ("2017", "threat"),
        ("2017", "norms"),
        ("2017", "support"),
        ("2017", "economy"),
        ("2021", "identity"),
        ("2021", "economy"),
    }
    words_2021 = len(B.split())
    assert table[("2021", "economy")]["per_1000_words"] == round(1000 / words_2021, 4)
    assert table[("2017", "threat")]["per_document"] == 1.0


def test_suggested_and_rejected_codings_are_left_out_unless_asked(store: Store) -> None:
    assert not any(r["code"] == "economy-energy" for r in theme_table(Corpus.load(store), top=False))
    with_suggested = theme_table(Corpus.load(store, include_suggested=True), top=False)
    assert any(r["code"] == "economy-energy" for r in with_suggested)
    assert not any(r["code"] == "threat" and r["year"] == "2021" for r in with_suggested)  # rejected


def test_by_state_uses_the_signatories(store: Store) -> None:
    states = {r["state"] for r in theme_table(Corpus.load(store), by="state")}
    assert states == {"AZE", "TUR", "PAK"}


def test_cooccurrence_at_sentence_and_document_level(store: Store) -> None:
    corpus = Corpus.load(store)
    sentence = {(r["code_a"], r["code_b"]): r for r in cooccurrence(corpus, unit="sentence")}
    assert set(sentence) == {("norms", "threat")}
    assert sentence[("norms", "threat")]["n_ab"] == 1
    document = {(r["code_a"], r["code_b"]): r for r in cooccurrence(corpus, unit="document")}
    assert document[("economy", "identity")]["n_ab"] == 1
    # economy is in both documents, support in one: jaccard = 1 / (2 + 1 - 1)
    assert document[("economy", "support")]["jaccard"] == 0.5
    assert document[("economy", "support")]["overlap"] == 1.0


def test_balance_per_year(store: Store) -> None:
    rows = {r["year"]: r for r in balance(Corpus.load(store))}
    assert rows["2017"] == {"year": "2017", "symbolic": 3, "functional": 1, "symbolic_share": 0.75}
    assert rows["2021"]["symbolic"] == 1 and rows["2021"]["functional"] == 1


def test_quotes_include_sub_codes_and_context(store: Store) -> None:
    rows = quotes(Corpus.load(store), "support", context=10)
    assert [(r["code"], r["quote"], r["before"]) for r in rows] == [
        ("support-karabakh", "Karabakh is Azerbaijan.", "ondemned. ")
    ]


def test_framework_matrix(store: Store) -> None:
    rows = {r["state"]: r for r in framework(Corpus.load(store), rows_by="state")}
    assert rows["PAK"]["identity"] == ["The brothers met. [doc-b]"]
    assert rows["AZE"]["support"] == ["Karabakh is Azerbaijan. [atp-baku-2017]"]


def test_cli_themes_and_cooccurrence(store: Store) -> None:
    db = store.url.removeprefix("sqlite:///")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "themes", "--by", "year", "-o", "json"])
    assert result.exit_code == 0 and {r["code"] for r in json.loads(result.stdout)} >= {"threat", "economy"}
    result = runner.invoke(app, ["--db", db, "cooccurrence", "--unit", "document", "-o", "csv"])
    assert result.stdout.splitlines()[0].startswith("code_a,code_b,n_a,n_b,n_ab,jaccard")
    result = runner.invoke(app, ["--db", db, "quotes", "nope"])
    assert result.exit_code == 2 and "unknown code 'nope'" in result.stderr
    result = runner.invoke(app, ["--db", db, "themes", "--framework", "state", "-o", "json"])
    rows = {r["state"]: r for r in json.loads(result.stdout)}
    assert rows["PAK"]["identity"] == ["The brothers met. [doc-b]"]
    result = runner.invoke(app, ["--db", db, "themes", "--by", "month"])
    assert result.exit_code == 2 and "Invalid value for '--by'" in result.stderr and "'month'" in result.stderr
