"""Comparing precedents: how each demand ended is readable in the row, the
legend explains the symbols, and the selected country stays in the detail."""

from __future__ import annotations

from textual.pilot import Pilot

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.help import HelpScreen
from test_app import press, run

SHIPPED = load(shipped_dataset())


def panel_rows(app: ExplorerApp) -> list[str]:
    panel = app.explorer.precedents
    return [
        "".join(segment.text for segment in panel.render_line(y))
        for y in range(panel.content_region.height)
    ]


def test_rows_say_how_each_demand_ended():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        rows = panel_rows(app)
        uae = next(row for row in rows if "United Arab Emirates" in row)
        # The outcome sentence, not the demand: "the regulator said ... complied".
        assert "◇ settled" in uae and "On 8 Oct 2010 the regulator" in uae
        pakistan = next(row for row in rows if "Pakistan" in row)
        assert "◌ disputed" in pakistan
        assert "•" not in "".join(rows)  # the timeline's mark, not the panel's
        assert "?" in str(app.explorer.precedents.border_subtitle)

    run(check, size=(120, 40), dataset=SHIPPED)


def test_the_selected_events_country_is_marked_with_an_arrow():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        rows = panel_rows(app)
        india = next(row for row in rows if "India" in row)
        assert india.lstrip("▸ ").startswith("→India")

    run(check)


def test_the_precedent_stays_in_the_detail_while_comparing():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "shift+tab")  # precedents
        assert explorer.precedents.has_focus
        codes = []
        for _ in range(2):
            await press(pilot, "down")
            codes.append(explorer.precedents.country.code)
            assert explorer.detail.shown is explorer.precedents.country
        # Into the detail pane to read it: the country stays.
        await press(pilot, "shift+tab")
        assert explorer.detail.has_focus
        assert getattr(explorer.detail.shown, "code", None) == codes[-1]

    run(check)


def test_help_explains_every_outcome_symbol():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "Outcome symbols" in text
        for symbol, word in [
            ("○", "withdrawn"), ("◇", "settled"), ("◌", "disputed"), ("◔", "concessions"),
            ("◑", "partial access"), ("●", "cooperation"), ("◆", "covert access"),
            ("?", "unresolved"),
        ]:  # fmt: skip
            assert f"{symbol} {word}" in text
        assert "accounts differ" in text

    run(check)
