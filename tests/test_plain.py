"""Plain mode: the story as linear text, by flag, environment, pipe and TERM=dumb.

Each route runs the real program where its trigger is the only one: the flag
and the environment variable on a real terminal (a pty), the pipe with no
flag, and TERM=dumb in a real tmux pane.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.core.plain import story
from clirun import BBTUI, DECORATION, bbtui, child_env
from realtools import require_executable

EXIT_EVENT = "pk-2015-11-30-exit-announced"
SHIPPED = load(str(shipped_dataset()))


def assert_plain_story(text: str) -> None:
    assert "\x1b" not in text, "an escape sequence in plain mode"
    assert not [c for c in DECORATION if c in text], "box drawing or a spinner in plain mode"
    assert text.startswith(SHIPPED.title)
    for label in ("Event 1 of", "Date: ", "Country: ", "Summary: ", "Quote: ", "Said by: "):
        assert label in text, label
    assert "Citation: " in text and "Source: " in text


def on_a_terminal(*args: str, **env: str | None) -> str:
    """Run bbtui with its stdout on a fresh pty; everything it wrote, raw."""
    primary, secondary = os.openpty()
    child = subprocess.Popen(
        [*BBTUI, *args],
        stdout=secondary,
        stderr=secondary,
        stdin=subprocess.DEVNULL,
        env=child_env(TERM="xterm-256color", **env),
    )
    os.close(secondary)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if not ready:
            if child.poll() is not None:
                break
            continue
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    try:
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_flag_on_a_terminal() -> None:
    assert_plain_story(on_a_terminal("--plain"))


@pytest.mark.parametrize("value", ["1", "yes"])
def test_accessible_environment_on_a_terminal(value: str) -> None:
    text = on_a_terminal("--event", EXIT_EVENT, BBTUI_ACCESSIBLE=value)
    assert "BlackBerry announces" in text or "Event " in text
    assert "\x1b" not in text


def test_a_pipe_gets_plain_text_without_asking() -> None:
    done = bbtui()
    assert done.returncode == 0, done.stderr
    assert_plain_story(done.stdout)
    assert done.stdout == "\n".join(story(SHIPPED)) + "\n"


def test_no_color_changes_nothing_because_there_is_no_colour() -> None:
    assert bbtui("--event", EXIT_EVENT, NO_COLOR="1").stdout == bbtui("--event", EXIT_EVENT).stdout


def test_term_dumb_in_a_real_tmux_pane(tmp_path) -> None:
    tmux = require_executable("tmux", "apt-get install tmux")
    socket = f"bbtui-plain-{uuid.uuid4().hex[:8]}"
    marker = "__bbtui_done__"
    command = (
        f"cd {os.getcwd()} && TERM=dumb {' '.join(BBTUI)} --event {EXIT_EVENT}; "
        f"echo {marker} $?; sleep 60"
    )
    base = [tmux, "-L", socket, "-f", "/dev/null"]
    env = child_env()
    env.pop("TMUX", None)
    subprocess.run(
        [*base, "new-session", "-d", "-x", "200", "-y", "50", "sh", "-c", command],
        check=True,
        env=env,
        timeout=30,
    )
    try:
        screen = ""
        deadline = time.monotonic() + 60
        while marker not in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = subprocess.run(
                [*base, "capture-pane", "-p", "-e", "-J", "-S", "-"],
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
                env=env,
            ).stdout
    finally:
        subprocess.run([*base, "kill-server"], env=env, timeout=10, check=False)
    assert f"{marker} 0" in screen
    text = screen[: screen.index(marker)]
    # capture-pane -e would show any colour or attribute the program set as an escape.
    assert "\x1b" not in text
    assert not [c for c in DECORATION if c in text]
    event = SHIPPED.event_by_id[EXIT_EVENT]
    assert f"Event {SHIPPED.event_index[EXIT_EVENT] + 1} of {len(SHIPPED.events)}: " in text
    assert event.title in text
    assert "Quote: " in text and "Said by: Marty Beard" in text and "Source: " in text


def test_one_event_and_one_country() -> None:
    one = bbtui("--event", EXIT_EVENT).stdout
    headings = [line for line in one.splitlines() if line.startswith("Event ") and " of " in line]
    assert len(headings) == 1 and "Precedent: " not in one
    uk = bbtui("--country", "UK").stdout
    blocks = uk.split("\n\nEvent ")[1:]
    assert blocks and all("Country: United Kingdom (GB)" in block for block in blocks)
    assert uk.count("Precedent: ") == 1 and "Precedent: United Kingdom (GB)" in uk


def test_story_text_is_inert_and_labelled_for_hostile_data() -> None:
    hostile = load(str(Path(__file__).parent / "data" / "hostile.yaml"))
    text = "\n".join(story(hostile))
    assert "\x1b" not in text and "\u202e" not in text
    assert "␛" in text  # shown as a control picture, not obeyed


def test_when_plain_mode_is_chosen() -> None:
    import argparse

    from bbtui.cli.plain import wanted

    flag, none = argparse.Namespace(plain=True), argparse.Namespace(plain=False)
    served = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert wanted(flag, served)  # asked for, it is given
    assert not wanted(none, served | {"BBTUI_ACCESSIBLE": "1", "TERM": "dumb"})
    assert wanted(none, {"BBTUI_ACCESSIBLE": "1"}) and wanted(none, {"TERM": "dumb"})
