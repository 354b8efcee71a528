"""`bbtui serve [PATH]`: the explorer in a browser, safe by default.

The dataset is loaded and validated once here, so a broken file fails with
the usual located errors before anything listens. Each browser tab then runs
its own `bbtui PATH` process (textual-serve); `bbtui.web` guards the page and
socket with a token from the printed URL and an Origin check.
"""

from __future__ import annotations

import argparse
import sys

from bbtui.cli import exit_codes
from bbtui.cli.explore import open_dataset
from bbtui.cli.load_errors import report_load_error
from bbtui.core.errors import DatasetError
from bbtui.core.paths import shipped_dataset
from bbtui.core.textsafe import visible_line

DEFAULT_HOST = "127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="dataset to serve (default: the shipped one)"
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default: 127.0.0.1, this machine only; "
        "any other address lets others on the network reach the page, and prints a warning)",
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000)"
    )


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    import os

    from bbtui.web.guard import is_loopback, new_token
    from bbtui.web.server import ExplorerServer, listen_error

    path = os.path.abspath(args.path or str(shipped_dataset()))
    try:
        dataset = open_dataset(path)
    except DatasetError as exc:
        return report_load_error(exc)
    if not is_loopback(args.host):
        print(
            f"bbtui serve: warning: listening on {visible_line(args.host)}: anyone who can reach "
            "this machine and has the printed address (with its token) can use the explorer, "
            "over plain HTTP.",
            file=sys.stderr,
        )
    problem = listen_error(args.host, args.port)
    if problem is not None:
        return _cannot_listen(args, problem)
    server = ExplorerServer(
        path,
        title=visible_line(dataset.title),
        event_ids=dataset.event_by_id.keys(),
        token=new_token(),
        host=args.host,
        port=args.port,
    )
    try:
        server.serve()
    except OSError as exc:  # taken between the check and now
        return _cannot_listen(args, exc)
    return exit_codes.OK


def _cannot_listen(args: argparse.Namespace, exc: OSError) -> int:
    reason = exc.strerror or str(exc)
    print(
        f"bbtui serve: cannot listen on {visible_line(args.host)}:{args.port}: "
        f"{visible_line(reason)}",
        file=sys.stderr,
    )
    return exit_codes.USAGE
