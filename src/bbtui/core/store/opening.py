"""The one way to open a dataset, for the explorer and every command alike.

    dataset = open_dataset(path, progress=None, on_notice=None)

A small file is simply loaded: parsing it takes milliseconds, and a store per
small dataset is clutter. The shipped dataset, opened by the explorer, is the
exception: it is opened at every start of `bbtui`, and from its store that open
imports neither PyYAML nor the loader and validator (measured: ~230 M instructions of a ~1,900 M
start-up, against ~12 M from the store). A big one is read from its store,
an SQLite file in the user's cache directory written at the first open
(`bbtui.core.store.build`), so a later open reads only the rows it needs.
That first open validates the file record by record (`loader.stream`), each
record written to the new store as it comes, so it never holds the dataset
in memory; then it opens the store like any later open. If the store cannot
be written (a full disk, say) the file is loaded in memory instead.

The store is untrusted input. It is used only if it is a regular file (not a
symlink, FIFO or device), its schema is exactly the one this version writes,
its format and bbtui version match, it describes this file (size and
modification time, else the SHA-256 of its bytes), the search index's
structure records are those written, and its counts and positions agree;
every row is then checked as it is read, and `verify` (which the explorer
and every command run) checks the file's hash and the whole search index.
Anything else and it is discarded and rebuilt from the YAML, which is
validated as always. A damaged store (as opposed to an old or stale one)
earns a one-line notice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from bbtui import __version__
from bbtui.core.importers import is_timeline, read_timeline
from bbtui.core.model import Dataset
from bbtui.core.paths import cache_dir, shipped_dataset
from bbtui.core.store import index_check, schema
from bbtui.core.store.check import StoreDamaged
from bbtui.core.store.view import StoredDataset

# Below this size loading the YAML is already quick (measured: the 0.2 MB
# shipped dataset loads in ~25 ms) and a store per small dataset is clutter
# (the shipped dataset excepted: see the module docstring).
MIN_BYTES = 256 * 1024
KEEP_STORES = 8
STALE_TEMP_SECONDS = 3600
_SUFFIX = ".bbtui.sqlite3"
_OLD_CACHE_SUFFIX = ".bbtui-cache.json"  # the JSON-lines cache this replaces

Progress = Callable[[float], None]
Notice = Callable[[str], None]


def enabled() -> bool:
    return os.environ.get("BBTUI_NO_CACHE", "").strip() in ("", "0") and schema.fields_match()


def store_dir() -> Path:
    return cache_dir() / "store"


def store_file(path: str | os.PathLike[str]) -> Path:
    """Where the store of the dataset at `path` lives (one per dataset file)."""
    where = os.path.realpath(path)
    name = hashlib.sha256(f"bbtui store\n{where}".encode("utf-8", "surrogatepass")).hexdigest()
    return store_dir() / f"{name[:32]}{_SUFFIX}"


def file_digest(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def open_dataset(
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    on_notice: Notice | None = None,
    *,
    use_store: bool = True,
    store_shipped: bool = False,
) -> Dataset | StoredDataset:
    """The validated dataset at `path`: from its store when there is a sound one.

    `store_shipped`: the shipped dataset through its store too (the explorer,
    which opens it at every start); other commands load it.

    A TimelineJS file (CSV or JSON) is converted in memory and never stored.
    Raises what `bbtui.core.loader.load` raises (DatasetUnreadable, DatasetError).
    """
    if is_timeline(path):
        return read_timeline(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if (
        not (use_store and enabled())
        or info is None
        or not stat.S_ISREG(info.st_mode)
        or (info.st_size < MIN_BYTES and not (store_shipped and is_shipped(path)))
    ):
        return _load(path, progress)  # it says what is wrong with the path
    target = store_file(path)
    name = str(path)
    view = _open_store(target, info, name, on_notice)
    if view is not None:
        return view
    if _build_store(target, path, info, progress):
        view = _open_store(target, info, name, on_notice)
        if view is not None:
            return view
    return _load(path, progress)


def is_shipped(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is the dataset that ships with bbtui."""
    try:
        return os.path.samefile(path, shipped_dataset())
    except (OSError, ValueError):
        return False


def _load(path: str | os.PathLike[str], progress: Progress | None) -> Dataset:
    # The loader (and PyYAML) is imported only when the YAML is read: a store
    # hit, the usual open of a big file, never parses it.
    from bbtui.core import loader

    return loader.load(path, progress=progress)


# Of a first open's time, reading and validating the file is the most.
_STREAM_SHARE = 0.8


def _build_store(
    target: Path, path: str | os.PathLike[str], before: os.stat_result, progress: Progress | None
) -> bool:
    """Validate the file into a new store at `target`; False if no store could be written.

    Raises DatasetError (DatasetUnreadable) as `loader.load` would, the new store discarded.
    """
    from bbtui.core import loader
    from bbtui.core.store import build  # only to write a store: not on a warm start

    try:
        writer = build.StoreWriter(target)
    except (OSError, sqlite3.Error):
        return False
    share = None if progress is None else (lambda done: progress(done * _STREAM_SHARE))
    rest = None if progress is None else (lambda done: progress(_STREAM_SHARE + done * (1 - _STREAM_SHARE)))  # fmt: skip
    try:
        values, digest = loader.stream(path, writer, progress=share)
        after = os.stat(path)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            writer.abort()  # changed while it was read: the digest may describe neither version
            return False
        header = {k: values.get(k) for k in ("title", "description", "start")}
        header["description"] = header["description"] or ""
        meta = {"size": after.st_size, "mtime_ns": after.st_mtime_ns, "sha256": digest}
        writer.finish(header, meta, progress=rest)
    except (OSError, sqlite3.Error):
        writer.abort()
        return False  # a store is a convenience: never fail a load over it
    except BaseException:
        writer.abort()
        raise
    prune(target.parent, keep=target)
    return True


def verify(dataset: Dataset | StoredDataset, *, references: bool = True) -> bool:
    """Check a stored dataset against its file's bytes and itself (run it off the UI thread).

    The hash of the file must be the one the store was built from, the search
    index must be the one written (`index_check`), and every reference in the
    store must resolve. If not, the view falls back to the YAML and the store
    is replaced; returns whether the store was sound.
    """
    if not isinstance(dataset, StoredDataset) or dataset.fallback is not None or not dataset.path:
        return True
    # The index is read on a connection of its own beside the file's hash: both
    # wait on SQLite or hashlib with the interpreter released.
    index_sound: list[bool] = []
    reading = threading.Thread(
        target=lambda: index_sound.append(dataset.index_is_sound()), name="index-check"
    )
    reading.start()
    try:
        matches = file_digest(dataset.path) == dataset.digest
    except OSError:
        return True  # the file went away: keep showing what was opened
    finally:
        reading.join()
    if not matches:
        dataset.changed()  # first: from now on nothing opens the store again
        _discard(store_file(dataset.path))
        return False
    if index_sound != [True]:
        dataset.damaged()
        return False
    return dataset.check_references() if references else True


def _open_store(
    target: Path, info: os.stat_result, name: str, on_notice: Notice | None
) -> StoredDataset | None:
    try:
        found = os.lstat(target)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        # A symlink (to /dev/zero, say), a FIFO, a directory: never opened.
        _discard(target)
        _notice(on_notice, name)
        return None
    connection = None
    try:
        connection = _connect(target)
        # The version first: an older (or newer) bbtui's store has other
        # tables, and is rebuilt quietly rather than reported as damaged.
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != schema.FORMAT or meta.get("bbtui") != __version__:
            connection.close()
            _discard(target)
            return None
        if schema.read_schema(connection) != schema.expected_schema():
            raise StoreDamaged("not a store this version writes")
        if meta.get("index_structure") != index_check.structure_digest(connection):
            raise StoreDamaged("the search index is not the one written")
        described = (meta.get("size"), meta.get("mtime_ns")) == (info.st_size, info.st_mtime_ns)
        if not described and meta.get("sha256") != file_digest(name):
            connection.close()
            _discard(target)  # the file was edited (a touch alone keeps it): rebuilt quietly
            return None
        if type(meta.get("sha256")) is not str:
            raise StoreDamaged("no content key")
        view = StoredDataset(
            connection, meta, name, lambda: _reload(target, name), on_notice,
            reconnect=lambda: _connect(target),
        )  # fmt: skip
    except (sqlite3.Error, StoreDamaged, KeyError, ValueError, TypeError, OverflowError, OSError):
        if connection is not None:
            connection.close()
        _discard(target)
        _notice(on_notice, name)
        return None
    with contextlib.suppress(OSError):
        os.utime(target)  # most recently used: pruned last
    return view


def _connect(target: Path) -> sqlite3.Connection:
    # Read-only, and immutable: bbtui never changes a store in place (a new
    # one is renamed over it), so no locking is needed. check_same_thread is
    # off because the view serialises every query under its own lock.
    uri = f"file:{url_quote(str(target))}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.execute("PRAGMA trusted_schema=OFF")
    connection.execute("PRAGMA cell_size_check=ON")
    connection.execute("PRAGMA mmap_size=268435456")
    return connection


def _reload(target: Path, name: str) -> Dataset:
    """After damage was found mid-session: the YAML again, and a new store for next time."""
    from bbtui.core import loader

    _discard(target)
    try:
        info = os.stat(name)
    except OSError:
        info = None
    dataset = loader.load(name)
    if info is not None:
        _write_store(target, name, info, dataset)
    return dataset


def _write_store(
    target: Path, path: str | os.PathLike[str], before: os.stat_result, dataset: Dataset
) -> None:
    # Only what was validated is stored: if the file changed while it was
    # loading, the digest would describe other bytes.
    try:
        digest = file_digest(path)
        after = os.stat(path)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            return
        meta: dict[str, Any] = {"size": after.st_size, "mtime_ns": after.st_mtime_ns}
        meta["sha256"] = digest
        from bbtui.core.store import build

        build.write(target, dataset, meta)
    except (OSError, sqlite3.Error, ValueError, TypeError):
        return  # a store is a convenience: never fail a load over it
    prune(target.parent, keep=target)


def _notice(on_notice: Notice | None, name: str) -> None:
    if on_notice is not None:
        on_notice(f"{name}: the stored copy was damaged or foreign; rebuilt it from the file")


def _discard(target: Path) -> None:
    with contextlib.suppress(OSError):
        target.unlink()


def prune(directory: Path, keep: Path | None = None) -> None:
    """Keep the KEEP_STORES most recently used stores; remove stale temp files and the old cache.

    Every entry is looked at with lstat and removed on its own, so a dangling
    symlink or a file that vanished meanwhile never stops the rest.
    """
    now = time.time()
    stores: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        entries = []
    for entry in entries:
        path = Path(entry.path)
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if entry.name.startswith(schema.TEMP_PREFIX):
            if now - info.st_mtime > STALE_TEMP_SECONDS:
                _discard(path)
        elif entry.name.endswith(_SUFFIX) and path != keep:
            if stat.S_ISREG(info.st_mode):
                stores.append((info.st_mtime, path))
            else:
                _discard(path)  # a symlink or node where a store should be
    stores.sort(reverse=True)
    for _, old in stores[KEEP_STORES - 1 :]:
        _discard(old)
    try:
        old_cache = list(os.scandir(cache_dir()))
    except OSError:
        return
    for entry in old_cache:
        if entry.name.endswith(_OLD_CACHE_SUFFIX):
            _discard(Path(entry.path))
