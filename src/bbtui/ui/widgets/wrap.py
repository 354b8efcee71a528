"""Where to cut text into lines of a given width: offsets only, no styled copies.

Textual's `Content.wrap` builds a styled `Content` for every line of a text
before the first is shown; a megabyte of summary took seconds. Here the cut
points are found one line at a time, only as far as the caller asks (ASCII
text, the common case, with `str.rfind`; other text cell by cell), and the pane
slices the styled text for the lines it actually draws. `LaidOut` is one
block of the detail pane at one width, its lines found as far as needed.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import get_character_cell_size
from textual.content import Content


class LaidOut:
    """A block laid out at one width: its text, and its lines as far as they are needed."""

    def __init__(self, content: Content, width: int, gap: bool) -> None:
        self.content = content
        self.width = max(1, width)
        self.gap = gap
        self.cuts: list[tuple[int, int]] = []  # (start, end) of each line found so far
        self._pending: Iterator[tuple[int, int]] | None = line_cuts(content.plain, width)

    def extend(self, lines: int) -> None:
        """Find the first `lines` lines (or all there are)."""
        pending, cuts = self._pending, self.cuts
        while pending is not None and len(cuts) < lines:
            cut = next(pending, None)
            if cut is None:
                self._pending = pending = None
            else:
                cuts.append(cut)

    @property
    def exact(self) -> bool:
        return self._pending is None

    @property
    def height(self) -> int:
        if self._pending is None:
            return len(self.cuts) + self.gap
        done = self.cuts[-1][1] if self.cuts else 0
        return len(self.cuts) + 1 + (len(self.content.plain) - done) // self.width + self.gap


def line_cuts(text: str, width: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text` (which may hold newlines) wrapped to `width` cells.

    Lazily, line by line. Breaks at a space where it can; a word longer than
    the line (a URL, or CJK text without spaces) is folded where it hits the
    edge.
    """
    width = max(1, width)
    start = 0
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        yield from _cut_paragraph(text, start, stop, width)
        if end < 0:
            return
        start = end + 1


def _cut_paragraph(text: str, start: int, stop: int, width: int) -> Iterator[tuple[int, int]]:
    short = stop - start <= width
    if short and (text[start:stop].isascii() or _fit(text, start, stop, width) >= stop):
        yield (start, stop)
        return
    # Leading spaces (an indent) belong to the first word: never break inside them.
    floor = start
    while floor < stop and text[floor] == " ":
        floor += 1
    while start < stop:
        end = _fit(text, start, stop, width)
        if end >= stop:
            yield (start, stop)
            return
        if text[end] == " ":
            cut, resume = end, end + 1
        else:
            low = max(start, floor)
            space = text.rfind(" ", low + 1, end)
            cut, resume = (space, space + 1) if space > low else (end, end)
        yield (start, cut)
        while resume < stop and text[resume] == " ":
            resume += 1
        start = resume


def _fit(text: str, start: int, stop: int, width: int) -> int:
    """The largest end (at most `stop`) such that text[start:end] fits in `width` cells.

    Always at least one character, so a character wider than the line still moves on.
    """
    end = min(stop, start + width)
    if text[start:end].isascii():
        return end
    cells = 0
    for position in range(start, stop):
        cells += get_character_cell_size(text[position])
        if cells > width:
            return max(position, start + 1)
    return stop
