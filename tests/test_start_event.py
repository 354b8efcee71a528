"""`bbtui --event ID` (and a browser deep link) opens the explorer on that event."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bbtui.cli import main
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.widgets.event_detail import EventDetail

MINI_PATH = Path(__file__).parent / "data" / "mini.yaml"


def test_the_explorer_opens_on_the_start_event():
    async def scenario() -> tuple[str | None, str, str | None]:
        app = ExplorerApp(load(MINI_PATH), theme="textual-dark", start_event="pk-reversal")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = app.explorer.timeline.event
            first = shown.id if shown else None
            text = app.explorer.detail.text
            await pilot.press("k")  # the cursor really is there: one up is the event before
            before = app.explorer.timeline.event
            return first, text, before.id if before else None

    first, text, before = asyncio.run(scenario())
    assert first == "pk-reversal"
    assert text.startswith("Shutdown order rescinded")
    assert before == "pk-exit-announced"


def test_the_detail_pane_shows_only_the_start_event_while_opening(monkeypatch):
    # The timeline starts on it, so the pane is built once, not for the first
    # event and then again for the start event.
    shown: list[str | None] = []
    original = EventDetail.show_event

    def recording(self, event, **kwargs):
        shown.append(event.id if event else None)
        return original(self, event, **kwargs)

    monkeypatch.setattr(EventDetail, "show_event", recording)

    async def scenario() -> None:
        app = ExplorerApp(load(MINI_PATH), theme="textual-dark", start_event="pk-reversal")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    asyncio.run(scenario())
    assert shown == ["pk-reversal"]


def test_an_unknown_event_is_no_match_before_the_ui_starts(capsys):
    # Exit 1, "no match" (bbtui.cli.exit_codes), as for an unknown id in `export --only`.
    assert main([str(MINI_PATH), "--event", "no-such-event"]) == 1
    err = capsys.readouterr().err
    assert err == "bbtui: no event with id no-such-event\n"


def test_help_names_the_option(capsys):
    assert main(["--help"]) == 0
    assert "--event ID" in capsys.readouterr().out
