"""Write a file all at once or not at all.

An export interrupted half-way (a full disk, Ctrl-C, a crash) must not leave
a truncated file where the reader expects a whole one, nor destroy the file
it was replacing. So the data goes to a temporary file in the same directory
(same file system, so the final rename is atomic), is flushed to disk, and
only then takes the target's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

# A temporary file of ours older than this was left by a killed process.
STALE_AFTER_SECONDS = 15 * 60


class NotARegularFile(OSError):
    """The target is a socket, a block device or something else no file may replace."""


class RefusingToOverwrite(FileExistsError):
    """The target exists and the caller did not ask to overwrite it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EEXIST, "already exists", str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _create_temp(directory: Path, name: str) -> tuple[int, str]:
    # Not mkstemp: it creates files 0600, and an export should get the mode a
    # plain open() gives. Created with 0666 the kernel applies the umask
    # (reading the umask would briefly change it for every thread).
    for _ in range(100):
        temp = str(directory / f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(directory))


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _sync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not possible everywhere (Windows).
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish_without_overwriting(temp: str, path: Path) -> None:
    # A hard link fails if the name is taken, so nothing created since the
    # caller's check can be clobbered. File systems without hard links fall
    # back to check-then-rename.
    try:
        os.link(temp, path)
    except FileExistsError:
        raise RefusingToOverwrite(path) from None
    except OSError:
        if os.path.lexists(path):
            raise RefusingToOverwrite(path) from None
        os.replace(temp, path)
    else:
        os.unlink(temp)


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove temporary files this module made for `name` and a killed process left."""
    ours = re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{12}}\.tmp\Z")
    too_old = time.time() - STALE_AFTER_SECONDS
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if not ours.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
            if stat.S_ISREG(info.st_mode) and mine and info.st_mtime < too_old:
                os.unlink(entry.path)
        except OSError:
            continue


def _encoded(pieces: Iterable[str | bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


def _write_through(path: Path, payloads: Iterable[bytes]) -> None:
    """Write to a FIFO or a character device as a stream (nothing to replace, nothing atomic)."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # no O_CREAT, no O_TRUNC: the node stays what it is
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO without a reader: never wait for one
            raise OSError(errno.ENXIO, "no one is reading from this pipe", str(path)) from None
        raise
    try:
        os.set_blocking(fd, True)
        for payload in payloads:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> None:
    """Write `data` (text is encoded as UTF-8, newlines untouched) to `path`: see `write_pieces`."""
    write_pieces(path, [data], force=force)


def write_pieces(
    path: str | os.PathLike[str], pieces: Iterable[str | bytes], *, force: bool = False
) -> None:
    """Write the pieces, one after another, to `path` as one file (text as UTF-8).

    Each piece is written as it comes, so a long export never has to be held
    whole; the file is still published only once the last piece is on disk.

    A regular file is written atomically: raises RefusingToOverwrite if `path`
    exists and `force` is false; on any failure (a signal too, once the CLI
    turns it into an exception) the temporary file is removed and whatever was
    at `path` before is left intact. A symlink is followed: its file is
    replaced and the link stays a link. A FIFO or a character device
    (`/dev/stdout`, a terminal) is written through, never replaced by a file.
    Raises IsADirectoryError for a directory and NotARegularFile for any other
    kind of node.
    """
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    if info is not None:
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            _write_through(path, _encoded(pieces))
            return
        if not stat.S_ISREG(mode):
            raise NotARegularFile(
                errno.EINVAL, "not a regular file: refusing to replace it", str(path)
            )
    if not force and os.path.lexists(path):
        raise RefusingToOverwrite(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # replace the file it names; the link stays
    directory = path.parent
    _remove_stale_temps(directory, path.name)
    fd, temp = _create_temp(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for payload in _encoded(pieces):
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if force and path.exists():
            # Replacing a file keeps its permissions.
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        if force:
            os.replace(temp, path)
        else:
            _publish_without_overwriting(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_directory(directory)
