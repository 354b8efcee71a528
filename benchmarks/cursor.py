"""A cursor move as the terminal sees it: bbtui against a plain OptionList, in tmux.

    python benchmarks/cursor.py                          # shipped dataset, 1k, 10k, 100k
    python benchmarks/cursor.py --sizes 1000 --presses 30
    python benchmarks/cursor.py --json                   # also every figure as JSON

For each dataset two programs run side by side in one tmux server, each in
its own 80x24 window: `bbtui PATH`, and a bare Textual app whose only widget
is an `OptionList` holding the same rows (the timeline's date, country and
title, one option per event, year headings left out). A tmux control-mode
client (`tmux -C attach`) is attached to each; the benchmark presses Down in
one, waits until that program has been quiet for --quiet ms, then presses
Down in the other, and so on, so both see the same machine load.

A press is timed from writing `send-keys` to the control client until the
last `%output` notification it caused: *settled*, when the last byte of the
frame reached the terminal. *writes* counts the separate bursts of output
per press: `%output` notifications closer together than --gap ms are one
burst. Raw notifications are not used as the count because tmux emits one
per read from the pane, so it splits one large write at its buffer size and
can merge two writes that arrive between reads; a gap of a few ms separates
Textual's frames (its frame pacing is 1/60 s) and is far above the time tmux
takes between the reads of one write. The raw count is reported too.

The store goes to $BBTUI_BENCH_CACHE (else a fresh temporary directory); the
first open of 100k events builds it (about 70 s). The load average is printed
with the figures: compare the two columns of one run, never absolute times.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DATA_DIR = Path(tempfile.gettempdir()) / "bbtui-bench"
SOCKET = f"bbtui-cursor-{os.getpid()}"
COLUMNS, LINES = 80, 24


# --- the yardstick: a plain OptionList, run in the pane as its own process ---------


def option_list_app(rows_file: str) -> None:
    from textual.app import App, ComposeResult
    from textual.content import Content
    from textual.widgets import OptionList

    # Content, not str: the rows are shown literally, as bbtui shows them.
    rows = [Content(row) for row in Path(rows_file).read_text(encoding="utf-8").splitlines()]

    class PlainList(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*rows)

    PlainList().run()


def write_rows(path: Path, out: Path, env: dict[str, str]) -> str:
    """The timeline's rows as plain lines, through the store like bbtui; the first row."""
    script = (
        "import sys\n"
        "from bbtui.cli.explore import open_dataset\n"
        "d = open_dataset(sys.argv[1])\n"
        "with open(sys.argv[2], 'w', encoding='utf-8') as f:\n"
        "    for e in d.events:\n"
        "        row = f'{e.date.display():>11}  {e.country}  {e.title}'[:74]\n"
        "        f.write(row.replace('\\r', ' ') + '\\n')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path), str(out)], env=env, check=True)
    with out.open(encoding="utf-8") as rows:
        return rows.readline().strip()


# --- tmux -----------------------------------------------------------------------


# The server's whole configuration: nothing from the user's ~/.tmux.conf. A
# control client that never asks for a size does not resize a window (checked
# below); `window-size manual` would say so too, but tmux 3.3a's server exits
# on it at start-up.
# remain-on-exit keeps a crashed program's last screen for the error message.
TMUX_CONF = "set -g default-terminal tmux-256color\nset -g status off\nset -g remain-on-exit on\n"


def tmux(*args: str, env: dict[str, str] | None = None) -> str:
    conf = DATA_DIR / "cursor-tmux.conf"
    if not conf.is_file() or conf.read_text() != TMUX_CONF:
        conf.parent.mkdir(parents=True, exist_ok=True)
        conf.write_text(TMUX_CONF)
    done = subprocess.run(
        ["tmux", "-L", SOCKET, "-f", str(conf), *args],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    return done.stdout


def decoded_length(escaped: str) -> int:
    """Bytes in a %output payload: tmux writes bytes below 32 and backslash as \\ooo."""
    return len(escaped) - 3 * escaped.count("\\")


@dataclass
class ControlClient:
    """`tmux -C attach` to one session; every %output line with the time it was read."""

    session: str
    process: subprocess.Popen[str] = field(init=False)
    outputs: queue.Queue[tuple[float, int]] = field(default_factory=queue.Queue)

    def __post_init__(self) -> None:
        self.process = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-C", "attach", "-t", self.session],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            errors="replace",
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            now = time.perf_counter()
            if line.startswith("%output "):
                payload = line.rstrip("\n").split(" ", 2)[2] if line.count(" ") >= 2 else ""
                self.outputs.put((now, decoded_length(payload)))

    def send(self, command: str) -> float:
        assert self.process.stdin is not None
        started = time.perf_counter()
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return started

    def drain(self) -> list[tuple[float, int]]:
        found = []
        while True:
            try:
                found.append(self.outputs.get_nowait())
            except queue.Empty:
                return found

    def wait_quiet(self, quiet: float, limit: float) -> list[tuple[float, int]]:
        """Collect output until none has come for `quiet` seconds (at most `limit`)."""
        found: list[tuple[float, int]] = []
        end = time.perf_counter() + limit
        while True:
            try:
                found.append(self.outputs.get(timeout=quiet))
            except queue.Empty:
                return found
            if time.perf_counter() > end:
                return found

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("detach-client")
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Press:
    settled: float  # seconds from send-keys to the last byte
    writes: int  # bursts of output, split where the gap exceeds --gap
    chunks: int  # raw %output notifications
    size: int  # bytes written


def bursts(times: list[float], gap: float) -> int:
    return sum(1 for a, b in zip([None, *times], times, strict=False) if a is None or b - a > gap)


def press(client: ControlClient, target: str, key: str, quiet: float, gap: float) -> Press | None:
    client.drain()
    started = client.send(f"send-keys -t {target} {key}")
    got = client.wait_quiet(quiet, limit=5.0)
    if not got:
        return None
    times = [t for t, _ in got]
    return Press(times[-1] - started, bursts(times, gap), len(got), sum(n for _, n in got))


def start(name: str, command: list[str], env: dict[str, str]) -> None:
    tmux("new-session", "-d", "-s", name, "-x", str(COLUMNS), "-y", str(LINES),
         shlex.join(command), env=env)  # fmt: skip


def wait_for(name: str, marker: str, limit: float = 300.0) -> None:
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        if marker in tmux("capture-pane", "-p", "-t", name):
            return
        if tmux("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1":
            break
        time.sleep(0.05)
    screen = tmux("capture-pane", "-p", "-t", name)
    raise SystemExit(f"{name}: {marker!r} never appeared (or it ended); the screen:\n{screen}")


# --- one dataset ------------------------------------------------------------------


def measure(path: Path, env: dict[str, str], args: argparse.Namespace) -> dict[str, list[Press]]:
    rows = Path(tempfile.mkdtemp(prefix="bbtui-cursor-")) / "rows.txt"
    first_row = write_rows(path, rows, env)
    first_title = first_row.split("  ", 2)[-1][:10]
    commands = {
        "bbtui": [sys.executable, "-m", "bbtui", str(path)],
        "OptionList": [sys.executable, str(Path(__file__).resolve()), "--option-list", str(rows)],
    }
    clients: dict[str, ControlClient] = {}
    try:
        for name, command in commands.items():
            start(name, command, env)
            wait_for(name, first_title)
            clients[name] = ControlClient(name)
        for name in clients:
            # Let start-up work finish (an index built after the first frame).
            clients[name].wait_quiet(args.settle, limit=60.0)
            width = tmux("display-message", "-p", "-t", name, "#{window_width}x#{window_height}")
            if width.strip() != f"{COLUMNS}x{LINES}":
                raise SystemExit(f"{name}: the window is {width.strip()}, not {COLUMNS}x{LINES}")
        time.sleep(args.settle)
        presses: dict[str, list[Press]] = {name: [] for name in clients}
        for n in range(args.warmup + args.presses):
            for name, client in clients.items():
                done = press(client, name, "Down", args.quiet_ms / 1000, args.gap_ms / 1000)
                if done is not None and n >= args.warmup:
                    presses[name].append(done)
        return presses
    finally:
        pids = [
            tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip() for name in commands
        ]
        for client in clients.values():
            client.close()
        tmux("kill-server")
        end_left_behind([int(pid) for pid in pids if pid.isdigit()])


def end_left_behind(pids: list[int], wait: float = 3.0) -> None:
    """Kill what outlived its pane: a program still running would load the next dataset's run.

    bbtui ends on the SIGHUP that kill-server sends (it used to hang in
    shutdown, spinning a core: fixed in ui/compat.prompt_exit_driver and
    tested by tests/test_quit_tmux.py); the OptionList app, or a bbtui
    before that fix, may not, and must not load the next dataset's run.
    """
    end = time.perf_counter() + wait
    for pid in pids:
        while time.perf_counter() < end and Path(f"/proc/{pid}").exists():
            time.sleep(0.05)
        if Path(f"/proc/{pid}").exists():
            print(f"  (pid {pid} outlived its pane by {wait:.0f} s: killed)", file=sys.stderr)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def summary(presses: list[Press]) -> dict[str, float]:
    if not presses:
        return {"count": 0}
    settled = [p.settled * 1000 for p in presses]
    writes = [p.writes for p in presses]
    return {
        "count": len(presses),
        "settled_p50_ms": statistics.median(settled),
        "settled_p95_ms": percentile(settled, 0.95),
        "writes_p50": statistics.median(writes),
        "writes_max": max(writes),
        "writes_mean": statistics.fmean(writes),
        "chunks_mean": statistics.fmean(p.chunks for p in presses),
        "bytes_p50": statistics.median(p.size for p in presses),
    }


def line(label: str, figures: dict[str, float]) -> str:
    if not figures.get("count"):
        return f"  {label:<11} no output"
    return (
        f"  {label:<11} settled p50 {figures['settled_p50_ms']:6.1f} ms  "
        f"p95 {figures['settled_p95_ms']:6.1f} ms   writes/key {figures['writes_mean']:.2f} "
        f"(max {figures['writes_max']:.0f})   %output/key {figures['chunks_mean']:.2f}   "
        f"{figures['bytes_p50']:.0f} B"
    )


def dataset_paths(sizes: str) -> list[tuple[str, Path]]:
    from generate import write_dataset

    from bbtui.core.paths import shipped_dataset

    found: list[tuple[str, Path]] = []
    for size in (s.strip() for s in sizes.split(",") if s.strip()):
        if size == "shipped":
            found.append(("shipped", shipped_dataset()))
            continue
        path = DATA_DIR / f"bbtui-{int(size)}.yaml"
        if not path.is_file():
            write_dataset(int(size), path)
        found.append((f"{int(size):,}", path))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="shipped,1000,10000,100000")
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5, help="presses not counted")
    parser.add_argument("--quiet-ms", type=float, default=250, help="silence that ends a press")
    parser.add_argument("--gap-ms", type=float, default=4, help="silence that splits two writes")
    parser.add_argument(
        "--settle", type=float, default=2.0, help="seconds of quiet before pressing"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--option-list", metavar="ROWS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.option_list:
        option_list_app(args.option_list)
        return 0
    cache = os.environ.get("BBTUI_BENCH_CACHE") or tempfile.mkdtemp(prefix="bbtui-bench-")
    env = {**os.environ, "BBTUI_CACHE_DIR": cache, "BBTUI_CONFIG": "/dev/null"}
    env.pop("BBTUI_NO_CACHE", None)
    env.pop("TMUX", None)
    print(f"{time.strftime('%a %d %b %Y %H:%M UTC', time.gmtime())}; store in {cache}; "
          f"{args.presses} presses of Down each, quiet {args.quiet_ms:.0f} ms, "
          f"gap {args.gap_ms:.0f} ms", flush=True)  # fmt: skip
    results = {}
    for label, path in dataset_paths(args.sizes):
        before = os.getloadavg()[0]
        presses = measure(path, env, args)
        after = os.getloadavg()[0]
        figures = {name: summary(found) for name, found in presses.items()}
        results[label] = {**figures, "load_average": [before, after]}
        ours, theirs = figures["bbtui"], figures["OptionList"]
        ratio = (
            ours["settled_p95_ms"] / theirs["settled_p95_ms"]
            if ours.get("count") and theirs.get("count")
            else float("nan")
        )
        print(f"{label} events (load average {before:.1f} -> {after:.1f}): "
              f"bbtui p95 is {ratio:.2f}x the OptionList's (target <= 2x, 1 write per key)")  # fmt: skip
        print(line("bbtui", ours))
        print(line("OptionList", theirs), flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
