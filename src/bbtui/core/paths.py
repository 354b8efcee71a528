"""Where things live: the shipped dataset and the user's cache."""

from __future__ import annotations

import os
from pathlib import Path

# In a source checkout (and an editable install) the dataset is the
# repository's own data/events.yaml; a wheel carries it as `bbtui.data`.
_CHECKOUT_DATASET = Path(__file__).resolve().parents[3] / "data" / "events.yaml"


def shipped_dataset() -> Path:
    """The dataset that ships with bbtui."""
    if _CHECKOUT_DATASET.is_file():
        return _CHECKOUT_DATASET
    from importlib.resources import files

    return Path(str(files("bbtui.data") / "events.yaml"))


def cache_dir() -> Path:
    """The user's cache directory for bbtui (XDG on Linux, ~/Library/Caches on macOS)."""
    override = os.environ.get("BBTUI_CACHE_DIR")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "bbtui"
