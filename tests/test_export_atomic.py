"""Atomic writing: a whole new file, or the old one untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bbtui.core.atomic import RefusingToOverwrite, write_atomic


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_writes_text_as_utf8_bytes_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "a,“b”\r\nc\n")
    assert target.read_bytes() == "a,“b”\r\nc\n".encode()
    assert _names(tmp_path) == ["out.csv"]


def test_writes_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    write_atomic(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"


def test_new_file_gets_the_usual_mode_not_0600(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    old = os.umask(0o022)
    try:
        write_atomic(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("precious")
    with pytest.raises(RefusingToOverwrite) as caught:
        write_atomic(target, "new")
    assert isinstance(caught.value, FileExistsError)
    assert str(target) in str(caught.value)
    assert target.read_text() == "precious"
    assert _names(tmp_path) == ["out.md"]


def test_force_overwrites_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _names(tmp_path) == ["out.md"]


def test_a_directory_is_never_a_target(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "x", force=True)


def test_a_file_created_after_the_check_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone else creates the file while we write: the hard-link publish
    # refuses instead of replacing it.
    target = tmp_path / "out.md"
    real_fsync = os.fsync

    def fsync_then_race(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs")

    monkeypatch.setattr(os, "fsync", fsync_then_race)
    with pytest.raises(RefusingToOverwrite):
        write_atomic(target, "ours")
    assert target.read_text() == "theirs"
    assert _names(tmp_path) == ["out.md"]


@pytest.mark.parametrize(
    ("failing", "force"),
    # Each step that runs on the way: forced writes rename over the old file,
    # unforced ones publish with a hard link.
    [("fsync", True), ("chmod", True), ("replace", True), ("fsync", False), ("link", False)],
)
def test_failure_mid_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, force: bool
) -> None:
    target = tmp_path / "out.md"
    if force:
        target.write_text("old contents")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    if failing == "link":
        # Without hard links the writer falls back to a checked rename;
        # make that fail too so the failure path is exercised.
        monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new contents " * 1000, force=force)
    if force:
        assert target.read_text() == "old contents"
        assert _names(tmp_path) == ["out.md"]
    else:
        assert _names(tmp_path) == []


def test_interrupt_during_write_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert _names(tmp_path) == ["out.md"]
