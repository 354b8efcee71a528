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
import re
from pathlib import Path
from typing import final

import yaml

from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.safe_read import read_regular
from bbtui.core.textsafe import visible_line

# libyaml's parser when PyYAML was built with it; the pure-Python one otherwise.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PURE_PYTHON_PARSER = yaml.SafeLoader

MAX_DEPTH = 64  # a dataset needs six (top, list, record, notes, note, sources)
MAX_PROBLEMS = 1000  # past this, more lines help nobody; stop reading

# Characters YAML does not allow in a stream (the same set PyYAML's reader
# rejects), checked by us so the error says where and what.
_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOM = b"\xef\xbb\xbf"


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


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text, or DatasetError saying what is wrong with its bytes."""
    name = str(path)
    path = Path(path)

    def unreadable(reason: str) -> DatasetUnreadable:
        return DatasetUnreadable([Problem(name, 1, 1, reason)])

    try:
        data = read_regular(path)
    except IsADirectoryError:
        raise unreadable("cannot read: this is a directory, not a dataset file") from None
    except FileNotFoundError:
        raise unreadable("cannot read: no such file") from None
    except PermissionError:
        raise unreadable("cannot read: permission denied") from None
    except OSError as exc:
        raise unreadable(f"cannot read: {exc.strerror or exc}") from None

    def refuse(offset: int, message: str) -> DatasetError:
        line, column = _position(data, offset)
        return DatasetError([Problem(name, line, column, message)])

    data = data.removeprefix(_BOM)
    if not data.strip():
        raise DatasetError(
            [Problem(name, 1, 1, "the file is empty: a dataset starts with 'bbtui: 1'")]
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DatasetError([Problem(name, 1, 1, "the file is UTF-16 text; save it as UTF-8")])
    nul = data.find(b"\0")
    if nul >= 0:
        raise refuse(nul, "NUL byte: this is a binary file, not UTF-8 YAML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(
            exc.start,
            f"not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded; save the file as UTF-8",
        ) from None
    bad = _NOT_YAML_TEXT.search(text)
    if bad:
        line, column = _text_position(text, bad.start())
        raise DatasetError(
            [
                Problem(
                    name,
                    line,
                    column,
                    (
                        f"control character U+{ord(bad.group()):04X} is not allowed in YAML text "
                        "(binary junk?); inside double quotes write it as an escape such as \\x07"
                    ),
                )
            ]
        )
    return text


def _text_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
