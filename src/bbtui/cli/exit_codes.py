"""Exit codes: one scheme for every command, so a script can tell outcomes apart.

"Nothing matched" (1) is not an error in the data, and is told apart from a
dataset that cannot be read (3) or is invalid (4), as grep tells "no match"
from "trouble". A reader that stops reading early (`bbtui search x | head -1`)
gets 141, what a shell reports for a program ended by SIGPIPE, as coreutils
give; nothing is printed then.
"""

OK = 0
NO_MATCH = 1  # a search found nothing; an id or country asked for is not in the dataset
USAGE = 2  # bad arguments, options or query syntax (an unknown filter, a bad year)
UNREADABLE = 3  # a path that cannot be read: missing, a directory, no permission, not text
INVALID = 4  # the dataset was read but is invalid (syntax, schema, quotes not in their sources)
CANNOT_WRITE = 5  # an output file was not written (exists without --force, no permission)
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE)

TABLE = (
    (OK, "success"),
    (NO_MATCH, "no match: nothing matched the query, id or country asked for"),
    (USAGE, "bad usage: unknown option or filter, bad value"),
    (UNREADABLE, "a file cannot be read"),
    (INVALID, "the dataset is invalid"),
    (CANNOT_WRITE, "the output file was not written"),
    (INTERRUPTED, "interrupted (Ctrl-C)"),
    (BROKEN_PIPE, "standard output was closed early (e.g. by head)"),
)


def epilog() -> str:
    """The table for `--help`, the same on every command."""
    rows = "".join(f"  {code:<4}{meaning}\n" for code, meaning in TABLE)
    return "exit codes:\n" + rows
