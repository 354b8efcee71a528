"""How the explorer uses a search outcome: jump, highlight the quote, then n / N.

The search screen itself is tested by its own tests; here a stand-in screen
keeps the same contract (`QuoteSearchScreen(dataset, index, query=...)`
dismissing with an outcome that has `query`, `hits` and `selected`, or None)
and answers with the real index's hits, so these tests pin the explorer's side.
"""

from __future__ import annotations

import asyncio
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


@dataclass
class Outcome:
    query: str
    hits: list
    selected: int
    include_events: bool = False


class StandIn(ModalScreen):
    answer: str | None = "speaker:beard"  # None: the reader pressed Esc
    opened_with: ClassVar[list[str]] = []

    def __init__(
        self,
        dataset,
        index,
        query: str = "",
        include_events: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        StandIn.opened_with.append(query)

    def on_mount(self) -> None:
        if self.answer is None:
            self.dismiss(None)
        elif self.index is not None:
            self._answer()

    def index_ready(self, index, error=None) -> None:
        assert index is not None, error
        self.index = index
        self._answer()

    def _answer(self) -> None:
        assert self.answer is not None  # on_mount dismissed the Esc case
        results = self.index.search(self.answer)
        self.dismiss(Outcome(self.answer, list(results.hits), 1))


@pytest.fixture(autouse=True)
def stand_in(monkeypatch: pytest.MonkeyPatch):
    module = types.ModuleType("bbtui.ui.screens.search")
    module.QuoteSearchScreen = StandIn  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bbtui.ui.screens.search", module)
    StandIn.answer = "speaker:beard"
    StandIn.opened_with = []


def run(test) -> None:
    async def main() -> None:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


def shown(app: ExplorerApp) -> tuple[str, str | None]:
    explorer = app.explorer
    return explorer.timeline.event.id, explorer.detail.highlighted_quote


def test_slash_jumps_to_the_chosen_hit_and_n_walks_the_results():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("slash")
        await pilot.pause()
        # Hits in date order: unfettered, swath (30 Nov), grateful (31 Dec); the second was chosen.
        assert shown(app) == ("pk-exit-announced", "q-beard-swath")
        assert app.explorer.detail.has_focus
        assert "▶ selected" in app.explorer.detail.text
        await pilot.press("n")
        await pilot.pause()
        assert shown(app) == ("pk-reversal", "q-beard-grateful")
        await pilot.press("n")  # wraps round
        await pilot.pause()
        assert shown(app) == ("pk-exit-announced", "q-beard-unfettered")
        await pilot.press("N")
        await pilot.pause()
        assert shown(app) == ("pk-reversal", "q-beard-grateful")
        await pilot.press("slash")  # reopens with the last query
        await pilot.pause()
        assert StandIn.opened_with == ["", "speaker:beard"]

    run(check)


def test_a_hit_hidden_by_the_filter_clears_it():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        # The index is built in the background once the first frame is up.
        await app.workers.wait_for_complete()
        assert app.explorer.index is not None
        await pilot.press("c")  # India only
        await pilot.press("slash")
        await pilot.pause()
        assert app.explorer.filter_country is None
        assert shown(app) == ("pk-exit-announced", "q-beard-swath")

    run(check)


def test_escape_from_search_leaves_the_view_as_it_was():
    StandIn.answer = None

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("j", "j", "slash")
        await pilot.pause()
        assert shown(app) == ("ae-withdrawn", None)
        assert app.explorer.timeline.has_focus
        await pilot.press("n")  # no results yet: nothing moves
        await pilot.pause()
        assert shown(app) == ("ae-withdrawn", None)

    run(check)
