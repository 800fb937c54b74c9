"""Checks of the record's quality that go beyond validity: sources, ordinals, duplicates."""

from __future__ import annotations

from tariqa.quality.sources import Finding, check_sources, normalise_url

__all__ = ["Finding", "check_sources", "normalise_url"]
