"""A record for looking at every page in a browser: the indicators' record with dates of
each precision, a long summary, a suggestion to review, accounts, UN votes (when the shared
sample is there) and a small GDELT store; and the list of the application's pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tariqa.cli import app as cli
from tariqa.model import Coding, Parsed
from tariqa.model.entities import source_id
from tariqa.storage import open_store
from tests.conftest import URL_A, URL_B, write_yaml
from tests.indicators.test_indicators import TEXT, event, record
from tests.io.test_unvotes import UNGA

PASSWORD = "a long enough password"
SOURCE_B = source_id(URL_B)
LONG = (
    "The ministers of foreign affairs of the three states met on the margins of the General Assembly "
    "and agreed a joint statement on transport corridors, energy, defence industry cooperation and "
    "the situation in the region, with a follow-up meeting of officials at the deputy level."
)


def site_record() -> dict[str, Any]:
    data = record()
    data["events"] += [
        event("year-1", "2019-01-01", ["AZE", "TUR", "PAK"], date_precision="year", city="Islamabad"),
        event("month-1", "2021-03-01", ["AZE", "TUR", "PAK"], date_precision="month", summary=LONG),
        event("span-1", "2022-09-12", ["AZE", "TUR", "PAK"], end_date="2022-09-20", kind="exercise", level="military"),
        event("fm-5", "2022-01-01", ["AZE", "TUR", "PAK"], date_precision="month", format="atp-fm", ordinal=5),
        event("planned-month", "2024-09-01", ["AZE", "TUR", "PAK"], date_precision="month", status="planned"),
    ]
    data["sources"][0]["published"] = "2019"
    data["documents"].append(
        {"id": "month-doc", "title": "Joint statement", "date": "2020-10-01", "date_precision": "month"}
        | {"kind": "statement", "signatories": ["AZE", "TUR", "PAK"], "language": "en"}
    )
    data["document_texts"].append({"id": "month-doc", "text": TEXT})
    start = TEXT.index("Brothers.")
    data["codings"].append(
        {"document": "month-doc", "start": start, "end": start + 9, "code": "identity-brotherhood", "coder": "b"}
        | {"status": "manual"}
    )
    return data


def build(folder: Path) -> str:
    """The database, with the accounts ``ada`` (admin) and ``cora`` (coder) and one
    suggestion in the reader."""
    db = str(folder / "site.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "import", str(write_yaml(folder / "r.yaml", site_record()))])
    assert result.exit_code == 0, result.stderr
    with open_store(db) as store:
        store.add_user("ada", PASSWORD, "admin")
        store.add_user("cora", PASSWORD, "coder")
        start = TEXT.index("Kashmir")
        suggestion = Coding(
            document="atp-baku-2017",
            start=start,
            end=start + len("Kashmir deserves a just solution."),
            code="support-kashmir",
            coder="rules",
            status="suggested",
            score=0.8,
        )
        store.import_items([Parsed(suggestion, "test", "1")])
    return db


def gdelt_store(folder: Path) -> Path:
    runner = CliRunner()
    events, store = folder / "events.CSV", folder / "gdelt"
    assert runner.invoke(cli, ["gdelt", "synth", "--rows", "3000", "--out", str(events), "--seed", "2"]).exit_code == 0
    assert runner.invoke(cli, ["gdelt", "ingest", str(events), "--store", str(store)]).exit_code == 0
    return store


def unga() -> Path | None:
    """The shared UN votes sample, if it is there (it is in CI)."""
    return UNGA if (UNGA / "unvotes_un_votes.csv").exists() else None


#: Every page of the application, by name: what a visitor (here an admin, who may see
#: them all) can open.
PAGES = {
    "home": "/",
    "dashboard": "/groups/ATP",
    "events": "/events",
    "events-filtered": "/events?group=ATP&track=political-diplomatic&since=2019-01-01",
    "event": "/events/atp-fm-2017-baku",
    "event-year": "/events/year-1",
    "event-month": "/events/month-1",
    "source": f"/sources/{SOURCE_B}",
    "documents": "/documents",
    "reader": "/documents/atp-baku-2017",
    "reader-month": "/documents/month-doc",
    "codebook": "/codebook",
    "themes": "/themes?code=identity-brotherhood",
    "reliability": "/reliability",
    "compare": "/compare",
    "calendar": "/groups/ATP/calendar?year=2024",
    "alignment": "/groups/ATP/alignment",
    "event-data": "/groups/ATP/event-data",
    "claims": "/claims",
    "admin": "/admin/users",
    "edit-event": "/edit/events?key=month-1",
    "new-event": "/new/events?group=ATP",
    "edit-source": f"/edit/sources?key={SOURCE_B}",
    "edit-document": "/edit/documents?key=month-doc",
    "edit-code": "/edit/codes?key=support-kashmir",
    "not-found": "/events/no-such-event",
    "api-docs": "/api/docs",
}
URL_SOURCE_A = source_id(URL_A)
