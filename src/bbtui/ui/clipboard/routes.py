"""Every way from bbtui to a clipboard, tried for real and reported honestly.

Textual's `copy_to_clipboard` sends one OSC 52 escape sequence and cannot
know whether it arrived: tmux drops it under its default `set-clipboard
external`, and many terminals ignore it. So a copy also goes through each
route that exists where bbtui runs, and each says whether it worked:

- `tmux load-buffer -w -` when `$TMUX` is set: the text lands in tmux's paste
  buffer, and (tmux 3.2 or newer, `-w`) tmux sends it on to the outer terminal;
- a native clipboard program when a display is there: `wl-copy` (Wayland),
  `xclip` or `xsel` (X11), `pbcopy` (macOS), `clip.exe` (Windows, WSL).

Each runs with a short timeout; the caller runs `deliver` off the UI thread.
Nothing here imports Textual, so it is tested without an app.

Adding a route (the browser, for `bbtui serve`): any object with a `name`,
an `available(env)` and a `copy(text, env)` that returns a `Delivery` or
raises `RouteFailed`; pass it in `routes` to `deliver` (see
`ExplorerApp.clipboard_routes`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

TIMEOUT = 5.0  # seconds; ms normally, but a loaded machine is slow; longer is stuck
TMUX_WRITE_SINCE = (3, 2)  # `load-buffer -w`


@dataclass(frozen=True)
class Delivery:
    """Where one route put the text. `places` read as a phrase: "tmux's buffer"."""

    route: str
    places: tuple[str, ...]


class RouteFailed(Exception):
    """The route exists here but did not take the text; the message says why."""


class Route(Protocol):
    name: str

    def available(self, env: Mapping[str, str]) -> bool: ...

    def copy(self, text: str, env: Mapping[str, str]) -> Delivery: ...


def _run(
    argv: Sequence[str], text: str, env: Mapping[str, str]
) -> subprocess.CompletedProcess[bytes]:
    """Feed `text` to a program's stdin; its exit code is the confirmation.

    stdout and stderr go to /dev/null: xclip, xsel and wl-copy fork a child
    that keeps serving the selection, and it would hold a pipe open forever.
    """
    try:
        return subprocess.run(
            list(argv),
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(env),
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RouteFailed(f"{argv[0]} did not finish in {TIMEOUT:g} s") from None
    except OSError as exc:
        raise RouteFailed(f"{argv[0]}: {exc.strerror or exc}") from None


def tmux_version(text: str) -> tuple[int, int] | None:
    """`tmux 3.3a` -> (3, 3); `tmux next-3.4` -> (3, 4); None if unreadable."""
    match = re.search(r"(\d+)\.(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass
class TmuxRoute:
    name: str = "tmux"

    def available(self, env: Mapping[str, str]) -> bool:
        return bool(env.get("TMUX")) and shutil.which("tmux", path=env.get("PATH")) is not None

    def _query(self, argv: list[str], env: Mapping[str, str]) -> str:
        try:
            done = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                env=dict(env),
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    def copy(self, text: str, env: Mapping[str, str]) -> Delivery:
        version = tmux_version(self._query(["tmux", "-V"], env))
        forwards = version is not None and version >= TMUX_WRITE_SINCE
        argv = ["tmux", "load-buffer", *(["-w"] if forwards else []), "-"]
        if _run(argv, text, env).returncode != 0:
            raise RouteFailed("tmux load-buffer failed")
        places = ["tmux's buffer"]
        # -w sends it on to the outer terminal unless set-clipboard is off.
        if forwards and self._query(["tmux", "show-options", "-s", "-v", "set-clipboard"], env) in (
            "on",
            "external",
        ):
            places.append("the terminal clipboard")
        return Delivery(self.name, tuple(places))


@dataclass
class ProgramRoute:
    """A native clipboard program, usable when `needs` (a display variable) is set."""

    name: str
    argv: tuple[str, ...]
    place: str
    needs: str | None = None  # an environment variable that must be set
    platforms: tuple[str, ...] = field(default=())  # sys.platform prefixes; () = any

    def available(self, env: Mapping[str, str]) -> bool:
        if self.needs is not None and not env.get(self.needs):
            return False
        if self.platforms and not sys.platform.startswith(self.platforms):
            return False
        return shutil.which(self.argv[0], path=env.get("PATH")) is not None

    def copy(self, text: str, env: Mapping[str, str]) -> Delivery:
        if _run(self.argv, text, env).returncode != 0:
            raise RouteFailed(f"{self.argv[0]} failed")
        return Delivery(self.name, (self.place,))


@dataclass
class BrowserRoute:
    """`bbtui serve`: Textual hands the text to the page, which puts it on the browser's clipboard.

    It travels over the app's own WebSocket to the reader's browser (not the
    server's clipboard, which tmux and the native programs would reach).
    """

    name: str = "browser"

    def available(self, env: Mapping[str, str]) -> bool:
        return True

    def copy(self, text: str, env: Mapping[str, str]) -> Delivery:
        return Delivery(self.name, ("the browser's clipboard",))


def native_routes() -> list[Route]:
    """The first of these that is available is used (one system clipboard)."""
    return [
        ProgramRoute("wl-copy", ("wl-copy",), "the Wayland clipboard", needs="WAYLAND_DISPLAY"),
        ProgramRoute(
            "xclip", ("xclip", "-selection", "clipboard", "-in"), "the X clipboard", needs="DISPLAY"
        ),
        ProgramRoute(
            "xsel", ("xsel", "--clipboard", "--input"), "the X clipboard", needs="DISPLAY"
        ),
        ProgramRoute("pbcopy", ("pbcopy",), "the macOS clipboard", platforms=("darwin",)),
        ProgramRoute("clip.exe", ("clip.exe",), "the Windows clipboard"),
    ]


@dataclass(frozen=True)
class Report:
    """What a copy did: the routes that confirmed it, and those that failed."""

    deliveries: tuple[Delivery, ...]
    failures: tuple[str, ...]

    @property
    def confirmed(self) -> bool:
        return bool(self.deliveries)

    def places(self) -> list[str]:
        seen: list[str] = []
        for delivery in self.deliveries:
            for place in delivery.places:
                if place not in seen:
                    seen.append(place)
        return seen


def deliver(
    text: str,
    env: Mapping[str, str] | None = None,
    routes: Iterable[Route] | None = None,
) -> Report:
    """Copy through tmux (when inside it) and the first native clipboard that works.

    Blocking (each route up to TIMEOUT): call it from a worker thread.
    """
    env = dict(os.environ) if env is None else env
    deliveries: list[Delivery] = []
    failures: list[str] = []
    chosen = list(routes) if routes is not None else [TmuxRoute(), *native_routes()]
    native_done = False
    for route in chosen:
        is_native = isinstance(route, ProgramRoute)
        if (is_native and native_done) or not route.available(env):
            continue
        try:
            deliveries.append(route.copy(text, env))
        except RouteFailed as exc:
            failures.append(str(exc))
            continue
        native_done = native_done or is_native
    return Report(tuple(deliveries), tuple(failures))


def describe(count: int, report: Report, style: str | None = None) -> str:
    """`Copied 412 characters to tmux's buffer and the terminal clipboard (APA)`."""
    places = report.places()
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    noun = "character" if count == 1 else "characters"
    suffix = f" ({style})" if style else ""
    return f"Copied {count:,} {noun} to {where}{suffix}"
