"""A cursor move is one frame: the timeline, the detail pane and the scrollbars together.

Each frame the app displays is one write to the terminal (headless, the
write is skipped but the frame is still composed and `post_display_hook`
runs). The detail pane used to follow the timeline a frame later, and its
scrollbar a frame after that: three writes per key (benchmarks/cursor.py
measures it in tmux).
"""

from __future__ import annotations

import asyncio

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp
from bbtui.ui.compat import screen_lines


def frames_per_press(keys: list[str], size: tuple[int, int]) -> tuple[list[int], list[str]]:
    """Frames drawn for each key, and the detail pane's first line after each."""
    dataset = load(shipped_dataset())

    async def scenario() -> tuple[list[int], list[str]]:
        app = ExplorerApp(dataset, theme="textual-dark")
        frames = [0]
        # Textual calls this after every frame it displays ("used in tests").
        app.post_display_hook = lambda: frames.__setitem__(0, frames[0] + 1)  # type: ignore[method-assign]
        counts, titles = [], []
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()  # the search index, built after the first frame
            await pilot.pause(0.3)
            for key in keys:
                before = frames[0]
                await pilot.press(key)
                await pilot.pause(0.1)
                counts.append(frames[0] - before)
                titles.append(app.explorer.detail.text.splitlines()[0])
            assert "".join(screen_lines(app.screen))  # the screen was drawn
        return counts, titles

    return asyncio.run(scenario())


def test_each_cursor_move_is_one_frame_with_the_detail_in_it():
    dataset = load(shipped_dataset())
    assert dataset.start is not None  # the app opens on it, near the end
    counts, titles = frames_per_press(["up"] * 4 + ["down"] * 4, (80, 24))
    assert counts == [1] * 8
    # The detail followed the cursor in that frame: a new event after each move.
    assert len(set(titles[:4])) == 4
    assert titles[4:] == [*titles[2::-1], dataset.event_by_id[dataset.start].title]


def test_a_page_move_is_one_frame_too():
    counts, _ = frames_per_press(["pageup", "pagedown", "home"], (80, 24))
    assert counts == [1, 1, 1]
