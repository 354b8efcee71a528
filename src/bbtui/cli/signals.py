"""Termination signals become an exception, so cleanup code runs before the exit.

By default SIGTERM, SIGHUP and SIGQUIT end the process on the spot: an export
or a store write then leaves its hidden temporary file behind. Raised as
`Terminated`, they unwind through every `finally` and `except BaseException`
(core/atomic.py removes its temporary file there), and `main` exits with the
conventional status, 128 + the signal number, as a shell reports it. While the
explorer runs, the app handles them itself (ui/signals.py) to restore the
terminal first.
"""

from __future__ import annotations

import contextlib
import signal
from types import FrameType

CAUGHT = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


class Terminated(BaseException):
    """A termination signal arrived; `status` is what the process should exit with."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = 128 + signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def raise_on_termination() -> None:
    """Turn SIGTERM, SIGHUP and SIGQUIT into `Terminated` (main thread only)."""
    for signum in CAUGHT:
        # Not the main thread, or not allowed here: then the default stays.
        with contextlib.suppress(OSError, ValueError):
            signal.signal(signum, _raise)
