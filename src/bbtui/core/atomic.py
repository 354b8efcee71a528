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
import secrets
import stat
from pathlib import Path


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
    directory = path.parent
    fd, temp = _create_temp(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
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
