"""Checks of the record's quality that go beyond validity: sources, ordinals, duplicates."""

from __future__ import annotations

from tariqa.quality.record import as_of_date, check_record
from tariqa.quality.sources import Finding, check_sources, normalise_url

__all__ = ["Finding", "as_of_date", "check_record", "check_sources", "normalise_url"]
