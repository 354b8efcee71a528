"""Search on the store gives the same answers as the in-memory index (the design's promise).

Every query here runs through both `QuoteIndex` (the dataset in memory) and
`StoreIndex` (FTS5 in the store) on each test dataset, quotes only and with
events, and the totals, tier counts, suggestions, hits and highlights must
be identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.search import HitKind, QuoteIndex, SearchResults
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.core.store.search import StoreIndex, open_index

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset

QUERIES = [
    "beard", "grateful", "lawfull interception", "pakistan", "proposals speaker:beard",
    "qqqqzzzz", "reprieve", "swath zebraxylophone", "talks country:pk", "talks speaker:beard",
    "teh ", "the", "unfetterd", "unfettered access ", "unfettered acc", '"unfettered access"',
    '"unfettered acc', "access year:2010-2012", "access year:201", "country:india",
    "country:united", "source:reuters", "speaker:a", "gov", "g", "year:2015", "year:1",
    '"pakistan exit"', "pakistan exit", "café", "cafe naive", "résumé", "secure lawful",
    "quokkaphone", "acces", "governmnt access", "blackberry", "blackberry pakistan",
    "government access", "pakistan's", "speaker:", "year:20x5", "   ", "the government of",
    "country:zz access", '"never negotiable" speaker:zz', "e2e", "lawful_interception",
    "role:minister", "access role:ceo", "role:zz", "year:201 role:a",
    # A country by name, alias or code, and a month (dates to the day and to the month).
    "country:uk", 'country:"united kingdom"', "country:gb", "country:pakistan", "country:emir",
    "country:ksa", "talks country:united", "year:2010-07", "year:1998-3 the", "year:2015-07", "year:2004-05 gov",
    "year:2010-07 country:pk", "year:1999-07",
]  # fmt: skip


def key(results: SearchResults, limit: int = 300) -> tuple[object, ...]:
    hits = [(h.kind, h.id, h.event_id, h.tier, h.text, h.spans) for h in results.hits[:limit]]
    return (results.total, results.tier_counts, results.suggestion, len(results.hits), hits)


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    generated = write_dataset(300, tmp_path_factory.mktemp("gen") / "gen.yaml")
    return [ROOT / "data" / "events.yaml", ROOT / "tests" / "data" / "mini.yaml",
            ROOT / "tests" / "data" / "hostile.yaml", generated]  # fmt: skip


@pytest.fixture(scope="module")
def pairs(
    datasets: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[str, QuoteIndex, StoreIndex]]:
    found = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBTUI_CACHE_DIR", str(tmp_path_factory.mktemp("store")))
        patch.delenv("BBTUI_NO_CACHE", raising=False)
        patch.setattr(opening, "MIN_BYTES", 0)  # store even the small ones
        for path in datasets:
            open_dataset(path)
            view = open_dataset(path)
            assert isinstance(view, StoredDataset)
            found.append((path.name, QuoteIndex(load(path)), StoreIndex(view)))
    return found


@pytest.mark.parametrize("include_events", [False, True], ids=["quotes", "events too"])
def test_store_search_matches_the_memory_index(
    pairs: list[tuple[str, QuoteIndex, StoreIndex]], include_events: bool
) -> None:
    for name, memory, store in pairs:
        for query in QUERIES:
            expected = memory.search(query, include_events=include_events)
            assert key(store.search(query, include_events=include_events)) == key(expected), (
                f"{name}: {query!r}"
            )
        assert store.has_events == memory.has_events


def test_with_a_limit_the_hits_are_the_same_and_the_count_says_at_least(
    pairs: list[tuple[str, QuoteIndex, StoreIndex]],
) -> None:
    _, memory, store = pairs[-1]  # the generated dataset: common words match thousands
    for query in ("the", "government a", "g", "quokkaphone"):
        expected = memory.search(query, limit=20)
        got = store.search(query, limit=20)
        assert [h.id for h in got.hits] == [h.id for h in expected.hits], query
        assert got.total == expected.total or (got.at_least and got.total < expected.total)
        assert got.at_least == (expected.total > got.total)
        assert store.exact_total(query) == expected.total


def test_the_explorer_searches_the_shipped_dataset_as_when_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The explorer opens it from its store; its search must still take every
    # filter the in-memory index takes (country names, a month).
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    shipped = ROOT / "data" / "events.yaml"
    open_dataset(shipped, store_shipped=True)
    view = open_dataset(shipped, store_shipped=True)
    assert isinstance(view, StoredDataset)
    memory = QuoteIndex(load(shipped))
    index = open_index(view)
    for query in ("country:uk", "country:ksa", "year:2015-07", "government access"):
        expected = memory.search(query)
        assert expected.total, query
        assert key(index.search(query)) == key(expected), query


def test_the_month_and_country_queries_meet_every_kind_of_date_and_name(
    pairs: list[tuple[str, QuoteIndex, StoreIndex]],
) -> None:
    """The parity test above means something only if the generated dataset gives these
    queries hits: a month holds dates to the day and to the month (and not one known
    only to the year), and a country named matches what its code does."""
    _, memory, store = pairs[-1]
    data = memory.dataset
    month = memory.search("year:2010-07", include_events=True)
    dates = [
        data.quote_by_id[h.id].said if h.kind is HitKind.QUOTE else data.event_by_id[h.id].date
        for h in month.hits
    ]
    precisions = {
        (h.kind is HitKind.QUOTE, len(d.iso())) for h, d in zip(month.hits, dates, strict=True)
    }
    assert precisions == {(True, 7), (True, 10), (False, 7), (False, 10)}, precisions
    in_year = memory.search("year:2010", include_events=True).total
    assert in_year > month.total
    assert key(store.search("year:2010-07", include_events=True)) == key(month)
    by_code = key(memory.search("country:gb"))
    assert by_code[0]
    for name in ("country:uk", 'country:"united kingdom"', "country:britain"):
        assert key(memory.search(name)) == by_code
        assert key(store.search(name)) == by_code, name


def test_an_index_that_read_ahead_answers_the_same(
    pairs: list[tuple[str, QuoteIndex, StoreIndex]],
) -> None:
    """`prepare` (the search screen's read-ahead, in a worker) changes no answer, and
    what it read serves the counting connection too."""
    for name, memory, store in pairs:
        assert isinstance(store.dataset, StoredDataset)
        # Events asked for already (by an earlier test) change the advice: as the memory index.
        prepared = StoreIndex(store.dataset, include_events=memory.has_events)
        prepared.prepare()
        for query in QUERIES:
            expected = memory.search(query)
            assert key(prepared.search(query)) == key(expected), f"{name}: {query!r}"
            assert key(prepared.counted(query)) == key(expected), f"{name}: {query!r}"
