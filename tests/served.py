"""A real `bbtui serve` for tests: a subprocess on a free loopback port, and its process tree."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

URL = re.compile(r"http://127\.0\.0\.1:\d+/\?token=\S+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def bbtui_serve(dataset: Path, workdir: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """Start `bbtui serve DATASET` with `workdir` as its folder and home; yield it and its URL.

    On the way out it is stopped, and no process of it may be left.
    """
    env = dict(os.environ, HOME=str(workdir), BBTUI_CACHE_DIR=str(workdir / ".cache-bbtui"))
    server = subprocess.Popen(
        [sys.executable, "-m", "bbtui", "serve", str(dataset), "--port", str(free_port())],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stderr is not None
        url = None
        for line in server.stdout:  # ends if the server exits first
            if match := URL.search(line):
                url = match.group(0)
                break
        assert url, f"bbtui serve printed no address; stderr: {server.stderr.read()}"
        yield server, url
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert descendants(server.pid) == [], "a session process outlived the server"


def descendants(pid: int) -> list[int]:
    """Every live process below `pid`, from /proc (each browser tab's session is one)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":  # a zombie has already ended
            children.setdefault(int(parent), []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)
    return value
