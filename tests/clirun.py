"""Run the real `bbtui` program in a child process, as a shell would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BBTUI = [sys.executable, "-m", "bbtui"]
DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini.yaml")

# Box drawing, block elements and the braille patterns spinners are made of.
DECORATION = [chr(c) for c in range(0x2500, 0x25A0)] + [chr(c) for c in range(0x2800, 0x2900)]


def child_env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("BBTUI_ACCESSIBLE", None)
    env.pop("TEXTUAL_DRIVER", None)
    # The developer's own config.toml never reaches a child: an empty file means the defaults.
    env["BBTUI_CONFIG"] = os.devnull
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def bbtui(*args: str, timeout: float = 60, **env: str | None) -> subprocess.CompletedProcess[str]:
    """`bbtui ARGS` with stdout and stderr to pipes; text decoded as UTF-8."""
    return subprocess.run(  # noqa: PLW1510 (the exit code is the point)
        [*BBTUI, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        env=child_env(**env),
    )


def poll(check, seconds: float = 60.0, every: float = 0.2):
    """`check()` again every `every` seconds until it gives something true, or time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    return check()
