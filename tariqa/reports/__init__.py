"""The report of a group: an offline HTML study with its figures (SVG, PNG) and tables
(CSV, LaTeX). :func:`report` is the task (``build_report`` its other name)."""

from __future__ import annotations

from tariqa.reports.build import SECTIONS, build_report
from tariqa.reports.options import Progress, ReportOptions

report = build_report

__all__ = ["SECTIONS", "Progress", "ReportOptions", "build_report", "report"]
