"""Search on a store draws the first page at the keystroke; the count follows from a worker.

The explorer on a generated dataset in a store (common words match hundreds
of quotes, more than a first page): the count arrives and is the in-memory
index's; a count still being worked out when the next query is typed is
never shown; an interrupted count is not damage.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from bbtui.core.loader import load
from bbtui.core.search import QuoteIndex, SearchResults
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.core.store.search import SearchInterrupted, StoreIndex
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.search import FIRST_PAGE, SHOWN, QuoteSearchScreen, ResultList

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[StoredDataset, QuoteIndex]:
    folder = tmp_path_factory.mktemp("counting")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBTUI_CACHE_DIR", str(folder / "cache"))
        patch.delenv("BBTUI_NO_CACHE", raising=False)
        patch.setattr(opening, "MIN_BYTES", 0)
        path = write_dataset(300, folder / "data.yaml")
        open_dataset(path)
        view = open_dataset(path)
    assert isinstance(view, StoredDataset)
    return view, QuoteIndex(load(path))


def count_line(screen: QuoteSearchScreen) -> str:
    return str(screen.query_one("#search-count", Static).content)


async def open_search(app: ExplorerApp, pilot: Pilot[None]) -> QuoteSearchScreen:
    for _ in range(200):
        if app.explorer.index is not None:
            break
        await pilot.pause(0.02)
    await pilot.press("slash")
    screen = app.screen
    assert isinstance(screen, QuoteSearchScreen)
    assert isinstance(screen.index, StoreIndex)
    return screen


def test_the_first_page_at_once_then_the_count_arrives(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, memory = stored
    expected = memory.search("government", limit=SHOWN)
    assert expected.total > FIRST_PAGE  # else there is nothing to count later
    release = threading.Event()
    real = StoreIndex.counted

    def gated(self: StoreIndex, *args: Any, **kwargs: Any) -> SearchResults:
        assert release.wait(10), "the test never released the count"
        return real(self, *args, **kwargs)

    monkeypatch.setattr(StoreIndex, "counted", gated)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(app, pilot)
            await pilot.press(*"government")
            await pilot.pause()
            results = screen.query_one(ResultList)
            # Drawn before any count: the first page, and the line says so.
            assert results.item_count == FIRST_PAGE
            assert count_line(screen) == f"{FIRST_PAGE}+ matches in quotes, counting…"
            first = [hit.id for hit in results.hits]
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert count_line(screen) == (
                f"{expected.total:,} matches (first {SHOWN} listed) in quotes"
                if expected.total > SHOWN
                else f"{expected.total:,} matches in quotes"
            )
            assert results.item_count == len(expected.hits)
            assert [hit.id for hit in results.hits] == [hit.id for hit in expected.hits]
            assert [hit.id for hit in results.hits][:FIRST_PAGE] == first
            await pilot.press("down", "down", "enter")
            assert app.explorer.session.results[2].id == expected.hits[2].id

    asyncio.run(main())


def test_a_count_for_an_older_query_is_never_shown(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, memory = stored
    old, new = memory.search("the", limit=SHOWN), memory.search("security", limit=SHOWN)
    assert old.total != new.total and min(old.total, new.total) > FIRST_PAGE
    gates = {"the": threading.Event(), "security": threading.Event()}
    started: list[str] = []
    real = StoreIndex.counted

    def gated(self: StoreIndex, query: str, **kwargs: Any) -> SearchResults:
        started.append(query)
        gate = gates.get(query)
        if gate is not None:
            assert gate.wait(10), "the test never released the count"
        return real(self, query, **kwargs)

    monkeypatch.setattr(StoreIndex, "counted", gated)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(app, pilot)
            screen.query_one(Input).value = "the"
            await pilot.pause()
            assert "counting" in count_line(screen)
            for _ in range(100):  # the first count is under way (and held)
                if "the" in started:
                    break
                await pilot.pause(0.01)
            screen.query_one(Input).value = "security"
            await pilot.pause()
            gates["the"].set()  # the old count finishes now, after the new query
            for _ in range(20):
                await pilot.pause(0.02)
                assert f"{old.total:,}" not in count_line(screen)
            assert count_line(screen) == f"{FIRST_PAGE}+ matches in quotes, counting…"
            gates["security"].set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert count_line(screen).startswith(f"{new.total:,} matches")
            listed = screen.query_one(ResultList).hits
            assert [hit.id for hit in listed] == [hit.id for hit in new.hits]

    asyncio.run(main())


@pytest.mark.parametrize(
    "query", ["g", "government a", '"security agencies"', "speaker:beard", "encryptd servrs", "the"]
)
def test_first_page_and_count_are_the_memory_index_answers(
    stored: tuple[StoredDataset, QuoteIndex], query: str
) -> None:
    view, memory = stored
    index = StoreIndex(view)
    expected = memory.search(query, limit=SHOWN)
    first = index.search(query, limit=SHOWN, first=FIRST_PAGE)
    ids = [(hit.id, hit.tier, hit.spans) for hit in expected.hits]
    assert [(hit.id, hit.tier, hit.spans) for hit in first.hits] == ids[:FIRST_PAGE]
    assert first.counting == (expected.total >= FIRST_PAGE)
    if not first.counting:  # everything there is: the count is already exact
        assert (first.total, first.tier_counts) == (expected.total, expected.tier_counts)
    counted = index.counted(query, limit=SHOWN, shown=first.hits)
    assert [(hit.id, hit.tier, hit.spans) for hit in counted.hits] == ids
    assert counted.total == expected.total or (counted.at_least and counted.total < expected.total)


def test_an_interrupted_count_is_not_damage(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, memory = stored
    index = StoreIndex(view)
    stop = threading.Event()
    real = view.reconnect

    def reconnect() -> sqlite3.Connection:
        # The counting connection stops as `stop_counting` would stop it mid-query.
        connection = real()
        connection.set_progress_handler(lambda: 1 if stop.is_set() else 0, 10)
        return connection

    monkeypatch.setattr(view, "reconnect", reconnect)
    stop.set()
    with pytest.raises(SearchInterrupted):
        index.counted("government", limit=SHOWN)
    stop.clear()
    assert view.fallback is None  # still on the store: nothing was read again
    assert index.counted("government", limit=SHOWN).total == memory.search("government").total
    index.stop_counting()  # with nothing running: no effect on the next count
    assert index.counted("security").total == memory.search("security").total
