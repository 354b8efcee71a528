"""Every broken file gets the same located errors from `search`, `export` and
the explorer as from `bbtui validate`: a non-zero exit and never a traceback.

`validate` itself is covered line by line in test_validate_cli.py; here the
point is that no other entry point lets a broken file through differently.
"""

from __future__ import annotations

import re

import pytest

from bbtui.cli import main
from corpus import broken_cases, make_unreadable

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

# `search` treats any dataset it cannot use as bad input (exit 2, issue 4);
# Every command keeps validate's split: 4 invalid, 3 unreadable (bbtui.cli.exit_codes).
COMMANDS = {
    "search": lambda path: ["search", "beard", "--data", path],
    "export": lambda path: ["export", "--format", "json", "--data", path],
    "explore": lambda path: [path],
}


def _exit_code(command: str, case_code: int) -> int:
    return case_code


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", broken_cases(include_slow=False), ids=lambda c: c.name)
def test_broken_file_is_refused_with_located_errors(command, case, tmp_path, monkeypatch, capsys):
    path = case.make(tmp_path)
    if case.extra.get("unreadable"):
        make_unreadable(monkeypatch, path)
    assert main(COMMANDS[command](str(path))) == _exit_code(command, case.exit_code)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "\x1b" not in out + err
    located = [m for m in map(LOCATED.match, err.splitlines()) if m]
    assert located, err
    assert all(m["path"] == str(path) for m in located)
    got = [(int(m["line"]), int(m["column"]), m["message"]) for m in located]
    first = case.expected[0]
    assert any(first.matches(*g) for g in got), (first, got)
