"""The report of a group: an offline HTML study with its figures (SVG, PNG) and tables
(CSV, LaTeX). See :func:`tariqa.reports.build.build_report`."""

from __future__ import annotations

from tariqa.reports.build import SECTIONS, build_report

__all__ = ["SECTIONS", "build_report"]
