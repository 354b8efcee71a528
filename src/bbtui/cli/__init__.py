"""The command line: argument parsing and one module per verb.

`main` parses the arguments and hands over to `bbtui.cli.<verb>.run`; only
`explore` (and `serve`) ever import the UI, so the other verbs start fast and
need no terminal.
"""

from bbtui.cli.main import main

__all__ = ["main"]
