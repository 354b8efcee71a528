"""Ending the process once the explorer has closed, without the interpreter's teardown.

When `app.run()` returns, Textual has restored the terminal and flushed its
output, and everything the reader owns is already on disk (exports and
settings are written atomically; an export still being written is waited
for below, as the interpreter itself would). What remains is CPython taking
apart every module and object the explorer built, one by one: 50-150 ms
measured in tmux, time that `q` should not cost. So `leave` does what a
normal exit does that matters (join the non-daemon threads, run the atexit
functions, flush the standard streams) and then ends with `os._exit`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn

# Textual's own driver threads: its input reader and its output writer. They
# end when the app restores the terminal, but when the terminal went first (a
# closed window, a killed tmux pane) the reader meets end-of-file on every
# read and loops until its exit flag is set, which can then never happen: a
# process left spinning at full speed after its window was gone. They hold
# nothing of the reader's, so they get a moment and no more.
_DRIVER_THREADS = frozenset({"textual-input", "textual-output"})
_DRIVER_GRACE = 0.2  # seconds


def leave(status: int) -> NoReturn:
    """Exit with `status` now, after the work a normal exit would still wait for."""
    current = threading.current_thread()
    for thread in threading.enumerate():
        # Daemon threads (a hash check of the dataset file) are abandoned at
        # exit anyway; the others could be writing a file the reader asked for.
        if thread is current or thread.daemon:
            continue
        thread.join(_DRIVER_GRACE if thread.name in _DRIVER_THREADS else None)
    atexit._run_exitfuncs()  # what Py_Finalize runs first (no public name for it)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing left to say
            stream.flush()
    os._exit(status)
