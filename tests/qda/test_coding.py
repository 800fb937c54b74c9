"""The codebook, manual codings, rule suggestions and their review, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.cli.qda import DEFAULT_CODEBOOK
from tariqa.io import plan, read_inputs
from tariqa.model import Code, Coding, codebook_problems
from tariqa.qda.work import suggestion_record
from tests.conftest import small_record, write_yaml

runner = CliRunner()
TEXT = (
    "The ministers condemned terrorism and separatism.\n\n"
    "They agreed to hold the next meeting in Ankara. Trade and energy ties, including TANAP, will grow.\n"
)
TOP_LEVEL = [
    "defence",
    "economy",
    "forums",
    "identity",
    "institution",
    "norms",
    "parliament",
    "people",
    "support",
    "threat",
]


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "qda.db")
    data = small_record()
    data["document_texts"] = [{"id": "atp-baku-2017", "text": TEXT}]
    write_yaml(tmp_path / "r.yaml", data)
    assert run(path, "import", str(tmp_path / "r.yaml"))[0] == 0
    assert run(path, "codebook", "import")[0] == 0
    return path


def test_default_codebook_has_the_required_top_level_codes() -> None:
    codes = [i.entity for i in read_inputs(plan([DEFAULT_CODEBOOK]))]  # type: ignore[union-attr]
    assert sorted(c.id for c in codes if c.parent is None) == TOP_LEVEL
    assert codebook_problems(codes) == []
    assert all(c.nature for c in codes if c.parent is None)


def test_codebook_show_and_export_round_trip(db: str, tmp_path: Path) -> None:
    code, out, _ = run(db, "codebook", "show")
    assert code == 0 and "threat-terrorism" in out and "version 1" in out
    assert run(db, "codebook", "export", str(tmp_path / "cb.yaml"))[0] == 0
    assert run(db, "codebook", "import", str(tmp_path / "cb.yaml"))[2].startswith("codes: 0 added or changed")


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (
            [
                {"id": "a", "parent": "b", "name": "A", "definition": "d"},
                {"id": "b", "parent": "a", "name": "B", "definition": "d"},
            ],
            "form a cycle",
        ),
        ([{"id": "a", "name": "A", "definition": "d"}, {"id": "a", "name": "A2", "definition": "d"}], "is used twice"),
        ([{"id": "a", "parent": "zz", "name": "A", "definition": "d"}], "unknown parent code 'zz'"),
        ([{"id": "a", "name": "A", "definition": "d", "patterns": ["(unclosed"]}], "not a valid regular expression"),
    ],
)
def test_bad_codebooks_change_nothing(tmp_path: Path, codes: list[dict[str, str]], message: str) -> None:
    db = str(tmp_path / "x.db")
    write_yaml(tmp_path / "cb.yaml", {"codes": codes})
    code, _, err = run(db, "codebook", "import", str(tmp_path / "cb.yaml"))
    assert code == 2 and message in err
    assert json.loads(run(db, "codebook", "show", "-o", "json")[1]) == []


def test_manual_coding_and_its_errors(db: str) -> None:
    code, _, err = run(db, "code", "add", "atp-baku-2017", "24", "33", "threat-terrorism", "--coder", "aylin")
    assert code == 0 and "“terrorism”" in err
    rows = json.loads(run(db, "codings", "-o", "json")[1])
    assert [(r["code"], r["text"], r["status"]) for r in rows] == [("threat-terrorism", "terrorism", "manual")]
    for args, message in [
        (["24", "9999", "threat"], "past the end of the text"),
        (["30", "20", "threat"], "ends (20) before it starts (30)"),
        (["0", "5", "no-such-code"], "not in the codebook"),
    ]:
        code, _, err = run(db, "code", "add", "atp-baku-2017", *args, "--coder", "aylin")
        assert code == 2 and message in err, err


def test_rule_suggestions_and_review(db: str) -> None:
    code, _, err = run(db, "code", "auto", "--method", "rules")
    assert code == 0
    rows = json.loads(run(db, "codings", "--status", "suggested", "-o", "json")[1])
    found = {(r["code"], r["text"]) for r in rows}
    assert ("threat-terrorism", "The ministers condemned terrorism and separatism.") in found
    assert ("threat-separatism", "The ministers condemned terrorism and separatism.") in found
    assert ("institution-follow-up", "They agreed to hold the next meeting in Ankara.") in found
    assert any(c == "economy-energy" and "TANAP" in t for c, t in found)
    # running again adds nothing
    assert "suggestions: 0 new" in run(db, "code", "auto")[2]
    first, second = rows[0]["id"], rows[1]["id"]
    code, _, err = run(db, "code", "review", "--accept", first, "--reject", second)
    assert code == 0 and "accepted 1, rejected 1" in err
    statuses = {r["id"]: r["status"] for r in json.loads(run(db, "codings", "-o", "json")[1])}
    assert statuses[first] == "accepted" and statuses[second] == "rejected"
    assert "suggestions: 0 new" in run(db, "code", "auto")[2]  # reviewed ones are not suggested again
    code, _, err = run(db, "code", "review", "--accept", "coding-nope")
    assert code == 2 and "no suggestion with id 'coding-nope'" in err


def test_keyword_rules_are_whole_words_and_capitals_are_exact() -> None:
    from tariqa.qda.rules import RuleCoder

    coder = RuleCoder([Code(id="x", name="X", definition="d", keywords=["gas", "OIC", "terror*"])])
    text = "Gasoline prices. The oic met. Terrorists struck. OIC summit."
    spans = [(0, 16), (17, 29), (30, 48), (49, 60)]
    assert [(s.start, s.hits) for s in coder.suggest(text, spans)] == [(30, ("terrorists",)), (49, ("oic",))]


def test_refi_round_trip_through_the_cli(db: str, tmp_path: Path) -> None:
    assert run(db, "code", "add", "atp-baku-2017", "24", "33", "threat-terrorism", "--coder", "aylin")[0] == 0
    code, _, err = run(db, "refi", "export", str(tmp_path / "p.qdpx"))
    assert code == 0 and "wrote" in err
    other = str(tmp_path / "other.db")
    code, _, err = run(other, "refi", "import", str(tmp_path / "p.qdpx"))
    assert code == 2 and "unknown event 'atp-fm-2017-baku'" in err  # the record it refers to is missing
    write_yaml(tmp_path / "record.yaml", small_record())
    assert run(other, "import", str(tmp_path / "record.yaml"))[0] == 0
    code, _, err = run(other, "refi", "import", str(tmp_path / "p.qdpx"))
    assert code == 0, err
    rows = json.loads(run(other, "codings", "-o", "json")[1])
    assert [(r["code"], r["text"], r["coder"]) for r in rows] == [("threat-terrorism", "terrorism", "aylin")]
    assert run(db, "codebook", "export", str(tmp_path / "cb.qdc"))[0] == 0
    code, _, err = run(str(tmp_path / "third.db"), "codebook", "import", str(tmp_path / "cb.qdc"))
    assert code == 0 and "codes: 46 added" in err


def test_refi_import_of_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "bad.qdpx").write_text("not a zip")
    code, _, err = run(str(tmp_path / "x.db"), "refi", "import", str(tmp_path / "bad.qdpx"))
    assert code == 2 and "bad.qdpx" in err


def test_memos_on_documents_codes_and_codings(db: str) -> None:
    assert run(db, "code", "add", "atp-baku-2017", "24", "33", "threat-terrorism", "--coder", "aylin")[0] == 0
    coding_id = json.loads(run(db, "codings", "-o", "json")[1])[0]["id"]
    for args in (["--document", "atp-baku-2017"], ["--code", "threat"], ["--coding", coding_id], []):
        code, _, err = run(db, "memo", "add", "A note.", "--author", "aylin", *args)
        assert code == 0, err
    rows = json.loads(run(db, "memos", "-o", "json")[1])
    assert sorted(r["about"] for r in rows) == ["code", "coding", "document", "project"]
    code, _, err = run(db, "memo", "add", "x", "--author", "a", "--document", "nope")
    assert code == 2 and "unknown document 'nope'" in err
    code, _, err = run(db, "memo", "add", "x", "--author", "a", "--document", "atp-baku-2017", "--code", "threat")
    assert code == 2 and "one of --document, --code, --coding" in err


@given(
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    st.integers(0, 10**7),
    st.integers(1, 5000),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20).filter(str.strip),
    st.one_of(st.floats(0, 1), st.sampled_from([0.6, 0.8, 0.9, 1.0, 0.5001, 1e-05])),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
)
def test_suggestion_records_are_the_canonical_codings(
    document: str, start: int, length: int, coder: str, score: float, memo: str
) -> None:
    key, body, record = suggestion_record(document, start, start + length, "threat-terrorism", coder, score, memo)
    coding = Coding(
        document=document,
        start=start,
        end=start + length,
        code="threat-terrorism",
        coder=coder,
        status="suggested",
        score=score,
        memo=memo,
    )
    assert (key, body, record) == (coding.key, coding.canonical(), coding.to_record())


def test_rule_suggestions_are_the_same_from_worker_processes(db: str) -> None:
    from tariqa.qda.work import auto_code
    from tariqa.storage import open_store

    with open_store(db) as store:
        auto_code(store, coder="alone", workers=1)
        auto_code(store, coder="pooled", workers=2)

        def found(coder: str) -> set[tuple[object, ...]]:
            return {(c.document, c.start, c.end, c.code, c.score, c.memo) for c in store.codings(coder=coder)}

        assert found("pooled") == found("alone") and len(found("alone")) > 3
