"""Stable identifiers derived from content (uuid5 in one project namespace)."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1c0c43-2a3e-5b8e-9d0e-7a61726971a1")


def derived_id(prefix: str, *parts: str) -> str:
    """A short stable id for records whose natural key is not a slug.

    >>> derived_id("src", "https://example.org/a")
    'src-b31889e340dd50c6'
    """
    digest = uuid.uuid5(NAMESPACE, "\x1f".join((prefix, *parts))).hex
    return f"{prefix}-{digest[:16]}"
