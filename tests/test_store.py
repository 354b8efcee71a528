"""The dataset store: the same model as the loader, read by position, and never trusted.

A store lives in the user's cache directory, where anything may have changed
it. Each test here damages one in a way seen in the attack on the JSON cache
(issue #17) and checks that the open still gives the validated model, with
at most a one-line notice, and that the next open has a sound store again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bbtui.core import loader
from bbtui.core.errors import DatasetError
from bbtui.core.model import Dataset
from bbtui.core.store import StoredDataset, check, open_dataset, opening, schema, verify
from bbtui.core.store.opening import store_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset


def assert_identical(a: object, b: object, where: str = "dataset") -> None:
    """Equal, field by field, and of the same types (a str is not an Outcome)."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if f.name != "path":
                assert_identical(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), f"{where}: {len(a)} != {len(b)} items"  # type: ignore[arg-type]
        for i, (x, y) in enumerate(zip(a, b, strict=True)):  # type: ignore[call-overload]
            assert_identical(x, y, f"{where}[{i}]")
    elif isinstance(a, Enum):
        assert a is b, where
    else:
        assert a == b, where


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid generated dataset (80 events, about 150 KB: stored, see `small_threshold`)."""
    return write_dataset(80, tmp_path_factory.mktemp("data") / "big.yaml")


@pytest.fixture(autouse=True, scope="module")
def small_threshold() -> Iterator[None]:
    # Files under MIN_BYTES are loaded directly; a smaller file keeps these tests quick.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(opening, "MIN_BYTES", 100_000)
        yield


@pytest.fixture(scope="module")
def loaded(big_file: Path) -> Dataset:
    return loader.load(big_file)


@pytest.fixture(scope="module")
def pristine(big_file: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The store of `big_file`, built once for the module (building takes about a second)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBTUI_CACHE_DIR", str(tmp_path_factory.mktemp("pristine")))
        patch.delenv("BBTUI_NO_CACHE", raising=False)
        open_dataset(big_file)
        return store_file(big_file).read_bytes()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big_file: Path, pristine: bytes) -> Path:
    """A cache directory of its own for each test, holding a sound store of `big_file`."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(home))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    store_file(big_file).parent.mkdir(parents=True)
    store_file(big_file).write_bytes(pristine)
    return home


@pytest.fixture
def copy(big_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.yaml"
    path.write_bytes(big_file.read_bytes())
    return path


def forbid_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader ran: the store was not used")

    monkeypatch.setattr(loader, "load", fail)


def stored(path: Path, notices: list[str] | None = None) -> StoredDataset:
    """Open `path` (twice if it has no store yet) and return the store-backed view."""
    if not store_file(path).exists():
        open_dataset(path)
    view = open_dataset(path, on_notice=(notices.append if notices is not None else None))
    assert isinstance(view, StoredDataset)
    return view


def tamper(path: Path, *statements: str) -> None:
    """Change the store of `path` in place, as someone with write access to the cache might."""
    connection = sqlite3.connect(store_file(path))
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_the_store_holds_every_field_of_the_model() -> None:
    # A new model field must be stored (schema.FIELDS, the tables, build and check).
    assert schema.fields_match(), "the model changed: update bbtui.core.store"


# --- the same model ------------------------------------------------------------------


def test_first_open_writes_the_store_then_the_next_reads_it(
    big_file: Path, home: Path, monkeypatch: pytest.MonkeyPatch, loaded: Dataset
) -> None:
    store_file(big_file).unlink()
    forbid_loader(monkeypatch)  # the first open streams the file into the store
    first = open_dataset(big_file)
    assert isinstance(first, StoredDataset)
    assert_identical(first.whole(), loaded)
    assert store_file(big_file).is_file()
    view = open_dataset(big_file)
    assert isinstance(view, StoredDataset)
    assert_identical(view.whole(), loaded)


def test_the_view_answers_every_look_up_like_the_model(
    big_file: Path, home: Path, loaded: Dataset
) -> None:
    view = stored(big_file)
    assert len(view.events) == len(loaded.events)
    assert view.counts() == loaded.counts()
    assert (view.title, view.description) == (loaded.title, loaded.description)
    for position in (0, 1, 63, 64, len(loaded.events) - 1, -1):
        assert view.events[position] == loaded.events[position]
    event = loaded.events[17]
    assert view.event_by_id[event.id] == event and view.event_by_id.get("e-nope") is None
    assert view.event_index.get(event.id) == 17
    assert view.quotes_for(event.id) == loaded.quotes_for(event.id)
    assert view.events_by_country.get(event.country) == loaded.events_by_country[event.country]
    assert view.events_by_country.get("ZZ", ()) == ()
    quote = loaded.quotes[5]
    assert view.quote_by_id[quote.id] == quote and "q-nope" not in view.quote_by_id
    assert list(view.sources_for(event.sources)) == list(loaded.sources_for(event.sources))
    assert view.country_by_code == loaded.country_by_code
    assert list(view.events) == list(loaded.events)


def test_records_asked_for_together_are_those_asked_for_one_by_one(
    big_file: Path, home: Path, loaded: Dataset
) -> None:
    view = stored(big_file)
    events = [e.id for e in loaded.events[::7]] + ["e-nope", loaded.events[3].id]
    found = view.event_by_id.many(events)
    assert list(found) == [e for e in dict.fromkeys(events) if e != "e-nope"]
    assert all(found[e] == loaded.event_by_id[e] for e in found)
    sources = [s.id for s in loaded.sources[::-3]]
    assert view.source_by_id.many(sources) == {s: loaded.source_by_id[s] for s in sources}
    assert view.event_by_id.many([]) == {}


@pytest.mark.parametrize(
    "damage",
    ["UPDATE events SET title = 'Never happened.'", "UPDATE sources SET outlet = ' padded'"],
    ids=["a changed title", "unstripped text"],
)
def test_records_asked_for_together_from_a_damaged_store_are_the_files(
    damage: str, big_file: Path, home: Path, loaded: Dataset
) -> None:
    stored(big_file)
    tamper(big_file, damage)
    notices: list[str] = []
    view = open_dataset(big_file, on_notice=notices.append)
    assert isinstance(view, StoredDataset)
    events = [e.id for e in loaded.events[:40]]
    sources = [s.id for s in loaded.sources[:40]]
    assert view.event_by_id.many(events) == {e: loaded.event_by_id[e] for e in events}
    assert view.source_by_id.many(sources) == {s: loaded.source_by_id[s] for s in sources}
    assert len(notices) == 1 and view.fallback is not None


@given(st.lists(st.one_of(st.none(), st.integers(), st.text()), max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_row_digest_is_the_json_of_its_values_hashed(values: list[object]) -> None:
    # The crc bbtui has always written (see schema): a faster digest must give the same.
    row = tuple(values)
    encoded = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    expected = hashlib.blake2b(encoded.encode("utf-8", "surrogatepass"), digest_size=8)
    assert check.row_digest(row) == expected.digest()


@pytest.mark.parametrize(
    "text",
    ["[]", '["a","b"]', " []", "[] ", "[]\n", "[1,]", "[]x", "[][]", "{}", '"[]"', "", "[", "[NaN]",
     "[" * 5000 + "]" * 5000],
)  # fmt: skip
def test_a_stored_list_is_read_as_json_loads_reads_it(text: str) -> None:
    try:
        expected = json.loads(text)
    except (ValueError, RecursionError):
        expected = None
    if type(expected) is not list:
        with pytest.raises(check.StoreDamaged):
            check.json_list(text)
    else:
        assert check.json_list(text) == expected


@pytest.mark.parametrize("name", ["mini.yaml", "hostile.yaml", "reporting.yaml"])
def test_round_trip_keeps_every_field_of_the_fixtures(
    name: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small files are normally loaded directly: store them anyway to check every field.
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    assert_identical(stored(DATA / name).whole(), loader.load(DATA / name))


def test_small_files_are_loaded_directly(home: Path) -> None:
    assert isinstance(open_dataset(DATA / "mini.yaml"), Dataset)
    assert not store_file(DATA / "mini.yaml").exists()


def test_no_cache_env_var_disables_the_store(
    big_file: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    store_file(big_file).unlink()
    open_dataset(big_file)
    assert isinstance(open_dataset(big_file), Dataset)
    assert not store_file(big_file).exists()


def test_an_invalid_dataset_is_never_stored(tmp_path: Path, big_file: Path, home: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(big_file.read_text(encoding="utf-8").replace("bbtui: 1", "bbtui: 7", 1))
    with pytest.raises(DatasetError):
        open_dataset(bad)
    assert not store_file(bad).exists()


def test_an_unwritable_store_never_fails_an_open(
    big_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loaded: Dataset
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(blocker))
    assert open_dataset(big_file) == loaded


# --- rebuilt when it is not this file's --------------------------------------------------


def test_an_edited_file_rebuilds_the_store(copy: Path, home: Path) -> None:
    stored(copy)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("title:", "title: Edited", 1), encoding="utf-8")
    reopened = open_dataset(copy)
    assert reopened.title.startswith("Edited")
    assert stored(copy).title.startswith("Edited")


def test_same_size_and_time_but_other_bytes_is_caught_by_the_hash(copy: Path, home: Path) -> None:
    view = stored(copy)
    info = copy.stat()
    data = bytearray(copy.read_bytes())
    at = data.index(b"title: ") + len(b"title: ")
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")
    copy.write_bytes(bytes(data))
    os.utime(copy, ns=(info.st_atime_ns, info.st_mtime_ns))
    notices: list[str] = []
    reopened = open_dataset(copy, on_notice=notices.append)
    assert isinstance(reopened, StoredDataset)  # size and time agree: opened at once...
    view = reopened
    assert verify(view) is False  # ...and the hash, off the first frame, catches it
    assert view.title == loader.load(copy).title and len(notices) == 1
    assert not store_file(copy).exists() or stored(copy).title == view.title


def test_a_foreign_version_is_rebuilt_quietly(big_file: Path, home: Path, loaded: Dataset) -> None:
    stored(big_file)
    tamper(big_file, "UPDATE meta SET value = 'older' WHERE key = 'bbtui'")
    notices: list[str] = []
    assert open_dataset(big_file, on_notice=notices.append).whole() == loaded
    assert notices == []  # an upgrade is not damage
    assert isinstance(open_dataset(big_file), StoredDataset)


def test_an_older_format_with_other_tables_is_rebuilt_quietly(
    big_file: Path, home: Path, loaded: Dataset
) -> None:
    stored(big_file)
    # As an older bbtui left it: a format number behind, and a column fewer.
    tamper(
        big_file,
        "UPDATE meta SET value = value - 1 WHERE key = 'format'",
        "ALTER TABLE quotes DROP COLUMN reported_note",
    )
    notices: list[str] = []
    assert open_dataset(big_file, on_notice=notices.append).whole() == loaded
    assert notices == []
    assert isinstance(open_dataset(big_file), StoredDataset)


# --- never trusted ------------------------------------------------------------------------

DAMAGE = {
    "wrong types": ["UPDATE events SET title = 42 WHERE pos = 0"],
    "a changed text": ["UPDATE quotes SET text = 'Never said.' WHERE ord = 3"],
    "wrong types in a list": ["UPDATE events SET tags = '[1, {}]' WHERE pos = 2"],
    "javascript url": ["UPDATE sources SET url = 'javascript:alert(1)'"],
    "zero events": ["DELETE FROM events", "UPDATE meta SET value = 0 WHERE key = 'count_events'"],
    "quote of a missing event": ["UPDATE quotes SET event = 'e-gone' WHERE ord = 0"],
    "unknown enum": ["UPDATE countries SET outcome = 'annexed' WHERE ord = 0"],
    "bad date": ["UPDATE events SET date = '2015-02-31' WHERE pos = 0"],
    "a gap": ["DELETE FROM events WHERE pos = 1"],
    "list bomb": ["UPDATE events SET tags = '" + "[" * 200_000 + "' WHERE pos = 0"],
    "extra trigger": ["CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"],
    # FTS5's own tables: damage it answers from, finding fewer quotes or none
    "search index emptied": [
        "UPDATE quote_words_data SET block = zeroblob(length(block)) WHERE id = 10"
    ],
    "a search index block zeroed": [
        (
            "UPDATE event_words_data SET block = zeroblob(length(block))"
            " WHERE id = (SELECT max(id) FROM event_words_data)"
        )
    ],
    "search index lookups gone": ["DELETE FROM quote_words_idx"],
    "a search index block as text": [
        (
            "UPDATE quote_words_data SET block = CAST(block AS TEXT)"
            " WHERE id = (SELECT min(id) FROM quote_words_data WHERE id > 10)"
        )
    ],
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_store_is_discarded_and_rebuilt(
    damage: str, big_file: Path, home: Path, loaded: Dataset
) -> None:
    stored(big_file)
    tamper(big_file, *DAMAGE[damage])
    notices: list[str] = []
    opened = open_dataset(big_file, on_notice=notices.append)
    verify(opened)  # as every command does, and the explorer after its first frame
    first = opened.quotes_for(loaded.quotes[0].event)  # reading the damaged rows
    assert opened.whole() == loaded and opened.events[0] == loaded.events[0]
    assert first == loaded.quotes_for(loaded.quotes[0].event)
    assert len(notices) == 1 and "\n" not in notices[0]
    assert_identical(stored(big_file).whole(), loaded)  # and the next open is sound again


@pytest.mark.parametrize(
    "garbage",
    [b"", b"[" * 200_000, b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["empty", "brackets", "bad pages"],
)
def test_a_store_that_is_not_a_database_is_rebuilt(
    garbage: bytes, big_file: Path, home: Path, loaded: Dataset
) -> None:
    stored(big_file)
    store_file(big_file).write_bytes(garbage)
    assert open_dataset(big_file, on_notice=lambda _: None).whole() == loaded
    assert isinstance(open_dataset(big_file), StoredDataset)


@pytest.mark.parametrize("node", ["/dev/zero", "fifo", "dangling"])
def test_a_store_that_is_a_symlink_or_a_fifo_is_never_read(
    node: str, big_file: Path, home: Path, tmp_path: Path, loaded: Dataset
) -> None:
    stored(big_file)
    target = store_file(big_file)
    target.unlink()
    if node == "fifo":
        os.mkfifo(target)  # opening it for reading would block for ever
    else:
        target.symlink_to("/dev/zero" if node == "/dev/zero" else tmp_path / "nothing")
    notices: list[str] = []
    assert open_dataset(big_file, on_notice=notices.append).whole() == loaded
    assert len(notices) == 1
    assert not target.is_symlink() and target.is_file()  # replaced by a real store


def test_a_dangling_symlink_does_not_stop_pruning(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "KEEP_STORES", 2)
    directory = opening.store_dir()
    for existing in directory.iterdir():
        existing.unlink()
    (directory / "aaaa.bbtui.sqlite3").symlink_to(tmp_path / "gone")
    olds = []
    for n in range(4):
        old = directory / f"old{n}.bbtui.sqlite3"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
        olds.append(old)
    stale = directory / ".tmp-0123.bbtui.sqlite3"
    stale.write_bytes(b"x")
    os.utime(stale, (1_000_000, 1_000_000))
    opening.prune(directory)
    # The newest store stays; the older ones, the dangling link and the stale temp file go.
    assert sorted(p.name for p in directory.iterdir()) == ["old3.bbtui.sqlite3"]


# --- the commands use it ----------------------------------------------------------------


def run_bbtui(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bbtui", *args], capture_output=True, text=True, env=env, check=False
    )


def test_search_and_export_read_the_store_and_say_one_line_when_it_is_damaged(
    tmp_path: Path,
) -> None:
    big_file = write_dataset(160, tmp_path / "commands.yaml")  # over MIN_BYTES in a new process
    assert big_file.stat().st_size > 256 * 1024
    env = {**os.environ, "BBTUI_CACHE_DIR": str(tmp_path / "cmd-cache")}
    env.pop("BBTUI_NO_CACHE", None)
    direct = run_bbtui("search", "quokkaphone", "--data", str(big_file), "--json",
                       env={**env, "BBTUI_NO_CACHE": "1"})  # fmt: skip
    first = run_bbtui("search", "quokkaphone", "--data", str(big_file), "--json", env=env)
    assert (first.returncode, first.stdout, first.stderr) == (0, direct.stdout, "")
    stores = list((tmp_path / "cmd-cache" / "store").glob("*.sqlite3"))
    assert len(stores) == 1, "the first run writes the store"
    again = run_bbtui("search", "quokkaphone", "--data", str(big_file), "--json", env=env)
    assert (again.returncode, again.stdout, again.stderr) == (0, direct.stdout, "")
    connection = sqlite3.connect(stores[0])
    connection.execute("UPDATE quotes SET text = 'Poisoned.'")
    connection.commit()
    connection.close()
    exported = run_bbtui("export", "--format", "json", "--data", str(big_file), env=env)
    assert exported.returncode == 0 and "Poisoned" not in exported.stdout
    assert len(exported.stderr.splitlines()) == 1 and "stored copy" in exported.stderr
    plain = run_bbtui("export", "--format", "json", "--data", str(big_file),
                      env={**env, "BBTUI_NO_CACHE": "1"})  # fmt: skip
    assert exported.stdout == plain.stdout


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty, self.written = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.written += text
        return len(text)

    def flush(self) -> None:
        pass


def test_first_open_progress_line_only_on_a_terminal_for_big_files(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bbtui.cli import explore

    monkeypatch.setattr(explore, "PROGRESS_MIN_BYTES", 100_000)
    assert explore._progress_for(str(big_file), FakeTerminal(tty=False)) is None
    assert explore._progress_for(str(DATA / "mini.yaml"), FakeTerminal(tty=True)) is None
    terminal = FakeTerminal(tty=True)
    line = explore._progress_for(str(big_file), terminal)
    assert line is not None
    line(0.425)
    line(0.426)  # same percentage: not written again
    line(1.0)
    assert terminal.written == (
        "\rReading big.yaml (first open only)…  42%\rReading big.yaml (first open only)… 100%"
    )
    line.clear()
    assert terminal.written.endswith("\r\x1b[2K")
