"""Several workers on one PostgreSQL database: a session made by one worker is valid on
another, and two editors on two workers never overwrite each other."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app as cli
from tests.conftest import write_yaml
from tests.indicators.test_indicators import record
from tests.web.conftest import client_for
from tests.web.test_accounts import PASSWORD, log_in
from tests.web.test_editing import form_of

pytestmark = pytest.mark.postgres


def test_two_workers_share_sessions_and_refuse_stale_edits(pg_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", pg_url, "codebook", "import"]).exit_code == 0
    assert runner.invoke(cli, ["--db", pg_url, "import", str(write_yaml(tmp_path / "r.yaml", record()))]).exit_code == 0
    from tariqa.storage import open_store

    with open_store(pg_url) as store:
        store.add_user("ed", PASSWORD, "editor")
        store.add_user("eda", PASSWORD, "editor")
    with client_for(pg_url) as one, client_for(pg_url) as two, client_for(pg_url) as three:
        for client in (one, two, three):
            client.follow_redirects = False
        log_in(one, "ed")
        two.cookies.set("tariqa_session", one.cookies["tariqa_session"])  # the same browser, another worker
        assert two.get("/api/events/fm-2").status_code == 200
        log_in(three, "eda")
        mine, theirs = form_of(two.get("/edit/events?key=fm-2").text), form_of(three.get("/edit/events?key=fm-2").text)
        assert three.post("/edit/events?key=fm-2", data=theirs | {"city": "Lahore"}).status_code == 303
        refused = one.post("/edit/events?key=fm-2", data=mine | {"city": "Karachi"})
        assert refused.status_code == 409 and "Lahore" in refused.text
        history = one.get("/api/events/fm-2").json()["history"]
        assert [c["user"] for c in history] == ["eda"]
