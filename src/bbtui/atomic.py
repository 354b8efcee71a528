"""Write a file all at once or not at all.

An export interrupted half-way (a full disk, Ctrl-C, a crash) must not leave
a truncated file where the reader expects a whole one, nor destroy the file
it was replacing. So the data goes to a temporary file in the same directory
(same file system, so the final rename is atomic), is flushed to disk, and
only then takes the target's name.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class RefusingToOverwrite(FileExistsError):
    """The target exists and the caller did not ask to overwrite it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EEXIST, "already exists (use --force to overwrite)", str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _new_file_mode(existing: Path) -> int:
    # mkstemp creates 0600; an export should get the mode a plain `open()`
    # would give (or keep the mode of the file it replaces).
    try:
        return stat.S_IMODE(existing.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> None:
    """Write `data` (text is encoded as UTF-8, newlines untouched) to `path`.

    Raises RefusingToOverwrite if `path` exists and `force` is false, and
    IsADirectoryError if it is a directory. On any failure the temporary file
    is removed and whatever was at `path` before is left intact.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if not force and os.path.lexists(path):
        raise RefusingToOverwrite(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _new_file_mode(path)
    directory = path.parent
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if force:
            os.replace(temp, path)
        else:
            _publish_without_overwriting(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(directory)
