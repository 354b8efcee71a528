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

from bbtui.core.fuzzy import CloseWords
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


def hold_counts(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every count waits until the returned event is set (the test releases it)."""
    release = threading.Event()
    real = StoreIndex.counted

    def gated(self: StoreIndex, *args: Any, **kwargs: Any) -> SearchResults:
        assert release.wait(10), "the test never released the count"
        return real(self, *args, **kwargs)

    monkeypatch.setattr(StoreIndex, "counted", gated)
    return release


def test_the_first_page_at_once_then_the_count_arrives(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, memory = stored
    expected = memory.search("government", limit=SHOWN)
    assert expected.total > FIRST_PAGE  # else there is nothing to count later
    release = hold_counts(monkeypatch)

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
    # Nothing found is counted later too: the advice for it counts loosenings of the query.
    assert first.counting == (expected.total >= FIRST_PAGE or expected.total == 0)
    if not first.counting:  # everything there is: the count is already exact
        assert (first.total, first.tier_counts) == (expected.total, expected.tier_counts)
    assert first.suggestion is None
    counted = index.counted(query, limit=SHOWN, shown=first.hits)
    assert [(hit.id, hit.tier, hit.spans) for hit in counted.hits] == ids
    assert counted.total == expected.total or (counted.at_least and counted.total < expected.total)
    assert counted.suggestion == expected.suggestion


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


def test_a_count_stopped_between_two_statements_stops(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's interrupt reaches only a statement running then; the next one must not run."""
    view, memory = stored
    index = StoreIndex(view)
    between = threading.Event()
    go_on = threading.Event()
    real = StoreIndex._filters

    def filters(self: StoreIndex, *args: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            between.set()  # parsed, nothing counted yet: no statement is running
            assert go_on.wait(10)
        return real(self, *args)

    monkeypatch.setattr(StoreIndex, "_filters", filters)
    failed: list[BaseException] = []

    def count() -> None:
        try:
            index.counted("government", limit=SHOWN)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            failed.append(exc)

    thread = threading.Thread(target=count)
    thread.start()
    assert between.wait(10)
    index.stop_counting()
    go_on.set()
    thread.join(10)
    assert [type(exc) for exc in failed] == [SearchInterrupted]
    monkeypatch.setattr(StoreIndex, "_filters", real)
    assert index.counted("government", limit=SHOWN).total == memory.search("government").total


def test_nothing_found_says_so_at_once_and_the_advice_follows(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, memory = stored
    query = "government zzqxw"
    expected = memory.search(query, limit=SHOWN)
    assert expected.total == 0 and expected.suggestion
    release = hold_counts(monkeypatch)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(app, pilot)
            screen.query_one(Input).value = query
            await pilot.pause()
            results = screen.query_one(ResultList)
            assert count_line(screen) == "No matches in quotes."
            assert results.render_line(0).text.strip() == "No matches."
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert count_line(screen) == "No matches in quotes."
            assert results.render_line(0).text.strip() == expected.suggestion

    asyncio.run(main())


def test_a_tall_list_reads_a_first_page_as_long_as_itself(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, _ = stored
    release = hold_counts(monkeypatch)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 70)) as pilot:
            screen = await open_search(app, pilot)
            await pilot.pause()
            screen.query_one(Input).value = "the"
            await pilot.pause()
            results = screen.query_one(ResultList)
            shown = results.size.height // 2  # two rows a hit
            assert shown > FIRST_PAGE
            # Every hit the list has room for, before any count.
            assert results.item_count == results.size.height
            assert count_line(screen) == f"{results.size.height}+ matches in quotes, counting…"
            release.set()
            await app.workers.wait_for_complete()

    asyncio.run(main())


def test_typing_draws_the_results_without_waiting_for_a_frame_slot(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keystroke's results, then their count, are drawn as soon as they are ready."""
    from textual import events
    from textual import screen as textual_screen

    view, memory = stored
    expected = memory.search("go", limit=SHOWN)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            # Every screen pushed from now on has a frame timer ticking once an
            # hour: what is drawn below is drawn because it was ready.
            monkeypatch.setattr(textual_screen, "UPDATE_PERIOD", 3600)
            screen = await open_search(app, pilot)
            await pilot.pause()
            results = screen.query_one(ResultList)
            drawn: list[str] = []
            render_lines = results.render_lines

            def watching(crop: Any) -> Any:
                if screen.results is not None:
                    drawn.append(count_line(screen))
                return render_lines(crop)

            results.render_lines = watching  # type: ignore[method-assign]
            for char in "go":
                key = events.Key(char, char)
                key.set_sender(app)
                app._driver.send_message(key)  # as the terminal sends it
            for _ in range(500):
                if drawn and "counting" not in drawn[-1]:
                    break
                await asyncio.sleep(0.01)
            assert f"{FIRST_PAGE}+ matches in quotes, counting…" in drawn
            assert drawn[-1].startswith(f"{expected.total:,}")

    asyncio.run(main())


def test_the_typo_vocabulary_is_read_off_the_ui_thread(
    stored: tuple[StoredDataset, QuoteIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bbtui.core.store import search as store_search

    view, memory = stored
    readers: list[threading.Thread] = []
    real = CloseWords

    def recording(vocabulary: list[str]) -> Any:
        readers.append(threading.current_thread())
        return real(vocabulary)

    monkeypatch.setattr(store_search, "CloseWords", recording)

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_search(app, pilot)
            await app.workers.wait_for_complete()  # the search screen read ahead
            screen.query_one(Input).value = "encryptd servrs"
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            expected = memory.search("encryptd servrs", limit=SHOWN)
            assert [h.id for h in screen.query_one(ResultList).hits] == [
                h.id for h in expected.hits
            ]

    asyncio.run(main())
    assert len(readers) == 1 and readers[0] is not threading.main_thread()
