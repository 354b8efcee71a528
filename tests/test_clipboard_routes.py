"""The clipboard routes' own rules, and the app's report of what a copy did."""

from __future__ import annotations

import asyncio
import inspect
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import TextArea

from bbtui.core.loader import load
from bbtui.core.savecopy import save_new_file
from bbtui.ui.app import ExplorerApp
from bbtui.ui.clipboard import routes
from bbtui.ui.clipboard.dialog import CopyFallbackScreen

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


def test_tmux_versions() -> None:
    assert routes.tmux_version("tmux 3.3a") == (3, 3)
    assert routes.tmux_version("tmux next-3.4") == (3, 4)
    old = routes.tmux_version("tmux 2.9")
    assert old is not None and old < routes.TMUX_WRITE_SINCE
    assert routes.tmux_version("") is None


def test_describe_names_every_place_and_the_style() -> None:
    report = routes.Report(
        (routes.Delivery("tmux", ("tmux's buffer", "the terminal clipboard")),), ()
    )
    assert (
        routes.describe(412, report, "APA")
        == "Copied 412 characters to tmux's buffer and the terminal clipboard (APA)"
    )


def test_a_stuck_program_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "TIMEOUT", 0.3)
    stuck = routes.ProgramRoute("stuck", (sys.executable, "-c", "import time; time.sleep(30)"), "x")
    report = routes.deliver("text", env={"PATH": ""}, routes=[stuck])
    assert not report.confirmed
    assert report.failures[0].endswith("did not finish in 0.3 s")


def test_saving_never_overwrites(tmp_path: Path) -> None:
    first = save_new_file("one", tmp_path, now=0)
    second = save_new_file("two", tmp_path, now=0)
    assert first != second and first.read_text() == "one\n" and second.read_text() == "two\n"
    assert second.name.endswith("-2.txt")


@dataclass
class FakeRoute:
    """A route that always takes the text, to pin down the notification."""

    name: str = "fake"
    taken: list[str] | None = None

    def available(self, env: object) -> bool:
        return True

    def copy(self, text: str, env: object) -> routes.Delivery:
        assert self.taken is not None
        self.taken.append(text)
        return routes.Delivery(self.name, ("the test clipboard",))


class AppWith(ExplorerApp):
    # A relative CSS_PATH is read beside the subclass's module: point at the app's.
    CSS_PATH = str(Path(inspect.getfile(ExplorerApp)).parent / ExplorerApp.CSS_PATH)

    def __init__(self, route_list: list) -> None:
        super().__init__(MINI, theme="textual-dark", start_event="pk-exit-announced")
        self.route_list = route_list
        self.shown: list[tuple[str, str]] = []

    def clipboard_routes(self) -> list:
        return self.route_list

    def notify(self, message: str, *, title: str = "", **_: object) -> None:
        self.shown.append((title, message))


def test_a_confirmed_copy_says_where_it_went() -> None:
    taken: list[str] = []

    async def scenario() -> AppWith:
        app = AppWith([FakeRoute(taken=taken)])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert taken == [app.clipboard]
    title, message = app.shown[-1]
    # The notification names the citation style it copied in (the app's default: Chicago).
    assert (
        title == "Copied event “BlackBerry announces it will leave Pakistan” with Chicago citation"
    )
    assert message.startswith(
        f"Copied {len(taken[0])} characters to the test clipboard (Chicago).\n"
    )


def test_an_unconfirmed_copy_says_so_and_y_shows_the_text_to_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> tuple[AppWith, str, str]:
        app = AppWith([])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("Y")
            assert isinstance(app.screen, CopyFallbackScreen)
            shown = app.screen.query_one(TextArea).text
            await pilot.press("s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            return app, shown, type(app.screen).__name__

    app, shown, after = asyncio.run(scenario())
    assert shown == app.clipboard
    title, message = app.shown[0]
    assert title.endswith("not confirmed") and "nothing confirmed" in message
    assert "Y shows the text" in message
    saved = list(tmp_path.glob("bbtui-copy-*.txt"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == app.clipboard + "\n"
    assert app.shown[-1] == ("Saved the copied text to", str(saved[0]))
    assert after == "ExplorerScreen"
