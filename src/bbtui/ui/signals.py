"""The explorer ends cleanly on SIGTERM, SIGHUP and SIGQUIT: terminal restored, status 128+N.

Left to their default action these signals (sent by `kill`, `timeout`, a
closed terminal window, Ctrl-\\) end the process at once, leaving the terminal
in the alternate screen with mouse reporting on and the cursor hidden. Handled
by the event loop instead, each asks the app to exit: Textual's driver then
restores the terminal as on `q`, and the app's return code carries the
conventional status for the CLI to exit with.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

from textual.app import App

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def exit_on_termination(app: App[Any]) -> None:
    """From now on, a termination signal makes `app` exit with 128 + its number."""
    loop = asyncio.get_running_loop()
    for signum in SIGNALS:
        # Windows, or not the main thread: then the default stays.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, app.exit, None, 128 + signum)
