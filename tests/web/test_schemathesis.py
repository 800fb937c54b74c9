"""Schemathesis generates requests from the OpenAPI schema; none may get a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tariqa.storage import open_store
from tariqa.web import Settings, create_app
from tests.web.test_accounts import PASSWORD


def _app_and_token(tmp: str) -> tuple[object, str]:
    from typer.testing import CliRunner

    from tariqa.cli import app as cli
    from tests.conftest import write_yaml
    from tests.indicators.test_indicators import record

    db = f"{tmp}/fuzz.db"
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "codebook", "import"])
    runner.invoke(cli, ["--db", db, "import", str(write_yaml(__import__("pathlib").Path(tmp) / "r.yaml", record()))])
    store = open_store(db)
    user = store.add_user("fuzz", PASSWORD, "coder")
    return create_app(Settings(db=db), store), store.new_api_token(user, "schemathesis")


_TMP = __import__("tempfile").mkdtemp(prefix="tariqa-fuzz-")
APP, TOKEN = _app_and_token(_TMP)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
