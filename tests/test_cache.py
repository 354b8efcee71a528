"""The validated-model cache: same model as the loader, or no cache at all."""

from __future__ import annotations

import dataclasses
import json
import stat
import sys
from enum import Enum
from pathlib import Path

import pytest

from bbtui.core import cache, loader
from bbtui.core.errors import DatasetError
from bbtui.core.loader import load

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset  # noqa: E402


def assert_identical(a: object, b: object, where: str = "dataset") -> None:
    """Equal, field by field, and of the same types (a str is not an Outcome)."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if f.name != "path":
                assert_identical(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), f"{where}: {len(a)} != {len(b)} items"  # type: ignore[arg-type]
        for i, (x, y) in enumerate(zip(a, b)):  # type: ignore[call-overload]
            assert_identical(x, y, f"{where}[{i}]")
    elif isinstance(a, Enum):
        assert a is b, where
    else:
        assert a == b, where


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid dataset just over the cache's size threshold (200 events, about 370 KB)."""
    path = write_dataset(200, tmp_path_factory.mktemp("data") / "big.yaml")
    assert path.stat().st_size > cache.MIN_BYTES
    return path


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(home))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    return home


@pytest.fixture
def big_copy(big_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(big_file.read_bytes())
    return copy


def cache_files(home: Path) -> list[Path]:
    return sorted(home.glob("*.json")) if home.is_dir() else []


def forbid_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader ran: the cache missed")

    monkeypatch.setattr(loader, "load", fail)


def test_schema_matches_the_model() -> None:
    # If this fails, the model changed: update cache.SCHEMA, the row layout and FORMAT.
    assert cache.schema_matches()


def test_miss_writes_then_hit_skips_the_loader(
    big_file: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache.load_dataset(big_file)
    assert len(cache_files(cache_home)) == 1
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    forbid_loader(monkeypatch)
    second = cache.load_dataset(big_file)
    assert_identical(first, second)
    assert second.path == str(big_file)


def test_cached_model_equals_the_loaded_one_field_by_field(
    big_file: Path, cache_home: Path
) -> None:
    cache.load_dataset(big_file)
    cached = cache.load_dataset(big_file)
    fresh = load(big_file)
    assert fresh == cached
    assert_identical(fresh, cached)
    assert any(e.notes for e in fresh.events) and any(q.translated for q in fresh.quotes)
    assert any(s.published is None for s in fresh.sources)


@pytest.mark.parametrize("name", ["mini.yaml", "hostile.yaml"])
def test_round_trip_keeps_every_field_of_the_fixtures(name: str, tmp_path: Path) -> None:
    dataset = load(DATA / name)
    cache.write(tmp_path / "x.json", "k", dataset)
    assert_identical(dataset, cache.read(tmp_path / "x.json", "k"))


def test_changed_content_misses(big_copy: Path, cache_home: Path) -> None:
    before = cache.load_dataset(big_copy)
    text = big_copy.read_text(encoding="utf-8")
    title = before.events[0].title
    big_copy.write_text(text.replace(title, "A title changed on disk", 1), encoding="utf-8")
    after = cache.load_dataset(big_copy)
    assert after.events[0].title == "A title changed on disk"
    assert len(cache_files(cache_home)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated mid-line
        lambda raw: raw[: raw.rindex(b"\n", 0, -1) + 1],  # whole lines, but no end
        lambda raw: b"\x00garbage",
        lambda raw: raw.replace(b'"title":', b'"title":7,"x":', 1),  # wrong type
        lambda raw: b'{"format": 1}',
    ],
    ids=["truncated", "lines-missing", "garbage", "wrong-type", "fields-missing"],
)
def test_damaged_cache_is_ignored_and_rewritten(damage, big_file: Path, cache_home: Path) -> None:
    expected = cache.load_dataset(big_file)
    [cache_file] = cache_files(cache_home)
    cache_file.write_bytes(damage(cache_file.read_bytes()))
    assert_identical(expected, cache.load_dataset(big_file))
    # Rewritten: the next open is a clean hit again.
    header = json.loads(cache_file.read_bytes().splitlines()[0])
    assert header["key"] == cache_file.name.split(".")[0]


def test_stale_version_in_the_file_misses(big_file: Path, cache_home: Path) -> None:
    cache.load_dataset(big_file)
    [cache_file] = cache_files(cache_home)
    header, rest = cache_file.read_text(encoding="utf-8").split("\n", 1)
    doc = json.loads(header)
    doc["bbtui"] = "0.0.0-other"
    cache_file.write_text(json.dumps(doc) + "\n" + rest, encoding="utf-8")
    assert cache.read(cache_file, doc["key"]) is None


def test_invalid_dataset_is_never_cached(tmp_path: Path, big_file: Path, cache_home: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(big_file.read_bytes().replace(b"    country: ", b"    country: zz-", 1))
    with pytest.raises(DatasetError):
        cache.load_dataset(broken)
    assert cache_files(cache_home) == []


def test_unwritable_cache_never_fails_a_load(big_file: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(blocker))
    assert len(cache.load_dataset(big_file).events) == 200


def test_no_cache_env_var_disables_it(big_file: Path, cache_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    cache.load_dataset(big_file)
    assert cache_files(cache_home) == []


def test_small_files_are_not_cached(cache_home: Path) -> None:
    cache.load_dataset(DATA / "mini.yaml")
    assert cache_files(cache_home) == []


def test_only_the_most_recent_files_are_kept(big_file: Path, cache_home: Path) -> None:
    dataset = load(DATA / "mini.yaml")
    cache_home.mkdir()
    for i in range(cache.KEEP_FILES + 3):
        cache.write(cache_home / f"{i:064d}{cache._SUFFIX}", str(i), dataset)
    assert len(cache_files(cache_home)) == cache.KEEP_FILES


class FakeTerminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.written = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.written += text

    def flush(self) -> None:
        pass


def test_first_open_progress_line_only_on_a_terminal_for_big_files(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bbtui.cli import explore

    monkeypatch.setattr(explore, "PROGRESS_MIN_BYTES", cache.MIN_BYTES)
    assert explore._progress_for(str(big_file), FakeTerminal(tty=False)) is None
    assert explore._progress_for(str(DATA / "mini.yaml"), FakeTerminal(tty=True)) is None
    terminal = FakeTerminal(tty=True)
    line = explore._progress_for(str(big_file), terminal)
    assert line is not None
    line(0.425)
    line(0.426)  # same percentage: not written again
    line(1.0)
    assert terminal.written == "\rReading big.yaml (first open only)…  42%" + (
        "\rReading big.yaml (first open only)… 100%"
    )
    line.clear()
    assert terminal.written.endswith("\r\x1b[2K")
