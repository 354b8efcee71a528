"""Signals restore the terminal; a crash inside the explorer exits non-zero.

The explorer runs in a real pseudo-terminal (pty.fork); after the signal, the
bytes it writes must switch the alternate screen and mouse reporting off and
show the cursor again, and the exit status is 128 + the signal number, as a
shell (and `timeout`) expect.
"""

from __future__ import annotations

import asyncio
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from bbtui.cli import explore
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from clirun import MINI, child_env

ALT_ON, ALT_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_OFF, CURSOR_ON = b"\x1b[?1000l", b"\x1b[?25h"


def _read_until(fd: int, needle: bytes, seconds: float) -> bytes:
    data = b""
    end = time.monotonic() + seconds
    while needle not in data and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT], ids=lambda s: s.name
)
def test_a_signal_restores_the_terminal_and_exits_128_plus_n(signum: signal.Signals) -> None:
    env = child_env(TERM="xterm-256color", COLUMNS="80", LINES="24")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real program, as a shell starts it
        os.execvpe(sys.executable, [sys.executable, "-m", "bbtui", MINI], env)
    try:
        started = _read_until(fd, b"Timeline", 60)
        assert ALT_ON in started, started[-400:]
        time.sleep(0.5)  # past start-up, into the event loop
        os.kill(pid, signum)
        after = _read_until(fd, b"\x00never", 20)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 128 + signum
    for sequence in (ALT_OFF, MOUSE_OFF, CURSOR_ON):
        assert sequence in after, (sequence, after[-300:])


def test_a_crash_inside_the_app_is_a_non_zero_exit() -> None:
    # A real exception inside the running app, through its public API (a
    # callback that fails); Textual catches it and ends the app.
    app = ExplorerApp(load(Path(MINI)), theme="textual-dark")

    async def main() -> None:
        async with app.run_test() as pilot:
            app.call_later(lambda: 1 / 0)
            await pilot.pause()

    with pytest.raises(ZeroDivisionError):
        asyncio.run(main())
    assert explore.exit_status(app) == 1
