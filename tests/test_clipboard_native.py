"""The native clipboard routes for real: xclip and xsel under Xvfb, read back.

Xvfb is started by the test on a display it picks itself (`-displayfd`),
so nothing on the machine is touched.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator

import pytest

from bbtui.ui.clipboard import routes
from clirun import child_env
from realtools import require_executable

TEXT = "“Pakistan's demand was not a question of public safety” — Marty Beard, 30 Nov 2015\nline 2"


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    xvfb = require_executable("Xvfb", "apt-get install xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "320x200x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _env(display: str) -> dict[str, str]:
    return child_env(DISPLAY=display, TMUX=None, WAYLAND_DISPLAY=None)


def _read_back(argv: list[str], display: str, expected: str) -> str:
    # xclip and xsel fork a child that takes the selection an instant after
    # the parent exits: wait for it rather than race it.
    deadline = time.monotonic() + 10
    while True:
        done = subprocess.run(argv, capture_output=True, env=_env(display), timeout=10, check=True)
        text = done.stdout.decode("utf-8")
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.1)


def test_xclip_is_the_route_on_an_x_display(display: str) -> None:
    require_executable("xclip", "apt-get install xclip")
    report = routes.deliver(TEXT, env=_env(display))
    assert [d.route for d in report.deliveries] == ["xclip"]
    assert routes.describe(len(TEXT), report) == f"Copied {len(TEXT)} characters to the X clipboard"
    assert _read_back(["xclip", "-o", "-selection", "clipboard"], display, TEXT) == TEXT


def test_xsel_route(display: str) -> None:
    require_executable("xsel", "apt-get install xsel")
    xsel = [r for r in routes.native_routes() if r.name == "xsel"]
    report = routes.deliver(TEXT + " (xsel)", env=_env(display), routes=xsel)
    assert report.confirmed
    wanted = TEXT + " (xsel)"
    assert _read_back(["xsel", "--clipboard", "--output"], display, wanted) == wanted


def test_no_display_no_native_route() -> None:
    env = child_env(DISPLAY=None, TMUX=None, WAYLAND_DISPLAY=None)
    report = routes.deliver(TEXT, env=env)
    assert not report.confirmed and report.failures == ()


def test_a_display_that_is_not_there_is_a_failure_not_a_hang() -> None:
    require_executable("xclip", "apt-get install xclip")
    env = child_env(DISPLAY=":9999", TMUX=None, WAYLAND_DISPLAY=None)
    report = routes.deliver(TEXT, env=env)
    assert not report.confirmed and report.failures == ("xclip failed", "xsel failed")
