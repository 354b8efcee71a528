"""Command line: parse arguments, then hand over to a command or the explorer.

Each subcommand lives in `bbtui.cli.<name>` with `add_arguments(parser)`
and `run(args) -> int`; only the explorer imports Textual, so `validate`,
`search` and `export` start fast and need no terminal.

What every command shares is decided here, once: the exit codes
(`bbtui.cli.exit_codes`, listed in every `--help`), output that any encoding
can take and a reader may stop reading (`bbtui.cli.streams`), and argument
errors that show hostile text inert.
"""

from __future__ import annotations

import argparse
import importlib
import keyword
import sys
from typing import NoReturn, Protocol, cast

from bbtui import __version__
from bbtui.cli import exit_codes, signals, streams
from bbtui.core.textsafe import visible_line

COMMANDS = {
    "validate": "check a dataset and print a summary or every error",
    "search": "search quotes and print matches with citations",
    "export": "export events and quotes as Markdown, CSV, JSON, TimelineJS, CSL-JSON or BibTeX",
    "import": "convert a TimelineJS timeline (JSON, or a sheet saved as CSV) into a dataset",
    "serve": "serve the explorer to a web browser (this machine only, unless --host)",
    "keys": "list every key binding's id and keys (for the settings file's [keymap])",
    "cite": "print the citation of a quote, event or source in Chicago, APA or MLA",
}


class Parser(argparse.ArgumentParser):
    """argparse, with the usage error made terminal-safe and given exit code 2.

    argparse echoes the offending argument (`bbtui validate a $'\\e[2J'`): it
    must not reach the terminal as an escape sequence.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(exit_codes.USAGE, f"{self.prog}: error: {visible_line(message)}\n")


def _explorer_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
            "With no command, bbtui opens the explorer on PATH (default: the shipped dataset);\n"
            "a TimelineJS .json or .csv file opens as it is, converted in memory. bbtui prints\n"
            "the story as plain text instead with --plain, BBTUI_ACCESSIBLE=1, TERM=dumb, or\n"
            "when standard output is not a terminal.\n\n" + exit_codes.epilog()
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="dataset to explore (default: the shipped one)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="print the story as linear text (for screen readers, Braille displays, pipes)",
    )
    parser.add_argument(
        "--event", metavar="ID", help="open on this event (plain mode: print only this event)"
    )
    parser.add_argument(
        "--country",
        metavar="CODE",
        help="show only this country's events: a code, a name or a common name (UK, UAE)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme (the palette's Change theme lists them; bbtui --theme help names them)",
    )
    parser.add_argument("--version", action="version", version=f"bbtui {__version__}")
    return parser


class _Command(Protocol):
    """What every verb's module (bbtui.cli.validate, .search, ...) provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, _Command]:
    # `import` is a Python keyword, so its module is `import_`.
    module_name = f"bbtui.cli.{name}_" if keyword.iskeyword(name) else f"bbtui.cli.{name}"
    module = cast(_Command, importlib.import_module(module_name))
    parser = Parser(
        prog=f"bbtui {name}",
        description=COMMANDS[name],
        epilog=exit_codes.epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.add_arguments(parser)
    parser.add_argument("--version", action="version", version=f"bbtui {__version__}")
    return parser, module


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        parser, module = _command_parser(argv[0])
        args = parser.parse_args(argv[1:])
        return module.run(args)
    parser = _explorer_parser()
    args = parser.parse_args(argv)
    if args.theme is not None:
        from bbtui.cli.explore import theme_error

        problem = theme_error(args.theme)
        if problem:
            parser.error(problem)
    from bbtui.cli import plain

    if plain.wanted(args):
        return plain.run(args)
    from bbtui.cli import explore

    return explore.run(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    streams.prepare()
    signals.raise_on_termination()
    try:
        try:
            code = _dispatch(argv)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else exit_codes.USAGE
            if exc.code is None:
                code = exit_codes.OK
        # Flushed here, not at exit, so a closed pipe is caught below.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        streams.silence()
        return exit_codes.BROKEN_PIPE
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except signals.Terminated as exc:
        return exc.status
