"""Save copied text to a new file when no clipboard took it.

The file gets a fresh name (`bbtui-copy-20151130-143000.txt`, then `-2`,
`-3`...): nothing that exists is ever replaced. Written atomically.
"""

from __future__ import annotations

import time
from pathlib import Path

from bbtui.core.atomic import RefusingToOverwrite, write_atomic

MAX_TRIES = 1000


def save_new_file(text: str, directory: Path, now: float | None = None) -> Path:
    """Write `text` to a new file in `directory`; return its path. Raises OSError."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    for attempt in range(1, MAX_TRIES + 1):
        suffix = "" if attempt == 1 else f"-{attempt}"
        path = directory / f"bbtui-copy-{stamp}{suffix}.txt"
        try:
            write_atomic(path, text if text.endswith("\n") else text + "\n")
        except RefusingToOverwrite:
            continue
        return path
    raise FileExistsError(f"no free file name in {directory}")
