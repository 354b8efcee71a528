"""`bbtui [PATH]`: load and validate first, then open the explorer.

A dataset that fails validation never reaches the UI: the same errors as
`bbtui validate` go to standard error and the exit code is non-zero.
"""

from __future__ import annotations

import argparse
import sys

from bbtui import exit_codes
from bbtui.errors import DatasetError, DatasetUnreadable
from bbtui.loader import load
from bbtui.paths import shipped_dataset


def run(args: argparse.Namespace) -> int:
    path = args.path or str(shipped_dataset())
    try:
        dataset = load(path)
    except DatasetUnreadable as exc:
        print(exc, file=sys.stderr)
        return exit_codes.USAGE
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return exit_codes.INVALID
    from bbtui.ui.app import ExplorerApp

    ExplorerApp(dataset).run()
    return exit_codes.OK
