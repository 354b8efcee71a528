"""The compare screen pinned as SVG snapshots: two columns at 80x24, three at
120x40, and 80x24 under NO_COLOR (the words and symbols carry the meaning).

Review with `pytest tests/test_compare_snapshots.py --snapshot-report`, accept
intended changes with `pytest -n0 --snapshot-update`.
"""

from __future__ import annotations

import pytest

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp

# Into the precedents (PK, IN, AE, SA, ID, ...): pick the UAE, Saudi Arabia and Indonesia.
PICK_THREE = ["shift+tab", "home", "down", "down", "space", "down", "space", "down", "space"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL", raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def shipped() -> ExplorerApp:
    return ExplorerApp(load(shipped_dataset()), theme="textual-dark")


def test_compare_80x24(snap_compare):
    assert snap_compare(shipped(), press=[*PICK_THREE, "v"], terminal_size=(80, 24))


def test_compare_120x40(snap_compare):
    assert snap_compare(shipped(), press=[*PICK_THREE, "v"], terminal_size=(120, 40))


def test_picked_in_the_panel_80x24(snap_compare):
    assert snap_compare(shipped(), press=PICK_THREE, terminal_size=(80, 24))


def test_compare_no_color_80x24(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(shipped(), press=[*PICK_THREE, "v"], terminal_size=(80, 24))
