"""`bbtui import FILE [-o OUT.yaml]`: a TimelineJS timeline as a bbtui dataset.

FILE is a TimelineJS JSON document or a TimelineJS sheet downloaded as CSV.
The dataset is written atomically to OUT.yaml (default: FILE with a `.yaml`
suffix), never over an existing file unless `--force` is given; `-o -`
prints it instead. Problems in the timeline are reported as FILE:ROW:COLUMN.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import report_load_error
from bbtui.core.atomic import RefusingToOverwrite, write_atomic
from bbtui.core.errors import DatasetError
from bbtui.core.importers import read_timeline, to_yaml
from bbtui.core.textsafe import visible_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="a TimelineJS .json file or a sheet saved as .csv"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.yaml",
        help="where to write the dataset (default: FILE with .yaml; '-' for standard output)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    parser.add_argument(
        "--source-url",
        metavar="URL",
        help="where the timeline is published, cited as its source (default: the file itself)",
    )


def _fail(message: str) -> int:
    print(f"bbtui import: {visible_line(message)}", file=sys.stderr)
    return exit_codes.CANNOT_WRITE  # the only failures left: the output was not written


def run(args: argparse.Namespace) -> int:
    try:
        dataset = read_timeline(args.file, source_url=args.source_url)
    except DatasetError as exc:
        return report_load_error(exc)
    text = to_yaml(dataset)
    if args.output == "-":
        sys.stdout.write(text)
        return exit_codes.OK
    target = Path(args.output) if args.output else Path(args.file).with_suffix(".yaml")
    shown = repr(str(target))
    try:
        write_atomic(target, text, force=args.force)
    except RefusingToOverwrite:
        return _fail(f"{shown} already exists; use --force to overwrite it")
    except OSError as exc:
        return _fail(f"cannot write {shown}: {exc.strerror or exc}")
    counts = dataset.counts()
    print(
        f"{visible_line(str(target))}: {counts['events']} events, {counts['quotes']} quotes, "
        f"{counts['countries']} groups, {counts['sources']} sources",
        file=sys.stderr,
    )
    return exit_codes.OK
