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
from collections.abc import Mapping

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import report_load_error
from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.loader import load_with_locations, stream
from bbtui.core.model import Country, Event, Quote, Source
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
    if args.sources is None:
        return _validate_streaming(name)
    # Checking quotes against the source texts needs every quote and where it
    # is in the file: the whole-file loader (datasets that cite texts are small).
    try:
        dataset, locations = load_with_locations(name)
    except DatasetUnreadable as exc:
        return report_load_error(exc)
    except DatasetError as exc:
        _report(exc.problems, name)
        return exit_codes.INVALID
    from bbtui.core.verify_sources import check_quotes

    problems = check_quotes(dataset, locations, args.sources)
    if problems:
        _report(problems, name)
        return exit_codes.INVALID
    checked = sum(1 for q in dataset.quotes if dataset.source_by_id[q.source].file)
    summary = f"; {checked} quote{'s' if checked != 1 else ''} found verbatim in {args.sources}"
    _summary(name, dataset.counts(), summary)
    return exit_codes.OK


def _summary(name: str, counts: Mapping[str, int], more: str) -> None:
    print(
        visible_line(
            f"{name}: valid — {counts['events']} events, {counts['quotes']} quotes, "
            f"{counts['countries']} countries, {counts['sources']} sources{more}"
        )
    )


class _Counter:
    """A record sink that only counts: validating keeps no record in memory."""

    def __init__(self) -> None:
        self.counts = {"events": 0, "quotes": 0, "countries": 0, "sources": 0}

    def add_source(self, source: Source) -> None:
        self.counts["sources"] += 1

    def add_country(self, country: Country) -> None:
        self.counts["countries"] += 1

    def add_event(self, event: Event) -> None:
        self.counts["events"] += 1

    def add_quote(self, quote: Quote) -> None:
        self.counts["quotes"] += 1


def _validate_streaming(name: str) -> int:
    """Record by record, as the first open does: a 1.8 GB file in bounded memory."""
    counter = _Counter()
    try:
        stream(name, counter)
    except DatasetUnreadable as exc:
        return report_load_error(exc)
    except DatasetError as exc:
        _report(exc.problems, name)
        return exit_codes.INVALID
    _summary(name, counter.counts, "")
    return exit_codes.OK
