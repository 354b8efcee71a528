"""Measure bbtui at scale and print one table.

    python benchmarks/run.py                     # shipped dataset, 1k, 10k, 100k events
    python benchmarks/run.py --sizes 1000,10000  # pick the generated sizes
    python benchmarks/run.py --quick             # one run each, fewer key presses, no 100k

Each figure comes from a fresh process (benchmarks/probe.py) so imports,
memory and caches start cold. A bare Textual app (one Static, the same 80x24
headless terminal) is measured the same way in the same run, and every time is
also shown as a multiple of it, because absolute times drift on shared machines.
Generated datasets are kept in the system temp directory and reused; the
validated-model cache goes to a fresh temporary directory, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_dataset  # noqa: E402

PROBE = str(HERE / "probe.py")
DATA_DIR = Path(tempfile.gettempdir()) / "bbtui-bench"


def probe(*args: str, env: dict[str, str]) -> tuple[dict, float]:
    """Run one probe; its JSON and the wall-clock time the process was started."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"probe {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1]), started


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` for probes that read compiled bytecode, as an installed bbtui does.

    pip compiles an installed package; an editable checkout under
    PYTHONDONTWRITEBYTECODE (any non-empty value, "0" included, turns writing
    off) compiled bbtui's ~70 modules from source in every probe, ~0.1 s of
    the first frame that the bare app (Textual installed, compiled) never paid.
    """
    import compileall

    import bbtui

    compileall.compile_dir(Path(bbtui.__file__).parent, quiet=1)
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def first_frame(target: list[str], env: dict[str, str], runs: int) -> tuple[float, dict]:
    """Median seconds from process start to the first drawn frame."""
    times, last = [], {}
    for _ in range(runs):
        last, started = probe("first-frame", *target, env=env)
        times.append(last["ready_wall"] - started)
    return statistics.median(times), last


def dataset_for(size: int) -> Path:
    path = DATA_DIR / f"bbtui-{size}.yaml"
    if not path.is_file():
        print(f"generating {size:,} events into {path} ...", file=sys.stderr, flush=True)
        write_dataset(size, path)
    return path


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="generated sizes (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="one run each, 1k and 10k only")
    parser.add_argument("--presses", type=int, default=None, help="cursor presses (default 60)")
    parser.add_argument("--json", action="store_true", help="also print every figure as JSON")
    args = parser.parse_args(argv)
    default_sizes = "1000,10000" if args.quick else "1000,10000,100000"
    sizes = [int(s) for s in (args.sizes or default_sizes).split(",") if s]
    runs = 1 if args.quick else 3
    presses = args.presses or (20 if args.quick else 60)

    from bbtui.core.paths import shipped_dataset

    targets = [("shipped", shipped_dataset())] + [(f"{n:,}", dataset_for(n)) for n in sizes]

    with tempfile.TemporaryDirectory(prefix="bbtui-bench-cache-") as cache:
        env = with_bytecode({**os.environ, "BBTUI_CACHE_DIR": cache})
        env.pop("BBTUI_NO_CACHE", None)
        # Warm the interpreter's own caches (bytecode, page cache) before timing.
        probe("first-frame", "--bare", env=env)
        bare_frame, bare = first_frame(["--bare"], env, runs)
        bare_cursor, _ = probe("cursor", "--bare", "--presses", str(presses), env=env)
        rows = []
        for name, path in targets:
            size_mb = path.stat().st_size / 1e6
            cold, _ = probe("load", str(path), env=env)  # empty cache: YAML + validation + write
            warm, _ = probe("load", str(path), env=env)  # the cache written just now
            frame, frame_info = first_frame([str(path)], env, runs)
            cursor, _ = probe("cursor", str(path), "--presses", str(presses), env=env)
            search, _ = probe("search", str(path), env=env)
            rows.append(
                {
                    "dataset": name, "events": frame_info["events"], "mb": size_mb,
                    "load_cold_s": cold["seconds"], "load_cold_rss_mb": cold["maxrss_mb"],
                    "load_warm_s": warm["seconds"], "first_frame_s": frame,
                    "rows_rendered": frame_info["rows_rendered"],
                    "first_frame_rss_mb": frame_info["maxrss_mb"],
                    "cursor_p50_ms": cursor["p50_ms"], "cursor_p95_ms": cursor["p95_ms"],
                    "search": search,
                }
            )  # fmt: skip
            print(f"measured {name}", file=sys.stderr, flush=True)

    print(table(rows, bare_frame, bare_cursor, bare))
    if args.json:
        print(
            json.dumps({"bare_first_frame_s": bare_frame, "bare_cursor": bare_cursor, "rows": rows})
        )
    return 0


def table(rows: list[dict], bare_frame: float, bare_cursor: dict, bare: dict) -> str:
    def x(seconds: float) -> str:
        return f"{seconds / bare_frame:.1f}x"

    lines = [
        (
            f"bare Textual app (one Static, 80x24): first frame {ms(bare_frame)}, "
            f"key p50 {bare_cursor['p50_ms']:.1f} ms / p95 {bare_cursor['p95_ms']:.1f} ms, "
            f"peak {bare['maxrss_mb']:.0f} MB"
        ),
        "in brackets: multiples of the bare app's first frame (cursor: of its key latency)",
        "",
    ]
    header = (
        "dataset", "events", "file", "load cold", "load warm", "first frame",
        "rows drawn", "cursor p50/p95", "search build", "keystroke p50/p95", "peak mem",
    )  # fmt: skip
    body = []
    for r in rows:
        s = r["search"]
        if "p50_ms" in s:
            search_build = ms(s["build_seconds"])
            keystroke = f"{s['p50_ms']:.1f}/{s['p95_ms']:.1f} ms"
        else:
            search_build = keystroke = "n/a"
        key_x = bare_cursor["p95_ms"]
        body.append(
            (
                r["dataset"], f"{r['events']:,}", f"{r['mb']:.1f} MB",
                f"{ms(r['load_cold_s'])} ({x(r['load_cold_s'])})",
                f"{ms(r['load_warm_s'])} ({x(r['load_warm_s'])})",
                f"{ms(r['first_frame_s'])} ({x(r['first_frame_s'])})",
                str(r["rows_rendered"]),
                f"{r['cursor_p50_ms']:.1f}/{r['cursor_p95_ms']:.1f} ms ({r['cursor_p95_ms'] / key_x:.0f}x)",
                search_build, keystroke,
                (f"{max(r['first_frame_rss_mb'], r['load_cold_rss_mb']):.0f} MB "
                f"(warm {r['first_frame_rss_mb']:.0f})"),
            )
        )  # fmt: skip
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(header)]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("-|-".join("-" * w for w in widths))
    out += [" | ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)) for b in body]
    return "\n".join(lines + out)


if __name__ == "__main__":
    sys.exit(main())
