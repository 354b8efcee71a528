"""The entry points themselves: --help, --version, usage errors, python -m."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bbtui import __version__
from bbtui.cli import main


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"bbtui {__version__}\n"


def test_help_names_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: bbtui")
    for command in ("validate", "search", "export", "import", "cite"):
        assert f"  {command} " in out


@pytest.mark.parametrize("command", ["validate", "search", "export", "import", "cite"])
def test_each_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"usage: bbtui {command}")


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["--no-such-option"]) == 2
    assert "usage: bbtui" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run(
        [sys.executable, "-m", "bbtui", "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ": valid — " in done.stdout
