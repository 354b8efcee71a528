"""Open a big dataset again in a fraction of a second: a cache of validated models.

Parsing and validating YAML runs at about 5 MB/s, so a 100k-event file takes
half a minute. Once a file has loaded cleanly, its model is written to the
user's cache directory as compact JSON lines (one array per record, in
field order), keyed by a SHA-256 of the file's bytes, the bbtui version and this
module's format version: editing the file, upgrading bbtui or changing the
format simply misses. JSON, not pickle, because reading it can never run code;
`json.loads` in C reads a 170 MB cache in well under a second.

Only valid datasets are cached (the loader raises on anything else), a cache
that cannot be written never fails a load, and a damaged cache file is
ignored and rewritten. Set BBTUI_NO_CACHE=1 to bypass the cache altogether.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from bbtui import __version__
from bbtui.core import loader
from bbtui.core.model import (
    Country, Dataset, Event, Note, NoteKind, Outcome, PartialDate, Quote, Source, SpeechKind,
    TitleStatus,
)  # fmt: skip
from bbtui.core.paths import cache_dir

FORMAT = 4  # bump when the layout below changes
# Below this size the loader is already quick (the shipped dataset loads in
# milliseconds) and a cache file per small dataset is clutter. Measured: a
# 1.8 MB file loads in 0.33 s from YAML and 0.03 s from the cache.
MIN_BYTES = 256 * 1024
CHUNK = 2000  # records per line of the cache file
_LISTS = ("sources", "countries", "events", "quotes")
KEEP_FILES = 8  # cache files kept (most recently used); older ones are removed
_SUFFIX = ".bbtui-cache.json"

Progress = Callable[[float], None]

# The fields this module stores, in order. If the model gains or loses a
# field, the cache turns itself off (see `schema_matches`) rather than return
# a model that differs from what the loader builds.
SCHEMA: dict[type, tuple[str, ...]] = {
    Note: ("kind", "text", "sources"),
    Source: (
        "id", "outlet", "title", "url", "published", "published_note", "file", "notes",
        "title_status", "read_at", "accessed", "archive_url", "archive_date",
    ),
    Country: (
        "code", "name", "first_year", "last_year", "demand", "outcome",
        "outcome_summary", "response", "sources", "notes",
    ),
    Event: (
        "id", "date", "country", "title", "summary", "tags", "sources", "date_note", "notes",
    ),
    Quote: (
        "id", "event", "text", "speaker", "role", "said", "source", "kind",
        "said_note", "translated", "notes",
    ),
    Dataset: ("title", "description", "sources", "countries", "events", "quotes", "path"),
}  # fmt: skip


def schema_matches() -> bool:
    return all(
        tuple(f.name for f in dataclasses.fields(cls)) == names for cls, names in SCHEMA.items()
    )


def enabled() -> bool:
    return os.environ.get("BBTUI_NO_CACHE", "").strip() in ("", "0") and schema_matches()


def load_dataset(
    path: str | os.PathLike[str], progress: Progress | None = None, use_cache: bool = True
) -> Dataset:
    """The validated dataset at `path`, from the cache when this exact file loaded before.

    Raises what `bbtui.core.loader.load` raises: DatasetUnreadable, DatasetError.
    """
    if not (use_cache and enabled()):
        return loader.load(path, progress=progress)
    try:
        key = _key(path)
    except OSError:
        return loader.load(path, progress=progress)  # it says what is wrong with the path
    if key is None:
        return loader.load(path, progress=progress)
    cache_file = cache_dir() / f"{key}{_SUFFIX}"
    cached = read(cache_file, key, str(path))
    if cached is not None:
        return cached
    dataset = loader.load(path, progress=progress)
    # The file may have changed while it loaded: only cache what was hashed.
    try:
        unchanged = _key(path) == key
    except OSError:
        unchanged = False
    if unchanged:
        try:
            write(cache_file, key, dataset)
        except (OSError, ValueError, TypeError):
            pass  # a cache is a convenience: never fail a load over it
    return dataset


def is_cached(path: str | os.PathLike[str]) -> bool:
    """Whether `load_dataset(path)` would be served from the cache (cheap: no parsing)."""
    if not enabled():
        return False
    try:
        key = _key(path)
    except OSError:
        return False
    return key is not None and (cache_dir() / f"{key}{_SUFFIX}").is_file()


def _key(path: str | os.PathLike[str]) -> str | None:
    """The file's cache key, or None when it is too small to be worth caching."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size < MIN_BYTES:
            return None
        digest = hashlib.sha256(f"bbtui {__version__} cache {FORMAT}\n".encode())
        # In chunks: a 180 MB file is never held in memory just to be hashed.
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- writing -----------------------------------------------------------------


def _notes(notes: tuple[Note, ...]) -> list[list[Any]]:
    return [[n.kind.value, n.text, n.sources] for n in notes]


def _date(date: PartialDate | None) -> str | None:
    return None if date is None else date.iso()


def _rows(dataset: Dataset) -> dict[str, Iterable[list[Any]]]:
    return {
        "sources": (
            [
                s.id, s.outlet, s.title, s.url, _date(s.published), s.published_note, s.file,
                _notes(s.notes), s.title_status.value, s.read_at, _date(s.accessed),
                s.archive_url, _date(s.archive_date),
            ]
            for s in dataset.sources
        ),
        "countries": (
            [
                c.code, c.name, c.first_year, c.last_year, c.demand, c.outcome.value,
                c.outcome_summary, c.response, c.sources, _notes(c.notes),
            ]
            for c in dataset.countries
        ),
        "events": (
            [
                e.id, e.date.iso(), e.country, e.title, e.summary, e.tags, e.sources,
                e.date_note, _notes(e.notes),
            ]
            for e in dataset.events
        ),
        "quotes": (
            [
                q.id, q.event, q.text, q.speaker, q.role, q.said.iso(), q.source, q.kind.value,
                q.said_note, q.translated, _notes(q.notes),
            ]
            for q in dataset.quotes
        ),
    }  # fmt: skip


def write(cache_file: Path, key: str, dataset: Dataset) -> None:
    """Write the cache atomically: a private temp file beside it, then a rename.

    The layout is JSON Lines: a header object, then one `[list name, [rows...]]`
    array per chunk of CHUNK records. Reading then parses one line at a time,
    so the whole file is never one string in memory (a 150 MB file with one
    curly apostrophe would be a 300 MB string).
    """
    directory = cache_file.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            header = {"format": FORMAT, "bbtui": __version__, "key": key}
            header |= {"title": dataset.title, "description": dataset.description}
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for name, rows in _rows(dataset).items():
                chunk: list[list[Any]] = []
                for row in rows:
                    chunk.append(row)
                    if len(chunk) == CHUNK:
                        out.write(_encode(name, chunk))
                        chunk = []
                if chunk:
                    out.write(_encode(name, chunk))
            out.write('["end", []]\n')  # a file cut short has no end line: a miss
        os.replace(temp, cache_file)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _prune(directory, keep=cache_file)


def _encode(name: str, rows: list[list[Any]]) -> str:
    # ensure_ascii=False: smaller, and the C decoder reads it faster.
    line = json.dumps([name, rows], ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return line + "\n"


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the KEEP_FILES most recently used cache files."""
    try:
        files = [(p.stat().st_mtime, p) for p in directory.glob(f"*{_SUFFIX}") if p != keep]
    except OSError:
        return
    files.sort(reverse=True)
    for _, old in files[KEEP_FILES - 1 :]:
        try:
            old.unlink()
        except OSError:
            pass


# --- reading -----------------------------------------------------------------


def read(cache_file: Path, key: str, path: str | None = None) -> Dataset | None:
    """The dataset stored in `cache_file`, or None if it is missing, stale or damaged."""
    # Reading makes millions of objects and no cycles: the cycle collector
    # would rescan them over and over (10k events: 0.75 s with it, 0.31 s without).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with open(cache_file, "rb") as handle:
            header = json.loads(handle.readline())
            if header["format"] != FORMAT or header["bbtui"] != __version__ or header["key"] != key:
                return None
            decoder = _Decoder()
            records: dict[str, list[Any]] = {name: [] for name in _LISTS}
            # Each line is turned into model objects at once, so its parsed
            # rows are freed before the next line is read.
            for line in handle:
                name, rows = json.loads(line)
                if name == "end":
                    break
                records[name].extend(decoder.decode[name](rows))
            else:
                return None  # cut short
        dataset = Dataset(
            title=_str(header["title"]), description=_str(header["description"]),
            sources=tuple(records["sources"]), countries=tuple(records["countries"]),
            events=tuple(records["events"]), quotes=tuple(records["quotes"]), path=path,
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing, truncated or not ours: the caller reloads and rewrites it
    finally:
        if was_enabled:
            gc.enable()
    try:
        os.utime(cache_file)  # most recently used: pruned last
    except OSError:
        pass
    return dataset


class _Decoder:
    """Rows of the cache file back into model objects, one list at a time."""

    def __init__(self) -> None:
        # Many records share a date, a speaker, an outlet: one object for each
        # distinct value keeps memory down and skips repeated date checks.
        self.dates: dict[str, PartialDate] = {}
        self.share = {}.setdefault
        self.kinds = {k.value: k for k in SpeechKind}
        self.decode: dict[str, Callable[[list[list[Any]]], list[Any]]] = {
            "sources": self.sources, "countries": self.countries,
            "events": self.events, "quotes": self.quotes,
        }  # fmt: skip

    def date(self, text: str) -> PartialDate:
        found = self.dates.get(text)
        if found is None:
            found = self.dates[text] = PartialDate.parse(text)
        return found

    def maybe_date(self, text: str | None) -> PartialDate | None:
        return None if text is None else self.date(text)

    @staticmethod
    def notes(rows: list[list[Any]], no_notes: tuple[Note, ...] = ()) -> tuple[Note, ...]:
        if not rows:
            return no_notes
        return tuple(Note(NoteKind(kind), _str(text), _ids(ids)) for kind, text, ids in rows)

    def sources(self, rows: list[list[Any]]) -> list[Source]:
        share, notes, maybe = self.share, self.notes, self.maybe_date
        return [
            Source(
                _str(sid), share(outlet, outlet), _str(title), _str(url), maybe(published),
                _opt(note), _opt(file), notes(note_rows), TitleStatus(status), _opt(read_at),
                maybe(accessed), _opt(archive_url), maybe(archive_date),
            )
            for (
                sid, outlet, title, url, published, note, file, note_rows, status, read_at,
                accessed, archive_url, archive_date,
            ) in rows
        ]  # fmt: skip

    def countries(self, rows: list[list[Any]]) -> list[Country]:
        notes = self.notes
        return [
            Country(
                _str(code), _str(name), _int(first), _int(last), _str(demand), Outcome(outcome),
                _str(summary), _str(response), _ids(ids), notes(note_rows),
            )
            for code, name, first, last, demand, outcome, summary, response, ids, note_rows
            in rows
        ]  # fmt: skip

    def events(self, rows: list[list[Any]]) -> list[Event]:
        date, share, notes = self.date, self.share, self.notes
        return [
            Event(
                _str(eid), date(when), share(country, country), _str(title), _str(summary),
                tuple(share(t, t) for t in tags), _ids(ids), _opt(date_note), notes(note_rows),
            )
            for eid, when, country, title, summary, tags, ids, date_note, note_rows in rows
        ]  # fmt: skip

    def quotes(self, rows: list[list[Any]]) -> list[Quote]:
        date, share, notes, kinds = self.date, self.share, self.notes, self.kinds
        return [
            Quote(
                _str(qid), share(event, event), _str(text), share(speaker, speaker),
                share(role, role), date(said), share(source, source), kinds[kind],
                _opt(said_note), translated is True, notes(note_rows),
            )
            for qid, event, text, speaker, role, said, source, kind, said_note, translated,
            note_rows in rows
        ]  # fmt: skip


# A cache file we wrote holds the right types; these cheap checks make one that
# was damaged into something else fail as a miss instead of a wrong model.
def _str(value: Any) -> str:
    if value.__class__ is not str:
        raise TypeError("expected text")
    return value


def _opt(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if value.__class__ is not int:
        raise TypeError("expected an integer")
    return value


def _ids(values: list[Any]) -> tuple[str, ...]:
    return tuple(_str(v) for v in values)
