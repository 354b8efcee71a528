"""Copy with citation (`y`), marking (`space`) and exporting (`ctrl+e`) in the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, Static

from bbtui.core import cite
from bbtui.core.cite_style import Style
from bbtui.core.exporters import export
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.export import ExportScreen

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


def run(test, citation_style: Style = Style.CHICAGO) -> list[tuple[str, str]]:
    """Run `test`; return the notifications shown, as (title, message)."""
    shown: list[tuple[str, str]] = []

    async def main() -> None:
        app = ExplorerApp(MINI, theme="textual-dark", citation_style=citation_style)

        def record(message: str, *, title: str = "", **_: object) -> None:
            shown.append((title, message))

        app.notify = record  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())
    return shown


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)  # waits until the app is idle after each key


def test_y_copies_the_event_then_the_selected_quote_with_citation():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        event = MINI.event_by_id["pk-exit-announced"]
        app.jump_to_event(event.id)
        await pilot.pause()
        await press(pilot, "y")
        assert app.clipboard == cite.cite_event(MINI, event, Style.CHICAGO)
        await press(pilot, "right_square_bracket", "y")
        quote = MINI.quote_by_id["q-beard-unfettered"]
        assert app.clipboard == cite.cite_quote(MINI, quote, Style.CHICAGO)
        assert app.clipboard.startswith("“Pakistan's demand was not a question of public safety")
        assert "— Marty Beard, Chief operating officer, BlackBerry, 30 Nov 2015" in app.clipboard

    shown = run(check)
    # Whether a clipboard confirmed it depends on where the test runs
    # (tests/test_clipboard_*.py pin that down); the title names the item either way.
    assert "event “BlackBerry announces it will leave Pakistan”" in shown[0][0]
    assert "quote by Marty Beard (30 Nov 2015)" in shown[1][0]
    assert all("with Chicago citation" in title for title, _ in shown[:2])
    assert "\n“Pakistan's demand" in shown[1][1]  # says what was sent


def test_y_on_a_country_copies_its_precedent():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "shift+tab", "y")
        text = app.clipboard
        assert text.startswith("India (IN), 2008–2013\nDemand: Lawful interception")
        assert "Outcome: partial access: Consumer services opened" in text
        assert (
            "- Silicon Republic. “India Gives BlackBerry 60 Days before Ban Decision.” "
            "August 31, 2010. https://www.siliconrepublic.com/" in text
        )

    run(check)


def test_y_copies_in_the_style_chosen_in_the_palette():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        app.jump_to_event("pk-exit-announced", "q-beard-unfettered")
        await pilot.pause()
        await press(pilot, "ctrl+p")
        await pilot.press(*"citation style apa")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await press(pilot, "y")
        lines = app.clipboard.splitlines()
        assert lines[0].startswith("“Pakistan's demand was not a question of public safety")
        assert lines[1] == "— Marty Beard, Chief operating officer, BlackBerry, 30 Nov 2015"
        # APA 7: sentence-case title in italics (plain on the clipboard), then (n.d.).
        assert lines[2] == (
            "BlackBerry to exit Pakistan. (n.d.). International Business Times UK. "
            "Retrieved December 1, 2026, from https://www.ibtimes.co.uk/blackberry-exit-"
            "pakistan-government-demands-access-its-bes-servers-1531234"
        )

    shown = run(check)
    assert ("", "y now copies APA citations") in shown
    assert "quote by Marty Beard (30 Nov 2015) with APA citation" in shown[-1][0]


def test_y_copies_in_the_configured_style():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        app.jump_to_event("pk-exit-announced", "q-beard-unfettered")
        await pilot.pause()
        await press(pilot, "y")
        quote = MINI.quote_by_id["q-beard-unfettered"]
        assert app.clipboard == cite.cite_quote(MINI, quote, Style.MLA)
        assert app.clipboard.endswith(
            "“BlackBerry to Exit Pakistan.” International Business Times UK, "
            "https://www.ibtimes.co.uk/blackberry-exit-pakistan-government-demands-access-its-"
            "bes-servers-1531234. Accessed 1 Dec. 2026."
        )

    shown = run(check, citation_style=Style.MLA)
    assert "quote by Marty Beard (30 Nov 2015) with MLA citation" in shown[-1][0]


def test_space_marks_events_and_quotes_visibly():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        timeline = explorer.timeline
        width = timeline.scrollable_content_region.width
        await press(pilot, "space")
        assert explorer.session.marks == {"in-pressure"}
        assert timeline.render_row(1, width, False).text.startswith(" ●")
        assert "● marked · 2008" in explorer.detail.text
        await press(pilot, "space")
        assert explorer.session.marks == set()
        assert timeline.render_row(1, width, False).text.startswith("  ")
        app.jump_to_event("pk-reversal")
        await pilot.pause()
        await press(pilot, "right_square_bracket", "space")
        assert explorer.session.marks == {"q-beard-grateful"}
        assert "● marked" in explorer.detail.text
        row = timeline.row_of(timeline.cursor)
        assert timeline.render_row(row, width, False).text.startswith(" •")  # holds a marked quote

    shown = run(check)
    assert [message for _, message in shown] == [
        "Marked this event; 1 marked for export",
        "Unmarked this event; nothing marked",
        "Marked this quote; 1 marked for export",
    ]


async def export_to(app: ExplorerApp, pilot: Pilot, path: Path, fmt: str | None = None) -> None:
    await press(pilot, "ctrl+e")
    assert isinstance(app.screen, ExportScreen)
    if fmt is not None:
        button = next(b for b in app.screen.query(RadioButton) if b.name == fmt)
        button.value = True
        await pilot.pause()
    app.screen.query_one(Input).value = str(path)
    await pilot.pause()
    app.screen.query_one(Input).focus()
    await press(pilot, "enter")


def test_export_writes_the_marked_items(tmp_path: Path):
    out = tmp_path / "marked.md"

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "space", "j", "j", "space")  # in-pressure and ae-withdrawn
        await export_to(app, pilot, out)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)

    shown = run(check)
    expected = export(MINI, "markdown", only={"in-pressure", "ae-withdrawn"})
    assert out.read_bytes() == expected.encode("utf-8")
    assert shown[-1] == ("Exported", f"markdown → {out}")


def test_export_everything_as_csv_when_nothing_is_marked(tmp_path: Path):
    out = tmp_path / "all.csv"

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await export_to(app, pilot, out, fmt="csv")
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(check)
    assert out.read_bytes() == export(MINI, "csv").encode("utf-8")  # CRLF kept (RFC 4180)


def test_export_asks_before_replacing_a_file(tmp_path: Path):
    out = tmp_path / "existing.md"
    out.write_text("keep me", encoding="utf-8")

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await export_to(app, pilot, out)
        assert isinstance(app.screen, ExportScreen)  # still asking
        warning = str(app.screen.query_one("#export-warning", Static).content)
        assert "exists. Press Export again to replace it." in warning
        assert out.read_text(encoding="utf-8") == "keep me"
        await press(pilot, "escape")  # changed their mind
        assert not isinstance(app.screen, ExportScreen)
        assert out.read_text(encoding="utf-8") == "keep me"
        await export_to(app, pilot, out)
        await press(pilot, "enter")  # confirmed
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(check)
    assert out.read_bytes() == export(MINI, "markdown").encode("utf-8")


def test_export_failure_is_reported_not_raised(tmp_path: Path):
    out = tmp_path / "no-such-folder" / "x.md"

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await export_to(app, pilot, out)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running

    shown = run(check)
    assert shown[-1][0] == "Export failed"
    assert not out.exists()


def test_palette_offers_export():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        from textual.command import CommandInput

        await press(pilot, "ctrl+p")
        app.screen.query_one(CommandInput).value = "Export"
        await pilot.pause(0.2)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, ExportScreen)

    run(check)


def test_q_in_the_export_dialog_does_not_quit():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+e", "q")
        assert app.is_running
        assert isinstance(app.screen, ExportScreen)
        await press(pilot, "escape", "q")
        assert not app.is_running

    run(check)
