"""The detail pane shows, under a quote, where it was first reported and repeated.

Driven through the real app (Pilot) on tests/data/reporting.yaml, whose first
event's quote was first reported by Reuters and repeated by two copies of the
story, and whose second event's quote was repeated from a blog post that is
not among the sources. The snapshot pins how the line looks at 80x24.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "reporting.yaml"


def run(
    test: Callable[[ExplorerApp, Pilot], Awaitable[None]],
    path: Path = FIXTURE,
    size: tuple[int, int] = (80, 24),
) -> None:
    async def main() -> None:
        app = ExplorerApp(load(path), theme="textual-dark")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


def on_screen(app: ExplorerApp) -> str:
    """The detail pane's lines as the terminal shows them (wrapped, scrolled)."""
    detail = app.explorer.detail
    return "\n".join(
        "".join(segment.text for segment in detail.render_line(y))
        for y in range(detail.scrollable_content_region.height)
    )


def test_the_line_follows_the_quote_and_its_citation() -> None:
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        text = app.explorer.detail.text
        line = (
            "First reported: Reuters, 24 Jul 2015 · Repeated in 2 sources: "
            "Khaleej Times; PogoWasRight (the official answered Reuters by text message)"
        )
        assert line in text
        # Under the quote: after its citation, before the event's source list.
        assert text.index("cn.reuters.com") < text.index(line) < text.index("Sources (1)")
        shown = " ".join(" ".join(on_screen(app).replace("▌", "").split()).split())
        assert line in shown  # wrapped on screen at 120x40, every word there

    run(check, size=(120, 40))


def test_at_80x24_the_line_wraps_in_the_pane_and_nothing_is_cut() -> None:
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("enter", "G")  # into the detail pane, and to its end
        shown = " ".join(on_screen(app).replace("▌", "").split())
        assert "First reported: Reuters, 24 Jul 2015 · Repeated in 2 sources:" in shown
        assert "Khaleej Times; PogoWasRight" in shown

    run(check)


def test_without_a_first_report_the_pane_says_it_is_not_recorded() -> None:
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("j")
        assert app.explorer.timeline.event is not None
        assert app.explorer.timeline.event.id == "pk-exit"
        text = app.explorer.detail.text
        assert "First reported: not recorded · Repeated in 2 sources: domain-b; Rapid-Meta" in text

    run(check)


def test_a_quote_the_dataset_says_nothing_of_has_no_line() -> None:
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("G", "k")  # the exit announcement: its quotes carry no claim
        text = app.explorer.detail.text
        assert "Marty Beard" in text
        assert "First reported" not in text and "Repeated in" not in text

    run(check, DATA / "mini.yaml")


def test_snapshot_of_a_quote_with_its_reporting(snap_compare, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    app = ExplorerApp(load(FIXTURE), theme="textual-dark")
    assert snap_compare(app, press=["enter", "G"], terminal_size=(80, 24))
