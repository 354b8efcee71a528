"""The project's own error types: every failure to load says where it is."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a dataset, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DatasetError(Exception):
    """A dataset that cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DatasetUnreadable(DatasetError):
    """The path itself is the problem: missing, a directory, unreadable.

    Commands exit 3 for this, 4 for a readable but invalid file (bbtui.cli.exit_codes).
    """
