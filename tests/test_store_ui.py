"""The explorer on a store: rows on demand, the file's hash checked after the first frame."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.store import StoredDataset, open_dataset, opening

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import PLANTED_EVENT_ID, write_dataset


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, StoredDataset]:
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    path = write_dataset(60, tmp_path / "data.yaml")
    open_dataset(path)
    view = open_dataset(path)
    assert isinstance(view, StoredDataset)
    return path, view


def test_a_file_changed_behind_its_store_is_read_again_with_one_notice(
    stored: tuple[Path, StoredDataset],
) -> None:
    from bbtui.ui.app import ExplorerApp

    path, view = stored
    info = path.stat()
    data = bytearray(path.read_bytes())
    at = data.index(b"title: ") + len(b"title: ")
    data[at : at + 1] = b"Q"  # same size, same time: only the hash can tell
    path.write_bytes(bytes(data))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    async def main() -> None:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        notes: list[str] = []
        shown = app.notify

        def notify(message: str, **kw: object) -> None:
            notes.append(message)
            shown(message, **kw)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # the check runs in a thread after the first frame
                await pilot.pause(0.05)
                if view.fallback is not None and notes:
                    break
            await pilot.pause(0.2)
            assert len(notes) == 1 and "changed" in notes[0]
            assert view.title == load(path).title
            await pilot.press("end")
            await pilot.pause()
            assert app.explorer.timeline.event.id == PLANTED_EVENT_ID

    asyncio.run(main())


def test_quitting_never_waits_for_the_check(stored: tuple[Path, StoredDataset]) -> None:
    import time

    from bbtui.ui.app import ExplorerApp

    _, view = stored

    async def main() -> float:
        app = ExplorerApp(view)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            started = time.perf_counter()
            await pilot.press("q")
        return time.perf_counter() - started

    assert asyncio.run(main()) < 5  # a hang guard; the exit time itself is a benchmark


def test_the_export_dialog_reads_a_store_as_it_goes_never_whole(
    stored: tuple[Path, StoredDataset], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from bbtui.core.exporters import export
    from bbtui.ui.app import ExplorerApp
    from bbtui.ui.screens.export import ExportScreen

    path, view = stored
    out = tmp_path / "all.md"

    def never(self: StoredDataset) -> None:  # a million events took 10 GB this way
        raise AssertionError("the export made the dataset whole")

    async def scenario() -> None:
        app = ExplorerApp(view, theme="textual-dark")  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            monkeypatch.setattr(StoredDataset, "whole", never)
            await pilot.press("ctrl+e")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one(Input).value = str(out)
            app.screen.query_one("#export-format").focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, ExportScreen)
        monkeypatch.undo()

    asyncio.run(scenario())
    assert out.read_text(encoding="utf-8") == export(load(path), "markdown")
