"""Without UN vote data, the command line, the web page and the report all say where they
looked and to run `tariqa unga fetch`, in the same words."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html as lhtml
from typer.testing import CliRunner

from tariqa.storage import Store
from tests.conftest import small_record, write_yaml

ADVICE = "run `tariqa unga fetch` to download it"


def test_every_output_says_run_unga_fetch_when_no_votes_are_found(sqlite_store: Store, tmp_path: Path) -> None:
    import tariqa.cli
    from tariqa.io import plan, read_inputs
    from tariqa.reports import ReportOptions, build_report
    from tariqa.web import Settings, create_app

    sqlite_store.import_items(read_inputs(plan([str(write_yaml(tmp_path / "r.yaml", small_record()))])))
    empty = tmp_path / "no-votes"
    expected = f"no UN roll-call data at {empty}: {ADVICE}"

    result = CliRunner().invoke(
        tariqa.cli.app, ["--db", sqlite_store.url, "alignment", "--group", "ATP", "--votes", str(empty)]
    )
    assert result.exit_code == 2 and expected in " ".join(result.stderr.split())

    client = TestClient(create_app(Settings(anonymous_read=True, unga_folder=empty), store=sqlite_store))
    notices = client.get("/api/groups/ATP/alignment").json()["notices"]
    assert notices == [f"{expected} on the server"]
    assert f"{expected} on the server" in client.get("/groups/ATP/alignment").text.replace("&#96;", "`")

    index = build_report(sqlite_store, ReportOptions(group="ATP", out=tmp_path / "report", votes=empty))
    (section,) = [s for s in lhtml.fromstring(index.read_bytes()).iter("section") if s.get("id") == "un-voting"]
    assert f"No UN roll-call data at {empty}: {ADVICE}" in section.text_content()
