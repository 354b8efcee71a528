"""`quick_exit.leave`: what it waits for before `os._exit`, and what it does not.

Run in child processes: `leave` ends the process it runs in.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from clirun import child_env

CHILD = textwrap.dedent(
    """
    import atexit, sys, threading, time
    from pathlib import Path
    from bbtui.cli.quick_exit import leave

    out = Path(sys.argv[1])

    def spin():  # as Textual's reader does once its terminal has gone
        while True:
            time.sleep(0.001)

    def export():  # a file the reader asked for, still being written
        time.sleep(0.5)
        out.write_text("written")

    threading.Thread(target=spin, name="textual-input").start()
    threading.Thread(target=export, name="export").start()
    atexit.register(lambda: print("atexit ran", flush=True))
    print("leaving", end=" ")
    leave(7)
    """
)


def test_leave_waits_for_the_readers_work_not_for_a_spinning_driver(tmp_path: Path) -> None:
    out = tmp_path / "export.txt"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(out)],
        capture_output=True, text=True, env=child_env(), timeout=20, check=False,
    )  # fmt: skip
    assert done.returncode == 7, done.stderr
    assert out.read_text() == "written"  # the export thread was waited for
    assert done.stdout == "leaving atexit ran\n"  # atexit ran; stdout flushed
