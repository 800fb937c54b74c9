"""A small, fast YAML writer for records (mappings of text, numbers, booleans, lists).

PyYAML's emitter costs about a quarter of a millisecond per record; this one writes the
same block style directly. Text is written plain when YAML reads it back as the same
text, and double-quoted (JSON escapes, which YAML accepts) otherwise.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import yaml

# Plain scalars we allow: start with a letter or digit, no characters with a meaning in
# YAML flow or block context, no ": " or " #" sequences, no trailing space.
_PLAIN = re.compile(r"^[A-Za-z0-9À-ɏЀ-ӿ(][^:#{}\[\],&*!|>'\"%@`\n\r\t]*$")
# Text that YAML 1.1 would read as something else (booleans, numbers, dates, null):
# PyYAML's own resolver decides, so reader and writer cannot disagree.
_RESOLVER = yaml.resolver.Resolver()


def _resolves_to_text(text: str) -> bool:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def scalar(value: Any) -> str:
    """One scalar as YAML text.

    >>> [scalar(v) for v in ("Baku", "2021-07-27", "yes", "a: b", 3, 1.5, 1e20, True, None)]
    ['Baku', '"2021-07-27"', '"yes"', '"a: b"', '3', '1.5', '1.0e+20', 'true', 'null']
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)  # YAML 1.1 wants a dot in a float: 1e+20 -> 1.0e+20
        return text if "." in text or "e" not in text else text.replace("e", ".0e", 1)
    text = str(value)
    plain = _PLAIN.match(text) and not _NOT_PRINTABLE.search(text) and _resolves_to_text(text)
    if plain and text == text.strip() and "  " not in text:
        return text
    return _NOT_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


# Characters YAML does not allow in a stream, or reads as line breaks (and lone
# surrogates, which no UTF-8 file can hold): always written as escapes.
_NOT_PRINTABLE = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufffe\\uffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


@lru_cache(maxsize=1024)
def _key(name: str) -> str:
    return scalar(name)


def _lines(value: Any, indent: str, out: list[str]) -> None:
    """Append the block lines of a mapping at ``indent``."""
    for name, item in value.items():
        key = _key(name)
        if isinstance(item, dict) and item:
            out.append(f"{indent}{key}:")
            _lines(item, indent + "  ", out)
        elif isinstance(item, list):
            if not item:
                out.append(f"{indent}{key}: []")
                continue
            out.append(f"{indent}{key}:")
            for element in item:
                _item(element, indent, out)
        elif isinstance(item, dict):
            out.append(f"{indent}{key}: {{}}")
        else:
            out.append(f"{indent}{key}: {scalar(item)}")


def _item(element: Any, indent: str, out: list[str]) -> None:
    if isinstance(element, dict) and element:
        start = len(out)
        _lines(element, indent + "  ", out)
        out[start] = f"{indent}- " + out[start][len(indent) + 2 :]
    elif isinstance(element, (list, dict)):  # nested lists and empty mappings: flow style
        out.append(f"{indent}- {_NOT_PRINTABLE.sub(_escape, json.dumps(element, ensure_ascii=False))}")
    else:
        out.append(f"{indent}- {scalar(element)}")


def record_item(record: dict[str, Any]) -> str:
    """A record as one item of a top-level block list (``- key: value`` lines).

    >>> record = {"id": "x", "states": ["AZE", "TUR"], "conflicts": [{"field": "date", "note": "later"}]}
    >>> print(record_item(record), end="")
    - id: x
      states:
      - AZE
      - TUR
      conflicts:
      - field: date
        note: later
    """
    out: list[str] = []
    _item(record, "", out)
    return "\n".join(out) + "\n"
