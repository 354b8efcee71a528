"""`o` hands the selected source's address to the system's browser (BROWSER, a real program)."""

from __future__ import annotations

import os
import stat
import webbrowser

from textual.pilot import Pilot

from bbtui.ui.app import ExplorerApp
from test_app import MINI, press, run


def test_o_opens_the_selected_quotes_source(tmp_path, monkeypatch):
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    # webbrowser reads BROWSER once, on first use: make this process's first use ours.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    event = MINI.events[-1]  # pk-reversal
    quote = MINI.quotes_for(event.id)[0]

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        app.jump_to_event(event.id, quote.id)
        await pilot.pause()
        await press(pilot, "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(50):
            if record.exists():
                break
            await pilot.pause(0.1)

    run(check)
    assert record.read_text().splitlines() == [MINI.source_by_id[quote.source].url]
    assert os.environ["BROWSER"] == str(script)
