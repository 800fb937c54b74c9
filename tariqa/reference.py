"""The reference record that ships inside the package (``tariqa/data/reference``)."""

from __future__ import annotations

from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "data" / "reference"


def reference_paths() -> list[Path]:
    """The reference record files, in a stable order."""
    return sorted(REFERENCE_DIR.glob("*.yaml"))
