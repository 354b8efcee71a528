"""The export dialog as a reader uses it: marked quotes export just those
quotes, Enter exports what is shown, the format is readable without colour,
and the dataset being explored is never written over."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, Static

from bbtui.core.exporters import export
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.export import ExportScreen

MINI_PATH = Path(__file__).parent / "data" / "mini.yaml"
MINI = load(MINI_PATH)


def run(test: Callable[[ExplorerApp, Pilot], Awaitable[None]], dataset=MINI) -> None:
    async def main() -> None:
        app = ExplorerApp(dataset, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


async def mark_quote(app: ExplorerApp, pilot: Pilot, event_id: str, position: int) -> None:
    app.jump_to_event(event_id)
    await pilot.pause()
    await pilot.press(*["right_square_bracket"] * position, "space")


def labels(app: ExplorerApp) -> list[str]:
    return [str(b.label) for b in app.screen.query(RadioButton)]


def test_marking_two_quotes_exports_exactly_those_two(tmp_path: Path) -> None:
    out = tmp_path / "quotes.md"

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await mark_quote(app, pilot, "pk-exit-announced", 2)  # its second quote
        await mark_quote(app, pilot, "in-reprieve", 1)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(out)
        app.screen.query_one("#export-format").focus()
        await pilot.press("enter")  # from the format choice: exports what is shown
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)

    run(check)
    text = out.read_text(encoding="utf-8")
    assert text == export(MINI, "markdown", ["q-beard-swath", "q-mha-proposals"])
    held = [q.id for q in MINI.quotes if q.text[:40] in text]
    assert sorted(held) == ["q-beard-swath", "q-mha-proposals"]
    assert MINI.event_by_id["pk-exit-announced"].summary not in text  # context, not the event


def test_arrows_choose_the_format_enter_exports_it_and_labels_read_without_colour(
    tmp_path: Path,
) -> None:
    out = tmp_path / "all.csv"

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+e")
        assert labels(app)[:2] == ["(•) markdown", "( ) csv"]
        await pilot.press("down")
        assert labels(app)[:2] == ["( ) markdown", "(•) csv"]
        assert app.screen.query_one(Input).value == "bbtui-export.csv"  # follows the format
        app.screen.query_one(Input).value = str(out)
        app.screen.query_one("#export-format").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(check)
    assert out.read_bytes() == export(MINI, "csv").encode("utf-8")


def test_the_dataset_being_explored_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copyfile(MINI_PATH, mine)
    before = mine.read_bytes()

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+e")
        app.screen.query_one(Input).value = "mine.yaml"
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.directory = tmp_path  # as if bbtui had been started in tmp_path
        app.screen.query_one(Input).focus()
        await pilot.press("enter", "enter")  # even asked twice
        assert isinstance(app.screen, ExportScreen)
        warning = str(app.screen.query_one("#export-warning", Static).content)
        assert "is the dataset being explored; choose another file name." in warning

    run(check, dataset=load(mine))
    assert mine.read_bytes() == before
