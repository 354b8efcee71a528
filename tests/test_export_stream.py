"""Exports written a piece at a time from the store: the same bytes, in bounded memory.

`bbtui export` on a stored dataset never builds the whole model or the whole
text (a million events made 10 GB of both): the exporters iterate the store's
rows and yield the text in pieces. These tests hold the pieces to the
in-memory exporter's bytes and the memory to a bound that does not grow with
the number of events.
"""

from __future__ import annotations

import os
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbtui.core import loader
from bbtui.core.atomic import write_pieces
from bbtui.core.exporters import FORMATS, export, export_pieces, pieces
from bbtui.core.model import Dataset
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.core.store import check as store_check
from bbtui.core.store import lazy as store_lazy
from bbtui.core.store import view as store_view
from clirun import bbtui

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset

# Each format, and the two options that change one.
VARIANTS: list[tuple[str, dict[str, bool]]] = [(fmt, {}) for fmt in FORMATS] + [
    ("markdown", {"inline_citations": True}),
    ("csv", {"excel": True}),
]


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file is stored, however small, in a cache of this test's own.
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)


def stored(path: Path) -> StoredDataset:
    open_dataset(path)  # the first open builds the store
    view = open_dataset(path)
    assert isinstance(view, StoredDataset)
    return view


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(120, tmp_path_factory.mktemp("data") / "generated.yaml")


def selections(dataset: Dataset) -> list[list[str] | None]:
    # Everything; an event (with its quotes); a quote of another event (its event as context).
    other = next(q for q in dataset.quotes if q.event != dataset.events[0].id)
    return [None, [dataset.events[0].id], [other.id], [dataset.events[-1].id, other.id]]


@pytest.mark.parametrize("name", ["mini.yaml", "hostile.yaml", "html-injection.yaml",
                                  "reporting.yaml", "generated"])  # fmt: skip
def test_streamed_from_the_store_is_the_in_memory_export(name: str, generated: Path) -> None:
    path = generated if name == "generated" else DATA / name
    whole = loader.load(path)
    view = stored(path)
    for only in selections(whole):
        for fmt, options in VARIANTS:
            expected = export(whole, fmt, only, **options)
            pieces = list(export_pieces(view, fmt, only, **options))
            assert "".join(pieces) == expected, (name, fmt, options, only)
    assert view.fallback is None  # read from the store all along


def test_the_command_writes_the_same_bytes_from_a_warm_store(tmp_path: Path) -> None:
    big = write_dataset(160, tmp_path / "big.yaml")  # over MIN_BYTES in a new process
    bbtui("export", "-f", "bibtex", "--data", str(big))  # the first run builds the store
    assert list(Path(os.environ["BBTUI_CACHE_DIR"]).glob("store/*.sqlite3"))
    whole = loader.load(big)
    out = tmp_path / "out.csv"
    done = bbtui("export", "-f", "csv", "--data", str(big), "-o", str(out))
    assert (done.returncode, done.stderr) == (0, "")
    assert out.read_bytes() == export(whole, "csv").encode("utf-8")
    shown = bbtui("export", "-f", "json", "--data", str(big))
    assert (shown.returncode, shown.stderr, shown.stdout) == (0, "", export(whole, "json"))


def test_pieces_interrupted_half_way_leave_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def pieces() -> Iterator[str]:
        yield "a,b\r\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_pieces(target, pieces(), force=True)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left
    mixed: list[str | bytes] = ["a,", "“b”\r\n", b"c\n"]
    write_pieces(target, iter(mixed), force=True)
    assert target.read_bytes() == "a,“b”\r\nc\n".encode()


class _Forgetful(dict[str, object]):
    def __setitem__(self, key: str, value: object) -> None:
        pass


def _peak(fmt: str, path: Path) -> tuple[int, int]:
    """Traced peak while the export of `path` is made and dropped, and its length."""
    view = stored(path)
    tracemalloc.start()
    try:
        length = sum(len(piece) for piece in export_pieces(view, fmt))
        return tracemalloc.get_traced_memory()[1], length
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows are read 2000 at a time when a list is iterated, and the view
    # remembers 100k ids it has checked; fewer here, so that both files are
    # many reads long and the caches are full in both; likewise the pieces.
    monkeypatch.setattr(store_lazy, "_ITER_ROWS", 50)
    monkeypatch.setattr(store_view, "_KNOWN_IDS", 100)
    monkeypatch.setattr(pieces, "PIECE", 4096)  # many pieces even in the smaller file's bibtex
    # The row checks keep each date string they parsed (up to 100k, process-wide):
    # the larger file has more of them, which the export itself does not hold.
    monkeypatch.setattr(store_check, "_DATES", _Forgetful())
    small, large = (write_dataset(n, tmp_path / f"{n}.yaml") for n in (300, 1200))
    sources = stored(large).counts()["sources"] - stored(small).counts()["sources"]
    for fmt in FORMATS:
        (small_peak, small_len), (large_peak, large_len) = _peak(fmt, small), _peak(fmt, large)
        growth = large_peak - small_peak
        if fmt in ("markdown", "csl-json", "bibtex"):
            # These hold the id of each cited source (footnote numbers, the
            # cited set), never its record: well under 1 kB a source.
            assert growth < 1000 * sources, (fmt, small_peak, large_peak, sources)
        else:
            # What is left is noise: the piece being made, the rows in hand and
            # the bounded caches, seen at 0.04-0.17 of the text's growth across
            # runs. Holding the text would be 1; the whole model, over 2.
            assert growth < 0.3 * (large_len - small_len), (fmt, small_peak, large_peak)
    # The measure can tell: the whole model and text grow several times the text.
    whole = [_peak_whole(path) for path in (small, large)]
    assert whole[1][0] - whole[0][0] > 2 * (whole[1][1] - whole[0][1])


def _peak_whole(path: Path) -> tuple[int, int]:
    view = stored(path)
    tracemalloc.start()
    try:
        length = len(export(view.whole(), "csv"))
        return tracemalloc.get_traced_memory()[1], length
    finally:
        tracemalloc.stop()
