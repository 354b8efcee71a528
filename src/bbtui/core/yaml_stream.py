"""A dataset file read a megabyte at a time, for a parse that never holds the whole text.

    with YamlFile.open(path) as source:     # DatasetUnreadable if it cannot be opened
        root, problems = yaml_tree.parse(source, name, on_item=...)
        source.finish()                      # DatasetError for bad bytes, as read_text says it

The parser calls `read` for more text; each piece is checked on the way
(`TextChecks`, the checks `read_text` makes on the whole file) and hashed,
so the store can name the exact bytes it was built from. When a piece is
bad the parser is given the end of the text; `finish` then reads the rest,
because the problem `read_text` reports first (a NUL byte, say) may lie
further on, and raises it, whatever the parser made of the text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from types import TracebackType

from bbtui.core.errors import DatasetError
from bbtui.core.safe_read import open_regular
from bbtui.core.text_checks import TextChecks
from bbtui.core.yaml_source import BOM, unreadable_as_problem

PIECE = 1 << 20


class YamlFile:
    """The text of one open dataset file, handed out in checked pieces (see the module)."""

    def __init__(self, fd: int, name: str) -> None:
        self.fd, self.name = fd, name
        self.size = os.fstat(fd).st_size
        self.digest = hashlib.sha256()
        self.checks = TextChecks(name, self._reread)
        self.consumed = 0  # bytes read so far, BOM included
        self.skip = 0  # the BOM's length, once the first piece showed it
        self.eof = False
        self._error: OSError | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], name: str | None = None) -> YamlFile:
        name = str(path) if name is None else name
        with unreadable_as_problem(name):
            return cls(open_regular(path), name)

    def __enter__(self) -> YamlFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        os.close(self.fd)

    def read(self, size: int = -1) -> str:
        """The next piece of text ('' at the end, or once a piece was bad); `size` is a hint."""
        if self.eof or self.checks.spoiled:
            return ""
        return self._next()

    def _next(self) -> str:
        try:
            piece = os.read(self.fd, PIECE)
        except OSError as exc:
            self._error, piece = exc, b""
        self.digest.update(piece)
        first = self.consumed == 0
        self.consumed += len(piece)
        if first and piece.startswith(BOM):
            self.skip, piece = len(BOM), piece[len(BOM) :]
        elif not piece:
            self.eof = True
        return self.checks.feed(piece, final=self.eof)

    def fraction(self) -> float:
        return min(self.consumed / max(self.size, 1), 1.0)

    def finish(self) -> None:
        """After the parse (finished or failed): raise what is wrong with the bytes, if anything."""
        while not self.eof:
            self._next()
        with unreadable_as_problem(self.name):
            if self._error is not None:
                raise self._error
        problem = self.checks.problem()
        if problem is not None:
            raise DatasetError([problem])

    # --- reading again, only to describe a problem ------------------------------

    def _reread(self, start: int, end: int) -> Iterator[bytes]:
        at = start + self.skip
        while at < end + self.skip:
            piece = os.pread(self.fd, min(PIECE, end + self.skip - at), at)
            if not piece:
                return
            yield piece
            at += len(piece)

    def line(self, number: int) -> str | None:
        """Line `number` (0-based) as `str.splitlines` of the whole text would give it."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        carry, seen, at = "", 0, self.skip
        while True:
            piece = os.pread(self.fd, PIECE, at)
            at += len(piece)
            parts = (carry + decoder.decode(piece, final=not piece)).splitlines(keepends=True)
            # The last part may go on in the next piece (or be a CR before its LF).
            carry = parts.pop() if piece and parts else ""
            if seen + len(parts) > number:
                return (parts[number - seen].splitlines() or [""])[0]
            seen += len(parts)
            if not piece:
                return None

    def restarted(self) -> _Replay:
        """The text again from the start, unchecked (the checks go on in `finish`)."""
        return _Replay(self._replay())

    def _replay(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        at = self.skip
        while piece := os.pread(self.fd, PIECE, at):
            at += len(piece)
            yield decoder.decode(piece)
        yield decoder.decode(b"", True)


class _Replay:
    """Pieces of text behind a `read`, as a parser wants them."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces

    def read(self, size: int = -1) -> str:
        return next(self.pieces, "")
