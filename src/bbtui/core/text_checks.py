"""The checks a dataset's bytes pass before YAML sees them, over pieces of any size.

    checks = TextChecks(name, reread)
    text = checks.feed(piece)            # the piece decoded, '' once something is wrong
    text += checks.feed(b"", final=True)
    problem = checks.problem()           # None when the bytes are fine

The whole file in one piece (`yaml_source.read_text`) and a file streamed a
megabyte at a time (`yaml_stream`) get the same answer: the same problem
wins (an empty file, then UTF-16, then the first NUL byte, then the first
byte that is not UTF-8, then the first control character) at the same line
and column. Only the position of each first finding is kept; the column is
worked out at the end from the bytes of its line (`reread(start, end)`, in
pieces), so a long file costs no memory here.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable, Iterable

from bbtui.core.errors import Problem

# Characters YAML does not allow in a stream (the same set PyYAML's reader
# rejects), checked by us so the error says where and what. Compiled at the
# first read of a file (~9 ms): the explorer imports this module on a store
# hit, which reads no YAML.
_NOT_YAML_TEXT = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@functools.cache
def not_yaml_text() -> re.Pattern[str]:
    return re.compile(_NOT_YAML_TEXT)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# (byte offset, 1-based line, offset where that line starts)
_Found = tuple[int, int, int]


class TextChecks:
    """What is wrong with a file's bytes, found piece by piece (see the module docstring)."""

    def __init__(self, name: str, reread: Callable[[int, int], Iterable[bytes]]) -> None:
        self.name = name
        self.reread = reread  # the bytes from one offset to another, for a column
        self.offset = 0  # bytes fed so far
        self.lines = 0  # line breaks in them
        self.line_start = 0  # where the line being fed starts
        self.blank = True  # nothing but white space so far
        self.utf16 = False
        self.nul: _Found | None = None
        self.undecodable: tuple[_Found, int] | None = None  # and the byte
        self.control: tuple[_Found, str] | None = None  # and the character
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    @property
    def spoiled(self) -> bool:
        """Whether some problem is certain (which one is known at the end)."""
        return self.utf16 or bool(self.nul or self.undecodable or self.control)

    def feed(self, piece: bytes, final: bool = False) -> str:
        """The next bytes of the file (the BOM already removed); their text while all is well."""
        if self.offset == 0 and piece[:2] in _UTF16_BOMS:
            self.utf16 = True
        if self.blank and piece.strip():
            self.blank = False
        if self.nul is None and (at := piece.find(b"\0")) >= 0:
            self.nul = self._locate(piece, at)
        text = ""
        if self.nul is None and self.undecodable is None and not self.utf16:
            text = self._decode(piece, final)
        self._advance(piece)
        return "" if self.spoiled else text

    def _decode(self, piece: bytes, final: bool) -> str:
        held = self._decoder.getstate()[0]  # the end of the last piece, part of a character
        pending = len(held)
        try:
            text = self._decoder.decode(piece, final)
        except UnicodeDecodeError as exc:
            byte = piece[exc.start - pending] if exc.start >= pending else held[exc.start]
            self.undecodable = (self._locate(piece, exc.start - pending), byte)
            return ""
        if self.control is None and (bad := not_yaml_text().search(text)):
            at = len(text[: bad.start()].encode("utf-8")) - pending
            self.control = (self._locate(piece, at), bad.group())
        return text

    def _locate(self, piece: bytes, at: int) -> _Found:
        """Where byte `at` of `piece` is (negative: in the bytes held back from the last piece,
        which are part of one character and so hold no line break)."""
        if at < 0:
            return self.offset + at, self.lines + 1, self.line_start
        before = piece.rfind(b"\n", 0, at)
        start = self.offset + before + 1 if before >= 0 else self.line_start
        return self.offset + at, self.lines + piece.count(b"\n", 0, at) + 1, start

    def _advance(self, piece: bytes) -> None:
        last = piece.rfind(b"\n")
        if last >= 0:
            self.line_start = self.offset + last + 1
            self.lines += piece.count(b"\n")
        self.offset += len(piece)

    def problem(self) -> Problem | None:
        """After the last piece: the problem `read_text` reports first, or None."""
        if self.blank:
            return Problem(self.name, 1, 1, "the file is empty: a dataset starts with 'bbtui: 1'")
        if self.utf16:
            return Problem(self.name, 1, 1, "the file is UTF-16 text; save it as UTF-8")
        if self.nul is not None:
            return self._at(self.nul, "NUL byte: this is a binary file, not UTF-8 YAML text")
        if self.undecodable is not None:
            found, byte = self.undecodable
            return self._at(
                found, f"not UTF-8: byte 0x{byte:02X} cannot be decoded; save the file as UTF-8"
            )
        if self.control is not None:
            found, char = self.control
            return self._at(
                found,
                f"control character U+{ord(char):04X} is not allowed in YAML text "
                "(binary junk?); inside double quotes write it as an escape such as \\x07",
            )
        return None

    def _at(self, found: _Found, message: str) -> Problem:
        offset, line, start = found
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        column = 1 + sum(len(decoder.decode(piece)) for piece in self.reread(start, offset))
        column += len(decoder.decode(b"", True))
        return Problem(self.name, line, column, message)
