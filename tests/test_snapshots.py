"""Screens pinned as SVG snapshots (pytest-textual-snapshot).

Review changes with `pytest tests/test_snapshots.py --snapshot-report` and
accept them with `pytest -n0 --snapshot-update`. The theme is fixed and NO_COLOR is
cleared so the developer's environment cannot change the pictures; the
shipped-dataset snapshots change whenever data/events.yaml does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL", raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def app_for(path: Path, theme: str = "textual-dark") -> ExplorerApp:
    return ExplorerApp(load(path), theme=theme)


def test_shipped_80x24(snap_compare):
    assert snap_compare(app_for(shipped_dataset()), terminal_size=(80, 24))


def test_shipped_120x40(snap_compare):
    assert snap_compare(app_for(shipped_dataset()), terminal_size=(120, 40))


def test_help_screen(snap_compare):
    assert snap_compare(
        app_for(DATA / "mini.yaml"), press=["question_mark"], terminal_size=(80, 24)
    )


def test_filtered_timeline(snap_compare):
    # Last event (Pakistan), then `c`: the timeline shows Pakistan only.
    assert snap_compare(app_for(DATA / "mini.yaml"), press=["G", "c"], terminal_size=(80, 24))


def test_country_precedent_in_detail(snap_compare):
    assert snap_compare(
        app_for(DATA / "mini.yaml"), press=["shift+tab", "up"], terminal_size=(80, 24)
    )


def test_quote_selected(snap_compare):
    assert snap_compare(
        app_for(DATA / "mini.yaml"),
        press=["G", "k", "right_square_bracket"],
        terminal_size=(100, 30),
    )


def test_narrow_50x20(snap_compare):
    assert snap_compare(app_for(DATA / "mini.yaml"), terminal_size=(50, 20))


def test_narrow_detail_50x20(snap_compare):
    assert snap_compare(app_for(DATA / "mini.yaml"), press=["G", "tab"], terminal_size=(50, 20))


def test_light_theme(snap_compare):
    assert snap_compare(app_for(DATA / "mini.yaml", theme="textual-light"), terminal_size=(80, 24))


def test_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app_for(DATA / "mini.yaml"), press=["j"], terminal_size=(80, 24))


def test_hostile_text(snap_compare):
    assert snap_compare(app_for(DATA / "hostile.yaml"), terminal_size=(80, 24))


def test_hostile_precedent_emoji_sequences(snap_compare):
    # The response holds 👩‍👩‍👧 ❤️ 👍🏽 #️⃣: shown as their parts, the border in line.
    assert snap_compare(app_for(DATA / "hostile.yaml"), press=["shift+tab"], terminal_size=(80, 24))


async def _steady(pilot) -> None:
    """Stop the text cursors blinking and wait until two frames in a row are the same.

    Textual blinks an Input's cursor every half second, in tests too, so a
    picture taken on a busy machine caught it on or off by chance.
    """
    from textual.widgets import Input

    from bbtui.ui.compat import screen_strips

    for text_input in pilot.app.screen.query(Input):
        text_input.cursor_blink = False
    previous = None
    for _ in range(50):
        await pilot.pause(0.05)
        frame = [[(s.text, s.style) for s in strip] for strip in screen_strips(pilot.app.screen)]
        if frame == previous:
            return
        previous = frame


async def _search_for_customers(pilot) -> None:
    await pilot.app.workers.wait_for_complete()  # the index, built after the first frame
    await pilot.press("slash", *"customers")
    await _steady(pilot)


async def _export_dialog(pilot) -> None:
    await pilot.press("ctrl+e")
    await _steady(pilot)


def test_search_screen(snap_compare):
    assert snap_compare(
        app_for(DATA / "mini.yaml"), run_before=_search_for_customers, terminal_size=(80, 24)
    )


def test_export_screen(snap_compare):
    # No mark first: its notification would time out at a speed that depends on the machine.
    assert snap_compare(
        app_for(DATA / "mini.yaml"), run_before=_export_dialog, terminal_size=(80, 24)
    )


async def _palette_finds_rescinded(pilot) -> None:
    from textual.command import CommandList

    # One answer only: results with equal scores arrive in no fixed order.
    await pilot.press("ctrl+p", *"rescinded")
    # The palette searches its providers asynchronously: wait for the answers.
    for _ in range(100):
        await pilot.pause(0.05)
        found = pilot.app.screen.query(CommandList)
        if found and found.first().option_count >= 1:
            break
    await _steady(pilot)


def test_command_palette(snap_compare):
    assert snap_compare(
        app_for(DATA / "mini.yaml"), run_before=_palette_finds_rescinded, terminal_size=(80, 24)
    )
