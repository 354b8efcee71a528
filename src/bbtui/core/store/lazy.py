"""Records of a store as a sequence and a mapping, read a chunk at a time.

`Rows` is `events`, `quotes` and `sources` of a `StoredDataset`: indexing reads
the chunk of rows around the one asked for and keeps the recently used
chunks; `ById` is `event_by_id` and its kin. Both answer from the view's
fall-back dataset once the store was found damaged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence as SequenceABC
from functools import partial
from typing import TYPE_CHECKING, TypeVar, overload

if TYPE_CHECKING:
    from bbtui.core.model import Dataset
    from bbtui.core.store.view import StoredDataset

T = TypeVar("T")
_CHUNK = 32  # rows read at once around the one asked for (a screen is about 20)
_KEEP_CHUNKS = 64
_ITER_ROWS = 2000  # rows read at once when a whole list is iterated (an export), none kept


class Rows(SequenceABC[T]):
    """Records by position, read in chunks and kept while recently used."""

    def __init__(self, view: StoredDataset, length: int, read: Callable[[int, int], list[T]],
                 read_at: Callable[[list[int]], list[T]],
                 whole: Callable[[Dataset], tuple[T, ...]]) -> None:  # fmt: skip
        self._view, self._len, self._read, self._whole = view, length, read, whole
        self._read_at = read_at
        self._chunks: OrderedDict[int, list[T]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        fallback = self._view.fallback
        return len(self._whole(fallback)) if fallback is not None else self._len

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        fallback = self._view.fallback
        if fallback is not None:
            return self._whole(fallback)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("position out of range")
        start = index - index % _CHUNK
        with self._lock:
            chunk = self._chunks.get(start)
            if chunk is not None:
                self._chunks.move_to_end(start)
        if chunk is None:
            chunk = self._view.guarded(lambda: self._read(start, _CHUNK), None)
            if chunk is None:
                return self[index]  # the view fell back to the YAML
            if len(chunk) != min(_CHUNK, self._len - start):
                self._view.damaged()
                return self[index]
            with self._lock:
                self._chunks[start] = chunk
                if len(self._chunks) > _KEEP_CHUNKS:
                    self._chunks.popitem(last=False)
        return chunk[index - start]

    def at(self, positions: list[int]) -> list[T]:
        """The records at these positions, read in one query (search hits are scattered)."""
        fallback = self._view.fallback
        if fallback is not None:
            return [self._whole(fallback)[p] for p in positions]
        if any(not 0 <= p < self._len for p in positions):
            raise IndexError("position out of range")
        wanted = sorted(set(positions))
        records = self._view.guarded(lambda: self._read_at(wanted), None)
        if records is None or len(records) != len(wanted):
            if records is not None:
                self._view.damaged()
            return self.at(positions)
        found = dict(zip(wanted, records, strict=False))
        return [found[p] for p in positions]

    def __iter__(self) -> Iterator[T]:
        start = 0
        while start < len(self):
            fallback = self._view.fallback
            if fallback is not None:
                yield from self._whole(fallback)[start:]
                return
            rows = self._view.guarded(partial(self._read, start, _ITER_ROWS), None)
            if rows is None:
                continue  # fell back: this round again, from the YAML's model
            yield from rows
            start += len(rows) or _ITER_ROWS


class ById(MappingABC[str, T]):
    """Records by id: one indexed look-up each."""

    def __init__(self, view: StoredDataset, find: Callable[[str], T | None],
                 whole: Callable[[Dataset], dict[str, T]], size: Callable[[], int],
                 find_many: Callable[[list[str]], dict[str, T]] | None = None) -> None:  # fmt: skip
        self._view, self._find, self._whole, self._size = view, find, whole, size
        self._find_many = find_many

    def many(self, keys: Iterable[str]) -> dict[str, T]:
        """The records with these ids (those there are), asked for together: a few
        queries where `self[key]` for each would be one per key."""
        wanted = list(dict.fromkeys(keys))
        fallback = self._view.fallback
        if fallback is not None:
            whole = self._whole(fallback)
            return {key: whole[key] for key in wanted if key in whole}
        if self._find_many is None or any(type(key) is not str for key in wanted):
            return {key: self[key] for key in wanted if key in self}
        find_many = self._find_many
        found = self._view.guarded(lambda: find_many(wanted), None)
        return self.many(wanted) if found is None else found

    def __getitem__(self, key: str) -> T:
        fallback = self._view.fallback
        if fallback is not None:
            return self._whole(fallback)[key]
        if type(key) is not str:
            raise KeyError(key)
        found = self._view.guarded(lambda: self._find(key), None)
        if found is None:
            if self._view.fallback is not None:
                return self[key]
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        raise TypeError("iterate the records of a stored dataset, not its look-up tables")

    def __len__(self) -> int:
        return self._size()
