"""One measurement in a fresh process, printed as one line of JSON (run.py starts these).

    python benchmarks/probe.py first-frame PATH     # or: first-frame --bare
    python benchmarks/probe.py load PATH            # through the store (BBTUI_CACHE_DIR)
    python benchmarks/probe.py cursor PATH --presses 50   # or: cursor --bare
    python benchmarks/probe.py search PATH --query "government access"   # in the search screen

Every mode reports `maxrss_mb`, the process's peak resident memory. The
first-frame mode reports `ready_wall`, the wall-clock time when the first frame
with the timeline filled has been drawn; the parent subtracts the moment it
started the process, so interpreter start-up and imports count too; and
`ready_cpu`, the process's CPU time by then (user + system, from its start),
which a busy machine inflates far less than the wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

SIZE = (80, 24)


def _maxrss_mb() -> float:
    # VmHWM, not ru_maxrss, where there is one: Linux keeps ru_maxrss across
    # exec, so a probe started by a big runner reported the runner's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # Linux reports kilobytes, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _report(**figures: object) -> None:
    print(json.dumps({**figures, "maxrss_mb": round(_maxrss_mb(), 1)}), flush=True)


def bare_app_class():
    """The yardstick: a Textual app with one Static, measured exactly like the explorer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("bare")

    return BareApp


def explorer_app(path: str):
    # Opened exactly as `bbtui PATH` opens it (through the store, then gc.freeze).
    from bbtui.cli.explore import open_dataset
    from bbtui.ui.app import ExplorerApp

    return ExplorerApp(open_dataset(path))


def first_frame(path: str | None, paused: bool = False) -> None:
    """`path` None: the bare app; `paused`: the bare app with the cycle collector paused
    until its first frame, as `bbtui` pauses it (how much of the difference that is)."""
    rendered = [0]  # timeline rows drawn by the first frame: must not grow with the data
    if path is not None or paused:
        # As `bbtui PATH` starts (cli/explore.py): the collector paused before
        # the explorer's modules are imported, resumed after the first frame.
        from bbtui.ui import collector

        collector.pause()
    if path is None:
        base = bare_app_class()
        app_args: tuple = ()
    else:
        from bbtui.cli.explore import open_dataset
        from bbtui.ui.app import ExplorerApp
        from bbtui.ui.widgets.timeline import Timeline

        original = Timeline.render_row

        def counting_render_row(self, row, width, is_cursor):  # type: ignore[no-untyped-def]
            rendered[0] += 1
            return original(self, row, width, is_cursor)

        Timeline.render_row = counting_render_row  # type: ignore[method-assign]
        base, app_args = ExplorerApp, (open_dataset(path),)
    done: dict[str, float] = {}

    class FirstFrame(base):  # type: ignore[misc, valid-type]
        # Textual resolves CSS_PATH next to the subclass's module: point it back.
        if path is not None:
            CSS_PATH = str(Path(inspect.getfile(base)).parent / base.CSS_PATH)

        # Ready comes once the first screen is composed (each class's on_ready
        # runs); the refresh after it is the first frame.
        def on_ready(self) -> None:
            self.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            done["ready_wall"] = time.time()
            done["ready_cpu"] = time.process_time()
            self.exit()

    app = FirstFrame(*app_args)
    app.run(headless=True, size=SIZE)
    figures: dict[str, object] = {"ready_wall": done["ready_wall"], "ready_cpu": done["ready_cpu"]}
    if path is not None:
        figures["rows_rendered"] = rendered[0]
        figures["events"] = len(app.dataset.events)
    _report(**figures)


def load(path: str) -> None:
    from bbtui.core.store import open_dataset

    start = time.perf_counter()
    dataset = open_dataset(path)
    _report(seconds=time.perf_counter() - start, events=len(dataset.events))


async def _cursor(path: str | None, presses: int) -> list[float]:
    from textual import events

    app = bare_app_class()() if path is None else explorer_app(path)
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        loop = asyncio.get_running_loop()
        moved: list[asyncio.Future[None]] = []
        timeline = app.explorer.timeline if path is not None else None  # type: ignore[attr-defined]
        if timeline is not None:
            timeline.move_to(0)  # the app may open on a later event (the shipped one does)
            await pilot.pause()
            listener = timeline.highlight_listener

            def heard(event: object) -> None:
                listener(event)
                if moved and not moved[-1].done():
                    moved[-1].set_result(None)

            timeline.highlight_listener = heard
        for _ in range(presses):
            # Not pilot.press: its idle detection sleeps ~80 ms per key whatever
            # the app does. Send the key as the terminal driver would, wait until
            # the timeline has moved (the screen can be idle before the key reaches
            # it) and every widget has handled what it caused, then for the next frame.
            drawn = loop.create_future()
            moved.append(loop.create_future())
            start = time.perf_counter()
            key = events.Key("down", None)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
            if timeline is not None:
                await moved[-1]
            await pilot._wait_for_screen()
            app.call_after_refresh(lambda drawn=drawn: drawn.done() or drawn.set_result(None))
            await drawn
            times.append(time.perf_counter() - start)
        if timeline is not None:
            assert timeline.cursor == presses, "the cursor did not move once per press"
    return times


def cursor(path: str | None, presses: int) -> None:
    times = asyncio.run(_cursor(path, presses))
    _report(**_percentiles(times))


COUNTING = "counting"  # in the search screen's count line until the total arrives


async def _type_query(
    app, pilot, query: str, wait_for_count: bool, floor: bool = False
) -> tuple[list, list, list]:
    """Type `query` into the open search screen one key at a time.

    Per key: seconds until the results list is drawn (what the reader waits
    for), with `wait_for_count` until the count line shows the total, and the
    CPU seconds the UI thread spent meanwhile (the work, without the wait for
    Textual's next frame slot or for other processes on a busy machine).
    Without it the next key follows as soon as the list is drawn, so a count
    still being worked out for the previous query is racing the next key.

    "Drawn" is the end of the frame that paints the list with the results of
    the text typed so far (with no index, `floor`: the input with that text).
    Not a frame after the key: the input's echo of the key can be drawn in a
    frame of its own before the search has run.
    """
    from textual import events
    from textual.widgets import Input, Static

    from bbtui.ui.screens.search import ResultList

    loop = asyncio.get_running_loop()
    screen = app.screen
    count = screen.query_one("#search-count", Static)
    field = screen.query_one(Input)
    typed = field.value
    waiting: list[asyncio.Future[None]] = []

    def shows_typed() -> bool:
        if floor:
            return field.value == typed
        return screen.results is not None and screen.results.query == typed

    watched = field if floor else screen.query_one(ResultList)
    render_lines = watched.render_lines

    def watching(crop):  # type: ignore[no-untyped-def]
        lines = render_lines(crop)
        # The waiting coroutine resumes after this frame is composed and written.
        if waiting and not waiting[-1].done() and shows_typed():
            waiting[-1].set_result(None)
        return lines

    watched.render_lines = watching  # type: ignore[method-assign]
    drawn_times, count_times, cpu_times = [], [], []
    try:
        for char in query:
            typed += char
            drawn = loop.create_future()
            waiting.append(drawn)
            start, cpu = time.perf_counter(), time.thread_time()
            key = events.Key("space" if char == " " else char, char)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
            await drawn
            drawn_times.append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - cpu)
            if wait_for_count:
                await _counted(app, count, start, count_times)
    finally:
        del watched.render_lines
    return drawn_times, count_times, cpu_times


async def _counted(app, count, start: float, count_times: list) -> None:  # type: ignore[no-untyped-def]
    """Until the count line shows the total (and is drawn): seconds since `start`."""
    loop = asyncio.get_running_loop()
    # Polled: the screen offers no event to wait on, and a test hook would be measured.
    while COUNTING in str(count.content):  # noqa: ASYNC110
        await asyncio.sleep(0.001)
    shown = loop.create_future()
    app.call_after_refresh(lambda shown=shown: shown.done() or shown.set_result(None))
    await shown
    count_times.append(time.perf_counter() - start)


# What a reader might type into the 100k generated dataset (benchmarks/generate.py):
# common words, a phrase, a filter, a typo, the one planted word.
QUERIES = (
    "government access",
    "lawful interception",
    '"security agencies"',
    "speaker:beard customers",
    "encryptd servers",
    "country:pk year:2015 access",
    "quokkaphone",
)


async def _settled(app) -> None:  # type: ignore[no-untyped-def]
    """Until every worker has ended. A count that the next key superseded is
    cancelled, and `wait_for_complete` raises for it: that is the screen
    working, not a fault, so each worker is waited for on its own."""
    await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)


async def _search_screen(
    path: str,
    queries: list[str],
    wait_for_count: bool,
    floor: bool = False,
    textual_pacing: bool = False,
) -> dict:
    """Open the search screen of `bbtui PATH` and type each query (see _type_query).

    `floor`: the same screen with no index (it says "Indexing quotes…" and
    searches nothing), the yardstick: what typing into it costs in Textual.
    `textual_pacing`: frames drawn at Textual's 1/60 s slots, as before the
    screen drew a keystroke's frame at once (compat.draw_at_once).
    """
    from textual.widgets import Input

    from bbtui.ui.screens import search as search_screen
    from bbtui.ui.screens.search import QuoteSearchScreen, ResultList

    if textual_pacing and hasattr(search_screen, "draw_at_once"):

        def paced(screen, widgets, then=None):  # type: ignore[no-untyped-def]
            if then is not None:
                then()

        search_screen.draw_at_once = paced  # type: ignore[attr-defined]
    app = explorer_app(path)
    figures: dict[str, list] = {"drawn": [], "counted": [], "cpu": [], "lines": []}
    async with app.run_test(size=SIZE) as pilot:
        while app.explorer.index is None:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)  # on the store: nothing to build, only to open
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuoteSearchScreen)
        if floor:
            screen.index = None
        for query in queries:
            screen.query_one(Input).value = ""  # not timed: a fresh query
            await _settled(app)
            await pilot.pause()
            keys, counts, cpu = await _type_query(app, pilot, query, wait_for_count, floor)
            figures["drawn"] += keys
            figures["counted"] += counts
            figures["cpu"] += cpu
            await _settled(app)
            await pilot.pause()
            listed = screen.query_one(ResultList).item_count
            assert floor or listed > 0, f"{query!r} listed nothing"
            figures["lines"].append(f"{query}: {screen.query_one('#search-count').content}")
    return figures


def search(path: str, queries: list[str]) -> None:
    """The search screen of `bbtui PATH`, typed into: what a reader waits for per key.

    Four times, in fresh apps: typed as fast as the list is drawn (p50/p95:
    key to list drawn; cpu_*: the UI thread's CPU time for it); the same
    keys with no index (floor_*: Textual's own cost, frames drawn as the
    screen draws them); again with Textual's own frame pacing (paced_floor_*:
    each frame at the next 1/60 s slot); and pausing after each key until
    the count line shows the total (count_*: from the key to the count drawn).
    The machine's load average is reported with them (`load`, 1 and 5 min).
    """
    typed = asyncio.run(_search_screen(path, queries, wait_for_count=False))
    floor = asyncio.run(_search_screen(path, queries, wait_for_count=False, floor=True))
    textual = asyncio.run(
        _search_screen(path, queries, wait_for_count=False, floor=True, textual_pacing=True)
    )
    paced = asyncio.run(_search_screen(path, queries, wait_for_count=True))
    keys = _percentiles(typed["drawn"])
    cpu = _percentiles(typed["cpu"])
    bare = _percentiles(floor["drawn"])
    bare_cpu = _percentiles(floor["cpu"])
    textual_floor = _percentiles(textual["drawn"])
    counted = _percentiles(paced["counted"])
    _report(
        **keys,
        cpu_p50_ms=cpu["p50_ms"],
        cpu_p95_ms=cpu["p95_ms"],
        floor_p50_ms=bare["p50_ms"],
        floor_p95_ms=bare["p95_ms"],
        floor_cpu_p50_ms=bare_cpu["p50_ms"],
        floor_cpu_p95_ms=bare_cpu["p95_ms"],
        paced_floor_p50_ms=textual_floor["p50_ms"],
        paced_floor_p95_ms=textual_floor["p95_ms"],
        count_p50_ms=counted["p50_ms"],
        count_p95_ms=counted["p95_ms"],
        load=[round(n, 2) for n in os.getloadavg()[:2]],
        count_lines=typed["lines"],
    )


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "count": len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("first-frame", "load", "cursor", "search"))
    parser.add_argument("path", nargs="?")
    parser.add_argument("--bare", action="store_true", help="measure the bare Textual app")
    parser.add_argument(
        "--paused", action="store_true",
        help="first-frame --bare: with the cycle collector paused as bbtui pauses it",
    )  # fmt: skip
    parser.add_argument("--presses", type=int, default=50)
    parser.add_argument(
        "--query", action="append", help="search: a query to type (repeatable; default: QUERIES)"
    )
    args = parser.parse_args()
    path = None if args.bare else args.path
    if path is None and not (args.bare and args.mode in ("first-frame", "cursor")):
        parser.error("give a PATH (or --bare for first-frame and cursor)")
    if args.mode == "first-frame":
        first_frame(path, paused=args.paused)
    elif args.mode == "load":
        load(path)  # type: ignore[arg-type]
    elif args.mode == "cursor":
        cursor(path, args.presses)
    else:
        search(path, args.query or list(QUERIES))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
