"""Where `bbtui search WORD` spends its time on a common word, against `grep -c` (not a test).

    BBTUI_CACHE_DIR=DIR python benchmarks/search_floor.py /tmp/bbtui-bench/bbtui-100000.yaml

The store must exist (run `bbtui search x --data FILE` once). Each line is
best of `--runs`, all in one run, so they compare:

- `grep -c WORD FILE`, the target's yardstick;
- the store's check that it holds this file (the file's SHA-256 and the
  search index's digest), which every command makes before it prints;
- one SQL query joining each hit's quote, event and source, rows only;
- the same query with each hit formatted as `bbtui search` lays it out,
  but no row checked: the floor of printing from SQLite in Python;
- `bbtui search WORD`, which also checks every row it reads (its crc and the
  validator's rules: the store is untrusted input) and marks the word.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from targets import timed  # the same timer as the targets' grep and bbtui search lines

from bbtui.core.store import open_dataset, verify
from bbtui.core.store.opening import store_file

JOINED = (
    "SELECT q.text, q.speaker, q.role, q.said, e.date, e.country, e.title,"
    " s.outlet, s.title, s.published, s.url"
    " FROM quote_words w JOIN docs d ON d.doc = w.rowid JOIN quotes q ON q.ord = d.item"
    " JOIN events e ON e.id = q.event JOIN sources s ON s.id = q.source"
    " WHERE quote_words MATCH ? ORDER BY w.rowid"
)


def best(runs: int, measure: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        measure()
        times.append(time.perf_counter() - started)
    return min(times)


def _rows_only(db: sqlite3.Connection, word: str) -> None:
    for _ in db.execute(JOINED, (f'body : "{word}"',)):
        pass


def _formatted(db: sqlite3.Connection, word: str) -> None:
    with open(os.devnull, "w", encoding="utf-8") as sink:
        rows = db.execute(JOINED, (f'body : "{word}"',))
        while page := rows.fetchmany(1000):
            text = [
                f"“{r[0]}”\n  — {r[1]}, {r[2]}, {r[3]}\n  Event: {r[4]} · {r[5]} — {r[6]}\n"
                f"  Source: {r[7]}, {r[8]}, {r[9]}, {r[10]}\n\n"
                for r in page
            ]
            sink.write("".join(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--word", default="interception")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = store_file(args.path)
    if not store.is_file():
        print(f"no store for {args.path}: run `bbtui search x --data {args.path}` once",
              file=sys.stderr)  # fmt: skip
        return 2
    db = sqlite3.connect(f"file:{store}?mode=ro&immutable=1", uri=True)
    (hits,) = db.execute(
        "SELECT count(*) FROM quote_words WHERE quote_words MATCH ?", (f'body : "{args.word}"',)
    ).fetchone()
    bbtui = [sys.executable, "-m", "bbtui", "search", args.word, "--data", str(args.path)]
    env = dict(os.environ)
    # Commands run into a pipe (`targets.timed`), as a reader's would be: GNU
    # grep -c into /dev/null stops at its first match.
    grep = min(timed(["grep", "-c", args.word, str(args.path)], env) for _ in range(args.runs))
    lines = [
        (f"grep -c {args.word}", grep),
        ("the store's check (file hash, index digest)",
         best(args.runs, lambda: verify(open_dataset(args.path), references=False))),
        ("SQL: each hit's quote, event and source, joined", best(args.runs, lambda: _rows_only(db, args.word))),
        ("  the same, formatted, no row checked", best(args.runs, lambda: _formatted(db, args.word))),
        (f"bbtui search {args.word}", min(timed(bbtui, env) for _ in range(args.runs))),
    ]  # fmt: skip
    print(f"{args.path.name}: {hits:,} quotes hold {args.word!r}; best of {args.runs}")
    for label, seconds in lines:
        print(f"  {label:<52} {seconds:6.2f} s  {seconds / grep:5.1f}x grep")
    return 0


if __name__ == "__main__":
    sys.exit(main())
