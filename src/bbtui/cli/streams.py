"""Standard output that never trips: any encoding, and a reader that leaves early.

Two things every command shares, set up once in `bbtui.cli.main`:

- An ASCII-only (or Latin-1...) standard output (`PYTHONIOENCODING=ascii`, a
  `C` locale, an old Windows console) gets what it can show: typographic
  quotes and dashes as their ASCII look-alikes, anything else as a `\\u2026`
  escape. Never a UnicodeEncodeError.
- A reader that stops reading (`bbtui search x | head -1`): the standard
  recipe from Python's signal documentation, output pointed at /dev/null so
  the interpreter's last flush is quiet, and exit 141 (128 + SIGPIPE), which is
  what a shell shows for coreutils in the same place.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys

HANDLER = "bbtui-ascii-fallback"

# What a reader would type for each: closer than a \u escape for the common ones.
_LOOKALIKES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "--",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u00b7": "-",
    "\u2022": "*",
    "\u2192": "->",
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    pieces = []
    for char in error.object[error.start : error.end]:
        lookalike = _LOOKALIKES.get(char)
        if lookalike is None:
            lookalike = char.encode("unicode_escape", "backslashreplace").decode("ascii")
        pieces.append(lookalike)
    return "".join(pieces), error.end


codecs.register_error(HANDLER, _fallback)


def prepare() -> None:
    """Let stdout and stderr write any text in whatever encoding they have."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "backslashreplace"):
            stream.reconfigure(errors=HANDLER)


def silence() -> None:
    """After a BrokenPipeError: point stdout (and stderr) at /dev/null, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
