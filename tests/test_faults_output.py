"""Where an export goes: never a device or FIFO replaced by a file, no temp file left behind.

`export -o TARGET --force` writes *through* a FIFO or a character device (what
`-o /dev/stdout` means), replaces a regular file atomically, follows a symlink
to the file it names (the link stays a link), and refuses anything else. A
signal in the middle of a write removes the temporary file; a later write
removes stale temporary files of its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bbtui.core.atomic import write_atomic
from clirun import MINI, bbtui


def test_force_onto_a_fifo_writes_through_it_and_keeps_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = bbtui("export", "--format", "csv", "--data", MINI, "-o", str(fifo), "--force")
    reader.join(timeout=20)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo()
    assert received and b"," in received[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_fifo_with_no_reader_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = bbtui("export", "--format", "csv", "--data", MINI, "-o", str(fifo), timeout=20)
    assert result.returncode == 5 and "no one is reading" in result.stderr, result.stderr
    assert fifo.is_fifo()


def test_a_terminal_device_is_written_through_and_stays_a_device() -> None:
    # A pty of our own stands for /dev/null or /dev/tty: never point a test
    # at a system device (before the fix, this replaced it with a file).
    master, slave = os.openpty()
    device = os.ttyname(slave)
    try:
        result = bbtui("export", "--format", "csv", "--data", MINI, "-o", device, "--force")
        assert result.returncode == 0, result.stderr
        assert Path(device).is_char_device()
        assert b"," in os.read(master, 4096)
    finally:
        os.close(master)
        os.close(slave)


def test_a_symlink_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = bbtui("export", "--format", "csv", "--data", MINI, "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_text() != "old"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = bbtui("export", "--format", "csv", "--data", MINI, "-o", str(path), "--force")
    finally:
        server.close()
    assert result.returncode == 5 and "not a regular file" in result.stderr, result.stderr
    assert path.is_socket()


def test_stale_temporary_files_of_our_own_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".out.csv.0123456789ab.tmp"
    fresh = tmp_path / ".out.csv.ba9876543210.tmp"
    other = tmp_path / ".out.csv.notours.tmp"
    for path in (stale, fresh, other):
        path.write_text("partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(tmp_path / "out.csv", "x")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["out.csv", fresh.name, other.name])


def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    # A slow disk, simulated in the child: fsync waits, so the signal comes
    # while the temporary file exists (the real CLI, entered through main()).
    target = tmp_path / "out.json"
    code = (
        "import os, signal, sys, time\n"
        "from bbtui.core import atomic\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30); real(fd)\n"
        "os.fsync = slow\n"
        "from bbtui.cli.main import main\n"
        f"sys.exit(main(['export', '--format', 'json', '--data', {MINI!r}, '-o', {str(target)!r}]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=20)
    assert child.returncode == 128 + signal.SIGTERM, child.stderr.read() if child.stderr else ""
    assert list(tmp_path.iterdir()) == []
