"""The targets of issue #18, measured side by side in one run (never as timed tests).

    python benchmarks/targets.py                    # shipped dataset and 100k events
    python benchmarks/targets.py --sizes 10000      # other generated sizes
    python benchmarks/targets.py --runs 5           # more runs per figure (ranges widen less)

For each dataset: the first screen of `bbtui PATH` and of VisiData on the same
data as CSV (when `vd` is installed), both timed the same way, in a tmux pane of
80x24 from the moment tmux is asked to start the program until a known row is
on the screen; the peak memory at the first frame (VmHWM of a headless
first-frame probe); how long `q` takes to end the process, pressed at the
first frame and again 0.5 s later; `bbtui search WORD` against `grep -c WORD`
on the YAML; and the in-app search keystroke (probe.py search). The store is
warmed first (the first open of 100k events takes minutes); its own cold
time is reported once. Every figure is a range over --runs runs: this
machine is shared, so single figures move a lot.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import PLANTED_WORD, write_dataset  # noqa: E402
from run import DATA_DIR, probe, with_bytecode  # noqa: E402

SOCKET = f"bbtui-bench-{os.getpid()}"
_SERVERS = itertools.count()


def _tmux(*args: str, env: dict[str, str] | None = None, socket: str = SOCKET) -> str:
    done = subprocess.run(
        ["tmux", "-L", socket, "-f", "/dev/null", *args],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    return done.stdout


def screen_time(command: list[str], marker: str, env: dict[str, str], quit_after: float | None):
    """(seconds to the first screen showing `marker`, seconds `q` took to end it, or None)."""
    # A server of its own each time: `kill-server` returns before the old one
    # has gone, and a session started on its socket then died with it (a run
    # in a few "failed" after 120 s with nothing on screen).
    socket = f"{SOCKET}-{next(_SERVERS)}"
    tmux = partial(_tmux, socket=socket)
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", shlex.join(command), env=env)
    tmux("set-option", "-t", "b", "remain-on-exit", "on")
    shown = exited = None
    deadline = started + 120
    while time.perf_counter() < deadline:
        if marker in tmux("capture-pane", "-p", "-t", "b"):
            shown = time.perf_counter() - started
            break
        time.sleep(0.003)
    if shown is not None and quit_after is not None:
        time.sleep(quit_after)
        pressed = time.perf_counter()
        tmux("send-keys", "-t", "b", "q")
        while time.perf_counter() < pressed + 30:
            if tmux("display-message", "-p", "-t", "b", "#{pane_dead}").strip() == "1":
                exited = time.perf_counter() - pressed
                break
            time.sleep(0.002)
    tmux("kill-server")
    return shown, exited


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def span(values: list[float | None], unit: str = "s") -> str:
    found = sorted(v for v in values if v is not None)
    if not found:
        return "n/a"
    scale, fmt = (1000, "{:.0f}") if unit == "ms" else (1, "{:.2f}")
    low, high = (fmt.format(v * scale) for v in (found[0], found[-1]))
    text = low if low == high else f"{low}-{high}"
    return f"{text} {unit}" + (
        "" if len(found) == len(values) else f" ({len(values) - len(found)} failed)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from bbtui.core.loader import load
    from bbtui.core.paths import shipped_dataset

    vd = shutil.which("vd")
    bbtui = [sys.executable, "-m", "bbtui"]
    cache = Path(os.environ.get("BBTUI_BENCH_CACHE") or tempfile.mkdtemp(prefix="bbtui-bench-"))
    env = with_bytecode({**os.environ, "BBTUI_CACHE_DIR": str(cache), "TERM": "xterm-256color"})
    env.pop("BBTUI_NO_CACHE", None)
    lines = [f"runs per figure: {args.runs}; store in {cache}; VisiData: {vd or 'not installed'}"]

    bare = [probe("first-frame", "--bare", env=env) for _ in range(args.runs)]
    bare_times = [r["ready_wall"] - started for r, started in bare]
    shipped = [probe("first-frame", str(shipped_dataset()), env=env) for _ in range(args.runs)]
    shipped_times = [r["ready_wall"] - started for r, started in shipped]
    ratio = sorted(s / b for s, b in zip(shipped_times, bare_times, strict=True))
    lines.append(
        f"shipped first frame (headless probe) {span(shipped_times, 'ms')} vs bare Textual "
        f"{span(bare_times, 'ms')}: {ratio[0]:.2f}-{ratio[-1]:.2f}x (target <= 1.3x)"
    )
    # bbtui pauses the cycle collector until its first frame (ui/collector.py);
    # the bare app paused the same way says how much of the ratio that is.
    paused = [probe("first-frame", "--bare", "--paused", env=env) for _ in range(args.runs)]
    paused_times = [r["ready_wall"] - started for r, started in paused]
    paused_ratio = sorted(s / b for s, b in zip(shipped_times, paused_times, strict=True))
    lines.append(
        f"  against the bare app with its collector paused too {span(paused_times, 'ms')}: "
        f"{paused_ratio[0]:.2f}-{paused_ratio[-1]:.2f}x"
    )
    # CPU time to the same frame: what a loaded machine inflates least.
    cpu = sorted(
        s["ready_cpu"] / b["ready_cpu"] for (s, _), (b, _) in zip(shipped, bare, strict=True)
    )
    lines.append(
        f"  the same in CPU time: {span([s['ready_cpu'] for s, _ in shipped], 'ms')} vs "
        f"{span([b['ready_cpu'] for b, _ in bare], 'ms')}: {cpu[0]:.2f}-{cpu[-1]:.2f}x"
        f" (load average {os.getloadavg()[0]:.1f})"
    )
    for size in (int(s) for s in args.sizes.split(",") if s):
        path = DATA_DIR / f"bbtui-{size}.yaml"
        if not path.is_file():
            write_dataset(size, path)
        csv = path.with_suffix(".csv")
        started = time.perf_counter()
        cold, _ = probe("load", str(path), env=env)  # writes the store if it is missing
        lines.append(f"\n{size:,} events ({path.stat().st_size / 1e6:.0f} MB YAML): "
                     f"open {cold['seconds']:.1f} s (store written now if it was missing; "
                     f"peak {cold['maxrss_mb']:.0f} MB)")  # fmt: skip
        if not csv.is_file():
            subprocess.run([*bbtui, "export", "-f", "csv", "--data", str(path), "-o", str(csv)],
                           env=env, check=True)  # fmt: skip
        first = load(path) if size <= 10_000 else None
        title = (first.events[0].title if first else _first_title(path, env))[:14]
        row = csv.read_text(encoding="utf-8", errors="replace")[:4096].splitlines()[1].split(",")[0]
        ours = [screen_time([*bbtui, str(path)], title, env, 0.0) for _ in range(args.runs)]
        later = [screen_time([*bbtui, str(path)], title, env, 0.5) for _ in range(args.runs)]
        theirs = (
            [screen_time([vd, str(csv)], row, env, None) for _ in range(args.runs)] if vd else []
        )
        lines.append(f"  first screen in tmux: bbtui {span([o[0] for o in ours])}, "
                     f"VisiData (CSV) {span([t[0] for t in theirs]) if vd else 'n/a'}")  # fmt: skip
        lines.append(f"  q to exit: at the first frame {span([o[1] for o in ours], 'ms')}, "
                     f"0.5 s later {span([o[1] for o in later], 'ms')} (target <= 200 ms)")  # fmt: skip
        frames = [probe("first-frame", str(path), env=env)[0] for _ in range(args.runs)]
        lines.append(f"  memory at the first frame (VmHWM): "
                     f"{min(f['maxrss_mb'] for f in frames):.0f}-{max(f['maxrss_mb'] for f in frames):.0f} MB "
                     f"(target <= 150 MB); rows drawn {frames[0]['rows_rendered']}")  # fmt: skip
        for word in (PLANTED_WORD, "interception"):
            ours_s = [
                timed([*bbtui, "search", word, "--data", str(path)], env) for _ in range(args.runs)
            ]
            grep_s = [timed(["grep", "-c", word, str(path)], env) for _ in range(args.runs)]
            lines.append(f"  bbtui search {word}: {span(ours_s)} vs grep -c {span(grep_s)}: "
                         f"{min(ours_s) / min(grep_s):.1f}x best to best (target <= 10x)")  # fmt: skip
        keys = [probe("search", str(path), env=env)[0] for _ in range(args.runs)]
        lines.append(f"  search keystroke (key to list drawn, in the search screen) p50 "
                     f"{span([k['p50_ms'] / 1000 for k in keys], 'ms')}, "
                     f"p95 {span([k['p95_ms'] / 1000 for k in keys], 'ms')} (target p95 <= 16 ms); "
                     f"UI-thread CPU p50 {span([k['cpu_p50_ms'] / 1000 for k in keys], 'ms')}, "
                     f"p95 {span([k['cpu_p95_ms'] / 1000 for k in keys], 'ms')}")  # fmt: skip
        lines.append(f"    same screen with no index (Textual's floor): p50 "
                     f"{span([k['floor_p50_ms'] / 1000 for k in keys], 'ms')}, "
                     f"p95 {span([k['floor_p95_ms'] / 1000 for k in keys], 'ms')}; with Textual's "
                     f"frame pacing p50 {span([k['paced_floor_p50_ms'] / 1000 for k in keys], 'ms')}, "
                     f"p95 {span([k['paced_floor_p95_ms'] / 1000 for k in keys], 'ms')}; the count arrives "
                     f"p50 {span([k['count_p50_ms'] / 1000 for k in keys], 'ms')}, "
                     f"p95 {span([k['count_p95_ms'] / 1000 for k in keys], 'ms')} after the key")  # fmt: skip
        del started
    print("\n".join(lines))
    return 0


def _first_title(path: Path, env: dict[str, str]) -> str:
    script = "from bbtui.core.store import open_dataset; import sys; print(open_dataset(sys.argv[1]).events[0].title)"
    out = subprocess.run([sys.executable, "-c", script, str(path)], env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return out.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
