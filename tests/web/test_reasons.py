"""The reader says which method proposed each suggestion and why (issue 23)."""

from __future__ import annotations

from pathlib import Path

from lxml import html
from typer.testing import CliRunner

from tariqa.cli import app as cli
from tariqa.model import Coding
from tariqa.storage import open_store
from tests.conftest import write_yaml
from tests.indicators.test_indicators import record
from tests.web.conftest import client_for

TEXT = "The ministers condemned terrorism in all its forms. They met in Baku."


def test_suggestions_name_their_method_and_reasons(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    data = record()
    data["document_texts"] = [{"id": "atp-baku-2017", "text": TEXT}]
    data["documents"] = [d for d in data["documents"] if d["id"] == "atp-baku-2017"]
    data["codings"] = []
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "codebook", "import"]).exit_code == 0
    assert runner.invoke(cli, ["--db", db, "import", str(write_yaml(tmp_path / "r.yaml", data))]).exit_code == 0
    assert runner.invoke(cli, ["--db", db, "code", "auto", "--method", "rules"]).exit_code == 0
    with open_store(db) as store:
        found = [Coding.model_validate_json(b) for b in store.iter_bodies("codings")]
    (terror,) = [c for c in found if c.code == "threat-terrorism"]
    assert terror.status == "suggested" and terror.memo and "terror" in terror.memo
    with client_for(db, anonymous_read=True) as client:
        page = html.fromstring(client.get("/documents/atp-baku-2017").text)
        twin = client.get("/api/documents/atp-baku-2017").json()
    items = [li.text_content() for li in page.xpath("//ul[@class='codings']/li")]
    (item,) = [t for t in items if "threat-terrorism" in t]
    assert "suggested by rules" in item and f"why: {terror.memo}" in item
    assert any(c["memo"] == terror.memo and c["coder"] == "rules" for c in twin["codings"])
