"""The real samples in ``../shared/data`` (beside the checkout), for the tests that need
them and say so. A user's clone has no ``../shared``: those tests are skipped, with the
reason, except in CI (``CI`` set), where a missing sample fails them. Each folder can also
be named by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sample_folder(name: str, env: str) -> Path:
    """``$env`` if set, else ``../shared/data/<name>``."""
    return Path(os.environ.get(env, SHARED / name))


def requires_sample(path: Path, env: str) -> pytest.MarkDecorator:
    """Mark a test that reads ``path``: skipped when it is missing, except in CI."""
    missing = not path.exists() and not os.environ.get("CI")
    return pytest.mark.skipif(missing, reason=f"needs the shared sample {path} (../shared/data, or set {env})")
