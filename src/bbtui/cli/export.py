"""`bbtui export`: events and quotes as Markdown, CSV, JSON or TimelineJS.

Writes to standard output, or with `-o FILE` to a file, atomically and
never over an existing file unless `--force` is given. The export is
written a piece at a time as it is read from the store, never held whole.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import print_notice, report_load_error
from bbtui.core.atomic import RefusingToOverwrite, write_pieces
from bbtui.core.errors import DatasetError
from bbtui.core.exporters import FORMATS, TimelineError, UnknownIdError, export_pieces
from bbtui.core.paths import shipped_dataset
from bbtui.core.store import open_dataset, verify
from bbtui.core.textsafe import visible_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", "-f", required=True, choices=list(FORMATS), help="output format"
    )
    parser.add_argument(
        "--data", metavar="PATH", help="dataset to export (default: the shipped one)"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="ID",
        help="export only these events and quotes (a quote brings its event); default: all",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it already exists")
    parser.add_argument(
        "--inline-citations",
        action="store_true",
        help="markdown: cite sources in brackets where used, not as footnotes",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a byte order mark so Excel reads UTF-8",
    )


def _fail(message: str, code: int) -> int:
    print(f"bbtui export: {message}", file=sys.stderr)
    return code


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _to_stdout(pieces: Iterable[str]) -> None:
    # The formats are defined as UTF-8 whatever the terminal's locale says.
    # A closed pipe (`| head`) is handled once for every command, in cli/main.py.
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    stream.flush()
    for text in pieces:
        if buffer is None:
            stream.write(text)
        else:
            buffer.write(text.encode("utf-8"))
    stream.flush()


def run(args: argparse.Namespace) -> int:
    data = args.data or str(shipped_dataset())
    if args.inline_citations and args.format != "markdown":
        return _fail("--inline-citations is for --format markdown", exit_codes.USAGE)
    if args.excel and args.format != "csv":
        return _fail("--excel is for --format csv", exit_codes.USAGE)
    try:
        dataset = open_dataset(data, on_notice=print_notice)
        # The file's bytes, and that every quote's event exists: the rows are
        # checked as they are read, but a quote whose event is gone is never read.
        verify(dataset, references=True)
    except DatasetError as exc:
        return report_load_error(exc)
    try:
        pieces = export_pieces(
            dataset,
            args.format,
            args.only,
            inline_citations=args.inline_citations,
            excel=args.excel,
        )
    except UnknownIdError as exc:
        return _fail(visible_line(str(exc)), exit_codes.NO_MATCH)
    except TimelineError as exc:  # nothing selected has a place on a timeline
        return _fail(visible_line(str(exc)), exit_codes.NO_MATCH)
    except DatasetError as exc:  # the store was damaged and the file no longer loads
        return report_load_error(exc)
    try:
        return _write(args, data, pieces)
    except DatasetError as exc:  # the same, found half-way: no file is left behind
        return report_load_error(exc)


def _write(args: argparse.Namespace, data: str, pieces: Iterable[str]) -> int:
    if args.output is None:
        _to_stdout(pieces)
        return exit_codes.OK
    shown = visible_line(repr(args.output))
    if _same_file(args.output, data):
        return _fail(f"refusing to write over the dataset itself: {shown}", exit_codes.CANNOT_WRITE)
    try:
        write_pieces(Path(args.output), pieces, force=args.force)
    except RefusingToOverwrite:
        return _fail(
            f"{shown} already exists; use --force to overwrite it", exit_codes.CANNOT_WRITE
        )
    except OSError as exc:
        return _fail(
            visible_line(f"cannot write {shown}: {exc.strerror or exc}"), exit_codes.CANNOT_WRITE
        )
    return exit_codes.OK
