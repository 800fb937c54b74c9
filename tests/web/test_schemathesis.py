"""Schemathesis generates requests (valid and invalid) from the OpenAPI schema of a live
server on 127.0.0.1, authorised with an API token; none may get a server error.

It runs as its own process (the ``schemathesis`` command): its generators inspect source
code in ways that interfere with the rest of the suite's Hypothesis state."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tariqa.storage import open_store
from tests.web.test_accounts import PASSWORD
from tests.web.test_browser import server  # noqa: F401  (fixture)


def test_no_server_errors(db: str, server: str, tmp_path: Path) -> None:  # noqa: F811
    store = open_store(db)
    user = store.add_user("fuzz", PASSWORD, "coder")
    token = store.new_api_token(user, "schemathesis")
    command = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or "schemathesis"
    result = subprocess.run(
        [
            command,
            "run",
            f"{server}/api/openapi.json",
            "--checks",
            "not_a_server_error",
            "--header",
            f"Authorization: Bearer {token}",
            "--max-examples",
            "30",
            "--generation-deterministic",
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,  # its reports folder goes there, not into the repository
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "/api/events" in result.stdout, result.stdout  # the operations were really exercised
