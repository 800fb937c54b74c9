"""Stable identifiers derived from content (uuid5 in one project namespace)."""

from __future__ import annotations

import hashlib
import uuid

NAMESPACE = uuid.UUID("6f1c0c43-2a3e-5b8e-9d0e-7a61726971a1")
_SALT = NAMESPACE.bytes


def derived_id(prefix: str, *parts: str) -> str:
    """A short stable id for records whose natural key is not a slug.

    >>> derived_id("src", "https://example.org/a")
    'src-b31889e340dd50c6'
    """
    # uuid5 by hand (it is hashed per record on every import): the SHA-1 of namespace and
    # name, with the version nibble set to 5; the variant bits lie past the 16 digits kept.
    digest = hashlib.sha1(_SALT + "\x1f".join((prefix, *parts)).encode(), usedforsecurity=False).hexdigest()
    return f"{prefix}-{digest[:12]}5{digest[13:16]}"
