"""The real programs on the other side of each boundary, found or explained.

A test that checks an output with the program that reads it (TimelineJS in
Chromium, citeproc-js, tmux, xclip under Xvfb) asks for that program here.
On a laptop without it the test skips and says what to install; when `CI`
is set (as `.ci/run` runs) a missing tool fails the test instead, so a
green CI always means the real check ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).parent / "node"
NODE_MODULES = NODE_DIR / "node_modules"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

# What Chromium needs to start as root on a machine with no network: no
# sandbox (root), and none of its background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def missing(reason: str) -> None:
    """Skip on a laptop, fail in CI: the real check must run there."""
    if in_ci():
        pytest.fail(f"CI must run this check, but {reason}", pytrace=False)
    pytest.skip(reason)


def require_executable(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed ({hint})")
    assert path is not None
    return path


def require_node_package(package: str) -> Path:
    """A package from tests/node (installed by `npm ci` in tests/node)."""
    require_executable("node", "apt-get install nodejs")
    path = NODE_MODULES / package
    if not path.is_dir():
        missing(f"npm package {package} is missing (run: cd tests/node && npm ci)")
    return path


def require_chromium() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    missing("Chromium is not installed (apt-get install chromium)")
    raise AssertionError  # unreachable: missing() skips or fails


def require_playwright():  # -> playwright.sync_api module
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
        raise
    return sync_api
