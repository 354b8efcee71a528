"""`y` inside a real tmux reaches tmux's paste buffer, whatever set-clipboard says.

tmux is started by the test (`-f /dev/null`, its own socket), the app runs
in it at 80x24, `y` is sent as a key, and `tmux show-buffer` is read back.
Under `set-clipboard external` (tmux's default) the OSC 52 that Textual
sends is dropped; only `tmux load-buffer` gets the text there.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from bbtui.core import cite
from bbtui.core.cite_style import Style
from bbtui.core.loader import load
from clirun import MINI, child_env, poll
from realtools import require_executable

EVENT = "pk-exit-announced"


@pytest.mark.parametrize("setting", ["external", "on"])
def test_y_in_tmux_lands_in_tmux_buffer(setting: str, tmp_path: Path) -> None:
    tmux = require_executable("tmux", "apt-get install tmux")
    base = [tmux, "-L", f"bbtui-clip-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    # No display: the tmux route alone must carry it.
    env = child_env(
        TMUX=None, DISPLAY=None, WAYLAND_DISPLAY=None, BBTUI_CACHE_DIR=str(tmp_path / "cache")
    )

    def tmux_out(*args: str) -> str:
        done = subprocess.run(
            [*base, *args], capture_output=True, text=True, env=env, timeout=10, check=False
        )
        return done.stdout if done.returncode == 0 else ""

    app = f"{sys.executable} -m bbtui {MINI} --event {EVENT}"
    subprocess.run(
        [
            *base,
            "start-server",
            ";",
            "set-option",
            "-s",
            "set-clipboard",
            setting,
            ";",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            app,
        ],
        check=True,
        env=env,
        timeout=30,
    )
    try:
        assert tmux_out("show-options", "-s", "-v", "set-clipboard").strip() == setting
        event = load(MINI).event_by_id[EVENT]
        # The detail pane shows the start event (its title wraps at 80 columns).
        assert poll(lambda: event.title[:20] in tmux_out("capture-pane", "-p"))
        assert tmux_out("list-buffers") == ""
        subprocess.run([*base, "send-keys", "y"], check=True, env=env, timeout=10)
        # The default style (no config file reaches the child): Chicago.
        expected = cite.cite_event(load(MINI), event, Style.CHICAGO)
        assert poll(lambda: tmux_out("show-buffer") == expected), tmux_out("show-buffer")
        assert poll(lambda: "tmux's" in tmux_out("capture-pane", "-p"))
        screen = tmux_out("capture-pane", "-p")
        assert "Copied" in screen and "tmux's" in screen, screen
    finally:
        subprocess.run([*base, "kill-server"], env=env, timeout=10, check=False)
