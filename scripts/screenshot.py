"""Regenerate docs/screenshot.svg: the real explorer on the shipped dataset.

    python scripts/screenshot.py [OUT.svg] [--size 120x36] [--data PATH]

Uses Textual's own SVG screenshot of a headless run, so the README shows
exactly what `bbtui` draws: the Pakistan exit announcement selected, with
the detail pane showing its title, summary and the first quotes.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bbtui.core.errors import DatasetError
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp

ROOT = Path(__file__).resolve().parents[1]
# The shipped id first; the test fixture's id for `--data tests/data/mini.yaml`.
FEATURED_EVENTS = ("pk-2015-11-30-exit-announced", "pk-exit-announced")


async def screenshot(out: Path, size: tuple[int, int], data: Path) -> Path:
    dataset = load(data)
    app = ExplorerApp(dataset, theme="textual-dark")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        featured = next((e for e in FEATURED_EVENTS if e in dataset.event_by_id), None)
        if featured is not None:
            app.jump_to_event(featured)
            await pilot.pause()
            app.explorer.activate(app.explorer.timeline)
            await pilot.pause()
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.svg"))
    parser.add_argument("--size", default="120x36", help="COLUMNSxROWS (default 120x36)")
    parser.add_argument("--data", default=None, help="dataset (default: the shipped one)")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.lower().split("x"))
    data = Path(args.data) if args.data else shipped_dataset()
    try:
        print(asyncio.run(screenshot(Path(args.out), (columns, rows), data)))
    except DatasetError as exc:
        raise SystemExit(str(exc)) from None


if __name__ == "__main__":
    main()
