"""`bbtui validate [PATH] [--sources DIR]`: check a dataset, say what is wrong.

A valid dataset gets one summary line on standard output (exit 0). Otherwise
every problem goes to standard error, one `PATH:LINE:COLUMN: message` line
each, then a count (exit 4; exit 3 when the path itself cannot be read; see
`bbtui.cli.exit_codes`).
"""

from __future__ import annotations

import argparse
import os
import sys

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import report_load_error
from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.loader import load_with_locations
from bbtui.core.paths import shipped_dataset
from bbtui.core.textsafe import visible_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="dataset to check (default: the shipped one)"
    )
    parser.add_argument(
        "--sources",
        metavar="DIR",
        help="also check that quotes citing a source with a 'file' appear verbatim in DIR/<file>",
    )


def _display_path(path: str) -> str:
    """The shipped dataset as a short relative path when it is under the current directory."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _report(problems: list[Problem], name: str) -> None:
    for problem in problems:
        print(visible_line(str(problem)), file=sys.stderr)
    count = len(problems)
    print(
        visible_line(f"{name}: invalid — {count} problem{'s' if count != 1 else ''}"),
        file=sys.stderr,
    )


def run(args: argparse.Namespace) -> int:
    name = args.path or _display_path(str(shipped_dataset()))
    if args.sources is not None and not os.path.isdir(args.sources):
        print(
            visible_line(f"bbtui validate: --sources {args.sources}: not a directory"),
            file=sys.stderr,
        )
        return exit_codes.UNREADABLE
    try:
        dataset, locations = load_with_locations(name)
    except DatasetUnreadable as exc:
        return report_load_error(exc)
    except DatasetError as exc:
        _report(exc.problems, name)
        return exit_codes.INVALID
    summary = ""
    if args.sources is not None:
        from bbtui.core.verify_sources import check_quotes

        problems = check_quotes(dataset, locations, args.sources)
        if problems:
            _report(problems, name)
            return exit_codes.INVALID
        checked = sum(1 for q in dataset.quotes if dataset.source_by_id[q.source].file)
        summary = f"; {checked} quote{'s' if checked != 1 else ''} found verbatim in {args.sources}"
    counts = dataset.counts()
    print(
        visible_line(
            f"{name}: valid — {counts['events']} events, {counts['quotes']} quotes, "
            f"{counts['countries']} countries, {counts['sources']} sources{summary}"
        )
    )
    return exit_codes.OK
