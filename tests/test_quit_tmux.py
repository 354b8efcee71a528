"""`q` in a real terminal (tmux) ends bbtui and leaves the shell as it was.

The explorer ends with `os._exit` once Textual has restored the terminal
(bbtui.cli.quick_exit), and Textual's input thread is woken rather than
waited for (ui/compat.prompt_exit_driver): the terminal modes must still all
be restored, the exit status kept, and the shell usable straight after.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bbtui.core.loader import load
from clirun import MINI, child_env, poll
from realtools import require_executable


def poll_fast(check, seconds: float = 60.0):
    return poll(check, seconds, every=0.05)  # a quit is timed to the tens of ms


def _tmux_server(tmp_path: Path, name: str):
    """A tmux server of this test's own: its command prefix, the environment, and a
    reader of a tmux command's output ("" if it failed)."""
    tmux = require_executable("tmux", "apt-get install tmux")
    base = [tmux, "-L", f"bbtui-{name}-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    env = child_env(BBTUI_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm-256color")

    def tmux_out(*args: str) -> str:
        done = subprocess.run(
            [*base, *args], capture_output=True, text=True, env=env, timeout=10, check=False
        )
        return done.stdout if done.returncode == 0 else ""

    return base, env, tmux_out


def test_q_restores_the_terminal_and_the_exit_status(tmp_path: Path) -> None:
    base, env, tmux_out = _tmux_server(tmp_path, "quit")

    def send(line: str) -> None:
        subprocess.run([*base, "send-keys", "-l", line], check=True, env=env, timeout=10)
        subprocess.run([*base, "send-keys", "Enter"], check=True, env=env, timeout=10)

    shell = "bash --norc --noprofile"
    subprocess.run(
        [*base, "new-session", "-d", "-x", "80", "-y", "24", shell], check=True, env=env, timeout=30
    )
    try:
        send("PS1='ready''$ '")  # quoted apart: the echoed command line is not the prompt
        assert poll_fast(lambda: "ready$" in tmux_out("capture-pane", "-p"))
        modes = "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_cursor_flag}"
        before = tmux_out("display-message", "-p", modes)
        send(f"{shlex.join([sys.executable, '-m', 'bbtui', MINI])}; echo status=$?")
        title = load(MINI).events[0].title[:20]
        assert poll_fast(lambda: title in tmux_out("capture-pane", "-p"))
        assert tmux_out("display-message", "-p", "#{alternate_on}").strip() == "1"
        subprocess.run([*base, "send-keys", "q"], check=True, env=env, timeout=10)
        assert poll_fast(lambda: "status=0" in tmux_out("capture-pane", "-p")), tmux_out(
            "capture-pane", "-p"
        )
        # Alternate screen left, cursor shown, mouse reporting and app keypad off.
        assert tmux_out("display-message", "-p", modes) == before
        modes_file = tmp_path / "stty.txt"
        send(f"stty -a > {shlex.quote(str(modes_file))}; echo stty=$?")
        assert poll_fast(lambda: "stty=0" in tmux_out("capture-pane", "-p"))
        settings = modes_file.read_text().replace(";", " ").split()
        assert "echo" in settings and "icanon" in settings, settings  # not -echo, -icanon
    finally:
        subprocess.run([*base, "kill-server"], env=env, timeout=10, check=False)


def test_a_terminal_that_goes_away_ends_bbtui(tmp_path: Path) -> None:
    # `tmux kill-server` closes the terminal under a running bbtui and sends
    # SIGHUP and SIGCONT. Textual restarted its terminal mode on the SIGCONT
    # and shutdown then waited for ever on a writer whose thread had died of
    # the closed terminal's EIO, with an input thread spinning on end of file.
    base, env, tmux_out = _tmux_server(tmp_path, "gone")

    command = shlex.join([sys.executable, "-m", "bbtui", MINI])
    subprocess.run(
        [*base, "new-session", "-d", "-s", "b", "-x", "80", "-y", "24", command],
        check=True, env=env, timeout=30,
    )  # fmt: skip
    pid = int(tmux_out("display-message", "-p", "-t", "b", "#{pane_pid}").strip())
    alive = Path(f"/proc/{pid}")
    try:
        title = load(MINI).events[0].title[:20]
        assert poll_fast(lambda: title in tmux_out("capture-pane", "-p", "-t", "b"))
        # A client in control mode, as a terminal emulator's tmux integration uses.
        client = subprocess.Popen(
            [*base, "-C", "attach", "-t", "b"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
        )  # fmt: skip
        assert client.stdin is not None
        for _ in range(5):
            client.stdin.write("send-keys -t b Down\n")
            client.stdin.flush()
            time.sleep(0.3)  # each key drawn before the next
        client.stdin.write("detach-client\n")
        client.stdin.flush()
        client.wait(timeout=10)
        subprocess.run([*base, "kill-server"], env=env, timeout=10, check=False)
        assert poll_fast(lambda: not alive.exists(), seconds=10), "bbtui outlived its terminal"
    finally:
        subprocess.run([*base, "kill-server"], env=env, timeout=10, check=False)
        if alive.exists():
            os.kill(pid, signal.SIGKILL)
