"""Read a file someone named, refusing anything that is not a regular file.

`/dev/zero` or `/dev/urandom` given as a dataset never ends (all the memory
goes), and a FIFO with no writer blocks the open for ever. So the file is
opened without blocking and checked with fstat (on the open file, so a
symlink swapped in between cannot slip past) before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class NotARegularFile(OSError):
    """The path names a device, a pipe or a socket, not a file to read."""


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at `path`.

    Raises IsADirectoryError for a directory, NotARegularFile for anything
    else that is not a regular file, and the usual OSErrors.
    """
    fd = open_regular(path)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_regular(path: str | os.PathLike[str]) -> int:
    """A file descriptor open for reading on the regular file at `path` (raises as above)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "this is a directory", str(path))
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
            raise NotARegularFile(errno.EINVAL, f"not a regular file ({kind})", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd
