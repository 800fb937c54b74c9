"""Reading YAML with the line of every key, so that a problem is reported where it is:
the service behind the record files, claims files and watch files.

>>> import io
>>> data = load_with_lines(io.BytesIO(b"claims:\\n  - id: a\\n    text: b\\n"))
>>> line_of(data, "claims"), line_of(data["claims"][0], "text"), strip_lines(data)
(1, 3, {'claims': [{'id': 'a', 'text': 'b'}]})
"""

from __future__ import annotations

from typing import IO, Any

import yaml

from tariqa.errors import Problem, Problems

#: The key under which each mapping keeps the lines of its keys ("" for its own line).
LINES = "__lines__"


class LineLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """A safe loader that records the line of every mapping key, and reads dates as text
    (so that an impossible date is reported by the model, not the parser)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINES] = {k.value: k.start_mark.line + 1 for k, _ in node.value}
        mapping[LINES][""] = node.start_mark.line + 1
        return mapping


LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_with_lines(stream: IO[bytes] | IO[str]) -> Any:
    """The YAML document of ``stream``, every mapping carrying the lines of its keys.
    Raises ``yaml.YAMLError`` (see :func:`load_file`)."""
    return yaml.load(stream, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass


def load_file(stream: IO[bytes], name: str, what: str = "not YAML") -> Any:
    """:func:`load_with_lines`, with a malformed document reported as one located Problem."""
    try:
        return load_with_lines(stream)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = str(mark.line + 1) if mark else ""
        raise Problems([Problem(name, line, "", f"{what}: {exc.problem or exc}")]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise Problems([Problem(name, "", "", f"{what}: {exc}")]) from None


def line_of(mapping: Any, key: str = "") -> int | None:
    """The line of ``key`` in a mapping read by :func:`load_with_lines` ("" for the mapping)."""
    if isinstance(mapping, dict) and LINES in mapping:
        found = mapping[LINES].get(key, mapping[LINES].get(""))
        return int(found) if found is not None else None
    return None


def strip_lines(value: Any) -> Any:
    """The document without its line bookkeeping."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINES}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
