"""tests/conftest.py keeps every test away from the machine's own state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bbtui.core.paths import cache_dir


def test_the_store_goes_to_the_session_folder_not_the_users(tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    assert Path(cache_dir()).resolve().is_relative_to(base.resolve())
    assert not Path(cache_dir()).resolve().is_relative_to(Path.home() / ".cache")


def test_look_changing_variables_do_not_leak_in():
    for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_THEME"):
        assert name not in os.environ, name
    # Pinned rather than removed: without it the machine's TERM picks the colour depth.
    assert os.environ["COLORTERM"] == "truecolor"


def test_a_subprocess_sees_the_same_isolated_environment():
    code = "import os; print(os.environ['BBTUI_CACHE_DIR'], 'NO_COLOR' in os.environ)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    folder, no_color = done.stdout.split()
    assert folder == os.environ["BBTUI_CACHE_DIR"] and no_color == "False"
