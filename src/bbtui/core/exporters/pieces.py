"""Writing an export a piece at a time, byte for byte what the whole-text form gives.

A million events make a gigabyte of text: the exporters yield it in pieces
so it can go to a file as it is made (`bbtui export` holds one piece, not
the document). These helpers reproduce exactly what `json.dumps(...,
indent=2)`, `"\\n".join(lines)` and `text.rstrip("\\n") + "\\n"` would give on
the whole, so the joined pieces are the bytes the formats always had.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

# Pieces are gathered to about this many characters before they are handed on.
PIECE = 1 << 16


class Items:
    """A JSON array to write an item at a time (in `json_object` or `json_array`)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _dumps(value: Any, depth: int) -> str:
    # JSON strings never hold a raw newline, so every "\n" is the encoder's
    # own line break: indenting them is what the encoder does at `depth`.
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _array(items: Iterable[Any], depth: int) -> Iterator[str]:
    inner = "\n" + "  " * (depth + 1)
    opened = False
    for item in items:
        yield ("," if opened else "[") + inner + _dumps(item, depth + 1)
        opened = True
    yield "\n" + "  " * depth + "]" if opened else "[]"


def json_array(items: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(list(items), ensure_ascii=False, indent=2)`, an item at a time."""
    return _array(items, 0)


def json_object(fields: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """`json.dumps(dict(fields), ensure_ascii=False, indent=2)`, an `Items` value an item at a time."""
    opened = False
    for key, value in fields:
        yield ("," if opened else "{") + "\n  " + json.dumps(key, ensure_ascii=False) + ": "
        opened = True
        if isinstance(value, Items):
            yield from _array(value.items, 1)
        else:
            yield _dumps(value, 1)
    yield "\n}" if opened else "{}"


def joined(lines: Iterable[str], separator: str = "\n") -> Iterator[str]:
    """`separator.join(lines)`, a line at a time."""
    first = True
    for line in lines:
        yield line if first else separator + line
        first = False


def one_final_newline(pieces: Iterable[str]) -> Iterator[str]:
    """`"".join(pieces).rstrip("\\n") + "\\n"`: trailing newlines are held back until more text comes."""
    held = ""
    for piece in pieces:
        text = piece.rstrip("\n")
        if text:
            yield held + text
            held = piece[len(text) :]
        else:
            held += piece
    yield "\n"


def gathered(pieces: Iterable[str]) -> Iterator[str]:
    """The same text in pieces of about `PIECE` characters (fewer writes, fewer calls)."""
    size = PIECE
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)
