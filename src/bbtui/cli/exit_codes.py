"""Exit codes shared by every command, so scripts can tell outcomes apart."""

OK = 0
INVALID = 1  # invalid dataset, or (for `search`) no match
USAGE = 2  # bad usage, or a path that cannot be read
INTERRUPTED = 130
