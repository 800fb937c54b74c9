"""REFI-QDA exchange: codebooks (``.qdc``) and projects (``.qdpx``) for other QDA programs.

- :func:`write_qdc` / :func:`read_qdc`: the codebook alone (ATLAS.ti, NVivo, MAXQDA,
  QualCoder and Taguette export it; all but Taguette import it).
- :func:`write_qdpx` / :func:`read_qdpx`: codebook, documents with their text, coders and
  codings (offsets in Unicode code points, end exclusive, as tariqa's).
- :func:`utf8_offset` / :func:`codepoint_offset`: conversion to and from the UTF-8 byte
  offsets of Taguette's highlights.

The mapping is documented in :mod:`tariqa.io.refi_qda_write`, the tolerances of the
reader in :mod:`tariqa.io.refi_qda_read`. What does not survive an exchange:

- export: suggested and rejected codings are left out, accepted ones become plain codings
  (no status, no score); inclusion/exclusion criteria, examples, nature, keywords and
  patterns of a code are lines of its description for other programs.
- import: only text sources (and the text representation of PDFs) are read; pictures, PDF
  areas, audio, video, transcripts, cases, sets, links, graphs and notes other than coding
  memos are left out; non-codable (folder) codes become ordinary codes; every coding is
  ``manual``.
"""

from __future__ import annotations

from tariqa.io.refi_qda_read import read_qdc, read_qdpx
from tariqa.io.refi_qda_write import write_qdc, write_qdpx

__all__ = ["codepoint_offset", "read_qdc", "read_qdpx", "utf8_offset", "write_qdc", "write_qdpx"]


def utf8_offset(text: str, cp: int) -> int:
    """The UTF-8 byte offset of code point offset ``cp`` in ``text``.

    >>> text = "Ministers met \\u2013 \\u201cThree Brothers\\u201d.Trade corridors."
    >>> utf8_offset(text, 17), utf8_offset(text, 31)
    (21, 35)

    Raises
    ------
    ValueError
        ``cp`` is outside ``0 .. len(text)``.
    """
    if not 0 <= cp <= len(text):
        raise ValueError(f"offset {cp} is outside the text (0-{len(text)})")
    return len(text[:cp].encode("utf-8", "surrogatepass"))


def codepoint_offset(text: str, byte: int) -> int:
    """The code point offset of UTF-8 byte offset ``byte`` in ``text``.

    >>> codepoint_offset("Ministers met \\u2013 \\u201cThree Brothers\\u201d.Trade corridors.", 39)
    33

    Raises
    ------
    ValueError
        ``byte`` is outside the text's UTF-8 encoding or falls inside a character.
    """
    data = text.encode("utf-8", "surrogatepass")
    if not 0 <= byte <= len(data):
        raise ValueError(f"byte offset {byte} is outside the text (0-{len(data)})")
    if byte < len(data) and 0x80 <= data[byte] <= 0xBF:
        raise ValueError(f"byte offset {byte} falls inside a character")
    return len(data[:byte].decode("utf-8", "surrogatepass"))
