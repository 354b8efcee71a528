"""Correctness at scale on a generated dataset (not timed: benchmarks/run.py times it).

The same things the small fixtures prove must hold with thousands of events:
the file loads, its store gives back the same model, search still finds a
quote planted in the middle of the file, and the explorer reaches the last
event and shows it.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.core.store import StoredDataset, open_dataset
from bbtui.core.store.search import StoreIndex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate

EVENTS = 2000


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.write_dataset(EVENTS, tmp_path_factory.mktemp("scale") / "big.yaml")


@pytest.fixture(scope="module")
def big(big_path: Path) -> Dataset:
    return load(big_path)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate.write_dataset(50, tmp_path / "a.yaml")
    b = generate.write_dataset(50, tmp_path / "b.yaml")
    c = generate.write_dataset(50, tmp_path / "c.yaml", seed=7)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_generated_dataset_loads_with_its_shape(big: Dataset) -> None:
    counts = big.counts()
    assert counts["events"] == EVENTS
    assert counts["countries"] == 120
    assert counts["sources"] == EVENTS // 2
    assert 2.5 * EVENTS < counts["quotes"] < 3.5 * EVENTS
    precisions = {e.date.precision.value for e in big.events}
    assert precisions == {"year", "month", "day"}
    assert [e.date.sort_key for e in big.events] == sorted(e.date.sort_key for e in big.events)
    assert big.events[-1].id == generate.PLANTED_EVENT_ID


@pytest.fixture(scope="module")
def stored(big_path: Path, tmp_path_factory: pytest.TempPathFactory) -> StoredDataset:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBTUI_CACHE_DIR", str(tmp_path_factory.mktemp("store")))
        patch.delenv("BBTUI_NO_CACHE", raising=False)
        open_dataset(big_path)
        view = open_dataset(big_path)
    assert isinstance(view, StoredDataset)
    return view


def test_store_round_trip_at_scale(stored: StoredDataset, big: Dataset) -> None:
    assert stored.whole() == big


def test_store_search_finds_the_planted_quote(stored: StoredDataset) -> None:
    found = StoreIndex(stored).search(generate.PLANTED_WORD)
    assert [hit.id for hit in found.hits] == [generate.PLANTED_QUOTE_ID]
    assert found.total == 1


def test_search_finds_the_planted_quote(big: Dataset) -> None:
    search = pytest.importorskip("bbtui.core.search")
    index = search.QuoteIndex(big)
    found = index.search(generate.PLANTED_WORD)
    assert [hit.id for hit in found.hits] == [generate.PLANTED_QUOTE_ID]
    assert found.total == 1


@pytest.mark.parametrize("opened", ["loaded", "stored"])
def test_explorer_reaches_the_last_event_and_shows_it(
    opened: str, request: pytest.FixtureRequest
) -> None:
    from bbtui.ui.app import ExplorerApp

    dataset = request.getfixturevalue("big" if opened == "loaded" else "stored")

    async def main() -> None:
        app = ExplorerApp(dataset)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("end")
            await pilot.pause()
            timeline = app.explorer.timeline
            assert timeline.event is not None
            assert timeline.event.id == generate.PLANTED_EVENT_ID
            assert generate.PLANTED_TITLE in app.explorer.detail.text
            assert generate.PLANTED_WORD in app.explorer.detail.text  # its quote too

    asyncio.run(main())
