"""Help pages that read well in an 80-column terminal.

Typer's panels (its "rich" help) cut long option names and defaults with an ellipsis and
fold choice lists in the middle of a word at 80 columns, and label every parameter with
its Python type (``<str>``, ``<bool>``, ``<list[Path]>``). :func:`tidy_help` turns every
command of the ``tariqa`` tree to Click's plain help, with a formatter that wraps at
spaces only, and gives each parameter a metavar in Click's manner: ``DATE``, ``PATH``,
``N``, the choices (``[table|csv|json]``), or a word from the option's name; flags get
none. It runs once, when the root group is built (:class:`TariqaGroup`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

#: Stands for a hyphen while a help text is wrapped, so that the wrapper does not break
#: ``--no-anonymous-read`` or ``comma-separated`` after a hyphen (a private-use character,
#: never in a help text).
_HYPHEN = "\ue000"
#: Choices longer than this are named by a metavar and listed in the help text instead.
MAX_CHOICES_WIDTH = 32
_DATES = frozenset({"since", "until", "date", "as_of", "start"})
#: Metavars for options whose name says less than a word would.
_NAMED = {
    "compare": "GROUPS",
    "coders": "NAMES",
    "db": "PATH_OR_URL",
    "forwarded_allow_ips": "ADDRESSES",
    "proxy": "URL",
    "spark_master": "URL",
    "states": "CODES",
}

_BaseFormatter: Any = typer.Context.formatter_class


def _shield(text: str) -> str:
    return text.replace("-", _HYPHEN)


class HelpFormatter(_BaseFormatter):  # type: ignore[misc]
    """Click's help formatter, wrapping lines at spaces and never after a hyphen."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(_shield(prog), _shield(args), prefix)

    def write_text(self, text: str) -> None:
        super().write_text(_shield(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(_shield(term), _shield(text)) for term, text in rows], col_max, col_spacing)

    def getvalue(self) -> str:
        return str(super().getvalue()).replace(_HYPHEN, "-")


class HelpContext(typer.Context):
    formatter_class = HelpFormatter


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (its choices, if it has any)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        choices = _choices(self)
        return f"[{'|'.join(choices)}]" if choices else None


def _choices(param: Any) -> list[str]:
    described = getattr(param, "type_descriptor", None)
    if described is None or not described.is_choice:
        return []
    return [str(getattr(c, "value", c)) for c in described.choices or ()]


def _metavar(param: TyperOption) -> str:
    """The word shown after an option that takes a value."""
    name = param.name or "value"
    choices = _choices(param)
    if choices:
        listed = f"[{'|'.join(choices)}]"
        if len(listed) <= MAX_CHOICES_WIDTH:
            return listed
        help_text = param.help or ""
        if not all(c in help_text for c in choices):
            param.help = f"{help_text} One of: {', '.join(choices)}.".strip()
        return name.upper()
    described = param.type_descriptor
    annotation = described.annotation
    if name in _DATES or described.is_datetime:
        return "DATE"
    if described.is_path:
        return "PATH"
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    return _NAMED.get(name, name.rsplit("_", 1)[-1].upper())


def commands(command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` (itself first) with its path of names."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), command)]
    while stack:
        path, current = stack.pop()
        yield path, current
        subs = getattr(current, "commands", {})
        stack.extend(((*path, name), sub) for name, sub in reversed(list(subs.items())))


def tidy_help(command: Any) -> None:
    """Give ``command`` and every command under it plain help that fits 80 columns."""
    for _, current in commands(command):
        current.rich_markup_mode = None
        current.context_class = HelpContext
        for param in current.params:
            if isinstance(param, TyperArgument):
                param.__class__ = _Argument
                param.metavar = param.metavar or (param.name or "value").upper()
            elif isinstance(param, TyperOption) and param.metavar is None:
                param.metavar = "" if param.is_flag else _metavar(param)


class TariqaGroup(TyperGroup):
    """The root group: tidies the help of the whole tree once it is built."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        tidy_help(self)
