"""The first open of a dataset (no store yet): its time and peak memory (never a timed test).

    python benchmarks/first_open.py /tmp/bbtui-bench/bbtui-100000.yaml
    python benchmarks/first_open.py FILE --whole     # the whole-file loader, then the store

Runs the open in a fresh process with a cache directory of its own (removed
afterwards, unless --cache names one to keep), so the figure is the open's alone, and prints the wall time,
the peak resident memory (VmHWM) and the store's size. `--whole` measures the
in-memory path for comparison: `loader.load` and then `build.write`, as the
first open worked before it streamed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = """
import json, os, sys, time
from pathlib import Path
started = time.perf_counter()
path, whole = sys.argv[1], sys.argv[2] == "1"
if whole:
    from bbtui.core import loader
    from bbtui.core.store import build, opening
    dataset = loader.load(path)
    info = os.stat(path)
    meta = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": opening.file_digest(path)}
    build.write(opening.store_file(path), dataset, meta)
else:
    from bbtui.core.store import StoredDataset, open_dataset
    view = open_dataset(path)
    assert isinstance(view, StoredDataset), "no store was written"
seconds = time.perf_counter() - started
status = Path("/proc/self/status").read_text()
peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "peak_kib": peak}))
"""


def first_open(path: Path, whole: bool, keep: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bbtui-first-open-") as temporary:
        cache = str(keep or temporary)
        env = {**os.environ, "BBTUI_CACHE_DIR": cache}
        env.pop("BBTUI_NO_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), "1" if whole else "0"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        stores = list(Path(cache).rglob("*.sqlite3"))
        figures["store_mb"] = sum(p.stat().st_size for p in stores) / 1e6
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--whole", action="store_true", help="the in-memory loader, for comparison")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the store in this cache directory (for targets.py's BBTUI_BENCH_CACHE)",
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()
    started = time.strftime("%H:%M UTC", time.gmtime())
    figures = first_open(args.path, args.whole, args.cache)
    size = args.path.stat().st_size / 1e6
    how = "whole-file loader + build.write" if args.whole else "streaming first open"
    print(
        f"{args.path.name} ({size:.0f} MB), {how}: {figures['seconds']:.1f} s, "
        f"peak {figures['peak_kib'] / 1024:.0f} MB ({figures['peak_kib'] * 1024 / 1e6 / size:.2f}x the file), "
        f"store {figures['store_mb']:.0f} MB; started {started}, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} -> "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
