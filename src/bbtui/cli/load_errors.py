"""One module per command; what they share about failing to load lives here."""

from __future__ import annotations

import sys

from bbtui.cli import exit_codes
from bbtui.core.errors import DatasetError, DatasetUnreadable
from bbtui.core.textsafe import visible_line


def report_load_error(exc: DatasetError) -> int:
    """Print every problem on its own line to stderr; return the exit code.

    Every command reports a dataset it cannot use the same way, so a reader
    sees the same located lines whether they ran validate, search, export or
    the explorer: 3 for a path that cannot be read, 4 for an invalid file.
    """
    for problem in exc.problems:
        print(visible_line(str(problem)), file=sys.stderr)
    return exit_codes.UNREADABLE if isinstance(exc, DatasetUnreadable) else exit_codes.INVALID


def print_notice(message: str) -> None:
    """One line on standard error about something bbtui did for the reader (a rebuilt store)."""
    print(visible_line(f"bbtui: {message}"), file=sys.stderr)
