"""Blocks of documentation generated from code: a file keeps its hand-written text, and
the part between two markers is rewritten from the code (and tested to be current).

>>> replace_block("intro\\n<!-- A -->old<!-- B -->\\nend", "<!-- A -->", "<!-- B -->", "<!-- A -->new<!-- B -->")
'intro\\n<!-- A -->new<!-- B -->\\nend'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def replace_block(text: str, begin: str, end: str, block: str) -> str:
    """``text`` with everything from ``begin`` to ``end`` (markers included) replaced by ``block``."""
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    return head + block + tail


def rewrite_file(path: str | Path, rewrite: Callable[[str], str]) -> None:
    """Apply ``rewrite`` to the file at ``path`` (the ``python -m ... FILE`` entry points)."""
    target = Path(path)
    target.write_text(rewrite(target.read_text(encoding="utf-8")), encoding="utf-8")
