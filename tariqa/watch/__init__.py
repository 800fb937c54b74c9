"""The living record (issue 20): read news articles, gather candidate events, match them
against the record.

The library core only: pure, typed functions that the review workflow builds on.

- :func:`read_article`: what one article (HTML or text) reports, each field with the
  span of text that supports it and a confidence;
- :func:`candidates_from`: the reports of many articles gathered per occasion;
- :func:`match`: ``new``, ``corroborates EVENT`` or ``conflicts EVENT`` (field, record
  value, candidate value);
- :func:`gdelt_candidates`: multilateral meetings of a group's members in a GDELT store;
- :func:`load_watch_file`, :func:`read_feed`, :func:`scan`: watch files, RSS/Atom feeds
  and folders of saved articles.

See docs/watch.md.
"""

from __future__ import annotations

from tariqa.watch.candidates import candidate_key, candidates_from
from tariqa.watch.match import FieldConflict, Match, Verdict, match, match_event
from tariqa.watch.reader import read_article
from tariqa.watch.record import RecordIndex
from tariqa.watch.scan import ScanResult, scan
from tariqa.watch.types import (
    HANDLED_LANGUAGES,
    ArticleReading,
    Candidate,
    EventReading,
    Found,
    Mention,
    Span,
    When,
)

__all__ = [
    "HANDLED_LANGUAGES",
    "ArticleReading",
    "Candidate",
    "EventReading",
    "FieldConflict",
    "Found",
    "Match",
    "Mention",
    "RecordIndex",
    "ScanResult",
    "Span",
    "Verdict",
    "When",
    "candidate_key",
    "candidates_from",
    "match",
    "match_event",
    "read_article",
    "scan",
]
