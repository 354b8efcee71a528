"""Every test runs apart from the machine it runs on.

The dataset store (`BBTUI_CACHE_DIR`) and any configuration or cache under
the XDG directories go to one temporary folder per test session (per xdist
worker): never the developer's own `~/.cache/bbtui`, and the same on every
machine. A test that checks the store itself still sets its own directory
with `monkeypatch.setenv`, which wins over this.

Variables that change how output looks are removed, so a developer's
NO_COLOR, FORCE_COLOR, COLORTERM or TEXTUAL_THEME cannot change a snapshot
or a printed line: a test that wants NO_COLOR sets it itself. The colour
depth is pinned instead (COLORTERM=truecolor): the app adapts its colours to
a 256- or 16-colour terminal (ui/contrast.py), so the machine's TERM would
otherwise change every snapshot; a test of another depth sets TERM and
removes COLORTERM itself. Subprocess tests inherit the same environment.

No screen or export shows today's date (an access date is a copy of what
the dataset records; a saved copy's file name takes `now` as an argument),
so no clock needs fixing here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# What a terminal or a user sets that would change what bbtui prints or draws.
LEAKING = (
    "NO_COLOR",
    "FORCE_COLOR",
    "COLORTERM",
    "TEXTUAL_THEME",
    "TEXTUAL_COLOR_SYSTEM",
    "BBTUI_NO_CACHE",
    "BBTUI_ACCESSIBLE",
)


@pytest.fixture(scope="session")
def machine_free_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per session for everything bbtui would keep between runs."""
    home = tmp_path_factory.mktemp("bbtui-home")
    for name in ("cache/bbtui", "config", "data"):
        (home / name).mkdir(parents=True)
    return home


@pytest.fixture(autouse=True)
def isolated_from_the_machine(machine_free_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(machine_free_home / "cache" / "bbtui"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(machine_free_home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(machine_free_home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(machine_free_home / "data"))
    monkeypatch.setenv("BBTUI_CONFIG", str(machine_free_home / "config" / "bbtui.toml"))
    for name in LEAKING:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLORTERM", "truecolor")


# The files that run longest (10-40 s each on a quiet 2-core machine) start
# first, so that what is left at the end, for an idle worker to take from
# the others (--dist worksteal), is short tests.
LONGEST_FIRST = (
    "test_contrast.py",
    "test_citeproc_reference.py",
    "test_serve_browser.py",
    "test_compare_screen.py",
    "test_stream_open.py",
)


def pytest_configure(config: pytest.Config) -> None:
    # Hundreds of tests start bbtui in a child process. Where
    # PYTHONDONTWRITEBYTECODE is set (as on the CI machines), no child ever
    # writes the package's bytecode, so each compiled all of bbtui again
    # (~0.3 s of CPU apiece). Compiled once here, before the workers start;
    # reading bytecode is still allowed. Only stale or missing files are written.
    if not hasattr(config, "workerinput"):
        import compileall

        import bbtui

        compileall.compile_dir(Path(bbtui.__file__).parent, quiet=2)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    # Three workers per two cores: a Pilot test spends about 40% of its wall
    # time asleep, waiting for the app to go idle, so one worker per core
    # left the cores idle that long (2 Dec, quiet 2-core machine, same tree:
    # 136 s with two workers, 108 s with three, 125 s with four).
    return max(2, (os.cpu_count() or 1) * 3 // 2)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: each file's own order is kept
