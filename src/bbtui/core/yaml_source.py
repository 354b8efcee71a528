"""Read a dataset file safely: checked bytes in, plain located YAML nodes out.

A dataset may come from anyone, so PyYAML is only ever used as a *parser*:
we read its event stream and build our own small nodes (text, lists,
mappings, each with a 1-based line and column). Nothing is constructed from
tags, aliases are never expanded, and nesting depth is checked as events
arrive, so a hostile file fails fast instead of running code, eating memory
or overflowing a stack. (Reading events is also several times faster
than `yaml.compose`, which resolves every scalar's type in Python.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, final

from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.safe_read import read_regular
from bbtui.core.text_checks import TextChecks
from bbtui.core.textsafe import visible_line

if TYPE_CHECKING:  # made on first use, by __getattr__ below
    import yaml

    PARSER: Any
    PURE_PYTHON_PARSER: type[yaml.SafeLoader]

MAX_DEPTH = 64  # a dataset needs six (top, list, record, notes, note, sources)
MAX_PROBLEMS = 1000  # past this, more lines help nobody; stop reading

_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
BOM = b"\xef\xbb\xbf"


@final  # never subclassed: `type(node) is X` checks stay exact (and mypy narrows them)
class Scalar:
    """A piece of text from the file, exactly as written (no type guessing)."""

    __slots__ = ("column", "line", "plain", "value")

    def __init__(self, value: str, line: int, column: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.plain = plain  # unquoted: only then can it mean null, a number or a boolean

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULL_WORDS


@final
class Sequence:
    __slots__ = ("column", "items", "length", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column
        self.length = 0  # counts items handed to `on_item` too


@final
class Mapping:
    __slots__ = ("_key", "_seen", "column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[tuple[Scalar, Node]] = []
        self.line = line
        self.column = column
        self._key: Node | None = None
        self._seen: dict[str, int] = {}


@final
class Refused:
    """Stands where an alias was: already reported, so validation skips it."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


Node = Scalar | Sequence | Mapping | Refused


def shown(text: str, limit: int = 60) -> str:
    """Dataset text quoted for an error message: inert, one line, bounded."""
    text = visible_line(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text, or DatasetError saying what is wrong with its bytes."""
    name = str(path)
    with unreadable_as_problem(name):
        data = read_regular(Path(path))
    data = data.removeprefix(BOM)
    checks = TextChecks(name, lambda start, end: (data[start:end],))
    text = checks.feed(data, final=True)
    problem = checks.problem()
    if problem is not None:
        raise DatasetError([problem])
    return text


@contextmanager
def unreadable_as_problem(name: str) -> Iterator[None]:
    """An OSError while opening or reading `name` as DatasetUnreadable, in the user's words."""
    try:
        yield
    except IsADirectoryError:
        raise _unreadable(name, "cannot read: this is a directory, not a dataset file") from None
    except FileNotFoundError:
        raise _unreadable(name, "cannot read: no such file") from None
    except PermissionError:
        raise _unreadable(name, "cannot read: permission denied") from None
    except OSError as exc:
        raise _unreadable(name, f"cannot read: {exc.strerror or exc}") from None


def _unreadable(name: str, reason: str) -> DatasetUnreadable:
    return DatasetUnreadable([Problem(name, 1, 1, reason)])


def __getattr__(name: str) -> Any:
    """PARSER and PURE_PYTHON_PARSER, made when first asked for.

    PARSER is libyaml's parser when PyYAML was built with it, the pure-Python
    one otherwise. Importing PyYAML costs about as much as a tenth of
    Textual's own import, and a dataset opened from its store never parses
    YAML: this module's node types are all the store's checks need.
    """
    if name in ("PARSER", "PURE_PYTHON_PARSER"):
        import yaml

        globals().update(
            PARSER=getattr(yaml, "CSafeLoader", yaml.SafeLoader), PURE_PYTHON_PARSER=yaml.SafeLoader
        )
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
