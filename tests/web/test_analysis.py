"""Analysis pages: reliability, UN voting, comparison, claim checks (uploads) and the report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.io.test_unvotes import UNGA, needs_data
from tests.web.conftest import client_for

CLAIMS = Path(__file__).parents[2] / "tariqa" / "data" / "claims" / "atp.yaml"


def test_reliability_between_two_coders(public: TestClient) -> None:
    data = public.get("/api/reliability", params={"unit": "sentence"}).json()
    assert data["coders"] == ["a"]
    assert data["rows"] == []  # one coder: nothing to compare, said on the page
    assert "at least two coders" in public.get("/reliability").text
    assert public.get("/api/reliability", params={"unit": "word"}).status_code == 422


def test_un_voting_alignment_page_without_data_says_where_it_looked(public: TestClient) -> None:
    data = public.get("/api/groups/ATP/alignment", params={"by": "session"}).json()
    assert data["rows"] == [] and data["found"] is False and data["figure"] is None and len(data["notices"]) == 1
    assert "no UN roll-call data at" in data["notices"][0] and "tariqa unga fetch" in data["notices"][0]
    assert public.get("/groups/ATP/alignment.svg").status_code == 404


@needs_data
def test_un_voting_alignment_page(public: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARIQA_UNGA_DIR", str(UNGA))
    data = public.get("/api/groups/ATP/alignment", params={"by": "session"}).json()
    pairs = {r["states"] for r in data["rows"] if r["kind"] == "pair"}
    assert pairs == {"AZE-TUR", "AZE-PAK", "TUR-PAK"}
    assert {r["states"] for r in data["rows"] if r["kind"] == "group"} == {"AZE-TUR-PAK"}
    assert all(r["source"] for r in data["rows"] if r["kind"] == "pair")  # each row names its data file
    assert any("coverage" in n for n in data["notices"])
    page = public.get("/groups/ATP/alignment", params={"by": "session"}).text
    assert f'src="{data["figure"]}"' in page  # a chart, not only a long table
    svg = public.get(data["figure"])
    assert svg.headers["content-type"].startswith("image/svg+xml") and "AZE-TUR" in svg.text


def test_compare_groups(public: TestClient) -> None:
    data = public.get("/api/compare").json()
    assert data["groups"] == ["ATP"]
    assert any(r["measure"] == "composite index" for r in data["rows"])
    assert public.get("/api/compare", params={"groups": "ATP,NOPE"}).status_code == 404


def claim_file(claims: list[dict[str, object]]) -> bytes:
    return yaml.safe_dump({"group": "ATP", "claims": claims}).encode()


def test_claims_upload(public: TestClient) -> None:
    ok = {
        "id": "two-rounds",
        "text": "The foreign ministers met at least twice.",
        "published": {"url": "https://example.org/a"},
        "check": {"type": "count", "format": "atp-fm", "at_least": 2},
    }
    response = public.post("/api/claims", files={"file": ("claims.yaml", claim_file([ok]), "text/yaml")})
    assert response.status_code == 200
    assert [r["verdict"] for r in response.json()["results"]] == ["supported"]
    page = public.post("/claims", files={"file": ("claims.yaml", claim_file([ok]), "text/yaml")})
    assert "supported" in page.text


def test_bad_uploads_are_refused_clearly(db: str) -> None:
    with client_for(db, anonymous_read=True, max_upload=1000) as client:
        cases = [
            (("../../etc/claims.yaml", b"claims: [", "text/yaml"), 422, "claims.yaml:"),
            (("x.yaml", b"\xff\xfe binary", "text/yaml"), 422, "not UTF-8"),
            (("big.yaml", b"#" * 2000, "text/yaml"), 413, "larger than"),
        ]
        for file, status, message in cases:
            response = client.post("/api/claims", files={"file": file})
            assert response.status_code == status and message in response.json()["error"], response.text
            assert "/tmp" not in response.text and "etc/" not in response.text


def test_report_download(public: TestClient) -> None:
    response = public.get("/groups/ATP/report.zip")
    assert response.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "atp-report/index.html" in names and any(n.endswith(".svg") for n in names)


def test_claims_about_formats_this_record_lacks_are_located(public: TestClient) -> None:
    response = public.post("/api/claims", files={"file": ("atp.yaml", CLAIMS.read_bytes(), "text/yaml")})
    assert response.status_code == 422  # this small record has no atp-speakers or atp-summit format
    assert "atp.yaml:" in response.json()["error"] and "atp-speakers" in response.json()["error"]


def test_event_data_page_with_and_without_a_gdelt_store(public: TestClient, db: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tariqa.cli import app as cli
    from tariqa.eventdata.engines import dyads

    unset = public.get("/api/groups/ATP/event-data").json()
    assert unset["configured"] is False and unset["rows"] == []
    assert "No GDELT store is configured" in public.get("/groups/ATP/event-data").text
    assert public.get("/groups/ATP/event-data.svg").status_code == 404

    events, store = tmp_path / "events.CSV", tmp_path / "gdelt"
    runner = CliRunner()
    assert runner.invoke(cli, ["gdelt", "synth", "--rows", "20000", "--out", str(events), "--seed", "2"]).exit_code == 0
    assert runner.invoke(cli, ["gdelt", "ingest", str(events), "--store", str(store)]).exit_code == 0
    with client_for(db, anonymous_read=True, gdelt_folder=store) as client:
        data = client.get("/api/groups/ATP/event-data").json()
        assert data["configured"] is True and data["figure"] == "/groups/ATP/event-data.svg"
        expected = dyads(["AZE", "TUR", "PAK"], store=store).rows
        wanted = {(r["month"], r["subject"], r["events"]) for r in expected if r["kind"] in ("pair", "group")}
        assert {(row[0], row[1], row[2]) for row in data["rows"]} == wanted and len(wanted) > 3
        svg = client.get(data["figure"])
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        assert svg.text.lstrip().startswith("<svg")
        page = client.get("/groups/ATP/event-data").text
        assert 'src="/groups/ATP/event-data.svg"' in page and "AZE-TUR" in page
        assert client.get("/api/groups/NOPE/event-data").status_code == 404


def test_serve_refuses_a_missing_gdelt_store_and_passes_one_to_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from tariqa.cli import app as cli
    from tariqa.settings import Settings

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "serve", "--gdelt-store", str(tmp_path / "no")])
    assert result.exit_code == 2 and "--gdelt-store" in result.stderr and "no such folder" in result.stderr
    monkeypatch.setenv("TARIQA_GDELT_STORE", str(tmp_path))
    assert Settings.read().gdelt_folder == tmp_path
    monkeypatch.setenv("TARIQA_GDELT_STORE", "")
    assert Settings.read().gdelt_folder is None
    given = Settings.read(database="x.db", gdelt_folder=tmp_path, anonymous_read=True)
    for key, value in given.to_environment().items():  # what a worker of tariqa serve reads back
        monkeypatch.setenv(key, value)
    assert Settings.from_environment() == given
