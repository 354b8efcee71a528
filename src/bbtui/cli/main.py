"""Command line: parse arguments, then hand over to a command or the explorer.

Each subcommand lives in `bbtui.cli.<name>` with `add_arguments(parser)`
and `run(args) -> int`; only the explorer imports Textual, so `validate`,
`search` and `export` start fast and need no terminal.
"""

from __future__ import annotations

import argparse
import importlib
import keyword
import sys

from bbtui import __version__
from bbtui.cli import exit_codes

COMMANDS = {
    "validate": "check a dataset and print a summary or every error",
    "search": "search quotes and print matches with citations",
    "export": "export events and quotes as Markdown, CSV, JSON or TimelineJS",
    "import": "convert a TimelineJS timeline (JSON, or a sheet saved as CSV) into a dataset",
}


def _explorer_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bbtui",
        description=(
            "A keyboard-driven terminal explorer for a source-cited dataset on "
            "BlackBerry's 2015 Pakistan exit and earlier government demands for "
            "access to BlackBerry communications."
        ),
        epilog=(
            "commands:\n"
            + "".join(f"  {name:<10}{help_}\n" for name, help_ in COMMANDS.items())
            + "\nRun 'bbtui COMMAND --help' for a command's options. "
            "With no command, bbtui opens the explorer on PATH (default: the shipped dataset); "
            "a TimelineJS .json or .csv file opens as it is, converted in memory."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="dataset to explore (default: the shipped one)"
    )
    parser.add_argument(
        "--event",
        metavar="ID",
        help="open on this event (its id in the dataset, as `bbtui search --events --json` shows)",
    )
    parser.add_argument("--version", action="version", version=f"bbtui {__version__}")
    return parser


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    # `import` is a Python keyword, so its module is `import_`.
    module = importlib.import_module(f"bbtui.cli.{name}_" if keyword.iskeyword(name) else f"bbtui.cli.{name}")
    parser = argparse.ArgumentParser(prog=f"bbtui {name}", description=COMMANDS[name])
    module.add_arguments(parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            parser, module = _command_parser(argv[0])
            args = parser.parse_args(argv[1:])
            return module.run(args)
        args = _explorer_parser().parse_args(argv)
        from bbtui.cli import explore

        return explore.run(args)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code
        if code is None:
            return exit_codes.OK
        return code if isinstance(code, int) else exit_codes.USAGE
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
