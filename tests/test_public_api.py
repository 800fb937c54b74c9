"""The curated public API: complete, sorted, and every name resolves."""

from __future__ import annotations

import subprocess
import sys

import tariqa


def test_all_is_sorted_and_resolves() -> None:
    assert tariqa.__all__ == sorted(tariqa.__all__)
    for name in tariqa.__all__:
        assert getattr(tariqa, name) is not None


def test_unknown_name() -> None:
    try:
        tariqa.nope  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no attribute 'nope'" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_help_does_not_import_the_database_layer() -> None:
    code = "import sys, tariqa.cli; print('sqlalchemy' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
