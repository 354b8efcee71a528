"""Start where the story is: the dataset's `start` event, its description once,
and `--theme` chosen on the command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bbtui.cli import main
from bbtui.core.errors import DatasetError
from bbtui.core.exporters.json_export import to_document
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp

MINI_PATH = Path(__file__).parent / "data" / "mini.yaml"
SHIPPED = load(shipped_dataset())


def _with_start(tmp_path: Path, start: str) -> Path:
    text = MINI_PATH.read_text(encoding="utf-8")
    path = tmp_path / "started.yaml"
    path.write_text(text.replace("\ndescription:", f"\nstart: {start}\ndescription:", 1), "utf-8")
    return path


def test_the_shipped_dataset_starts_at_the_exit_announcement():
    assert SHIPPED.start == "pk-2015-11-30-exit-announced"
    assert to_document(SHIPPED)["start"] == SHIPPED.start


def test_a_start_naming_no_event_is_a_located_error(tmp_path):
    with pytest.raises(DatasetError) as caught:
        load(_with_start(tmp_path, "pk-exit"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (5, 8) and "unknown event 'pk-exit'" in problem.message


def test_start_survives_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(opening, "MIN_BYTES", 0)  # store even this small file
    path = _with_start(tmp_path, "pk-exit-announced")
    assert open_dataset(path).start == "pk-exit-announced"
    stored = open_dataset(path)
    assert isinstance(stored, StoredDataset) and stored.start == "pk-exit-announced"
    assert stored.whole().start == "pk-exit-announced"


def _shown(app: ExplorerApp) -> str:
    return " ".join(" ".join(compat.screen_lines(app.screen)).split())


def test_the_explorer_opens_on_the_start_and_says_what_the_dataset_is():
    async def scenario() -> tuple[str | None, bool]:
        app = ExplorerApp(SHIPPED, theme="textual-dark", show_description=True)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            event = app.explorer.timeline.event
            return event.id if event else None, "For journalists" in _shown(app)

    shown, described = asyncio.run(scenario())
    assert shown == "pk-2015-11-30-exit-announced"
    assert "For journalists" in SHIPPED.description and described


def test_the_description_goes_at_the_first_key_and_other_notices_stay():
    async def scenario() -> tuple[bool, bool, bool, str | None]:
        app = ExplorerApp(
            SHIPPED, theme="textual-dark", show_description=True, notices=["Keymap: sample"]
        )
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            before = _shown(app)
            await pilot.press("j")  # the key still does its own job
            await pilot.pause()
            after = _shown(app)
            event = app.explorer.timeline.event
            return (
                "For journalists" in before,
                "For journalists" in after,
                "Keymap: sample" in after,
                event.id if event else None,
            )

    before, after, kept, moved_to = asyncio.run(scenario())
    assert (before, after, kept) == (True, False, True)
    assert moved_to != "pk-2015-11-30-exit-announced"


def test_event_overrides_the_start():
    async def scenario() -> str | None:
        app = ExplorerApp(SHIPPED, theme="textual-dark", start_event=SHIPPED.events[0].id)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            event = app.explorer.timeline.event
            return event.id if event else None

    assert asyncio.run(scenario()) == SHIPPED.events[0].id


def test_an_unknown_theme_is_a_usage_error_listing_the_themes(capsys):
    assert main([str(MINI_PATH), "--theme", "no-such-theme"]) == 2
    *usage, error = capsys.readouterr().err.splitlines()
    assert usage[0].startswith("usage: bbtui")
    assert error.startswith("bbtui: error: unknown theme 'no-such-theme'; themes: ")
    assert "textual-light" in error and "nord" in error


def test_the_event_id_is_shown_in_the_detail():
    async def scenario() -> str:
        app = ExplorerApp(SHIPPED, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return app.explorer.detail.text

    assert "id: pk-2015-11-30-exit-announced" in asyncio.run(scenario())
